"""Ctrl+E on any routine the window lists opens the editor, or says in the window why it
cannot and offers the user's own editor (issue 15, item 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import write

TAB_IN_VALUE = (
    "name: Tabbed\tstretch\nsteps:\n  - name: Couch\tstretch\n    kind: stretch\n    hold: 20\n"
)


class UrlRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def urls() -> Iterator[UrlRecorder]:
    """Files handed to the user's own programs (recorded instead of opened)."""
    recorder = UrlRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    yield recorder
    QDesktopServices.unsetUrlHandler("file")


def _message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_a_tab_inside_a_value_opens_in_the_editor(
    window: MainWindow, routine_dirs: tuple[Path, Path]
) -> None:
    _, user = routine_dirs
    write(user, "tabbed.yaml", TAB_IN_VALUE)
    window.reload()
    assert window.open_routine("tabbed")
    window.commands.edit_routine.trigger()
    editor = window.editing.editor()
    assert editor.isVisible()
    assert editor.view.path == user / "tabbed.yaml"
    assert editor.view.document.name == "Tabbed\tstretch"
    assert "drops its comments" in editor.view.notice.text()
    assert not _message_boxes()
    editor.close()


def test_a_file_the_editor_cannot_open_is_explained_with_an_offer_of_the_users_editor(
    window: MainWindow, routine_dirs: tuple[Path, Path], qtbot: QtBot, urls: UrlRecorder
) -> None:
    _, user = routine_dirs
    assert window.open_routine("simple")
    (user / "simple.yaml").write_text("name: [unclosed\n", encoding="utf-8")  # broken since
    window.commands.edit_routine.trigger()
    assert not window.editing.editor().isVisible()
    (box,) = _message_boxes()
    assert "cannot open simple.yaml" in box.text()
    assert "simple.yaml:" in box.informativeText()  # file:line:column: what is wrong
    own = next(b for b in box.findChildren(QPushButton) if b.text() == "Open in my editor")
    own.click()
    assert urls.opened == [QUrl.fromLocalFile(str(user / "simple.yaml"))]
    qtbot.waitUntil(lambda: not _message_boxes())
