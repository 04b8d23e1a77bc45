"""Ctrl+Z and Ctrl+Shift+Z undo and redo the routine wherever the cursor is in the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog

from .conftest import HAND_WRITTEN, make_editor

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def test_undo_in_a_field_takes_back_the_typing_then_the_routines_earlier_changes(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = make_editor(qtbot, catalog, user_dir, open_text=HAND_WRITTEN)
    view.step_list.setFocus()
    view.step_list.setCurrentRow(1)
    view.act.add_rest.trigger()  # an earlier change of the routine
    assert view.step_titles()[2] == "3. Rest"
    view.step_list.setCurrentRow(1)
    name = view.step_form.name
    name.setFocus()
    name.end(False)
    qtbot.keyClicks(name, " now")
    assert "Kneeling stretch now" in view.document.dump()

    qtbot.keyClick(name, Key.Key_Z, CTRL)  # the typing, all of it, in the field and the file
    assert name.text() == "Kneeling stretch"
    assert "Kneeling stretch now" not in view.document.dump()
    assert QApplication.focusWidget() is name  # the cursor stays where it was

    qtbot.keyClick(name, Key.Key_Z, CTRL)  # then the rest added before
    assert len(view.step_titles()) == 2
    assert name.hasFocus()

    qtbot.keyClick(name, Key.Key_Z, CTRL_SHIFT)
    assert view.step_titles()[2] == "3. Rest"
    view.step_list.setCurrentRow(1)
    name.setFocus()
    qtbot.keyClick(name, Key.Key_Y, CTRL)
    assert name.text() == "Kneeling stretch now"
    assert "Kneeling stretch now" in view.document.dump()


@pytest.mark.parametrize("field", ["hold", "sets", "instructions", "description"])
def test_undo_works_from_every_kind_of_field(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, field: str
) -> None:
    view = make_editor(qtbot, catalog, user_dir, open_text=HAND_WRITTEN)
    view.step_list.setCurrentRow(0)
    view.act.add_rest.trigger()
    assert len(view.step_titles()) == 3
    view.step_list.setCurrentRow(2)  # the kneeling stretch: a hold, sets, instructions
    widget = (
        view.details.description_edit if field == "description" else getattr(view.step_form, field)
    )
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Key.Key_Z, CTRL)
    assert len(view.step_titles()) == 2
    qtbot.keyClick(widget, Key.Key_Z, CTRL_SHIFT)
    assert len(view.step_titles()) == 3


def test_undo_in_a_cue_cell_keeps_its_words_in_the_history(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = make_editor(qtbot, catalog, user_dir, open_text=HAND_WRITTEN)
    view.step_list.setCurrentRow(1)
    before = view.document.dump()
    view.step_form.add_cue.click()
    cues = view.step_form.cues
    cues.setCurrentCell(0, 2)
    cues.editItem(cues.item(0, 2))
    assert cues.state() == QAbstractItemView.State.EditingState
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.keyClicks(cell, "Breathe out")
    qtbot.keyClick(cell, Key.Key_Z, CTRL)  # the new cue and its words are one change
    assert view.document.dump() == before
    qtbot.keyClick(cues, Key.Key_Z, CTRL_SHIFT)  # the words were kept in the history
    assert "say: Breathe out" in view.document.dump()
