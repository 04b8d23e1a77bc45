"""In every language, the Alt+letter of each row of the builder's step form (and of every
other label and button showing beside it) is its own: two fields on screen never share a
letter, whatever the step's kind and timing (Qt would only cycle between them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.core.catalog import Catalog

from .conftest import editor_on

STEPS = {
    "hold": "{name: A, kind: stretch, hold: 30, sides: both, milestones: [10]}",
    "reps": "{name: A, kind: exercise, reps: 8, tempo: 3, hold: 2, sets: 2, sides: both}",
    "duration": "{name: A, kind: exercise, duration: 60, rest_after: 10}",
    "open": "{name: A, kind: release, open: {min: 30, target: 60, max: 90}}",
    "breaths": "{name: A, kind: breathing, breaths: 6, breathing: box}",
    "rest": "{name: A, kind: rest, duration: 30}",
}


def _letters(view: QWidget) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}
    for widget in view.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisibleTo(view):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # no shortcut without a buddy
        match = re.search(r"&([^&\s])", widget.text())
        if match:
            shown.setdefault(match.group(1).casefold(), []).append(widget.text())
    return shown


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt_BR"])
@pytest.mark.parametrize("timing", list(STEPS))
def test_no_two_fields_showing_share_an_alt_letter(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, language: str, timing: str
) -> None:
    i18n.set_language(language)
    view = editor_on(qtbot, catalog, user_dir, f"name: Letters\nsteps:\n  - {STEPS[timing]}\n")
    view.resize(800, 600)
    letters = _letters(view)
    assert len(letters) >= 4
    assert {k: v for k, v in letters.items() if len(v) > 1} == {}
