"""The step list says how each step is timed in the same words as the routine page."""

from __future__ import annotations

from pathlib import Path

import pytest

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.model import Choice, RepeatGroup, Step
from psoas_timer.core.routine_edit import container
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.common.text import step_timing
from psoas_timer.ui.editor.step_list import describe_item

from .conftest import ROOT


def _timing_line(item: object, catalog: Catalog) -> str:
    return describe_item(item, 0, catalog.library.raw).split("\n", 1)[1]


def test_a_rep_with_a_hold_at_the_top_is_worded_as_on_the_routine_page(
    catalog: Catalog,
) -> None:
    doc = RoutineDocument.from_text("name: Strong\nsteps:\n  - use: hip-raise\n")
    routine = doc.validate(catalog.library)
    step = routine.steps[0]
    assert isinstance(step, Step) and (step.reps, step.tempo, step.hold) == (10, 3, 10)
    line = _timing_line(container(doc, ())[0], catalog)
    assert line == step_timing(step)
    assert "10 reps of 13 s" in line


@pytest.mark.parametrize("path", sorted((ROOT / "routines").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_step_reads_the_same_in_the_editor(catalog: Catalog, path: Path) -> None:
    doc = RoutineDocument.from_text(path.read_text(encoding="utf-8"))
    routine = doc.validate(catalog.library, str(path))

    def check(items: list[Step | RepeatGroup | Choice], raw: object) -> None:
        assert isinstance(raw, list)
        for model, item in zip(items, raw, strict=True):
            if isinstance(model, RepeatGroup):
                check(model.steps, item["steps"])
            elif isinstance(model, Choice):
                for option, written in zip(model.choose, item["choose"], strict=True):
                    raw = {"use": written} if isinstance(written, str) else written
                    assert _timing_line(raw, catalog) == step_timing(option), option.title
            else:
                assert _timing_line(item, catalog) == step_timing(model), model.title

    check(routine.steps, container(doc, ()))


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ({"name": "Draft", "hold": "abc"}, "timing to fix: see the problems below"),
        ({"name": "Draft"}, "no timing yet"),
        ({"name": "Sides", "hold": 30, "sides": "boht"}, "hold 30 s"),
        ({"use": "hip-raise", "tempo": 2}, "3 sets × 10 reps of 12 s"),  # tempo alone: kept
    ],
)
def test_a_draft_step_still_gets_a_line(
    catalog: Catalog, item: dict[str, object], words: str
) -> None:
    assert _timing_line(item, catalog) == words
