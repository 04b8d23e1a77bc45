"""A chart on screen: one :class:`~psoas_timer.history.chart_series.Chart`, painted by the
chart painter the PDF report uses too, in the theme's colours. The Progress page's charts
and the completion page's pain chart are this widget."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.history.chart_series import Chart
from psoas_timer.i18n import _
from psoas_timer.ui.common.chart_painter import ChartStyle, change_words, paint_chart
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["ChartView", "chart_style"]


def chart_style(widget: QWidget, pixels: float = 14) -> ChartStyle:
    """The theme's colours and type for a chart on *widget*, labels *pixels* high."""
    palette = colors(widget.palette())
    return ChartStyle(
        font=scaled_font(widget.font(), pixels),
        text=palette.text,
        grid=palette.track,
        background=None,
        surface=widget.palette().color(widget.backgroundRole()),
        line_width=3.0,
        colours={
            "before": palette.warning,
            "after": palette.done,
            "release": palette.open_hold,
            "activity0": palette.work,
            "activity1": palette.breath,
            "activity2": palette.rest,
        },
    )


class ChartView(QWidget):
    """Paints one :class:`~psoas_timer.history.chart_series.Chart`; :meth:`set_chart` sets
    it. Its accessible description says what it shows, for a screen reader."""

    def __init__(self, name: str, parent: QWidget | None = None, *, pixels: float = 14) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.pixels = pixels
        self.chart: Chart | None = None
        #: The series drawn, by name, with their (x ms, y) points (for tests and tooltips).
        self.points: dict[str, list[tuple[float, float]]] = {}

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.points = {
            line.name: [
                (datetime.combine(p.day, time(12)).timestamp() * 1000.0, p.mean)
                for p in line.points
            ]
            for line in chart.lines
        }
        words = change_words(chart)
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(
            chart.empty_text if chart.empty else (words or _("No change large enough to matter."))
        )
        self.setToolTip(words)
        self.update()

    def title(self) -> str:
        """What the chart's heading says (its empty text when it has nothing to draw)."""
        if self.chart is None:
            return ""
        return self.chart.empty_text if self.chart.empty else self.chart.title

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.chart is None:
            return
        painter = QPainter(self)
        margin = 8.0
        rect = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        paint_chart(painter, rect, self.chart, chart_style(self, self.pixels))
        painter.end()
