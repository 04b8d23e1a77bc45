"""Shared set-up for the history tests: a store on an injected wall clock, and a way to run
a routine through the real engine on a fake monotonic clock while the recorder listens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from textwrap import dedent

import pytest

from psoas_timer.core.catalog import read_libraries
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, State
from psoas_timer.core.loader import Library, load_routine_text, routine_files
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.history import HistoryStore, Recorder, RoutineSource

ROOT = Path(__file__).resolve().parents[2]
CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))

ROUTINE = """\
name: Evening release
defaults: {prepare: 5, rest: 10, switch_sides: 5}
steps:
  - name: Kneeling stretch
    kind: stretch
    hold: 30
    sides: both
    muscles: [hip flexors]
  - use: psoas-ball-release
    name: Psoas release
    open: {min: 30, target: 60, max: 90}
    sides: both
    sets: 1
    prompts: []
    breathing: none
    muscles: [psoas, low back]
  - name: Bridges
    reps: 4
    tempo: 3
    sets: 2
    rest_between_sets: 5
"""


@cache
def _library() -> Library:
    files = routine_files([ROOT / "routines" / "library"])
    library, problems = read_libraries(files)
    assert not problems
    return library


def routine_of(text: str = ROUTINE) -> Routine:
    return load_routine_text(dedent(text), "evening.yaml", _library())


def plan_of(text: str = ROUTINE) -> Plan:
    return compile_plan(routine_of(text))


@dataclass
class Wall:
    """An injected wall clock: local time with an offset, moved by hand."""

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 23, 7, 0, tzinfo=CET))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Run:
    """A session of the engine with a recorder listening, on a fake clock."""

    session: Session
    recorder: Recorder
    clock: FakeClock
    wall: Wall

    def tick(self, seconds: float, step: float = 0.5) -> None:
        """Let *seconds* pass, polling as the window would (wall clock moving along)."""
        left = seconds
        while left > 1e-9 and self.session.state is State.RUNNING:
            dt = min(step, left)
            self.clock.advance(dt)
            self.wall.advance(dt)
            self.session.poll()
            left -= dt

    def to_segment(self, kind: str, side: str | None = None, limit: float = 3600) -> None:
        """Run until the current segment is of *kind* (and *side*)."""
        waited = 0.0
        while not (
            self.session.segment.kind == kind
            and (side is None or self.session.segment.side == side)
        ):
            self.tick(0.5)
            waited += 0.5
            assert waited < limit, f"never reached a {kind} segment"

    def finish(self) -> None:
        self.tick(24 * 3600)
        assert self.session.state is State.FINISHED

    def pause(self, seconds: float) -> None:
        self.session.pause()
        self.clock.advance(seconds)
        self.wall.advance(seconds)
        self.session.resume()


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def store(tmp_path: Path, wall: Wall) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite3", wall=wall) as opened:
        yield opened


@pytest.fixture
def start(store: HistoryStore, wall: Wall) -> Callable[..., Run]:
    """Start a recorded session: ``start()`` or ``start(text, background=False)``."""
    started: list[Recorder] = []

    def begin(text: str = ROUTINE, *, background: bool = True, name: str | None = None) -> Run:
        plan = plan_of(text)
        clock = FakeClock()
        session = Session(plan, clock)
        source = RoutineSource(name or plan.name, "evening.yaml", "hash-1")
        recorder = Recorder.begin(store, session, source, background=background)
        started.append(recorder)
        session.start()
        return Run(session, recorder, clock, wall)

    yield begin  # type: ignore[misc]
    for recorder in started:
        recorder.close()


def record(
    store: HistoryStore,
    wall: Wall,
    when: datetime,
    *,
    text: str = ROUTINE,
    release_after: tuple[float, float] = (45.0, 70.0),
    stop_after: float | None = None,
) -> str:
    """Record one session of *text* starting at wall time *when*, releasing the left and
    right points after *release_after* seconds (or stopping after *stop_after* seconds)."""
    wall.now = when
    plan = plan_of(text)
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder.begin(
        store, session, RoutineSource(plan.name, "evening.yaml", "hash-1"), background=False
    )
    session.start()
    run = Run(session, recorder, clock, wall)
    if stop_after is not None:
        run.tick(stop_after)
        session.stop()
        return recorder.session_id
    after = dict(zip(("left", "right"), release_after, strict=True))
    for seg in [s for s in plan.segments if s.kind == "open"]:  # every set of each side
        while session.state is State.RUNNING and session.segment.index < seg.index:
            run.tick(0.5)
        if session.segment.index == seg.index:
            run.tick(after.get(seg.side or "left", release_after[0]))
            if session.segment.index == seg.index:
                session.release()
    run.finish()
    return recorder.session_id
