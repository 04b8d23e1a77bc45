"""Ten years of daily use: how fast the history answers, records and exports, and how big
it grows.

It fills a fresh database with about 11,000 sessions (three a day for ten years, six
routines), 300,000 step rows, 15,000 open-hold releases and 20,000 ratings, then measures:

- the Progress page's queries: ``progress()`` (calendar, streak, per-routine figures, the
  areas and points with charts), the first page of sessions, the newest session's detail,
  one pain chart and one release-time chart, and a routine's last-done line;
- recording: the time the engine's listener (the recorder) adds to the event loop at each
  event of a real session, against committing on the event loop itself (no writer thread);
- export to JSON Lines and to CSV; the file's size.

Run:  python benchmarks/history.py [--years 10] [--repeat 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, SessionEvent, State
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import compile_plan
from psoas_timer.history import Area, HistoryStore, Recorder, RoutineSource

ZONE = timezone(timedelta(hours=1))
ROUTINES = ["Daily psoas", "Trigger-point release", "Deep psoas release", "Desk break",
            "Hip-opening yoga", "Core strength"]  # fmt: skip
AREAS = [Area("psoas", "left"), Area("psoas", "right"), Area("iliacus", "left"),
         Area("iliacus", "right"), Area("low back")]  # fmt: skip
POINTS = [("psoas-ball-release", "Psoas ball release"), ("iliacus-release", "Iliacus release")]

RECORDED = """\
name: Recorded
defaults: {prepare: 5, rest: 5, switch_sides: 3, countdown: 3}
steps:
  - {name: Stretch, kind: stretch, hold: 30, sides: both, sets: 2}
  - {name: Point, kind: release, open: {min: 20, target: 40, max: 60}, sides: both, sets: 2}
  - {name: Bridges, reps: 10, tempo: 3, sets: 3}
  - {name: Breathe, kind: breathing, breaths: 6, breathing: 4-6}
