"""Done today, from the real session history: completed sessions count, by routine file."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, State
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import compile_plan
from psoas_timer.history import HistoryStore, Recorder, RoutineSource
from psoas_timer.practice.history_log import HistoryDoneLog

CET = timezone(timedelta(hours=1))
TINY = "name: Tiny\ndefaults: {prepare: 1, rest: 1}\nsteps:\n  - {name: Hold, hold: 3}\n"


def record(store: HistoryStore, wall: list[datetime], file: str | None, *, stop: bool) -> None:
    plan = compile_plan(load_routine_text(TINY, "tiny.yaml"))
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder.begin(store, session, RoutineSource("Tiny", file), background=False)
    session.start()
    for _ in range(40):
        if session.state is not State.RUNNING:
            break
        clock.advance(0.5)
        wall[0] += timedelta(seconds=0.5)
        session.poll()
        if stop and clock.now > 1002:
            session.stop()
    recorder.close()


def test_completed_sessions_of_a_day_by_routine_file(tmp_path: Path) -> None:
    wall = [datetime(2026, 5, 4, 17, 0, tzinfo=CET)]
    with HistoryStore.open(tmp_path / "history.sqlite3", wall=lambda: wall[0]) as store:
        record(store, wall, "/home/me/routines/daily-psoas.yaml", stop=False)
        record(store, wall, "/home/me/routines/core-strength.yaml", stop=True)  # stopped early
        record(store, wall, None, stop=False)  # built in memory: no file to name it
        wall[0] = datetime(2026, 5, 5, 8, 0, tzinfo=CET)
        record(store, wall, "/x/breathing.yaml", stop=False)
        done = HistoryDoneLog(store)
        assert done.sessions_done_on(date(2026, 5, 4)) == {"daily-psoas"}
        assert done.sessions_done_on(date(2026, 5, 5)) == {"breathing"}
        assert done.sessions_done_on(date(2026, 5, 6)) == set()
