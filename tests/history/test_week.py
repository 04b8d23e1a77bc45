"""A simulated week of use on injected clocks, across a daylight-saving change: the
calendar, the streak, the ratings and release-time series, export, and import on a second
profile all tell the same story."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from psoas_timer.history import Area, HistoryStore, Point, routine_areas, wants_rating

from .conftest import CEST, CET, Wall, record, routine_of


def test_a_week_of_sessions(tmp_path: Path) -> None:
    wall = Wall()
    routine = routine_of()
    assert wants_rating(routine)
    areas = routine_areas(routine)
    assert [a.label for a in areas] == [
        "left psoas",
        "right psoas",
        "left low back",
        "right low back",
    ]
    # Monday 23 March 2026 to Sunday 29 March (clocks go forward in the night to Sunday),
    # morning sessions, Thursday off, two on Saturday; the left point releases faster.
    days = [0, 1, 2, 4, 5, 5, 6]
    with HistoryStore.open(tmp_path / "a" / "history.sqlite3", wall=wall) as store:
        store.set_weekly_goal(5)
        for n, day in enumerate(days):
            zone = CEST if day == 6 else CET
            hour = 7 if n != 5 else 19
            when = datetime(2026, 3, 23 + day, hour, 0, tzinfo=zone)
            sid = record(store, wall, when, release_after=(80 - 8 * n, 60))
            store.rate(sid, "before", {a: 7 - n // 2 for a in areas})
            store.rate(sid, "after", {a: 4 - n // 3 for a in areas})
        sunday = date(2026, 3, 29)
        progress = store.progress(sunday, days=31)

        # The calendar: one entry per day with a session, Saturday's two added up.
        assert [d.day.day for d in progress.days] == [23, 24, 25, 27, 28, 29]
        assert [d.sessions for d in progress.days] == [1, 1, 1, 1, 2, 1]
        saturday = store.sessions(since=date(2026, 3, 28), until=date(2026, 3, 28))
        assert len(saturday) == 2
        assert abs(progress.days[4].minutes - sum(s.active_seconds for s in saturday) / 60) < 1e-6
        # Thursday off is within a 5-day goal: six days in the streak, this week six.
        assert (progress.streak.current, progress.streak.this_week) == (6, 6)
        assert progress.streak.today_done
        # With a daily goal, Thursday breaks it.
        daily = store.streak(sunday, goal=7)
        assert (daily.current, daily.longest) == (3, 3)

        left = Area("psoas", "left")
        pain = store.pain_series(left)
        assert [(p.before, p.after) for p in pain] == [
            (7, 4),
            (7, 4),
            (6, 4),
            (6, 3),
            (5, 3),
            (5, 3),
            (4, 2),
        ]
        point = Point("psoas-ball-release", "Psoas release", "left")
        assert point in progress.points
        times = [round(s.seconds) for s in store.release_series(point)]
        assert times == [80, 72, 64, 56, 48, 40, 32]
        assert store.sessions()[0].started.utcoffset() == timedelta(hours=2)

        export = tmp_path / "week.csv"
        assert store.export(export) == 7

    with HistoryStore.open(tmp_path / "b" / "history.sqlite3") as second:
        assert second.import_file(export).added == 7
        again = second.progress(sunday, days=31)
        assert again.days == progress.days
        assert again.streak == progress.streak
        assert [round(s.seconds) for s in second.release_series(point)] == times
        assert second.pain_series(left) == pain
