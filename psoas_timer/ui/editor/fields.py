"""Small inputs for the step form: durations typed the way people say them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QWidget

from psoas_timer.core.duration import EXPECTED, format_duration, parse_duration

__all__ = ["DurationEdit", "TempoEdit", "duration_text", "tempo_text"]


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

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText("e.g. 30s or 1m30s")
        self.setMaximumWidth(160)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    def set_value(self, value: object) -> None:
        if self.hasFocus() and self._same(value):
            return
        self.setText(duration_text(value))
        self._mark(True)

    def _same(self, value: object) -> bool:
        try:
            return parse_duration(self.text()) == parse_duration(value)
        except ValueError:
            return self.text() == duration_text(value)

    def _mark(self, ok: bool) -> None:
        palette = self.palette()
        color = (
            palette.color(QPalette.ColorRole.WindowText)
            if ok
            else palette.color(QPalette.ColorRole.Accent)
        )
        self.setToolTip("" if ok else f"Write {EXPECTED}")
        self.setStyleSheet("" if ok else f"QLineEdit {{ border: 2px solid {color.name()}; }}")

    def _on_editing_finished(self) -> None:
        shown = duration_text(self.text().strip())
        if shown != self.text():
            self.setText(shown)

    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            self._mark(True)
            self.value_edited.emit(None)
            return
        try:
            seconds = parse_duration(text)
        except ValueError:
            self._mark(False)
            self.value_edited.emit(text.strip())
            return
        self._mark(True)
        self.value_edited.emit(seconds)


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
        self.setPlaceholderText("e.g. 3s, or 1-10-2 (up-hold-down)")

    def set_value(self, value: object) -> None:
        if self.hasFocus() and (tempo_text(value) == self.text().strip() or self._same(value)):
            return  # what is being typed stays as typed
        self.setText(tempo_text(value))
        self._mark(True)

    def _on_editing_finished(self) -> None:
        if not _PHASES.match(self.text()):
            super()._on_editing_finished()

    def _on_text_edited(self, text: str) -> None:
        if _PHASES.match(text):
            self._mark(True)
            self.value_edited.emit(text.strip())
            return
        super()._on_text_edited(text)
