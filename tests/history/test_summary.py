"""The completion screen's change since last time: each area's after rating now and before."""

from __future__ import annotations

from datetime import datetime, timedelta

from psoas_timer.history import Area, HistoryStore, rating_changes

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)
LEFT = Area("psoas", "left")


def test_the_after_ratings_are_compared_with_the_previous_session(
    store: HistoryStore, wall: Wall
) -> None:
    first = record(store, wall, MON)
    store.rate(first, "after", {LEFT: 5})
    second = record(store, wall, MON + timedelta(days=1))
    store.rate(second, "after", {LEFT: 3, Area("low back"): 2})
    detail = store.session(second)
    assert detail is not None
    changes = rating_changes(detail, store.previous_session(second))
    assert [(c.area, c.now, c.previous, c.delta) for c in changes] == [
        (LEFT, 3, 5, -2),
        (Area("low back"), 2, None, None),
    ]


def test_the_first_session_has_nothing_to_compare_with(store: HistoryStore, wall: Wall) -> None:
    sid = record(store, wall, MON)
    store.rate(sid, "after", {LEFT: 4})
    detail = store.session(sid)
    assert detail is not None
    assert store.previous_session(sid) is None
    assert [c.delta for c in rating_changes(detail)] == [None]


def test_a_session_knows_how_many_of_its_steps_were_done(store: HistoryStore, wall: Wall) -> None:
    sid = record(store, wall, MON, stop_after=100)  # into the first release
    detail = store.session(sid)
    assert detail is not None
    s = detail.summary
    assert (s.steps_done, s.steps_skipped, s.steps_planned) == (1, 1, 3)
