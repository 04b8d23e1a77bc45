"""A routine file from elsewhere: dropped on the main window (:class:`RoutineDrops`), or
added to the user's routines from its page (:func:`add_to_routines`).

A file outside the routine folders opens as it is, and its page offers "Add to my
routines", which copies it in under a name of its own (nothing is replaced).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.shell.window_parts import RoutinesHost

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QStatusBar


__all__ = ["ImportHost", "RoutineDrops", "add_to_routines", "dropped_routine"]

log = logging.getLogger(__name__)


class ImportHost(RoutinesHost, Protocol):
    """What adding a routine needs of the main window."""

    def statusBar(self) -> QStatusBar: ...


def add_to_routines(window: ImportHost) -> None:
    """Copy the routine open in *window* into the user's routines (under a name of its own:
    nothing is replaced) and open that copy."""
    from psoas_timer.core.problems import LoadError
    from psoas_timer.core.routine_files import import_routine

    entry, catalog = window.entry, window.catalog
    user = catalog.layout.user if catalog is not None and catalog.layout else None
    if entry is None or not entry.outside or user is None or catalog is None:
        return
    try:
        target = import_routine(entry.path, user, catalog.library)
    except (OSError, LoadError) as exc:
        log.warning("cannot add %s to the routines: %s", entry.path, exc)
        window.statusBar().showMessage(
            _("Cannot add {file}: {problem}").format(file=entry.path.name, problem=exc), 15000
        )
        return
    window.reload()
    window.open_routine(str(target))
    window.statusBar().showMessage(
        _("Added to your routines as {file}").format(file=target.name), 15000
    )


def dropped_routine(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
    """The routine file (YAML) among what *event* carries, if there is one."""
    mime = event.mimeData()
    for url in mime.urls() if mime is not None and mime.hasUrls() else []:
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        if path is not None and path.suffix.lower() in (".yaml", ".yml"):
            return path
    return None


class RoutineDrops(QObject):
    """Opens a routine file dropped on *window* with *open_routine* (never while *running*
    says a session runs); one not in the routine folders offers "Add to my routines" on its
    page. Anything else is refused as it is dragged."""

    def __init__(
        self,
        window: QWidget,
        *,
        open_routine: Callable[[str], object],
        running: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._open = open_routine
        self._running = running
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag: QDragEnterEvent = event  # type: ignore[assignment]
            if dropped_routine(drag) is not None:
                drag.acceptProposedAction()
            else:
                drag.ignore()
            return True
        if kind == QEvent.Type.Drop:
            drop: QDropEvent = event  # type: ignore[assignment]
            path = dropped_routine(drop)
            if path is None or self._running():
                drop.ignore()
                return True
            drop.acceptProposedAction()
            self._open(str(path))
            return True
        return super().eventFilter(watched, event)
