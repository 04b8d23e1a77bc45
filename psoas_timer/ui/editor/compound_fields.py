"""Fields for values the format writes as small mappings, so that nobody reads or types YAML
in braces: a rest with words of its own (``{duration: 10s, name: Move the ball, say: ...}``),
an open hold (``{min: 30s, target: 1m, max: 2m}``), and any of them, or a hold or a count,
different on each side (``{left: 30s, right: 45s}``).

Each emits ``value_edited(value)`` with the plain data a routine file holds, as the simple
fields of :mod:`.fields` do, and shows a value with ``set_value`` (typing is never undone by
showing what was typed).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.amounts import written_per_side
from psoas_timer.core.open_holds import OpenHold
from psoas_timer.core.rests import RestWords
from psoas_timer.core.value_types import field_words
from psoas_timer.i18n import _

from .fields import DurationEdit, duration_text

__all__ = ["OpenHoldEdit", "RestEdit", "SidedField", "side_name"]


def side_name(name: str, side: str) -> str:
    """*name* of a field, for assistive tools, with the *side* it is for (``""``: no side)."""
    if side == "left":
        return _("{field}, left side").format(field=name)
    if side == "right":
        return _("{field}, right side").format(field=name)
    return name


def _compact(layout: QFormLayout | QVBoxLayout) -> None:
    """No margins, and fields that take the room there is (a field's label beside it: the
    labels are short, and the form around wraps the whole above its label when narrow)."""
    layout.setContentsMargins(0, 0, 0, 0)
    if isinstance(layout, QFormLayout):
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)


class OpenHoldEdit(QWidget):
    """An open hold's three times: the shortest useful hold, when to ask whether it has
    softened, the longest."""

    value_edited = Signal(object)

    def __init__(self, side: str = "") -> None:
        """The times for one *side* (``"left"``, ``"right"``), or for both (``""``: the
        fields with a shortcut key)."""
        super().__init__()
        self.min = self._time("min", side)
        self.target = self._time("target", side)
        self.max = self._time("max", side)
        form = QFormLayout(self)
        _compact(form)
        for label, edit in (
            (_("Sh&ortest (min)"), self.min),
            # Translators: when the player asks "Has it softened?"; (target) is the file's key
            (_("Ask a&fter (target)"), self.target),
            (_("Longest (ma&x)"), self.max),
        ):
            form.addRow(label.replace("&", "") if side else label, edit)
            # room for a time such as 1m30s: a label goes above its field rather
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("1h30m30s") + 16)
            edit.value_edited.connect(self._on_part_edited)

    @staticmethod
    def _time(key: str, side: str) -> DurationEdit:
        """The field for the time *key*, named and explained as the format declares it
        (``core.open_holds``): its name for assistive tools, its help for them and for
        What's This (Shift+F1)."""
        words = field_words(OpenHold, key)
        edit = DurationEdit(side_name(words.label, side))
        edit.setAccessibleDescription(words.help)
        edit.setWhatsThis(words.help)
        return edit

    def parts(self) -> dict[str, DurationEdit]:
        return {"min": self.min, "target": self.target, "max": self.max}

    def value(self) -> dict[str, Any] | None:
        hold = {key: edit.value() for key, edit in self.parts().items()}
        return {key: value for key, value in hold.items() if value is not None} or None

    def set_value(self, value: object) -> None:
        hold = value if isinstance(value, Mapping) else {}
        for key, edit in self.parts().items():
            edit.set_value(hold.get(key))

    def _on_part_edited(self, _value: object) -> None:
        self.value_edited.emit(self.value())


class SidedField(QWidget):
    """One value, or, with "Different on each side" ticked, one for the left and one for the
    right side (``{left: ..., right: ...}``). The choice is offered on a step done on both
    sides (or one that already has a value per side, to undo it)."""

    value_edited = Signal(object)

    def __init__(self, make: Callable[[str], Any], name: str) -> None:
        """*make(side)* makes the field for ``""`` (the one value), ``"left"`` and
        ``"right"``; *name* names the whole for assistive tools."""
        super().__init__()
        self.setAccessibleName(name)
        self.one: Any = make("")
        self.left: Any = make("left")
        self.right: Any = make("right")
        self.each = QCheckBox(_("Different on each side"))
        self.each.setAccessibleName(_("{field}: different on each side").format(field=name))
        self._sides = QWidget()
        sides = QFormLayout(self._sides)
        _compact(sides)
        sides.addRow(_("Left"), self.left)
        sides.addRow(_("Right"), self.right)
        layout = QVBoxLayout(self)
        _compact(layout)
        layout.addWidget(self.one)
        layout.addWidget(self._sides)
        layout.addWidget(self.each)
        self._sides.hide()
        self.one.value_edited.connect(self.value_edited)
        self.left.value_edited.connect(self._on_side_edited)
        self.right.value_edited.connect(self._on_side_edited)
        self.each.toggled.connect(self._on_each_toggled)

    def shown_part(self, side: str | None = None) -> Any:
        """The field showing the value (of *side*, when the value is per side)."""
        if not self.each.isChecked():
            return self.one
        return self.right if side == "right" else self.left

    def set_value(self, value: object, *, offered: bool) -> None:
        """Show *value*; the choice of a value per side shows where *offered* (or in use)."""
        per_side = written_per_side(value)
        with QSignalBlocker(self.each):
            self.each.setChecked(per_side)
        self.each.setVisible(offered or per_side)
        for part in (self.one, self.left, self.right):
            part.blockSignals(True)
        if written_per_side(value):
            self.left.set_value(value.get("left"))
            self.right.set_value(value.get("right"))
        else:
            self.one.set_value(value)
        for part in (self.one, self.left, self.right):
            part.blockSignals(False)
        self.one.setVisible(not per_side)
        self._sides.setVisible(per_side)

    def _pair(self) -> dict[str, object]:
        return {"left": self.left.value(), "right": self.right.value()}

    def _on_side_edited(self, _value: object) -> None:
        self.value_edited.emit(self._pair())

    def _on_each_toggled(self, each: bool) -> None:
        if each:  # both sides start from the value there was
            value = self.one.value()
            self.left.set_value(value)
            self.right.set_value(value)
            self.value_edited.emit(self._pair() if value is not None else None)
        else:  # back to one value: the left side's
            value = self.left.value()
            self.one.set_value(value)
            self.value_edited.emit(value)
        self.one.setVisible(not each)
        self._sides.setVisible(each)


