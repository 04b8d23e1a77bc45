"""Reminders on simulated clocks: two weeks that cross a daylight-saving change, played in
30-second polls, must give exactly the expected notifications."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from psoas_timer.practice.clocks import SimulatedClocks
from psoas_timer.practice.schedule import (
    PROGRAMME_TARGET,
    Due,
    Reminder,
    ReminderSchedule,
)

BERLIN = ZoneInfo("Europe/Berlin")  # summer time began 2026-03-29 at 02:00 (to 03:00)


class FakeHistory:
    def __init__(self) -> None:
        self.done: dict[date, set[str]] = {}

    def sessions_done_on(self, day: date) -> set[str]:
        return set(self.done.get(day, set()))


class Sim:
    """Polls the schedule every *step* seconds and writes down what it says."""

    def __init__(self, schedule: ReminderSchedule, clocks: SimulatedClocks) -> None:
        self.schedule = schedule
        self.clocks = clocks
        self.log: list[str] = []
        self.last: list[Due] = []

    def at(self, month: int, day: int, hour: int, minute: int = 0) -> datetime:
        return self.clocks.localize(datetime(2026, month, day, hour, minute))

    def run_until(self, when: datetime, step: float = 30) -> None:
        while self.clocks.now() < when:
            self.clocks.advance(min(step, (when - self.clocks.now()).total_seconds()))
            self.poll()

    def sleep_until(self, when: datetime) -> None:
        """Asleep: time passes with no poll at all, then one on waking."""
        self.clocks.advance((when - self.clocks.now()).total_seconds())
        self.poll()

    def poll(self) -> None:
        self.last = self.schedule.poll()
        for due in self.last:
            flags = ("late " if due.late else "") + ("snoozed " if due.snoozed else "")
            stamp = self.clocks.now().strftime("%a %d %H:%M %Z")
            self.log.append(f"{stamp} {due.reminder.id} {flags}".strip())


def reminder(rid: str, target: str, days: str, at: str) -> Reminder:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    chosen = range(7) if days == "daily" else [names.index(d) for d in days.split(",")]
    hour, minute = map(int, at.split(":"))
    return Reminder(rid, target, frozenset(chosen), time(hour, minute))


@pytest.fixture
def sim() -> Sim:
    clocks = SimulatedClocks(datetime(2026, 3, 23, 0, 0), BERLIN)  # a Monday
    history = FakeHistory()
    schedule = ReminderSchedule(clocks, history)
    schedule.set_reminders(
        [
            reminder("psoas", "daily-psoas", "daily", "18:00"),
            reminder("core", "core-strength", "mon,wed,fri", "07:30"),
            reminder("night", "breathing", "sun", "02:30"),  # inside the spring-forward gap
        ]
    )
    result = Sim(schedule, clocks)
    result.history = history  # type: ignore[attr-defined]
    return result


def test_two_weeks_give_exactly_the_expected_reminders(sim: Sim) -> None:
    s, at = sim.schedule, sim.at
    history: FakeHistory = sim.history  # type: ignore[attr-defined]
    # Mon 23: core at 07:30, snoozed "in 10 minutes", comes back once at 07:40.
    sim.run_until(at(3, 23, 7, 30))
    s.snooze("core")
    # Tue 24: psoas at 18:00, skipped for today (a snooze before it is dropped too).
    sim.run_until(at(3, 24, 18, 0))
    s.snooze("psoas")
    s.skip_today("psoas")
    # Wed 25: the daily routine is done at noon, so no 18:00 reminder for it.
    sim.run_until(at(3, 25, 12, 0))
    history.done[date(2026, 3, 25)] = {"daily-psoas"}
    # Thu 26, 17:00: the lid closes until Fri 09:00. Thursday's 18:00 is an earlier day's
    # (dropped); Friday's 07:30 comes once, late.
    sim.run_until(at(3, 26, 17, 0))
    sim.sleep_until(at(3, 27, 9, 0))
    # Sat 28: asleep from 17:50 to 20:00: the 18:00 one comes once on waking.
    sim.run_until(at(3, 28, 17, 50))
    sim.sleep_until(at(3, 28, 20, 0))
    # Sun 29: daylight saving starts; 02:30 does not exist, the night reminder comes at 03:30.
    # Mon 30, 07:00: paused for the rest of the day: neither Monday reminder.
    sim.run_until(at(3, 30, 7, 0))
    s.pause_rest_of_day()
    # Wed 1, 17:30: paused for an hour: 18:00 is dropped, not kept for 18:30.
    sim.run_until(at(4, 1, 17, 30))
    s.pause_for(3600)
    # Thu 2, 10:00: paused until resumed; resumed Fri 3 at 12:00.
    sim.run_until(at(4, 2, 10, 0))
    s.pause_until_resumed()
    sim.run_until(at(4, 3, 12, 0))
    assert s.paused
    s.resume()
    sim.run_until(at(4, 6, 12, 0))

    assert sim.log == [
        "Mon 23 07:30 CET core",
        "Mon 23 07:40 CET core snoozed",
        "Mon 23 18:00 CET psoas",
        "Tue 24 18:00 CET psoas",
        "Wed 25 07:30 CET core",
        # (nothing on Thu 26: asleep at 18:00, and that day is over on waking)
        "Fri 27 09:00 CET core late",
        "Fri 27 18:00 CET psoas",
        "Sat 28 20:00 CET psoas late",
        "Sun 29 03:30 CEST night",
        "Sun 29 18:00 CEST psoas",
        "Tue 31 18:00 CEST psoas",
        "Wed 01 07:30 CEST core",
        # (nothing on Mon 30, Wed 1 at 18:00, Thu 2, or Fri 3 at 07:30: paused)
        "Fri 03 18:00 CEST psoas",
        "Sat 04 18:00 CEST psoas",
        "Sun 05 02:30 CEST night",
        "Sun 05 18:00 CEST psoas",
        "Mon 06 07:30 CEST core",
    ]


def test_a_time_that_happens_twice_reminds_once() -> None:
    clocks = SimulatedClocks(datetime(2026, 10, 24, 12, 0), BERLIN)  # 25 Oct: 03:00 → 02:00
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders([reminder("night", "breathing", "daily", "02:30")])
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(10, 26, 12, 0))
    assert sim.log == ["Sun 25 02:30 CEST night", "Mon 26 02:30 CET night"]


def test_a_week_asleep_gives_one_notification_not_a_burst() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 1, 12, 0), BERLIN)  # a Friday
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders(
        [
            reminder("psoas", "daily-psoas", "daily", "18:00"),
            reminder("evening", "breathing", "daily", "19:00"),
            reminder("core", "core-strength", "mon,wed,fri", "07:30"),
        ]
    )
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(5, 1, 17, 0))
    sim.sleep_until(sim.at(5, 8, 20, 30))  # the next Friday evening
    assert sim.log == ["Fri 08 20:30 CEST evening late"]
    sim.run_until(sim.at(5, 9, 19, 0))
    assert sim.log[1:] == ["Sat 09 18:00 CEST psoas", "Sat 09 19:00 CEST evening"]


def test_reminders_at_the_same_time_each_come_on_time() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 17, 0), BERLIN)
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders(
        [
            reminder("a", "daily-psoas", "daily", "18:00"),
            reminder("b", "breathing", "daily", "18:00"),
        ]
    )
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(5, 4, 18, 1))
    assert sorted(sim.log) == ["Mon 04 18:00 CEST a", "Mon 04 18:00 CEST b"]


def test_a_reminder_set_after_its_time_starts_tomorrow() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 19, 0), BERLIN)
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders([reminder("a", "daily-psoas", "daily", "18:00")])
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(5, 5, 18, 1))
    assert sim.log == ["Tue 05 18:00 CEST a"]


def test_a_changed_time_does_not_fire_at_once() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 17, 0), BERLIN)
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders([reminder("a", "daily-psoas", "daily", "20:00")])
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(5, 4, 19, 0))
    schedule.set_reminders([reminder("a", "daily-psoas", "daily", "18:30")])  # already past
    sim.run_until(sim.at(5, 5, 18, 31))
    assert sim.log == ["Tue 05 18:30 CEST a"]


def test_state_kept_between_runs_gives_a_missed_reminder_once() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 12, 0), BERLIN)
    first = ReminderSchedule(clocks)
    first.set_reminders([reminder("a", "daily-psoas", "daily", "18:00")])
    Sim(first, clocks).run_until(first.clocks.localize(datetime(2026, 5, 4, 17, 0)))
    kept = first.state()
    # The app is closed at 17:00 and started again (from login) at 18:30.
    clocks.advance(90 * 60)
    second = ReminderSchedule(clocks)
    second.restore(kept)
    second.set_reminders([reminder("a", "daily-psoas", "daily", "18:00")])
    sim = Sim(second, clocks)
    sim.poll()
    sim.run_until(sim.at(5, 4, 23, 0))
    assert sim.log == ["Mon 04 18:30 CEST a late"]


def test_a_pause_is_kept_between_runs_and_bad_state_is_ignored() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 12, 0), BERLIN)
    first = ReminderSchedule(clocks)
    first.pause_rest_of_day()
    second = ReminderSchedule(clocks)
    second.restore(first.state())
    assert second.paused
    assert second.paused_until == clocks.localize(datetime(2026, 5, 5, 0, 0))
    third = ReminderSchedule(clocks)
    third.restore({"handled": {"a": "not a date"}, "pause_until": "soon", "skipped": 3})
    assert not third.paused
    assert third.state()["handled"] == {}


def test_a_snooze_does_not_carry_into_the_next_day() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 23, 0), BERLIN)
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders([reminder("a", "breathing", "mon", "23:55")])
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(5, 4, 23, 55))
    schedule.snooze("a")
    sim.run_until(sim.at(5, 5, 1, 0))
    assert sim.log == ["Mon 04 23:55 CEST a"]


def test_programme_reminders_follow_todays_session() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 0, 0), BERLIN)  # a Monday
    history = FakeHistory()
    plan = {0: "core-and-glutes", 2: "core-and-glutes", 4: "core-and-glutes"}

    def resolve(target: str, day: date) -> str | None:
        return plan.get(day.weekday()) if target == PROGRAMME_TARGET else target

    schedule = ReminderSchedule(clocks, history, resolve)
    schedule.set_reminders([reminder("p", PROGRAMME_TARGET, "daily", "07:00")])
    history.done[date(2026, 5, 6)] = {"core-and-glutes"}  # Wednesday done before 07:00
    sim = Sim(schedule, clocks)
    sim.run_until(sim.at(5, 10, 23, 0))
    assert sim.log == ["Mon 04 07:00 CEST p", "Fri 08 07:00 CEST p"]
    assert sim.last == []


def test_next_time_is_shown_for_the_next_occurrence() -> None:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 12, 0), BERLIN)  # Monday noon
    schedule = ReminderSchedule(clocks)
    core = reminder("core", "core-strength", "mon,wed,fri", "07:30")
    schedule.set_reminders([core])
    assert schedule.next_time(core) == clocks.localize(datetime(2026, 5, 6, 7, 30))
    assert core.days_text() == "Mon, Wed, Fri"


def test_days_must_be_weekdays() -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        Reminder("x", "a", frozenset({7}), time(8))
