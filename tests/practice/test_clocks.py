"""One rule for a local time, whichever clock reads it (issue 22, item 14).

Before: on the spring-forward night a 02:30 reminder fired at 01:30 with the computer's
clock (``naive.astimezone()`` moves a time in the gap backwards) and at 03:30 with the test
clocks. Now the real :class:`SystemClocks`, run under ``TZ``, agrees with the simulated
clocks for every zone: a time in the gap comes after the jump."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from psoas_timer.practice.clocks import SimulatedClocks, localize
from psoas_timer.practice.schedule import Reminder, ReminderSchedule

ROOT = Path(__file__).resolve().parents[2]

#: (zone, a day with a spring-forward gap, local times to place), and what each must become.
CASES = [
    ("Europe/Berlin", date(2026, 3, 29), ["01:30", "02:00", "02:30", "02:59", "03:00"],
     ["01:30+01:00", "03:00+02:00", "03:30+02:00", "03:59+02:00", "03:00+02:00"]),
    ("America/New_York", date(2026, 3, 8), ["02:30"], ["03:30-04:00"]),
    ("Australia/Lord_Howe", date(2026, 10, 4), ["02:15", "02:45"], ["02:45+11:00", "02:45+11:00"]),
    ("Europe/Berlin", date(2026, 10, 25), ["02:30"], ["02:30+02:00"]),  # happens twice: first
]  # fmt: skip

SCRIPT = """
import json, sys
from datetime import date, datetime, time
from psoas_timer.practice.clocks import SystemClocks
from psoas_timer.practice.schedule import Reminder, ReminderSchedule
day, times = date.fromisoformat(sys.argv[1]), sys.argv[2].split(",")
clocks = SystemClocks()
placed = [clocks.localize(datetime.combine(day, time.fromisoformat(t))) for t in times]
schedule = ReminderSchedule(clocks)
night = Reminder(id="night", target="breathing", days=frozenset(range(7)), at=time.fromisoformat(times[0]))
print(json.dumps([p.strftime("%H:%M%z") for p in placed]
                 + [schedule.occurrence(night, day).strftime("%H:%M%z")]))
"""


def _shown(text: str) -> str:
    return text[:-2] + ":" + text[-2:]


@pytest.mark.parametrize(
    ("zone", "day", "times", "expected"), CASES, ids=[c[0] + str(c[1]) for c in CASES]
)
def test_the_system_clock_under_tz_places_a_time_as_the_test_clocks_do(
    zone: str, day: date, times: list[str], expected: list[str]
) -> None:
    env = dict(os.environ, TZ=zone, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, day.isoformat(), ",".join(times)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = [_shown(t) for t in json.loads(done.stdout)]
    assert found == [*expected, expected[0]]
    simulated = SimulatedClocks(datetime.combine(day, time(0)), ZoneInfo(zone))
    assert [
        _shown(simulated.localize(datetime.combine(day, time.fromisoformat(t))).strftime("%H:%M%z"))
        for t in times
    ] == expected


def test_one_function_serves_both_clocks() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    naive = datetime(2026, 3, 29, 2, 30)
    assert localize(naive, berlin) == datetime(2026, 3, 29, 3, 30, tzinfo=berlin)
    schedule = ReminderSchedule(SimulatedClocks(datetime(2026, 3, 28, 12, 0), berlin))
    night = Reminder(id="n", target="x", days=frozenset(range(7)), at=time(2, 30))
    assert schedule.occurrence(night, date(2026, 3, 29)).hour == 3
