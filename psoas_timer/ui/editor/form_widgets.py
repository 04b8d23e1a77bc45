"""Small helpers the editor's forms share: a combo box of choices, choosing a
value in a combo box, putting the cursor in a field, and keeping the mouse wheel for
scrolling the form over a field that does not have the cursor."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from psoas_timer.i18n import _

_W = TypeVar("_W", bound=QWidget)

__all__ = ["combo", "focus_field", "narrow_form", "scrolls_past", "select"]


def combo(name: str, choices: list[tuple[str, str]], editable: bool = False) -> QComboBox:
    """A combo box named *name* for assistive tools, offering *choices* (value, words)."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setEditable(editable)
    for value, label in choices:
        box.addItem(_(label), value)
    # as wide as its longest choice where there is room; where there is not, a long choice
    # is shortened in the closed box (the open list shows it whole) rather than the form
    # made wider than a small window
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    natural = max(box.sizeHint().width(), box.minimumSizeHint().width())
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    box.setMaximumWidth(natural)
    return scrolls_past(box)


class _WheelScrollsForm(QObject):
    """Hands a wheel turned over a field without the cursor to the scroll areas around it,
    the nearest that can still scroll that way first (the cue table, then the form)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(watched, QWidget)
            or watched.hasFocus()
        ):
            return False
        area = watched.parentWidget()
        while area is not None:
            if isinstance(area, QAbstractScrollArea):
                event.ignore()
                QApplication.sendEvent(area.viewport(), event)
                if event.isAccepted():
                    break
            area = area.parentWidget()
        return True


def scrolls_past(field: _W) -> _W:
    """*field* (a combo or spin box), changed by the mouse wheel only once it has the cursor:
    a wheel turned over it while scrolling the form scrolls the form, where it changed the
    value under the pointer (a step's kind, its sets) without the user meaning to. Clicking
    or tabbing into it gives it the cursor, never the wheel."""
    field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    guard = _WheelScrollsForm(field)
    field.installEventFilter(guard)
    return field


def narrow_form(form: QFormLayout) -> QFormLayout:
    """*form*, laid out for the width it gets: a label goes above its field where the two do
    not fit side by side (the builder at 800 px scrolled its form sideways), and fields
    grow into the room there is."""
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


def select(box: QComboBox, value: object) -> None:
    """Choose *value* in *box*; an editable box shows a value it does not offer as typed."""
    index = box.findData(value)
    if index < 0 and box.isEditable() and value:
        box.setEditText(str(value))
        return
    box.setCurrentIndex(max(index, 0))


def focus_field(widget: QWidget, form: QWidget) -> bool:
    """Focus *widget* (selecting its text) if it is showing in *form*."""
    if not widget.isVisibleTo(form):
        return False
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        widget.selectAll()
    elif isinstance(widget, QComboBox) and (line := widget.lineEdit()) is not None:
        line.selectAll()
    return True
