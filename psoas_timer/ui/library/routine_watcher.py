"""Notice routine files changing on disk (an outside editor, a sync tool) and say so once."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from psoas_timer.core.loader import library_dir

__all__ = ["RoutineWatcher"]

DEBOUNCE_MS = 150


class RoutineWatcher(QObject):
    """Watches folders of routines (and their ``library`` folders and files).

    ``changed`` carries the paths that changed, gathered over a short quiet spell, so a burst
    of writes (save → rename) reloads the library once.
    """

    changed = Signal(list)

    def __init__(self, folders: Iterable[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders = [Path(f) for f in folders]
        self._pending: set[str] = set()
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._connect_signals()
        self.rescan()

    def _connect_signals(self) -> None:
        self._watcher.directoryChanged.connect(self._on_path_changed)
        self._watcher.fileChanged.connect(self._on_path_changed)
        self._timer.timeout.connect(self._on_timer_timeout)

    def rescan(self) -> None:
        """Watch every routine folder and file as they are now."""
        wanted: set[str] = set()
        for folder in self._folders:
            if not folder.is_dir():
                # Not made yet (a first run): watch the nearest folder that is, so the
                # routines folder and the first file saved into it are seen when they come.
                parent = next((p for p in folder.parents if p.is_dir()), None)
                if parent is not None:
                    wanted.add(str(parent))
                continue
            for path in [folder, library_dir(folder)]:
                if path.is_dir():
                    wanted.add(str(path))
                    wanted.update(str(p) for p in path.glob("*.y*ml"))
        current = set(self._watcher.files()) | set(self._watcher.directories())
        if gone := sorted(current - wanted):
            self._watcher.removePaths(gone)
        if new := sorted(wanted - current):
            self._watcher.addPaths(new)

    def watched(self) -> list[str]:
        return sorted(self._watcher.files() + self._watcher.directories())

    def _on_path_changed(self, path: str) -> None:
        self._pending.add(path)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.rescan()
        paths = sorted(Path(p) for p in self._pending)
        self._pending.clear()
        self.changed.emit(paths)
