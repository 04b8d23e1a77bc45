"""Small helpers the editor's forms share: a combo box of choices, choosing a
value in a combo box, and putting the cursor in a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from psoas_timer.i18n import _

__all__ = ["combo", "focus_field", "narrow_form", "select"]


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
    return box


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
