"""Keep the window on its screen: never taller or wider than the space the desktop leaves."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["available_area", "fit_to_screen"]


def available_area(window: QWidget) -> QRect | None:
    """The screen area the window may use (without panels and docks), if there is a screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window: QWidget) -> bool:
    """Shrink and move *window*, frame included, into its screen's available area.

    Returns whether anything changed. A window that fits is left alone.
    """
    area = available_area(window)
    if area is None or area.isEmpty() or window.isFullScreen() or window.isMaximized():
        return False
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w = max(0, frame.width() - inner.width())
    extra_h = max(0, frame.height() - inner.height())
    width = min(inner.width(), area.width() - extra_w)
    height = min(inner.height(), area.height() - extra_h)
    width = max(width, window.minimumWidth())
    height = max(height, window.minimumHeight())
    changed = (width, height) != (inner.width(), inner.height())
    if changed:
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(area.left(), x), max(area.top(), y))
        changed = True
    return changed
