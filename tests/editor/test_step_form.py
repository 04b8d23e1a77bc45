"""The step form: only the fields that mean something for the step, and durations as typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.editor import CloseChoice, EditorView
from psoas_timer.ui.editor.step_form import StepForm

from .conftest import STRETCH, make_editor


def _editor(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> EditorView:
    return make_editor(qtbot, catalog, user_dir, choice=CloseChoice.DISCARD)


def _shown(form: StepForm) -> set[str]:
    names = {
        "name": form.name,
        "kind": form.kind,
        "timing": form.timing,
        "hold": form.hold,
        "duration": form.duration,
        "reps": form.reps,
        "tempo": form.tempo,
        "open": form.open_target,
        "breaths": form.breaths,
        "sets": form.sets,
        "sides": form.sides,
        "alternate": form.alternate,
        "prepare": form.prepare,
        "rest_after": form.rest_after,
        "rest_between_sets": form.rest_between_sets,
        "switch_sides": form.switch_sides,
        "breathing": form.breathing,
        "cues": form.cues,
        "instructions": form.instructions,
        "safety": form.safety,
    }
    return {name for name, widget in names.items() if widget.isVisibleTo(form)}


ROUTINE = """\
name: Rests
steps:
  - name: Stretch
    kind: stretch
    hold: 30
    sides: both
  - name: Rest
    kind: rest
    duration: 1m
  - name: Old rest
    kind: rest
    hold: 45
    sets: 3
    instructions: [Lie down.]
  - name: Odd rest
    kind: rest
    reps: 4
    tempo: 5
"""


def test_a_rest_shows_only_what_a_rest_uses(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(ROUTINE), None)
    form = view.step_form

    view.step_list.setCurrentRow(0)
    stretch = _shown(form)
    assert {"sets", "sides", "alternate", "switch_sides", "instructions", "cues"} <= stretch

    view.step_list.setCurrentRow(1)
    assert _shown(form) == {"name", "kind", "duration"}

    # A hand-written rest with keys a rest does not use still shows them, to clear them.
    view.step_list.setCurrentRow(2)
    assert _shown(form) == {"name", "kind", "hold", "sets", "instructions"}
    label = form.form.labelForField(form.hold_sides)
    assert label is not None and label.text() == "&Length"  # type: ignore[attr-defined]
    form.sets.setFocus()
    form.sets.selectAll()
    qtbot.keyClicks(form.sets, "1")  # back to the default: the key goes, and so does the field
    assert "sets" not in view.document.dump()
    assert "sets" not in _shown(form)

    view.step_list.setCurrentRow(3)  # timed some other way: the choice shows, to fix it
    assert _shown(form) == {"name", "kind", "timing", "hold", "reps", "tempo"}


def test_making_a_step_a_rest_hides_what_no_longer_applies(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Kinds", steps=[STRETCH])  # one stretch, both sides
    form = view.step_form
    assert "sides" in _shown(form)
    index = form.kind.findData("rest")
    form.kind.setCurrentIndex(index)
    form.kind.activated.emit(index)
    assert "kind: rest" in view.document.dump()
    shown = _shown(form)
    assert shown.isdisjoint({"sets", "switch_sides", "instructions", "prepare", "cues"})
    assert "sides" in shown  # still set on the step ("both"): shown, so it can be undone


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # on to the next field: editing is finished


def _reshow(view: EditorView) -> None:
    row = view.current_row
    view.step_list.setFocus()
    view.step_list.setCurrentRow(1 - row)
    view.step_list.setCurrentRow(row)


def test_durations_read_back_as_the_app_writes_them(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Durations", steps=[STRETCH])  # a stretch held 30
    view.act.add_rest.trigger()
    view.step_list.setCurrentRow(0)
    form = view.step_form
    assert form.hold.text() == "30s"

    _type(qtbot, form.hold, "30s")  # the same as before: nothing changes, and it stays "30s"
    assert form.hold.text() == "30s"
    _reshow(view)
    assert form.hold.text() == "30s"
    assert "hold: 30\n" in view.document.dump()

    _type(qtbot, form.hold, "45")
    assert form.hold.text() == "45s"
    assert "hold: 45\n" in view.document.dump()
    _type(qtbot, form.hold, "90s")
    assert form.hold.text() == "1m30s"
    assert "hold: 1m30s" in view.document.dump()
    _type(qtbot, form.hold, "1:30:00")
    assert form.hold.text() == "1h30m"
    _reshow(view)
    assert form.hold.text() == "1h30m"

    _type(qtbot, form.hold, "soon")  # not a duration: kept as typed, for the problem to show
    assert form.hold.text() == "soon"
    _reshow(view)
    assert form.hold.text() == "soon"

    view.step_list.setCurrentRow(1)
    assert form.duration.text() == "1m"  # the rest


def test_a_hand_written_duration_is_shown_the_same_way_and_left_alone(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = (
        "name: By hand\nsteps:\n"
        "  - name: Stretch\n    hold: 90s\n    rest_after: 0:20\n    milestones: [30, 60]\n"
        "  - use: hip-raise\n"
    )
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(text), None)
    form = view.step_form
    assert (form.hold.text(), form.rest_after.duration.text()) == ("1m30s", "20s")
    assert [form.cues.item(row, 1).text() for row in range(2)] == ["30s", "1m"]
    view.step_list.setCurrentRow(1)
    assert form.tempo.text() == "3s"
    assert form.rest_between_sets.duration.placeholderText() == "30s (exercise)"
    assert view.document.dump() == text


def test_a_cue_time_typed_in_the_table_reads_back_the_same_way(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Cues", steps=[STRETCH])
    form = view.step_form
    form.add_cue.click()
    form.cues.setFocus()
    form.cues.editItem(form.cues.item(0, 1))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "45")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits once back in the event loop
    qtbot.waitUntil(lambda: "{at: 45, say: Keep breathing}" in view.document.dump())
    assert form.cues.item(0, 1).text() == "45s"


def test_a_tempo_in_phases_is_shown_and_typed_as_up_hold_down(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    text = (
        "name: Phases\nsteps:\n"
        "  - name: Hip raise\n    reps: 10\n    tempo: {up: 1, hold: 10, down: 2}\n"
    )
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(text), None)
    form = view.step_form
    assert form.tempo.text() == "1-10-2"
    assert view.document.dump() == text  # shown, not rewritten
    form.tempo.setFocus()
    form.tempo.selectAll()
    qtbot.keyClicks(form.tempo, "2-5-3")
    assert "tempo: 2-5-3" in view.document.dump()
    assert form.tempo.toolTip() == ""  # taken as it is, not marked as a bad duration


NEW_FORMS = """\
name: New forms
steps:
  - name: Lunge
    hold: {left: 30s, right: 45s}
    sets: 3-4
    sides: both
    rest_between_sets: {duration: 20s, name: Move the ball}
  - name: Ball
    kind: release
    open: {left: {target: 1m}, right: {target: 1m30s}}
    sides: both
  - name: Raise
    reps: {range: 8-12, use: 10}
    tempo: 2
