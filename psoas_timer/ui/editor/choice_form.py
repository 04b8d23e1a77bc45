"""The form for an either/or step (``choose:``): the question asked at the start, its
options as written in the file, and which one is picked when nobody answers.

The options themselves are edited in the file; the form emits ``edited(key, value)`` for the
question and the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from psoas_timer.i18n import _

from .form_widgets import combo, narrow_form, select

__all__ = ["ChoiceForm"]


def _option_key(option: object) -> str:
    """How an either/or step's option is named in ``default``: its library id or its name."""
    if isinstance(option, str):
        return option
    if isinstance(option, Mapping):
        return str(option.get("use") or option.get("id") or option.get("name") or "")
    return ""


class ChoiceForm(QWidget):
    """An either/or step: the question, its options (as written in the file) and which one
    is picked when nobody answers. The options themselves are edited in the file."""

    edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Either/or step"))
        self.ask = QLineEdit()
        self.ask.setAccessibleName(_("Question asked at the start"))
        self.ask.setPlaceholderText(_("e.g. Heat or ice today?"))
        self.options = QLabel()
        self.options.setObjectName("choice_options")
        self.options.setWordWrap(True)
        self.default = combo(_("Picked when nobody answers"), [])
        layout = narrow_form(QFormLayout(self))
        layout.addRow(_("&Question"), self.ask)
        layout.addRow(_("Options"), self.options)
        layout.addRow(_("&Default"), self.default)
        self.ask.textEdited.connect(lambda t: self.edited.emit("ask", t.strip() or None))
        self.default.activated.connect(
            lambda i: self.edited.emit("default", self.default.itemData(i) if i > 0 else None)
        )

    def show_choice(self, item: Mapping[str, Any]) -> None:
        options = item.get("choose") if isinstance(item.get("choose"), list) else []
        keys = [_option_key(option) for option in options or []]
        with QSignalBlocker(self.ask), QSignalBlocker(self.default):
            if not self.ask.hasFocus():
                self.ask.setText(str(item.get("ask") or ""))
            self.options.setText(
                "\n".join(
                    [
                        *(f"{n}. {key}" for n, key in enumerate(keys, 1)),
                        _("(add or change options in the routine file)"),
                    ]
                )
            )
            self.default.clear()
            self.default.addItem(
                _("The first ({option})").format(option=keys[0]) if keys else _("The first"),
                None,
            )
            for key in keys:
                self.default.addItem(key, key)
            select(self.default, item.get("default"))