class RestEdit(QWidget):
    """A rest: its length, and, if it has words of its own, the name the player shows (and
    says) instead of "Rest", and other words to say, if they differ from the name.

    Shows what the step would get otherwise (the exercise's rest, or the routine's default)
    as hints. The first edit of a rest the step takes from its exercise keeps the exercise's
    other parts: a new length keeps its name, a new name keeps its length."""

    value_edited = Signal(object)

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.duration = DurationEdit(accessible_name)
        widest = _("{value} (exercise)").format(value="10s")
        self._length_width = self.duration.fontMetrics().horizontalAdvance(widest) + 16
        self.duration.setMaximumWidth(self._length_width)
        self.setFocusProxy(self.duration)
        self.name, name_label = self._words("name", accessible_name)
        self.say, self._say_label = self._words("say", accessible_name)
        self.say.setPlaceholderText(_("Say the name"))
        self._inherited: object = None
        self._own: object = None
        # the length, then its words a line each: room to read them in a narrow window
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.duration, 0, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(name_label, 1, 0)
        layout.addWidget(self.name, 1, 1)
        layout.addWidget(self._say_label, 2, 0)
        layout.addWidget(self.say, 2, 1)
        layout.setColumnStretch(1, 1)
        self.duration.value_edited.connect(lambda _v: self._on_part_edited(self.duration))
        self.name.textEdited.connect(lambda _t: self._on_part_edited(self.name))
        self.say.textEdited.connect(lambda _t: self._on_part_edited(self.say))

    @staticmethod
    def _words(key: str, rest: str) -> tuple[QLineEdit, QLabel]:
        """The field for the rest's words *key* and its label, named and explained as the
        format declares them (``core.rests.RestWords``); for assistive tools, its name
        follows the *rest*'s ("Rest after this step: Name")."""
        words = field_words(RestWords, key)
        edit = QLineEdit()
        # Translators: a part of a field, for screen readers ("Rest after this step: Name")
        edit.setAccessibleName(_("{field}: {part}").format(field=rest, part=words.label))
        edit.setAccessibleDescription(words.help)
        edit.setWhatsThis(words.help)
        label = QLabel(words.label)
        label.setBuddy(edit)
        return edit, label

    def parts(self) -> dict[str, QLineEdit | DurationEdit]:
        """The field for each key of a rest with words, in the order the format declares."""
        return {"duration": self.duration, "name": self.name, "say": self.say}

    def set_value(self, value: object, inherited: object = None, default: str = "") -> None:
        """Show the step's own *value*, with what it gets without one (*inherited*, from
        its exercise, or the routine's *default*, in words) as hints."""
        self._own, self._inherited = value, inherited
        own = value if isinstance(value, Mapping) else {"duration": value}
        with QSignalBlocker(self.duration):
            self.duration.set_value(own.get("duration"))
        self.duration.setMaximumWidth(self._length_width)
        for edit, key in ((self.name, "name"), (self.say, "say")):
            if not edit.hasFocus():
                edit.setText(str(own.get(key) or ""))
                edit.setCursorPosition(0)  # its start, in a narrow field
        hint = inherited if isinstance(inherited, Mapping) else {"duration": inherited}
        if hint.get("duration") is not None:
            inherited_text = duration_text(hint["duration"])
            self.duration.setPlaceholderText(_("{value} (exercise)").format(value=inherited_text))
        else:
            self.duration.setPlaceholderText(default)
        name = hint.get("name")
        self.name.setPlaceholderText(
            _("{value} (exercise)").format(value=name) if name else _("Shown and said; optional")
        )
        self.name.setToolTip(self.name.placeholderText())
        self.duration.setToolTip(self.duration.placeholderText())
        self._show_say()

    def _show_say(self) -> None:
        shown = bool(self.name.text().strip() or self.say.text().strip())
        self.say.setVisible(shown)
        self._say_label.setVisible(shown)

    def value(self) -> object:
        """The rest as a routine file holds it: a length, or a mapping with its words."""
        length = self.duration.value()
        name, say = self.name.text().strip(), self.say.text().strip()
        if not name and not say:
            return length
        rest: dict[str, object] = {} if length is None else {"duration": length}
        if name:
            rest["name"] = name
        if say:
            rest["say"] = say
        return rest

    def _on_part_edited(self, edited: QWidget) -> None:
        inherited = self._inherited
        if self._own is None and inherited is not None:
            # the step's first rest of its own: the exercise's other parts come along
            parts = inherited if isinstance(inherited, Mapping) else {"duration": inherited}
            if edited is not self.duration and not self.duration.text().strip():
                self.duration.set_value(parts.get("duration"))
            for edit, key in ((self.name, "name"), (self.say, "say")):
                if edit is not edited and not edit.text().strip() and parts.get(key):
                    edit.setText(str(parts[key]))
            self._own = True
        self._show_say()
        self.value_edited.emit(self.value())
