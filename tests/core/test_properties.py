"""Property-based checks over generated routines, control sequences and arbitrary text."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, State
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import compile_plan, plan_total
from psoas_timer.core.problems import LoadError

seconds = st.integers(min_value=1, max_value=90)
small = st.integers(min_value=0, max_value=20)


@st.composite
def steps(draw: st.DrawFn, allow_open: bool = True) -> dict[str, Any]:
    step: dict[str, Any] = {
        "name": draw(st.sampled_from(["Bridge", "Pigeon", "Ball release", "Plank"]))
    }
    timing = draw(
        st.sampled_from(["hold", "reps", "open", "breaths"] if allow_open else ["hold", "reps"])
    )
    if timing == "hold":
        step["hold"] = draw(seconds)
    elif timing == "reps":
        step.update(reps=draw(st.integers(1, 5)), tempo=draw(st.integers(1, 4)), hold=draw(small))
        step["rest_between_reps"] = draw(st.integers(0, 3))
    elif timing == "open":
        target = draw(seconds)
        step["open"] = {
            "min": draw(st.integers(0, target)),
            "target": target,
            "max": target + draw(small),
        }
    else:
        step.update(kind="breathing", breaths=draw(st.integers(1, 4)))
    step["sets"] = draw(st.integers(1, 3))
    step["sides"] = draw(st.sampled_from(["none", "left", "right", "both"]))
    if step["sides"] == "both":
        step["alternate"] = draw(st.booleans())
    step["breathing"] = draw(st.sampled_from(["none", "calm", "box", "4-7-8", "3-5"]))
    step["milestones"] = draw(st.lists(seconds, max_size=3))
    step["prompts"] = draw(
        st.lists(
            st.fixed_dictionaries({"at": seconds, "say": st.just("Keep breathing")}), max_size=2
        )
    )
    # Cues must fall within their hold (on reps, each set, counted from its start).
    length = None
    if timing == "reps":
        reps = step["reps"]
        length = reps * (step["tempo"] + step["hold"]) + (reps - 1) * step["rest_between_reps"]
    elif timing == "hold":
        length = step["hold"]
    elif timing == "open":
        length = step["open"]["max"]
    if length is not None:
        step["milestones"] = [m for m in step["milestones"] if m <= length]
        step["prompts"] = [p for p in step["prompts"] if p["at"] <= length]
    step["rest_after"] = draw(small)
    step["halfway"] = draw(st.booleans())
    return step


@st.composite
def routines(draw: st.DrawFn, allow_open: bool = True) -> Routine:
    items: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            items.append(
                {
                    "repeat": draw(st.integers(1, 3)),
                    "rest_between": draw(small),
                    "steps": draw(st.lists(steps(allow_open), min_size=1, max_size=2)),
                }
            )
        else:
            items.append(draw(steps(allow_open)))
    data = {
        "name": "Generated",
        "defaults": {
            "prepare": draw(small),
            "rest": draw(small),
            "switch_sides": draw(small),
            "countdown": draw(st.integers(0, 5)),
        },
        "steps": items,
    }
    return load_routine_text(yaml.safe_dump(data), "generated.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines())
def test_segments_are_contiguous_and_add_up_to_the_total(routine: Routine) -> None:
    plan = compile_plan(routine)
    assert plan.segments
    assert plan.segments[0].start == 0
    for before, after in zip(plan.segments, plan.segments[1:], strict=False):
        assert abs(before.end - after.start) < 1e-9
    assert abs(sum(s.duration for s in plan.segments) - plan.total) < 1e-6
    assert all(s.duration >= 0 for s in plan.segments)
    times = [at for at, _, _ in plan.cues()]
    assert times == sorted(times) and all(0 <= t <= plan.total + 1e-9 for t in times)


controls = st.lists(
    st.tuples(
        st.floats(min_value=0.0, max_value=40.0),
        st.sampled_from(
            [
                "poll",
                "poll",
                "poll",
                "pause",
                "resume",
                "next",
                "previous",
                "restart",
                "extend",
                "release",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines(), controls)
def test_any_controls_give_cues_in_order_once_and_never_early(
    routine: Routine, actions: list[tuple[float, str]]
) -> None:
    clock = FakeClock(0.0)
    session = Session(compile_plan(routine), clock, wake_gap=1e9)
    fired = session.start()
    seen: set[tuple[int, int]] = set()
    last_due = -1.0

    def check(new: list[Any]) -> None:
        nonlocal last_due
        for f in new:
            assert f.due <= clock.now + 1e-9, "a cue fired before its time"
            assert f.due >= last_due - 1e-9, "cues came out of order"
            last_due = f.due
            if f.segment is not None:
                key = (f.segment.index, next(i for i, c in enumerate(f.segment.cues) if c is f.cue))
                assert key not in seen, f"cue fired twice: {f.cue}"
                seen.add(key)

    check(fired)
    for wait, action in actions:
        clock.advance(wait)
        if action in ("previous", "restart", "extend"):
            seen.clear()  # going back (or stretching a hold) legitimately replays cues
        new = {
            "poll": session.poll,
            "pause": session.pause,
            "resume": session.resume,
            "next": session.next,
            "previous": session.previous,
            "restart": session.restart_step,
            "extend": lambda: session.extend(10) or [],
            "release": session.release,
        }[action]()
        check(new)
    while session.state is State.RUNNING:
        clock.advance(7.0)
        check(session.poll())


@settings(max_examples=100, deadline=None)
@given(routines(allow_open=False), st.lists(st.floats(0.01, 30.0), min_size=1, max_size=30))
def test_pauses_and_late_polls_lose_no_cue(routine: Routine, waits: list[float]) -> None:
    plan = compile_plan(routine)
    clock = FakeClock(0.0)
    session = Session(plan, clock, wake_gap=1e9)
    fired = session.start()
    for i, wait in enumerate(waits):
        clock.advance(wait)
        if i % 3 == 1:
            fired += session.pause()
        elif i % 3 == 2:
            fired += session.resume()
        else:
            fired += session.poll()
    session.resume()
    while session.state is State.RUNNING:
        clock.advance(3.3)
        fired += session.poll()
    assert [f.cue for f in fired] == [c for _, c, _ in plan.cues()]


yaml_ish = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#% \n\t0123456789.,?@`")), max_size=200
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(yaml_ish, st.text(max_size=200), st.binary(max_size=200)))
def test_arbitrary_text_gives_a_routine_or_clean_problems(text: str | bytes) -> None:
    try:
        load_routine_text(text, "fuzz.yaml")
    except LoadError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml" and problem.line >= 1 and problem.column >= 1
            assert problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines())
def test_the_total_worked_out_alone_is_the_plans_to_the_last_bit(routine: Routine) -> None:
    """The library shows :func:`plan_total`; the player runs :func:`compile_plan`."""
    assert plan_total(routine) == compile_plan(routine).total
