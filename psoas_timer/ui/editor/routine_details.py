"""The routine's own settings above the step list: name, description, tags and the defaults
every step inherits.

Like the step form, it never edits the document: it shows the routine (with signals blocked)
and emits ``routine_edited(key, value, undo_text)`` or ``default_edited(key, value)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from psoas_timer.core.duration import format_duration
from psoas_timer.core.routine_edit import defaults_of
from psoas_timer.i18n import N_, _, pgettext

from .choices import BREATHING
from .fields import DurationEdit
from .form_widgets import combo, focus_field, narrow_form, select

__all__ = ["RoutineDetails"]


class RoutineDetails(QGroupBox):
    routine_edited = Signal(str, object, str)
    default_edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Routine"), parent)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(_("Routine name"))
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName(_("Description"))
        self.description_edit.setPlaceholderText(_("Who it is for, and when"))
        self.tags_edit = QLineEdit()
        self.tags_edit.setAccessibleName(_("Tags, separated by commas"))
        self.tags_edit.setPlaceholderText(_("e.g. evening, gentle"))
        self.default_prepare = DurationEdit(_("Get ready before the first step"))
        self.default_rest = DurationEdit(_("Rest after each step"))
        self.default_switch = DurationEdit(_("Pause to switch sides"))
        self.default_breathing = combo(
            _("Breathing pattern for every step"),
            [("none", N_("No pacing")), *BREATHING[2:]],
            editable=True,
        )
        defaults_row = QHBoxLayout()
        for label, widget in (
            (pgettext("step form", "Get ready"), self.default_prepare),
            (_("Rest"), self.default_rest),
            (_("Switch"), self.default_switch),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            defaults_row.addWidget(caption)
            defaults_row.addWidget(widget)
        form = narrow_form(QFormLayout(self))
        form.addRow(_("Na&me"), self.name_edit)
        form.addRow(_("Descri&ption"), self.description_edit)
        form.addRow(_("Ta&gs"), self.tags_edit)
        form.addRow(_("Each step"), defaults_row)
        form.addRow(_("Breathing"), self.default_breathing)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.name_edit.textEdited.connect(
            lambda t: self.routine_edited.emit("name", t.strip(), "Rename")
        )
        self.description_edit.textEdited.connect(
            lambda t: self.routine_edited.emit("description", t.strip(), "Change description")
        )
        self.tags_edit.textEdited.connect(
            lambda t: self.routine_edited.emit(
                "tags", [w.strip() for w in t.split(",") if w.strip()], "Change tags"
            )
        )
        self.default_prepare.value_edited.connect(lambda v: self.default_edited.emit("prepare", v))
        self.default_rest.value_edited.connect(lambda v: self.default_edited.emit("rest", v))
        self.default_switch.value_edited.connect(
            lambda v: self.default_edited.emit("switch_sides", v)
        )
        self.default_breathing.activated.connect(
            lambda _i: self.default_edited.emit(
                "breathing",
                self.default_breathing.currentData() or self.default_breathing.currentText(),
            )
        )

    def focus_key(self, key: tuple[str | int, ...]) -> bool:
        """Put the cursor in the field that edits *key* of the routine (``("name",)``,
        ``("defaults", "rest")``...); ``False`` when there is none."""
        fields: dict[tuple[str | int, ...], QWidget] = {
            ("name",): self.name_edit,
            ("description",): self.description_edit,
            ("tags",): self.tags_edit,
            ("defaults", "prepare"): self.default_prepare,
            ("defaults", "rest"): self.default_rest,
            ("defaults", "switch_sides"): self.default_switch,
            ("defaults", "breathing"): self.default_breathing,
        }
        widget = fields.get(key[:2] if key[:1] == ("defaults",) else key[:1])
        return widget is not None and focus_field(widget, self)

    def show_routine(self, data: Mapping[str, Any]) -> None:
        """Show the routine's mapping; a field being typed into keeps its text."""
        with (
            QSignalBlocker(self.name_edit),
            QSignalBlocker(self.description_edit),
            QSignalBlocker(self.tags_edit),
        ):
            if not self.name_edit.hasFocus():
                self.name_edit.setText(str(data.get("name") or ""))
            if not self.description_edit.hasFocus():
                self.description_edit.setText(" ".join(str(data.get("description") or "").split()))
                self.description_edit.setCursorPosition(0)
            if not self.tags_edit.hasFocus():
                self.tags_edit.setText(", ".join(str(t) for t in data.get("tags") or []))
        defaults = data.get("defaults") or {}
        base = defaults_of("defaults")
        for key, edit in (
            ("prepare", self.default_prepare),
            ("rest", self.default_rest),
            ("switch_sides", self.default_switch),
        ):
            with QSignalBlocker(edit):
                edit.set_value(defaults.get(key))
                edit.setPlaceholderText(str(format_duration(base[key])))
        with QSignalBlocker(self.default_breathing):
            if not self.default_breathing.hasFocus():
                select(self.default_breathing, defaults.get("breathing", "none"))
