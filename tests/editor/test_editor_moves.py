"""Moving steps in the editor at every depth: keys, dragging, undo, and the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.model import RepeatGroup, Step
from psoas_timer.ui.editor import EditorView

from .conftest import make_editor
from .test_step_moves import NESTED

ALT = Qt.KeyboardModifier.AltModifier
ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def _editor(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> EditorView:
    return make_editor(
        qtbot, catalog, user_dir, size=(1100, 800), open_text=NESTED, file_name="nested.yaml"
    )


def _names(view: EditorView) -> list[object]:
    """The routine as names: a group is ``(name, [its names])``."""

    def walk(items: list[Step | RepeatGroup]) -> list[object]:
        return [
            (i.name, walk(list(i.steps))) if isinstance(i, RepeatGroup) else i.name for i in items
        ]

    return walk(list(load_routine_text(view.document.dump(), "x").steps))


def _key(qtbot: QtBot, view: EditorView, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    view.step_list.setFocus()
    qtbot.keyClick(view.step_list, key, modifiers)


def test_keys_move_a_step_into_a_group_through_it_and_out_again(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.step_list.setCurrentRow(2)  # Cool down, under the Circuit group
    assert view.act.into.isEnabled() and not view.act.out.isEnabled()
    _key(qtbot, view, Qt.Key.Key_Right, ALT_SHIFT)
    assert _names(view) == ["Warm up", ("Circuit", ["Plank", "Bridge", "Cool down"])]
    assert view.crumb.text() == "Steps in Circuit"  # the view follows the step
    assert view.current_row == 2
    assert view.act.out.isEnabled()

    _key(qtbot, view, Qt.Key.Key_Up, ALT)
    _key(qtbot, view, Qt.Key.Key_Up, ALT)
    assert _names(view) == ["Warm up", ("Circuit", ["Cool down", "Plank", "Bridge"])]
    assert view.act.up.isEnabled()  # at the top of a group, up leads out of it
    _key(qtbot, view, Qt.Key.Key_Up, ALT)
    assert _names(view) == ["Warm up", "Cool down", ("Circuit", ["Plank", "Bridge"])]
    assert view.crumb.text() == "Steps"
    assert view.current_row == 1

    # Undo takes each move back, and shows where the step was.
    view.undo_stack.undo()
    assert view.crumb.text() == "Steps in Circuit"
    assert view.current_row == 0
    view.undo_stack.undo()
    view.undo_stack.undo()
    view.undo_stack.undo()
    assert _names(view) == ["Warm up", ("Circuit", ["Plank", "Bridge"]), "Cool down"]
    assert view.document.dump() == NESTED
    assert not view.dirty

    # Out of the group from its middle, with the key for it.
    view.step_list.setCurrentRow(1)
    view.enter_group()
    _key(qtbot, view, Qt.Key.Key_Left, ALT_SHIFT)
    assert _names(view) == ["Warm up", ("Circuit", ["Bridge"]), "Plank", "Cool down"]
    assert view.crumb.text() == "Steps"
    assert view.step_titles()[view.current_row] == "3. Plank"


def test_saved_file_keeps_comments_with_their_steps(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.step_list.setCurrentRow(0)
    _key(qtbot, view, Qt.Key.Key_Down, ALT)  # Warm up after the circuit
    _key(qtbot, view, Qt.Key.Key_Right, ALT_SHIFT)  # ... and into it
    assert view.files.save()
    assert view.path is not None
    text = view.path.read_text(encoding="utf-8")
    assert text == NESTED.replace(
        "steps:\n  # Warm up first\n  - name: Warm up   # gently\n    hold: 30s\n", "steps:\n"
    ).replace(
        "          Lift the hips.\n",
        "          Lift the hips.\n"
        "      # Warm up first\n      - name: Warm up   # gently\n        hold: 30s\n",
    )


def test_the_last_step_out_leaves_an_empty_group_and_can_go_back(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.step_list.setCurrentRow(1)
    view.enter_group()
    view.move_out_of_group()  # Plank, after the group; the view follows it
    view.step_list.setCurrentRow(1)
    view.enter_group()
    view.move_out_of_group()  # Bridge, the last one
    assert "    steps: []\n      # end of the circuit\n" in view.document.dump()
    assert any("needs at least one step" in m for m in view.problem_list.messages())
    view.step_list.setCurrentRow(3)  # Plank, under the emptied group
    view.move_step(-1)
    view.move_into_group()
    assert _names(view) == ["Warm up", ("Circuit", ["Plank"]), "Bridge", "Cool down"]
    assert "    steps:\n      # Plank heads the circuit\n      - name: Plank\n" in (
        view.document.dump()
    )


def _drop(target: QWidget, point: QPointF, data: QMimeData) -> None:
    """Drag *data* over *target* and drop it at *point*, as Qt delivers a drag: enter, move,
    drop. (Offscreen Qt ends a real QDrag at once, so the events are sent here.)"""
    move = Qt.DropAction.MoveAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    at = point.toPoint()
    QApplication.sendEvent(target, QDragEnterEvent(at, move, data, left, none))
    QApplication.sendEvent(target, QDragMoveEvent(at, move, data, left, none))
    QApplication.sendEvent(target, QDropEvent(point, move, data, left, none))


def _drag_data(view: EditorView, row: int) -> QMimeData:
    """What dragging *row* carries: the data Qt's model asks the list for when a drag starts."""
    model = view.step_list.model()
    data = model.mimeData([model.index(row, 0)])
    assert data is not None
    return data


