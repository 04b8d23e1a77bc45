"""Small helpers the editor's forms share: a combo box of choices, choosing a
value in a combo box, and putting the cursor in a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget

__all__ = ["combo", "focus_field", "select"]


def combo(name: str, choices: list[tuple[str, str]], editable: bool = False) -> QComboBox:
    """A combo box named *name* for assistive tools, offering *choices* (value, words)."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setEditable(editable)
    for value, label in choices:
        box.addItem(label, value)
    return box


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