"""


def test_values_per_side_ranges_and_named_rests_are_shown_and_kept(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(NEW_FORMS), None)
    form = view.step_form
    assert (form.hold_sides.left.text(), form.hold_sides.right.text()) == ("30s", "45s")
    assert form.rest_between_sets.name.text() == "Move the ball"
    assert form.sets.text() == "3-4" and form.sets.isVisibleTo(form)
    view.step_list.setCurrentRow(1)
    sides = form.open_sides
    assert (sides.left.target.text(), sides.right.target.text()) == ("1m", "1m30s")
    assert not form.open_target.isVisibleTo(form)
    view.step_list.setCurrentRow(2)
    assert form.reps.text() == "{range: 8-12, use: 10}"
    assert view.document.dump() == NEW_FORMS  # showing them changed nothing

    view.step_list.setCurrentRow(0)
    _type(qtbot, form.rest_between_sets.duration, "10s")
    _type(qtbot, form.rest_between_sets.name, "Roll on")
    assert "rest_between_sets: {duration: 10, name: Roll on}" in view.document.dump()
    _type(qtbot, form.hold_sides.left, "20-30s")
    assert "hold: {left: 20-30s, right: 45s}" in view.document.dump()
    _type(qtbot, form.sets, "{left: 2, right: 3}")
    assert "sets: {left: 2, right: 3}" in view.document.dump()
    view.document.validate()  # still a valid routine


EITHER = """\
name: Either
steps:
  - choose: [heat-pack, ice-pack]
    default: heat-pack
