"""The last months as a grid of days, each shaded by the minutes done that day.

One column per week (Monday at the top), months named above; painted in one pass, so ten
years of history cost nothing here (it only ever holds the days it shows).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from psoas_timer.history import DayMinutes
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["MonthsCalendar", "shade_level"]

#: Minutes at or above which a day is shaded darkest.
FULL_MINUTES = 40.0
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def shade_level(minutes: float) -> int:
    """0 (nothing done) to 4 (:data:`FULL_MINUTES` or more)."""
    if minutes <= 0:
        return 0
    return min(4, 1 + int(minutes / FULL_MINUTES * 3.999))


class MonthsCalendar(QWidget):
    """Days from *first* to *today*, shaded by minutes."""

    CELL = 20
    GAP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        self.setFont(scaled_font(self.font(), 15))
        self.today = date.today()
        self.first = self.today
        self._minutes: dict[date, DayMinutes] = {}
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Calendar of the days with sessions")

    def set_days(self, days: tuple[DayMinutes, ...] | list[DayMinutes], today: date) -> None:
        self.today = today
        self.first = (days[0].day if days else today) if days else today
        if days:
            self.first = min(self.first, days[0].day)
        self._minutes = {d.day: d for d in days if d.sessions or d.minutes}
        done = sum(1 for d in self._minutes.values())
        self.setAccessibleDescription(f"{done} days with sessions since {self.first:%d %B %Y}")
        self.updateGeometry()
        self.update()

    def minutes_on(self, day: date) -> float:
        found = self._minutes.get(day)
        return found.minutes if found else 0.0

    def _start(self) -> date:
        return self.first - timedelta(days=self.first.weekday())

    def _weeks(self) -> int:
        return (self.today - self._start()).days // 7 + 1

    def _origin(self) -> QPoint:
        metrics = self.fontMetrics()
        return QPoint(metrics.horizontalAdvance("Wed") + 10, metrics.height() + 6)

    def sizeHint(self) -> QSize:
        step = self.CELL + self.GAP
        origin = self._origin()
        return QSize(origin.x() + self._weeks() * step, origin.y() + 7 * step)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _cell(self, day: date) -> QRect:
        step = self.CELL + self.GAP
        offset = (day - self._start()).days
        origin = self._origin()
        return QRect(
            origin.x() + (offset // 7) * step,
            origin.y() + (offset % 7) * step,
            self.CELL,
            self.CELL,
        )

    def day_at(self, point: QPoint) -> date | None:
        step = self.CELL + self.GAP
        origin = self._origin()
        column, row = (point.x() - origin.x()) // step, (point.y() - origin.y()) // step
        if column < 0 or not 0 <= row < 7:
            return None
        day = self._start() + timedelta(days=column * 7 + row)
        return day if self.first <= day <= self.today else None

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
        step = self.CELL + self.GAP
        for row, name in enumerate(WEEKDAYS):
            if name:
                painter.drawText(
                    QRect(0, origin.y() + row * step, origin.x() - 8, self.CELL),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    name,
                )
        painter.setPen(Qt.PenStyle.NoPen)
        day = self.first
        month_seen: set[tuple[int, int]] = set()
        labels: list[tuple[int, str]] = []
        while day <= self.today:
            rect = self._cell(day)
            painter.setBrush(shades[shade_level(self.minutes_on(day))])
            painter.drawRoundedRect(rect, 4, 4)
            starts = day.day == 1 or (day == self.first and day.day < 22)
            if starts and (day.year, day.month) not in month_seen:
                month_seen.add((day.year, day.month))
                labels.append((rect.x(), f"{day:%b}"))
            if day == self.today:
                painter.setPen(palette.text)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), 4, 4)
                painter.setPen(Qt.PenStyle.NoPen)
            day += timedelta(days=1)
        painter.setPen(palette.text)
        for x, text in labels:
            painter.drawText(QPoint(x, self.fontMetrics().ascent()), text)
        painter.end()

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                found = self._minutes.get(day)
                text = f"{day:%a %d %b %Y}: "
                if found is None:
                    text += "nothing done"
                else:
                    text += f"{round(found.minutes)} min, {found.sessions} "
                    text += "session" if found.sessions == 1 else "sessions"
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)  # type: ignore[arg-type]
