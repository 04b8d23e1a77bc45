"""The routine editor's fields each have their own Alt+letter, in every language: the
routine's details (name, description, tags) and the chosen step's (or group's) form are on
screen together, so no two of their labels shown at once may underline the same letter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.common.translation import apply_language
from psoas_timer.ui.editor import CloseChoice, EditorView
from tests.editor.conftest import ROOT, make_editor

pytestmark = pytest.mark.gui

LANGUAGES = ("en", "de", "fr", "es", "pt_BR")

#: One step of each way of timing a step, so every row of the form is shown once, and a
#: group (its own form beside the details).
STEPS = """\
version: 1
name: Every kind of timing
steps:
  - {name: Held, kind: stretch, hold: 30s, sides: both, breathing: 4-0-6-0}
  - {name: Counted, kind: exercise, reps: 10, tempo: 1-2-1, sets: 2, rest_between_sets: 20s}
  - {name: Open, kind: release, open: {min: 30s, target: 60s, max: 2m}, sides: both}
  - {name: Timed, kind: exercise, duration: 45s}
  - {name: Breaths, kind: breathing, breaths: 6}
  - {name: Rested, kind: rest, duration: 30s}
  - {repeat: 2, name: Round, rest_between: 20s, steps: [{name: Inner, hold: 20s}]}
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "routines")


@pytest.fixture(params=LANGUAGES)
def code(request: pytest.FixtureRequest) -> Iterator[str]:
    apply_language(request.param)
    yield request.param
    apply_language("en")


def _letters(view: EditorView, *parts: QWidget) -> list[tuple[str, str]]:
    """(letter, label) for each mnemonic shown in *parts*."""
    found = []
    for part in parts:
        widgets = [*part.findChildren(QLabel), *part.findChildren(QAbstractButton)]
        for widget in widgets:
            if isinstance(widget, QToolButton) or not widget.isVisibleTo(view):
                continue
            text = widget.text().replace("&&", "")
            found += [(m.casefold(), text) for m in re.findall(r"&(\w)", text)]
    return found


def test_details_and_step_form_letters_are_unique(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path, code: str
) -> None:
    view = make_editor(qtbot, catalog, tmp_path, choice=CloseChoice.DISCARD)
    view.load(RoutineDocument.from_text(STEPS), None)
    shown, clashes = 0, set()
    for row in range(view.step_list.count()):
        view.step_list.setCurrentRow(row)
        found = _letters(view, view.details, view.step_form, view.group_form)
        letters = [letter for letter, _label in found]
        clashes |= {(letter, label) for letter, label in found if letters.count(letter) > 1}
        shown += len(found)
    assert not clashes, f"{code}: {sorted(clashes)}"
    assert shown >= 7 * 6  # the labels were found (names, times, the open hold's three)
