"""A history writer to kill: run by test_kill.py, never by pytest itself.

It starts once (imports, a compiled plan) and then forks a writer for each ``go SEED`` line
on stdin, printing the writer's pid; ``reap`` waits for the killed writer and prints
``reaped``. Each writer opens the history (recovering it after the last kill), settles any
unfinished session (carrying some on, closing others), and records sessions as fast as it
can through the real recorder, appending a line to the acknowledgement file after each
commit: ``S id`` for a session, ``T id step side set`` for a set of a step.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, State
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.history import HistoryStore, Recorder, RoutineSource, resume_at

ROUTINE = """\
name: Killed
defaults: {prepare: 2, rest: 2, switch_sides: 1, countdown: 0}
steps:
  - {name: Stretch, kind: stretch, hold: 5, sides: both, muscles: [psoas]}
  - {name: Point, kind: release, open: {min: 2, target: 4, max: 8}, sides: both}
  - {name: Reps, reps: 3, tempo: 1, sets: 2, rest_between_sets: 1}
"""


def writer(db: Path, acks: Path, seed: int, plan: Plan) -> None:
    rng = random.Random(seed)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    wall_now = [datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(days=seed)]
    store = HistoryStore.open(db, wall=lambda: wall_now[0])

    def on_commit(session_id: str, keys: Sequence[tuple[int, str, int]]) -> None:
        lines = "".join(f"T {session_id} {s} {side or '-'} {n}\n" for s, side, n in keys)
        os.write(fd, (lines or f"S {session_id}\n").encode())

    for found in store.unfinished():
        if rng.random() < 0.5:
            store.record_as_interrupted(found.session.id)
    while True:
        clock = FakeClock()
        session = Session(plan, clock)
        waiting = store.unfinished()
        if waiting:
            found = waiting[0]
            recorder = Recorder.resume(store, session, found, on_commit=on_commit)
            session.start(at_segment=resume_at(plan, found) or 0)
        else:
            source = RoutineSource(plan.name, "killed.yaml", "h")
            recorder = Recorder.begin(store, session, source, on_commit=on_commit)
            session.start()
        while session.state is State.RUNNING:
            clock.advance(rng.choice((0.5, 1.0, 2.0)))
            wall_now[0] += timedelta(seconds=1)
            session.poll()
            roll = rng.random()
            if roll < 0.05:
                session.next()
            elif roll < 0.15 and session.segment.open is not None:
                session.release()
            elif roll < 0.16:
                session.stop()
        recorder.close()


def main() -> None:
    db, acks = Path(sys.argv[1]), Path(sys.argv[2])
    plan = compile_plan(load_routine_text(ROUTINE, "killed.yaml"))
    print("ready", flush=True)
    child = 0
    for line in sys.stdin:
        command = line.split()
        if command[0] == "go":
            child = os.fork()
            if child == 0:
                try:
                    writer(db, acks, int(command[1]), plan)
                finally:
                    os._exit(0)
            print(child, flush=True)
        elif command[0] == "reap":
            os.waitpid(child, 0)
            print("reaped", flush=True)


if __name__ == "__main__":
    main()
