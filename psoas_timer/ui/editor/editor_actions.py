"""The editor's actions, each with its keys and tip, and the toolbar and Routine menu they
sit in, and which of them apply now.

:func:`build_actions` makes them, as one :class:`EditorActions`, on the widget they act in
(their keys work while the focus is inside it); :func:`build_toolbar` lays out the toolbar;
:func:`update_actions` enables those that apply to what is selected (:class:`ActionState`
says what it reads). What each action does is wired in the view and its command objects
(:mod:`.edit_commands`, :mod:`.move_commands`, :mod:`.play_commands`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from psoas_timer.core.model import Routine
from psoas_timer.core.routine_edit import ContainerPath
from psoas_timer.i18n import _
from psoas_timer.ui.common.fitting_toolbar import FittingToolBar
from psoas_timer.ui.common.icons import icon

from .undo import redo_keys, undo_keys

__all__ = [
    "ActionState",
    "EditorActions",
    "EditorToolbar",
    "build_actions",
    "build_toolbar",
    "update_actions",
]


@dataclass(frozen=True)
class EditorActions:
    """The editor's actions (see :func:`build_actions`)."""

    new: QAction
    duplicate: QAction
    save: QAction
    import_: QAction
    export: QAction
    rename: QAction
    delete: QAction
    restore: QAction
    open_external: QAction
    undo: QAction
    redo: QAction
    try_: QAction
    start: QAction
    add: QAction
    add_step: QAction
    add_rest: QAction
    add_breathing: QAction
    add_group: QAction
    dup_step: QAction
    remove: QAction
    up: QAction
    down: QAction
    into: QAction
    out: QAction
    back: QAction
    close: QAction


@dataclass(frozen=True)
class EditorToolbar:
    """The toolbar, and the Routine menu at its end with the button that opens it."""

    bar: QToolBar
    file_menu: QMenu
    file_button: QToolButton


class ActionState(Protocol):
    """What :func:`update_actions` reads of the routine being edited."""

    @property
    def current_row(self) -> int: ...

    @property
    def container(self) -> ContainerPath: ...

    @property
    def routine(self) -> Routine | None: ...

    @property
    def path(self) -> Path | None: ...

    def items(self) -> Any: ...

    def current_item(self) -> Any: ...

    def selected_routine(self) -> Routine | None: ...


def _action(
    view: QWidget,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
    tip: str,
) -> QAction:
    action = QAction(text, view)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(
        _("{tip} ({key})").format(
            tip=tip, key=action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )
        if shortcut
        else tip
    )
    action.setStatusTip(tip)
    view.addAction(action)
    return action


def build_actions(view: QWidget, undo_stack: QUndoStack) -> EditorActions:
    """Make the editor's actions on *view* (their keys work while the focus is in it), each
    with its keys and tip; Undo and Redo are *undo_stack*'s."""
    std = QKeySequence.StandardKey
    new = _action(view, _("&New"), std.New, _("Start a new routine"))
    duplicate = _action(
        view,
        _("&Duplicate routine…"),
        "Ctrl+Shift+D",
        _("Copy a bundled or saved routine to change it"),
    )
    save = _action(
        view,
        _("&Save"),
        std.Save,
        _("Save this routine (drafts with problems save too)"),
    )
    import_ = _action(
        view, _("&Import…"), "Ctrl+I", _("Check a routine file and add it to your routines")
    )
    # Not Ctrl+E: that is Edit in the main window.
    export = _action(view, _("&Export…"), "Ctrl+Shift+E", _("Save a copy anywhere, to share it"))
    rename = _action(view, _("Re&name…"), "F2", _("Give the routine a new name"))
    delete = _action(
        view,
        _("Delete routine"),
        "Ctrl+Shift+Delete",
        _("Move this routine to the trash"),
    )
    restore = _action(view, _("Undo delete"), None, _("Bring back the routine deleted last"))
    open_external = _action(
        view,
        _("Open in my editor"),
        "Ctrl+Shift+O",
        _("Open the YAML file in your own text editor"),
    )
    undo = undo_stack.createUndoAction(view, _("&Undo"))
    redo = undo_stack.createRedoAction(view, _("&Redo"))
    assert undo is not None
    assert redo is not None
    undo.setShortcuts(undo_keys())
    redo.setShortcuts(redo_keys())
    # On the toolbar a short word; what it undoes ("Undo Move step") is its tip. The whole
    # text on the button pushed Redo and the Routine menu off an 800 px window in German.
    undo.setIconText(_("&Undo").replace("&", ""))
    redo.setIconText(_("&Redo").replace("&", ""))
    for action in (undo, redo):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(action)
    try_ = _action(
        view,
        _("&Try step"),
        "Ctrl+T",
        _("Play just the selected step (a repeat group: all its rounds)"),
    )
    start = _action(view, _("S&tart routine"), "Ctrl+Return", _("Save and play the whole routine"))
    add = _action(view, _("Add &exercise…"), "Ctrl+L", _("Add exercises from the library"))
    add_step = _action(view, _("Add own step"), "Ctrl+Shift+N", _("Add a step of your own"))
    add_rest = _action(view, _("Add rest"), "Ctrl+R", _("Add a rest"))
    add_breathing = _action(view, _("Add breathing"), "Ctrl+B", _("Add a breathing block"))
    add_group = _action(
        view, _("Add repeat group"), "Ctrl+G", _("Add a block of steps done several times")
    )
    dup_step = _action(view, _("Duplicate step"), "Ctrl+D", _("Copy the selected step"))
    remove = _action(view, _("Remove step"), "Delete", _("Remove the selected step"))
    up = _action(
        view, _("Move up"), "Alt+Up", _("Move the selected step up (out of the group at its top)")
    )
    down = _action(
        view,
        _("Move down"),
        "Alt+Down",
        _("Move the selected step down (out of the group at its end)"),
    )
    into = _action(
        view,
        _("Move into group"),
        "Alt+Shift+Right",
        _("Move the selected step into the group above it"),
    )
    out = _action(
        view,
        _("Move out of group"),
        "Alt+Shift+Left",
        _("Move the selected step out of this group"),
    )
    back = _action(view, _("Back to the routine"), "Alt+Left", _("Leave the repeat group"))
    remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    # Ctrl+W first (it is the one shown), then the platform's other Close keys; Esc closes
    # too when nothing in the editor wants it (see keyPressEvent).
    close = _action(view, _("&Close"), "Ctrl+W", _("Close the editor"))
    close_keys = [QKeySequence("Ctrl+W")]
    close_keys += [k for k in QKeySequence.keyBindings(std.Close) if k not in close_keys]
    close.setShortcuts(close_keys)
    native = close_keys[0].toString(QKeySequence.SequenceFormat.NativeText)
    close.setToolTip(_("Close the editor ({key} or Esc)").format(key=native))
    return EditorActions(
        new=new,
        duplicate=duplicate,
        save=save,
        import_=import_,
        export=export,
        rename=rename,
        delete=delete,
        restore=restore,
        open_external=open_external,
        undo=undo,
        redo=redo,
        try_=try_,
        start=start,
        add=add,
        add_step=add_step,
        add_rest=add_rest,
        add_breathing=add_breathing,
        add_group=add_group,
        dup_step=dup_step,
        remove=remove,
        up=up,
        down=down,
        into=into,
        out=out,
        back=back,
        close=close,
    )


