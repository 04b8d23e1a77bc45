"""The whole session at a glance: a bar that fills, with the time left beside it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .theme import colors

__all__ = ["SessionBar"]


class SessionBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(40)
        self.setAccessibleName("Session progress")

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    @property
    def text(self) -> str:
        return self._text

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_progress(self, fraction: float, text: str) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if text == self._text and abs(fraction - self._fraction) * self.width() < 0.5:
            return
        self._fraction, self._text = fraction, text
        self.setAccessibleDescription(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = colors(self.palette())
        h = self.height()
        font = QFont(self.font())
        font.setPixelSize(max(11, round(h * 0.55)))
        font.setBold(True)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(font)
        text_w = p.fontMetrics().horizontalAdvance(self._text) + h * 0.5
        bar_h = h * 0.36
        bar = QRectF(0, (h - bar_h) / 2, max(0.0, self.width() - text_w), bar_h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.track)
        p.drawRoundedRect(bar, bar_h / 2, bar_h / 2)
        if self._fraction > 0:
            p.setBrush(palette.done)
            filled = QRectF(bar.x(), bar.y(), max(bar_h, bar.width() * self._fraction), bar_h)
            p.drawRoundedRect(filled, bar_h / 2, bar_h / 2)
        p.setPen(palette.text)
        p.drawText(
            QRectF(bar.right(), 0, text_w, h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self._text,
        )
        p.end()
