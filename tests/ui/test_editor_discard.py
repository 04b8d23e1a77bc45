"""Discard in the routine editor drops the changes: nothing asks about them again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from psoas_timer.ui.editor.file_actions import CloseChoice, DialogQuestions
from psoas_timer.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names the editor asked about, answering Discard each time."""
    names: list[str] = []

    def unsaved(_self: DialogQuestions, name: str) -> CloseChoice:
        names.append(name)
        return CloseChoice.DISCARD

    monkeypatch.setattr(DialogQuestions, "unsaved", unsaved)
    return names


def test_discard_then_quit_asks_nothing_more(
    window: MainWindow, qtbot: QtBot, asked: list[str], new_empty: list[str]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = window.editing.editor()
    qtbot.waitUntil(editor.isActiveWindow)
    view = editor.view
    view.step_list.setFocus()
    steps = len(view.step_titles())
    qtbot.keyClick(view.step_list, Qt.Key.Key_R, CTRL)  # Add rest
    assert len(view.step_titles()) == steps + 1
    qtbot.keyClick(view.step_list, Qt.Key.Key_Escape)
    assert asked == ["My routine"]
    assert not editor.isVisible()
    assert not view.dirty
    assert len(view.step_titles()) == steps  # the rest is gone, not kept for later

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
    assert asked == ["My routine"]
    assert not window.isVisible()


def test_discard_puts_a_saved_routine_back_as_it_was_saved(
    window: MainWindow, qtbot: QtBot, asked: list[str]
) -> None:
    assert window.open_routine("simple")
    window.commands.edit_routine.trigger()
    view = window.editing.editor().view
    saved = view.document.dump()
    view.act.add_rest.trigger()
    view.edit_routine("name", "Renamed", "Rename")
    assert view.files.maybe_discard()
    assert asked == ["Renamed"]
    assert view.document.dump() == saved
    assert not view.dirty
    window.editing.editor().close()
    assert asked == ["Renamed"]
