"""The session builder: a step list, a form for the selected step, and the plan it makes.

:class:`EditorView` puts the parts together (the package's docstring says where each lives)
and keeps them in step with one :class:`~psoas_timer.core.routine_io.RoutineDocument`.

Every change goes through :meth:`EditorView.edit`, which records the document before and
after as one :class:`~.undo.Snapshot` (typing into one field merges into one command), then
redraws the views from the document with their signals blocked, so showing never feeds back
as an edit. Validation runs the loader on the text that would be saved: the messages are the
loader's. Dependencies come in through the constructor; nothing is looked up on the
application.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QListWidgetItem,
    QScrollArea,
    QWidget,
)

from psoas_timer.core.loader import Library
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.core.routine_edit import ContainerPath, container
from psoas_timer.core.routine_io import RoutineDocument, new_document
from psoas_timer.i18n import _

from . import problem_jump
from .edit_commands import EditCommands
from .editor_actions import build_actions, update_actions
from .editor_layout import build_layout
from .file_actions import CloseChoice, DialogQuestions, FileActions, ask_unsaved
from .move_commands import StepMoveCommands
from .new_routine import NewStart, ask_how_to_start
from .play_commands import PlayCommands
from .routine_check import RoutineCheck
from .step_list import list_title
from .undo import EditorState, FieldUndoKeys, Snapshot

__all__ = ["CloseChoice", "EditorView"]


def _title(path: Path) -> str:
    """A routine's file name read as a name: ``daily-psoas.yaml`` → "Daily psoas"."""
    return path.stem.replace("-", " ").replace("_", " ").capitalize()


