"""The session builder: a step list, a form for the selected step, and the plan it makes.

The editor owns one :class:`~psoas_timer.core.routine_io.RoutineDocument`. Every change goes
through :meth:`EditorView.edit`, which records the document before and after as one
:class:`QUndoCommand` (typing into one field merges into one command), then redraws the views
from the document with their signals blocked, so showing never feeds back as an edit.
Validation runs the loader on the text that would be saved: the messages are the loader's.
Dependencies come in through the constructor; nothing is looked up on the application.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from ruamel.yaml.comments import CommentedMap

from psoas_timer.core.duration import format_clock, format_duration
from psoas_timer.core.loader import Library
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.core.routine_edit import (
    ContainerPath,
    container,
    defaults_of,
    duplicate_item,
    insert_item,
    move_item,
    plain,
    remove_item,
    set_value,
    step_baseline,
)
from psoas_timer.core.routine_io import (
    RoutineDocument,
    TrashItem,
    delete_to_trash,
    duplicate_routine,
    export_routine,
    import_routine,
    new_document,
    order_keys,
    restore_from_trash,
    save_document,
    slug,
    unique_path,
)

from .fields import DurationEdit
from .library_picker import LibraryPicker
from .step_form import BREATHING, GroupForm, StepForm, _combo, _select
from .timeline import TimelineView

__all__ = ["CloseChoice", "EditorView", "EditorWindow"]


def _position(data: CommentedMap, key: str) -> int:
    return order_keys([*data.keys(), key], "routine").index(key)


_Shortcut = QKeySequence | QKeySequence.StandardKey | str


class CloseChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, name: str) -> CloseChoice:
    """Ask what to do with unsaved changes (the default for :class:`EditorView`)."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(
        parent, "Unsaved changes", f"Save your changes to “{name}”?", buttons
    )
    if answer == QMessageBox.StandardButton.Save:
        return CloseChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return CloseChoice.DISCARD
    return CloseChoice.CANCEL


_TIMING_KEYS = ("hold", "duration", "reps", "tempo", "open", "breaths")
_NEW_TIMING: dict[str, dict[str, Any]] = {
    "hold": {"hold": 30},
    "reps": {"reps": 10, "tempo": 3},
    "open": {"open": {"min": 30, "target": 60, "max": 120}},
    "breaths": {"breaths": 6, "kind": "breathing"},
    "duration": {"duration": 60},
}


_State = tuple[str, ContainerPath, int]
"""The document's text, the group being edited, and the selected row."""


class _Snapshot(QUndoCommand):
    """One edit: the document (and the selection) before and after."""

    def __init__(
        self,
        editor: EditorView,
        text: str,
        before: _State,
        after: _State,
        merge: str | None,
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self.before = before
        self.after = after
        self.merge = merge
        self._first = True

    def id(self) -> int:
        return 1 if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Snapshot) or other.merge != self.merge or self.merge is None:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the document already holds the change
            self._first = False
            self._editor._show_state(self.after, reload=False)
            return
        self._editor._show_state(self.after)

    def undo(self) -> None:
        self._editor._show_state(self.before)


