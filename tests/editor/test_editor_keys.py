"""Closing the editor from the keyboard, and keys that mean the same in both windows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.ui.editor import CloseChoice, EditorWindow
from psoas_timer.ui.editor.library_picker import LibraryPicker

from .conftest import STRETCH, make_editor

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, choice: CloseChoice = CloseChoice.CANCEL
) -> EditorWindow:
    view = make_editor(qtbot, catalog, user_dir, choice=choice, show=False)
    window = EditorWindow(view)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.step_list.setFocus()
    return window


def test_ctrl_w_closes_the_editor(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    window = _window(qtbot, catalog, user_dir)
    view = window.view
    assert "Ctrl+W" in [k.toString() for k in view.act.close.shortcuts()]
    assert QKeySequence(QKeySequence.StandardKey.Close) in view.act.close.shortcuts()
    qtbot.keyClick(view.step_list, Qt.Key.Key_W, CTRL)
    assert not window.isVisible()
    assert view.asked == []  # type: ignore[attr-defined]  # nothing unsaved: nothing to ask


def test_esc_closes_the_editor_from_the_list_and_from_a_field(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    window = _window(qtbot, catalog, user_dir)
    qtbot.keyClick(window.view.step_list, Qt.Key.Key_Escape)
    assert not window.isVisible()

    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    name = window.view.step_form.name
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_closing_from_the_keyboard_still_asks_about_unsaved_changes(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    window = _window(qtbot, catalog, user_dir, CloseChoice.CANCEL)
    view = window.view
    view.act.add_rest.trigger()
    view.step_list.setFocus()
    qtbot.keyClick(view.step_list, Qt.Key.Key_Escape)
    assert window.isVisible()
    qtbot.keyClick(view.step_list, Qt.Key.Key_W, CTRL)
    assert window.isVisible()
    assert view.asked == ["My routine", "My routine"]  # type: ignore[attr-defined]


def test_esc_cancels_an_open_combo_popup_before_closing(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    window = _window(qtbot, catalog, user_dir)
    kind = window.view.step_form.kind
    kind.setFocus()
    kind.showPopup()
    popup = kind.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert window.isVisible()
    qtbot.keyClick(kind, Qt.Key.Key_Escape)  # nothing left to cancel
    assert not window.isVisible()


def test_esc_cancels_editing_a_cue_before_closing(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    window = _window(qtbot, catalog, user_dir)
    window.view.add_item(STRETCH)
    form = window.view.step_form
    form.add_cue.click()
    form.cues.editItem(form.cues.item(0, 2))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.isVisible()
    assert form.cues.item(0, 2).text() == "Keep breathing"


def test_esc_closes_the_library_picker_not_the_editor(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    window = _window(qtbot, catalog, user_dir)
    seen: list[QWidget] = []

    def press_esc() -> None:
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, LibraryPicker)
        seen.append(picker)
        qtbot.keyClick(picker.search, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_esc)
    window.view.act.add.trigger()  # runs the picker until Esc
    assert seen
    assert window.isVisible()
    assert window.view.step_titles() == []  # nothing added


def test_export_has_its_own_key_not_the_main_windows_edit_key(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _window(qtbot, catalog, user_dir).view
    assert view.act.export.shortcut().toString() == "Ctrl+Shift+E"
    keys = {k.toString() for a in view.findChildren(type(view.act.export)) for k in a.shortcuts()}
    assert "Ctrl+E" not in keys  # Ctrl+E is Edit in the main window
