"""The Progress page's charts in the user's language, drawn whole: the pain chart's title and
its Before/After lines were English in every language, and the change that matters, longer in
German, was cut at the chart's left edge."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.history import PainSample
from psoas_timer.history.chart_series import pain_chart
from psoas_timer.ui.common.chart_painter import ChartStyle, change_words, paint_chart

DAY = datetime(2026, 12, 7, 8, 0, tzinfo=timezone(timedelta(hours=1)))
#: Pain before sessions falling 8 to 2 over two weeks, after them lower: a change that matters.
SAMPLES = [PainSample(str(n), DAY + timedelta(days=n), 8 - n // 2, 5 - n // 4) for n in range(14)]


def test_the_pain_chart_speaks_german() -> None:
    i18n.set_language("de")
    chart = pain_chart("Psoas links", SAMPLES)
    assert chart.title == "Psoas links: Schmerz (0–10)"
    assert [line.name for line in chart.lines] == ["Vorher", "Nachher"]
    assert change_words(chart).startswith("Vorher: ")


class _Recording(QPainter):
    """A painter that keeps each text it draws, with its box and its font's width of it."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.drawn: list[tuple[str, QRectF, float]] = []

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        if len(args) == 3 and isinstance(args[0], QRectF) and isinstance(args[2], str):
            wide = QFontMetricsF(self.font(), self.device()).horizontalAdvance(args[2])
            self.drawn.append((args[2], QRectF(args[0]), wide))
        super().drawText(*args)  # type: ignore[call-overload]


def test_the_change_that_matters_is_drawn_inside_the_chart(qtbot: QtBot) -> None:
    i18n.set_language("de")
    chart = pain_chart("Psoas links", SAMPLES)
    words = change_words(chart)
    assert words
    font = QFont()
    font.setPixelSize(15)  # the Progress page's charts
    style = ChartStyle(font=font, text=QColor("black"), grid=QColor("grey"))
    image = QImage(340, 300, QImage.Format.Format_ARGB32)  # half the page at 800 px
    painter = _Recording(image)
    paint_chart(painter, QRectF(0, 0, 340, 300), chart, style)
    painter.end()
    (change,) = [d for d in painter.drawn if d[0] == words or d[0].endswith("…")]
    text, box, wide = change
    assert box.left() >= 0 and box.right() <= 340
    assert wide <= box.width() + 0.5, f"{text!r} is {wide:.0f} px in a {box.width():.0f} px box"
