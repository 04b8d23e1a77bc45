"""The weekly check-in is offered once a week, and never again once turned off."""

from __future__ import annotations

from datetime import timedelta

from psoas_timer.history import ActivityScore, HistoryStore
from psoas_timer.history.checkin import checkin_due, checkins_offered, set_checkins_offered

from .conftest import Wall


def test_offered_a_week_after_the_last_one_until_turned_off(
    store: HistoryStore, wall: Wall
) -> None:
    today = wall.now.date()
    assert checkin_due(store, today)  # none yet
    store.add_checkin([ActivityScore("Sitting", 4)], 0)
    assert not checkin_due(store, today)
    assert not checkin_due(store, today + timedelta(days=6))
    assert checkin_due(store, today + timedelta(days=7))
    set_checkins_offered(store, False)
    assert not checkins_offered(store)
    assert not checkin_due(store, today + timedelta(days=30))
    set_checkins_offered(store, True)
    assert checkin_due(store, today + timedelta(days=30))
