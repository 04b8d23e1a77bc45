"""Issue 21 item 18: each point of a chart is marked, so a value alone on its day (the first
session, or one area rated once) is seen, not lost in a line that needs two points."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from psoas_timer.history import PainSample
from psoas_timer.history.chart_series import pain_chart
from psoas_timer.ui.common.chart_painter import ChartStyle, paint_chart

DAY = datetime(2026, 12, 7, 8, 0, tzinfo=timezone(timedelta(hours=1)))
MARK = QColor("#ff0000")  # the line's colour: nothing else on the chart is drawn in it


def _marked_pixels(samples: list[PainSample]) -> int:
    """Pixels of the line's colour in the chart's plot (above its legend)."""
    font = QFont()
    font.setPixelSize(15)
    style = ChartStyle(
        font=font,
        text=QColor("black"),
        grid=QColor("grey"),
        background=QColor("white"),
        colours={"before": MARK, "after": MARK},
    )
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_chart(painter, QRectF(0, 0, 400, 300), pain_chart("Psoas", samples), style)
    painter.end()
    plot = image.copy(0, 0, 400, 230)  # the legend's own marker is below
    return sum(
        1
        for y in range(plot.height())
        for x in range(plot.width())
        if QColor(plot.pixel(x, y)).red() > 200 and QColor(plot.pixel(x, y)).green() < 80
    )


def test_a_value_alone_on_its_day_is_marked(qapp: object) -> None:
    # Before and after, each one value on one day: no line to draw, only their markers.
    assert _marked_pixels([PainSample("1", DAY, 6, 4)]) >= 20
