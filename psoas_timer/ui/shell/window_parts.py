"""What the main window is made of and works with, kept apart from the window itself.

:class:`Services` is what the app (or a test) hands the window; :class:`Loaded` is what the
window builds from them in :meth:`MainWindow.load`, whole, in one go; :class:`Page` names
the pages of its stack. :func:`ask_user` and :func:`inform_user` are the default ways it
asks and tells. Nothing heavy is imported here: the window imports this before its first
paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QStackedWidget, QWidget

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog
    from psoas_timer.history import HistoryStore
    from psoas_timer.session.recording import HistoryLink
    from psoas_timer.ui.library.library_view import LibraryView
    from psoas_timer.ui.library.problems_view import ProblemsView
    from psoas_timer.ui.library.routine_view import RoutineView
    from psoas_timer.ui.library.routine_watcher import RoutineWatcher
    from psoas_timer.ui.player.completion_view import CompletionView
    from psoas_timer.ui.player.player_view import PlayerView
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.progress.progress_view import ProgressView
    from psoas_timer.ui.progress.rating_prompt import RatingPrompt
    from psoas_timer.ui.shell.actions import Actions
    from psoas_timer.ui.shell.editor_link import EditorLink
    from psoas_timer.ui.shell.screensaver import Inhibitor
    from psoas_timer.ui.shell.session_controls import SessionControls
    from psoas_timer.ui.shell.session_steps import SessionSteps
    from psoas_timer.ui.shell.toolbar import ControlsBar
    from psoas_timer.ui.shell.view_options import ViewOptions
    from psoas_timer.ui.sound.output import CueOutput

__all__ = ["Loaded", "Page", "Services", "ask_user", "inform_user", "scrolled"]


class Page(IntEnum):
    LIBRARY = 0
    ROUTINE = 1
    PLAYER = 2
    COMPLETION = 3
    RATING = 4
    PROGRESS = 5
    PROBLEMS = 6


def ask_user(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question in a message box (the default for :class:`MainWindow`).

    Enter says Yes and Esc says No under every platform's button order: GTK's puts No first,
    and without a default button Enter pressed whichever came first.
    """
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, title, question, buttons.Yes | buttons.No, parent)
    box.setDefaultButton(buttons.Yes)
    box.setEscapeButton(buttons.No)
    return box.exec() == buttons.Yes


def inform_user(parent: QWidget | None, title: str, text: str) -> None:
    """Say something once, in a box that does not stop the window (the default)."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()


def scrolled(page: QWidget) -> QWidget:
    from PySide6.QtWidgets import QFrame, QScrollArea

    scroll = QScrollArea()
    scroll.setObjectName(f"{page.objectName()}_scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    return scroll


@dataclass(frozen=True)
class Services:
    """What the window works with, made by the app (or by a test)."""

    #: Reads the routines. With :attr:`background`, it is called in a worker thread with
    #: ``between=``, a function to call between files (see :func:`load_catalog`).
    load_catalog: Callable[..., Catalog]
    clock: Callable[[], float]
    audio: CueOutput
    inhibitor: Inhibitor
    ask: Callable[[QWidget, str, str], bool] = ask_user
    #: (bundled routines, user routines): given, the editor is available and the library
    #: refreshes when files change on disk.
    folders: tuple[Path, Path] | None = None
    #: Opens the history (the app: the user data folder's file); None records nothing.
    open_history: Callable[[], HistoryStore] | None = None
    #: Says something once without stopping the window (a damaged history moved aside).
    inform: Callable[[QWidget, str, str], None] = inform_user
    #: Read the routines in a worker thread when the window loads (the app does; tests read
    #: them at once, which is simpler to follow).
    background: bool = False
    #: What cannot be saved, in plain words (an unwritable data folder), said once.
    storage_problem: str | None = None


@dataclass(frozen=True)
class Loaded:
    """What the window has once :meth:`MainWindow.load` has run: made whole, in one go."""

    services: Services
    controller: SessionController
    commands: Actions
    library: LibraryView
    routine: RoutineView
    player: PlayerView
    completion: CompletionView
    rating: RatingPrompt
    progress: ProgressView
    history: HistoryLink
    problems: ProblemsView
    pages: QStackedWidget
    toolbar: ControlsBar
    watcher: RoutineWatcher | None
    steps: SessionSteps
    options: ViewOptions
    editing: EditorLink
    controls: SessionControls
