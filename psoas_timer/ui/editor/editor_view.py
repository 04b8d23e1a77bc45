"""The session builder: a step list, a form for the selected step, and the plan it makes.

:class:`EditorView` puts the parts together and keeps them in step with one
:class:`~psoas_timer.core.routine_io.RoutineDocument`:

- :mod:`.editor_actions`: the actions with their keys, the toolbar and the Routine menu;
- :mod:`.routine_details`: the routine's name, description, tags and defaults;
- :mod:`.step_list`: the steps of the list being edited (the routine's, or a repeat group's),
  and dragging them; :mod:`.move_commands` turns a press or a drop into a move, and
  :mod:`.step_moves` moves a step in the document at any depth;
- :mod:`.selected_step`: the form of the selected step or group;
- :mod:`.problems_panel` and :mod:`.timeline`: what the loader makes of it; a problem
  chosen in the panel leads to its step (:mod:`.locations`);
- :mod:`.file_actions`: where the routine lives, and saving, importing, renaming...;
- :mod:`.document_edits` and :mod:`.undo`: the changes, as undoable commands.

Every change goes through :meth:`EditorView.edit`, which records the document before and
after as one :class:`~.undo.Snapshot` (typing into one field merges into one command), then
redraws the views from the document with their signals blocked, so showing never feeds back
as an edit. Validation runs the loader on the text that would be saved: the messages are the
loader's. Dependencies come in through the constructor; nothing is looked up on the
application.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.duration import format_clock
from psoas_timer.core.loader import Library
from psoas_timer.core.model import Choice, RepeatGroup, Routine, Step
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.core.routine_edit import ContainerPath, container
from psoas_timer.core.routine_io import RoutineDocument, new_document

from . import document_edits as edits
from .editor_actions import build_actions, build_toolbar
from .file_actions import CloseChoice, DialogQuestions, FileActions, ask_unsaved
from .library_picker import LibraryPicker
from .locations import Location, locate
from .move_commands import StepMoveCommands
from .new_routine import NewStart, ask_how_to_start
from .problems_panel import ProblemsPanel
from .routine_details import RoutineDetails
from .selected_step import SelectedStep
from .step_list import StepDropButton, StepList
from .timeline import TimelineView
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

    VALIDATE_MS = 120

    # Made by build_actions and build_toolbar (see editor_actions).
    act_add: QAction
    act_add_breathing: QAction
    act_add_group: QAction
    act_add_rest: QAction
    act_add_step: QAction
    act_back: QAction
    act_close: QAction
    act_delete: QAction
    act_down: QAction
    act_dup_step: QAction
    act_duplicate: QAction
    act_export: QAction
    act_import: QAction
    act_into: QAction
    act_new: QAction
    act_open_external: QAction
    act_out: QAction
    act_redo: QAction
    act_remove: QAction
    act_rename: QAction
    act_restore: QAction
    act_save: QAction
    act_start: QAction
    act_try: QAction
    act_undo: QAction
    act_up: QAction
    file_menu: QMenu
    file_button: QToolButton

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
        self.setAccessibleName("Routine editor")
        self._library = library
        self._routines = routines or (lambda: [(_title(p), p) for p in bundled()])
        self._choose_start = choose_start
        self.files = FileActions(
            self, DialogQuestions(self, ask_unsaved), user_dir=user_dir, bundled=bundled
        )
        self.document = new_document()
        self.routine: Routine | None = None
        self.plan: Plan | None = None
        self.problems: list[Problem] = []
        self._container: ContainerPath = ()
        self.undo_stack = QUndoStack(self)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(self.VALIDATE_MS)
        self._build()
        self.moves = StepMoveCommands(self)
        self._field_undo = FieldUndoKeys(self, self.undo_stack)
        self._connect_signals()
        self._show_state((self.document.dump(), (), 0), reload=False)
        self.undo_stack.setClean()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        build_actions(self)
        self.toolbar = build_toolbar(self)

        self.details = RoutineDetails()

        # Steps.
        self.crumb = QLabel()
        self.step_list = StepList()
        self.back_button = StepDropButton("◀ Back to the routine", self.step_list)
        self.back_button.setAccessibleName("Back to the routine")
        self.back_button.setToolTip("Leave the group (drop a step here to move it out)")
        crumb_row = QHBoxLayout()
        crumb_row.addWidget(self.back_button)
        crumb_row.addWidget(self.crumb, 1)
        self.step_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (
            self.act_up,
            self.act_down,
            self.act_into,
            self.act_out,
            self.act_dup_step,
            self.act_remove,
        ):
            self.step_list.addAction(action)
        buttons = QHBoxLayout()
        for action in (
            self.act_add,
            self.act_add_step,
            self.act_add_rest,
            self.act_add_breathing,
            self.act_add_group,
        ):
            buttons.addWidget(self._button(action))
        moves = QHBoxLayout()
        for action in (self.act_up, self.act_down, self.act_dup_step, self.act_remove):
            moves.addWidget(self._button(action))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.details)
        left_layout.addLayout(crumb_row)
        left_layout.addWidget(self.step_list, 1)
        left_layout.addLayout(buttons)
        left_layout.addLayout(moves)

        # The selected step.
        self.forms = SelectedStep()
        self.step_form = self.forms.step_form
        self.group_form = self.forms.group_form
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.forms)
        scroll.setAccessibleName("Selected step")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        # The plan and the problems.
        self.total_label = QLabel()
        self.total_label.setAccessibleName("Total time")
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        self.total_label.setMinimumWidth(
            self.total_label.fontMetrics().horizontalAdvance("Total 0:00:00  ")
        )
        self.timeline = TimelineView()
        self.problem_list = ProblemsPanel()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.restore_button = QPushButton("Undo delete")
        self.restore_button.hide()
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.restore_button)
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.total_label)
        plan_row.addWidget(self.timeline, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(notice_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(plan_row)
        layout.addWidget(self.problem_list)

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text().replace("&", ""))
        button.setToolTip(action.toolTip())
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        button.clicked.connect(action.trigger)
        return button

    def _connect_signals(self) -> None:
        files = self.files
        self.act_new.triggered.connect(self.ask_new_routine)
        self.act_duplicate.triggered.connect(files.on_duplicate_triggered)
        self.act_save.triggered.connect(files.save)
        self.act_import.triggered.connect(files.on_import_triggered)
        self.act_export.triggered.connect(files.on_export_triggered)
        self.act_rename.triggered.connect(files.on_rename_triggered)
        self.act_delete.triggered.connect(files.delete_routine)
        self.act_restore.triggered.connect(files.restore_deleted)
        self.restore_button.clicked.connect(files.restore_deleted)
        self.act_open_external.triggered.connect(files.open_in_external_editor)
        self.act_close.triggered.connect(self.close_requested)
        self.act_try.triggered.connect(self._on_try_triggered)
        self.act_start.triggered.connect(self._on_start_triggered)
        self.act_add.triggered.connect(self._on_add_triggered)
        self.act_add_step.triggered.connect(lambda: self.add_item({"name": "New step", "hold": 30}))
        self.act_add_rest.triggered.connect(
            lambda: self.add_item({"name": "Rest", "kind": "rest", "duration": 60})
        )
        self.act_add_breathing.triggered.connect(
            lambda: self.add_item(
                {"name": "Slow breathing", "kind": "breathing", "breathing": "calm", "breaths": 6}
            )
        )
        self.act_add_group.triggered.connect(
            lambda: self.add_item(
                {"repeat": 2, "name": "Circuit", "steps": [{"name": "New step", "hold": 30}]}
            )
        )
        self.act_dup_step.triggered.connect(self.duplicate_step)
        self.act_remove.triggered.connect(self.remove_step)
        self.act_up.triggered.connect(lambda: self.move_step(-1))
        self.act_down.triggered.connect(lambda: self.move_step(1))
        self.act_into.triggered.connect(self.move_into_group)
        self.act_out.triggered.connect(self.move_out_of_group)
        self.moves.connect_signals()
        self.act_back.triggered.connect(self.leave_group)
        self.back_button.clicked.connect(self.leave_group)
        self.step_list.currentRowChanged.connect(self._on_step_list_current_row_changed)
        self.step_list.itemActivated.connect(self._on_step_list_item_activated)
        self.step_form.edited.connect(self._on_step_form_edited)
        self.step_form.timing_changed.connect(self._on_step_form_timing_changed)
        self.group_form.edited.connect(self._on_group_form_edited)
        self.group_form.open_requested.connect(self.enter_group)
        self.forms.choice_form.edited.connect(self._on_choice_form_edited)
        self.problem_list.problem_chosen.connect(self.show_problem)
        self.details.routine_edited.connect(self.edit_routine)
        self.details.default_edited.connect(self._on_default_edited)
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self._validate_timer.timeout.connect(self.validate)

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
    def current_row(self) -> int:
        return self.step_list.currentRow()

    def items(self) -> Any:
        return container(self.document, self._container)

    def current_item(self) -> Any:
        items, row = self.items(), self.current_row
        return items[row] if 0 <= row < len(items) else None

    def step_titles(self) -> list[str]:
        return self.step_list.titles()

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
        self._refresh(row)
        self.validate()

    def _refresh(self, row: int | None = None) -> None:
        row = self.current_row if row is None else row
        self.details.show_routine(self.document.data)
        self.step_list.show_items(self.items(), row, self._library.raw)
        self.back_button.setVisible(bool(self._container))
        self.crumb.setText(self._crumb())
        self._show_current()
        self.update_actions()

    def _crumb(self) -> str:
        if not self._container:
            return "Steps"
        seq: Any = container(self.document, ())
        names = []
        for index in self._container:
            group = seq[index]
            names.append(str(group.get("name") or f"Repeat ×{group.get('repeat')}"))
            seq = group.get("steps") or []
        return "Steps in " + " › ".join(names)

    def _show_current(self) -> None:
        self.forms.show_item(self.current_item(), self._library.raw)

    def update_actions(self) -> None:
        has = self.current_item() is not None
        row, count = self.current_row, self.step_list.count()
        nested = bool(self._container)
        self.act_up.setEnabled(has and (row > 0 or nested))
        self.act_down.setEnabled(has and (row < count - 1 or nested))
        above = self.items()[row - 1] if has and row > 0 else None
        self.act_into.setEnabled(isinstance(above, dict) and "repeat" in above)
        self.act_out.setEnabled(has and nested)
        for action in (self.act_dup_step, self.act_remove):
            action.setEnabled(has)
        self.act_try.setEnabled(self.selected_routine() is not None)
        self.act_start.setEnabled(self.routine is not None)
        self.act_rename.setEnabled(self.path is not None)
        self.act_delete.setEnabled(self.path is not None)
        self.act_open_external.setEnabled(self.path is not None)
        self.act_back.setEnabled(bool(self._container))
        self._update_title()

    def _update_title(self) -> None:
        name = self.document.name
        title = f"{name}{' •' if self.dirty else ''}"
        self.setWindowTitle(f"{title} — Routine editor")

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

    # -- validation -------------------------------------------------------------------------

    def validate(self) -> Routine | None:
        """Check the document with the loader; update problems, total and timeline."""
        self._validate_timer.stop()
        name = str(self.path) if self.path else "new routine"
        try:
            self.routine = self.document.validate(self._library, name)
            self.problems = []
        except LoadError as exc:
            self.routine = None
            self.problems = exc.problems
        self.plan = compile_plan(self.routine) if self.routine else None
        self.problem_list.show_problems(self.problems)
        if self.plan is not None:
            self.total_label.setText(f"Total {format_clock(self.plan.total)}")
        else:
            count = len(self.problems)
            self.total_label.setText(
                f"{count} problem{'s' * (count != 1)}: a draft, not ready to start"
            )
        self.timeline.set_plan(self.plan)
        self.update_actions()
        return self.routine

    def show_problem(self, problem: Problem) -> bool:
        """Select and show the step *problem* is about (opening the repeat groups it is in),
        and put the cursor in the field in error when the form has one. ``False`` when the
        problem cannot be placed in the routine being edited."""
        where = locate(self.document.dump(), problem.line, problem.column)
        return where is not None and self.go_to(where)

    def go_to(self, where: Location) -> bool:
        """Show the step at *where* and focus the field for its key; see :meth:`show_problem`."""
        if where.row is None:
            if where.key[:1] == ("steps",):
                self._container = ()
                self._refresh()
                self.step_list.setFocus()
                return True
            return self.details.focus_key(where.key)
        seq: Any = self.document.data.get("steps")
        for index in where.container:
            if not (isinstance(seq, list) and 0 <= index < len(seq)):
                return False
            group = seq[index]
            seq = group.get("steps") if isinstance(group, dict) else None
        if not (isinstance(seq, list) and 0 <= where.row < len(seq)):
            return False
        self._container = where.container
        self._refresh(where.row)
        self.step_list.scrollToItem(self.step_list.currentItem())
        if not self.forms.focus_key(where.key):
            self.step_list.setFocus()
        return True

    def show_file_problems(self, exc: LoadError) -> None:
        """List the problems of a file that could not be opened or imported."""
        self.problems = exc.problems
        self.problem_list.show_file_problems(exc.problems)

    # -- editing ----------------------------------------------------------------------------

    def edit_routine(self, key: str, value: object, text: str) -> None:
        self.edit(text, edits.set_routine_value(key, value), merge=f"routine:{key}")

    def _on_default_edited(self, key: str, value: Any) -> None:
        self.edit("Change routine defaults", edits.set_default(key, value), merge=f"defaults:{key}")

    def _on_step_form_edited(self, key: str, value: Any) -> None:
        row, path = self.current_row, self._container
        label = {"cues": "Change cues"}.get(key, f"Change {key.replace('_', ' ')}")
        self.edit(
            label,
            edits.set_step_value(path, row, key, value, self._library.raw),
            merge=f"step:{path}:{row}:{key}",
        )

    def _on_step_form_timing_changed(self, mode: str) -> None:
        self.edit("Change timing", edits.set_timing(self._container, self.current_row, mode))

    def _on_group_form_edited(self, key: str, value: Any) -> None:
        row, path = self.current_row, self._container
        self.edit(
            f"Change group {key.replace('_', ' ')}",
            edits.set_group_value(path, row, key, value),
            merge=f"group:{path}:{row}:{key}",
        )

    def _on_choice_form_edited(self, key: str, value: Any) -> None:
        row, path = self.current_row, self._container
        self.edit(
            f"Change the either/or {'question' if key == 'ask' else key}",
            edits.set_group_value(path, row, key, value),
            merge=f"choice:{path}:{row}:{key}",
        )

    def add_item(self, item: dict[str, Any]) -> None:
        """Insert a step or group after the selected one and select it."""
        at = self.current_row + 1 if self.current_row >= 0 else len(self.items())
        self.edit(
            f"Add {item.get('name') or item.get('use') or 'step'}",
            edits.add_items(self._container, at, [item]),
        )

    def add_from_library(self, ids: list[str]) -> None:
        if not ids:
            return
        at = self.current_row + 1 if self.current_row >= 0 else len(self.items())
        items: list[dict[str, Any]] = [{"use": ident} for ident in ids]
        self.edit("Add from the library", edits.add_items(self._container, at, items))

    def duplicate_step(self) -> None:
        row, path = self.current_row, self._container
        if row >= 0:
            self.edit("Duplicate step", edits.duplicate_step(path, row))

    def remove_step(self) -> None:
        row, path = self.current_row, self._container
        if row >= 0:
            self.edit("Remove step", edits.remove_step(path, row))

    # The moves (see StepMoveCommands).
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
            self._container = (*self._container, self.current_row)
            self._refresh(0)
            self.step_list.setFocus()

    def leave_group(self) -> None:
        if self._container:
            row = self._container[-1]
            self._container = self._container[:-1]
            self._refresh(row)
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
        self._refresh()
        self.validate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc that reached the editor itself (no popup, completer or cell editor took it,
        and no field had a use for it) closes, like Esc in a dialog."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            event.accept()
            self.act_close.trigger()
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

    # -- running ----------------------------------------------------------------------------

    def _on_add_triggered(self) -> None:
        picker = LibraryPicker(self._library, self)
        if picker.exec():
            self.add_from_library(picker.chosen())

    def selected_routine(self) -> Routine | None:
        """The routine with only the selected step, or repeat group (all its rounds), in it,
        at any depth: its defaults (breathing and all) are kept, so the step is timed as in
        the routine. ``None`` when the routine has problems or nothing is selected."""
        if self.routine is None:
            return None
        items: list[Step | RepeatGroup | Choice] = self.routine.steps
        for index in self._container:
            group = items[index] if 0 <= index < len(items) else None
            if not isinstance(group, RepeatGroup):
                return None
            items = group.steps
        row = self.current_row
        if not 0 <= row < len(items):
            return None
        return self.routine.model_copy(update={"steps": [items[row]]})

    def _on_try_triggered(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.try_routine.emit(routine)

    def _on_start_triggered(self) -> None:
        if self.routine is None:
            self.notify("Fix the problems listed below before starting.")
            return
        if (self.dirty or self.path is None) and not self.files.save():
            return
        self.start_routine.emit(self.path)

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self._update_title()
