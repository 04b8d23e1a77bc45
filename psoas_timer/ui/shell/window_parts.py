"""What the main window is made of and works with, kept apart from the window itself.

:class:`Services` is what the app (or a test) hands the window; :class:`Page` names the
pages of its stack; :class:`RoutinesHost` is what its helpers see of its routines.
:func:`ask_user` and :func:`inform_user` are the default ways it asks and tells. Nothing
heavy is imported here: the window imports this before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from psoas_timer.ui.common.questions import Ask

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.history import HistoryStore
    from psoas_timer.ui.shell.screensaver import Inhibitor
    from psoas_timer.ui.sound.output import CueOutput

__all__ = [
    "Page",
    "RoutinesHost",
    "Services",
    "ask_user",
    "inform_user",
    "scrolled",
    "show_storage_problem",
]


class Page(IntEnum):
    LIBRARY = 0
    ROUTINE = 1
    PLAYER = 2
    COMPLETION = 3
    RATING = 4
    PROGRESS = 5
    PROBLEMS = 6


class RoutinesHost(Protocol):
    """The window as its helpers see the routines: as listed, the one open, read again,
    and one opened by path, file name or name."""

    @property
    def catalog(self) -> Catalog | None: ...

    @property
    def entry(self) -> Entry | None: ...

    def reload(self) -> None: ...

    def open_routine(self, key: str) -> bool: ...


def ask_user(
    parent: QWidget | None, title: str, question: str, *, destructive: bool = False
) -> bool:
    """Ask a yes/no question in a message box (the default for :class:`MainWindow`).

    Enter says Yes and Esc says No under every platform's button order: GTK's puts No first,
    and without a default button Enter pressed whichever came first. A *destructive* question
    has the safe answer, No, as its default: there Enter says No.
    """
    box = question_box(parent, title, question, destructive=destructive)
    return box.exec() == QMessageBox.StandardButton.Yes


def question_box(
    parent: QWidget | None, title: str, question: str, *, destructive: bool = False
) -> QMessageBox:
    """The yes/no box :func:`ask_user` shows: Yes by default (No for a *destructive* one),
    Esc for No, and its text plain (a routine's name in it is shown as written, never as
    markup)."""
    from PySide6.QtCore import Qt

    buttons = QMessageBox.StandardButton
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, question, buttons.Yes | buttons.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(buttons.No if destructive else buttons.Yes)
    box.setEscapeButton(buttons.No)
    return box


def inform_user(parent: QWidget | None, title: str, text: str) -> None:
    """Say something once, in a box that does not stop the window (the default)."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    box.setTextFormat(Qt.TextFormat.PlainText)
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


def show_storage_problem(window: QMainWindow, text: str) -> None:
    """Say in *window*'s status bar, for as long as it is open, that nothing will be saved."""
    from PySide6.QtWidgets import QLabel

    from psoas_timer.ui.common.theme import scaled_font

    notice = QLabel(text, window)
    notice.setObjectName("storage_problem")
    notice.setWordWrap(True)
    notice.setFont(scaled_font(window.font(), 13, bold=True))
    notice.setContentsMargins(8, 4, 8, 4)
    notice.setAccessibleName(text.split(":", 1)[0])
    window.statusBar().addPermanentWidget(notice, 1)


@dataclass(frozen=True)
class Services:
    """What the window works with, made by the app (or by a test)."""

    #: Reads the routines. With :attr:`background`, it is called in a worker thread with
    #: ``between=``, a function to call between files (see :func:`load_catalog`).
    load_catalog: Callable[..., Catalog]
    clock: Callable[[], float]
    audio: CueOutput
    inhibitor: Inhibitor
    ask: Ask = ask_user
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
