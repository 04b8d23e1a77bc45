"""The player's one scheduler: items handed over in time order, the timer only while waiting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from psoas_timer.audio.schedule import Schedule
from psoas_timer.core.clock import FakeClock


def test_items_come_due_in_time_order_and_the_timer_stops_when_none_wait(qtbot: Any) -> None:
    clock, owner, got = FakeClock(), QObject(), []
    schedule: Schedule[str] = Schedule(owner, clock, got.append, early=0.002)
    schedule.add(clock() + 0.5, "later")
    schedule.add(clock() + 0.2, "sooner")
    schedule.add(clock() + 0.2, "sooner, added second")
    assert schedule.timer.isActive() and 190 <= schedule.timer.interval() <= 200
    clock.advance(0.199)  # within *early* of the first two
    schedule.run_due()
    assert got == ["sooner", "sooner, added second"]
    assert len(schedule) == 1 and schedule.timer.isActive()
    clock.advance(0.3)
    schedule.run_due()
    assert got == ["sooner", "sooner, added second", "later"]
    assert not schedule.timer.isActive()


def test_clear_forgets_everything_and_stops_the_timer(qtbot: Any) -> None:
    clock, owner, got = FakeClock(), QObject(), []
    schedule: Schedule[int] = Schedule(owner, clock, got.append, early=0.001)
    schedule.add(clock() + 1, 1)
    schedule.clear()
    assert schedule.pending() == [] and not schedule.timer.isActive()
    clock.advance(2)
    schedule.run_due()
    assert got == []