"""


def fill(store: HistoryStore, years: int, rng: random.Random) -> dict[str, int]:
    """Sessions, steps, releases and ratings for *years* of daily use, in one transaction.

    Rows go in with plain SQL (recording 11,000 sessions through the engine would take
    hours of simulated polling); the same tables the recorder writes."""
    conn = store.connection
    start = date.today() - timedelta(days=365 * years)
    sessions, steps, releases, ratings = [], [], [], []
    parts = [(f"Step {n}", "", ("stretch", "release", "exercise")[n % 3], f"Step {n}")
             for n in range(9)]  # fmt: skip
    parts += [(name, key, "release", key) for key, name in POINTS]
    key = 0
    for day in range(365 * years):
        when = start + timedelta(days=day)
        for slot, hour in enumerate((7, 13, 21)):
            key += 1
            begun = datetime(when.year, when.month, when.day, hour, rng.randrange(60), tzinfo=ZONE)
            routine = ROUTINES[(day + slot) % len(ROUTINES)]
            active = 0.0
            for n in range(27):
                planned = rng.choice((30.0, 45.0, 60.0, 90.0))
                actual = planned * rng.uniform(0.5, 1.2)
                active += actual
                side = ("left", "right", "")[n % 3]
                steps.append((key, n // 3, side, 1 + n % 2, 1 + n // 3, planned, actual,
                              int(rng.random() > 0.05)))  # fmt: skip
            if slot == 1 and len(releases) < 15_000 * years // 10:
                for p, _ in enumerate(POINTS):
                    for side in ("left", "right"):
                        releases.append((key, 20 + p, side, 1, 10 + p, rng.uniform(40, 150),
                                         30.0, 90.0, 180.0, "released"))  # fmt: skip
            if slot == 0 and len(ratings) < 20_000 * years // 10:
                for moment in ("before", "after"):
                    for position, area in enumerate(AREAS):
                        ratings.append((key, moment, area.name, area.side or "",
                                        rng.randrange(11), position))  # fmt: skip
            ended = begun + timedelta(seconds=active + 60)
            sessions.append((key, uuid.uuid4().hex, routine, f"{routine}.yaml", "0" * 64,
                             begun.isoformat(), begun.timestamp(), when.isoformat(),
                             ended.isoformat(), active + 120, 9, active, 60.0, "completed", 0,
                             ended.isoformat(), ""))  # fmt: skip
    with store.transaction():
        conn.executemany(
            "INSERT INTO parts (name, library_id, kind, point) VALUES (?,?,?,?)", parts
        )
        conn.executemany(f"INSERT INTO sessions VALUES ({','.join('?' * 17)})", sessions)
        conn.executemany("INSERT INTO steps VALUES (?,?,?,?,?,?,?,?)", steps)
        conn.executemany("INSERT INTO releases VALUES (?,?,?,?,?,?,?,?,?,?)", releases)
        conn.executemany("INSERT INTO ratings VALUES (?,?,?,?,?,?)", ratings)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"sessions": len(sessions), "steps": len(steps), "releases": len(releases),
            "ratings": len(ratings)}  # fmt: skip


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The median wall and CPU time of *repeat* runs of *fn*, in milliseconds (on a busy
    machine the wall time waits for a core; the CPU time is the work itself)."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def page_queries(store: HistoryStore) -> dict[str, Callable[[], object]]:
    """What the Progress page asks for when it opens, and its parts."""
    today = date.today()

    def whole() -> None:
        progress = store.progress(today)
        newest = store.sessions(limit=50)
        store.session(newest[0].id)
        store.pain_series(progress.areas[0])
        store.release_series(progress.points[0])
        store.last_done(progress.routines[0].routine)

    point = store.release_points()[0]
    return {
        "the whole page (all below)": whole,
        "progress(): calendar, streak, routines, areas, points": lambda: store.progress(today),
        "the first 50 sessions": lambda: store.sessions(limit=50),
        "the newest session's detail": lambda: store.session(store.sessions(limit=1)[0].id),
        "one pain chart (ten years)": lambda: store.pain_series(AREAS[0]),
        "one release-time chart (ten years)": lambda: store.release_series(point),
        "a routine's last-done line": lambda: store.last_done(ROUTINES[0]),
    }


def record_session(store: HistoryStore, *, background: bool) -> tuple[list[float], list[float]]:
    """Milliseconds the recorder takes at each engine event of one whole session: those that
    commit a set (or the session's start and end), and all the others."""
    plan = compile_plan(load_routine_text(RECORDED, "recorded.yaml"))
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder.begin(
        store, session, RoutineSource("Recorded", "recorded.yaml", "1" * 64), background=background
    )
    listener = session._listeners[0]
    write = recorder._write
    wrote: list[bool] = []

    def noting(*args: Any) -> None:
        wrote.append(True)
        write(*args)

    recorder._write = noting  # type: ignore[method-assign]
    commits: list[float] = []
    others: list[float] = []

    def timed_listener(event: SessionEvent) -> None:
        wrote.clear()
        t = time.perf_counter()
        listener(event)
        (commits if wrote else others).append((time.perf_counter() - t) * 1000)

    session._listeners[0] = timed_listener
    session.start()
    while session.state is State.RUNNING:
        clock.advance(0.25)
        session.poll()
    recorder.close()
    return commits, others


def spread(values: list[float]) -> str:
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"median {statistics.median(values):6.3f}  p99 {p99:6.3f}  max {values[-1]:6.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        store = HistoryStore.open(path)
        t = time.perf_counter()
        counts = fill(store, args.years, rng)
        print(f"Filled {args.years} years in {time.perf_counter() - t:.1f} s: "
              + ", ".join(f"{n:,} {k}" for k, n in counts.items()))  # fmt: skip
        store.close()
        size = path.stat().st_size / 1e6
        t, c = time.perf_counter(), time.process_time()
        store = HistoryStore.open(path)
        print(f"Opening it, with its quick check: {(time.perf_counter() - t) * 1000:.0f} ms "
              f"(CPU {(time.process_time() - c) * 1000:.0f} ms)")  # fmt: skip

        print("\nProgress page queries (median ms, wall / CPU):")
        for label, fn in page_queries(store).items():
            wall, cpu = timed(fn, args.repeat)
            print(f"  {wall:7.1f} / {cpu:6.1f}  {label}")

        print("\nRecording: ms the recorder adds to the event loop at an engine event")
        for background, label in ((True, "writer thread (the app)"),
                                  (False, "committing on the event loop")):  # fmt: skip
            commits, others = [], []
            for _ in range(20 if background else 5):
                c, o = record_session(store, background=background)
                commits += c
                others += o
            print(f"  {label}:")
            print(f"    a set ends (a commit):  {spread(commits)}  ({len(commits)} events)")
            print(f"    any other event:        {spread(others)}  ({len(others)} events)")

        print("\nExport (wall / CPU):")
        for name in ("history.jsonl", "history.csv"):
            out = Path(folder) / name
            t, c = time.perf_counter(), time.process_time()
            store.export(out)
            print(f"  {name:<14} {time.perf_counter() - t:5.2f} s / {time.process_time() - c:5.2f} s"
                  f"  {out.stat().st_size / 1e6:5.1f} MB")  # fmt: skip
        store.close()
        print(f"\nDatabase size: {size:.1f} MB")


if __name__ == "__main__":
    main()
