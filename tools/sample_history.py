"""A plausible history for examples and screenshots: *weeks* of a home programme, with pain
easing, releases getting quicker, notes, and weekly check-ins.

    python tools/sample_history.py OUT.sqlite3 [--weeks 8] [--until 2026-12-06]

Rows go in with the same SQL the recorder writes (a real session takes real minutes).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from psoas_timer.history import ActivityScore, HistoryStore

ZONE = timezone(timedelta(hours=1))
NOTES = {
    3: "Left side tight after a long drive.",
    11: "Slept badly, stiff in the morning.",
    20: "Ball release easier on the right.",
    33: "Walked 5 km with no back pain.",
    47: "Sat through a 2-hour meeting comfortably.",
}


def fill(store: HistoryStore, weeks: int, until: date, seed: int = 7) -> None:
    rng = random.Random(seed)
    with store.transaction() as conn:
        _sessions(conn, rng, weeks, until)
    _checkins(store, rng, weeks, until)


def _sessions(conn: sqlite3.Connection, rng: random.Random, weeks: int, until: date) -> None:
    start = until - timedelta(days=weeks * 7 - 1)
    parts = {}
    for name, library_id, kind in (
        ("Kneeling hip-flexor stretch", "", "stretch"),
        ("Psoas ball release", "psoas-ball-release", "release"),
        ("Bridges", "", "exercise"),
    ):
        cursor = conn.execute(
            "INSERT INTO parts (name, library_id, kind, point) VALUES (?, ?, ?, ?)",
            (name, library_id, kind, library_id or name),
        )
        parts[kind] = cursor.lastrowid
    key = 0
    for n in range((until - start).days + 1):
        day = start + timedelta(days=n)
        progress = n / max(1, (until - start).days)
        if rng.random() > (0.62 + 0.25 * progress):
            continue
        key += 1
        begun = datetime(day.year, day.month, day.day, 19, rng.randrange(60), tzinfo=ZONE)
        active = rng.uniform(17, 22) * 60
        ended = begun + timedelta(seconds=active + 40)
        conn.execute(
            "INSERT INTO sessions (key, id, routine, routine_file, routine_hash, started_at, "
            "started_utc, local_date, ended_at, planned_seconds, planned_steps, "
            "active_seconds, ending, position, last_at, note) "
            "VALUES (?, ?, 'Evening release', '/home/u/routines/evening-release.yaml', NULL, "
            "?, ?, ?, ?, 1200, 3, ?, ?, 0, ?, ?)",
            (
                key,
                uuid.uuid4().hex,
                begun.isoformat(),
                begun.timestamp(),
                day.isoformat(),
                ended.isoformat(),
                active,
                "completed" if rng.random() > 0.1 else "stopped",
                ended.isoformat(),
                NOTES.get(n, ""),
            ),
        )
        for step, kind in enumerate(("stretch", "release", "exercise")):
            for side in ("left", "right") if kind != "exercise" else ("",):
                conn.execute(
                    "INSERT INTO steps VALUES (?, ?, ?, 1, ?, 300, ?, 1)",
                    (key, step, side, parts[kind], rng.uniform(280, 320)),
                )
        for side, slow in (("left", 1.25), ("right", 1.0)):
            seconds = max(35.0, (130 - 60 * progress) * slow + rng.uniform(-12, 12))
            for set_no in (1, 2) if rng.random() < 0.3 else (1,):
                conn.execute(
                    "INSERT INTO releases VALUES (?, 1, ?, ?, ?, ?, 30, 90, 180, 'released')",
                    (key, side, set_no, parts["release"], seconds * (0.9 if set_no == 2 else 1)),
                )
        for position, (area, side, first) in enumerate(
            (("psoas", "left", 7), ("psoas", "right", 5), ("low back", "", 6))
        ):
            before = round(min(10, max(0, first - (first - 2.5) * progress + rng.uniform(-1, 1))))
            after = max(0, before - rng.choice((1, 1, 2)))
            conn.execute(
                "INSERT INTO ratings VALUES (?, 'before', ?, ?, ?, ?)",
                (key, area, side, before, position),
            )
            conn.execute(
                "INSERT INTO ratings VALUES (?, 'after', ?, ?, ?, ?)",
                (key, area, side, after, position),
            )


def _checkins(store: HistoryStore, rng: random.Random, weeks: int, until: date) -> None:
    start = until - timedelta(days=weeks * 7 - 1)
    for week in range(weeks):
        if week and rng.random() < 0.15:
            continue
        progress = week / max(1, weeks - 1)
        when = datetime.combine(start + timedelta(days=7 * week + 6), datetime.min.time())
        store.add_checkin(
            [
                ActivityScore("Sitting for an hour", round(3 + 4 * progress)),
                ActivityScore("Putting on socks", round(5 + 3 * progress)),
                ActivityScore("Running 20 minutes", round(2 + 1.5 * progress)),
            ],
            min(3, round(3 * progress)) if week else 0,
            taken=when.replace(hour=20, tzinfo=ZONE),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--until", type=date.fromisoformat, default=date(2026, 12, 6))
    args = parser.parse_args()
    args.output.unlink(missing_ok=True)
    with HistoryStore.open(args.output) as store:
        store.set_weekly_goal(5)
        fill(store, args.weeks, args.until)
    print(f"wrote {args.weeks} weeks of history to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
