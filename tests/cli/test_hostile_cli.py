"""The hostile routine files of issue 15 through the command line, as a user would meet them:
never a traceback, never a hang, and one broken file never hides the others."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.core.test_hostile import FILES, expectations

from .test_cli import cli

REFUSED = [path for path in FILES if expectations(path) is not None]

#: What a terminal may act on rather than show (a line break between lines is ours to print).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def assert_inert(*texts: str) -> None:
    for text in texts:
        assert not RAW_CONTROL.search(text), (
            f"a raw control character reached the terminal: {text!r}"
        )


def test_validate_names_each_hostile_files_problems_at_their_lines(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    shutil.copytree(FILES[0].parent, folder)
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert_inert(result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    for path in REFUSED:
        for line, column, message in expectations(path) or []:
            assert f"{folder / path.name}:{line}:{column}: {message}" in lines
    assert lines[-1] == f"{len(REFUSED)} of {len(FILES)} files have problems"


def test_list_shows_every_routine_beside_hostile_files() -> None:
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    shutil.copytree(FILES[0].parent, user)
    result = cli("list")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    assert_inert(result.stdout)
    assert "Title\\x1b]0;PWNED\\x07\\x1b[2J " in result.stdout
    assert "\\x1b[31mred, \\u202eevil" in result.stdout
    assert "Daily psoas routine" in result.stdout
    assert f"{len(REFUSED)} routines have problems:" in result.stdout
    for path in REFUSED:
        assert f"    {user / path.name}:" in result.stdout


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_plan_of_a_hostile_file_prints_its_problems(path: Path) -> None:
    result = cli("plan", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert_inert(result.stdout, result.stderr)
    for line, column, message in expectations(path) or []:
        assert f"{path}:{line}:{column}: {message}" in result.stderr.splitlines()


def test_special_files_neither_block_nor_flood_validate_and_list(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = cli("validate", str(fifo), str(zero))  # a hang fails on the subprocess timeout
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{fifo}:1:1: is a named pipe, not a regular file",
        f"{zero}:1:1: is a device, not a regular file",
        "2 of 2 files have problems",
    ]
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    user.mkdir(parents=True, exist_ok=True)
    os.mkfifo(user / "pipe.yaml")
    (user / "zero.yaml").symlink_to("/dev/zero")
    listed = cli("list")
    assert listed.returncode == 0, listed.stderr
    assert "Daily psoas routine" in listed.stdout
    assert f"    {user / 'pipe.yaml'}:1:1: is a named pipe, not a regular file" in listed.stdout


def test_control_characters_in_names_reach_the_terminal_as_text(tmp_path: Path) -> None:
    named = tmp_path / "\x1b]0;PWNED\x07\x1b[2J.yaml"
    named.write_text("name: Fine\nsteps: [{name: Hold, hold: 30, hodl: 1}]\n")
    result = cli("validate", str(named))
    assert result.returncode == 1
    assert_inert(result.stdout, result.stderr)
    assert result.stderr.startswith(f"{tmp_path}/\\x1b]0;PWNED\\x07\\x1b[2J.yaml:2:")
    plan = cli("plan", str(FILES[0].parent / "control-characters-names.yaml"))
    assert plan.returncode == 0, plan.stderr
    assert_inert(plan.stdout, plan.stderr)
    assert plan.stdout.startswith("Title\\x1b]0;PWNED\\x07\\x1b[2J — ")
    assert "Hold\\r\\nFAKE LINE" in plan.stdout and "Bell\\x07\\x9b" in plan.stdout
    missing = cli("plan", "\x1b[2Jnothing")
    assert missing.returncode == 1
    assert_inert(missing.stderr)


def test_whatever_a_command_prints_reaches_the_terminal_inert(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Any command, those to come included: here one that prints a routine's name as it is.
    import sys

    from psoas_timer import cli as cli_module
    from psoas_timer.cli import routine_commands

    def careless(args: object) -> int:
        print("History of Title\x1b]0;PWNED\x07\x1b[2J\nnext line\r")
        print("problem: \x9b31m", file=sys.stderr)
        return 0

    monkeypatch.setattr(routine_commands, "cmd_schema", careless)
    assert cli_module.main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert out == "History of Title\\x1b]0;PWNED\\x07\\x1b[2J\nnext line\\r\n"
    assert err == "problem: \\x9b31m\n"
    assert_inert(out, err)


def test_a_symlink_loop_is_reported_as_one_not_as_missing(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    result = cli("validate", str(loop))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == f"{loop}:1:1: is a symbolic link that leads round in a loop"
    )
    by_name = cli("plan", "loop.yaml", cwd=tmp_path)
    assert by_name.returncode == 1
    assert by_name.stderr == "loop.yaml:1:1: is a symbolic link that leads round in a loop\n"
    (tmp_path / "breathing").mkdir()  # a folder named like a routine does not hide it
    assert cli("plan", "breathing", cwd=tmp_path).returncode == 0


def test_list_runs_nothing_from_a_crafted_routine_cache(tmp_path: Path) -> None:
    """Hostile case (issue 22, item 5): a pickle that runs a command, put in the user's cache
    folder under the cache's old and new names. ``list`` ran it; now it lists the bundled
    routines, runs nothing, and writes a cache of plain JSON in its place."""
    import pickle

    from psoas_timer.core.catalog_cache import CACHE_FILE

    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    cache = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    for name in (CACHE_FILE, "routines-v2.pickle"):
        (cache / name).write_bytes(pickle.dumps(Payload()))
    result = cli("list")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Daily psoas routine" in result.stdout
    assert not marker.exists()
    assert (cache / CACHE_FILE).read_bytes().startswith(b'{"version":3,')


LONG = "a" * 300 + ".yaml"


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["plan", LONG], f"psoas-timer: no routine named {LONG!r}"),
        (["validate", LONG], f"{LONG}:1:1: file not found"),
        (["export-audio", "-o", "out.wav", LONG], f"psoas-timer: no routine named {LONG!r}"),
    ],
    ids=["plan", "validate", "export-audio"],
)
def test_a_name_too_long_for_the_file_system_is_a_missing_file(
    tmp_path: Path, args: list[str], first_line: str
) -> None:
    """Hostile case (issue 22, item 10): a 300-character file name gave an OSError traceback
    (File name too long). Now it is answered as a missing file is."""
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == first_line


def test_the_catalog_resolves_a_name_too_long_as_an_unknown_one() -> None:
    from psoas_timer.core.catalog import load_catalog

    catalog = load_catalog(Path(__file__).resolve().parents[2] / "routines")
    assert catalog.resolve(LONG) is None
    entry = catalog.resolve("/tmp/" + LONG)
    assert entry is not None and not entry.ok
    assert entry.problems[0].message == "cannot read file: File name too long"
