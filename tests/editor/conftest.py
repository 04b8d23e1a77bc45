"""Shared fixtures for the routine editor and its saving."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.editor import CloseChoice, EditorView, EditorWindow

ROOT = Path(__file__).resolve().parents[2]

HAND_WRITTEN = """\
# My evening session (written by hand)
version: 1
name: Evening psoas
description: >-
  Slow and gentle,
  before bed.
tags: [evening, gentle]

steps:
  # Release first
  - use: psoas-ball-release   # my favourite
    open: {min: 60s, target: 90s, max: 2m}

  # Then stretch
  - name: "Kneeling stretch"
    kind: stretch
    hold: 90s      # long on purpose
    sides: both
    instructions: |
      Kneel.
      Tuck the pelvis.
"""


#: The step many tests start from (a new routine is empty).
STRETCH = {"name": "Kneeling hip-flexor stretch", "kind": "stretch", "hold": 30, "sides": "both"}


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(ROOT / "routines")


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    path = tmp_path / "routines"
    path.mkdir()
    return path


def make_editor(
    qtbot: QtBot,
    catalog: Catalog,
    user_dir: Path,
    *,
    choice: CloseChoice = CloseChoice.CANCEL,
    size: tuple[int, int] | None = None,
    open_text: str | None = None,
    file_name: str = "routine.yaml",
    show: bool = True,
) -> EditorView:
    """An editor over the bundled library, answering *choice* when asked about unsaved
    changes (the names it was asked about are kept in ``view.asked``); shown and active
    unless *show* is false, and with *open_text* saved as *file_name* and opened."""
    asked: list[str] = []

    def ask(_parent: QWidget, name: str) -> CloseChoice:
        asked.append(name)
        return choice

    view = EditorView(
        library=catalog.library,
        user_dir=user_dir,
        bundled=lambda: sorted((ROOT / "routines").glob("*.yaml")),
        ask_unsaved=ask,
    )
    view.asked = asked  # type: ignore[attr-defined]
    if size is not None:
        view.resize(*size)
    if show:
        qtbot.addWidget(view)
        view.show()
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
    if open_text is not None:
        path = user_dir / file_name
        path.write_text(open_text, encoding="utf-8")
        assert view.files.open_path(path)
    return view


def builder_window(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, size: tuple[int, int], text: str
) -> tuple[EditorWindow, EditorView]:
    """The builder's own window at *size*, shown and on screen, holding the routine *text*
    (unsaved changes are discarded on close)."""
    view = make_editor(qtbot, catalog, user_dir, choice=CloseChoice.DISCARD, show=False)
    window = EditorWindow(view)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    view.load(RoutineDocument.from_text(text), None)
    return window, view


def editor_on(qtbot: QtBot, catalog: Catalog, user_dir: Path, text: str) -> EditorView:
    """An editor holding the routine *text*, its first step chosen."""
    view = make_editor(qtbot, catalog, user_dir, choice=CloseChoice.DISCARD)
    view.load(RoutineDocument.from_text(text), None)
    view.step_list.setCurrentRow(0)
    return view


def type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Put the cursor in *field*, select what it holds and type *text*, as a user would."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
