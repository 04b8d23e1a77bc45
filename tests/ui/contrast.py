"""Measure, on a window's own picture, whether each piece of text on it can be read: the
WCAG 2 contrast ratio between the colour its letters are drawn in and the colour behind
them, at least 4.5:1 for body text and 3:1 for large text (24 px, or 18.7 px bold).

The colours are read from pixels, not from palettes: a style sheet that kept an old colour,
a palette role nobody set, or text painted by hand are all caught the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTextEdit,
    QWidget,
)

from psoas_timer.ui.common.theme import contrast

#: WCAG 2.1 success criterion 1.4.3: body text, and large text.
BODY, LARGE = 4.5, 3.0
#: What shows words: labels, buttons and check boxes, and pages of text (Help).
TEXT_WIDGETS = (QLabel, QAbstractButton, QTextEdit)
#: Pixels of one colour needed before it counts as the letters' colour (not a stray blend).
CORE_PIXELS = 3


@dataclass(frozen=True)
class Reading:
    """One piece of text as drawn: where, its colours, and the ratio it needs."""

    name: str
    text_colour: str
    back_colour: str
    ratio: float
    needed: float

    def __str__(self) -> str:
        return (
            f"{self.name}: {self.text_colour} on {self.back_colour} "
            f"= {self.ratio:.2f}:1 (needs {self.needed})"
        )


def _large(widget: QWidget) -> bool:
    if isinstance(widget, QTextEdit):
        return False  # a page of text: judged as body text, its headings too
    info = QFontInfo(widget.font())
    pixels = info.pixelSize()
    return pixels >= 24 or (info.bold() and pixels >= 18.7)


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return "" if widget.pixmap() is not None and not widget.pixmap().isNull() else widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    return ""


def _text_area(widget: QWidget) -> QRect:
    """Where *widget*'s words are, in its own coordinates (a check box's box left out)."""
    if isinstance(widget, QTextEdit):  # the page of text, not its scroll bars
        viewport = widget.viewport()
        return QRect(viewport.mapTo(widget, QPoint(0, 0)), viewport.size()).intersected(
            widget.visibleRegion().boundingRect()
        )
    rect = widget.visibleRegion().boundingRect()
    if isinstance(widget, QCheckBox | QRadioButton):
        style = widget.style()
        skip = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)
        skip += style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, widget) + 1
        rect.setLeft(max(rect.left(), skip))
    return rect


def _colour_counts(image: QImage) -> Counter[int]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width = image.width()
    raw = memoryview(image.constBits()).cast("I")
    stride = image.bytesPerLine() // 4
    counts: Counter[int] = Counter()
    for row in range(image.height()):
        counts.update(raw[row * stride : row * stride + width])
    return counts


def _ink_and_back(image: QImage) -> tuple[QColor, QColor] | None:
    """The colour most of *image* is (what is behind the words) and the colour of its letters
    that differs most from it; ``None`` when there are no letters to see."""
    counts = _colour_counts(image)
    if len(counts) < 2:
        return None
    back_rgb = counts.most_common(1)[0][0]
    back = QColor.fromRgb(back_rgb)
    cores = [
        QColor.fromRgb(rgb) for rgb, n in counts.items() if n >= CORE_PIXELS and rgb != back_rgb
    ]
    if not cores:
        return None
    return max(cores, key=lambda c: contrast(c, back)), back


def read_text(window: QWidget, picture: QImage, widget: QWidget) -> Reading | None:
    """*widget*'s words on *picture* (a grab of *window*), or None where it shows none."""
    words = _text_of(widget).strip()
    if not words or not widget.isVisible() or not widget.isEnabled():
        return None
    area = _text_area(widget)
    if area.width() < 4 or area.height() < 6:
        return None
    scale = picture.devicePixelRatio()
    origin = widget.mapTo(window, area.topLeft())
    rect = QRect(QPoint(round(origin.x() * scale), round(origin.y() * scale)), area.size() * scale)
    found = _ink_and_back(picture.copy(rect))
    if found is None:
        return None
    ink, back = found
    name = widget.objectName() or type(widget).__name__
    return Reading(
        f"{name} {words[:40]!r}",
        ink.name(),
        back.name(),
        contrast(ink, back),
        LARGE if _large(widget) else BODY,
    )


def unreadable(window: QWidget) -> list[Reading]:
    """Every piece of text shown in *window* (labels, buttons, check boxes) whose letters
    contrast too little with what is behind them."""
    return [reading for reading in readings(window) if reading.ratio < reading.needed]


def readings(window: QWidget) -> list[Reading]:
    """Every piece of text shown in *window* as measured (for a test's own checks)."""
    picture = window.grab().toImage()
    found = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, TEXT_WIDGETS) and widget.window() is window:
            reading = read_text(window, picture, widget)
            if reading is not None:
                found.append(reading)
    return found


def read_rect(picture: QImage, rect: QRect, name: str, needed: float = BODY) -> Reading | None:
    """The words inside *rect* of *picture* (a selected row, say): the colour most of it is
    (what is behind the words) against the colour of its letters that differs most."""
    found = _ink_and_back(picture.copy(rect))
    if found is None:
        return None
    ink, back = found
    return Reading(name, ink.name(), back.name(), contrast(ink, back), needed)


def tick_edges(widget: QCheckBox | QRadioButton, back: QColor) -> dict[str, float]:
    """How strongly each edge (left, right, top, bottom) of *widget*'s tick box stands out
    from *back*: the most contrasting pixel of a 3-pixel strip across it, halfway along."""
    option = QStyleOptionButton()
    option.initFrom(widget)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(widget, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    rect = widget.style().subElementRect(element, option, widget)
    shot = widget.grab().toImage()
    middle = rect.center()
    strips = {
        "left": shot.copy(rect.left(), middle.y(), 3, 1),
        "right": shot.copy(rect.right() - 2, middle.y(), 3, 1),
        "top": shot.copy(middle.x(), rect.top(), 1, 3),
        "bottom": shot.copy(middle.x(), rect.bottom() - 2, 1, 3),
    }
    return {
        side: max(
            contrast(QColor.fromRgb(strip.pixel(x, y)), back)
            for x in range(strip.width())
            for y in range(strip.height())
        )
        for side, strip in strips.items()
    }
