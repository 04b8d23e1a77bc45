"""The big clock: a number readable across a room inside a ring for the current segment.

Cheap to keep up to date: a ring that moves repaints only the pixels around its end, and a
new number only the number. The ring's filled part is a line through fixed corners a
degree apart, so what lies before its last corner never changes as it grows (an arc's
curve would shift a little along its whole length). The window's colour and the translucent
track are drawn once into a cached pixmap, and everything drawn on each repaint is opaque:
Qt's raster engine blends translucent antialiased strokes on helper threads, and waking them
for each small repaint cost more than the drawing. The dial paints its own background, so a
repaint of it never repaints the window, the page and the column behind it (four more paint
events, each through Python, ten times a second).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.ui.common.theme import colors

__all__ = ["CountdownDial"]

#: Redraw the whole ring, not just around its end, when it moves more than this (turns).
_BIG_MOVE = 0.05
#: Corners of the ring's filled part per turn (see :meth:`CountdownDial._arc_path`).
_CORNERS = 360
#: How far the time moves down (a share of the ring's inside) when the word above it takes
#: two lines.
_TWO_LINE_DROP = 0.07
#: The time's type: at most this share of the ring's inside high, and its widest digits at
#: most this share of it wide (the inside is still 0.95 of its width where they are).
_TIME_HEIGHT, _TIME_WIDTH = 0.42, 0.86


class CountdownDial(QWidget):
    """A progress ring with the time in the middle; the type grows with the widget.

    Open holds pass *marks* (fractions of the ring) for their minimum and target.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        # Every paint fills its own background (the cached backdrop): nothing behind the
        # dial is repainted with it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._text = ""
        self._caption = ""
        self._label = ""
        self._fraction = 0.0
        self._kind = "hold"
        self._marks: tuple[float, ...] = ()
        self._pulse = 0.0
        self._least_px = 10
        self._font_cache: tuple[int, int, QFont] | None = None
        self._small_fonts: tuple[int, QFont, QFont] | None = None
        self._label_cache: (
            tuple[tuple[object, ...], tuple[QFont, tuple[str, ...], tuple[float, ...]]] | None
        ) = None
        self._track_cache: tuple[tuple[object, ...], QPixmap] | None = None
        self._corner_cache: tuple[object, QPolygonF] | None = None
        self._ring_cache: tuple[tuple[int, int], tuple[QRectF, float, float]] | None = None

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

    @property
    def pulse(self) -> float:
        """How strongly the whole ring flashes now (0: not at all, 1: at its brightest)."""
        return self._pulse

    def set_pulse(self, strength: float) -> None:
        """Flash the whole ring in the segment's colour at *strength* (a milestone)."""
        strength = min(1.0, max(0.0, strength))
        if strength != self._pulse:
            self._pulse = strength
            self.update()

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
        repaint only what visibly moved."""
        fraction = min(1.0, max(0.0, fraction))
        moved = abs(fraction - self._fraction) * math.pi * self.width() >= 0.5
        if (text, caption, label, kind, marks) == (
            self._text,
            self._caption,
            self._label,
            self._kind,
            self._marks,
        ):
            if moved:
                dirty = self._arc_rect(self._fraction, fraction)
                self._fraction = fraction
                self.update(dirty)
            return
        if (label, kind, marks) != (self._label, self._kind, self._marks):
            self._caption, self._label, self._kind, self._marks = caption, label, kind, marks
            self._text, self._fraction = text, fraction
            self.update()
        else:
            dirty = QRect()
            if text != self._text:
                dirty |= self._text_rect()
            if caption != self._caption:  # an open hold's "ends in 1:29", each second
                dirty |= self._caption_box().toAlignedRect().adjusted(-2, -2, 2, 2)
            if moved:
                dirty |= self._arc_rect(self._fraction, fraction)
                self._fraction = fraction
            self._text, self._caption = text, caption
            self.update(dirty)
        self.setAccessibleDescription(" ".join(x for x in (label, text, caption) if x))

    # -- geometry ----------------------------------------------------------------------
    def _ring(self) -> tuple[QRectF, float, float]:
        """The ring's rectangle (through the middle of its stroke), its thickness, and the
        side of the square inside it (worked out once per size: asked a dozen times a
        repaint)."""
        width, height = self.width(), self.height()
        cached = self._ring_cache
        if cached is not None and cached[0] == (width, height):
            rect, thickness, inner = cached[1]
            return QRectF(rect), thickness, inner
        side = min(width, height) - 8
        thickness = max(6.0, side * 0.06)
        rect = QRectF(
            (width - side) / 2 + thickness / 2,
            (height - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        self._ring_cache = ((width, height), (QRectF(rect), thickness, side - 2 * thickness))
        return rect, thickness, side - 2 * thickness

    def _point(self, turns: float) -> QPointF:
        """The point *turns* of the way round the ring, clockwise from the top."""
        rect, _, _ = self._ring()
        angle = math.pi / 2 - 2 * math.pi * turns
        radius = rect.width() / 2
        center = rect.center()
        return QPointF(center.x() + radius * math.cos(angle), center.y() - radius * math.sin(angle))

    def _arc_rect(self, start: float, end: float) -> QRect:
        """The pixels that change when the ring goes from *start* to *end* (turns): from
        the last corner the two drawings share (see :meth:`_arc_path`) to the farther end."""
        if abs(end - start) > _BIG_MOVE:
            return self.rect()
        _, thickness, _ = self._ring()
        low, high = sorted((start, end))
        first = math.floor(low * _CORNERS + 1e-9)
        last = math.floor(high * _CORNERS + 1e-9)
        points = [self._point(i / _CORNERS) for i in range(first, last + 1)]
        points += [self._point(start), self._point(end)]
        reach = thickness / 2 + 2  # the round cap and join, and antialiasing
        xs, ys = [pt.x() for pt in points], [pt.y() for pt in points]
        return QRectF(
            min(xs) - reach,
            min(ys) - reach,
            max(xs) - min(xs) + 2 * reach,
            max(ys) - min(ys) + 2 * reach,
        ).toAlignedRect()

    def _corners(self) -> QPolygonF:
        """The ring's corners, a degree apart from the top, for this size (made once: the
        ring grows every poll, and building its line point by point in Python at each
        repaint was the largest share of its repaint)."""
        rect, _, _ = self._ring()
        key = rect.getRect()
        if self._corner_cache is None or self._corner_cache[0] != key:
            corners = QPolygonF([self._point(i / _CORNERS) for i in range(_CORNERS + 1)])
            self._corner_cache = (key, corners)
        return self._corner_cache[1]

    def _arc_path(self, fraction: float, dirty: QRect | None = None) -> QPainterPath:
        """The ring's filled part as a line through fixed corners, a degree apart, to its
        end. An arc's curve would shift everywhere a little as it grows; this one changes
        only after its last corner, so repainting around the end is enough. With *dirty*
        (the part being repainted), only the corners whose stroke can reach it: the same
        pixels there, without stroking the whole ring for a few of them."""
        corners = math.floor(fraction * _CORNERS + 1e-9)
        first = 0
        if dirty is not None:
            first, last = self._corners_near(dirty)
            if last < first or first > corners:
                return QPainterPath()  # the repaint does not reach the filled part
        line = QPolygonF(self._corners())  # shared until resized: copied in C++, no Python loop
        line.resize(corners + 1)
        if first > 0:
            line.remove(0, first)
        path = QPainterPath()
        path.addPolygon(line)
        if fraction * _CORNERS > corners + 1e-9 or corners == 0:
            path.lineTo(self._point(fraction))
        return path

    def _corners_near(self, dirty: QRect) -> tuple[int, int]:
        """The first and last corner (0 to 360) of the ring whose stroke may reach *dirty*;
        the whole ring when the region goes round its middle or across its top."""
        rect, thickness, _ = self._ring()
        center = rect.center()
        radius = rect.width() / 2
        reach = thickness / 2 + 2
        box = QRectF(dirty).adjusted(-reach, -reach, reach, reach)
        if box.contains(center) or radius <= 0:
            return 0, _CORNERS
        turns = sorted(
            (0.25 - math.atan2(center.y() - y, x - center.x()) / (2 * math.pi)) % 1.0
            for x in (box.left(), box.right())
            for y in (box.top(), box.bottom())
        )
        if turns[-1] - turns[0] > 0.5:
            return 0, _CORNERS  # across the top (where the turns start again)
        margin = 2 + math.ceil(reach / (2 * math.pi * radius) * _CORNERS)
        return (
            max(0, math.floor(turns[0] * _CORNERS) - margin),
            min(_CORNERS, math.ceil(turns[-1] * _CORNERS) + margin),
        )

    def _time_box(self) -> QRectF:
        rect, _, inner = self._ring()
        center = rect.center()
        # a word above it on two lines: the time a little lower, the caption where it was
        lower = _TWO_LINE_DROP * inner if len(self._label_layout(inner)[1]) > 1 else 0.0
        return QRectF(
            center.x() - inner / 2, center.y() - inner * 0.28 + lower, inner, inner * 0.46
        )

    def _caption_box(self) -> QRectF:
        rect, _, inner = self._ring()
        center = rect.center()
        return QRectF(
            center.x() - inner * 0.42, center.y() + inner * 0.2, inner * 0.84, inner * 0.2
        )

    def _text_rect(self) -> QRect:
        """The time's box, whole: a clip through a glyph's overhang would draw its edge
        differently from a whole repaint. Once a second, its size costs nothing."""
        return self._time_box().toAlignedRect().adjusted(-2, -2, 2, 2)

    # -- drawing -----------------------------------------------------------------------
    def _time_font(self, side: float, text: str) -> QFont:
        """The time's type for a box *side* wide: as large as fits across the ring, by the
        width of its widest digits (so it keeps its size as they change)."""
        key = (round(side), len(text))
        if self._font_cache and self._font_cache[:2] == key:
            return self._font_cache[2]
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, round(side * _TIME_HEIGHT)))
        sample = "8" * sum(c.isdigit() for c in text) + ":" * text.count(":")
        width = QFontMetricsF(font).horizontalAdvance(sample or "0:00")
        if width > side * _TIME_WIDTH:
            font.setPixelSize(max(12, math.floor(font.pixelSize() * side * _TIME_WIDTH / width)))
        self._font_cache = (*key, font)
        return font

    def set_least_pixels(self, pixels: float) -> None:
        """Draw the word above the time and the line below it no smaller than *pixels* (the
        player's caption size); a word too wide for the ring there is shortened."""
        least = max(10, round(pixels))
        if least != self._least_px:
            self._least_px = least
            self._small_fonts = None
            self.update()

    def type_pixels(self) -> dict[str, int]:
        """The pixel size of the word above the time and of the line below it, as drawn."""
        _, _, inner = self._ring()
        return {
            "label": self._label_layout(inner)[0].pixelSize(),
            "caption": self._fonts(inner)[1].pixelSize(),
        }

    def label_shown(self) -> str:
        """The word above the time as drawn: whole (on two lines, joined by a line break,
        where one is too narrow), or shortened with "…" to the ring."""
        _, _, inner = self._ring()
        return "\n".join(self._label_layout(inner)[1])

    def _label_layout(self, inner: float) -> tuple[QFont, tuple[str, ...], tuple[float, ...]]:
        """The label's type, its lines and their baselines (below the ring's centre) for a
        ring of inner side *inner*: one line, smaller to fit inside the ring down to the
        least size; else two lines broken between words ("Seite / wechseln" at 800 × 600),
        each inside the ring; else one line shortened with "…"."""
        key = (round(inner), self._label, self._least_px, self.font().key())
        if self._label_cache is not None and self._label_cache[0] == key:
            return self._label_cache[1]
        top = self._fonts(inner)[0]
        metrics = QFontMetricsF(top)
        room = inner * 0.6  # the ring's inside is narrower up there than the box
        wide = metrics.horizontalAdvance(self._label)
        one_line = inner * -0.42 + inner * 0.07 + (metrics.ascent() - metrics.descent()) / 2
        found: tuple[QFont, tuple[str, ...], tuple[float, ...]]
        if wide <= room:
            found = (top, (self._label,), (one_line,))
        else:
            top = QFont(top)
            top.setPixelSize(max(self._least_px, int(top.pixelSize() * room / wide)))
            metrics = QFontMetricsF(top)
            two = self._two_lines(inner, top)
            if two is not None:
                found = (top, *two)
            else:
                cut = metrics.elidedText(self._label, Qt.TextElideMode.ElideRight, room)
                found = (top, (cut,), (one_line,))
        self._label_cache = (key, found)
        return found

    def _two_lines(
        self, inner: float, font: QFont
    ) -> tuple[tuple[str, ...], tuple[float, ...]] | None:
        """The label broken between two of its words so that both lines lie inside the
        ring, above the lowered time, with their baselines; None where no break does."""
        words = self._label.split()
        if len(words) < 2:
            return None
        metrics = QFontMetricsF(font)
        radius = inner / 2
        # the second line's baseline just above the lowered time's digits
        second = -inner * (0.2 - _TWO_LINE_DROP) - 0.035 * inner
        first = second - metrics.lineSpacing()
        best: tuple[float, tuple[str, str]] | None = None
        for cut in range(1, len(words)):
            lines = (" ".join(words[:cut]), " ".join(words[cut:]))
            fits = True
            for line, base in zip(lines, (first, second), strict=True):
                ink = metrics.tightBoundingRect(line)
                high = base + ink.top()  # the top of its letters, the ring narrowest there
                if abs(high) >= radius:
                    fits = False
                    break
                half = math.sqrt(radius * radius - high * high) * 0.94
                if metrics.horizontalAdvance(line) / 2 > half:
                    fits = False
                    break
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            if fits and (best is None or widest < best[0]):
                best = (widest, lines)
        return None if best is None else (best[1], (first, second))

    def text_heights(self) -> dict[str, float]:
        """How tall the time, the word above it and the line below it are drawn now
        (pixels, from the top of the highest glyph to the bottom of the lowest)."""
        _, _, inner = self._ring()
        top, small = self._fonts(inner)
        top, lines, _ = self._label_layout(inner)
        label = max(lines, key=lambda line: QFontMetricsF(top).tightBoundingRect(line).height())
        shown = {
            "time": (self._time_font(self._time_box().width(), self._text), self._text),
            "label": (top, label),
            "caption": (small, self._caption),
        }
        return {
            name: QFontMetricsF(font).tightBoundingRect(text).height() if text else 0.0
            for name, (font, text) in shown.items()
        }

    def _fonts(self, inner: float) -> tuple[QFont, QFont]:
        """The label's and the caption's type for a ring of inner side *inner*."""
        key = round(inner)
        if self._small_fonts is None or self._small_fonts[0] != key:
            top = QFont(self.font())
            top.setBold(True)
            top.setPixelSize(max(self._least_px, round(inner * 0.095)))
            small = QFont(self.font())
            small.setPixelSize(max(self._least_px, round(inner * 0.085)))
            self._small_fonts = (key, top, small)
        return self._small_fonts[1], self._small_fonts[2]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._font_cache = self._small_fonts = None

    def _track_layer(self, rect: QRectF, thickness: float, color: QColor) -> QPixmap:
        """The window's colour with the ring's track on it, drawn once for this size and
        palette: opaque, the whole of what lies under the rest of a paint."""
        ratio = self.devicePixelRatioF()
        back = self.palette().color(self.backgroundRole())
        key = (self.size().toTuple(), rect.getRect(), color.rgba(), back.rgba(), ratio)
        if self._track_cache is None or self._track_cache[0] != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(back)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(color, thickness)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            p.drawEllipse(rect)
            p.end()
            self._track_cache = (key, pixmap)
        return self._track_cache[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = colors(self.palette())
        rect, thickness, inner = self._ring()
        dirty = event.rect()
        p = QPainter(self)
        if inner <= 0:
            p.fillRect(dirty, self.palette().color(self.backgroundRole()))
            return
        p.drawPixmap(0, 0, self._track_layer(rect, thickness, palette.track))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._pulse > 0:
            self._paint_pulse(p, rect, thickness, palette.for_kind(self._kind))
        if self._fraction > 0:
            pen = QPen(palette.for_kind(self._kind), thickness)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            whole = dirty.contains(self.rect())
            p.drawPath(self._arc_path(self._fraction, None if whole else dirty))
        self._paint_marks(p, rect, thickness, palette.text)
        center = rect.center()
        box = self._time_box()
        if dirty.intersects(box.toAlignedRect()):
            p.setPen(palette.text)
            p.setFont(self._time_font(box.width(), self._text))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)
        small = self._fonts(inner)[1]
        if self._label:
            # a rest's own name may be longer than "Rest": it stays inside the ring
            top, lines, baselines = self._label_layout(inner)
            metrics = QFontMetricsF(top)
            head = QRectF(
                center.x() - inner * 0.4,
                center.y() + baselines[0] - metrics.ascent(),
                inner * 0.8,
                baselines[-1] - baselines[0] + metrics.ascent() + metrics.descent(),
            )
            if dirty.intersects(head.toAlignedRect().adjusted(-2, -2, 2, 2)):
                p.setFont(top)
                p.setPen(palette.for_kind(self._kind))
                for line, base in zip(lines, baselines, strict=True):
                    x = center.x() - metrics.horizontalAdvance(line) / 2
                    p.drawText(QPointF(x, center.y() + base), line)
        cap = self._caption_box()
        if self._caption and dirty.intersects(cap.toAlignedRect()):
            p.setFont(small)
            p.setPen(palette.muted)
            p.drawText(
                cap,
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self._caption,
            )
        p.end()

    def _paint_pulse(self, p: QPainter, rect: QRectF, thickness: float, color: QColor) -> None:
        """The whole ring in *color*, faded into the background by the pulse's strength
        (mixed here, so what is drawn stays opaque)."""
        back = self.palette().color(self.backgroundRole())
        a = 0.75 * self._pulse
        mixed = QColor.fromRgbF(
            back.redF() * (1 - a) + color.redF() * a,
            back.greenF() * (1 - a) + color.greenF() * a,
            back.blueF() * (1 - a) + color.blueF() * a,
        )
        pen = QPen(mixed, thickness * (1 + 0.3 * self._pulse))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)

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
