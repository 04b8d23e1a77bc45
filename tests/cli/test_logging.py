"""Faults leave a trace: a log file in the user's state folder, and --verbose on stderr
(issue 15, item 14)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from psoas_timer import logs
from psoas_timer.cli import main


def test_the_log_lives_in_the_users_state_folder(tmp_path: Path) -> None:
    path = logs.setup()
    assert path == Path(os.environ["XDG_STATE_HOME"]) / "psoas-timer" / "psoas-timer.log"
    logging.getLogger("psoas_timer.somewhere").warning("something odd")
    assert "WARNING psoas_timer.somewhere: something odd" in path.read_text(encoding="utf-8")


def test_without_xdg_state_home_it_is_under_local_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_STATE_HOME")
    expected = Path.home() / ".local" / "state" / "psoas-timer" / "psoas-timer.log"
    assert logs.log_path() == expected


def test_nothing_is_written_until_there_is_something_to_say() -> None:
    path = logs.setup()
    assert path is not None and not path.exists()


def test_make_output_logs_why_there_is_no_sound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_timer.audio import player
    from psoas_timer.ui.sound.output import SilentOutput, make_output

    class Broken:
        def __init__(self, *args: object) -> None:
            raise RuntimeError("the backend fell over")

    monkeypatch.setattr(player, "CuePlayer", Broken)
    path = logs.setup()
    assert isinstance(make_output(tmp_path), SilentOutput)
    text = path.read_text(encoding="utf-8") if path else ""
    assert "no sound: the cue player failed to start" in text
    assert "RuntimeError: the backend fell over" in text  # with its traceback


@pytest.mark.parametrize("args", [["--verbose", "list"], ["list", "--verbose"], ["-v", "list"]])
def test_verbose_prints_the_log_to_stderr(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "DEBUG psoas_timer.logs: psoas-timer" in err


def test_without_verbose_stderr_stays_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    logging.getLogger("psoas_timer.x").warning("into the file only")
    assert capsys.readouterr().err == ""
    assert "into the file only" in logs.log_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["a file where the folder goes", "a read-only folder"])
def test_an_unwritable_state_folder_sends_warnings_to_stderr(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if how == "a read-only folder":
        state = tmp_path / "locked"
        state.mkdir(mode=0o500)
        if os.access(state, os.W_OK):
            # Root may write in a read-only folder; nobody may make anything under /proc.
            if not Path("/proc/self").is_dir():
                pytest.skip("running as root without /proc: the other case covers it")
            state = Path("/proc/psoas-timer-test")
    else:
        state = tmp_path / "in-the-way"
        state.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    assert logs.setup() is None
    logging.getLogger("psoas_timer.x").warning("not lost")
    err = capsys.readouterr().err
    assert "no log file" in err and "not lost" in err


def test_an_uncaught_exception_is_logged(monkeypatch: pytest.MonkeyPatch) -> None:
    path = logs.setup()
    assert sys.excepthook is logs._excepthook
    printed: list[BaseException] = []
    monkeypatch.setattr(logs, "_previous_hook", lambda kind, value, tb: printed.append(value))
    try:
        raise ValueError("nobody caught me")
    except ValueError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        logs._excepthook(kind, value, tb)
    assert path is not None and "ValueError: nobody caught me" in path.read_text(encoding="utf-8")
    assert printed == [value]  # and Python still prints it


def test_the_log_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = logs.setup()
    assert path is not None
    for i in range(100):
        logging.getLogger("psoas_timer.x").info("line %d of a long story", i)
    assert path.stat().st_size <= 2000
    assert path.with_name(path.name + ".1").exists()
    assert not path.with_name(path.name + ".4").exists()  # three old files kept at most
