"""Settings read by type: whatever a damaged or hand-edited settings file holds, each value
reads as its default with one log line, the app opens, and a file it cannot use is said
(issue 22 item 7, issue 20 item 5)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings

from psoas_timer import paths
from psoas_timer.practice import autostart
from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.shell.settings import (
    SETTINGS_VERSION,
    JsonSetting,
    Preferences,
    Setting,
    migrate,
    registry,
)

DEEP = "[" * 100_000 + "]" * 100_000


def store(path: Path) -> QSettings:
    return QSettings(str(path / "settings.ini"), QSettings.Format.IniFormat)


def _written(tmp_path: Path, values: dict[str, Any]) -> QSettings:
    s = store(tmp_path)
    for key, value in values.items():
        s.setValue(key, value)
    s.sync()
    return store(tmp_path)


def _unusable(setting: Setting[Any] | JsonSetting[Any]) -> object:
    """A value of the wrong kind for *setting*, as a hand edit or a damaged file gives it."""
    if isinstance(setting, JsonSetting):
        return DEEP
    default = setting.default
    if isinstance(default, bool):
        return "perhaps"
    if isinstance(default, (int, float)):
        return "many"
    if isinstance(default, QByteArray):
        return "not a geometry"
    return ["a", "list"] if not setting.allowed else "purple"


def test_every_setting_has_a_key_of_its_own() -> None:
    keys = [s.key for s in registry()]
    assert len(keys) == len(set(keys)) >= 25


@pytest.mark.parametrize("setting", list(registry()), ids=lambda s: s.key)
def test_an_unusable_value_reads_as_the_default_with_one_log_line(
    setting: Setting[Any] | JsonSetting[Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    prefs = Preferences(_written(tmp_path, {setting.key: _unusable(setting)}))
    with caplog.at_level(logging.WARNING, "psoas_timer.ui.shell.settings"):
        for _ in range(3):
            assert prefs.read(setting) == setting.default
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith(f"setting {setting.key}: unusable value")


@pytest.mark.parametrize("key", ["history/ratings_off_routines", "session/choices"])
def test_a_deeply_nested_value_does_not_stop_a_session(tmp_path: Path, key: str) -> None:
    prefs = Preferences(_written(tmp_path, {key: DEEP}))
    assert prefs.ratings_for("Evening")  # before: RecursionError, and Start did nothing
    assert prefs.last_choices("Evening") == []
    prefs.remember_choices("Evening", ["heat"])
    prefs.set_routine_ratings("Morning", False)
    assert prefs.last_choices("Evening") == ["heat"]
    assert not prefs.ratings_for("Morning")


def test_values_of_the_right_shape_are_kept(tmp_path: Path) -> None:
    prefs = Preferences(store(tmp_path))
    prefs.remember_choices("Heat or ice", ["heat", "ice"])
    prefs.remember_choices("Ωmega", ["één"])
    prefs.set_routine_ratings("Desk break", False)
    prefs.theme = "dark"
    prefs.sync()
    again = Preferences(store(tmp_path))
    assert again.last_choices("Heat or ice") == ["heat", "ice"]
    assert again.last_choices("Ωmega") == ["één"]
    assert not again.routine_ratings("Desk break") and again.routine_ratings("Other")
    assert again.theme == "dark"


def test_numbers_are_brought_into_range(tmp_path: Path) -> None:
    prefs = Preferences(
        _written(tmp_path, {"audio/master": "7.5", "practice/desk_break_minutes": "1"})
    )
    assert prefs.audio_settings().master == 1.0
    assert prefs.practice_options().desk_break.every_minutes == 5


@pytest.mark.parametrize("version", [-1, "-7", "soon", str(2**70)])
def test_a_version_this_app_never_wrote_opens(
    tmp_path: Path, version: object, caplog: pytest.LogCaptureFixture
) -> None:
    s = _written(tmp_path, {"settings/version": version, "audio/muted": "true"})
    prefs = Preferences(s)  # before: KeyError in the migrations for -1
    assert prefs.muted
    assert int(s.value("settings/version")) >= SETTINGS_VERSION


def test_a_missing_migration_step_is_skipped_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_timer.ui.shell import settings as module

    monkeypatch.setattr(module, "SETTINGS_VERSION", 3)
    s = _written(tmp_path, {"settings/version": 1})
    assert migrate(s) == 1
    assert int(s.value("settings/version")) == 3


def test_a_setting_moved_to_a_new_key_keeps_its_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = Setting("window/close_to_tray", False, formerly=("tray/close_to_tray",))
    monkeypatch.setattr(Preferences, "close_to_tray", moved)
    s = _written(tmp_path, {"tray/close_to_tray": "true"})  # as version 0 kept it
    prefs = Preferences(s)
    assert prefs.close_to_tray is True
    assert not s.contains("tray/close_to_tray")


def test_start_at_login_with_its_entry_gone_reads_as_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    prefs = Preferences(store(tmp_path))
    on = PracticeOptions(start_at_login=True, desk_break=DeskBreakSettings())
    prefs.set_practice_options(on)
    autostart.enable(["psoas-timer", "--background"])
    assert prefs.practice_options().start_at_login
    autostart.autostart_path().unlink()  # removed by hand, or by a tidy-up tool
    assert not prefs.practice_options().start_at_login


def test_a_folder_where_the_settings_file_goes_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "settings.ini").mkdir()
    prefs = Preferences(store(tmp_path))
    assert prefs.problem == "it is a folder"
    assert not prefs.muted  # defaults, and the app carries on
    text = paths.storage_problem(prefs.file_name, prefs.problem)
    assert text is not None
    assert text.startswith("Your settings will not be saved: ")
    assert f"{tmp_path / 'settings.ini'} (it is a folder)" in text


@pytest.mark.parametrize(("mode", "said"), [(0o444, "it is read-only"), (0, "it cannot be read")])
def test_a_settings_file_that_cannot_be_used_is_said(
    tmp_path: Path, mode: int, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hostile cases (issue 22, item 7): a read-only or unreadable settings file was
    silently ignored. Now it is said. (Root reads and writes any file, and CI runs as
    root, so ``os.access`` is made to answer as it does for a user; the mode is set too.)"""
    _written(tmp_path, {"audio/muted": "true"})
    target = tmp_path / "settings.ini"
    target.chmod(mode)
    refused = os.W_OK if mode else os.R_OK | os.W_OK
    real_access = os.access

    def access(where: object, how: int, **kwargs: object) -> bool:
        if Path(str(where)) == target and how & refused:
            return False
        return real_access(where, how, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    prefs = Preferences(store(tmp_path))
    assert prefs.problem == said
    text = paths.storage_problem(prefs.file_name, prefs.problem)
    assert text is not None and f"{target} ({said})" in text


def test_a_usable_settings_file_says_nothing(tmp_path: Path) -> None:
    prefs = Preferences(_written(tmp_path, {"audio/muted": "true"}))
    assert prefs.problem is None
