"""A routine file with problems opens a page that says what is wrong and where, and offers to
open the file in the user's own editor; once fixed, the routine opens in its place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.conftest import SIMPLE, write


class Opened(QObject):
    """Stands in for the desktop: remembers the files it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _broken_row(window: MainWindow) -> int:
    return next(row for row, entry in enumerate(window.library.entries()) if not entry.ok)


def test_a_broken_routine_opens_its_problems_page(window: MainWindow, qtbot: QtBot) -> None:
    row = _broken_row(window)
    window.library.list.setFocus()
    window.library.set_current_row(row)
    qtbot.keyClick(window.library.list, Qt.Key.Key_Return)
    assert window.page is Page.PROBLEMS
    assert window.problems.name.text() == "broken: cannot be used"
    assert window.problems.path.text().endswith("broken.yaml")
    (text,) = window.problems.problem_texts()
    assert text.startswith("Line 4, column 5\n")
    assert "unknown key 'wobble'" in text
    assert window.commands.back.isEnabled()
    window.commands.back.trigger()
    assert window.page is Page.LIBRARY


def test_open_in_my_editor_hands_the_file_to_the_desktop(window: MainWindow, qtbot: QtBot) -> None:
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        assert not window.open_routine("broken")
        assert window.page is Page.PROBLEMS
        qtbot.mouseClick(window.problems.open_editor, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()).name for url in opened.urls] == ["broken.yaml"]
    assert "Save it there" in window.problems.outcome.text()


def test_once_fixed_the_routine_opens_in_its_place(window: MainWindow) -> None:
    assert not window.open_routine("broken")
    entry = window.problems.entry
    assert entry is not None
    write(entry.path.parent, entry.path.name, SIMPLE.replace("Simple stretch", "Mended"))
    window.reload()
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == "Mended"
