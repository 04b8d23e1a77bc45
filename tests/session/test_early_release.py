"""Ending an open hold before its minimum takes a second press within a few seconds."""

from __future__ import annotations

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, Snapshot
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import compile_plan
from psoas_timer.session.early_release import EARLY_RELEASE_WINDOW, EarlyRelease

HOLD = """\
name: One hold
defaults: {prepare: 0}
steps:
  - name: Psoas release
    kind: release
    open: {min: 10, target: 30, max: 60}
    breathing: none
"""


def _held(clock: FakeClock, seconds: float) -> tuple[Session, Snapshot]:
    session = Session(compile_plan(load_routine_text(HOLD, "hold.yaml")), clock)
    session.start()
    clock.advance(seconds)
    session.poll()
    return session, session.snapshot()


def test_before_the_minimum_the_first_press_asks_and_the_second_ends() -> None:
    clock = FakeClock()
    rule = EarlyRelease(clock)
    session, snap = _held(clock, 3)
    assert snap.segment.open is not None
    assert rule.press(snap) == 10  # only asks
    assert rule.minimum(snap) == 10  # the hint shows
    clock.advance(1)
    assert rule.press(session.snapshot()) is None  # the second press ends it


def test_a_second_press_too_late_asks_again() -> None:
    clock = FakeClock()
    rule = EarlyRelease(clock)
    session, snap = _held(clock, 1)
    assert rule.press(snap) == 10
    clock.advance(EARLY_RELEASE_WINDOW + 0.1)
    session.poll()
    assert rule.minimum(session.snapshot()) is None  # the hint has gone
    assert rule.press(session.snapshot()) == 10


def test_after_the_minimum_one_press_ends_the_hold() -> None:
    clock = FakeClock()
    _, snap = _held(clock, 12)
    assert EarlyRelease(clock).press(snap) is None


def test_nothing_is_asked_outside_an_open_hold_or_after_a_reset() -> None:
    clock = FakeClock()
    rule = EarlyRelease(clock)
    assert rule.press(None) is None
    _, snap = _held(clock, 2)
    assert rule.press(snap) == 10
    rule.reset()
    assert rule.minimum(snap) is None
