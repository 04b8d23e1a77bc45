"""The command line speaks the language chosen in Menu → Language, as the window does (one
rule, :func:`psoas_timer.i18n.chosen_language`): the kept choice, unless it is "System",
which follows ``LANGUAGE``; a damaged or unknown value follows the environment with a log
line. The settings are written by QSettings itself, as the window writes them; the commands
run in a subprocess, as a user runs them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from psoas_timer import i18n, logs
from psoas_timer.cli.kept_language import Unreadable, read_ini, settings_file

from .in_language import DAILY, cli


def keep(value: object) -> None:
    """*value* kept as Menu → Language keeps it (QSettings, the window's file)."""
    from PySide6.QtCore import QSettings

    store = QSettings(str(settings_file()), QSettings.Format.IniFormat)
    store.setValue(i18n.LANGUAGE_SETTING, value)
    store.sync()
    assert store.status() == QSettings.Status.NoError


def test_a_kept_german_makes_plan_and_validate_german(broken: Path) -> None:
    german_plan = cli("de", "plan", DAILY).stdout  # nothing kept yet: LANGUAGE decides
    german_problem = cli("de", "validate", str(broken)).stderr
    assert "Get ready" in cli("en", "plan", DAILY).stdout
    keep("de")
    plan = cli("en", "plan", DAILY)
    assert plan.returncode == 0, plan.stderr
    assert plan.stdout == german_plan and "Get ready" not in plan.stdout
    problem = cli("fr", "validate", str(broken))
    assert problem.returncode == 1 and problem.stderr == german_problem
    first = problem.stderr.splitlines()[0]
    assert first.startswith(f"{broken}:3:31: ") and "unbekannter Schlüssel" in first
    assert cli("en", "--help").stdout.startswith("Aufruf: ")  # the window's --help too


def test_system_follows_language() -> None:
    french = cli("fr", "plan", DAILY).stdout
    keep("")
    assert cli("fr", "plan", DAILY).stdout == french
    assert "Get ready" in cli("en", "plan", DAILY).stdout


def test_nothing_kept_follows_language() -> None:
    assert not settings_file().exists()
    assert "Get ready" in cli("en", "plan", DAILY).stdout


@pytest.mark.parametrize("value", ["xx", "de, fr", None, 3, ["de", "fr"], b"de"])
def test_a_damaged_or_unknown_choice_follows_the_environment_with_a_log_line(
    value: object,
) -> None:
    keep(value)
    plan = cli("en", "plan", DAILY)
    assert plan.returncode == 0, plan.stderr
    assert "Get ready" in plan.stdout
    if value is not None:
        log = logs.log_path().read_text(encoding="utf-8")
        assert "not one the app has: following the system's" in log


def test_json_stays_english_with_a_kept_language() -> None:
    english = cli("en", "plan", DAILY, "--json").stdout
    keep("de")
    assert cli("en", "plan", DAILY, "--json").stdout == english


# -- the rule, and the file read as Qt reads it ---------------------------------------------


@pytest.mark.parametrize(
    ("kept", "chosen"),
    [(None, None), ("", None), ("System", None), ("de", "de"), ("pt_BR", "pt_BR"), ("en", "en")],
)
def test_the_rule(kept: object, chosen: str | None) -> None:
    assert i18n.chosen_language(kept) == chosen


@pytest.mark.parametrize("kept", ["xx", "../de", "de;fr", 3, ["de"], Unreadable("@Invalid()")])
def test_an_unknown_value_is_logged_and_follows_the_environment(
    kept: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="psoas_timer.i18n"):
        assert i18n.chosen_language(kept) is None
    assert len(caplog.records) == 1 and "not one the app has" in caplog.text


@pytest.mark.parametrize(
    "value",
    ["de", "", "pt_BR", " de ", "@de", "a, b", 'say "x"', "x;y=z", "back\\slash", "üñ", "\t"],
)
def test_the_file_reads_as_qsettings_reads_it(value: str) -> None:
    from PySide6.QtCore import QSettings

    keep(value)
    back = QSettings(str(settings_file()), QSettings.Format.IniFormat).value(i18n.LANGUAGE_SETTING)
    assert read_ini(settings_file(), i18n.LANGUAGE_SETTING) == back == value


@pytest.mark.parametrize("value", [["de", "fr"], b"de", 2.5j])
def test_what_qt_writes_that_is_not_a_string_is_not_read_as_one(value: object) -> None:
    keep(value)
    assert not isinstance(read_ini(settings_file(), i18n.LANGUAGE_SETTING), (str, type(None)))


def test_none_reads_as_nothing_kept_as_qt_reads_it() -> None:
    keep(None)
    assert read_ini(settings_file(), i18n.LANGUAGE_SETTING) is None


@pytest.mark.parametrize("args", [("--help",), ("plan", DAILY)])
def test_reading_the_choice_loads_no_qt(args: tuple[str, ...]) -> None:
    """QtCore alone would cost every command about 0.1 s: the kept choice is read without it
    (on Linux, where QSettings keeps an INI file)."""
    keep("de")
    probe = (
        "import sys\n"
        "from psoas_timer.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "from psoas_timer.i18n import language\n"
        "print(language(), sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANGUAGE="en")
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    ).stdout.splitlines()[-1]
    assert out == "de []"
