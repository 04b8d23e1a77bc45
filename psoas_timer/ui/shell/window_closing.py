"""What closing the main window does: first anything that may keep it open has its say (the
tray hides it instead, the editor has unsaved changes, a session runs), then every part stops
in the order it was given and the window's size and place are kept for the next start.

The parts register themselves as they are made (:meth:`WindowClosing.check`,
:meth:`WindowClosing.stop`); the window only asks :meth:`WindowClosing.close` in its
``closeEvent``. It sees the window as a plain ``QWidget`` (its geometry and full-screen state).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

__all__ = ["KeptGeometry", "WindowClosing"]


class KeptGeometry(Protocol):
    """Where the window's size and place are kept (the preferences)."""

    def set_geometry(self, geometry: QByteArray) -> None: ...

    def sync(self) -> None: ...


class WindowClosing:
    """Closes *window*: the checks given, in order (each may keep it open), then the stops."""

    def __init__(self, window: QWidget, kept: KeptGeometry) -> None:
        self._window = window
        self._kept = kept
        self._checks: list[Callable[[], bool]] = []
        self._stops: list[Callable[[], None]] = []
        self._loaded = False

    def check(self, keeps_open: Callable[[], bool], *, first: bool = False) -> None:
        """Ask *keeps_open* before closing (after the checks given before, or before them
        all when *first*); when it answers True the window stays open (or hidden)."""
        self._checks.insert(0 if first else len(self._checks), keeps_open)

    def stop(self, then: Callable[[], None]) -> None:
        """Call *then* when the window closes, after the stops given before it."""
        self._stops.append(then)

    def loaded(self) -> None:
        """The window has loaded: from now on closing asks the checks and runs the stops.
        Closed before it, there is nothing to ask or stop: only the geometry is kept."""
        self._loaded = True

    def close(self) -> bool:
        """The window is asked to close: False when a check keeps it open; otherwise
        every part stops and the geometry is kept (never larger than the screen)."""
        window = self._window
        if not self._loaded:  # closed before it finished starting: nothing to ask or stop
            self._kept.set_geometry(window.saveGeometry())
            return True
        if any(keeps_open() for keeps_open in self._checks):
            return False
        for then in self._stops:
            then()
        if not window.isFullScreen():
            from psoas_timer.ui.common.screen_fit import fit_to_screen

            fit_to_screen(window)  # never keep a size larger than the screen
            self._kept.set_geometry(window.saveGeometry())
        self._kept.sync()
        return True
