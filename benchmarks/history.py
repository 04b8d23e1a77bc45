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
                             ended.isoformat(), active + 120, active, 60.0, "completed", 0,
                             ended.isoformat(), ""))  # fmt: skip
    with store.transaction():
        conn.executemany("INSERT INTO parts (name, library_id, kind, point) VALUES (?,?,?,?)", parts)
        conn.executemany(f"INSERT INTO sessions VALUES ({','.join('?' * 16)})", sessions)
        conn.executemany("INSERT INTO steps VALUES (?,?,?,?,?,?,?,?)", steps)
        conn.executemany("INSERT INTO releases VALUES (?,?,?,?,?,?,?,?,?,?)", releases)
        conn.executemany("INSERT INTO ratings VALUES (?,?,?,?,?,?)", ratings)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"sessions": len(sessions), "steps": len(steps), "releases": len(releases),
            "ratings": len(ratings)}  # fmt: skip


def timed(fn: Callable[[], object], repeat: int) -> float:
    """The median of *repeat* runs of *fn*, in milliseconds."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)


def progress_page(store: HistoryStore) -> dict[str, float]:
    today = date.today()
    first: dict[str, object] = {}

    def page() -> None:
        progress = store.progress(today)
        first["progress"] = progress
        newest = store.sessions(limit=50)
        store.session(newest[0].id)
        store.pain_series(progress.areas[0])
        store.release_series(progress.points[0])

    parts = {
        "progress() (calendar, streak, routines, areas, points)": lambda: store.progress(today),
        "first 50 sessions": lambda: store.sessions(limit=50),
        "one pain chart (all years)": lambda: store.pain_series(AREAS[0]),
        "one release-time chart (all years)": lambda: store.release_series(
            store.release_points()[0]
        ),
        "a routine's last-done line": lambda: store.last_done(ROUTINES[0]),
    }
    return {"whole page (all of the above)": 0.0, **{k: 0.0 for k in parts}} | {
        "_page": page,  # type: ignore[dict-item]
        **{f"_{k}": v for k, v in parts.items()},  # type: ignore[dict-item]
    }


def record_session(store: HistoryStore, *, background: bool) -> list[float]:
    """Milliseconds the recorder takes at each engine event of one whole session."""
    plan = compile_plan(load_routine_text(RECORDED, "recorded.yaml"))
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder.begin(
        store, session, RoutineSource("Recorded", "recorded.yaml", "1" * 64), background=background
    )
    listener = session._listeners[0]
    costs: list[float] = []

    def timed_listener(event: SessionEvent) -> None:
        t = time.perf_counter()
        listener(event)
        if event.kind in ("ended", "finished", "stopped"):
            costs.append((time.perf_counter() - t) * 1000)

    session._listeners[0] = timed_listener
    session.start()
    while session.state is State.RUNNING:
        clock.advance(0.25)
        session.poll()
    recorder.close()
    return costs


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
        t = time.perf_counter()
        store = HistoryStore.open(path)
        print(f"Opening it (with its quick check): {(time.perf_counter() - t) * 1000:.1f} ms")

        print("\nProgress page queries (median ms):")
        work = progress_page(store)
        page = work.pop("_page")
        print(f"  {timed(page, args.repeat):8.1f}  whole page (all below but last-done)")  # type: ignore[arg-type]
        for key in [k for k in work if k.startswith("_")]:
            print(f"  {timed(work[key], args.repeat):8.1f}  {key[1:]}")  # type: ignore[arg-type]

        print("\nRecording (ms the recorder adds to the event loop per event that ends a part):")
        for background, label in ((True, "writer thread (the app)"),
                                  (False, "commit on the event loop (baseline)")):  # fmt: skip
            costs = record_session(store, background=background)
            costs.sort()
            p99 = costs[min(len(costs) - 1, int(len(costs) * 0.99))]
            print(f"  {label:<38} median {statistics.median(costs):6.3f}  p99 {p99:6.3f}  "
                  f"max {costs[-1]:6.3f}  ({len(costs)} events)")  # fmt: skip

        print("\nExport:")
        for name in ("history.jsonl", "history.csv"):
            out = Path(folder) / name
            t = time.perf_counter()
            store.export(out)
            print(f"  {name:<14} {time.perf_counter() - t:6.2f} s  "
                  f"{out.stat().st_size / 1e6:6.1f} MB")  # fmt: skip
        store.close()
        print(f"\nDatabase size: {size:.1f} MB")


if __name__ == "__main__":
    main()
