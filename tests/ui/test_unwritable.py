"""An unwritable HOME or data folder: the window lists the bundled routines, says once in
plain words that nothing will be saved, and carries on (issue 15, item 7)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from psoas_timer import APP_ID, ORGANIZATION
from psoas_timer.ui.shell import app
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.sound.output import SilentOutput

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = {p.stem for p in (ROOT / "routines").glob("*.yaml")}


def _root_proof_folder() -> Path:
    """Root may write in a read-only folder; nobody may make anything under /proc (Linux)."""
    folder = Path("/proc/psoas-timer-test")
    if not Path("/proc/self").is_dir():
        pytest.skip("running as root without /proc: 'a file in the way' covers it")
    return folder


def blocked_folder(tmp_path: Path, how: str) -> Path:
    """A folder nothing can be written under: read-only, or a file standing where it goes."""
    if how == "read-only":
        folder = tmp_path / "read-only"
        folder.mkdir(mode=0o555)
        if os.access(folder, os.W_OK):
            return _root_proof_folder()
        return folder
    (tmp_path / "in-the-way").write_text("a file, not a folder")
    return tmp_path / "in-the-way"


@pytest.fixture(params=["read-only", "a file in the way"])
def blocked(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return blocked_folder(tmp_path, request.param)


def _window(qtbot: QtBot, settings: QSettings) -> MainWindow:
    prefs = Preferences(settings)
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True
    # The real services but sound, which has nothing to do with saving.
    given = dataclasses.replace(app.services(prefs), audio=SilentOutput(), background=False)
    window = MainWindow(prefs, given)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _notices(window: MainWindow) -> list[QLabel]:
    """What the window says about saving: one notice, and no box on top of it."""
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not [box.text() for box in boxes if box.isVisible()]
    return [w for w in window.findChildren(QLabel, "storage_problem") if w.isVisible()]


def test_an_unwritable_data_folder(
    blocked: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = blocked / "data"
    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(data))
    window = _window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert window.catalog is not None
    assert {e.path.stem for e in window.catalog.entries if e.bundled} == BUNDLED
    qtbot.waitUntil(lambda: not window.listing.loading)  # the list fills a few cards at a time
    assert {e.path.stem for e in window.library.entries()} >= BUNDLED
    (notice,) = _notices(window)
    assert notice.text().startswith(
        "Your routines and history will not be saved: Psoas Timer cannot write to "
    )
    assert str(data / "routines") in notice.text()
    assert "new routines, changes to them and the sessions you do are lost" in notice.text()
    assert "settings" not in notice.text()  # those can be written
    window.reload()
    assert len(_notices(window)) == 1  # said once, not again on every reload
    assert window.open_routine(sorted(BUNDLED)[0])  # and it carries on
    window.steps.start()
    assert window.controller.active
    window.controller.stop()


def test_an_unwritable_home(blocked: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PSOAS_TIMER_DATA_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(blocked))
    # The settings file where Qt puts it under this HOME (Qt reads XDG_CONFIG_HOME only once
    # per process, so name it here).
    settings_file = blocked / ".config" / ORGANIZATION / f"{APP_ID}.conf"
    window = _window(qtbot, QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert window.catalog is not None
    assert {e.path.stem for e in window.catalog.entries if e.bundled} == BUNDLED
    (notice,) = _notices(window)
    assert str(blocked / ".local" / "share") in notice.text()
    assert str(settings_file.parent) in notice.text()
    assert notice.text().startswith("Nothing will be saved: ")
    assert "new routines, changes, history and settings are lost" in notice.text()


def test_the_editor_says_it_could_not_save(
    blocked: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(blocked / "data"))
    window = _window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    editor = window.editing.editor()
    editor.view.files.new_routine("Going nowhere")
    assert not editor.view.files.save()
    assert editor.view.notice.text().startswith("Could not save: ")


def test_a_writable_folder_says_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert not _notices(window)