class EditorView(QWidget):
    """Edit one routine. Signals: ``try_step(Routine, int)`` to play one top-level step,
    ``start_routine(Path)`` to play the saved routine, ``saved(Path)`` after every save."""

    try_step = Signal(object, int)
    start_routine = Signal(object)
    saved = Signal(object)
    status = Signal(str)

    VALIDATE_MS = 120

    def __init__(
        self,
        *,
        library: Library,
        user_dir: Path,
        bundled: Callable[[], list[Path]] = list,
        ask_unsaved: Callable[[QWidget, str], CloseChoice] = ask_unsaved,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("routine_editor")
        self.setAccessibleName("Routine editor")
        self._library = library
        self._user_dir = user_dir
        self._bundled = bundled
        self._ask_unsaved = ask_unsaved
        self.document = new_document()
        self.path: Path | None = None
        self.routine: Routine | None = None
        self.plan: Plan | None = None
        self.problems: list[Problem] = []
        self.last_trash: TrashItem | None = None
        self._container: ContainerPath = ()
        self.undo_stack = QUndoStack(self)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(self.VALIDATE_MS)
        self._build()
        self._connect_signals()
        self._show_state((self.document.dump(), (), 0), reload=False)
        self.undo_stack.setClean()

    # -- building ---------------------------------------------------------------------------

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, tip: str
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(
            f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            if shortcut
            else tip
        )
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build(self) -> None:
        std = QKeySequence.StandardKey
        self.act_new = self._action("&New", std.New, "Start a new routine")
        self.act_duplicate = self._action(
            "&Duplicate routine…", "Ctrl+Shift+D", "Copy a bundled or saved routine to change it"
        )
        self.act_save = self._action(
            "&Save", std.Save, "Save this routine (drafts with problems save too)"
        )
        self.act_import = self._action(
            "&Import…", "Ctrl+I", "Check a routine file and add it to your routines"
        )
        self.act_export = self._action("&Export…", "Ctrl+E", "Save a copy anywhere, to share it")
        self.act_rename = self._action("Re&name…", "F2", "Give the routine a new name")
        self.act_delete = self._action(
            "Delete routine", "Ctrl+Shift+Delete", "Move this routine to the trash"
        )
        self.act_restore = self._action("Undo delete", None, "Bring back the routine deleted last")
        self.act_open_external = self._action(
            "Open in my editor", "Ctrl+Shift+O", "Open the YAML file in your own text editor"
        )
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        assert undo is not None
        assert redo is not None
        self.act_undo, self.act_redo = undo, redo
        self.act_undo.setShortcut(QKeySequence(std.Undo))
        self.act_redo.setShortcut(QKeySequence(std.Redo))
        for action in (self.act_undo, self.act_redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.act_try = self._action("&Try step", "Ctrl+T", "Play just the selected step")
        self.act_start = self._action(
            "S&tart routine", "Ctrl+Return", "Save and play the whole routine"
        )
        self.act_add = self._action("Add &exercise…", "Ctrl+L", "Add exercises from the library")
        self.act_add_step = self._action("Add own step", "Ctrl+N", "Add a step of your own")
        self.act_add_rest = self._action("Add rest", "Ctrl+R", "Add a rest")
        self.act_add_breathing = self._action("Add breathing", "Ctrl+B", "Add a breathing block")
        self.act_add_group = self._action(
            "Add repeat group", "Ctrl+G", "Add a block of steps done several times"
        )
        self.act_dup_step = self._action("Duplicate step", "Ctrl+D", "Copy the selected step")
        self.act_remove = self._action("Remove step", "Delete", "Remove the selected step")
        self.act_up = self._action("Move up", "Alt+Up", "Move the selected step up")
        self.act_down = self._action("Move down", "Alt+Down", "Move the selected step down")
        self.act_back = self._action("Back to the routine", "Alt+Left", "Leave the repeat group")
        self.act_remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        self.toolbar = QToolBar("Routine")
        self.toolbar.setAccessibleName("Routine actions")
        for tool in (
            self.act_new,
            self.act_duplicate,
            self.act_save,
            None,
            self.act_undo,
            self.act_redo,
            None,
            self.act_import,
            self.act_export,
            self.act_rename,
            self.act_delete,
            self.act_open_external,
            None,
            self.act_try,
            self.act_start,
        ):
            if tool is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(tool)

        # Routine details.
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Routine name")
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName("Description")
        self.description_edit.setPlaceholderText("Who it is for, and when")
        self.tags_edit = QLineEdit()
        self.tags_edit.setAccessibleName("Tags, separated by commas")
        self.tags_edit.setPlaceholderText("e.g. evening, gentle")
        self.default_prepare = DurationEdit("Get ready before the first step")
        self.default_rest = DurationEdit("Rest after each step")
        self.default_switch = DurationEdit("Pause to switch sides")
        self.default_breathing = _combo(
            "Breathing pattern for every step",
            [("none", "No pacing"), *BREATHING[2:]],
            editable=True,
        )
        defaults_row = QHBoxLayout()
        for label, widget in (
            ("Get ready", self.default_prepare),
            ("Rest", self.default_rest),
            ("Switch", self.default_switch),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            defaults_row.addWidget(caption)
            defaults_row.addWidget(widget)
        details = QGroupBox("Routine")
        form = QFormLayout(details)
        form.addRow("Na&me", self.name_edit)
        form.addRow("Descri&ption", self.description_edit)
        form.addRow("Ta&gs", self.tags_edit)
        form.addRow("Each step", defaults_row)
        form.addRow("Breathing", self.default_breathing)

        # Steps.
        self.crumb = QLabel()
        self.back_button = QPushButton("◀ Back to the routine")
        self.back_button.setAccessibleName("Back to the routine")
        crumb_row = QHBoxLayout()
        crumb_row.addWidget(self.back_button)
        crumb_row.addWidget(self.crumb, 1)
        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Steps")
        self.step_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.step_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.step_list.setAlternatingRowColors(True)
        self.step_list.setSpacing(2)
        self.step_list.addAction(self.act_remove)
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
        left_layout.addWidget(details)
        left_layout.addLayout(crumb_row)
        left_layout.addWidget(self.step_list, 1)
        left_layout.addLayout(buttons)
        left_layout.addLayout(moves)

        # The selected step.
        self.step_form = StepForm()
        self.group_form = GroupForm()
        self.empty_label = QLabel("Add a step to begin.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.forms = QStackedWidget()
        self.forms.addWidget(self.step_form)
        self.forms.addWidget(self.group_form)
        self.forms.addWidget(self.empty_label)
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
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName("Problems")
        self.problem_list.setMaximumHeight(96)
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
        self.act_new.triggered.connect(self._on_new_triggered)
        self.act_duplicate.triggered.connect(self._on_duplicate_triggered)
        self.act_save.triggered.connect(self.save)
        self.act_import.triggered.connect(self._on_import_triggered)
        self.act_export.triggered.connect(self._on_export_triggered)
        self.act_rename.triggered.connect(self._on_rename_triggered)
        self.act_delete.triggered.connect(self.delete_routine)
        self.act_restore.triggered.connect(self.restore_deleted)
        self.restore_button.clicked.connect(self.restore_deleted)
        self.act_open_external.triggered.connect(self.open_in_external_editor)
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
        self.act_back.triggered.connect(self.leave_group)
        self.back_button.clicked.connect(self.leave_group)
        self.step_list.currentRowChanged.connect(self._on_step_list_current_row_changed)
        self.step_list.itemActivated.connect(self._on_step_list_item_activated)
        self.step_list.model().rowsMoved.connect(self._on_step_rows_moved)
        self.step_form.edited.connect(self._on_step_form_edited)
        self.step_form.timing_changed.connect(self._on_step_form_timing_changed)
        self.group_form.edited.connect(self._on_group_form_edited)
        self.group_form.open_requested.connect(self.enter_group)
        self.name_edit.textEdited.connect(lambda t: self._edit_routine("name", t.strip(), "Rename"))
        self.description_edit.textEdited.connect(
            lambda t: self._edit_routine("description", t.strip(), "Change description")
        )
        self.tags_edit.textEdited.connect(
            lambda t: self._edit_routine(
                "tags", [w.strip() for w in t.split(",") if w.strip()], "Change tags"
            )
        )
        self.default_prepare.value_edited.connect(lambda v: self._edit_default("prepare", v))
        self.default_rest.value_edited.connect(lambda v: self._edit_default("rest", v))
        self.default_switch.value_edited.connect(lambda v: self._edit_default("switch_sides", v))
        self.default_breathing.activated.connect(
            lambda _i: self._edit_default(
                "breathing",
                self.default_breathing.currentData() or self.default_breathing.currentText(),
            )
        )
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        self._validate_timer.timeout.connect(self.validate)

    # -- state ------------------------------------------------------------------------------

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
        return [self.step_list.item(i).text().split("\n")[0] for i in range(self.step_list.count())]

    def edit(
        self,
        text: str,
        change: Callable[[RoutineDocument], bool | int | None],
        merge: str | None = None,
        row: int | None = None,
    ) -> bool:
        """Apply *change* to the document as one undoable command (merged by *merge* key)."""
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
        after = (self.document.dump(), self._container, selected)
        self.undo_stack.push(_Snapshot(self, text, before, after, merge))
        return True

    def _show_state(self, state: _State, reload: bool = True) -> None:
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
        data = self.document.data
        with (
            QSignalBlocker(self.name_edit),
            QSignalBlocker(self.description_edit),
            QSignalBlocker(self.tags_edit),
        ):
            if not self.name_edit.hasFocus():
                self.name_edit.setText(str(data.get("name") or ""))
            if not self.description_edit.hasFocus():
                self.description_edit.setText(" ".join(str(data.get("description") or "").split()))
                self.description_edit.setCursorPosition(0)
            if not self.tags_edit.hasFocus():
                self.tags_edit.setText(", ".join(str(t) for t in data.get("tags") or []))
        defaults = data.get("defaults") or {}
        base = defaults_of("defaults")
        for key, edit in (
            ("prepare", self.default_prepare),
            ("rest", self.default_rest),
            ("switch_sides", self.default_switch),
        ):
            with QSignalBlocker(edit):
                edit.set_value(defaults.get(key))
                edit.setPlaceholderText(str(format_duration(base[key])))
        with QSignalBlocker(self.default_breathing):
            if not self.default_breathing.hasFocus():
                _select(self.default_breathing, defaults.get("breathing", "none"))
        items = self.items()
        with QSignalBlocker(self.step_list):
            self.step_list.clear()
            for index, item in enumerate(items):
                entry = QListWidgetItem(self._describe(item, index))
                entry.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    self._describe(item, index).replace("\n", ", "),
                )
                self.step_list.addItem(entry)
            if items:
                self.step_list.setCurrentRow(max(0, min(row, len(items) - 1)))
        self.back_button.setVisible(bool(self._container))
        self.crumb.setText(self._crumb())
        self._show_current()
        self._update_actions()

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

    def _describe(self, item: Any, index: int) -> str:
        if not isinstance(item, dict):
            return f"{index + 1}. (not a step)"
        if "repeat" in item:
            count = len(item.get("steps") or [])
            name = item.get("name") or "Repeat group"
            steps = f"{count} step{'s' * (count != 1)}"
            return f"{index + 1}. {name} ×{item.get('repeat')}\n{steps}, repeated — Enter to edit"
        base = step_baseline(item, self._library.raw)
        merged = {**base, **plain(item)}
        title = merged.get("name") or item.get("use") or "Unnamed step"
        timed = item if any(k in item for k in _TIMING_KEYS) else base
        return f"{index + 1}. {title}\n{self._timing_words(timed, merged)}"

    @staticmethod
    def _timing_words(timed: dict[str, Any], merged: dict[str, Any]) -> str:
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

    def _show_current(self) -> None:
        item = self.current_item()
        if not isinstance(item, dict):
            self.forms.setCurrentWidget(self.empty_label)
        elif "repeat" in item:
            self.group_form.show_group(item)
            self.forms.setCurrentWidget(self.group_form)
        else:
            base = step_baseline(item, self._library.raw)
            ref = item.get("use")
            origin = ""
            if isinstance(ref, str):
                known = ref in self._library.raw
                origin = (
                    f"From the exercise library: {ref}\nChanges here apply to this routine only."
                    if known
                    else f"Uses “{ref}”, which is not in the exercise library."
                )
            self.step_form.show_step(plain(item), base, origin)
            self.forms.setCurrentWidget(self.step_form)

    def _update_actions(self) -> None:
        has = self.current_item() is not None
        row, count = self.current_row, self.step_list.count()
        self.act_up.setEnabled(has and row > 0)
        self.act_down.setEnabled(has and row < count - 1)
        for action in (self.act_dup_step, self.act_remove):
            action.setEnabled(has)
        self.act_try.setEnabled(self.routine is not None and not self._container and has)
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
        self.problem_list.clear()
        for problem in self.problems:
            text = f"Line {problem.line}, column {problem.column}: {problem.message}"
            self.problem_list.addItem(text)
        self.problem_list.setVisible(bool(self.problems))
        if self.plan is not None:
            self.total_label.setText(f"Total {format_clock(self.plan.total)}")
        else:
            count = len(self.problems)
            self.total_label.setText(
                f"{count} problem{'s' * (count != 1)}: a draft, not ready to start"
            )
        self.timeline.set_plan(self.plan)
        self._update_actions()
        return self.routine

    # -- editing ----------------------------------------------------------------------------

    def _edit_routine(self, key: str, value: Any, text: str) -> None:
        self.edit(
            text,
            lambda doc: set_value(
                doc.data, key, value, order="routine", baseline={"description": "", "tags": []}
            ),
            merge=f"routine:{key}",
        )

    def _edit_default(self, key: str, value: Any) -> None:
        def change(doc: RoutineDocument) -> bool:
            data = doc.data
            if not isinstance(data.get("defaults"), dict):
                if value is None:
                    return False
                data.insert(_position(data, "defaults"), "defaults", CommentedMap())
            changed = set_value(
                data["defaults"], key, value, baseline=defaults_of("defaults"), order="defaults"
            )
            if not data["defaults"]:
                del data["defaults"]
            return changed

        self.edit("Change routine defaults", change, merge=f"defaults:{key}")

    def _on_step_form_edited(self, key: str, value: Any) -> None:
        row = self.current_row
        path = self._container

        def change(doc: RoutineDocument) -> bool:
            step = container(doc, path)[row]
            base = step_baseline(step, self._library.raw)
            if key == "cues":
                milestones, prompts = value
                a = set_value(step, "milestones", milestones, baseline=base)
                b = set_value(step, "prompts", prompts, baseline=base)
                return a or b
            if key == "name" and value is None and "use" in step:
                return set_value(step, "name", None)
            return set_value(step, key, value, baseline=base)

        label = {"cues": "Change cues"}.get(key, f"Change {key.replace('_', ' ')}")
        self.edit(label, change, merge=f"step:{path}:{row}:{key}")

    def _on_step_form_timing_changed(self, mode: str) -> None:
        row, path = self.current_row, self._container

        def change(doc: RoutineDocument) -> bool:
            step = container(doc, path)[row]
            for key in _TIMING_KEYS:
                if key in step:
                    del step[key]
            for key, value in _NEW_TIMING[mode].items():
                set_value(step, key, value)
            return True

        self.edit("Change timing", change)

    def _on_group_form_edited(self, key: str, value: Any) -> None:
        row, path = self.current_row, self._container
        self.edit(
            f"Change group {key.replace('_', ' ')}",
            lambda doc: set_value(
                container(doc, path)[row], key, value, baseline=defaults_of("group")
            ),
            merge=f"group:{path}:{row}:{key}",
        )

    def add_item(self, item: dict[str, Any]) -> None:
        """Insert a step or group after the selected one and select it."""
        at = self.current_row + 1 if self.current_row >= 0 else len(self.items())
        path = self._container
        self.edit(
            f"Add {item.get('name') or item.get('use') or 'step'}",
            lambda doc: insert_item(container(doc, path), at, item),
        )

    def add_from_library(self, ids: list[str]) -> None:
        if not ids:
            return
        at = self.current_row + 1 if self.current_row >= 0 else len(self.items())
        path = self._container

        def change(doc: RoutineDocument) -> int:
            seq = container(doc, path)
            for offset, ident in enumerate(ids):
                insert_item(seq, at + offset, {"use": ident})
            return at + len(ids) - 1

        self.edit("Add from the library", change)

    def duplicate_step(self) -> None:
        row, path = self.current_row, self._container
        if row >= 0:
            self.edit("Duplicate step", lambda doc: duplicate_item(container(doc, path), row))

    def remove_step(self) -> None:
        row, path = self.current_row, self._container
        if row < 0:
            return

        def change(doc: RoutineDocument) -> int:
            remove_item(container(doc, path), row)
            return max(0, row - 1) if row >= len(container(doc, path)) else row

        self.edit("Remove step", change)

    def move_step(self, delta: int) -> None:
        row, path = self.current_row, self._container
        target = row + delta
        if row < 0 or not 0 <= target < self.step_list.count():
            return
        self.edit("Move step", lambda doc: move_item(container(doc, path), row, target))
        self.step_list.setFocus()

    def _on_step_rows_moved(
        self, _parent: object, start: int, _end: int, _dest: object, row: int
    ) -> None:
        target = row - 1 if row > start else row
        path = self._container
        # The list moved its row already; the document follows, then the list is redrawn.
        QTimer.singleShot(
            0,
            self,
            lambda: self.edit(
                "Move step", lambda doc: move_item(container(doc, path), start, target)
            ),
        )

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
        self._update_actions()

    def _on_step_list_item_activated(self, _item: QListWidgetItem) -> None:
        if isinstance(self.current_item(), dict) and "repeat" in self.current_item():
            self.enter_group()
        else:
            self.step_form.name.setFocus()

    # -- files ------------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self._library = library
        self._refresh()
        self.validate()

    def _load(self, document: RoutineDocument, path: Path | None) -> None:
        self.document = document
        self.path = path
        self._container = ()
        self.undo_stack.clear()
        self._show_state((document.dump(), (), 0), reload=False)
        self.undo_stack.setClean()
        self._update_actions()

    def maybe_discard(self) -> bool:
        """Ask about unsaved changes; ``True`` when it is fine to move on."""
        if not self.dirty:
            return True
        choice = self._ask_unsaved(self, self.document.name)
        if choice is CloseChoice.SAVE:
            return self.save()
        return choice is CloseChoice.DISCARD

    def new_routine(self, name: str = "My routine") -> None:
        if self.maybe_discard():
            self._load(new_document(name), None)
            self.name_edit.setFocus()
            self.name_edit.selectAll()

    def open_path(self, path: Path) -> bool:
        """Edit the routine at *path*. A file outside the user's folder is copied there first,
        so bundled routines are never changed."""
        if not self.maybe_discard():
            return False
        if self._user_dir.resolve() not in path.resolve().parents:
            path = duplicate_routine(path, self._user_dir)
            self._notify(f"Copied to your routines as {path.name}.")
        try:
            document = RoutineDocument.from_path(path)
        except LoadError as exc:
            self._show_load_error(exc)
            return False
        self._load(document, path)
        return True

    def save(self) -> bool:
        """Save (atomically, keeping a backup). A routine with problems is saved as a draft."""
        if self.path is None:
            self._user_dir.mkdir(parents=True, exist_ok=True)
            self.path = unique_path(self._user_dir, slug(self.document.name))
        try:
            save_document(self.document, self.path)
        except OSError as exc:
            self._notify(f"Could not save: {exc.strerror or exc}")
            return False
        self.undo_stack.setClean()
        draft = " as a draft (it has problems to fix before it can start)" if self.problems else ""
        self._notify(f"Saved {self.path.name}{draft}.")
        self._update_actions()
        self.saved.emit(self.path)
        return True

    def import_file(self, source: Path) -> Path | None:
        """Check *source* and copy it into the user's routines, then edit it; on problems,
        list them and copy nothing."""
        try:
            target = import_routine(source, self._user_dir, self._library)
        except LoadError as exc:
            self._show_load_error(exc)
            self._notify(
                f"{source.name} was not imported: {len(exc.problems)} problem(s), listed below."
            )
            return None
        self.open_path(target)
        self._notify(f"Imported {source.name} into your routines.")
        return target

    def _show_load_error(self, exc: LoadError) -> None:
        self.problems = exc.problems
        self.problem_list.clear()
        for problem in exc.problems:
            self.problem_list.addItem(str(problem))
        self.problem_list.setVisible(True)

    def export_to(self, destination: Path) -> None:
        export_routine(self.document, destination)
        self._notify(f"Exported a copy to {destination}.")

    def rename(self, new_name: str) -> None:
        """Rename the routine: its name, and its file once saved."""
        new_name = new_name.strip()
        if not new_name:
            return
        self._edit_routine("name", new_name, "Rename")
        if self.path is not None:
            old = self.path
            target = unique_path(old.parent, slug(new_name)) if slug(new_name) != old.stem else old
            self.path = target
            if self.save() and target != old:
                delete_to_trash(old)

    def delete_routine(self) -> None:
        if self.path is None:
            return
        self.last_trash = delete_to_trash(self.path)
        name = self.document.name
        self._load(new_document(), None)
        self._notify(f"Deleted “{name}”.")
        self.restore_button.show()
        self.act_restore.setEnabled(True)

    def restore_deleted(self) -> None:
        if self.last_trash is None:
            return
        path = restore_from_trash(self.last_trash)
        self.last_trash = None
        self.restore_button.hide()
        self.open_path(path)
        self._notify(f"Restored {path.name}.")

    def open_in_external_editor(self) -> bool:
        if self.path is None:
            return False
        if self.dirty:
            self.save()
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def on_files_changed(self, paths: list[Path]) -> None:
        """Slot for :attr:`RoutineWatcher.changed`: reload the open file when it changed on
        disk and nothing is unsaved here; otherwise say so."""
        if self.path is None:
            return
        mine = self.path.resolve()
        if not any(Path(p).resolve() in (mine, mine.parent) for p in paths):
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        if data.decode("utf-8", "replace") == self.document.dump():
            return
        if self.dirty:
            self._notify(
                f"{self.path.name} changed on disk; saving here will replace those changes."
            )
            return
        try:
            document = RoutineDocument.from_text(data, str(self.path))
        except LoadError as exc:
            self._show_load_error(exc)
            return
        self._load(document, self.path)
        self._notify(f"Reloaded {self.path.name}: it changed on disk.")

    def _notify(self, text: str) -> None:
        self.notice.setText(text)
        self.restore_button.setVisible(self.last_trash is not None)
        self.status.emit(text)

    # -- dialogs ----------------------------------------------------------------------------

    def _on_new_triggered(self) -> None:
        self.new_routine()

    def _on_duplicate_triggered(self) -> None:
        choices = {f"{p.stem} (bundled)": p for p in self._bundled()}
        choices.update({p.stem: p for p in sorted(self._user_dir.glob("*.yaml"))})
        if not choices:
            return
        name, ok = QInputDialog.getItem(
            self, "Duplicate a routine", "Routine to copy:", list(choices), 0, False
        )
        if ok and name and self.maybe_discard():
            path = duplicate_routine(choices[name], self._user_dir)
            self.undo_stack.setClean()
            self.open_path(path)

    def _on_import_triggered(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a routine", str(Path.home()), "Routines (*.yaml *.yml)"
        )
        if name:
            self.import_file(Path(name))

    def _on_export_triggered(self) -> None:
        start = str(Path.home() / f"{slug(self.document.name)}.yaml")
        name, _ = QFileDialog.getSaveFileName(self, "Export a copy", start, "Routines (*.yaml)")
        if name:
            self.export_to(Path(name))

    def _on_rename_triggered(self) -> None:
        name, ok = QInputDialog.getText(
            self, "Rename routine", "New name:", text=self.document.name
        )
        if ok:
            self.rename(name)

    def _on_add_triggered(self) -> None:
        picker = LibraryPicker(self._library, self)
        if picker.exec():
            self.add_from_library(picker.chosen())

    def _on_try_triggered(self) -> None:
        if self.routine is not None and not self._container and self.current_row >= 0:
            self.try_step.emit(self.routine, self.current_row)

    def _on_start_triggered(self) -> None:
        if self.routine is None:
            self._notify("Fix the problems listed below before starting.")
            return
        if (self.dirty or self.path is None) and not self.save():
            return
        self.start_routine.emit(self.path)

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self._update_title()


class EditorWindow(QMainWindow):
    """:class:`EditorView` in a window of its own, asking about unsaved changes on close."""

    def __init__(self, view: EditorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setCentralWidget(view)
        self.resize(1100, 760)
        self.setWindowTitle(view.windowTitle())
        view.windowTitleChanged.connect(self.setWindowTitle)
        view.status.connect(lambda text: self.statusBar().showMessage(text, 6000))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.view.maybe_discard():
            event.accept()
        else:
            event.ignore()
