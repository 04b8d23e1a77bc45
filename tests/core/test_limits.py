"""Plan size limits: worked out before anything is built, never below what the plan builds."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings

from psoas_timer.core.limits import (
    MAX_SEGMENTS,
    PlanTooLargeError,
    Size,
    plan_size,
)
from psoas_timer.core.loader import Library, load_library, load_routine, load_routine_text
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.core.problems import LoadError

from .helpers import deadline
from .test_properties import routines

BUNDLED = Path(__file__).resolve().parents[2] / "routines"


def actual(plan: Plan) -> Size:
    cues = sum(len(seg.cues) for seg in plan.segments) + len(plan.closing)
    return Size(plan.total, len(plan.segments), cues)


def assert_bound(routine: Routine) -> tuple[Size, Size]:
    bound, real = plan_size(routine), actual(compile_plan(routine))
    assert bound.segments >= real.segments
    assert bound.cues >= real.cues
    assert bound.seconds >= real.seconds - 1e-6
    return bound, real


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines())
def test_the_size_worked_out_is_never_below_the_plan_built(routine: Routine) -> None:
    assert_bound(routine)


def test_the_size_of_every_bundled_routine_is_close_to_its_plan() -> None:
    library = Library()
    for path in sorted((BUNDLED / "library").glob("*.yaml")):
        load_library(path, into=library)
    routines_checked = 0
    for path in sorted(BUNDLED.glob("*.yaml")):
        bound, real = assert_bound(load_routine(path, library, allowed=[BUNDLED.parent / "assets"]))
        assert bound.segments <= real.segments + 2, path.name
        assert bound.cues <= real.cues * 1.25 + 12, path.name
        assert bound.seconds <= real.seconds + 60, path.name
        routines_checked += 1
    assert routines_checked >= 10


def test_a_routine_just_under_the_limits_loads_and_plans() -> None:
    # 19,900 reps, 19,901 segments with the first step's get-ready: more than any real routine.
    text = """\
        name: Just under
        defaults: {rest: 0, countdown: 0}
        steps:
          - {name: Bridge, reps: 995, tempo: 1, sets: 20, rest_between_sets: 0}
        """
    plan = compile_plan(load_routine_text(dedent(text), "t.yaml"))
    assert len(plan.segments) == 19_901 <= MAX_SEGMENTS
    assert plan_size(load_routine_text(dedent(text), "t.yaml")).segments == 19_901


def test_one_set_more_is_refused_at_the_step() -> None:
    text = """\
        name: Just over
        defaults: {rest: 0, countdown: 0}
        steps:
          - {name: Bridge, reps: 995, tempo: 1, sets: 21, rest_between_sets: 0}
        """
    with pytest.raises(LoadError) as info:
        load_routine_text(dedent(text), "t.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (4, 5)
    assert "20,896 segments" in problem.message and "at most 20,000" in problem.message


def test_a_routine_made_in_code_is_refused_before_anything_is_built() -> None:
    group: dict[str, object] = {"name": "Hold", "hold": 1}
    for _ in range(6):  # a million million steps
        group = {"repeat": 100, "steps": [group]}
    routine = Routine.model_validate({"name": "Made in code", "steps": [group]})
    with deadline(10), pytest.raises(PlanTooLargeError) as info:
        compile_plan(routine)
    assert info.value.path == ("steps", 0, *("steps", 0) * 4, "repeat")
    assert "done 100 times" in info.value.message
