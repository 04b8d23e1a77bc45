"""The completion screen's facts: labelled counts, releases, the change since last time,
and "Well done" only when most of the routine was done."""

from __future__ import annotations

from datetime import datetime, timedelta

from psoas_timer.history import Area, HistoryStore, completion

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)
LEFT = Area("psoas", "left")


def test_a_completed_session_is_well_done_and_shows_the_change(
    store: HistoryStore, wall: Wall
) -> None:
    first = record(store, wall, MON)
    store.rate(first, "after", {LEFT: 5})
    second = record(store, wall, MON + timedelta(days=1), release_after=(30, 40))
    store.rate(second, "after", {LEFT: 3, Area("low back"): 2})
    detail, previous = store.session(second), store.previous_session(second)
    assert detail is not None
    done = completion(detail, previous)
    assert (done.steps_done, done.steps_skipped, done.steps_planned) == (3, 0, 3)
    assert done.well_done
    assert [round(r.seconds) for r in done.releases] == [30, 40]
    assert [(c.area, c.now, c.previous, c.delta) for c in done.changes] == [
        (LEFT, 3, 5, -2),
        (Area("low back"), 2, None, None),
    ]
    assert done.active_seconds == detail.summary.active_seconds


def test_a_session_stopped_early_is_not_well_done(store: HistoryStore, wall: Wall) -> None:
    sid = record(store, wall, MON, stop_after=100)  # into the first release
    detail = store.session(sid)
    assert detail is not None
    done = completion(detail)
    assert (done.steps_done, done.steps_skipped, done.steps_planned) == (1, 1, 3)
    assert not done.well_done
    assert done.changes == ()
