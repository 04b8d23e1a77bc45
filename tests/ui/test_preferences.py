"""The settings registry: every setting in one place, with a version and a migration path."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from psoas_timer.ui.shell import settings as registry
from psoas_timer.ui.shell.settings import SETTINGS_VERSION, Preferences, migrate


def store(path: Path) -> QSettings:
    return QSettings(str(path / "settings.ini"), QSettings.Format.IniFormat)


def test_an_unversioned_store_is_migrated_once_and_keeps_its_values(tmp_path: Path) -> None:
    old = store(tmp_path)
    old.setValue("tray/close_to_tray", "true")  # as a release before versions wrote it
    old.setValue("audio/muted", "true")
    old.sync()
    prefs = Preferences(store(tmp_path))
    assert prefs.close_to_tray and prefs.muted
    assert store(tmp_path).value("settings/version") in (SETTINGS_VERSION, str(SETTINGS_VERSION))
    assert migrate(store(tmp_path)) == SETTINGS_VERSION  # nothing left to do


def test_migrations_run_in_order_from_the_stored_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[int] = []

    def step(n: int) -> object:
        def run(s: QSettings) -> None:
            ran.append(n)
            if n == 1:  # a later release renames a key
                s.setValue("window/close_to_tray", s.value("tray/close_to_tray"))
                s.remove("tray/close_to_tray")

        return run

    monkeypatch.setattr(registry, "SETTINGS_VERSION", 3)
    monkeypatch.setattr(registry, "MIGRATIONS", {0: step(0), 1: step(1), 2: step(2)})
    s = store(tmp_path)
    s.setValue("settings/version", 1)
    s.setValue("tray/close_to_tray", True)
    assert migrate(s) == 1
    assert ran == [1, 2]
    assert s.value("window/close_to_tray") in (True, "true")
    assert int(s.value("settings/version")) == 3


def test_a_store_from_a_newer_release_is_not_downgraded(tmp_path: Path) -> None:
    s = store(tmp_path)
    s.setValue("settings/version", SETTINGS_VERSION + 5)
    Preferences(s)
    assert int(s.value("settings/version")) == SETTINGS_VERSION + 5


def test_close_to_tray_and_geometry_are_typed_settings(tmp_path: Path) -> None:
    prefs = Preferences(store(tmp_path))
    assert prefs.close_to_tray is False and prefs.geometry() is None
    prefs.close_to_tray = True
    prefs.set_geometry(QByteArray(b"\x01\x02geometry"))
    prefs.sync()
    again = Preferences(store(tmp_path))
    assert again.close_to_tray is True
    assert again.geometry() == QByteArray(b"\x01\x02geometry")


def test_a_damaged_geometry_reads_as_none(tmp_path: Path) -> None:
    s = store(tmp_path)
    s.setValue("window/geometry", "not a geometry")
    assert Preferences(s).geometry() is None
