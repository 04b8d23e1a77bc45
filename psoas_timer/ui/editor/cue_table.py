"""The step form's spoken cues: one row per cue, saying when (a milestone, said at a time, or
said every so often), the time, and the words. The kinds of cue, the words' column and what
each cell does are named and explained as the format declares the keys they set
(``core.step_cues``: a milestone's and a prompt's fields).

The table never edits the document: it shows a step's ``milestones`` and ``prompts`` and
emits them back, as the file writes them, whenever a row changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from psoas_timer.core.duration import parse_duration
from psoas_timer.core.step_cues import Prompt
from psoas_timer.core.value_types import field_words
from psoas_timer.i18n import _, pgettext

from .choices import CUE_KEYS, cue_types
from .fields import duration_text
from .form_widgets import combo, select

__all__ = ["CueTable"]


class CueTable(QTableWidget):
    #: The cues as the file writes them: ``(milestones, prompts)``.
    cues_edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setAccessibleName(_("Spoken cues"))
        self.setHorizontalHeaderLabels(
            [
                pgettext("cue table column", "When"),
                pgettext("cue table column", "Time"),
                field_words(Prompt, "say").label,  # a milestone's words are named alike
            ]
        )
        # the kind and the time as wide as they need, the words the rest
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(90)
        #: The milestones come first, then the prompts.
        self.milestone_rows = 0
        self.itemChanged.connect(self._on_item_changed)

    def show_cues(self, milestones: Sequence[Any], prompts: Sequence[Any]) -> None:
        """Show a step's ``milestones`` then its ``prompts``, one row each."""
        self.setRowCount(0)
        self.milestone_rows = len(milestones)
        for item in milestones:
            at, say = (
                (item.get("at"), item.get("say") or "") if isinstance(item, Mapping) else (item, "")
            )
            self._add_row("milestone", at, say)
        for item in prompts:
            when = "every" if "every" in item else "at"
            self._add_row(when, item.get(when), str(item.get("say", "")))

    def add_cue(self) -> None:
        """Add a cue said 10 s in, with words to change, and put the cursor on its words."""
        row = self.rowCount()
        with QSignalBlocker(self):
            self._add_row("at", 10, _("Keep breathing"))
        self._emit()
        self.setCurrentCell(row, 2)

    def remove_cue(self) -> None:
        """Remove the cue in the current row, if any."""
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            self._emit()

    def go_to(self, key: tuple[str | int, ...]) -> None:
        """Make the cell for *key* current: ``("milestones", 1)`` is the second milestone's
        time, ``("prompts", 0, "say")`` the first prompt's words."""
        first, rest = key[0], key[1:]
        index = rest[0] if rest and isinstance(rest[0], int) else 0
        row = index + (self.milestone_rows if first == "prompts" else 0)
        column = 2 if rest[1:2] == ("say",) else 1
        if 0 <= row < self.rowCount():
            self.setCurrentCell(row, column)

    def _add_row(self, when: str, time: object, words: str) -> None:
        row = self.rowCount()
        self.insertRow(row)
        choices = cue_types()
        box = combo(_("When the cue is said"), choices)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # never cut
        for index, (kind, _label) in enumerate(choices):  # what each choice does, in the list
            box.setItemData(index, field_words(*CUE_KEYS[kind]).help, Qt.ItemDataRole.ToolTipRole)
        select(box, when)
        box.activated.connect(lambda _i, box=box: self._on_kind_chosen(box))
        self.setCellWidget(row, 0, box)
        self.setItem(row, 1, QTableWidgetItem(duration_text(time)))
        self.setItem(row, 2, QTableWidgetItem(words))
        self._describe(row)

    def _describe(self, row: int) -> None:
        """Give the row's kind of cue, time and words the help the format declares for the
        keys they set (a milestone's or a prompt's): read by screen readers, and shown by
        What's This (Shift+F1)."""
        box = self.cellWidget(row, 0)
        kind = box.currentData() if isinstance(box, QComboBox) else "at"
        model, key = CUE_KEYS[kind]
        time_help, words_help = field_words(model, key).help, field_words(model, "say").help
        if isinstance(box, QComboBox):
            box.setAccessibleDescription(time_help)
            box.setWhatsThis(time_help)
        with QSignalBlocker(self):  # help is no edit
            for column, about in ((1, time_help), (2, words_help)):
                item = self.item(row, column)
                if item is not None:
                    item.setWhatsThis(about)
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, about)

    def _on_kind_chosen(self, box: QComboBox) -> None:
        for row in range(self.rowCount()):
            if self.cellWidget(row, 0) is box:
                self._describe(row)
        self._emit()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 1:  # a time reads back as every duration field shows it
            shown = duration_text(item.text().strip())
            if shown != item.text():
                with QSignalBlocker(self):
                    item.setText(shown)
        self._emit()

    def _emit(self) -> None:
        milestones: list[Any] = []
        prompts: list[dict[str, Any]] = []
        for row in range(self.rowCount()):
            box = self.cellWidget(row, 0)
            when = box.currentData() if isinstance(box, QComboBox) else "at"
            time_item, words_item = self.item(row, 1), self.item(row, 2)
            text = time_item.text().strip() if time_item else ""
            words = words_item.text().strip() if words_item else ""
            try:
                time: object = parse_duration(text)
            except ValueError:
                time = text
            if when == "milestone":
                milestones.append({"at": time, "say": words} if words else time)
            else:
                prompts.append({when: time, "say": words})
        self.cues_edited.emit((milestones, prompts))
