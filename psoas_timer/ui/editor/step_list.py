"""The list of steps being edited, one row per step or repeat group, reordered by dragging.

It shows one list at a time: the routine's steps, or the steps of the repeat group being
edited. Each row says what the step is and how long it lasts, in words.

The list never moves its own rows: a drop says what was dropped where, and the editor moves
the step in the document and redraws the list from it. Dropping a row between two others
emits ``dropped_before(row, before)``; dropping it *on* a repeat group's row (Qt draws the
drop indicator round the row) emits ``dropped_into_group(row, group_row)``; dropping it on
a :class:`StepDropButton` (the editor's "Back to the routine") emits that button's
``step_dropped(row)``. A drag carries, besides Qt's own data, :data:`STEP_MIME`: the row,
marked with this list and this process, so a drop from anywhere else is never taken for a
move. (A row moved through the model, ``rowsMoved``, is followed by the editor too.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QMimeData, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from psoas_timer.core.model import Step
from psoas_timer.core.routine_edit import ContainerPath, container, plain, step_baseline
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.i18n import _, ngettext
from psoas_timer.ui.common.text import step_timing

from .document_edits import LENGTH_KEYS, TIMING_KEYS

__all__ = [
    "STEP_MIME",
    "StepDropButton",
    "StepList",
    "describe_item",
    "list_title",
    "timing_words",
]

STEP_MIME = "application/x-psoas-timer-step-row"


def describe_item(item: Any, index: int, library_raw: Mapping[str, Mapping[str, Any]]) -> str:
    """A step's row: its number and name, then its timing in words on a second line, in the
    words of the routine page (:func:`psoas_timer.ui.common.text.step_timing`)."""
    if not isinstance(item, dict):
        return _("{number}. (not a step)").format(number=index + 1)
    if "repeat" in item:
        count = len(item.get("steps") or [])
        name = item.get("name") or _("Repeat group")
        steps = ngettext("{count} step", "{count} steps", count).format(count=count)
        return _("{number}. {group} ×{rounds}\n{steps}, repeated — Enter to edit").format(
            number=index + 1, group=name, rounds=item.get("repeat"), steps=steps
        )
    if "choose" in item:
        options = item.get("choose") if isinstance(item.get("choose"), list) else []
        names = [
            str(o if isinstance(o, str) else (o.get("name") or o.get("use") or "?"))
            for o in options or []
            if isinstance(o, (str, dict))
        ]
        joined = _(" or ").join(names) or _("Either/or")
        return _("{number}. {options}\nasked at the start").format(number=index + 1, options=joined)
    merged = _merged(item, library_raw)
    untitled = _("Rest") if merged.get("kind") == "rest" else _("Unnamed step")  # as the player
    title = merged.get("name") or item.get("use") or untitled
    return _("{number}. {step}\n{timing}").format(
        number=index + 1, step=title, timing=timing_words(merged)
    )


def _merged(
    item: Mapping[str, Any], library_raw: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """*item* over what it leaves out (its library exercise, or the defaults), as the loader
    reads it (:func:`~psoas_timer.core.routine_edit.step_baseline`)."""
    return {**step_baseline(item, library_raw), **plain(item)}


#: What the timing words depend on besides the timing keys, dropped one by one when a draft's
#: value is not valid yet, so that the rest still reads.
_SHAPE = (("kind", "sets", "sides", "alternate"), ("kind",), ())


def timing_words(merged: Mapping[str, Any]) -> str:
    """How long a step (the whole of it, library values included) lasts, in the routine
    page's words: ``"2 sets × 10 reps of 13 s · each side"``. A draft's timing that does not
    read yet says so."""
    for shape in _SHAPE:
        data = {key: merged[key] for key in (*TIMING_KEYS, *shape) if merged.get(key) is not None}
        try:
            step = Step.model_validate({**data, "name": "step"})
        except ValidationError:
            continue
        return step_timing(step)
    if not any(merged.get(key) is not None for key in LENGTH_KEYS):
        return _("no timing yet")
    return _("timing to fix: see the problems below")


def list_title(document: RoutineDocument, path: ContainerPath) -> str:
    """What the list at *path* is, above it: "Steps", or "Steps in Circuit › Pair" inside
    repeat groups (a group without a name by its number of rounds)."""
    if not path:
        return _("Steps")
    seq: Any = container(document, ())
    names = []
    for index in path:
        group = seq[index]
        names.append(
            str(group.get("name") or _("Repeat ×{rounds}").format(rounds=group.get("repeat")))
        )
        seq = group.get("steps") or []
    return _("Steps in {groups}").format(groups=" › ".join(names))


class StepList(QListWidget):
    """The steps of one list, reordered by dragging (the model's ``rowsMoved`` says how)."""

    dropped_before = Signal(int, int)
    dropped_into_group = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Steps"))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setSpacing(2)
        # a long name is shortened (whole in its tooltip), never scrolled to sideways: in a
        # small window the scroll bar took the room of a row
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_items(
        self, items: Any, row: int, library_raw: Mapping[str, Mapping[str, Any]]
    ) -> None:
        """Show *items* (a ``steps`` list) with *row* selected, without emitting signals.
        A repeat group's row takes drops: a step dropped on it goes into the group."""
        with QSignalBlocker(self):
            self.clear()
            for index, item in enumerate(items):
                text = describe_item(item, index, library_raw)
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))
                entry.setToolTip(text)
                if isinstance(item, dict) and "repeat" in item:
                    entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsDropEnabled)
                self.addItem(entry)
            if items:
                self.setCurrentRow(max(0, min(row, len(items) - 1)))

    def titles(self) -> list[str]:
        """The first line of every row: ``"1. Plank"``."""
        return [self.item(i).text().split("\n")[0] for i in range(self.count())]

    # -- dragging ---------------------------------------------------------------------------

    def _token(self) -> str:
        return f"{os.getpid()}:{id(self)}"

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = super().mimeData(items)
        if len(items) == 1:
            data.setData(STEP_MIME, f"{self._token()}:{self.row(items[0])}".encode())
        return data

    def dragged_row(self, data: QMimeData | None) -> int | None:
        """The row a drag from this list carries, or ``None`` for any other drag."""
        if data is None or not data.hasFormat(STEP_MIME):
            return None
        token, _, row = bytes(data.data(STEP_MIME).data()).decode(errors="replace").rpartition(":")
        if token != self._token() or not row.isdigit() or int(row) >= self.count():
            return None
        return int(row)

    def drop_place(self, point: QPoint) -> tuple[bool, int]:
        """Where a row dropped at *point* goes: ``(True, group_row)`` on the middle of a
        repeat group's row, else ``(False, row)`` to go before *row* (the count: at the end).
        The bands are Qt's own, as its drop indicator shows them."""
        for row in range(self.count()):
            rect = self.visualItemRect(self.item(row))
            if point.y() > rect.bottom():
                continue
            group = bool(self.item(row).flags() & Qt.ItemFlag.ItemIsDropEnabled)
            margin = max(2, min(12, round(rect.height() / 5.5)))
            inside = point.y() - rect.top() >= margin and rect.bottom() - point.y() >= margin
            if group and inside:
                return True, row
            return False, row if point.y() < rect.center().y() else row + 1
        return False, self.count()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        super().dragEnterEvent(event)
        if not event.isAccepted() and self.dragged_row(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        if not event.isAccepted() and self.dragged_row(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.dragged_row(event.mimeData())
        if source is None:
            super().dropEvent(event)
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the rows stay; the editor redraws
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        into, row = self.drop_place(event.position().toPoint())
        if into and row != source:
            self.dropped_into_group.emit(source, row)
        elif not into and row not in (source, source + 1):
            self.dropped_before.emit(source, row)


class StepDropButton(QPushButton):
    """A button a step can be dragged onto (the editor's "Back to the routine": dropping a
    step there moves it out of the group). Emits ``step_dropped(row)``."""

    step_dropped = Signal(int)

    def __init__(self, text: str, steps: StepList, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._steps = steps
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.isEnabled() and self._steps.dragged_row(event.mimeData()) is not None:
            event.acceptProposedAction()
            self.setDown(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._steps.dragged_row(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.setDown(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.setDown(False)
        row = self._steps.dragged_row(event.mimeData())
        if row is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the list keeps its rows
        event.accept()
        self.step_dropped.emit(row)
