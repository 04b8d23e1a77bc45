"""A step's instructions and, under them, its safety notes: wrapped, in type as large as the
player asks, or smaller so that both fit the room they are given.

The room comes from the player's layout (the notes never ask for more), so a step with many
lines never pushes the clock smaller or the window larger: its type shrinks instead, the
same size for both texts. Where even :data:`MIN_PIXELS` is too large, the safety notes stay
whole and the instructions lose their last lines.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["MIN_PIXELS", "StepNotes"]

#: The smallest type the notes shrink to (pixels).
MIN_PIXELS = 10


def _wrapped(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setAccessibleName(_("Instructions") if name == "instructions" else _("Safety"))
    label.setVisible(False)
    return label


def _text_height(label: QLabel, text: str, pixels: int, width: int) -> int:
    """How tall *text* is in *label*'s font at *pixels*, wrapped to *width* (0 for none)."""
    if not text:
        return 0
    metrics = QFontMetrics(scaled_font(label.font(), pixels))
    room = QRect(0, 0, width, 1_000_000)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    return metrics.boundingRect(room, flags, text).height()


class StepNotes(QWidget):
    """The instructions and the safety notes, one above the other, fitted to the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("step_notes")
        self.instructions = _wrapped("instructions", self)
        self.safety = _wrapped("safety", self)
        self._max_px = 16
        self._shown: tuple[object, ...] = ()
        # as wide as the column lets it be (so the column takes what the clock leaves), and
        # as high as the layout gives it
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def sizeHint(self) -> QSize:
        return QSize(320, 160)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    @property
    def pixels(self) -> int:
        """The type size the notes are drawn in now."""
        return self.instructions.font().pixelSize()

    def set_max_pixels(self, pixels: float) -> None:
        self._max_px = max(MIN_PIXELS, round(pixels))
        self.refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def _gap(self, pixels: int) -> int:
        return round(pixels * 0.6)

    def _heights(self, pixels: int, width: int) -> list[int]:
        """How tall each shown text is in type *pixels* high, wrapped to *width*."""
        return [
            _text_height(label, label.text() if not label.isHidden() else "", pixels, width)
            for label in (self.instructions, self.safety)
        ]

    def refit(self) -> None:
        """Pick the largest type (up to the player's) in which both texts fit, and place
        them. Called when the size, the texts or the type change."""
        width, height = self.width(), self.height()
        texts = (self.instructions.text(), self.safety.text())
        key = (width, height, self._max_px, texts)
        if key == self._shown or width <= 0:
            return
        self._shown = key
        pixels = self._max_px
        while pixels > MIN_PIXELS:
            heights = self._heights(pixels, width - 2)
            if sum(heights) + self._gap(pixels) * (sum(1 for h in heights if h) - 1) <= height:
                break
            pixels -= 1
        heights = self._heights(pixels, width - 2)
        gap = self._gap(pixels)
        over = sum(heights) + (gap if all(heights) else 0) - height
        spare = [2, 2]  # room below the text for its last descenders
        if over > 0 and heights[0]:
            spare[0] = 0  # not a pixel of the first line left out
            # Even the smallest type is too large: the safety notes stay whole, and the
            # instructions (shown in full earlier in the step) lose their last lines.
            # Whole lines only, measured as drawn (a line's height in pixels rounds down,
            # and a clip at a multiple of it showed the next line's top half).
            room = max(0, heights[0] - over)
            lines = self.instructions.text().split("\n")
            heights[0] = 0
            for count in range(len(lines) - 1, 0, -1):
                shown = "\n".join(lines[:count])
                tall = _text_height(self.instructions, shown, pixels, width - 2)
                if tall <= room:
                    heights[0] = tall
                    break
        top = 0
        labels = (self.instructions, self.safety)
        for label, tall, extra in zip(labels, heights, spare, strict=True):
            if label.font().pixelSize() != pixels:
                label.setFont(scaled_font(label.font(), pixels))
            label.setGeometry(0, top, width, max(0, min(tall + extra, height - top)))
            if tall:
                top += tall + gap
