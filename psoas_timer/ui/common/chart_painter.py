"""Draws a progress chart (:class:`psoas_timer.history.chart_series.Chart`) with a QPainter.

One drawing for every place a chart appears: the Progress page and the completion page
paint it on a widget, the clinician's report on a PDF page (as vectors, so it stays sharp
in print). Each line has its own marker shape and dash as well as its colour, so a
greyscale print still tells "before" from "after"; a day with several values shows their
range as a whisker; a change that matters is marked with a bracket and its size in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from psoas_timer.history.chart_series import Chart, Line
from psoas_timer.i18n import _, format_decimal, ngettext

__all__ = ["ChartStyle", "change_words", "paint_chart"]

XScale = Callable[[date], float]
YScale = Callable[[float], float]


@dataclass
class ChartStyle:
    """Colours and type for a chart. *font* sets the size of everything (its pixel or point
    size is the axis labels'); *line_width* is in the painter's units."""

    font: QFont
    text: QColor
    grid: QColor
    background: QColor | None = None
    #: What a hollow marker is filled with where there is no *background*: the colour of
    #: what the chart is drawn on (none: left unfilled).
    surface: QColor | None = None
    line_width: float = 3.0
    colours: dict[str, QColor] = field(default_factory=dict)

    def colour(self, role: str) -> QColor:
        return self.colours.get(role, self.text)


_DASHES = {
    "before": Qt.PenStyle.SolidLine,
    "after": Qt.PenStyle.DashLine,
    "release": Qt.PenStyle.SolidLine,
    "activity0": Qt.PenStyle.SolidLine,
    "activity1": Qt.PenStyle.DashLine,
    "activity2": Qt.PenStyle.DotLine,
}
_MARKERS = {
    "before": "circle",
    "after": "square",
    "release": "diamond",
    "activity0": "circle",
    "activity1": "square",
    "activity2": "triangle",
}


def change_words(chart: Chart) -> str:
    """``"Before: down 3 points, a change that matters"`` (the line's name when the chart
    has several) for a chart's marked change, else ""."""
    change = chart.change
    if change is None:
        return ""
    points = change.points
    whole = abs(points - round(points)) < 0.05
    size = format_decimal(points, digits=0 if whole else 1)
    count = round(points) if whole else 2  # a fraction takes the plural
    if change.delta < 0:
        moved = ngettext("down {size} point", "down {size} points", count).format(size=size)
    else:
        moved = ngettext("up {size} point", "up {size} points", count).format(size=size)
    line = next((line.name for line in chart.lines if line.role == chart.change_line), "")
    if line and len(chart.lines) > 1:
        return _("{line}: {change}, a change that matters").format(line=line, change=moved)
    return _("{change}: a change that matters").format(change=moved[:1].upper() + moved[1:])


def paint_chart(painter: QPainter, rect: QRectF, chart: Chart, style: ChartStyle) -> None:
    """Draw *chart* filling *rect*."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if style.background is not None:
        painter.fillRect(rect, style.background)
    font = QFont(style.font)
    metrics = QFontMetricsF(font, painter.device())
    line_h = metrics.height()
    title_font = QFont(font)
    title_font.setBold(True)
    if font.pixelSize() > 0:
        title_font.setPixelSize(round(font.pixelSize() * 1.25))
    else:
        title_font.setPointSizeF(font.pointSizeF() * 1.25)
    title_h = QFontMetricsF(title_font, painter.device()).height()
    painter.setPen(style.text)
    painter.setFont(title_font)
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), title_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        QFontMetricsF(title_font, painter.device()).elidedText(
            chart.title, Qt.TextElideMode.ElideRight, rect.width()
        ),
    )
    painter.setFont(font)
    if chart.empty or chart.first is None or chart.last is None:
        painter.drawText(
            rect.adjusted(0, title_h, 0, 0), Qt.AlignmentFlag.AlignCenter, chart.empty_text
        )
        painter.restore()
        return
    words = change_words(chart)
    legend_h = line_h * 1.4
    y_labels = [_number(v) for v in _y_ticks(chart.y_max)]
    left = rect.left() + max(metrics.horizontalAdvance(t) for t in y_labels) + line_h * 0.6
    right = rect.right() - line_h * 0.8
    top = rect.top() + title_h + (line_h * 1.1 if words else line_h * 0.4)
    bottom = rect.bottom() - line_h * 1.3 - legend_h
    if bottom - top < line_h * 2 or right - left < line_h * 4:
        painter.restore()
        return
    plot = QRectF(QPointF(left, top), QPointF(right, bottom))
    first, last = chart.first, chart.last
    span = max(1, (last - first).days)
    pad = 0.5 if span < 20 else span * 0.025

    def x_of(day: date) -> float:
        return plot.left() + ((day - first).days + pad) / (span + 2 * pad) * plot.width()

    y_top = _y_ticks(chart.y_max)[-1]

    def y_of(value: float) -> float:
        return plot.bottom() - value / y_top * plot.height()

    # Grid and axes.
    grid = QPen(style.grid, max(0.5, style.line_width / 4))
    for value, label in zip(_y_ticks(chart.y_max), y_labels, strict=True):
        y = y_of(value)
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(style.text)
        painter.drawText(
            QRectF(rect.left(), y - line_h / 2, plot.left() - rect.left() - line_h * 0.3, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
    last_right = -math.inf
    for tick in chart.ticks:
        x = x_of(tick.day)
        width = metrics.horizontalAdvance(tick.label)
        painter.setPen(grid)
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + line_h * 0.25))
        box = QRectF(x - width / 2, plot.bottom() + line_h * 0.25, width, line_h)
        box.moveLeft(max(rect.left(), min(box.left(), rect.right() - width)))
        if box.left() < last_right + line_h * 0.5:
            continue  # never overlap two labels
        last_right = box.right()
        painter.setPen(style.text)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, tick.label)
    painter.setPen(QPen(style.text, max(0.5, style.line_width / 3)))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    marker = line_h * 0.3
    for line in chart.lines:
        _draw_line(painter, line, style, x_of, y_of, marker)

    if chart.change is not None and words:
        _draw_change(painter, chart, style, plot, x_of, y_of, words, line_h)

    # Legend: a marker and a name for each line, left to right.
    x = plot.left()
    y = rect.bottom() - legend_h / 2
    for line in chart.lines:
        colour = style.colour(_role(line))
        painter.setPen(
            QPen(colour, style.line_width, _DASHES.get(_role(line), Qt.PenStyle.SolidLine))
        )
        painter.drawLine(QPointF(x, y), QPointF(x + line_h * 1.6, y))
        _marker(
            painter,
            _MARKERS.get(_role(line), "circle"),
            QPointF(x + line_h * 0.8, y),
            marker,
            colour,
            style,
        )
        painter.setPen(style.text)
        text_w = metrics.horizontalAdvance(line.name)
        painter.drawText(
            QRectF(x + line_h * 2, y - line_h / 2, text_w + 2, line_h),
            Qt.AlignmentFlag.AlignVCenter,
            line.name,
        )
        x += line_h * 3 + text_w
    if chart.per != "day":
        painter.setPen(style.text)
        painter.drawText(
            QRectF(x, y - line_h / 2, max(0.0, rect.right() - x), line_h),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            _("a point a week") if chart.per == "week" else _("a point a month"),
        )
    painter.restore()


def _role(line: Line) -> str:
    return line.role


def _draw_line(
    painter: QPainter, line: Line, style: ChartStyle, x_of: XScale, y_of: YScale, marker: float
) -> None:
    colour = style.colour(line.role)
    pen = QPen(colour, style.line_width, _DASHES.get(line.role, Qt.PenStyle.SolidLine))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if len(line.points) > 1:
        path = QPainterPath()
        for n, p in enumerate(line.points):
            at = QPointF(x_of(p.day), y_of(p.mean))
            if n == 0:
                path.moveTo(at)
            else:
                path.lineTo(at)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    # Each day's range (a whisker with its ends), then its marker over it: the whiskers in
    # one path and the markers after, so the pen is set twice for the line, not twice a
    # point (a 60-year chart has 700 points; setting the pen for each took 0.1 s to paint).
    whiskers: list[QLineF] = []
    half = marker / 2
    for p in line.points:
        if p.high > p.low:
            x, low, high = x_of(p.day), y_of(p.low), y_of(p.high)
            whiskers.append(QLineF(x, low, x, high))
            whiskers.append(QLineF(x - half, low, x + half, low))
            whiskers.append(QLineF(x - half, high, x + half, high))
    if whiskers:
        painter.setPen(QPen(colour, max(0.5, style.line_width / 2)))
        painter.drawLines(whiskers)
    shape = _MARKERS.get(line.role, "circle")
    places = [QPointF(x_of(p.day), y_of(p.mean)) for p in line.points]
    _markers(painter, shape, places, marker, colour, style)


def _marker(
    painter: QPainter, shape: str, at: QPointF, size: float, colour: QColor, style: ChartStyle
) -> None:
    _markers(painter, shape, [at], size, colour, style)


def _markers(
    painter: QPainter,
    shape: str,
    places: list[QPointF],
    size: float,
    colour: QColor,
    style: ChartStyle,
) -> None:
    """A marker of *shape* at each of *places*, in turn, the pen and brush set once."""
    painter.setPen(QPen(colour, max(0.5, style.line_width / 2)))
    hollow = shape == "square"
    fill = style.background or style.surface
    if hollow:
        painter.setBrush(QBrush(fill) if fill is not None else QBrush(Qt.BrushStyle.NoBrush))
    else:
        painter.setBrush(QBrush(colour))
    if shape == "circle":
        for at in places:
            painter.drawEllipse(at, size, size)
    elif shape == "square":  # hollow: each in turn, a later one over an earlier
        for at in places:
            painter.drawRect(QRectF(at.x() - size, at.y() - size, 2 * size, 2 * size))
    else:
        if shape == "diamond":
            points = [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)]
        else:
            points = [(0, -1.3), (1.2, 1), (-1.2, 1)]
        for at in places:
            path = QPainterPath()
            path.moveTo(at.x() + points[0][0] * size, at.y() + points[0][1] * size)
            for dx, dy in points[1:]:
                path.lineTo(at.x() + dx * size, at.y() + dy * size)
            path.closeSubpath()
            painter.drawPath(path)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_change(
    painter: QPainter,
    chart: Chart,
    style: ChartStyle,
    plot: QRectF,
    x_of: XScale,
    y_of: YScale,
    words: str,
    line_h: float,
) -> None:
    """A bracket from the first day's value to the last day's on the line the change is
    measured on, at the right edge, and the change in words above the plot."""
    change = chart.change
    assert change is not None
    line = next(line for line in chart.lines if line.role == chart.change_line)
    start, end = line.points[0], line.points[-1]
    colour = style.text
    pen = QPen(colour, max(0.5, style.line_width / 2), Qt.PenStyle.DotLine)
    painter.setPen(pen)
    y0, y1 = y_of(change.first), y_of(change.last)
    x0, x1 = x_of(start.day), x_of(end.day)
    edge = min(plot.right() - line_h * 0.2, x1 + line_h * 0.8)
    painter.drawLine(QPointF(x0, y0), QPointF(edge, y0))
    solid = QPen(colour, max(0.5, style.line_width / 1.5))
    painter.setPen(solid)
    painter.drawLine(QPointF(edge, y0), QPointF(edge, y1))
    head = line_h * 0.3
    direction = 1 if y1 > y0 else -1
    painter.drawLine(QPointF(edge, y1), QPointF(edge - head, y1 - direction * head))
    painter.drawLine(QPointF(edge, y1), QPointF(edge + head, y1 - direction * head))
    painter.setPen(style.text)
    font = QFont(painter.font())
    font.setBold(True)
    # Longer words (German's "2 Punkte weniger, eine bedeutsame Veränderung") are set
    # smaller, down to three quarters of the size, then shortened with "…": never cut at the
    # chart's left edge nor drawn over the axis's numbers.
    room = QRectF(plot.left(), plot.top() - line_h * 1.05, plot.width(), line_h)
    font, shown = _fitted(font, words, room.width(), painter)
    painter.setFont(font)
    painter.drawText(room, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
    font.setBold(False)
    painter.setFont(font)


def _fitted(font: QFont, text: str, width: float, painter: QPainter) -> tuple[QFont, str]:
    """*font* made smaller (to 3/4 at most) so *text* fits *width*, then *text* shortened."""
    metrics = QFontMetricsF(font, painter.device())
    wide = metrics.horizontalAdvance(text)
    if wide <= width:
        return font, text
    smaller = QFont(font)
    scale = max(0.75, width / wide)
    if font.pixelSize() > 0:
        smaller.setPixelSize(max(1, math.floor(font.pixelSize() * scale)))
    else:
        smaller.setPointSizeF(font.pointSizeF() * scale)
    metrics = QFontMetricsF(smaller, painter.device())
    return smaller, metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def _y_ticks(top: float) -> list[float]:
    """0 up to a round number at or above *top*, in four to six steps."""
    if top <= 10 and top >= 6:
        return [0, 2, 4, 6, 8, 10]
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = max(1, math.ceil(top / step - 1e-9))
    return [round(step * n, 6) for n in range(count + 1)]


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 1e-6 else f"{value:.1f}"
