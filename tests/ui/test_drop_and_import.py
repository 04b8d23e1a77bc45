"""A routine file dropped on the window opens, and can be added to the user's routines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.conftest import SIMPLE, write


def drop(window: MainWindow, path: Path) -> bool:
    """Drag *path* over the window and drop it; whether the window took it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        where.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_a_dropped_routine_opens_and_can_be_added(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, routine_dirs: tuple[Path, Path]
) -> None:
    _, user = routine_dirs
    elsewhere = write(tmp_path / "downloads", "simple.yaml", SIMPLE.replace("Simple", "Shared"))
    assert drop(window, elsewhere)
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == "Shared stretch"
    assert window.entry is not None
    assert window.entry.outside
    assert not window.routine.add_to_mine.isHidden()
    qtbot.mouseClick(window.routine.add_to_mine, Qt.MouseButton.LeftButton)
    assert (user / "simple.yaml").read_text(encoding="utf-8").count("Simple stretch")  # kept
    added = user / "shared-stretch.yaml"
    assert added.read_text(encoding="utf-8") == elsewhere.read_text(encoding="utf-8")
    assert window.entry.path == added
    assert not window.entry.outside
    assert window.routine.add_to_mine.isHidden()
    assert "Added to your routines as shared-stretch.yaml" in window.statusBar().currentMessage()
    window.show_library()
    assert drop(window, elsewhere)  # again: a second copy, under a name of its own
    qtbot.mouseClick(window.routine.add_to_mine, Qt.MouseButton.LeftButton)
    assert added.read_text(encoding="utf-8") == elsewhere.read_text(encoding="utf-8")
    assert (user / "shared-stretch-2.yaml").is_file()
    assert "Shared stretch" in window.library.visible_names()


def test_other_files_are_not_taken(window: MainWindow, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    assert not drop(window, text)
    assert window.page is Page.LIBRARY


def test_a_routine_already_in_the_folders_opens_without_an_offer(
    window: MainWindow, routine_dirs: tuple[Path, Path]
) -> None:
    _, user = routine_dirs
    assert drop(window, user / "simple.yaml")
    assert window.page is Page.ROUTINE
    assert window.entry is not None
    assert not window.entry.outside
    assert window.routine.add_to_mine.isHidden()
