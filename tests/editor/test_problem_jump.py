"""A problem in the problems panel leads to its step and field: click it, or press Enter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.ui.editor import EditorView
from psoas_timer.ui.editor.locations import Location, locate

from .conftest import make_editor

BROKEN = """\
# Written by hand, with mistakes
version: 1
name: Broken
defaults:
  rest: soon
steps:
  - name: Warm up
    hold: 30s
    hodl: 3
  # The circuit
  - repeat: 2
    name: Circuit
    steps:
      - name: Plank
        hold: 30s
        milestones: [10]
        prompts: [{at: 10}]
      - repeat: 2
        name: Inner
        steps:
          - name: Bridge
            hold: abc   # wrong on purpose
          - name: Open
            open: {min: 2m, target: 1m}
  - repeat: 0
    steps: []
  - name: Cool down
"""


def _editor(qtbot: QtBot, catalog: Catalog, user_dir: Path, text: str = BROKEN) -> EditorView:
    return make_editor(
        qtbot, catalog, user_dir, size=(1100, 800), open_text=text, file_name="broken.yaml"
    )


def _row_of(view: EditorView, words: str) -> int:
    messages = view.problem_list.messages()
    rows = [i for i, m in enumerate(messages) if words in m]
    assert len(rows) == 1, messages
    return rows[0]


def _click(qtbot: QtBot, view: EditorView, row: int) -> None:
    panel = view.problem_list
    panel.scrollToItem(panel.item(row))
    rect = panel.visualItemRect(panel.item(row))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_problem_opens_the_groups_selects_the_step_and_focuses_the_field(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    assert view.step_titles()[0] == "1. Warm up"
    _click(qtbot, view, _row_of(view, "found 'abc'"))
    assert view.crumb.text() == "Steps in Circuit › Inner"
    assert view.current_row == 0
    assert view.step_titles()[0] == "1. Bridge"
    assert view.forms.currentWidget() is view.step_form
    assert view.step_form.name.text() == "Bridge"
    qtbot.waitUntil(view.step_form.hold.hasFocus)
    assert view.step_form.hold.selectedText() == "abc"

    # Typing the fix there clears the problem; the comment beside it stays.
    qtbot.keyClicks(view.step_form.hold, "45s")
    assert not any("found 'abc'" in m for m in view.problem_list.messages())
    assert re.search(r"\n {12}hold: 45 +# wrong on purpose\n", view.document.dump())


def test_enter_on_a_problem_goes_to_it(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir)
    panel = view.problem_list
    panel.setCurrentRow(_row_of(view, "min must not be longer than target"))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert view.crumb.text() == "Steps in Circuit › Inner"
    assert view.current_row == 1
    qtbot.waitUntil(view.step_form.open_min.hasFocus)

    panel.setCurrentRow(_row_of(view, "unknown key 'hodl'"))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Enter)
    assert view.crumb.text() == "Steps"
    assert view.current_row == 0
    # No field edits an unknown key: the step is shown and the list has the focus.
    qtbot.waitUntil(view.step_list.hasFocus)


@pytest.mark.parametrize(
    ("words", "crumb", "row", "field"),
    [
        ("defaults.rest", "Steps", 0, "details.default_rest"),
        ("missing required key 'say'", "Steps in Circuit", 0, "step_form.cues"),
        ("repeat: expected greater than or equal to 1", "Steps", 2, "group_form.repeat"),
        ("steps[2].steps: needs at least one step", "Steps", 2, "group_form.open_button"),
        ("a step needs its timing", "Steps", 3, "step_list"),
    ],
)
def test_each_problem_leads_to_its_field(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, words: str, crumb: str, row: int, field: str
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.step_list.setCurrentRow(1)
    view.enter_group()  # start somewhere else
    _click(qtbot, view, _row_of(view, words))
    widget: object = view
    for part in field.split("."):
        widget = getattr(widget, part)
    assert isinstance(widget, QWidget)
    qtbot.waitUntil(widget.hasFocus)
    if field != "details.default_rest":
        assert view.crumb.text() == crumb
        assert view.current_row == row
    if field == "step_form.cues":
        # The prompt's row comes after the one milestone; the time is missing its words.
        assert view.step_form.cues.currentRow() == 1


def test_problems_of_a_file_that_was_not_imported_lead_nowhere(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, tmp_path: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps:\n  - name: A\n    hodl: 3\n", encoding="utf-8")
    assert view.files.import_file(bad) is None
    view.step_list.setFocus()
    before = (view.crumb.text(), view.current_row, view.document.dump())
    _click(qtbot, view, 0)
    assert (view.crumb.text(), view.current_row, view.document.dump()) == before
    assert QApplication.focusWidget() is view.problem_list


def test_locate_maps_positions_to_steps_and_keys() -> None:
    lines = BROKEN.splitlines()
    bridge_hold = next(i for i, line in enumerate(lines) if "hold: abc" in line) + 1
    column = lines[bridge_hold - 1].index("abc") + 1
    assert locate(BROKEN, bridge_hold, column) == Location((1, 1), 0, ("hold",))
    # The key itself, and a line with no value of its own, fall in the same step.
    assert locate(BROKEN, bridge_hold, column - 6) == Location((1, 1), 0, ("hold",))
    assert locate(BROKEN, 2, 10) == Location((), None, ("version",))
    assert locate(BROKEN, 7, 5) == Location((), 0, ())
    assert locate("name: [unclosed\n", 1, 7) is None
