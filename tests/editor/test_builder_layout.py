"""The builder's layout holds still and fits: the problems panel moves nothing (#21 item 20),
and at 800 px nothing of the form is out of reach sideways."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.editor import CloseChoice, EditorView

from .conftest import builder_window, make_editor

ROUTINE = "name: Two\nsteps:\n  - {name: Plank, hold: 30}\n  - {name: Bridge, hold: 20}\n"


def _where(widget: QWidget) -> QPoint:
    return widget.mapToGlobal(QPoint(0, 0))


def _buttons(view: EditorView) -> list[QPushButton]:
    names = ("Remove", "Move up", "Duplicate", "Add from library")
    found = [
        b
        for b in view.findChildren(QPushButton)
        if b.isVisible() and any(b.accessibleName().startswith(n) for n in names)
    ]
    assert found
    return found


def test_a_problem_appearing_moves_no_button_under_the_pointer(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = make_editor(qtbot, catalog, user_dir, choice=CloseChoice.DISCARD, size=(1000, 700))
    view.load(RoutineDocument.from_text(ROUTINE), None)
    view.step_list.setCurrentRow(0)
    qtbot.wait(20)
    before = {b.accessibleName(): _where(b) for b in _buttons(view)}
    list_height = view.step_list.height()

    hold = view.step_form.hold
    hold.setFocus()
    hold.selectAll()
    qtbot.keyClicks(hold, "soon")  # not a duration: a problem to list
    qtbot.waitUntil(lambda: view.problem_list.count() > 0)
    qtbot.wait(20)
    assert view.problem_list.isVisible()
    assert {b.accessibleName(): _where(b) for b in _buttons(view)} == before
    assert view.step_list.height() == list_height

    qtbot.keyClick(hold, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    hold.selectAll()
    qtbot.keyClicks(hold, "40s")
    qtbot.waitUntil(lambda: view.problem_list.count() == 0)
    qtbot.wait(20)
    assert {b.accessibleName(): _where(b) for b in _buttons(view)} == before


EVERY_FORM = """\
name: Every form
steps:
  - use: hip-raise
  - use: ball-roll
  - name: Kneeling hip-flexor stretch with a long name to read
    kind: stretch
    sides: both
    hold: {left: 30s, right: 45s}
    sets: {left: 1, right: 2}
    rest_between_sets: {duration: 10s, name: Shake out the legs, say: Shake out both legs}
    rest_after: {duration: 20s, name: Drink some water}
  - name: Ball
    kind: release
    sides: both
    open: {left: {target: 1m}, right: {min: 30s, target: 1m30s, max: 2m}}
  - repeat: 2
    rest_between: {duration: 30s, name: Walk around}
    steps:
      - {name: Plank, hold: 30}
  - choose: [heat-pack, ice-pack]
"""


def test_at_800_px_the_form_never_scrolls_sideways(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    from PySide6.QtWidgets import QScrollArea

    _window, view = builder_window(qtbot, catalog, user_dir, (800, 600), EVERY_FORM)
    scroll = next(a for a in view.findChildren(QScrollArea) if a.isAncestorOf(view.forms))
    for row in range(view.step_list.count()):
        view.step_list.setCurrentRow(row)
        qtbot.wait(10)
        assert scroll.horizontalScrollBar().maximum() == 0, view.step_list.item(row).text()
        form = view.forms.currentWidget()
        assert form.width() <= scroll.viewport().width()


def test_the_builder_opens_whole_at_800_by_600_with_a_notice(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """At 800 × 600 the builder with its notice line ("Copied to your routines as …") scrolled
    its whole body, the total, the timeline and the problems below the window's edge, though
    its least height fitted: any line that wraps made the scroll area size the body by the
    height it would like, not the least it needs."""
    from PySide6.QtWidgets import QScrollArea

    window, view = builder_window(
        qtbot, catalog, user_dir, (798, 575), ROUTINE
    )  # 800 × 600 less openbox's title bar and border
    view.notify("Copied to your routines as daily-psoas-routine-copy.yaml.")
    qtbot.wait(20)
    body = window.centralWidget()
    assert isinstance(body, QScrollArea)
    layout = view.layout()
    assert layout is not None
    least = layout.totalMinimumHeightForWidth(body.viewport().width())
    assert least <= body.viewport().height()  # it fits: it must not scroll
    qtbot.waitUntil(lambda: body.verticalScrollBar().maximum() == 0, timeout=1000)
    panel = view.problem_list
    bottom = panel.mapTo(body.viewport(), panel.rect().bottomLeft()).y()
    assert bottom < body.viewport().height()
