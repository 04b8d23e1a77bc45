"""The last six months as a grid of days, each shaded by the minutes done that day.

One column per week (Monday at the top), months named above. It always shows the whole span,
days without a session as empty cells, however much or little history there is. The cells
grow and shrink with the width it is given (within limits). Painted in one pass, so ten
years of history cost nothing here (it only ever holds the days it shows).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from psoas_timer.history import DayMinutes
from psoas_timer.i18n import _, day_name, first_weekday, format_date, month_name
from psoas_timer.ui.common.text import plural
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["CALENDAR_DAYS", "MonthsCalendar", "month_labels", "shade_level"]

#: Days the calendar shows, today included: six months.
CALENDAR_DAYS = 183
#: Minutes at or above which a day is shaded darkest.
FULL_MINUTES = 40.0


def weekday_labels() -> list[str]:
    """The rows' day names, every other one, from the locale's first day of the week."""
    first = first_weekday()
    return [day_name((first + row) % 7) if row % 2 == 0 else "" for row in range(7)]


def _week_start(day: date) -> date:
    """The first day of *day*'s week, as the locale counts weeks."""
    return day - timedelta(days=(day.weekday() - first_weekday()) % 7)


def shade_level(minutes: float) -> int:
    """0 (nothing done) to 4 (:data:`FULL_MINUTES` or more)."""
    if minutes <= 0:
        return 0
    return min(4, 1 + int(minutes / FULL_MINUTES * 3.999))


def month_labels(first: date, last: date) -> list[tuple[int, str]]:
    """(week column, short month name) for each month from *first* to *last*, placed at the
    column of its first day (the first month at column 0, even when it starts before
    *first*)."""
    start = _week_start(first)
    labels = [(0, month_name(first.month, "abbreviated"))]
    month = date(first.year, first.month, 1)
    while True:
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if month > last:
            return labels
        labels.append(((month - start).days // 7, month_name(month.month, "abbreviated")))


class MonthsCalendar(QWidget):
    """The :data:`CALENDAR_DAYS` days up to *today*, shaded by minutes."""

    #: A week column's width, cell and gap, at most and at least (pixels).
    LARGEST = 24
    SMALLEST = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        self.setFont(scaled_font(self.font(), 16))
        self.today = date.today()
        self.first = self.today - timedelta(days=CALENDAR_DAYS - 1)
        self._minutes: dict[date, DayMinutes] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(_("Calendar of the last six months"))
        self.set_days([], self.today)

    def set_days(self, days: Sequence[DayMinutes], today: date) -> None:
        """Shade the days in *days* (others are empty) in the six months up to *today*."""
        self.today = today
        self.first = today - timedelta(days=CALENDAR_DAYS - 1)
        self._minutes = {
            d.day: d for d in days if (d.sessions or d.minutes) and self.first <= d.day <= today
        }
        done = plural(len(self._minutes), "day")
        self.setAccessibleDescription(
            _("{days} with a session from {first} to {last}").format(
                days=done, first=format_date(self.first, "long"), last=format_date(today, "long")
            )
        )
        self.updateGeometry()
        self.update()

    def minutes_on(self, day: date) -> float:
        found = self._minutes.get(day)
        return found.minutes if found else 0.0

    def _start(self) -> date:
        return _week_start(self.first)

    def weeks(self) -> int:
        """Week columns drawn."""
        return (self.today - self._start()).days // 7 + 1

    def _origin(self) -> QPoint:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(name) for name in weekday_labels())
        return QPoint(widest + 10, metrics.height() + 6)

    def _step(self, width: int | None = None) -> int:
        room = (self.width() if width is None else width) - self._origin().x()
        return max(self.SMALLEST, min(self.LARGEST, room // self.weeks()))

    def _size(self, step: int) -> QSize:
        origin = self._origin()
        return QSize(origin.x() + self.weeks() * step, origin.y() + 7 * step)

    def sizeHint(self) -> QSize:
        return self._size(self.LARGEST)

    def minimumSizeHint(self) -> QSize:
        return self._size(self.SMALLEST)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._size(self._step(width)).height()

    def cell(self, day: date) -> QRect:
        """Where *day* is drawn."""
        step = self._step()
        offset = (day - self._start()).days
        origin = self._origin()
        size = step - max(3, step // 6)
        return QRect(
            origin.x() + (offset // 7) * step, origin.y() + (offset % 7) * step, size, size
        )

    def day_at(self, point: QPoint) -> date | None:
        step = self._step()
        origin = self._origin()
        column, row = (point.x() - origin.x()) // step, (point.y() - origin.y()) // step
        if column < 0 or not 0 <= row < 7:
            return None
        day = self._start() + timedelta(days=column * 7 + row)
        return day if self.first <= day <= self.today else None

    def labels(self) -> list[tuple[int, str]]:
        """(x, text) of each month name drawn: one that would run into the next is left out
        (the first, partly shown month, when it has only a week or so)."""
        step = self._step()
        origin = self._origin()
        metrics = self.fontMetrics()
        placed = [
            (origin.x() + column * step, text)
            for column, text in month_labels(self.first, self.today)
        ]
        kept: list[tuple[int, str]] = []
        for i, (x, text) in enumerate(placed):
            after = placed[i + 1][0] if i + 1 < len(placed) else self.width()
            if x + metrics.horizontalAdvance(text) + 6 <= after:
                kept.append((x, text))
        return kept

    def tip(self, day: date) -> str:
        """What hovering over *day* says: ``"Mon 02 Mar 2026: 21 min, 1 session"``."""
        found = self._minutes.get(day)
        if found is None:
            return _("{day}: nothing done").format(day=format_date(day, "EEE d MMM y"))
        return _("{day}: {minutes} min, {sessions}").format(
            day=format_date(day, "EEE d MMM y"),
            minutes=round(found.minutes),
            sessions=plural(found.sessions, "session"),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = colors(self.palette())
        shades = [palette.track]
        for alpha in (90, 150, 205, 255):
            shade = QColor(palette.done)
            shade.setAlpha(alpha)
            shades.append(shade)
        painter.setPen(palette.muted)
        origin = self._origin()
        step = self._step()
        size = step - max(3, step // 6)
        for row, name in enumerate(weekday_labels()):
            if name:
                painter.drawText(
                    QRect(0, origin.y() + row * step, origin.x() - 8, size),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    name,
                )
        painter.setPen(Qt.PenStyle.NoPen)
        day = self.first
        while day <= self.today:
            rect = self.cell(day)
            painter.setBrush(shades[shade_level(self.minutes_on(day))])
            painter.drawRoundedRect(rect, 4, 4)
            day += timedelta(days=1)
        painter.setPen(palette.text)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.cell(self.today).adjusted(-1, -1, 1, 1), 4, 4)
        for x, text in self.labels():
            painter.drawText(QPoint(x, self.fontMetrics().ascent()), text)
        painter.end()

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tip(day), self)
            return True
        return super().event(event)  # type: ignore[arg-type]
