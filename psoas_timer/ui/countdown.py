"""The big clock: a number readable across a room inside a ring for the current segment."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .theme import colors

__all__ = ["CountdownDial"]


class CountdownDial(QWidget):
    """A progress ring with the time in the middle; the type grows with the widget.

    Open holds pass *marks* (fractions of the ring) for their minimum and target.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self._text = ""
        self._caption = ""
        self._label = ""
        self._fraction = 0.0
        self._kind = "hold"
        self._marks: tuple[float, ...] = ()
        self._font_cache: tuple[int, int, QFont] | None = None

    def sizeHint(self) -> QSize:
        return QSize(360, 360)

    @property
    def text(self) -> str:
        return self._text

    @property
    def caption(self) -> str:
        return self._caption

    @property
    def label(self) -> str:
        return self._label

    @property
    def fraction(self) -> float:
        return self._fraction

    def show_time(
        self,
        text: str,
        fraction: float,
        kind: str,
        *,
        caption: str = "",
        label: str = "",
        marks: tuple[float, ...] = (),
    ) -> None:
        """Show *text* with the ring *fraction* full, *label* above it and *caption* below;
        repaint only when something visible moved."""
        fraction = min(1.0, max(0.0, fraction))
        moved = abs(fraction - self._fraction) * math.pi * self.width() >= 0.5
        new = (text, caption, label, kind, marks)
        if new == (self._text, self._caption, self._label, self._kind, self._marks) and not moved:
            return
        self._text, self._caption, self._label, self._kind, self._marks = new
        self._fraction = fraction
        self.setAccessibleDescription(" ".join(x for x in (label, text, caption) if x))
        self.update()

    def _time_font(self, side: float) -> QFont:
        key = (round(side), len(self._text))
        if self._font_cache and self._font_cache[:2] == key:
            return self._font_cache[2]
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, round(side * 0.34)))
        sample = "8" * sum(c.isdigit() for c in self._text) + ":" * self._text.count(":")
        width = QFontMetricsF(font).horizontalAdvance(sample or "0:00")
        if width > side * 0.74:
            font.setPixelSize(max(12, math.floor(font.pixelSize() * side * 0.74 / width)))
        self._font_cache = (*key, font)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = colors(self.palette())
        side = min(self.width(), self.height()) - 8
        if side <= 0:
            return
        thickness = max(6.0, side * 0.06)
        rect = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        color = palette.for_kind(self._kind)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(palette.track, thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.drawEllipse(rect)
        if self._fraction > 0:
            pen.setColor(color)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
        self._paint_marks(p, rect, thickness, palette.text)
        inner = side - 2 * thickness
        p.setPen(palette.text)
        p.setFont(self._time_font(inner))
        center = rect.center()
        box = QRectF(center.x() - inner / 2, center.y() - inner * 0.28, inner, inner * 0.46)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._label:
            top = QFont(self.font())
            top.setBold(True)
            top.setPixelSize(max(10, round(inner * 0.095)))
            p.setFont(top)
            p.setPen(color)
            head = QRectF(
                center.x() - inner * 0.4, center.y() - inner * 0.42, inner * 0.8, inner * 0.14
            )
            p.drawText(head, Qt.AlignmentFlag.AlignCenter, self._label)
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, round(inner * 0.085)))
            p.setFont(small)
            p.setPen(palette.muted)
            cap = QRectF(
                center.x() - inner * 0.42, center.y() + inner * 0.2, inner * 0.84, inner * 0.2
            )
            p.drawText(
                cap,
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self._caption,
            )
        p.end()

    def _paint_marks(self, p: QPainter, rect: QRectF, thickness: float, color: QColor) -> None:
        if not self._marks:
            return
        center = rect.center()
        radius = rect.width() / 2
        pen = QPen(color, max(2.0, thickness * 0.22))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        for mark in self._marks:
            angle = math.pi / 2 - 2 * math.pi * mark
            direction = QPointF(math.cos(angle), -math.sin(angle))
            p.drawLine(
                center + direction * (radius - thickness * 0.9),
                center + direction * (radius + thickness * 0.9),
            )
