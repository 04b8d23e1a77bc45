"""Desk breaks on a simulated monotonic clock and a simulated idle time."""

from __future__ import annotations

import pytest

from psoas_timer.core.clock import FakeClock
from psoas_timer.practice.deskbreak import DeskBreakSettings, DeskBreakTimer, Event


class Desk:
    def __init__(self, idle_known: bool = True, **options: object) -> None:
        self.clock = FakeClock(0.0)
        self.idle: float | None = 0.0 if idle_known else None
        settings = DeskBreakSettings(enabled=True, **options)  # type: ignore[arg-type]
        self.timer = DeskBreakTimer(settings, self.clock, lambda: self.idle, break_seconds=300)
        self.events: list[tuple[int, Event]] = []

    def work(self, seconds: float, step: float = 10, **state: bool) -> None:
        """*seconds* of polls every *step* seconds, noting each event and when (in s)."""
        end = self.clock.now + seconds
        while self.clock.now < end:
            self.clock.advance(step)
            if self.idle is not None and state.pop("away", False):
                self.idle += step
            event = self.timer.poll(**state)
            if event is not None:
                self.events.append((round(self.clock.now), event))


def test_notice_thirty_seconds_ahead_then_the_break() -> None:
    desk = Desk()
    desk.work(50 * 60 + 60)
    assert desk.events == [(50 * 60 - 30, Event.NOTICE), (50 * 60, Event.DUE)]
    assert desk.timer.waiting


def test_snooze_offers_it_again_after_five_minutes_without_a_second_notice() -> None:
    desk = Desk(every_minutes=20)
    desk.work(20 * 60)
    desk.timer.snooze()
    desk.events.clear()
    desk.work(6 * 60)
    assert desk.events == [(25 * 60, Event.DUE)]


def test_skip_and_start_begin_a_new_count() -> None:
    desk = Desk(every_minutes=20)
    desk.work(20 * 60)
    desk.timer.skip()
    desk.events.clear()
    desk.work(20 * 60)
    assert desk.events == [(40 * 60 - 30, Event.NOTICE), (40 * 60, Event.DUE)]
    desk.timer.started()
    assert desk.timer.used == 0


def test_time_away_longer_than_the_break_resets_the_count() -> None:
    desk = Desk(every_minutes=20)
    desk.work(15 * 60)
    for _ in range(31):  # 310 s idle: longer than the 300 s break
        desk.idle = (desk.idle or 0) + 10
        desk.clock.advance(10)
        assert desk.timer.poll() is None
    desk.idle = 0.0
    assert desk.timer.used < 60
    desk.work(20 * 60)
    assert desk.events[-1][1] is Event.DUE
    assert desk.events[-1][0] == 15 * 60 + 310 + 20 * 60


def test_a_short_absence_neither_counts_nor_resets() -> None:
    desk = Desk(every_minutes=20)
    desk.work(10 * 60)
    for _ in range(18):  # three minutes away: shorter than the break
        desk.idle = (desk.idle or 0) + 10
        desk.clock.advance(10)
        assert desk.timer.poll() is None
    desk.idle = 0.0
    desk.work(10 * 60 + 60)
    # Idle under a minute still counts (50 s of it); the other 130 s away do not.
    assert desk.events[-1] == (20 * 60 + 130, Event.DUE)


def test_sleep_longer_than_the_break_resets_even_without_idle_time() -> None:
    desk = Desk(idle_known=False, every_minutes=20)
    desk.work(15 * 60)
    desk.clock.advance(3600)  # the lid was closed: one long gap between polls
    assert desk.timer.poll() is None
    assert desk.timer.used == 0


def test_without_idle_time_plain_time_counts() -> None:
    desk = Desk(idle_known=False, every_minutes=20)
    desk.work(20 * 60)
    assert desk.events == [(20 * 60 - 30, Event.NOTICE), (20 * 60, Event.DUE)]


def test_never_during_a_session_or_a_pause_and_a_full_screen_window_delays_it() -> None:
    desk = Desk(every_minutes=20)
    desk.work(30 * 60, session_running=True)
    desk.work(30 * 60, paused=True)
    assert desk.events == []
    desk.work(25 * 60, fullscreen=True)
    assert desk.events == []
    desk.work(10)
    assert desk.events == [(85 * 60 + 10, Event.DUE)]


def test_off_means_nothing() -> None:
    clock = FakeClock(0.0)
    timer = DeskBreakTimer(DeskBreakSettings(enabled=False), clock, lambda: None)
    clock.advance(5 * 3600)
    assert timer.poll() is None


def test_an_interval_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="5 to 240"):
        DeskBreakSettings(every_minutes=2)
