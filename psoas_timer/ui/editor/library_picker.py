"""Choose exercises from the library: search, and filter by kind, muscle and equipment."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
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
from psoas_timer.i18n import N_, _, content, ngettext

from .choices import KINDS

__all__ = ["ExerciseChooser", "LibraryPicker"]

#: Marked only: the filters' first choice, translated where shown.
ANY = N_("Any")


def _describe(step: Step) -> str:
    parts = [_(dict(KINDS).get(step.kind.value, step.kind.value))]
    if step.muscles:
        parts.append(", ".join(content(m) for m in step.muscles))
    if step.equipment:
        parts.append(
            _("needs {equipment}").format(equipment=", ".join(content(e) for e in step.equipment))
        )
    return " · ".join(parts)


class ExerciseChooser(QWidget):
    """Lists library exercises, with a search and filters; :meth:`chosen` gives the ids
    picked (several with Ctrl or Shift). ``activated`` when one is double-clicked or Enter
    is pressed on it. With *preselect*, the first one shown is picked already."""

    activated = Signal()

    def __init__(
        self, library: Library, parent: QWidget | None = None, *, preselect: bool = True
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Exercise library"))
        self._library = library
        self._preselect = preselect
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, muscle or equipment"))
        self.search.setAccessibleName(_("Search exercises"))
        self.search.setClearButtonEnabled(True)
        self.kind = self._filter(_("Filter by kind"), [_(label) for _v, label in KINDS])
        muscles = sorted({m for s in library.exercises.values() for m in s.muscles}, key=content)
        equipment = sorted(
            {e for s in library.exercises.values() for e in s.equipment}, key=content
        )
        self.muscle = self._filter(_("Filter by muscle"), muscles)
        self.equipment = self._filter(_("Filter by equipment"), equipment)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Exercises"))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.count = QLabel()
        filters = QHBoxLayout()
        for label, box in (
            (_("&Kind"), self.kind),
            (_("&Muscle"), self.muscle),
            (_("E&quipment"), self.equipment),
        ):
            caption = QLabel(label)
            caption.setBuddy(box)
            filters.addWidget(caption)
            filters.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self.search.textChanged.connect(self._on_filter_changed)
        for box in (self.kind, self.muscle, self.equipment):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.list.itemActivated.connect(self._on_item_activated)
        self._on_filter_changed()

    @staticmethod
    def _filter(name: str, values: list[str]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(_(ANY))
        for value in values:  # shown in the user's language, filtered by the file's word
            box.addItem(content(value), value)
        return box

    def _on_filter_changed(self, *_args: object) -> None:
        words = self.search.text().lower().split()
        # the first choice of each filter is "Any"
        kind = self.kind.currentText() if self.kind.currentIndex() > 0 else None
        muscle = self.muscle.currentData() if self.muscle.currentIndex() > 0 else None
        equipment = self.equipment.currentData() if self.equipment.currentIndex() > 0 else None
        self.list.clear()
        for ident, step in sorted(self._library.exercises.items(), key=lambda i: i[1].title):
            words_of = [*step.muscles, *step.equipment]
            haystack = " ".join([step.title, ident, *words_of, *map(content, words_of)]).lower()
            if any(w not in haystack for w in words):
                continue
            if kind is not None and _(dict(KINDS).get(step.kind.value, "")) != kind:
                continue
            if muscle is not None and muscle not in step.muscles:
                continue
            if equipment is not None and equipment not in step.equipment:
                continue
            item = QListWidgetItem(f"{step.title}\n{_describe(step)}")
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                _("{exercise}: {details}").format(exercise=step.title, details=_describe(step)),
            )
            self.list.addItem(item)
        count = self.list.count()
        self.count.setText(
            ngettext("{count} exercise", "{count} exercises", count).format(count=count)
        )
        if self.list.count():
            flags = QItemSelectionModel.SelectionFlag
            self.list.setCurrentRow(0, flags.ClearAndSelect if self._preselect else flags.NoUpdate)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        item.setSelected(True)  # Enter on the row with the cursor picks it
        self.activated.emit()

    def visible_ids(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def chosen(self) -> list[str]:
        rows = sorted(self.list.row(i) for i in self.list.selectedItems())
        return [str(self.list.item(r).data(Qt.ItemDataRole.UserRole)) for r in rows]


class LibraryPicker(QDialog):
    """:class:`ExerciseChooser` in a dialog; :meth:`chosen` gives the ids picked."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add exercises from the library"))
        self.setAccessibleName(_("Exercise library"))
        self.chooser = ExerciseChooser(library)
        chooser = self.chooser
        self.search, self.list, self.count = chooser.search, chooser.list, chooser.count
        self.kind, self.muscle, self.equipment = chooser.kind, chooser.muscle, chooser.equipment
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Add"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)
        self.chooser.activated.connect(self.accept)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def visible_ids(self) -> list[str]:
        return self.chooser.visible_ids()

    def chosen(self) -> list[str]:
        return self.chooser.chosen()
