"""A one-line label whose type is as large as asked, or smaller so the line fits, but never
smaller than its least size: a line still too long there is shortened with "…", the whole
of it in the tooltip and to a screen reader."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from psoas_timer.i18n import N_, _

__all__ = ["FitLabel"]

#: What a screen reader calls each label, by its object name.
_ACCESSIBLE = {
    "open_marks": N_("Open marks"),
    "check_in_question": N_("Check in question"),
    "check_in_hint": N_("Check in hint"),
    "sound_notice_text": N_("Sound notice text"),
    "step_name": N_("Step name"),
    "where": N_("Where"),
    "next_up": N_("Next up"),
    "heading": N_("Heading"),
    "cue_caption": N_("Cue caption"),
}


class FitLabel(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None, *, bold: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        said = _ACCESSIBLE.get(name)
        self.setAccessibleName(_(said) if said else name.replace("_", " ").capitalize())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._bold = bold
        self._max_px = 16
        self._least_px = 9
        self._elided = False
        self._color: QColor | None = None

    def set_max_pixels(self, pixels: float, *, least: float | None = None) -> None:
        """Type *pixels* high where the line fits; down to *least* (9 if None) where it
        does not, and shortened below that."""
        self._max_px = max(9, round(pixels))
        self._least_px = min(self._max_px, max(9, round(least or 9)))
        font = self.font()
        font.setBold(self._bold)
        font.setPixelSize(self._max_px)
        self.setFixedHeight(math.ceil(QFontMetricsF(font).height()))
        self._fit()

    @property
    def least_pixels(self) -> int:
        """The smallest type the line shrinks to before it is shortened."""
        return self._least_px

    @property
    def elided(self) -> bool:
        """Whether the line is shortened ("…") because even its least type is too wide."""
        return self._elided

    def set_color(self, color: QColor | None) -> None:
        """Draw the text in *color* (None: the palette's own)."""
        if color == self._color:
            return
        self._color = color
        palette = QPalette(self.palette())
        if color is not None:
            palette.setColor(QPalette.ColorRole.WindowText, color)
            self.setPalette(palette)
        else:
            self.setPalette(QPalette())

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
            self.setAccessibleDescription(text)
            self._fit()

    def _line_height(self) -> int:
        return self.minimumHeight() or math.ceil(self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        return QSize(100, self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(10, self._line_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        font = self.font()
        font.setBold(self._bold)
        font.setPixelSize(self._max_px)
        width = QFontMetricsF(font).horizontalAdvance(self.text()) + 2
        available = max(1, self.width())
        if width > available:
            font.setPixelSize(max(self._least_px, math.floor(self._max_px * available / width)))
        elided = QFontMetricsF(font).horizontalAdvance(self.text()) + 2 > available
        if font != self.font():
            self.setFont(font)
        if elided != self._elided:
            self._elided = elided
            self.setToolTip(self.text() if elided else "")
            self.update()
        elif elided and self.toolTip() != self.text():
            self.setToolTip(self.text())

    def shown_text(self) -> str:
        """The text as drawn: whole, or shortened with "…" to the label's width."""
        if not self._elided:
            return self.text()
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, max(0, self.contentsRect().width() - 2)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._elided:
            super().paintEvent(event)
            return
        p = QPainter(self)
        self.style().drawItemText(
            p,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )
        p.end()
