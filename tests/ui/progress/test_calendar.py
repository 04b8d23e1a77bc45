"""The Progress page's calendar: always the whole six months, whatever history there is
(none, one session, sessions spread over the months, one older than that), with empty days
drawn as empty cells and every month named where its name fits."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import pairwise

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QImage
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history import DayMinutes
from psoas_timer.ui.progress.calendar_view import CALENDAR_DAYS, MonthsCalendar, month_labels
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.progress.conftest import ZONE, Wall, run_through

TODAY = date(2026, 5, 29)  # a Friday


def _calendar(qtbot: QtBot, days: list[DayMinutes], today: date = TODAY) -> MonthsCalendar:
    calendar = MonthsCalendar()
    qtbot.addWidget(calendar)
    calendar.set_days(days, today)
    calendar.resize(calendar.sizeHint())
    calendar.show()
    qtbot.waitExposed(calendar)
    return calendar


def _pixel(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point)


def _shows_every_day(calendar: MonthsCalendar, today: date) -> None:
    """Six months of cells up to *today*, each inside the widget, none on another."""
    first = today - timedelta(days=CALENDAR_DAYS - 1)
    assert (calendar.first, calendar.today) == (first, today)
    cells = [calendar.cell(first + timedelta(days=n)) for n in range(CALENDAR_DAYS)]
    assert len({(c.x(), c.y()) for c in cells}) == CALENDAR_DAYS
    for cell in cells:
        assert calendar.rect().contains(cell)
    assert calendar.weeks() >= 26
    # what the user points at is the day drawn there
    for n in (0, 40, CALENDAR_DAYS - 1):
        assert calendar.day_at(cells[n].center()) == first + timedelta(days=n)


def _drawn(calendar: MonthsCalendar) -> tuple[QImage, QColor]:
    """The calendar as painted, and the colour between cells (no cell there)."""
    image = calendar.grab().toImage()
    cell = calendar.cell(calendar.first)
    gap = QPoint(cell.right() + 2, cell.center().y())
    return image, _pixel(image, gap)


def test_no_history_draws_six_months_of_empty_days(qtbot: QtBot) -> None:
    calendar = _calendar(qtbot, [])
    _shows_every_day(calendar, TODAY)
    image, background = _drawn(calendar)
    first, last = calendar.cell(calendar.first), calendar.cell(TODAY - timedelta(days=1))
    empty = _pixel(image, first.center())
    assert empty != background  # an empty day is drawn, as an empty cell
    assert _pixel(image, last.center()) == empty
    assert calendar.accessibleDescription().startswith("0 days with a session from ")


def test_one_session_still_draws_the_whole_six_months(qtbot: QtBot) -> None:
    calendar = _calendar(qtbot, [DayMinutes(TODAY, 9.0, 1)])
    _shows_every_day(calendar, TODAY)
    image, background = _drawn(calendar)
    empty = _pixel(image, calendar.cell(calendar.first).center())
    done = _pixel(image, calendar.cell(TODAY).center())
    assert empty != background
    assert done not in (empty, background)
    assert calendar.cell(calendar.first).x() < calendar.cell(TODAY).x() - 20 * 20
    assert calendar.accessibleDescription().startswith("1 day with a session from ")
    assert calendar.tip(TODAY) == "Fri 29 May 2026: 9 min, 1 session"
    assert calendar.tip(TODAY - timedelta(days=3)) == "Tue 26 May 2026: nothing done"


def test_sessions_spread_over_the_months_are_each_shaded_on_their_day(qtbot: QtBot) -> None:
    rng = random.Random(5)
    first = TODAY - timedelta(days=CALENDAR_DAYS - 1)
    spread = [
        DayMinutes(first + timedelta(days=n), rng.uniform(5, 60), rng.choice((1, 2)))
        for n in range(0, CALENDAR_DAYS, 4)
    ]
    older = DayMinutes(first - timedelta(days=10), 30.0, 1)  # before the six months
    calendar = _calendar(qtbot, [older, *spread])
    _shows_every_day(calendar, TODAY)
    image, _ = _drawn(calendar)
    empty = _pixel(image, calendar.cell(first + timedelta(days=1)).center())
    for day in spread:
        assert _pixel(image, calendar.cell(day.day).center()) != empty
        assert calendar.minutes_on(day.day) == day.minutes
    assert calendar.minutes_on(older.day) == 0.0  # not drawn, not counted
    assert calendar.accessibleDescription().startswith(f"{len(spread)} days with a session")
    two = next(d for d in spread if d.sessions == 2)
    assert calendar.tip(two.day).endswith(f"{round(two.minutes)} min, 2 sessions")


def test_every_month_is_named_and_no_name_runs_into_the_next(qtbot: QtBot) -> None:
    # Six months from Thursday 27 November: December starts in the second week column,
    # where "Nov" would run into "Dec", so only the months with room are named.
    today = date(2025, 11, 27) + timedelta(days=CALENDAR_DAYS - 1)
    calendar = _calendar(qtbot, [], today)
    assert [text for _, text in month_labels(calendar.first, today)][:2] == ["Nov", "Dec"]
    labels = calendar.labels()
    assert [text for _, text in labels] == ["Dec", "Jan", "Feb", "Mar", "Apr", "May"]
    metrics = calendar.fontMetrics()
    for (x, text), (after, _) in pairwise(labels):
        assert x + metrics.horizontalAdvance(text) < after
    x, text = labels[-1]
    assert x + metrics.horizontalAdvance(text) <= calendar.width()
    assert QFont(calendar.font()).pixelSize() >= 15
    # a six months that start on the 1st name all six, the first over the first column
    june = _calendar(qtbot, [], date(2026, 6, 1) + timedelta(days=CALENDAR_DAYS - 1))
    # The locale's short month names (the tests run with British English: "Sept").
    assert [t for _, t in june.labels()] == ["Jun", "Jul", "Aug", "Sept", "Oct", "Nov"]


def test_the_cells_fit_a_narrow_window_and_grow_in_a_wide_one(qtbot: QtBot) -> None:
    calendar = _calendar(qtbot, [])
    calendar.resize(calendar.minimumSizeHint().width(), calendar.heightForWidth(100))
    small = calendar.cell(TODAY)
    assert calendar.rect().contains(small)
    calendar.resize(2000, calendar.heightForWidth(2000))
    large = calendar.cell(TODAY)
    assert calendar.rect().contains(large)
    assert large.width() > small.width()
    assert calendar.heightForWidth(2000) > calendar.heightForWidth(100)


def test_after_one_session_the_progress_page_shows_six_months(
    hwindow: MainWindow, clock: FakeClock, wall: Wall
) -> None:
    hwindow.preferences.ask_ratings = False
    wall.set(datetime(2026, 3, 2, 7, 0, tzinfo=ZONE))
    assert hwindow.open_routine("evening")
    hwindow.steps.start()
    run_through(hwindow, clock)
    assert hwindow.page is Page.COMPLETION
    hwindow.show_progress()
    calendar = hwindow.progress.page.overview.calendar
    _shows_every_day(calendar, date(2026, 3, 2))
    assert calendar.width() >= calendar.minimumSizeHint().width()
    assert hwindow.progress.page.overview.calendar_caption.text().startswith(
        "1 day with a session, "
    )