class EditorView(QWidget):
    """Edit one routine. Signals: ``try_routine(Routine)`` to play the selected step or
    repeat group on its own (see :meth:`selected_routine`), ``start_routine(Path)`` to play
    the saved routine, ``saved(Path)`` after every save, ``close_requested()`` for Close
    (Ctrl+W, or Esc that nothing in the editor wanted: an open popup, a completer or a cell
    being edited takes Esc first)."""

    try_routine = Signal(object)
    start_routine = Signal(object)
    saved = Signal(object)
    status = Signal(str)
    close_requested = Signal()

    def __init__(
        self,
        *,
        library: Library,
        user_dir: Path,
        bundled: Callable[[], list[Path]] = list,
        ask_unsaved: Callable[[QWidget, str], CloseChoice] = ask_unsaved,
        routines: Callable[[], list[tuple[str, Path]]] | None = None,
        choose_start: Callable[[QWidget, Library, list[tuple[str, Path]]], NewStart | None]
        | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("routine_editor")
        self.setAccessibleName(_("Routine editor"))
        self._library = library
        self._routines = routines or (lambda: [(_title(p), p) for p in bundled()])
        self._choose_start = choose_start
        self.files = FileActions(
            self, DialogQuestions(self, ask_unsaved), user_dir=user_dir, bundled=bundled
        )
        self.document = new_document()
        self._container: ContainerPath = ()
        self.undo_stack = QUndoStack(self)
        #: The editor's actions (see :mod:`.editor_actions`).
        self.act = build_actions(self, self.undo_stack)
        parts = build_layout(self, self.act)
        self.toolbar = parts.toolbar.bar
        self.file_menu, self.file_button = parts.toolbar.file_menu, parts.toolbar.file_button
        self.details, self.crumb = parts.details, parts.crumb
        self.step_list, self.back_button = parts.step_list, parts.back_button
        self.forms = parts.forms
        self.step_form, self.group_form = parts.forms.step_form, parts.forms.group_form
        self.total_label, self.timeline = parts.total_label, parts.timeline
        self.problem_list = parts.problem_list
        self.notice, self.restore_button = parts.notice, parts.restore_button
        self.check = RoutineCheck(
            self,
            problem_list=self.problem_list,
            total_label=self.total_label,
            timeline=self.timeline,
        )
        self.edits = EditCommands(self, self)
        self.moves = StepMoveCommands(self, self.step_list)
        self.play = PlayCommands(
            self,
            save=self.files.save,
            play_step=self.try_routine.emit,
            play_file=self.start_routine.emit,
            parent=self,
        )
        self._field_undo = FieldUndoKeys(self, self.undo_stack)
        self._connect_signals()
        self._show_state((self.document.dump(), (), 0), reload=False)
        self.undo_stack.setClean()

    def _connect_signals(self) -> None:
        files = self.files
        self.act.new.triggered.connect(self.ask_new_routine)
        self.act.duplicate.triggered.connect(files.on_duplicate_triggered)
        self.act.save.triggered.connect(files.save)
        self.act.import_.triggered.connect(files.on_import_triggered)
        self.act.export.triggered.connect(files.on_export_triggered)
        self.act.rename.triggered.connect(files.on_rename_triggered)
        self.act.delete.triggered.connect(files.delete_routine)
        self.act.restore.triggered.connect(files.restore_deleted)
        self.restore_button.clicked.connect(files.restore_deleted)
        self.act.open_external.triggered.connect(files.open_in_external_editor)
        self.act.close.triggered.connect(self.close_requested)
        self.play.connect_signals(self.act)
        self.edits.connect_signals(self.act, self.forms, self.details)
        self.moves.connect_signals(self.act, self.back_button)
        self.act.back.triggered.connect(self.leave_group)
        self.back_button.clicked.connect(self.leave_group)
        self.step_list.currentRowChanged.connect(self._on_step_list_current_row_changed)
        self.step_list.itemActivated.connect(self._on_step_list_item_activated)
        self.group_form.open_requested.connect(self.enter_group)
        self.problem_list.problem_chosen.connect(self.show_problem)
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)

    # -- state ------------------------------------------------------------------------------

    @property
    def container(self) -> ContainerPath:
        """Where the list being edited is: () for the routine's, else a repeat group's."""
        return self._container

    @property
    def library(self) -> Library:
        return self._library

    @property
    def path(self) -> Path | None:
        """Where the routine is saved (``None`` until it is)."""
        return self.files.path

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def routine(self) -> Routine | None:
        """The routine as the loader reads it, ``None`` while it has problems."""
        return self.check.routine

    @property
    def plan(self) -> Plan | None:
        return self.check.plan

    @property
    def problems(self) -> list[Problem]:
        return self.check.problems

    @property
    def current_row(self) -> int:
        return self.step_list.currentRow()

    def items(self) -> Any:
        return container(self.document, self._container)

    def current_item(self) -> Any:
        items, row = self.items(), self.current_row
        return items[row] if 0 <= row < len(items) else None

    def step_titles(self) -> list[str]:
        return self.step_list.titles()

    # -- edit and redraw --------------------------------------------------------------------

    def edit(
        self,
        text: str,
        change: Callable[[RoutineDocument], bool | int | None],
        merge: str | None = None,
        row: int | None = None,
        container: ContainerPath | None = None,
    ) -> bool:
        """Apply *change* to the document as one undoable command (merged by *merge* key).

        Afterwards the list at *container* (default: the one shown) is shown, with *row*
        selected (default: the row *change* returns, or the row selected now)."""
        before = (self.document.dump(), self._container, self.current_row)
        result = change(self.document)
        if result is False:
            return False
        selected = (
            row
            if row is not None
            else (
                result
                if isinstance(result, int) and not isinstance(result, bool)
                else self.current_row
            )
        )
        shown = self._container if container is None else container
        after = (self.document.dump(), shown, selected)
        self.undo_stack.push(Snapshot(self._show_state, text, before, after, merge))
        return True

    def _show_state(self, state: EditorState, reload: bool = True) -> None:
        text, path, row = state
        if reload:
            self.document = RoutineDocument.from_text(text)
        self._container = path
        try:
            container(self.document, path)
        except (IndexError, KeyError, TypeError):
            self._container = ()
        self.refresh(row)
        self.validate()

    def refresh(self, row: int | None = None) -> None:
        """Redraw everything from the document, with *row* (default: the one now) selected."""
        row = self.current_row if row is None else row
        self.details.show_routine(self.document.data)
        self.step_list.show_items(self.items(), row, self._library.raw)
        self.back_button.setVisible(bool(self._container))
        self.crumb.setText(list_title(self.document, self._container))
        self._show_current()
        self.update_actions()

    def show_list(self, path: ContainerPath, row: int | None = None) -> None:
        """Show the list at *path* (``()``: the routine's own) with *row* selected."""
        self._container = path
        self.refresh(row)

    def _show_current(self) -> None:
        self.forms.show_item(self.current_item(), self._library.raw)

    def update_actions(self) -> None:
        """Enable the actions that apply now (see :func:`.editor_actions.update_actions`)."""
        update_actions(self, self.act, self.step_list.count())
        self._update_title()

    def _update_title(self) -> None:
        name = self.document.name
        title = f"{name}{' •' if self.dirty else ''}"
        self.setWindowTitle(_("{routine} — Routine editor").format(routine=title))

    def load(self, document: RoutineDocument, path: Path | None) -> None:
        """Start editing *document*, saved at *path* (``None``: not saved yet)."""
        self.document = document
        self.files.path = path
        self._container = ()
        self.undo_stack.clear()
        self._show_state((document.dump(), (), 0), reload=False)
        self.undo_stack.setClean()
        self.update_actions()

    def mark_saved(self, path: Path) -> None:
        self.undo_stack.setClean()
        self.update_actions()
        self.saved.emit(path)

    def focus_name(self) -> None:
        self.details.name_edit.setFocus()
        self.details.name_edit.selectAll()

    def notify(self, text: str) -> None:
        self.notice.setText(text)
        self.restore_button.setVisible(self.files.last_trash is not None)
        self.status.emit(text)

    # -- checking (see RoutineCheck and problem_jump) ---------------------------------------

    def validate(self) -> Routine | None:
        """Check the document with the loader; update problems, total and timeline."""
        return self.check.validate()

    def show_problem(self, problem: Problem) -> bool:
        """Show the step and field *problem* is about; see :func:`.problem_jump.show_problem`."""
        return problem_jump.show_problem(self, problem)

    def show_file_problems(self, exc: LoadError) -> None:
        """List the problems of a file that could not be opened or imported, in sight: in a
        window shorter than the builder (800 x 600) the list was below its edge, under a
        notice that says "listed below"."""
        self.check.show_file_problems(exc)
        QTimer.singleShot(0, self, self._problems_in_sight)  # not once the view is gone

    def _problems_in_sight(self) -> None:
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        # The focus goes to the list (Enter on a problem goes to it), so the window taking
        # the focus back from the file dialog does not take the page back to the name.
        if self.problem_list.count():
            self.problem_list.setFocus()
        if scroll is None:
            return
        area: QScrollArea = scroll
        bar = area.verticalScrollBar()

        def show() -> None:
            # the notice and the list laid out first (each moves the list down)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            area.ensureWidgetVisible(self.problem_list, 0, 0)

        def grown() -> None:  # the page grew once the notice and the list were laid out
            show()
            stop()

        def stop() -> None:
            with contextlib.suppress(RuntimeError, TypeError):  # already done
                bar.rangeChanged.disconnect(grown)

        show()
        bar.rangeChanged.connect(grown)
        QTimer.singleShot(2000, self, stop)  # a later growth is the user's own doing

    # -- editing (see EditCommands and StepMoveCommands) ------------------------------------

    def edit_routine(self, key: str, value: object, text: str) -> None:
        self.edits.edit_routine(key, value, text)

    def add_item(self, item: dict[str, Any]) -> None:
        """Insert a step or group after the selected one and select it."""
        self.edits.add_item(item)

    def add_from_library(self, ids: list[str]) -> None:
        """Insert the library exercises *ids* after the selected step, as one edit."""
        self.edits.add_from_library(ids)

    def move_step(self, delta: int) -> None:
        """Move the selected step *delta* rows up or down its list (out of a group at its
        top or end)."""
        self.moves.move_step(delta)

    def move_into_group(self) -> None:
        """Move the selected step to the end of the repeat group just above it."""
        self.moves.move_into_group()

    def move_out_of_group(self) -> None:
        """Move the selected step out of the group being edited, to just after it."""
        self.moves.move_out_of_group()

    def enter_group(self) -> None:
        item = self.current_item()
        if isinstance(item, dict) and "repeat" in item:
            self.show_list((*self._container, self.current_row), 0)
            self.step_list.setFocus()

    def leave_group(self) -> None:
        if self._container:
            self.show_list(self._container[:-1], self._container[-1])
            self.step_list.setFocus()

    def _on_step_list_current_row_changed(self, _row: int) -> None:
        self._show_current()
        self.update_actions()

    def _on_step_list_item_activated(self, _item: QListWidgetItem) -> None:
        if isinstance(self.current_item(), dict) and "repeat" in self.current_item():
            self.enter_group()
        else:
            self.step_form.name.setFocus()

    # -- files (see FileActions) ------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self._library = library
        self.refresh()
        self.validate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc that reached the editor itself (no popup, completer or cell editor took it,
        and no field had a use for it) closes, like Esc in a dialog."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            event.accept()
            self.act.close.trigger()
            return
        super().keyPressEvent(event)

    def ask_new_routine(self) -> bool:
        """New: ask what to start from (empty, a copy of a routine, exercises from the
        library), then about unsaved changes; ``True`` once the new routine is here."""
        choose = self._choose_start or ask_how_to_start
        start = choose(self, self._library, self._routines())
        if start is None:
            return False
        return self.files.new_routine(
            start.name,
            steps=[{"use": ident} for ident in start.exercises],
            copy_of=start.copy_of,
        )

    # -- running (see PlayCommands) --------------------------------------------------------

    def selected_routine(self) -> Routine | None:
        """The routine with only the selected step or repeat group in it (``None`` when the
        routine has problems or nothing is selected); see :class:`.play_commands.PlayCommands`."""
        return self.play.selected_routine()

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self._update_title()
