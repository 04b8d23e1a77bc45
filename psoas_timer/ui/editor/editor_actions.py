"""The editor's actions, each with its keys and tip, and the toolbar and Routine menu they
sit in, and which of them apply now.

:func:`build_actions` makes them on the :class:`~.editor_view.EditorView` (as ``act_*``,
keys active while the focus is in the editor); :func:`build_toolbar` lays out the toolbar;
:func:`update_actions` enables those that apply to what is selected. What each action does
is wired in the view and its command objects (:mod:`.edit_commands`, :mod:`.move_commands`,
:mod:`.play_commands`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from psoas_timer.ui.common.icons import icon

from .undo import redo_keys, undo_keys

if TYPE_CHECKING:
    from .editor_view import EditorView

__all__ = ["build_actions", "build_toolbar", "update_actions"]


def _action(
    view: EditorView,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
    tip: str,
) -> QAction:
    action = QAction(text, view)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(
        f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        if shortcut
        else tip
    )
    action.setStatusTip(tip)
    view.addAction(action)
    return action


def build_actions(view: EditorView) -> None:
    """Make the editor's actions (``view.act_*``), each with its keys and tip."""
    std = QKeySequence.StandardKey
    view.act_new = _action(view, "&New", std.New, "Start a new routine")
    view.act_duplicate = _action(
        view, "&Duplicate routine…", "Ctrl+Shift+D", "Copy a bundled or saved routine to change it"
    )
    view.act_save = _action(
        view, "&Save", std.Save, "Save this routine (drafts with problems save too)"
    )
    view.act_import = _action(
        view, "&Import…", "Ctrl+I", "Check a routine file and add it to your routines"
    )
    # Not Ctrl+E: that is Edit in the main window.
    view.act_export = _action(view, "&Export…", "Ctrl+Shift+E", "Save a copy anywhere, to share it")
    view.act_rename = _action(view, "Re&name…", "F2", "Give the routine a new name")
    view.act_delete = _action(
        view, "Delete routine", "Ctrl+Shift+Delete", "Move this routine to the trash"
    )
    view.act_restore = _action(view, "Undo delete", None, "Bring back the routine deleted last")
    view.act_open_external = _action(
        view, "Open in my editor", "Ctrl+Shift+O", "Open the YAML file in your own text editor"
    )
    undo = view.undo_stack.createUndoAction(view, "&Undo")
    redo = view.undo_stack.createRedoAction(view, "&Redo")
    assert undo is not None
    assert redo is not None
    view.act_undo, view.act_redo = undo, redo
    view.act_undo.setShortcuts(undo_keys())
    view.act_redo.setShortcuts(redo_keys())
    for action in (view.act_undo, view.act_redo):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(action)
    view.act_try = _action(
        view, "&Try step", "Ctrl+T", "Play just the selected step (a repeat group: all its rounds)"
    )
    view.act_start = _action(
        view, "S&tart routine", "Ctrl+Return", "Save and play the whole routine"
    )
    view.act_add = _action(view, "Add &exercise…", "Ctrl+L", "Add exercises from the library")
    view.act_add_step = _action(view, "Add own step", "Ctrl+Shift+N", "Add a step of your own")
    view.act_add_rest = _action(view, "Add rest", "Ctrl+R", "Add a rest")
    view.act_add_breathing = _action(view, "Add breathing", "Ctrl+B", "Add a breathing block")
    view.act_add_group = _action(
        view, "Add repeat group", "Ctrl+G", "Add a block of steps done several times"
    )
    view.act_dup_step = _action(view, "Duplicate step", "Ctrl+D", "Copy the selected step")
    view.act_remove = _action(view, "Remove step", "Delete", "Remove the selected step")
    view.act_up = _action(
        view, "Move up", "Alt+Up", "Move the selected step up (out of the group at its top)"
    )
    view.act_down = _action(
        view, "Move down", "Alt+Down", "Move the selected step down (out of the group at its end)"
    )
    view.act_into = _action(
        view, "Move into group", "Alt+Shift+Right", "Move the selected step into the group above it"
    )
    view.act_out = _action(
        view, "Move out of group", "Alt+Shift+Left", "Move the selected step out of this group"
    )
    view.act_back = _action(view, "Back to the routine", "Alt+Left", "Leave the repeat group")
    view.act_remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    # Ctrl+W first (it is the one shown), then the platform's other Close keys; Esc closes
    # too when nothing in the editor wants it (see keyPressEvent).
    view.act_close = _action(view, "&Close", "Ctrl+W", "Close the editor")
    close_keys = [QKeySequence("Ctrl+W")]
    close_keys += [k for k in QKeySequence.keyBindings(std.Close) if k not in close_keys]
    view.act_close.setShortcuts(close_keys)
    native = close_keys[0].toString(QKeySequence.SequenceFormat.NativeText)
    view.act_close.setToolTip(f"Close the editor ({native} or Esc)")


