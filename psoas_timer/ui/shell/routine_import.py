"""A routine file from elsewhere: dropped on the main window, or added to the user's
routines from its page.

A file outside the routine folders opens as it is, and its page offers "Add to my
routines", which copies it in under a name of its own (nothing is replaced).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from psoas_timer.ui.shell.main_window import MainWindow

__all__ = ["add_to_routines", "dropped_routine"]

log = logging.getLogger(__name__)


def add_to_routines(window: MainWindow) -> None:
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
        window.statusBar().showMessage(f"Cannot add {entry.path.name}: {exc}", 15000)
        return
    window.reload()
    window.open_routine(str(target))
    window.statusBar().showMessage(f"Added to your routines as {target.name}", 15000)


def dropped_routine(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
    """The routine file (YAML) among what *event* carries, if there is one."""
    mime = event.mimeData()
    for url in mime.urls() if mime is not None and mime.hasUrls() else []:
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        if path is not None and path.suffix.lower() in (".yaml", ".yml"):
            return path
    return None