def build_toolbar(view: QWidget, act: EditorActions) -> EditorToolbar:
    """The editor's toolbar: what is used all the time, then the Routine menu at its end
    (opened by its button, or F10 in *view*)."""
    # Words under the icons, or icons alone, where the row is narrow (German or French at
    # 800 px): never the Routine menu behind the toolbar's ».
    toolbar = FittingToolBar(_("Routine"), fit_itself=True)
    toolbar.setAccessibleName(_("Routine actions"))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action, name in (
        (act.new, "document-new"),
        (act.duplicate, "edit-copy"),
        (act.save, "document-save"),
        (act.undo, "edit-undo"),
        (act.redo, "edit-redo"),
        (act.import_, "document-import"),
        (act.export, "document-export"),
        (act.rename, "edit-rename"),
        (act.delete, "edit-delete"),
        (act.open_external, "document-open"),
        (act.try_, "psoas-try-step"),
        (act.start, "media-playback-start"),
        (act.close, "window-close"),
    ):
        action.setIcon(icon(name))
    # What is used all the time first, so a narrow window never hides it; the file's
    # rarer commands in a menu at the right end.
    for tool in (
        act.start,
        act.try_,
        None,
        act.new,
        act.save,
        None,
        act.undo,
        act.redo,
    ):
        if tool is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(tool)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    toolbar.addWidget(spacer)
    file_menu = QMenu(_("Routine"), view)
    for tool in (
        act.duplicate,
        act.rename,
        None,
        act.import_,
        act.export,
        act.open_external,
        None,
        act.delete,
        act.restore,
        None,
        act.close,
    ):
        if tool is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(tool)
    file_button = QToolButton()
    file_button.setText(_("Routine"))
    file_button.setIcon(icon("open-menu"))
    file_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    file_button.setAccessibleName(_("Routine menu"))
    file_button.setToolTip(_("Duplicate, rename, import, export, delete… (F10)"))
    file_button.setMenu(file_menu)
    file_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar.addWidget(file_button)
    QShortcut(QKeySequence("F10"), view, file_button.showMenu)
    return EditorToolbar(toolbar, file_menu, file_button)


def update_actions(view: ActionState, act: EditorActions, count: int) -> None:
    """Enable the actions that apply now: the moves and Duplicate and Remove with a step
    selected (Into with a repeat group just above it; Out inside a group), Try step with a
    step that can play, Start with a routine without problems, Rename, Delete and Open in my
    editor once the routine has a file, Back inside a group. *count*: the list's rows."""
    has = view.current_item() is not None
    row = view.current_row
    nested = bool(view.container)
    act.up.setEnabled(has and (row > 0 or nested))
    act.down.setEnabled(has and (row < count - 1 or nested))
    above = view.items()[row - 1] if has and row > 0 else None
    act.into.setEnabled(isinstance(above, dict) and "repeat" in above)
    act.out.setEnabled(has and nested)
    for action in (act.dup_step, act.remove):
        action.setEnabled(has)
    act.try_.setEnabled(view.selected_routine() is not None)
    act.start.setEnabled(view.routine is not None)
    act.rename.setEnabled(view.path is not None)
    act.delete.setEnabled(view.path is not None)
    act.open_external.setEnabled(view.path is not None)
    act.back.setEnabled(bool(view.container))
