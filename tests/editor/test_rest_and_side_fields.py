"""Named rests and values per side get fields of their own (#21 item 20): no YAML in braces to
read or type."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from psoas_timer.core.amounts import SideCount, SideSeconds
from psoas_timer.core.catalog import Catalog
from psoas_timer.core.model import RepeatGroup, Step
from psoas_timer.core.rests import NamedRest
from psoas_timer.ui.editor import EditorView

from .conftest import editor_on as _editor
from .conftest import type_into as _type


def _step(view: EditorView, catalog: Catalog, index: int = 0) -> Step:
    step = view.document.validate(catalog.library).steps[index]
    assert isinstance(step, Step)
    return step


def _no_braces(view: EditorView) -> None:
    """No field of the step form shows a value in braces."""
    for edit in view.step_form.findChildren(QLineEdit):
        if edit.isVisibleTo(view.step_form):
            assert "{" not in edit.text(), edit.accessibleName()


NAMED = """\
name: Rests
steps:
  - name: Ball roll
    hold: 30s
    sets: 3
    rest_between_sets: {duration: 10s, name: Move the ball, say: Move it a little higher}
"""


def test_a_named_rest_is_shown_in_fields_for_its_length_name_and_words(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, NAMED)
    rest = view.step_form.rest_between_sets
    assert rest.duration.text() == "10s"
    assert rest.name.text() == "Move the ball"
    assert rest.say.text() == "Move it a little higher"
    _no_braces(view)
    assert view.document.dump() == NAMED  # showing it changed nothing

    _type(qtbot, rest.name, "Roll on")
    _type(qtbot, rest.duration, "15s")
    value = _step(view, catalog).rest_between_sets
    assert isinstance(value, NamedRest) and (float(value), value.name) == (15, "Roll on")
    assert value.say == "Move it a little higher"


def test_naming_a_plain_rest_keeps_its_length(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = "name: R\nsteps:\n  - {name: Plank, hold: 30s, sets: 2, rest_between_sets: 20s}\n"
    view = _editor(qtbot, catalog, user_dir, text)
    rest = view.step_form.rest_between_sets
    assert not rest.say.isVisibleTo(view.step_form)  # words to say: once it has a name
    _type(qtbot, rest.name, "Shake out the arms")
    value = _step(view, catalog).rest_between_sets
    assert isinstance(value, NamedRest) and float(value) == 20
    assert value.name == "Shake out the arms" and value.say is None
    assert rest.say.isVisibleTo(view.step_form)
    rest.name.selectAll()
    qtbot.keyClick(rest.name, Qt.Key.Key_Delete)
    assert _step(view, catalog).rest_between_sets == 20
    assert "Shake" not in view.document.dump()


def test_an_exercise_s_named_rest_is_kept_when_its_length_is_changed(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, "name: Balls\nsteps:\n  - use: ball-roll\n")
    rest = view.step_form.rest_between_sets
    assert rest.duration.placeholderText() == "10s (exercise)"
    assert rest.name.placeholderText() == "Move the ball (exercise)"
    _type(qtbot, rest.duration, "20s")
    value = _step(view, catalog).rest_between_sets
    assert isinstance(value, NamedRest) and float(value) == 20
    assert (value.name, value.say) == ("Move the ball", "Move the ball to a new spot")


def test_a_group_s_rest_between_rounds_can_be_named(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = "name: G\nsteps:\n  - repeat: 2\n    rest_between: 30s\n    steps:\n      - {name: Plank, hold: 30}\n"
    view = _editor(qtbot, catalog, user_dir, text)
    rest = view.group_form.rest_between
    assert rest.duration.text() == "30s"
    _type(qtbot, rest.name, "Drink some water")
    group = view.document.validate(catalog.library).steps[0]
    assert isinstance(group, RepeatGroup) and isinstance(group.rest_between, NamedRest)
    assert group.rest_between.name == "Drink some water"


SIDED = """\
name: Sides
steps:
  - name: Lunge
    kind: stretch
    sides: both
    hold: {left: 30s, right: 45s}
    sets: {left: 1, right: 2}
  - name: Ball
    kind: release
    sides: both
    open: {left: {target: 1m}, right: {min: 30s, target: 1m30s, max: 2m}}
"""


def test_values_per_side_are_shown_in_a_field_for_each_side(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, SIDED)
    form = view.step_form
    assert form.hold_sides.each.isChecked()
    assert (form.hold_sides.left.text(), form.hold_sides.right.text()) == ("30s", "45s")
    assert (form.sets_sides.left.text(), form.sets_sides.right.text()) == ("1", "2")
    _no_braces(view)
    _type(qtbot, form.hold_sides.right, "1m")
    _type(qtbot, form.sets_sides.left, "2")
    step = _step(view, catalog)
    assert isinstance(step.hold, SideSeconds) and (step.hold.left, step.hold.right) == (30, 60)
    assert isinstance(step.sets, SideCount) and (step.sets.left, step.sets.right) == (2, 2)

    view.step_list.setCurrentRow(1)
    open_sides = form.open_sides
    assert open_sides.each.isChecked()
    assert open_sides.left.target.text() == "1m"
    assert (open_sides.right.min.text(), open_sides.right.max.text()) == ("30s", "2m")
    _no_braces(view)
    _type(qtbot, open_sides.left.target, "1m15s")
    hold = _step(view, catalog, 1).open
    assert hold is not None and hold.on("left").target == 75


def test_a_hold_can_be_made_different_on_each_side_and_back(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = "name: S\nsteps:\n  - {name: Lunge, kind: stretch, sides: both, hold: 30s}\n"
    view = _editor(qtbot, catalog, user_dir, text)
    sided = view.step_form.hold_sides
    assert sided.each.isVisibleTo(view.step_form) and not sided.each.isChecked()
    sided.each.click()
    assert (sided.left.text(), sided.right.text()) == ("30s", "30s")
    _type(qtbot, sided.right, "45s")
    step = _step(view, catalog)
    assert isinstance(step.hold, SideSeconds) and (step.hold.left, step.hold.right) == (30, 45)
    sided.each.click()
    assert _step(view, catalog).hold == 30 and "left" not in view.document.dump()


def test_each_side_is_offered_only_for_a_step_done_on_both_sides(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, "name: P\nsteps:\n  - {name: Plank, hold: 30s}\n")
    assert not view.step_form.hold_sides.each.isVisibleTo(view.step_form)
