"""The clinician's report as data (no Qt): adherence per week against the goal and the
programme, pain first/last/change per area, release time first/last/trend per point, notes
and check-ins, all within the period asked for."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from psoas_timer import i18n
from psoas_timer.history import ActivityScore, Area, HistoryStore
from psoas_timer.history.report import adherence_rows, build_report

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)  # a Monday
LEFT = Area("psoas", "left")
BACK = Area("low back")


class Plan:
    """A programme of the routine ``evening`` on Monday, Wednesday and Friday."""

    name = "Three evenings"

    def routine_on(self, weekday: int) -> str | None:
        return "evening" if weekday in (0, 2, 4) else None


@pytest.fixture
def history(store: HistoryStore, wall: Wall) -> HistoryStore:
    """Two weeks: Mon, Wed, Fri, Sat, then Mon and Wed; pain in the left psoas falling from
    7 to 3 (before) and the low back from 5 to 4; releases quicker each time."""
    days = [0, 2, 4, 5, 7, 9]
    for n, day in enumerate(days):
        sid = record(
            store, wall, MON + timedelta(days=day), release_after=(80.0 - 6 * n, 90.0 - 5 * n)
        )
        store.rate(sid, "before", {LEFT: 7 - round(4 * n / 5), BACK: 5 if n < 3 else 4})
        store.rate(sid, "after", {LEFT: 5 - round(3 * n / 5)})
        if n == 3:
            store.set_note(sid, "Long drive, stiff left side")
    wall.now = MON + timedelta(days=6, hours=12)
    store.add_checkin([ActivityScore("Sitting an hour", 3), ActivityScore("Socks", 6)], 0)
    wall.now = MON + timedelta(days=13, hours=12)
    store.add_checkin([ActivityScore("Sitting an hour", 6), ActivityScore("Socks", 7)], 2)
    return store


def test_adherence_per_week_against_the_goal_and_the_programme(history: HistoryStore) -> None:
    history.set_weekly_goal(3)
    report = build_report(history, MON.date(), MON.date() + timedelta(days=13), programme=Plan())
    assert [(w.monday, w.days, w.sessions, w.planned, w.planned_done) for w in report.weeks] == [
        (date(2026, 3, 2), 4, 4, 3, 3),  # the sessions' file is evening.yaml: key "evening"
        (date(2026, 3, 9), 2, 2, 3, 2),  # Friday the 13th not done
    ]
    assert report.programme == "Three evenings"
    assert [w.met for w in report.weeks] == [True, False]
    rows = adherence_rows(report)
    assert [(r.label, r.days, r.goal_days) for r in rows] == [
        ("Week of 2 Mar 2026", 4, 3),
        ("Week of 9 Mar 2026", 2, 3),
    ]
    assert report.sessions == 6 and report.completed == 6


def test_the_weeks_are_named_in_the_users_language_and_way(
    history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.set_weekly_goal(3)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    i18n.set_language("de")
    report = build_report(history, MON.date(), MON.date() + timedelta(days=13))
    assert [r.label for r in adherence_rows(report)] == [
        "Woche vom 2. März 2026",
        "Woche vom 9. März 2026",
    ]


def test_pain_first_last_and_whether_the_change_matters(history: HistoryStore) -> None:
    report = build_report(history)
    rows = {row.area: row for row in report.areas}
    left = rows[LEFT]
    assert (left.first_before, left.last_before) == (7, 3)
    assert left.change_before is not None and left.change_before.direction == "better"
    assert (left.first_after, left.last_after) == (5, 2)
    back = rows[BACK]
    assert (back.first_before, back.last_before) == (5, 4)
    assert back.change_before is not None and back.change_before.direction == "same"
    assert back.first_after is None and back.change_after is None
    assert left.chart.change is not None and back.chart.change is None


def test_release_time_first_last_and_trend(history: HistoryStore) -> None:
    report = build_report(history)
    (left,) = [p for p in report.points if p.point.side == "left"]
    assert round(left.first) == 80 and round(left.last) == 50
    assert left.holds == 6
    assert left.trend_per_week is not None and left.trend_per_week < -10


def test_the_period_keeps_to_its_dates(history: HistoryStore) -> None:
    report = build_report(history, MON.date() + timedelta(days=7), MON.date() + timedelta(days=8))
    assert report.sessions == 1
    assert report.notes == ()
    assert [c.impression for c in report.checkins] == []
    rows = {row.area: row for row in report.areas}
    assert rows[LEFT].first_before == rows[LEFT].last_before == 4  # the 5th session only
    assert rows[LEFT].change_before is None  # one day: no change to speak of


def test_notes_and_checkins_with_the_activities_change(history: HistoryStore) -> None:
    report = build_report(history, name="  Alex ", note=" from the clinic ")
    assert (report.name, report.note) == ("Alex", "from the clinic")
    assert [n.note for n in report.notes] == ["Long drive, stiff left side"]
    assert [c.impression for c in report.checkins] == [0, 2]
    sitting, socks = report.activities
    assert (sitting.first, sitting.last) == (3, 6)
    assert sitting.change is not None and sitting.change.direction == "better"
    assert socks.change is not None and socks.change.direction == "same"


def test_a_long_history_is_summed_up_by_month() -> None:
    from psoas_timer.history.chart_series import activity_chart
    from psoas_timer.history.report import Report, WeekRow

    start = date(2026, 1, 5)
    weeks = tuple(
        WeekRow(start + timedelta(days=7 * n), start + timedelta(days=7 * n),
                start + timedelta(days=7 * n + 6), 3, 5, 3, 60.0)
        for n in range(20)
    )  # fmt: skip
    report = Report("", "", start, weeks[-1].last, datetime(2026, 6, 1, tzinfo=CET), 5, None,
                    60, 60, 0.0, weeks, (), (), (), (), (), activity_chart([]))  # fmt: skip
    rows = adherence_rows(report)
    assert [r.label for r in rows] == ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026"]
    assert sum(r.days for r in rows) == 60
