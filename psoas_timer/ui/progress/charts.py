"""The Progress page's two charts, on QtCharts: pain before and after over time for one
area, and time to release over time for one point.

QtCharts is imported when the first chart is drawn, not when the app starts.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from psoas_timer.history import PainSample, ReleaseSample
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["ProgressChart"]

#: A chart draws at most this many points per line; older ones are thinned evenly.
MAX_POINTS = 400


def _ms(when: datetime) -> float:
    return when.timestamp() * 1000.0


def _thin(count: int) -> range:
    step = max(1, -(-count // MAX_POINTS))
    return range(count - 1 - ((count - 1) // step) * step, count, step)


class ProgressChart(QChartView):
    """One chart; :meth:`show_pain` or :meth:`show_releases` fill it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setBackgroundVisible(False)
        self.setChart(chart)
        #: The series drawn, by name, with their (x ms, y) points (for tests and tooltips).
        self.points: dict[str, list[tuple[float, float]]] = {}

    def _reset(self, title: str) -> QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        palette = colors(self.palette())
        chart.setTitle(title)
        chart.setTitleFont(scaled_font(self.font(), 18, bold=True))
        chart.setTitleBrush(palette.text)
        chart.legend().setLabelColor(palette.text)
        chart.legend().setFont(scaled_font(self.font(), 14))
        self.points = {}
        return chart

    def _axes(self, chart: QChart, y_title: str, top: float, first: float, last: float) -> None:
        palette = colors(self.palette())
        x = QDateTimeAxis()
        x.setFormat("d MMM yy")
        x.setTickCount(5)
        span = max(last - first, 86_400_000.0)
        x.setRange(
            QDateTime.fromMSecsSinceEpoch(int(first - span * 0.02)),
            QDateTime.fromMSecsSinceEpoch(int(last + span * 0.02)),
        )
        y = QValueAxis()
        y.setRange(0, top)
        y.applyNiceNumbers()
        y.setLabelFormat("%.0f" if y.max() >= 5 else "%.1f")
        y.setTitleText(y_title)
        for axis in (x, y):
            axis.setLabelsColor(palette.text)
            axis.setLabelsFont(scaled_font(self.font(), 13))
            axis.setTitleBrush(palette.text)
            axis.setGridLineColor(palette.track)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(x)
            series.attachAxis(y)

    def _line(
        self, chart: QChart, name: str, color: QColor, points: list[tuple[float, float]]
    ) -> QXYSeries:
        series: QXYSeries = QLineSeries() if len(points) > 1 else QScatterSeries()
        series.setName(name)
        pen = QPen(color)
        pen.setWidth(3)
        series.setPen(pen)
        series.setColor(color)
        for x, y in points:
            series.append(x, y)
        chart.addSeries(series)
        self.points[name] = points
        return series

    def show_pain(self, label: str, samples: list[PainSample]) -> None:
        """*label*'s scores before and after each session, oldest first."""
        chart = self._reset(f"{label.capitalize()}: how it felt (0–10)")
        palette = colors(self.palette())
        picked = [samples[i] for i in _thin(len(samples))]
        before = [(_ms(s.when), float(s.before)) for s in picked if s.before is not None]
        after = [(_ms(s.when), float(s.after)) for s in picked if s.after is not None]
        if before:
            self._line(chart, "Before", palette.warning, before)
        if after:
            self._line(chart, "After", palette.done, after)
        if samples:
            self._axes(chart, "score", 10, _ms(samples[0].when), _ms(samples[-1].when))
        else:
            chart.setTitle(f"{label.capitalize()}: not rated yet")

    def show_releases(self, label: str, samples: list[ReleaseSample]) -> None:
        """*label*'s time to release (minutes) in each session, oldest first."""
        chart = self._reset(f"{label.capitalize()}: minutes to release")
        palette = colors(self.palette())
        keep = _thin(len(samples))
        points = [(_ms(samples[i].when), samples[i].seconds / 60.0) for i in keep]
        if points:
            self._line(chart, "Time to release", palette.open_hold, points)
            top = max(y for _, y in points)
            self._axes(chart, "minutes", max(1.0, top * 1.1), points[0][0], points[-1][0])
        else:
            chart.setTitle(f"{label.capitalize()}: no releases yet")
