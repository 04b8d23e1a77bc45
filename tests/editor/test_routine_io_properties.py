"""Property tests: any routine saves and loads back equal, and saves the same bytes twice."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import plan_size_problem
from psoas_timer.core.routine_io import RoutineDocument, document_from_routine

text = st.text(
    st.characters(
        categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85\u2028\u2029\ufeff"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "")
long_text = st.lists(text, min_size=1, max_size=12).map(" ".join)
seconds = st.one_of(st.integers(0, 7200), st.integers(0, 600).map(lambda n: n / 2))
positive = st.one_of(st.integers(1, 7200), st.integers(1, 600).map(lambda n: n / 2))
breathing = st.one_of(
    st.sampled_from(["none", "calm", "box", "4-7-8", "coherent", "3-5", "4-2-6-2"]),
    st.builds(
        lambda i, e, h: {"inhale": i, "exhale": e, "hold_in": h},
        st.integers(1, 10),
        st.integers(1, 10),
        st.integers(0, 5),
    ),
)


@st.composite
def steps(draw: st.DrawFn) -> dict[str, Any]:
    step: dict[str, Any] = {"name": draw(text)}
    timing = draw(st.sampled_from(["hold", "duration", "reps", "open", "breaths"]))
    if timing == "hold":
        step["hold"] = draw(positive)
    elif timing == "duration":
        step["duration"] = draw(positive)
    elif timing == "reps":
        step["reps"] = draw(st.integers(1, 50))
        step["tempo"] = draw(positive)
    elif timing == "open":
        lo, mid, hi = sorted(draw(st.lists(positive, min_size=3, max_size=3)))
        step["open"] = {"min": lo, "target": mid, "max": hi}
    else:
        step["kind"] = "breathing"
        step["breaths"] = draw(st.integers(1, 30))
    if timing != "breaths":
        step["kind"] = draw(st.sampled_from(["exercise", "stretch", "release", "rest", "heat-ice"]))
    optional = {
        "sets": st.integers(1, 5),
        "sides": st.sampled_from(["none", "left", "right", "both"]),
        "prepare": seconds,
        "rest_after": seconds,
        "rest_between_sets": seconds,
        "switch_sides": seconds,
        "breathing": breathing,
        "halfway": st.booleans(),
        "countdown": st.integers(0, 10),
        "milestones": st.lists(
            st.one_of(positive, st.builds(lambda a, s: {"at": a, "say": s}, positive, text)),
            max_size=3,
        ),
        "prompts": st.lists(
            st.one_of(
                st.builds(lambda a, s: {"at": a, "say": s}, seconds, text),
                st.builds(lambda e, s: {"every": e, "say": s}, st.integers(5, 120), long_text),
            ),
            max_size=3,
        ),
        "instructions": st.lists(long_text.filter(lambda s: len(s) <= 500), max_size=4),
        "safety": st.lists(text, max_size=2),
        "muscles": st.lists(text, max_size=3),
        "equipment": st.lists(text, max_size=2),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            step[key] = draw(strategy)
    # timed cues must fall within the hold (on reps, within the set)
    length = {
        "reps": lambda: step["reps"] * step["tempo"],
        "hold": lambda: step["hold"],
        "duration": lambda: step["duration"],
        "open": lambda: step["open"]["max"],
    }.get(timing, lambda: None)()
    if length is not None:

        def within(item: Any) -> bool:
            at = item.get("at") if isinstance(item, dict) else item
            return at is None or at <= length

        for key in ("milestones", "prompts"):
            if key in step:
                step[key] = [item for item in step[key] if within(item)]
    return step


items = st.recursive(
    steps(),
    lambda inner: st.builds(
        lambda n, body, rest: {"repeat": n, "steps": body, "rest_between": rest},
        st.integers(1, 5),
        st.lists(inner, min_size=1, max_size=3),
        seconds,
    ),
    max_leaves=6,
)

routines = st.builds(
    lambda name, description, tags, defaults, body: Routine.model_validate(
        {
            "name": name,
            "description": description,
            "tags": tags,
            "defaults": defaults,
            "steps": body,
        }
    ),
    text,
    st.one_of(st.just(""), long_text),
    st.lists(text, max_size=3),
    st.fixed_dictionaries(
        {},
        optional={
            "prepare": seconds,
            "rest": seconds,
            "switch_sides": seconds,
            "breathing": breathing,
            "cue_style": st.sampled_from(["both", "voice", "tone", "none"]),
            "halfway": st.booleans(),
            "countdown": st.integers(0, 10),
        },
    ),
    st.lists(items, min_size=1, max_size=5),
).filter(lambda routine: plan_size_problem(routine) is None)  # what the loader accepts


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines)
def test_any_routine_saves_and_loads_back_equal(routine: Routine) -> None:
    text_1 = document_from_routine(routine).dump()
    assert load_routine_text(text_1, "generated.yaml") == routine
    assert document_from_routine(routine).dump() == text_1
    # Saved again after loading (the round-trip path the editor uses): the same bytes.
    assert RoutineDocument.from_text(text_1).dump() == text_1
