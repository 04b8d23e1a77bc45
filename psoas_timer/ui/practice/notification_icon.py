"""The picture on a reminder's notification: the routine's first exercise, drawn by the
figure rig and rendered to a PNG in the user's cache folder (every notification server
reads a PNG file; not all read SVG).

The file is named by what it shows, so a routine whose first exercise is unchanged reuses
it, and an edited one gets a new one; it is written atomically.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from psoas_timer.atomic_file import atomic_write
from psoas_timer.core.figure.icon import first_figure, icon_svg
from psoas_timer.core.model import Routine

__all__ = ["ICON_SIZE", "routine_icon"]

log = logging.getLogger(__name__)

#: Pixels: large enough for a notification's picture on a high-density screen.
ICON_SIZE = 128


def routine_icon(routine: Routine | None, folder: Path, size: int = ICON_SIZE) -> Path | None:
    """A PNG of *routine*'s first exercise in *folder* (made if missing), or None when no
    step has a figure or the file cannot be written (logged: the notification then shows
    the app's own icon)."""
    figure = first_figure(routine.steps) if routine is not None else None
    if figure is None:
        return None
    svg = icon_svg(figure, size)
    digest = hashlib.sha256(f"{size}\n{svg}".encode()).hexdigest()[:20]
    path = folder / f"routine-{digest}.png"
    if path.is_file():
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, _png(svg, size))
    except OSError as exc:
        log.warning("could not write the notification picture %s: %s", path, exc)
        return None
    return path


def _png(svg: str, size: int) -> bytes:
    """*svg* drawn on a white rounded card *size* pixels square, as PNG bytes (the card
    keeps the dark outlines readable on a dark notification)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    radius = size * 0.12
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    inset = size * 0.04
    QSvgRenderer(QByteArray(svg.encode())).render(
        painter, QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    )
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())
