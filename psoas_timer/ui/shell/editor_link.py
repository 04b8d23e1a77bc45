"""The main window's link to the routine editor.

The editor's window is made on first use (it is not needed to start up). New routine and
Edit routine open it; what it saves is read again into the library, and a routine it
starts or tries plays in the main window (:class:`EditorHost`, what it needs of it).
Files changed on disk refresh both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from psoas_timer.ui.shell.window_parts import RoutinesHost

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Entry
    from psoas_timer.core.model import Routine
    from psoas_timer.ui.editor import EditorWindow
    from psoas_timer.ui.library.routine_watcher import RoutineWatcher
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.shell.actions import Actions

__all__ = ["EditorHost", "EditorLink"]


class EditorHost(RoutinesHost, Protocol):
    """What the editor's link needs of the main window."""

    def open_entry(
        self, entry: Entry, *, remember: bool = True, changes: list[str] | None = None
    ) -> None: ...

    def activateWindow(self) -> None: ...


class EditorLink(QObject):
    """The editor as *host* uses it (its window's parent: *parent*): opened by
    *commands*, saving into the user's routines of *folders*, refreshed by *watcher*; nothing
    is reloaded while *controller* runs a session; *start* starts the routine opened (a
    routine tried from the editor)."""

    def __init__(
        self,
        host: EditorHost,
        parent: QWidget,
        *,
        commands: Actions,
        controller: SessionController,
        folders: tuple[Path, Path] | None,
        watcher: RoutineWatcher | None,
        start: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._w = host
        self._start = start
        self._parent = parent
        self._commands = commands
        self._controller = controller
        self._folders = folders
        self._watcher = watcher
        self._editor: EditorWindow | None = None
        #: Files that changed during a session: read once it ends.
        self._missed: list[Path] = []

    def connect_signals(self) -> None:
        a = self._commands
        a.new_routine.triggered.connect(self._on_new_routine_triggered)
        a.edit_routine.triggered.connect(self._on_edit_routine_triggered)
        if self._watcher is not None:
            self._watcher.changed.connect(self._on_watcher_changed)
        self._controller.active_changed.connect(self._on_active_changed)

    @property
    def opened(self) -> EditorWindow | None:
        """The editor's window, if it has been made."""
        return self._editor

    def keeps_open(self) -> bool:
        """The main window is asked to close: True when the editor has changes the user
        chose to keep working on (the window stays open)."""
        editor = self._editor
        return editor is not None and not editor.view.files.maybe_discard()

    def editor(self) -> EditorWindow:
        """The routine editor's window, made on first use (it is not needed to start up)."""
        if self._editor is None:
            from psoas_timer.ui.editor import EditorView, EditorWindow

            assert self._folders is not None
            assert self._w.catalog is not None
            user_dir = self._folders[1]
            view = EditorView(
                library=self._w.catalog.library,
                user_dir=user_dir,
                bundled=lambda: (
                    [e.path for e in self._w.catalog.entries if e.bundled]
                    if self._w.catalog is not None
                    else []
                ),
                routines=lambda: (
                    [(e.name, e.path) for e in self._w.catalog.entries if e.bundled and e.ok]
                    if self._w.catalog is not None
                    else []
                ),
            )
            view.saved.connect(self._on_editor_saved)
            view.start_routine.connect(self._on_editor_start_routine)
            view.try_routine.connect(self._on_editor_try_routine)
            self._editor = EditorWindow(view, self._parent)
        return self._editor

    def _on_new_routine_triggered(self) -> None:
        window = self.editor()
        window.show()
        window.raise_()
        window.activateWindow()
        window.view.ask_new_routine()

    def _on_edit_routine_triggered(self) -> None:
        if self._w.entry is None:
            return
        window = self.editor()
        if window.view.files.maybe_discard() and window.view.files.open_path(self._w.entry.path):
            window.show()
            window.raise_()
            window.activateWindow()

    def _on_editor_saved(self, _path: object) -> None:
        self._w.reload()

    def _on_editor_start_routine(self, path: object) -> None:
        self._w.reload()
        if self._w.open_routine(str(path)):
            self._w.activateWindow()
            self._start()

    def _on_editor_try_routine(self, routine: Routine) -> None:
        """Play *routine*: the editor's selected step (or repeat group) on its own."""
        from psoas_timer.core.catalog import Entry

        trial = Entry(Path(f"{routine.name}.yaml"), bundled=False, routine=routine)
        self._w.open_entry(trial, remember=False)  # a one-step trial is no file to reopen
        self._w.activateWindow()
        self._start()

    def _on_watcher_changed(self, changed: list[Path]) -> None:
        if self._controller.active:
            self._missed.extend(changed)  # never disturb a running session: read after it
            return
        self._w.reload()
        if self._editor is not None and self._w.catalog is not None:
            self._editor.view.set_library(self._w.catalog.library)
            self._editor.view.files.on_files_changed(changed)

    def _on_active_changed(self, active: bool) -> None:
        if not active and self._missed:
            missed, self._missed = self._missed, []
            self._on_watcher_changed(missed)
