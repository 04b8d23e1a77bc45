"""Editing one timing value of a step keeps the others (#21 item 5), and a count typed as a
range is taken as the format reads it, never as another number."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from psoas_timer.core.amounts import RangedCount
from psoas_timer.core.catalog import Catalog
from psoas_timer.core.model import RepeatGroup, Step
from psoas_timer.ui.editor import EditorView

from .conftest import editor_on as _editor
from .conftest import type_into as _type

HIP_RAISE = "name: Raises\nsteps:\n  - use: hip-raise\n"  # reps 10, tempo 3, hold 10 at the top


def _first_step(view: EditorView, catalog: Catalog) -> Step:
    routine = view.document.validate(catalog.library)  # raises if the routine does not load
    step = routine.steps[0]
    assert isinstance(step, Step)
    return step


def test_changing_repetitions_of_a_library_step_keeps_its_tempo_and_hold(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE)
    form = view.step_form
    assert form.tempo.text() == "3s"
    _type(qtbot, form.reps, "12")
    assert form.tempo.text() == "3s"  # not emptied
    assert form.hold.text() == "10s"
    step = _first_step(view, catalog)
    assert (step.reps, step.tempo, step.hold) == (12, 3, 10)
    assert "timing to fix" not in view.step_list.item(0).text()
    assert view.problem_list.count() == 0


def test_a_library_step_s_own_tempo_is_the_one_shown(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """A tempo alone changes only the exercise's tempo: the form shows the step's own, as
    the session plays it (it showed the exercise's 3 s while the session played 5 s)."""
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE + "    tempo: 5\n")
    form = view.step_form
    assert form.tempo.text() == "5s"
    assert (form.reps.text(), form.hold.text()) == ("10", "10s")  # the exercise's
    assert "10 reps of 15 s" in view.step_list.item(0).text()
    step = _first_step(view, catalog)
    assert (step.reps, step.tempo, step.hold) == (10, 5, 10)


def test_changing_the_hold_at_the_top_keeps_the_repetitions(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE)
    _type(qtbot, view.step_form.hold, "5s")
    step = _first_step(view, catalog)
    assert (step.reps, step.tempo, step.hold) == (10, 3, 5)


def test_timing_put_back_to_the_exercise_s_own_is_left_to_the_exercise(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE)
    _type(qtbot, view.step_form.reps, "12")
    _type(qtbot, view.step_form.reps, "10")
    assert view.document.dump() == HIP_RAISE


def test_repetitions_typed_as_a_range_are_a_range_not_another_number(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE)
    _type(qtbot, view.step_form.reps, "8-12")
    assert view.step_form.reps.text() == "8-12"
    step = _first_step(view, catalog)
    assert isinstance(step.reps, RangedCount) and (step.reps.low, step.reps.high) == (8, 12)
    assert step.tempo == 3


def test_sets_and_breaths_take_ranges_too(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    text = "name: B\nsteps:\n  - {name: Breathe, kind: breathing, breaths: 6, sets: 2}\n"
    view = _editor(qtbot, catalog, user_dir, text)
    _type(qtbot, view.step_form.breaths, "6-10")
    _type(qtbot, view.step_form.sets, "3-4")
    step = _first_step(view, catalog)
    assert isinstance(step.breaths, RangedCount) and step.breaths.high == 10
    assert isinstance(step.sets, RangedCount) and step.sets.high == 4


def test_a_range_where_the_format_takes_none_is_refused_visibly(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """Rounds of a repeat group are one number: "2-3" is neither 23 nor dropped unseen."""
    text = "name: G\nsteps:\n  - repeat: 2\n    steps:\n      - {name: Plank, hold: 30}\n"
    view = _editor(qtbot, catalog, user_dir, text)
    rounds = view.group_form.repeat
    _type(qtbot, rounds, "2-3")
    assert rounds.text() == "2-3"  # kept as typed, to be corrected
    assert "range" in rounds.toolTip()  # the field says why
    assert view.problem_list.isVisibleTo(view) and view.problem_list.count() == 1
    assert "repeat: 23" not in view.document.dump()
    _type(qtbot, rounds, "3")
    group = view.document.validate(catalog.library).steps[0]
    assert isinstance(group, RepeatGroup) and group.repeat == 3
    assert rounds.toolTip() == ""


def test_up_and_down_step_a_count_as_a_spin_box_does(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE)
    reps = view.step_form.reps
    reps.setFocus()
    qtbot.keyClick(reps, Qt.Key.Key_Up)
    qtbot.keyClick(reps, Qt.Key.Key_Up)
    assert reps.text() == "12"
    assert _first_step(view, catalog).reps == 12


def test_a_time_that_takes_no_range_marks_one_typed_there(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """A hold takes "20-30s"; the get-ready time does not: there the field says so, as the
    problems below do, instead of taking it silently."""
    text = "name: P\nsteps:\n  - {name: Plank, hold: 30s}\n"
    view = _editor(qtbot, catalog, user_dir, text)
    form = view.step_form
    _type(qtbot, form.hold, "20-30s")
    assert form.hold.toolTip() == ""
    assert view.problem_list.count() == 0
    _type(qtbot, form.prepare, "8-12")
    assert form.prepare.text() == "8-12"
    assert "no range" in form.prepare.toolTip()
    assert view.problem_list.count() == 1
    _type(qtbot, form.prepare, "10s")
    assert form.prepare.toolTip() == ""


def test_a_library_step_timed_another_way_and_back_gets_the_exercise_s_timing_again(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir, HIP_RAISE)
    timing = view.step_form.timing
    for mode in ("hold", "reps"):
        index = timing.findData(mode)
        timing.setCurrentIndex(index)
        timing.activated.emit(index)
    step = _first_step(view, catalog)
    assert (step.reps, step.tempo, step.hold) == (10, 3, 10)  # not 10 reps of 3 s, no hold
    assert view.document.dump() == HIP_RAISE
