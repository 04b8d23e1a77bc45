"""Choose exercises from the library: search, and filter by kind, muscle and equipment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.loader import Library
from psoas_timer.core.model import Step

from .step_form import KINDS

__all__ = ["LibraryPicker"]

ANY = "Any"


def _describe(step: Step) -> str:
    parts = [dict(KINDS).get(step.kind.value, step.kind.value)]
    if step.muscles:
        parts.append(", ".join(step.muscles))
    if step.equipment:
        parts.append("needs " + ", ".join(step.equipment))
    return " · ".join(parts)


class LibraryPicker(QDialog):
    """Lists library exercises; :meth:`chosen` gives the ids picked."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add exercises from the library")
        self.setAccessibleName("Exercise library")
        self._library = library
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name, muscle or equipment")
        self.search.setAccessibleName("Search exercises")
        self.search.setClearButtonEnabled(True)
        self.kind = self._filter("Kind", [label for _, label in KINDS])
        muscles = sorted({m for s in library.exercises.values() for m in s.muscles})
        equipment = sorted({e for s in library.exercises.values() for e in s.equipment})
        self.muscle = self._filter("Muscle", muscles)
        self.equipment = self._filter("Equipment", equipment)
        self.list = QListWidget()
        self.list.setAccessibleName("Exercises")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.count = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Add")
        filters = QHBoxLayout()
        for label, box in (
            ("&Kind", self.kind),
            ("&Muscle", self.muscle),
            ("&Equipment", self.equipment),
        ):
            caption = QLabel(label)
            caption.setBuddy(box)
            filters.addWidget(caption)
            filters.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self.search.textChanged.connect(self._on_filter_changed)
        for box in (self.kind, self.muscle, self.equipment):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._on_filter_changed()

    @staticmethod
    def _filter(name: str, values: list[str]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(f"Filter by {name.lower()}")
        box.addItem(ANY)
        box.addItems(values)
        return box

    def _on_filter_changed(self, *_args: object) -> None:
        words = self.search.text().lower().split()
        kind = self.kind.currentText()
        muscle = self.muscle.currentText()
        equipment = self.equipment.currentText()
        self.list.clear()
        for ident, step in sorted(self._library.exercises.items(), key=lambda i: i[1].title):
            haystack = " ".join([step.title, ident, *step.muscles, *step.equipment]).lower()
            if any(w not in haystack for w in words):
                continue
            if kind != ANY and dict(KINDS).get(step.kind.value) != kind:
                continue
            if muscle != ANY and muscle not in step.muscles:
                continue
            if equipment != ANY and equipment not in step.equipment:
                continue
            item = QListWidgetItem(f"{step.title}\n{_describe(step)}")
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step.title}: {_describe(step)}")
            self.list.addItem(item)
        self.count.setText(f"{self.list.count()} exercises")
        if self.list.count():
            self.list.setCurrentRow(0)

    def visible_ids(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def chosen(self) -> list[str]:
        rows = sorted(self.list.row(i) for i in self.list.selectedItems())
        return [str(self.list.item(r).data(Qt.ItemDataRole.UserRole)) for r in rows]
