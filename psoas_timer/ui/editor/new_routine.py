"""New routine: what to start from — nothing, a copy of a routine, or exercises from the library.

:class:`NewRoutineDialog` asks, by keyboard as well as by mouse (Alt+E, Alt+P, Alt+X pick the
start; Tab reaches the list that goes with it; Enter creates), and :func:`ask_how_to_start`
runs it for the editor. What it answers is a :class:`NewStart`; the editor's file actions
make the routine from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.loader import Library
from psoas_timer.i18n import _

from .library_picker import ExerciseChooser

__all__ = ["NewRoutineDialog", "NewStart", "ask_how_to_start"]


@dataclass(frozen=True)
class NewStart:
    """A new routine named *name*: a copy of *copy_of* when given, else the library
    *exercises* (none: an empty routine)."""

    name: str
    copy_of: Path | None = None
    exercises: list[str] = field(default_factory=list)


class NewRoutineDialog(QDialog):
    """Asks for a name and what to start from; *routines* are (name, file) pairs to copy."""

    EMPTY, COPY, EXERCISES = 0, 1, 2

    def __init__(
        self, library: Library, routines: list[tuple[str, Path]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New routine"))
        self.name = QLineEdit(_("My routine"))
        self.name.setAccessibleName(_("Name of the new routine"))
        self.name.selectAll()
        self.empty = QRadioButton(_("&Empty: add the steps yourself"))
        self.copy = QRadioButton(_("A co&py of a routine"))
        self.exercises = QRadioButton(_("E&xercises chosen from the library"))
        self.starts = QButtonGroup(self)
        for index, button in enumerate((self.empty, self.copy, self.exercises)):
            self.starts.addButton(button, index)
        self.empty.setChecked(True)

        self.routines = QListWidget()
        self.routines.setAccessibleName(_("Routine to copy"))
        for title, path in routines:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.routines.addItem(item)
        if self.routines.count():
            self.routines.setCurrentRow(0)
        self.chooser = ExerciseChooser(library, preselect=False)  # none the user did not pick
        note = QLabel(_("A routine with no steps yet: add exercises, rests and breathing next."))
        note.setWordWrap(True)
        self.pages = QStackedWidget()
        for page in (note, self.routines, self.chooser):
            self.pages.addWidget(page)
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(_("C&reate"))
        form = QFormLayout()
        label = QLabel(_("&Name"))
        label.setBuddy(self.name)
        form.addRow(label, self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Start from:")))
        for button in (self.empty, self.copy, self.exercises):
            layout.addWidget(button)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(600, 560)

        self.starts.idToggled.connect(self._on_start_toggled)
        self.chooser.list.itemSelectionChanged.connect(self._update)
        self.routines.itemSelectionChanged.connect(self._update)
        self.routines.itemActivated.connect(lambda _item: self._accept_if_ready())
        self.chooser.activated.connect(self._accept_if_ready)
        self.buttons.accepted.connect(self._accept_if_ready)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def start(self) -> int:
        return self.starts.checkedId()

    def _on_start_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.pages.setCurrentIndex(index)
            self._update()

    def _update(self) -> None:
        start = self.start()
        hint = ""
        if start == self.COPY and not self.routines.selectedItems():
            hint = _("Choose the routine to copy.")
        elif start == self.EXERCISES and not self.chooser.chosen():
            hint = _("Choose one or more exercises (Ctrl or Shift picks several).")
        self.hint.setText(hint)
        self.create_button.setEnabled(not hint)

    def _accept_if_ready(self) -> None:
        if self.create_button.isEnabled():
            self.accept()

    def answer(self) -> NewStart:
        """What the user chose (meaningful once accepted)."""
        name = self.name.text().strip() or _("My routine")
        start = self.start()
        if start == self.COPY:
            item = self.routines.currentItem()
            if item is not None:
                return NewStart(name, copy_of=Path(str(item.data(Qt.ItemDataRole.UserRole))))
        if start == self.EXERCISES:
            return NewStart(name, exercises=self.chooser.chosen())
        return NewStart(name)


def ask_how_to_start(
    parent: QWidget, library: Library, routines: list[tuple[str, Path]]
) -> NewStart | None:
    """Run :class:`NewRoutineDialog`; ``None`` when the user cancels."""
    dialog = NewRoutineDialog(library, routines, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