"""


def test_an_either_or_step_is_shown_kept_and_its_default_can_change(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text(EITHER), None)
    assert view.step_list.item(0).text().startswith("1. heat-pack or ice-pack")
    form = view.forms.choice_form
    assert view.forms.currentWidget() is form
    assert "1. heat-pack\n2. ice-pack" in form.options.text()
    assert view.document.dump() == EITHER
    index = form.default.findData("ice-pack")
    form.default.setCurrentIndex(index)
    form.default.activated.emit(index)
    assert "default: ice-pack" in view.document.dump()
    assert view.document.validate(catalog.library).choices()[0].default == "ice-pack"


def test_an_exercise_s_named_rest_is_hinted_as_a_routine_would_write_it(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.load(RoutineDocument.from_text("name: Balls\nsteps:\n  - use: ball-roll\n"), None)
    field = view.step_form.rest_between_sets
    assert field.duration.placeholderText() == "10s (exercise)"
    hint = "Move the ball (exercise)"
    assert field.name.placeholderText() == hint
    assert field.name.toolTip() == hint  # all of it, where the field is too narrow


def test_a_nameless_rest_step_is_listed_as_rest(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    text = "name: R\nsteps:\n  - {name: Plank, hold: 30}\n  - {kind: rest, duration: 45s}\n"
    view.load(RoutineDocument.from_text(text), None)
    assert view.step_list.item(1).text().startswith("2. Rest\n")


def test_in_an_800_px_window_the_step_form_is_not_cut_off(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """The list's buttons, five to a row, made its side so wide that the form beside it was
    cut off on the right with no way to reach it."""
    from PySide6.QtWidgets import QScrollArea

    view = _editor(qtbot, catalog, user_dir)
    view.window().resize(800, 600)
    view.window().show()
    qtbot.waitExposed(view.window())
    view.load(RoutineDocument.from_text("name: Balls\nsteps:\n  - use: ball-roll\n"), None)
    view.step_list.setCurrentRow(0)
    qtbot.wait(20)
    form = view.step_form
    scroll = next(a for a in view.findChildren(QScrollArea) if a.isAncestorOf(form))
    viewport = scroll.viewport()
    for field in (form.name, form.kind, form.timing, form.alternate):
        right = field.mapTo(viewport, field.rect().topRight()).x()
        assert right <= viewport.width(), field.accessibleName() or field.objectName()


def test_each_field_says_what_its_key_does_in_the_formats_own_words(qtbot: QtBot) -> None:
    """The help for a key is declared once, on the model; the form reads it from there (a
    screen reader hears it, What's This shows it) as the JSON Schema does."""
    from psoas_timer.core.model import Step

    form = StepForm()
    qtbot.addWidget(form)
    widgets = form.key_widgets()
    assert {"hold", "reps", "sides", "switch_sides", "breathing"} <= set(widgets)
    for key, widget in widgets.items():
        about = Step.model_fields[key].description
        assert about and widget.accessibleDescription() == about == widget.whatsThis(), key
    # and the field that takes the cursor, inside the fields for each side or a rest's words
    for part in (form.hold, form.hold_sides.left, form.rest_after.duration):
        assert part.accessibleDescription() and part.whatsThis(), part.accessibleName()


def test_each_count_field_takes_exactly_what_the_format_takes(qtbot: QtBot) -> None:
    """Repetitions, breaths, sets and rounds: the editor marks a number just where loading
    the routine would refuse it, because both read the bounds the format declares once
    (core.value_types); the editor kept its own copy of them before."""
    from pydantic import BaseModel, ValidationError

    from psoas_timer.core.model import RepeatGroup, Step
    from psoas_timer.ui.editor.group_form import GroupForm

    form, group = StepForm(), GroupForm()
    qtbot.addWidget(form)
    qtbot.addWidget(group)

    def loads(model: type[BaseModel], data: dict[str, object]) -> bool:
        try:
            model.model_validate(data)
        except ValidationError:
            return False
        return True

    step = {"name": "Step", "hold": 10}
    cases = [
        (form.reps, Step, lambda n: {"name": "Step", "reps": n, "tempo": 3}),
        (form.breaths, Step, lambda n: {"name": "Step", "kind": "breathing", "breaths": n}),
        (form.sets, Step, lambda n: {**step, "sets": n}),
        (group.repeat, RepeatGroup, lambda n: {"repeat": n, "steps": [step]}),
    ]
    for field, model, data in cases:
        for n in (0, 1, 2, 99, 100, 101, 999, 1000, 1001, 1500):
            marked = field.problem(str(n)) != ""
            assert marked == (not loads(model, data(n))), (field.accessibleName(), n)
