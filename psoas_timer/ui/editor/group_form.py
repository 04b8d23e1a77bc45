"""The form for a repeat group: how many rounds, its name, and the rest between rounds.

Like the step form it never edits the document: it emits ``edited(key, value)``, and
``open_requested`` to edit the steps inside the group.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget

from psoas_timer.core.value_types import ROUNDS
from psoas_timer.i18n import _

from .compound_fields import RestEdit
from .fields import CountEdit
from .form_widgets import focus_field, narrow_form

__all__ = ["GroupForm"]


class GroupForm(QWidget):
    """Settings of a repeat group: how many rounds, its name, and the rest between rounds."""

    edited = Signal(str, object)
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repeat = CountEdit(_("Rounds"), ROUNDS, ranges=False)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Group name"))
        self.name.setPlaceholderText(_("e.g. Core circuit"))
        self.rest_between = RestEdit(_("Rest between rounds"))
        self.open_button = QPushButton(_("Edit the steps in this group"))
        layout = narrow_form(QFormLayout(self))
        layout.addRow(_("&Rounds"), self.repeat)
        layout.addRow(_("&Name"), self.name)
        layout.addRow(_("Rest &between rounds"), self.rest_between)
        layout.addRow("", self.open_button)
        self.repeat.value_edited.connect(lambda v: self.edited.emit("repeat", v))
        self.name.textEdited.connect(lambda t: self.edited.emit("name", t.strip() or None))
        self.rest_between.value_edited.connect(lambda v: self.edited.emit("rest_between", v))
        self.open_button.clicked.connect(self.open_requested)

    def focus_key(self, key: tuple[str | int, ...]) -> bool:
        """Put the cursor in the field that edits *key* of the group; ``False`` if none."""
        fields: dict[str | int, QWidget] = {
            "repeat": self.repeat,
            "name": self.name,
            "rest_between": self.rest_between,
            "steps": self.open_button,
        }
        widget = fields.get(key[0]) if key else None
        return widget is not None and focus_field(widget, self)

    def show_group(self, group: Mapping[str, Any]) -> None:
        with QSignalBlocker(self.repeat), QSignalBlocker(self.name):
            self.repeat.set_value(group.get("repeat"))
            if not self.name.hasFocus():
                self.name.setText(str(group.get("name") or ""))
        with QSignalBlocker(self.rest_between):
            self.rest_between.set_value(group.get("rest_between"), default=_("none"))
