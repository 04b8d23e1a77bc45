"""What a reminder poll costs: two simulated weeks of polls every 15 s (what the window does),
with N reminders, against the cost of reading the wall clock in the same run.

Run:  python benchmarks/reminder_poll.py [--reminders 10] [--days 14]
"""

from __future__ import annotations

import argparse
import time as systime
from datetime import datetime, time
from zoneinfo import ZoneInfo

from psoas_timer.practice.clocks import SimulatedClocks, SystemClocks
from psoas_timer.practice.schedule import Reminder, ReminderSchedule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=10)
    parser.add_argument("--days", type=int, default=14)
    args = parser.parse_args()
    clocks = SimulatedClocks(datetime(2026, 3, 23), ZoneInfo("Europe/Berlin"))
    schedule = ReminderSchedule(clocks)
    schedule.set_reminders(
        Reminder(str(i), f"routine-{i}", frozenset(range(7)), time(7 + i % 14, (7 * i) % 60))
        for i in range(args.reminders)
    )
    polls = args.days * 24 * 3600 // 15
    fired = 0
    start = systime.perf_counter()
    for _ in range(polls):
        clocks.advance(15)
        fired += len(schedule.poll())
    poll_s = (systime.perf_counter() - start) / polls
    system = SystemClocks()
    start = systime.perf_counter()
    for _ in range(polls):
        system.now()
    clock_s = (systime.perf_counter() - start) / polls
    print(f"{polls} polls over {args.days} days with {args.reminders} reminders: {fired} fired")
    print(f"one poll: {poll_s * 1e6:.1f} µs; reading the wall clock: {clock_s * 1e6:.2f} µs")
    print(
        f"ratio: {poll_s / clock_s:.0f}× a clock read; per hour of polling every 15 s: "
        f"{poll_s * 240 * 1e3:.2f} ms"
    )


if __name__ == "__main__":
    main()