def test_dropping_a_step_on_a_group_puts_it_in_the_group(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    steps = view.step_list
    commands = view.undo_stack.count()
    middle = QPointF(steps.visualItemRect(steps.item(1)).center())
    _drop(steps.viewport(), middle, _drag_data(view, 2))
    qtbot.waitUntil(lambda: view.undo_stack.count() == commands + 1)
    assert _names(view) == ["Warm up", ("Circuit", ["Plank", "Bridge", "Cool down"])]
    assert view.crumb.text() == "Steps"  # a drop leaves the list as it is
    assert view.current_row == 1  # ... with the group that took the step selected
    assert view.step_titles() == ["1. Warm up", "2. Circuit ×2"]

    # Dropped between two rows (at the top edge of the first), a step is moved there.
    steps.setCurrentRow(1)
    view.enter_group()
    top = QPointF(steps.visualItemRect(steps.item(0)).topLeft()) + QPointF(10, 1)
    _drop(steps.viewport(), top, _drag_data(view, 2))
    qtbot.waitUntil(lambda: view.undo_stack.count() == commands + 2)
    assert _names(view) == ["Warm up", ("Circuit", ["Cool down", "Plank", "Bridge"])]
    assert view.crumb.text() == "Steps in Circuit"
    assert view.current_row == 0

    view.undo_stack.undo()
    view.undo_stack.undo()
    assert view.document.dump() == NESTED


def test_dropping_a_step_on_back_moves_it_out_of_the_group(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.step_list.setCurrentRow(1)
    view.enter_group()
    commands = view.undo_stack.count()
    button = view.back_button
    _drop(button, QPointF(button.rect().center()), _drag_data(view, 0))
    qtbot.waitUntil(lambda: view.undo_stack.count() == commands + 1)
    assert _names(view) == ["Warm up", ("Circuit", ["Bridge"]), "Plank", "Cool down"]
    assert view.crumb.text() == "Steps in Circuit"
    assert view.step_titles() == ["1. Bridge"]


@pytest.mark.parametrize("where", ["group row", "back button"])
def test_a_drop_from_elsewhere_moves_nothing(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, where: str
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    data = QMimeData()
    data.setText("Plank")
    data.setData("application/x-psoas-timer-step-row", b"1:2:0")  # another process's drag
    if where == "back button":
        view.step_list.setCurrentRow(1)
        view.enter_group()
        _drop(view.back_button, QPointF(view.back_button.rect().center()), data)
    else:
        middle = QPointF(view.step_list.visualItemRect(view.step_list.item(1)).center())
        _drop(view.step_list.viewport(), middle, data)
    qtbot.wait(20)
    assert view.document.dump() == NESTED
    assert view.undo_stack.count() == 0


def test_moves_have_keys_and_a_context_menu(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir)
    shortcuts = {a.shortcut().toString() for a in view.actions()}
    assert {"Alt+Up", "Alt+Down", "Alt+Shift+Right", "Alt+Shift+Left"} <= shortcuts
    menu = [a.text() for a in view.step_list.actions()]
    assert menu[:4] == ["Move up", "Move down", "Move into group", "Move out of group"]
    view.step_list.setCurrentRow(0)
    assert not view.act.into.isEnabled()  # nothing above
    assert not view.act.up.isEnabled()  # the top of the routine
    view.step_list.setCurrentRow(1)
    assert not view.act.into.isEnabled()  # a step above, not a group
