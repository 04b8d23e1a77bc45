"""Small inputs for the step form: durations typed the way people say them."""

from __future__ import annotations

import re
from collections.abc import Mapping

import yaml
from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget

from psoas_timer.core.amounts import RANGE_TEXT, parse_count, parse_side_count
from psoas_timer.core.duration import EXPECTED, format_duration, parse_duration
from psoas_timer.core.value_types import CountBounds
from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import follow_palette, set_style_sheet

from .form_widgets import scrolls_past

__all__ = [
    "CountEdit",
    "DurationEdit",
    "TempoEdit",
    "duration_text",
    "tempo_text",
    "typed_value",
    "written_text",
]

_RANGE = re.compile(RANGE_TEXT)
#: Keys inside a written value that hold words, not amounts.
_WORD_KEYS = frozenset({"name", "say", "range"})


def written_text(value: object, durations: bool = True) -> str:
    """A value written the way a routine file would have it inline: a mapping in braces
    (``{left: 30s, right: 45s}``, ``{duration: 20s, name: Move the ball}``), a range as
    written (``20-30s``), and amounts as :func:`duration_text` writes them when *durations*."""
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if isinstance(item, Mapping):
                shown = written_text(item, durations)
            elif key in _WORD_KEYS or not durations:
                shown = str(item)
            else:
                shown = duration_text(item)
            items.append(f"{key}: {shown}")
        return "{" + ", ".join(items) + "}"
    return duration_text(value) if durations else str(value)


def typed_value(text: str) -> object:
    """What a field's *text* stands for: a mapping typed in braces, a whole number, or the
    text itself (a duration or a range, which the routine reads as written)."""
    text = text.strip()
    if text.startswith("{"):
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            return text
        return value if isinstance(value, dict) else text
    if text.isdigit():
        return int(text)
    return text


def _mark_field(field: QWidget, problem: str) -> None:
    """Show that *field* holds text the routine cannot read (a border in the palette's accent
    colour), and why (*problem*, as its tooltip); an empty *problem* clears both."""
    kind = "QAbstractSpinBox" if isinstance(field, QAbstractSpinBox) else "QLineEdit"
    field.setToolTip(problem)
    _border(field, kind if problem else "")


def _border(field: QWidget, kind: str) -> None:
    """A border round *field* (a *kind* of widget) in the palette's accent colour, taken
    again when the palette changes (light, dark, high contrast); "" takes it away."""
    if not kind:
        follow_palette(field, None)
        field.setStyleSheet("")
        return

    def sheet(palette: QPalette) -> str:
        color = palette.color(QPalette.ColorRole.Accent).name()
        return f"{kind} {{ border: 2px solid {color}; }}"

    set_style_sheet(field, sheet)


def _readable(text: str) -> bool:
    """Whether *text* reads as a range, or as a mapping written inline."""
    return bool(_RANGE.match(text)) or isinstance(typed_value(text), dict)


def duration_text(value: object) -> str:
    """A duration as every field of the editor shows it: the way the app writes durations
    (:func:`~psoas_timer.core.duration.format_duration`), always with its unit, whatever
    form the file or the typing used: ``30`` and ``"30s"`` → ``30s``; ``90``, ``"90s"`` and
    ``"1:30"`` → ``1m30s``. Text that is not a duration is shown as written, so the problem
    it causes can be found and fixed."""
    if value is None:
        return ""
    try:
        seconds = parse_duration(value)
    except ValueError:
        return str(value)
    text = format_duration(seconds)
    return f"{text}s" if isinstance(text, (int, float)) else text


class DurationEdit(QLineEdit):
    """Accepts ``90``, ``90s``, ``1m30s`` or ``1:30``. Emits ``value_edited`` as the user types:
    seconds when the text reads as a duration, the text itself when not (so the routine's
    validator reports it, in its own words), ``None`` when emptied. What was typed stays while
    the field has the cursor; when editing is finished, a duration reads back as
    :func:`duration_text` writes it (``90s`` → ``1m30s``)."""

    value_edited = Signal(object)

    def __init__(
        self, accessible_name: str, parent: QWidget | None = None, *, ranges: bool = False
    ) -> None:
        """*ranges*: whether the key takes a range (``20-30s``) and the mappings of a hold
        (``{range: 20-30s, use: 25s}``, ``{left: 30s, right: 45s}``), as ``hold`` and
        ``duration`` do; elsewhere a range is marked as a mistake, with why."""
        super().__init__(parent)
        self._ranges = ranges
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(_("e.g. 30s or 1m30s"))
        self.setMaximumWidth(160)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    def set_value(self, value: object) -> None:
        if self.hasFocus() and self._same(value):
            return
        self.setText(written_text(value))
        # a value written out in braces (per side, a named rest) gets room to be read
        self.setMaximumWidth(420 if isinstance(value, Mapping) else 160)
        self._mark(self.problem(self.text()))

    def _same(self, value: object) -> bool:
        if isinstance(value, Mapping):
            return typed_value(self.text()) == value
        try:
            return parse_duration(self.text()) == parse_duration(value)
        except ValueError:  # text as typed, emitted without its outer spaces
            return self.text().strip() == duration_text(value)

    def problem(self, text: str) -> str:
        """Why *text* is not what this field takes, or ``""`` when it is (or is empty)."""
        text = text.strip()
        if not text:
            return ""
        try:
            parse_duration(text)
        except ValueError:
            pass
        else:
            return ""
        if self._ranges and _readable(text):
            return ""  # a range or a mapping: the routine's to check, in its own words
        if self._ranges:
            return _("Write {expected}, or a range such as 20-30s").format(expected=EXPECTED)
        return _("Write {expected}; no range here").format(expected=EXPECTED)

    def _mark(self, problem: str) -> None:
        _mark_field(self, problem)

    def _on_editing_finished(self) -> None:
        shown = duration_text(self.text().strip())
        if shown != self.text():
            self.setText(shown)

    def value(self) -> object:
        """What the field's text stands for: seconds when it reads as a duration, a mapping
        typed in braces, else the text itself (a range; or a mistake, for the routine's
        check to report); ``None`` when empty."""
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_duration(text)
        except ValueError:
            value = typed_value(text)
            return value if isinstance(value, dict) else text

    def _on_text_edited(self, text: str) -> None:
        self._mark(self.problem(text))
        self.value_edited.emit(self.value())