def build_toolbar(view: EditorView) -> QToolBar:
    """The editor's toolbar: what is used all the time, then the Routine menu at its end
    (``view.file_menu``, opened by ``view.file_button`` or F10)."""
    toolbar = QToolBar("Routine")
    toolbar.setAccessibleName("Routine actions")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action, name in (
        (view.act_new, "document-new"),
        (view.act_duplicate, "edit-copy"),
        (view.act_save, "document-save"),
        (view.act_undo, "edit-undo"),
        (view.act_redo, "edit-redo"),
        (view.act_import, "document-import"),
        (view.act_export, "document-export"),
        (view.act_rename, "edit-rename"),
        (view.act_delete, "edit-delete"),
        (view.act_open_external, "document-open"),
        (view.act_try, "psoas-try-step"),
        (view.act_start, "media-playback-start"),
        (view.act_close, "window-close"),
    ):
        action.setIcon(icon(name))
    # What is used all the time first, so a narrow window never hides it; the file's
    # rarer commands in a menu at the right end.
    for tool in (
        view.act_start,
        view.act_try,
        None,
        view.act_new,
        view.act_save,
        None,
        view.act_undo,
        view.act_redo,
    ):
        if tool is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(tool)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    view.file_menu = QMenu("Routine", view)
    for tool in (
        view.act_duplicate,
        view.act_rename,
        None,
        view.act_import,
        view.act_export,
        view.act_open_external,
        None,
        view.act_delete,
        view.act_restore,
        None,
        view.act_close,
    ):
        if tool is None:
            view.file_menu.addSeparator()
        else:
            view.file_menu.addAction(tool)
    view.file_button = QToolButton()
    view.file_button.setText("Routine")
    view.file_button.setIcon(icon("open-menu"))
    view.file_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    view.file_button.setAccessibleName("Routine menu")
    view.file_button.setToolTip("Duplicate, rename, import, export, delete… (F10)")
    view.file_button.setMenu(view.file_menu)
    view.file_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar.addWidget(view.file_button)
    QShortcut(QKeySequence("F10"), view, view.file_button.showMenu)
    return toolbar


def update_actions(view: EditorView) -> None:
    """Enable the actions that apply now: the moves and Duplicate and Remove with a step
    selected (Into with a repeat group just above it; Out inside a group), Try step with a
    step that can play, Start with a routine without problems, Rename, Delete and Open in my
    editor once the routine has a file, Back inside a group."""
    has = view.current_item() is not None
    row, count = view.current_row, view.step_list.count()
    nested = bool(view.container)
    view.act_up.setEnabled(has and (row > 0 or nested))
    view.act_down.setEnabled(has and (row < count - 1 or nested))
    above = view.items()[row - 1] if has and row > 0 else None
    view.act_into.setEnabled(isinstance(above, dict) and "repeat" in above)
    view.act_out.setEnabled(has and nested)
    for action in (view.act_dup_step, view.act_remove):
        action.setEnabled(has)
    view.act_try.setEnabled(view.selected_routine() is not None)
    view.act_start.setEnabled(view.routine is not None)
    view.act_rename.setEnabled(view.path is not None)
    view.act_delete.setEnabled(view.path is not None)
    view.act_open_external.setEnabled(view.path is not None)
    view.act_back.setEnabled(bool(view.container))
