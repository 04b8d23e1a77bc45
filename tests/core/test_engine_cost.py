"""A poll costs the same however long the plan is (issue 15.12): counted in work done, not in
time (benchmarks/engine_drift.py prints the time)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.core.plan import Cue, Plan

from .helpers import plan_of


class Counted(tuple):  # type: ignore[type-arg]
    """A plan's segments that count how many of them are looked at."""

    looked = 0

    def __getitem__(self, key: Any) -> Any:
        found = super().__getitem__(key)
        Counted.looked += len(found) if isinstance(key, slice) else 1
        return found

    def __iter__(self) -> Any:
        Counted.looked += len(self)
        return super().__iter__()


def plan_with(sets: int) -> Plan:
    plan = plan_of(
        f"""
        name: Many reps
        defaults: {{rest: 2, breathing: calm}}
        steps:
          - {{name: Hold, hold: 60, milestones: [10, 20, 30], prompts: [{{every: 5, say: Soft}}]}}
          - {{name: Bridge, reps: 500, tempo: 1, sets: {sets}}}
          - {{name: Release, kind: release, open: {{target: 30}}}}
        """
    )
    return dataclasses.replace(plan, segments=Counted(plan.segments))


def work_per_tick(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> tuple[float, float]:
    """Segments looked at and cue times worked out, per window tick (poll, snapshot and
    next_due every 0.1 s), over the first hold and then over reps in the middle."""
    timed = 0
    time_in = Cue.time_in

    def counting(self: Cue, duration: float, target: float | None = None) -> float:
        nonlocal timed
        timed += 1
        return time_in(self, duration, target)

    monkeypatch.setattr(Cue, "time_in", counting)
    clock = FakeClock(0.0)
    session = Session(plan, clock, wake_gap=1e9)
    session.start()
    Counted.looked, timed = 0, 0
    ticks = 0
    for _ in range(2):  # the hold, then reps halfway through the plan
        for _ in range(300):
            clock.advance(0.1)
            session.poll()
            session.snapshot()
            session.next_due()
            ticks += 1
        middle = len(plan.segments) // 2
        clock.now = plan.segments[middle].start
        session._enter(middle, clock.now)
    return Counted.looked / ticks, timed / ticks


def test_a_tick_does_the_same_work_on_a_plan_twenty_times_longer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small, large = plan_with(1), plan_with(20)
    assert len(large.segments) > 19 * len(small.segments)
    looked_small, timed_small = work_per_tick(small, monkeypatch)
    looked_large, timed_large = work_per_tick(large, monkeypatch)
    assert looked_large <= looked_small * 1.1 + 1
    assert timed_large <= timed_small * 1.1 + 1
    assert looked_small < 20 and timed_small < 5  # a few segments and cues, not all of them
