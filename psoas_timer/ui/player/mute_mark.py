"""The muted mark by the player's clock: a loudspeaker with a cross, shown while muted (the
toolbar's Sound button is easy to miss from the mat)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QLabel, QWidget

from psoas_timer.i18n import _

__all__ = ["MuteMark", "muted_pixmap"]


def muted_pixmap(side: int, color: QColor, ratio: float = 1.0) -> QPixmap:
    """A loudspeaker with a cross: drawn here, so it is there whatever the icon theme."""
    pixmap = QPixmap(round(side * ratio), round(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(side)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    body = [(0.08, 0.36), (0.28, 0.36), (0.52, 0.14), (0.52, 0.86), (0.28, 0.64), (0.08, 0.64)]
    p.drawPolygon(QPolygonF([QPointF(x * s, y * s) for x, y in body]))
    pen = QPen(color, max(2.0, s * 0.09))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(0.64 * s, 0.36 * s), QPointF(0.92 * s, 0.64 * s))
    p.drawLine(QPointF(0.92 * s, 0.36 * s), QPointF(0.64 * s, 0.64 * s))
    p.end()
    return pixmap


class MuteMark(QLabel):
    """Hidden until muted; the player gives it its size and colour with :meth:`draw`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mute_mark")
        self.setAccessibleName(_("Muted"))
        self.setToolTip(_("Sound is muted: cues show on screen only (M unmutes)"))
        self.setVisible(False)
        self.muted = False

    def draw(self, unit: float, color: QColor, ratio: float) -> None:
        """Draw the mark a little larger than the player's type *unit*, in *color*."""
        side = max(16, round(unit * 1.25))
        self.setPixmap(muted_pixmap(side, color, ratio))

    def set_muted(self, muted: bool, unit: float, color: QColor, ratio: float) -> None:
        self.muted = muted
        self.draw(unit, color, ratio)
        if self.isHidden() == muted:
            self.setVisible(muted)
