from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.core.loader import load_routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.ui.common.text import count_up, next_up, open_marks, step_timing, where_line

from .conftest import RELEASE, SIMPLE, SVG, write


def _plan(tmp_path: Path, text: str = RELEASE) -> Plan:
    write(tmp_path, "ball.svg", SVG)
    return compile_plan(load_routine(write(tmp_path, "r.yaml", text)))


def test_where_line_names_side_set_and_rep(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    rep = next(s for s in plan.segments if s.kind == "rep" and s.set == 2 and s.rep == 4)
    assert where_line(rep) == "Right · Set 2 of 3 · Rep 4 of 10"
    hold = next(s for s in plan.segments if s.kind == "open")
    assert where_line(hold) == "Left"
    assert where_line(plan.segments[-1]) == ""


def test_step_timing_reads_like_a_sentence(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    release, bridge, lunge = (run.step for run in plan.steps)
    assert (
        step_timing(release)
        == "until it softens (at least 10 s, target 20 s, max 40 s) · each side"
    )
    assert step_timing(bridge) == "3 sets × 10 reps of 2 s · right side"
    assert step_timing(lunge) == "hold 30 s"


def test_count_up_floors_and_marks_are_clock_text(tmp_path: Path) -> None:
    assert count_up(0) == "0:00"
    assert count_up(59.99) == "0:59"
    assert count_up(61) == "1:01"
    hold = next(s for s in _plan(tmp_path).segments if s.kind == "open")
    assert open_marks(hold) == "min 0:10 · target 0:20 · max 0:40"


def test_next_up_within_a_step_and_across_steps(tmp_path: Path) -> None:
    plan = _plan(tmp_path, SIMPLE)
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    assert session.snapshot().segment.kind == "prepare"  # the screen shows Couch stretch
    assert next_up(plan, session.snapshot()) == ("Lunge", "hold 10 s")
    clock.advance(4)
    session.poll()
    assert next_up(plan, session.snapshot()) == ("Lunge", "hold 10 s")
    for _ in range(5):
        clock.advance(5)
        session.poll()
    assert session.snapshot().segment.label == "Lunge"
    assert next_up(plan, session.snapshot()) is None


def test_next_up_during_a_side_switch_looks_past_the_side_shown(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    while session.snapshot().segment.kind != "switch":
        clock.advance(0.5)
        session.poll()
    snap = session.snapshot()
    assert snap.segment.label  # switching to the right side of the release hold
    coming = next_up(plan, snap)
    assert coming is not None and coming[0] == "Bridge"  # not the right side again


def test_step_timing_shows_ranges_and_values_per_side() -> None:
    from psoas_timer.core.loader import load_routine_text

    routine = load_routine_text(
        dedent("""\
        name: r
        steps:
          - {name: A, hold: 20-30s, sets: 3-4}
          - {name: B, hold: {left: 30s, right: 45s}, sides: both, sets: {left: 1, right: 2}}
          - {name: C, duration: {range: 10-20m, use: 15m}}
        """),
        "r.yaml",
    )
    a, b, c = (step_timing(step) for step in routine.steps)  # type: ignore[arg-type]
    assert a == "3–4 sets (3 used) × hold 20–30 s (20 s used)"
    assert b == "1 set left, 2 right × hold 30 s left, 45 s right · each side"
    assert c == "10:00–20:00 (15:00 used)"
