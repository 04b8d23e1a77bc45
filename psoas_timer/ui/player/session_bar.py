"""The whole session at a glance: a bar that fills, with the time left beside it.

Cheap to keep up to date: the space for the time is sized for its widest digits, so the
bar keeps its length while the seconds tick; a growing bar repaints only around its end,
and a new time only the time. It paints its own background, so nothing behind it is
repainted with it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import colors

__all__ = ["SessionBar"]

_DIGIT = re.compile(r"\d")


class SessionBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self._font: tuple[int, QFont, QFontMetricsF] | None = None
        self._text_width: tuple[tuple[int, str], float] | None = None
        self._type_px = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(40)
        self.setAccessibleName(_("Session progress"))
        # Every paint fills its own background: the window behind it is not repainted.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

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
        moved = abs(fraction - self._fraction) * self._bar().width() >= 0.5
        if text == self._text and not moved:
            return
        if self._space(text) != self._space(self._text):
            dirty = self.rect()  # the bar's length changes with the time's width
        else:
            dirty = QRect()
            if text != self._text:
                dirty |= self._text_rect()
            if moved:
                dirty |= self._end_rect(self._fraction) | self._end_rect(fraction)
        if moved:
            self._fraction = fraction
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
        self.update(dirty)

    def set_type_pixels(self, pixels: float) -> None:
        """Draw the time left in type *pixels* high (the player's caption size); the bar is
        as high as that line."""
        self._type_px = max(11, round(pixels))
        self._font = self._text_width = None
        self.setFixedHeight(max(28, round(self._type_px * 1.3)))
        self.update()

    def type_pixels(self) -> int:
        """The pixel size of the time left, as drawn."""
        return self._type()[0].pixelSize()

    def text_height(self) -> float:
        """How tall the time left is drawn now (pixels, highest glyph to lowest)."""
        return self._type()[1].tightBoundingRect(self._text).height() if self._text else 0.0

    # -- geometry ----------------------------------------------------------------------
    def _type(self) -> tuple[QFont, QFontMetricsF]:
        h = self.height()
        if self._font is None or self._font[0] != h:
            font = QFont(self.font())
            font.setPixelSize(self._type_px or max(11, round(h * 0.55)))
            font.setBold(True)
            self._font = (h, font, QFontMetricsF(font))
        return self._font[1], self._font[2]

    def _space(self, text: str) -> float:
        """The width kept for *text*: as wide as its widest digits, and a little room."""
        sample = _DIGIT.sub("8", text)
        key = (self.height(), sample)
        if self._text_width is None or self._text_width[0] != key:
            metrics = self._type()[1]
            self._text_width = (key, metrics.horizontalAdvance(sample) + self.height() * 0.5)
        return self._text_width[1]

    def _bar(self) -> QRectF:
        h = self.height()
        bar_h = h * 0.36
        return QRectF(0, (h - bar_h) / 2, max(0.0, self.width() - self._space(self._text)), bar_h)

    def _text_rect(self) -> QRect:
        bar = self._bar()
        return QRectF(bar.right(), 0, self.width() - bar.right(), self.height()).toAlignedRect()

    def _end_rect(self, fraction: float) -> QRect:
        """The pixels around the end of a bar filled to *fraction* (its round cap included)."""
        bar = self._bar()
        end = bar.x() + max(bar.height(), bar.width() * fraction)
        reach = bar.height() + 2
        return QRectF(end - reach, bar.y() - 2, 2 * reach, bar.height() + 4).toAlignedRect()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._font = self._text_width = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._text_width = None

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        palette = colors(self.palette())
        font, _ = self._type()
        bar = self._bar()
        bar_h = bar.height()
        p = QPainter(self)
        p.fillRect(event.rect(), self.palette().color(self.backgroundRole()))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(palette.track)
        p.drawRoundedRect(bar, bar_h / 2, bar_h / 2)
        if self._fraction > 0:
            p.setBrush(palette.done)
            filled = QRectF(bar.x(), bar.y(), max(bar_h, bar.width() * self._fraction), bar_h)
            p.drawRoundedRect(filled, bar_h / 2, bar_h / 2)
        text = QRectF(self._text_rect())
        if event.rect().intersects(text.toAlignedRect()):
            p.setFont(font)
            p.setPen(palette.text)
            p.drawText(
                text, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._text
            )
        p.end()
