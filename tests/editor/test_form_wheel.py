"""The mouse wheel over the builder's form scrolls the form: a drop-down or number field it
passes over keeps its value unless the user has put the cursor in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog

from .conftest import editor_on

ROUTINE = """\
name: Wheel
steps:
  - name: Stretch
    kind: stretch
    hold: 60
    sets: 3
    sides: both
    milestones: [{at: 30, say: Halfway there}]
"""


def _wheel(widget: QWidget, notches: int = -1) -> None:
    """Turn the wheel *notches* over *widget* (down when negative)."""
    inside = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        inside,
        QPointF(widget.mapToGlobal(inside.toPoint())),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _value(widget: QWidget) -> object:
    return widget.currentIndex() if isinstance(widget, QComboBox) else widget.text()


def _scroll_area(widget: QWidget) -> QScrollArea:
    area = widget.parentWidget()
    while not isinstance(area, QScrollArea):
        assert area is not None
        area = area.parentWidget()
    return area


def test_the_wheel_over_an_unfocused_drop_down_scrolls_the_form(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = editor_on(qtbot, catalog, user_dir, ROUTINE)
    view.resize(800, 600)
    form = view.step_form
    view.step_list.setFocus()
    qtbot.waitUntil(view.step_list.hasFocus)
    bar = _scroll_area(form).verticalScrollBar()
    assert bar.maximum() > 0, "the form must be taller than its pane for this test"
    kind = form.kind.currentIndex()

    _wheel(form.kind)
    assert form.kind.currentIndex() == kind
    assert bar.value() > 0, "the form did not scroll"
    assert not form.kind.hasFocus()

    form.kind.setFocus()
    qtbot.waitUntil(form.kind.hasFocus)
    _wheel(form.kind)
    assert form.kind.currentIndex() != kind


def test_no_drop_down_or_number_field_of_the_form_changes_under_a_passing_wheel(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = editor_on(qtbot, catalog, user_dir, ROUTINE)
    view.resize(800, 600)
    view.step_list.setFocus()
    qtbot.waitUntil(view.step_list.hasFocus)
    fields = [
        w
        for w in view.forms.findChildren(QWidget)
        if isinstance(w, (QComboBox, QAbstractSpinBox)) and w.isVisibleTo(view.forms)
    ]
    assert any(isinstance(w, QAbstractSpinBox) for w in fields)
    assert any(w.parentWidget() is view.step_form.cues.viewport() for w in fields)
    for field in fields:
        before = _value(field)
        for notches in (1, -1):
            _wheel(field, notches)
            assert _value(field) == before, field.accessibleName()
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus, field.accessibleName()

    sets = view.step_form.sets
    sets.setFocus()
    qtbot.waitUntil(sets.hasFocus)
    _wheel(sets, 1)
    assert sets.text() == "4"
