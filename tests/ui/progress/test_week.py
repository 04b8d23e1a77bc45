"""A week of sessions through the real window on injected clocks: each recorded as it
happens, rated before and after, and shown on the completion screen, the routine page and
the Progress page."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history import Area, HistoryStore
from psoas_timer.ui.progress.charts import ProgressChart
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.progress.conftest import ZONE, Wall, rate, run_through


def _day(n: int) -> datetime:
    return datetime(2026, 3, 2, 7, 0, tzinfo=ZONE) + timedelta(days=n)


def test_a_week_of_sessions_is_recorded_rated_and_shown(
    hwindow: MainWindow, qtbot: QtBot, clock: FakeClock, wall: Wall, history_path: Path
) -> None:
    window = hwindow
    assert window.open_routine("evening")
    assert window.routine.history.text() == "Not done yet."
    for n in range(7):
        wall.set(_day(n))
        window.steps.start()
        # The areas of the release work (the stretch's are left out), by side.
        assert window.page is Page.RATING
        assert [f.area.label for f in window.rating.fields] == [
            "left psoas", "right psoas", "left low back", "right low back",
        ]  # fmt: skip
        pain = str(7 - n)
        rate(qtbot, window, [pain, pain, "8", "8"], note=f"day {n + 1}" if n == 0 else "")
        assert window.page is Page.PLAYER
        run_through(window, clock, release_after=50 - 5 * n)
        assert window.page is Page.RATING
        assert window.rating.moment == "after"
        rate(qtbot, window, [str(max(0, 5 - n)), str(max(0, 5 - n)), "3", "3"])
        assert window.page is Page.COMPLETION
        after = window.completion.section("after")
        assert after[0] == f"Left psoas: {max(0, 5 - n)} ({7 - n} before)"
        change = window.completion.section("change")
        if n == 0:
            assert change == ["This is the first time this routine is recorded."]
        else:
            assert "Left psoas after: 1 lower than last time" in change[0] or n > 5
            assert any("released 0:05 faster (" in line for line in change), change
        window.show_library()
        assert window.open_routine("evening")
        line = window.routine.history.text()
        assert line.startswith("Last done today at 07:00 · Psoas release: left released in 0:")

    # On the eighth day, the routine page says yesterday and last time's release times.
    wall.set(_day(7))
    window.open_routine("evening")
    assert window.routine.history.text() == (
        "Last done yesterday at 07:00 · Psoas release: left released in 0:20, right in 0:20"
    )
    window.commands.progress.trigger()
    assert window.page is Page.PROGRESS
    page = window.progress.page
    assert page.streak.text() == "7"
    assert page.total.text() == "7"
    assert page.overview.calendar.minutes_on(_day(3).date()) > 1
    assert page.overview.calendar.minutes_on(_day(7).date()) == 0
    assert page.overview.routines.item(0, 0).text() == "Evening release"
    assert page.overview.routines.item(0, 1).text() == "7"
    assert len(page.sessions.listed_ids()) == 7
    assert "Note: day 1" in _detail_of_last(page)
    page.tabs.setCurrentWidget(page.charts)
    pain = page.charts.pain_chart
    assert isinstance(pain, ProgressChart)
    # The area rated most recently (the first asked), not the first by name (low back).
    assert page.charts.area_choice.currentText() == "Left psoas"
    assert [y for _, y in pain.points["Before"]] == [7, 6, 5, 4, 3, 2, 1]
    page.charts.area_choice.setCurrentIndex(page.charts.area_choice.findText("Left low back"))
    assert [y for _, y in pain.points["Before"]] == [8] * 7
    releases = page.charts.release_chart
    assert isinstance(releases, ProgressChart)
    assert [round(y * 60) for _, y in releases.points["Minutes to release"]] == [
        50, 45, 40, 35, 30, 25, 20,
    ]  # one point on one side: the first in the list  # fmt: skip
    window.grab()  # drawn without a warning
    with HistoryStore.open(history_path) as store:
        sessions = store.sessions()
        assert [s.ending for s in sessions] == ["completed"] * 7
        first = store.session(sessions[-1].id)
        assert first is not None
        assert first.ratings_at("before")[Area("psoas", "left")] == 7
        assert first.ratings_at("before")[Area("low back", "right")] == 8
        assert first.summary.note == "day 1"


def _detail_of_last(page: object) -> str:
    from psoas_timer.ui.progress.progress_view import ProgressView

    assert isinstance(page, ProgressView)
    page.sessions.session_list.setCurrentItem(page.sessions.session_list.topLevelItem(6))
    return page.sessions.detail.toPlainText()
