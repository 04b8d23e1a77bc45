"""A step's instructions and, under them, its safety notes: wrapped, in type as large as the
player asks, or smaller so that both fit the room they are given.

The room comes from the player's layout (the notes never ask for more), so a step with many
lines never pushes the clock smaller or the window larger: its type shrinks instead, the
same size for both texts, but never below the least size the player gives (what is read from
the mat must stay readable there). Where even that is too large, the text is shortened, not
shrunk: the safety notes stay whole and the instructions lose their last lines (whole lines,
wrapped or not); safety notes taller than all the room lose theirs, and the instructions go.
The whole of both is in the tooltip and the accessible description.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["MIN_PIXELS", "StepNotes"]

#: The smallest type the notes shrink to (pixels) unless the player gives its own least size.
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


def _cut(label: QLabel, text: str, pixels: int, width: int, room: int) -> tuple[str, int]:
    """The most of *text* that fits in *room*, and how tall it is: its first whole lines (the
    lines it was written in); where not even the first fits, as many of that line's words as
    fit, ended with "…". ``("", 0)`` where not even that fits."""
    lines = text.split("\n")
    for count in range(len(lines), 0, -1):
        shown = "\n".join(lines[:count])
        tall = _text_height(label, shown, pixels, width)
        if tall <= room:
            return shown, tall
    words = lines[0].split(" ")
    for count in range(len(words) - 1, 0, -1):
        shown = " ".join(words[:count]).rstrip(" ,;:·—-") + "…"
        tall = _text_height(label, shown, pixels, width)
        if tall <= room:
            return shown, tall
    return "", 0


class StepNotes(QWidget):
    """The instructions and the safety notes, one above the other, fitted to the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("step_notes")
        self.instructions = _wrapped("instructions", self)
        self.safety = _wrapped("safety", self)
        self._max_px = 16
        self._least_px = MIN_PIXELS
        # each label's whole text, and the shortened one drawn in its place (if any)
        self._whole: dict[str, str] = {"instructions": "", "safety": ""}
        self._drawn: dict[str, str] = {"instructions": "", "safety": ""}
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

    @property
    def least_pixels(self) -> int:
        """The smallest type the notes shrink to before they are shortened."""
        return self._least_px

    @property
    def shortened(self) -> bool:
        """Whether some of the notes are left out (even their least type is too large)."""
        return any(
            self.whole_text(label) != label.text() for label in (self.instructions, self.safety)
        )

    def whole_text(self, label: QLabel) -> str:
        """*label*'s whole text (it may show less: see :attr:`shortened`)."""
        name = label.objectName()
        if label.text() != self._drawn[name]:  # a new text was set since the last fit
            self._whole[name] = self._drawn[name] = label.text()
        return self._whole[name]

    def set_max_pixels(self, pixels: float, *, least: float | None = None) -> None:
        """Type *pixels* high where the notes fit; down to *least* (:data:`MIN_PIXELS` if
        None) where they do not, and shortened below that."""
        self._max_px = max(MIN_PIXELS, round(pixels))
        self._least_px = min(self._max_px, max(MIN_PIXELS, round(least or MIN_PIXELS)))
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
        labels = (self.instructions, self.safety)
        drawn = all(label.text() == self._drawn[label.objectName()] for label in labels)
        texts = tuple(self.whole_text(label) for label in labels)
        key = (width, height, self._max_px, self._least_px, texts)
        if (key == self._shown and drawn) or width <= 0:
            return
        self._shown = key
        for label, text in zip(labels, texts, strict=True):
            if label.text() != text:
                label.setText(text)
        pixels = self._max_px
        while pixels > self._least_px:
            heights = self._heights(pixels, width - 2)
            if sum(heights) + self._gap(pixels) * (sum(1 for h in heights if h) - 1) <= height:
                break
            pixels -= 1
        heights = self._heights(pixels, width - 2)
        gap = self._gap(pixels)
        over = sum(heights) + (gap if all(heights) else 0) - height
        shown = list(texts)
        spare = [2, 2]  # room below the text for its last descenders
        if over > 0 and heights[1] + 2 > height:
            # Even the safety notes alone are too tall: they keep what fits, and the
            # instructions (shown in full before the step) go.
            heights[0], shown[0] = 0, ""
            shown[1], heights[1] = _cut(self.safety, texts[1], pixels, width - 2, height)
            spare[1] = 0
        elif over > 0 and heights[0]:
            # Even the least type is too large: the safety notes stay whole, and the
            # instructions lose their last lines. Measured as drawn (a line's height in
            # pixels rounds down, and a clip at a multiple of it showed the next line's top
            # half), with not a pixel of the first line left out.
            spare[0] = 0
            room = max(0, heights[0] - over)
            shown[0], heights[0] = _cut(self.instructions, texts[0], pixels, width - 2, room)
        top = 0
        for label, text, tall, extra in zip(labels, shown, heights, spare, strict=True):
            if label.font().pixelSize() != pixels:
                label.setFont(scaled_font(label.font(), pixels))
            name = label.objectName()
            self._drawn[name] = text
            if label.text() != text:
                label.setText(text)
            label.setToolTip(self._whole[name] if text != self._whole[name] else "")
            label.setGeometry(0, top, width, max(0, min(tall + extra, height - top)))
            if tall:
                top += tall + gap
