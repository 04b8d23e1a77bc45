"""The Progress page's Overview tab: a calendar of the last months shaded by minutes, and each
routine's figures (times done, last done, average length)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import DayMinutes, Progress, RoutineStats, format_seconds
from psoas_timer.i18n import _, format_time
from psoas_timer.ui.common.theme import scaled_font
from psoas_timer.ui.progress.calendar_view import MonthsCalendar
from psoas_timer.ui.progress.words import calendar_words, day_words

__all__ = ["OverviewTab"]


class OverviewTab(QWidget):
    """Drawn from a :class:`Progress` with :meth:`show_progress` (or in two steps: the
    calendar with :meth:`show_days`, the routines with :meth:`show_routines`); its type is
    sized from *base* (the page's font)."""

    def __init__(self, base: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = MonthsCalendar()
        self.calendar_caption = QLabel()
        self.calendar_caption.setFont(scaled_font(base, 15))
        self.routines = QTableWidget(0, 4)
        self.routines.setObjectName("routine_stats")
        self.routines.setHorizontalHeaderLabels(
            [_("Routine"), _("Times done"), _("Last done"), _("Average length")]
        )
        self.routines.verticalHeader().hide()
        self.routines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.routines.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # Tab leaves the table for the page's buttons (Report…), not cell after cell.
        self.routines.setTabKeyNavigation(False)
        self.routines.setFont(scaled_font(base, 16))
        header = self.routines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        calendar_title = QLabel(_("Minutes each day, the last six months"))
        calendar_title.setFont(scaled_font(base, 18, bold=True))
        layout.addWidget(calendar_title)
        layout.addWidget(self.calendar)
        layout.addWidget(self.calendar_caption)
        routines_title = QLabel(_("Each routine"))
        routines_title.setFont(scaled_font(base, 18, bold=True))
        layout.addSpacing(8)
        layout.addWidget(routines_title)
        layout.addWidget(self.routines, 1)

    def show_progress(self, progress: Progress) -> None:
        self.show_days(progress.days, progress.today)
        self.show_routines(progress.routines, progress.today)

    def show_days(self, days: Sequence[DayMinutes], today: date) -> None:
        """The calendar: minutes on each of the last months' days, up to *today*."""
        self.calendar.set_days(days, today)
        self.calendar_caption.setText(calendar_words(days, self.calendar.first))

    def show_routines(self, routines: Sequence[RoutineStats], today: date) -> None:
        """Each routine's figures (:meth:`HistoryStore.totals`), as of *today*."""
        table = self.routines
        table.setRowCount(len(routines))
        for row, stats in enumerate(routines):
            when = stats.last_done
            last = _("{day}, {time}").format(
                day=day_words(when.date(), today), time=format_time(when)
            )
            cells = [
                stats.routine,
                str(stats.sessions),
                last,
                format_seconds(stats.average_seconds),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
