"""Icons for actions: the desktop theme's when it has one, else the app's own.

Some desktops' icon themes have none of these names, so every name used has a simple line
drawing of its own in ``assets/icons/actions/<name>.svg`` (24 × 24, drawn in black, 2 px
lines). Those drawings are painted in the palette's text colour when they are shown, so they
follow the light and dark themes and high contrast; a disabled action's icon is greyed like
its text.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from psoas_timer.paths import assets_dir

__all__ = ["bundled_icon", "bundled_icon_path", "icon"]

log = logging.getLogger(__name__)


def bundled_icon_path(name: str) -> Path:
    return assets_dir() / "icons" / "actions" / f"{name}.svg"


class _TintedSvg(QIconEngine):
    """Paints one SVG drawing in the palette's text colour (greyed when disabled)."""

    def __init__(self, path: Path, renderer: QSvgRenderer) -> None:
        super().__init__()
        self._path = path
        self._renderer = renderer

    def _color(self, mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Active
        )
        return palette.color(group, QPalette.ColorRole.ButtonText)

    def _image(self, size: QSize, mode: QIcon.Mode) -> QImage:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._renderer.render(painter)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), self._color(mode))
        painter.end()
        return image

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        image = self._image(rect.size() * ratio, mode)
        image.setDevicePixelRatio(ratio)
        painter.drawImage(QPoint(rect.x(), rect.y()), image)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap.fromImage(self._image(size, mode))

    def clone(self) -> QIconEngine:
        return _TintedSvg(self._path, self._renderer)

    def key(self) -> str:
        return "psoas-tinted-svg"

    def isNull(self) -> bool:
        return not self._renderer.isValid()

    def iconName(self) -> str:
        return self._path.stem


@functools.cache
def _renderer(path: Path) -> QSvgRenderer | None:
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        log.warning("the icon %s could not be read", path)
        return None
    return renderer


def bundled_icon(name: str) -> QIcon:
    """The app's own drawing for *name* (a null icon when there is none)."""
    renderer = _renderer(bundled_icon_path(name))
    if renderer is None:
        return QIcon()
    return QIcon(_TintedSvg(bundled_icon_path(name), renderer))


def icon(name: str) -> QIcon:
    """The theme's icon called *name* (a freedesktop icon name), else the app's own."""
    return QIcon.fromTheme(name, bundled_icon(name))
