"""The editor's commands that change the routine's content: a value typed in the routine's
details or in the selected step's, group's or either/or's form, and adding, duplicating and
removing steps.

Each is one undoable edit of the document (:meth:`.EditedList.edit`, with a change from
:mod:`.document_edits`); typing into one field merges into one edit by its
*merge* key. The moves are :mod:`.move_commands`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from psoas_timer.i18n import _

from . import document_edits as edits
from .edited_list import EditedList
from .editor_actions import EditorActions
from .library_picker import LibraryPicker
from .routine_details import RoutineDetails
from .selected_step import SelectedStep

__all__ = ["EditCommands"]


class EditCommands(QObject):
    """The edits of *view*'s routine made in its forms and by its Add, Duplicate and Remove
    actions (the library's picker opens over *parent*)."""

    def __init__(self, view: EditedList, parent: QWidget) -> None:
        super().__init__(parent)
        self._view = view
        self._parent = parent

    def connect_signals(
        self, act: EditorActions, forms: SelectedStep, details: RoutineDetails
    ) -> None:
        act.add.triggered.connect(self._on_add_triggered)
        act.add_step.triggered.connect(lambda: self.add_item({"name": "New step", "hold": 30}))
        act.add_rest.triggered.connect(
            lambda: self.add_item({"name": "Rest", "kind": "rest", "duration": 60})
        )
        act.add_breathing.triggered.connect(
            lambda: self.add_item(
                {"name": "Slow breathing", "kind": "breathing", "breathing": "calm", "breaths": 6}
            )
        )
        act.add_group.triggered.connect(
            lambda: self.add_item(
                {"repeat": 2, "name": "Circuit", "steps": [{"name": "New step", "hold": 30}]}
            )
        )
        act.dup_step.triggered.connect(self.duplicate_step)
        act.remove.triggered.connect(self.remove_step)
        forms.step_form.edited.connect(self._on_step_form_edited)
        forms.step_form.timing_changed.connect(self._on_step_form_timing_changed)
        forms.group_form.edited.connect(self._on_group_form_edited)
        forms.choice_form.edited.connect(self._on_choice_form_edited)
        details.routine_edited.connect(self.edit_routine)
        details.default_edited.connect(self._on_default_edited)

    def edit_routine(self, key: str, value: object, text: str) -> None:
        """Change one of the routine's own values (name, description, tags), named *text*."""
        self._view.edit(text, edits.set_routine_value(key, value), merge=f"routine:{key}")

    def add_item(self, item: dict[str, Any]) -> None:
        """Insert a step or group after the selected one and select it."""
        view = self._view
        at = view.current_row + 1 if view.current_row >= 0 else len(view.items())
        view.edit(
            f"Add {item.get('name') or item.get('use') or 'step'}",
            edits.add_items(view.container, at, [item]),
        )

    def add_from_library(self, ids: list[str]) -> None:
        """Insert the library exercises *ids* after the selected step, as one edit."""
        if not ids:
            return
        view = self._view
        at = view.current_row + 1 if view.current_row >= 0 else len(view.items())
        items: list[dict[str, Any]] = [{"use": ident} for ident in ids]
        view.edit(_("Add from the library"), edits.add_items(view.container, at, items))

    def duplicate_step(self) -> None:
        row, path = self._view.current_row, self._view.container
        if row >= 0:
            self._view.edit(_("Duplicate step"), edits.duplicate_step(path, row))

    def remove_step(self) -> None:
        row, path = self._view.current_row, self._view.container
        if row >= 0:
            self._view.edit(_("Remove step"), edits.remove_step(path, row))

    def _on_add_triggered(self) -> None:
        picker = LibraryPicker(self._view.library, self._parent)
        if picker.exec():
            self.add_from_library(picker.chosen())

    def _on_default_edited(self, key: str, value: Any) -> None:
        self._view.edit(
            _("Change routine defaults"), edits.set_default(key, value), merge=f"defaults:{key}"
        )

    def _on_step_form_edited(self, key: str, value: Any) -> None:
        view = self._view
        row, path = view.current_row, view.container
        label = (
            _("Change cues")
            if key == "cues"
            else _("Change {field}").format(field=key.replace("_", " "))
        )
        view.edit(
            label,
            edits.set_step_value(path, row, key, value, view.library.raw),
            merge=f"step:{path}:{row}:{key}",
        )

    def _on_step_form_timing_changed(self, mode: str) -> None:
        view = self._view
        change = edits.set_timing(view.container, view.current_row, mode, view.library.raw)
        view.edit(_("Change timing"), change)

    def _on_group_form_edited(self, key: str, value: Any) -> None:
        view = self._view
        row, path = view.current_row, view.container
        view.edit(
            _("Change group {field}").format(field=key.replace("_", " ")),
            edits.set_group_value(path, row, key, value),
            merge=f"group:{path}:{row}:{key}",
        )

    def _on_choice_form_edited(self, key: str, value: Any) -> None:
        view = self._view
        row, path = view.current_row, view.container
        view.edit(
            _("Change the either/or question")
            if key == "ask"
            else _("Change the either/or {field}").format(field=key),
            edits.set_group_value(path, row, key, value),
            merge=f"choice:{path}:{row}:{key}",
        )
