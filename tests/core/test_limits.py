"""Plan size limits: worked out before anything is built, never below what the plan builds."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings

from psoas_timer.core.limits import MAX_SEGMENTS, PlanTooLargeError, Size
from psoas_timer.core.loader import Library, load_library, load_routine, load_routine_text
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan, compile_plan, plan_size
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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines())
def test_the_size_is_measured_with_the_builders_own_pieces(routine: Routine) -> None:
    """Each piece a step makes, made once and multiplied over reps, sets, sides and rounds:
    without either/or steps, exactly the plan's seconds and segments (a cue pacing a rest to
    its very end, or a milestone folded into the end, may be counted that the plan leaves
    out)."""
    bound, real = assert_bound(routine)
    assert bound.segments == real.segments
    assert bound.seconds == pytest.approx(real.seconds)


def test_a_hold_given_per_side_counts_each_side_as_its_own() -> None:
    text = "name: r\nsteps:\n  - {name: A, sides: both, hold: {left: 13h, right: 1m}}\n"
    routine = load_routine_text(text, "r.yaml")  # 13 h 1 min: within a day
    ready, switch = 10, 5  # the defaults
    assert (
        plan_size(routine).seconds == compile_plan(routine).total == 13 * 3600 + 60 + ready + switch
    )


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


# --- the newer forms: per side, ranges and either/or steps feed the limits ---------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (  # each side its own: 13 h and 12 h, 25 h in all
            "name: r\nsteps:\n  - {name: A, sides: both, hold: {left: 13h, right: 12h}}\n",
            "r.yaml:3:5:",
        ),
        (  # a range's value in use: 50 sets of an hour
            "name: r\nsteps:\n  - {name: A, hold: 1h, sets: {range: 50-60, use: 50}}\n",
            "r.yaml:3:5:",
        ),
        (  # an either/or step counts as its largest option, whichever is the default
            "name: r\nsteps:\n  - {name: A, hold: 2h}\n"
            "  - choose: [{name: B, hold: 1m}, {name: C, hold: 23h}]\n",
            "r.yaml:4:5:",
        ),
    ],
)
def test_values_per_side_ranges_and_choices_count_toward_the_limits(text: str, where: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_routine_text(text, "r.yaml")
    assert str(caught.value).startswith(where), str(caught.value)
    assert "24h" in str(caught.value) or "at most" in str(caught.value)


def test_the_size_of_the_newer_forms_is_never_below_their_plan() -> None:
    routine = load_routine_text(
        dedent("""\
        name: r
        defaults: {breathing: calm}
        steps:
          - {name: A, sides: both, hold: {left: 30s, right: 45s}, sets: {left: 1, right: 3}}
          - {name: B, sides: both, open: {left: {target: 60}, right: {target: 90, max: 200}}}
          - {name: C, hold: 20-30s, sets: 3-4, rest_between_sets: {duration: 9, name: Roll}}
          - choose: [{name: D, hold: 10}, {name: E, reps: 8-12, tempo: 3}]
        """),
        "r.yaml",
    )
    bound = plan_size(routine)
    for pick in (0, 1):
        built = actual(compile_plan(routine, {0: pick}))
        assert built.seconds <= bound.seconds + 1e-6
        assert built.segments <= bound.segments
        assert built.cues <= bound.cues


def test_a_cue_a_piece_makes_but_its_count_misses_fails_the_first_plan_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each piece the builder makes sits beside its count, which the size is worked out
    from: a cue added to one and not the other cannot go unnoticed."""
    from psoas_timer.core import plan

    routine = load_routine_text("name: r\nsteps:\n  - {name: A, hold: 30}\n", "r.yaml")
    compile_plan(routine)
    real = plan._Parts.hold_set_count
    monkeypatch.setattr(
        plan._Parts,
        "hold_set_count",
        lambda self, *args: (real(self, *args)[0], real(self, *args)[1] - 1),
    )
    with pytest.raises(AssertionError, match="counted"):
        compile_plan(routine)