_PHASES = re.compile(r"^\s*\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?){1,2}\s*$")


def tempo_text(value: object) -> str:
    """A rep's tempo as the editor shows it: seconds (``3s``) or phases (``1-10-2``, up,
    hold and down; ``2-2``, up and down)."""
    if isinstance(value, Mapping):
        keys = [k for k in value if k in ("up", "hold", "down")]
        numbers = {k: value[k] for k in keys}
        if keys == ["up", "down"]:
            return f"{numbers['up']:g}-{numbers['down']:g}"
        if keys == ["up", "hold", "down"]:
            return "-".join(f"{numbers[k]:g}" for k in keys)
        return "{" + ", ".join(f"{k}: {v:g}" for k, v in numbers.items()) + "}"
    if isinstance(value, str) and _PHASES.match(value):
        return value.strip()
    return duration_text(value)


class TempoEdit(DurationEdit):
    """A :class:`DurationEdit` that also takes a rep in phases: ``1-10-2`` is 1 s up, 10 s
    held at the top and 2 s down (kept as written, for the routine to read)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, parent)
        self.setPlaceholderText(_("e.g. 3s, or 1-10-2 (up-hold-down)"))

    def set_value(self, value: object) -> None:
        if self.hasFocus() and (tempo_text(value) == self.text().strip() or self._same(value)):
            return  # what is being typed stays as typed
        self.setText(tempo_text(value))
        self._mark("")

    def problem(self, text: str) -> str:
        if _PHASES.match(text) or isinstance(typed_value(text), dict):
            return ""  # phases, or phases by name in braces
        return super().problem(text)

    def _on_editing_finished(self) -> None:
        if not _PHASES.match(self.text()):
            super()._on_editing_finished()

    def _on_text_edited(self, text: str) -> None:
        if _PHASES.match(text):
            self._mark("")
            self.value_edited.emit(text.strip())
            return
        super()._on_text_edited(text)


class CountEdit(QAbstractSpinBox):
    """A whole number within the bounds the format gives the *count* (``value_types.REPS``...),
    with arrows and Up/Down to step it, that also takes what the format accepts for the count:
    a range (``8-12``, ``{range: 8-12, use: 10}``) where *ranges*, and a value per side
    (``{left: 2, right: 3}``) where *per_side*.

    Typing is never silently changed: ``8-12`` stays ``8-12``. Text the format does not take
    for this count (a range for rounds, ``0``, words) stays as typed, the field is marked and
    says why, and it is emitted as typed so the routine's check lists it with the others.
    ``value_edited`` carries an ``int``, the range as text, a mapping, or the text; ``None``
    when emptied."""

    value_edited = Signal(object)

    def __init__(
        self,
        accessible_name: str,
        count: CountBounds,
        *,
        ranges: bool = True,
        per_side: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._least, self._most, self._what = count
        self._ranges, self._per_side = ranges, per_side
        self.setKeyboardTracking(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setMaximumWidth(140)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("8888-8888") + 40)
        line = self.lineEdit()
        line.textEdited.connect(self._on_text_edited)
        scrolls_past(self)

    def set_value(self, value: object) -> None:
        """Show *value* (as read from the file); what is being typed stays as typed."""
        if self.hasFocus() and typed_value(self.text()) == value:
            return
        self.lineEdit().setText("" if value is None else written_text(value, durations=False))
        _mark_field(self, self.problem(self.text()))

    def problem(self, text: str) -> str:
        """Why *text* is not a count of this field, or ``""`` when it is (or is empty)."""
        text = text.strip()
        if not text:
            return ""
        value = typed_value(text)
        if self._ranges:
            expected = _("Write a whole number from {least} to {most}, or a range such as 8-12")
        else:
            expected = _("Write a whole number from {least} to {most}; no range here")
        expected = expected.format(least=self._least, most=self._most)
        if not self._ranges and not isinstance(value, int):
            return expected
        if isinstance(value, dict) and not self._per_side and "range" not in value:
            return expected
        try:
            if self._per_side:
                parse_side_count(value, self._least, self._most, self._what)
            else:
                parse_count(value, self._least, self._most, self._what)
        except ValueError as exc:
            return _("{expected} ({problem})").format(expected=expected, problem=exc)
        return ""

    def value(self) -> object:
        """What the text stands for (:func:`typed_value`); ``None`` when empty."""
        value = typed_value(self.text())
        return None if value == "" else value

    def _number(self) -> int | None:
        value = typed_value(self.text())
        return value if isinstance(value, int) else None

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        number = self._number()
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if number is not None and number > self._least:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if number is not None and number < self._most:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags

    def stepBy(self, steps: int) -> None:
        number = self._number()
        if number is None:
            return
        text = str(max(self._least, min(self._most, number + steps)))
        self.lineEdit().setText(text)
        self.lineEdit().selectAll()
        self._on_text_edited(text)

    def _on_text_edited(self, text: str) -> None:
        _mark_field(self, self.problem(text))
        self.value_edited.emit(self.value())
