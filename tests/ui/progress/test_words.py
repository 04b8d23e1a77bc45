"""The sentences the window shows from the history (no window needed)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from psoas_timer.history import (
    Area,
    LastDone,
    Rating,
    Release,
    RoutineSource,
    SessionDetail,
    SessionSummary,
)
from psoas_timer.ui.progress.words import change_lines, day_words, last_done_line

ZONE = timezone(timedelta(hours=1))


def _summary(day: int, ending: str = "completed") -> SessionSummary:
    started = datetime(2026, 3, day, 7, 10, tzinfo=ZONE)
    return SessionSummary(
        id=f"s{day}",
        routine=RoutineSource("Evening release"),
        started=started,
        ended=started + timedelta(minutes=15),
        planned_seconds=900,
        active_seconds=880,
        paused_seconds=0,
        ending=ending,  # type: ignore[arg-type]
        steps_done=3,
        steps_skipped=0,
        note="",
    )


def _release(side: str, seconds: float) -> Release:
    return Release(1, "psoas", "psoas-ball-release", side, 1, seconds, 30, 60, 90, "released")  # type: ignore[arg-type]


def _detail(day: int, after: int, left: float, right: float) -> SessionDetail:
    return SessionDetail(
        _summary(day),
        (),
        (_release("left", left), _release("right", right)),
        (Rating("after", Area("psoas", "left"), after),),
    )


def test_day_words() -> None:
    today = date(2026, 3, 10)
    assert day_words(today, today) == "today"
    assert day_words(date(2026, 3, 9), today) == "yesterday"
    assert day_words(date(2026, 3, 6), today) == "4 days ago"
    assert day_words(date(2026, 2, 1), today) == "on 1 February 2026"


def test_last_done_line_names_the_day_the_time_and_each_release() -> None:
    last = LastDone(_summary(9), (_release("left", 100), _release("right", 130)), ())
    assert last_done_line(last, date(2026, 3, 10)) == (
        "Last done yesterday at 07:10 · psoas: left released in 1:40, right in 2:10"
    )
    stopped = LastDone(_summary(9, "stopped"), (), ())
    assert last_done_line(stopped, date(2026, 3, 9)) == "Last done today at 07:10 (stopped early)"
    assert last_done_line(None, date(2026, 3, 9)) == "Not done yet."


def test_change_since_the_previous_session() -> None:
    now, then = _detail(10, 3, 90, 130), _detail(9, 5, 100, 120)
    assert change_lines(now, then) == [
        "Left psoas after: 2 lower than last time (5 → 3)",
        "Left psoas: released 0:10 faster (1:40 → 1:30)",
        "Right psoas: released 0:10 slower (2:00 → 2:10)",
    ]
    assert change_lines(now, None) == ["This is the first time this routine is recorded."]
