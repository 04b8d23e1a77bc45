"""The step form: only the fields that mean something for the step, and durations as typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.editor import CloseChoice, EditorView
from psoas_timer.ui.editor.step_form import StepForm

from .conftest import ROOT


def _editor(qtbot: QtBot, catalog: Catalog, user_dir: Path) -> EditorView:
    def ask(_parent: QWidget, _name: str) -> CloseChoice:
        return CloseChoice.DISCARD

    view = EditorView(
        library=catalog.library,
        user_dir=user_dir,
        bundled=lambda: sorted((ROOT / "routines").glob("*.yaml")),
        ask_unsaved=ask,
    )
    qtbot.addWidget(view)
    view.show()
    return view


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
    label = form.form.labelForField(form.hold)
    assert label is not None and label.text() == "&Length"  # type: ignore[attr-defined]
    form.sets.setValue(1)  # back to the default: the key goes, and so does the field
    assert "sets" not in view.document.dump()
    assert "sets" not in _shown(form)

    view.step_list.setCurrentRow(3)  # timed some other way: the choice shows, to fix it
    assert _shown(form) == {"name", "kind", "timing", "hold", "reps", "tempo"}


def test_making_a_step_a_rest_hides_what_no_longer_applies(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = _editor(qtbot, catalog, user_dir)
    view.new_routine("Kinds")  # one stretch, both sides
    form = view.step_form
    assert "sides" in _shown(form)
    index = form.kind.findData("rest")
    form.kind.setCurrentIndex(index)
    form.kind.activated.emit(index)
    assert "kind: rest" in view.document.dump()
    shown = _shown(form)
    assert shown.isdisjoint({"sets", "switch_sides", "instructions", "prepare", "cues"})
    assert "sides" in shown  # still set on the step ("both"): shown, so it can be undone
