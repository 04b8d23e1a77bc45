"""The list of steps being edited, one row per step or repeat group, reordered by dragging.

It shows one list at a time: the routine's steps, or the steps of the repeat group being
edited. Each row says what the step is and how long it lasts, in words. A drag moves the row
at once; the editor then moves the step in the document and redraws the list from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from psoas_timer.core.duration import format_duration
from psoas_timer.core.routine_edit import plain, step_baseline

from .document_edits import TIMING_KEYS

__all__ = ["StepList", "describe_item", "timing_words"]


def describe_item(item: Any, index: int, library_raw: Mapping[str, Mapping[str, Any]]) -> str:
    """A step's row: its number and name, then its timing in words on a second line."""
    if not isinstance(item, dict):
        return f"{index + 1}. (not a step)"
    if "repeat" in item:
        count = len(item.get("steps") or [])
        name = item.get("name") or "Repeat group"
        steps = f"{count} step{'s' * (count != 1)}"
        return f"{index + 1}. {name} ×{item.get('repeat')}\n{steps}, repeated — Enter to edit"
    base = step_baseline(item, library_raw)
    merged = {**base, **plain(item)}
    title = merged.get("name") or item.get("use") or "Unnamed step"
    timed = item if any(k in item for k in TIMING_KEYS) else base
    return f"{index + 1}. {title}\n{timing_words(timed, merged)}"


def timing_words(timed: dict[str, Any], merged: dict[str, Any]) -> str:
    """How long a step lasts, in words: ``hold 30s, 2 sets, each side``."""

    def d(value: Any) -> str:
        if not isinstance(value, (int, float)):
            return str(value)
        text = format_duration(float(value))
        return f"{text}s" if isinstance(text, (int, float)) else text

    if timed.get("open"):
        words = f"until it releases (about {d(timed['open'].get('target', '?'))})"
    elif timed.get("breaths"):
        words = f"{timed['breaths']} breaths"
    elif timed.get("reps"):
        words = f"{timed['reps']} reps × {d(timed.get('tempo') or timed.get('hold') or '?')}"
    elif timed.get("duration") is not None:
        words = d(timed["duration"])
    elif timed.get("hold") is not None:
        words = f"hold {d(timed['hold'])}"
    else:
        words = "no timing yet"
    sets = merged.get("sets") or 1
    if sets > 1:
        words += f", {sets} sets"
    if merged.get("sides") == "both":
        words += ", each side"
    elif merged.get("sides") in ("left", "right"):
        words += f", {merged['sides']} side"
    return words


class StepList(QListWidget):
    """The steps of one list, reordered by dragging (the model's ``rowsMoved`` says how)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Steps")
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setSpacing(2)

    def show_items(
        self, items: Any, row: int, library_raw: Mapping[str, Mapping[str, Any]]
    ) -> None:
        """Show *items* (a ``steps`` list) with *row* selected, without emitting signals."""
        with QSignalBlocker(self):
            self.clear()
            for index, item in enumerate(items):
                text = describe_item(item, index, library_raw)
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))
                self.addItem(entry)
            if items:
                self.setCurrentRow(max(0, min(row, len(items) - 1)))

    def titles(self) -> list[str]:
        """The first line of every row: ``"1. Plank"``."""
        return [self.item(i).text().split("\n")[0] for i in range(self.count())]
