"""The published JSON Schemas accept every file the app accepts, and refuse what it refuses
for structure (unknown keys, wrong types), checked by an independent validator
(``jsonschema``): every bundled routine, library and programme, every example in the docs,
and routines generated at random that the loader reads (issue 20 item 4)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from psoas_timer.core.loader import Library, load_library, load_routine_text
from psoas_timer.core.problems import LoadError
from psoas_timer.core.schema import library_schema, routine_schema
from psoas_timer.practice.programme import programme_schema

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = ROOT / "routines"


@cache
def validators() -> dict[str, Draft202012Validator]:
    routine = routine_schema()
    found = {
        "routine": routine,
        "library": library_schema(),
        "programme": programme_schema(),
        "step": {"$schema": routine["$schema"], "$ref": "#/$defs/Step", "$defs": routine["$defs"]},
    }
    for schema in found.values():
        Draft202012Validator.check_schema(schema)
    return {kind: Draft202012Validator(schema) for kind, schema in found.items()}


@cache
def bundled_library() -> Library:
    library = Library()
    for path in sorted((ROUTINES / "library").glob("*.yaml")):
        load_library(path, library)
    return library


def schema_errors(kind: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in validators()[kind].iter_errors(data)
    ]


def _kind(path: Path) -> str:
    if "library" in path.parts:
        return "library"
    return "programme" if "programmes" in path.parts else "routine"


@pytest.mark.parametrize(
    "path", sorted(ROUTINES.rglob("*.yaml")), ids=lambda p: str(p.relative_to(ROUTINES))
)
def test_every_bundled_file_passes_its_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert schema_errors(_kind(path), data) == []


def _doc_examples() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for doc in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        text = doc.read_text(encoding="utf-8")
        for number, block in enumerate(re.findall(r"```ya?ml\n(.*?)```", text, re.S), 1):
            data = yaml.safe_load(block)
            if data is not None:
                found.append((f"{doc.name}#{number}", data))
    return found


@pytest.mark.parametrize(("where", "data"), _doc_examples(), ids=lambda v: str(v)[:30])
def test_every_example_in_the_docs_passes_its_schema(where: str, data: Any) -> None:
    if isinstance(data, list):  # steps shown on their own: as a routine's steps
        data = {"name": "Example", "steps": data}
    if "exercises" in data:
        kind = "library"
    elif "weeks" in data:
        kind = "programme"
    elif "steps" not in data:  # some keys of one step, shown on their own
        kind = "step"
    else:
        kind = "routine"
        load_routine_text(json.dumps(data), where, bundled_library())  # the app reads it
    assert schema_errors(kind, data) == []


# -- routines generated at random -----------------------------------------------------------

texts = st.sampled_from(["Bridge", "Pigeon", "Ball release", "Étirement", "腰大肌", "Hold it"])
whole = st.integers(min_value=1, max_value=120)
durations = st.one_of(
    whole,
    st.floats(min_value=0.5, max_value=120, allow_nan=False).map(lambda f: round(f, 2)),
    st.sampled_from(
        [
            "90s",
            "1m30s",
            "1:30",
            "0:45",
            "2 min",
            "45 sec",
            "45 seconds",
            "1 minute",
            "2 mins",
            "1.5m",
            "90S",
            "1 MIN",
            "1h",
            " 30s ",
            "30 secs",
            "1:00:00",
            "0:30.5",
            "2hours",
            "1hr",
        ]
    ),
)
short = st.one_of(st.integers(0, 20), st.sampled_from(["5s", "10 sec", "0:15", "0"]))
ranges = st.one_of(
    st.sampled_from(["20-30s", "20s-30s", "20–30s", "1-2m", "30 - 45 sec", "0:20-0:30"]),
    st.just({"range": "20-30s", "use": "25s"}),
    st.just({"range": "20-30s"}),
)
counts = st.one_of(
    st.integers(1, 12),
    st.sampled_from(["3", " 4 ", 5.0, "3-4", "3–5"]),
    st.just({"range": "3-4", "use": 4}),
)
tempos = st.one_of(
    st.integers(1, 4),
    st.sampled_from(["2s", "1-10-2", "2-2", "1.5-0-1.5", " 2 - 2 "]),
    st.just({"up": 1, "hold": 2, "down": 2}),
    st.just({"down": 2, "up": 1}),
)
breathing = st.one_of(
    st.sampled_from(["none", "calm", "box", "4-6", "4-7-8", "4-4-4-4", "CALM", "Off", "NONE"]),
    st.just({"inhale": 4, "exhale": "6s"}),
    st.just({"inhale": "3s", "hold_in": 1, "exhale": 5, "hold_out": "1s"}),
)
rests = st.one_of(
    short,
    st.just({"duration": "10s", "name": "Move the ball"}),
    st.just({"duration": 20, "name": "Shake out", "say": "Shake out your legs"}),
)
lines = st.one_of(st.lists(texts, max_size=2), texts, st.just("First line\nSecond line\n\nThird"))
LIBRARY_IDS = ["psoas-ball-release", "knee-to-chest", "heat-pack", "ice-pack", "hip-raise", "plank"]


@st.composite
def timed(draw: st.DrawFn, step: dict[str, Any]) -> None:
    timing = draw(st.sampled_from(["hold", "duration", "reps", "open", "breaths", "ranged"]))
    if timing == "hold":
        step["hold"] = draw(durations)
    elif timing == "ranged":
        step["hold"] = draw(ranges)
    elif timing == "duration":
        step["duration"] = draw(durations)
    elif timing == "reps":
        step["reps"] = draw(counts)
        step["tempo"] = draw(tempos)
        if draw(st.booleans()):
            step["rest_between_reps"] = draw(short)
    elif timing == "open":
        step["open"] = draw(
            st.sampled_from(
                [
                    {"target": "60s"},
                    {"min": 30, "target": 90, "max": "2m"},
                    {"min": "0:30", "target": "1:30"},
                ]
            )
        )
    else:
        step["kind"] = "breathing"
        step["breaths"] = draw(counts)
    if timing in ("hold", "duration", "open"):
        step["milestones"] = draw(
            st.lists(
                st.one_of(
                    st.integers(1, 30),
                    st.sampled_from(["10s", "0:20"]),
                    st.builds(lambda at, say: {"at": at, "say": say}, st.integers(1, 30), texts),
                    st.builds(lambda at: {"at": at}, st.integers(1, 30)),
                ),
                max_size=3,
            )
        )
        step["prompts"] = draw(
            st.lists(
                st.one_of(
                    st.builds(lambda at: {"say": "Breathe", "at": at}, st.integers(1, 30)),
                    st.builds(lambda e: {"say": "Relax", "every": e}, st.integers(5, 30)),
                ),
                max_size=2,
            )
        )


@st.composite
def written_steps(draw: st.DrawFn) -> dict[str, Any]:
    step: dict[str, Any] = {"name": draw(texts)}
    draw(timed(step))
    options = {
        "kind": st.sampled_from(["exercise", "stretch", "release", "rest", "heat-ice"]),
        "instructions": lines,
        "safety": lines,
        "muscles": st.lists(texts, max_size=2),
        "equipment": st.lists(texts, max_size=2),
        "id": st.sampled_from(["my-step", "s1", "bridge-2"]),
        "sets": counts,
        "prepare": short,
        "rest_between_sets": rests,
        "rest_after": rests,
        "switch_sides": short,
        "breathing": breathing,
        "halfway": st.booleans(),
        "countdown": st.integers(0, 10),
    }
    for key, values in options.items():
        if key not in step and draw(st.booleans()):
            step[key] = draw(values)
    if step.get("kind") == "breathing" or "breaths" in step:
        step["kind"] = "breathing"
    sides = draw(st.sampled_from(["none", "left", "right", "both", None]))
    if sides is not None:
        step["sides"] = sides
    if sides == "both":
        if draw(st.booleans()):
            step["alternate"] = True
        if "hold" in step and draw(st.booleans()):
            step["hold"] = {"left": draw(durations), "right": draw(durations)}
        if draw(st.booleans()):
            step["sets"] = {"left": draw(st.integers(1, 3)), "right": "2"}
    return step


@st.composite
def used_steps(draw: st.DrawFn) -> dict[str, Any]:
    step: dict[str, Any] = {"use": draw(st.sampled_from(LIBRARY_IDS))}
    if draw(st.booleans()):
        step["sets"] = draw(counts)
    if draw(st.booleans()):
        step["name"] = draw(texts)
    return step


def choices(draw: st.DrawFn) -> dict[str, Any]:
    options = draw(
        st.lists(st.one_of(st.sampled_from(LIBRARY_IDS), written_steps()), min_size=2, max_size=3)
    )
    choice: dict[str, Any] = {"choose": options}
    if draw(st.booleans()):
        choice["ask"] = "Which one today?"
    return choice


@st.composite
def items(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    kind = draw(st.sampled_from(["step", "step", "use", "choose", "repeat"][: 5 - depth]))
    if kind == "step":
        return draw(written_steps())
    if kind == "use":
        return draw(used_steps())
    if kind == "choose":
        return choices(draw)
    group: dict[str, Any] = {
        "repeat": draw(st.one_of(st.integers(1, 3))),
        "steps": draw(st.lists(items(depth + 1), min_size=1, max_size=2)),
    }
    if draw(st.booleans()):
        group["name"] = "Circuit"
    if draw(st.booleans()):
        group["rest_between"] = draw(rests)
    return group


@st.composite
def routines(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"name": draw(texts), "steps": draw(st.lists(items(), min_size=1))}
    if draw(st.booleans()):
        data["version"] = 1
    if draw(st.booleans()):
        data["description"] = "Generated."
    if draw(st.booleans()):
        data["tags"] = ["hips", "back"]
    if draw(st.booleans()):
        data["defaults"] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "prepare": short,
                    "rest": short,
                    "switch_sides": short,
                    "breathing": breathing,
                    "cue_style": st.sampled_from(["both", "voice", "tone", "none"]),
                    "halfway": st.booleans(),
                    "countdown": st.integers(0, 10),
                },
            )
        )
    return data


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines())
def test_every_generated_routine_the_loader_reads_passes_the_schema(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False)
    note(text)
    try:
        load_routine_text(text, "generated.yaml", bundled_library())
    except LoadError:
        return  # refused by the app: the schema may refuse it or not
    assert schema_errors("routine", data) == []


# -- refused for structure ------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "name": "Evening",
    "defaults": {"prepare": 5},
    "steps": [
        {"name": "Bridge", "hold": "30s", "milestones": [10, {"at": 20, "say": "Halfway"}]},
        {"repeat": 2, "steps": [{"name": "Plank", "reps": 5, "tempo": 2}]},
        {"choose": ["heat-pack", {"name": "Ice", "duration": "10m"}]},
        {
            "name": "Psoas release",
            "sides": "both",
            "open": {"left": {"target": "60s"}, "right": {"target": "90s", "max": "3m"}},
        },
    ],
}

BROKEN = {
    "an unknown top key": (("colour",), "blue"),
    "an unknown step key": (("steps", 0, "colour"), "blue"),
    "an unknown key in defaults": (("defaults", "speed"), 2),
    "an unknown milestone key": (("steps", 0, "milestones", 1, "when"), 3),
    "an unknown key in a repeat": (("steps", 1, "colour"), "blue"),
    "an unknown key in a choice": (("steps", 2, "colour"), "blue"),
    "a name that is a list": (("name",), ["Evening"]),
    "steps that are a mapping": (("steps",), {"name": "Bridge"}),
    "a hold that is a list": (("steps", 0, "hold"), [30]),
    "a hold that is a word": (("steps", 0, "hold"), "long"),
    "sides that is a number": (("steps", 0, "sides"), 2),
    "halfway that is a word": (("steps", 0, "halfway"), "often"),
    "a repeat that is a word": (("steps", 1, "repeat"), "twice"),
    "milestones that are a mapping": (("steps", 0, "milestones"), {"at": 3}),
    "a milestone that is a list": (("steps", 0, "milestones", 0), [3]),
    "a choice option that is a number": (("steps", 2, "choose", 0), 7),
    "a countdown that is a word": (("defaults", "countdown"), "three"),
    "a mark beside an open hold's sides": (("steps", 3, "open", "min"), 30),
    "an unknown key in a rest's words": (
        ("steps", 0, "rest_after"),
        {"duration": 10, "name": "Sip water", "colour": "blue"},
    ),
    "a rest's words without a name": (("steps", 0, "rest_after"), {"duration": 10, "say": "Sip"}),
}


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(GOOD))
    here = data
    for key in path[:-1]:
        here = here[key]
    here[path[-1]] = value
    return data


def test_the_good_example_passes_both() -> None:
    load_routine_text(json.dumps(GOOD), "good.yaml", bundled_library())
    assert schema_errors("routine", GOOD) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_what_the_loader_refuses_for_structure_the_schema_refuses(case: str) -> None:
    data = _with(*BROKEN[case])
    with pytest.raises(LoadError):
        load_routine_text(json.dumps(data), "broken.yaml", bundled_library())
    assert schema_errors("routine", data) != []


def test_a_rest_with_its_other_words_left_empty_passes_both() -> None:
    """``say:`` left empty in a rest with words: the loader reads it as no other words (the
    name is said), and the schema takes it too, since it is generated from the same model
    (``core.rests.RestWords``); written by hand beside it, the schema refused it."""
    data = _with(("steps", 0, "rest_after"), {"duration": 10, "name": "Sip water", "say": None})
    routine = load_routine_text(json.dumps(data), "rest.yaml", bundled_library())
    assert routine.steps[0].rest_after == 10
    assert schema_errors("routine", data) == []


def test_a_library_entry_with_an_unknown_key_is_refused() -> None:
    library = {"exercises": [{"id": "x", "name": "X", "hold": 30, "colour": "blue"}]}
    assert schema_errors("library", library) != []
    programme = {"name": "P", "weeks": 2, "days": {"mon": "x"}, "colour": "blue"}
    assert schema_errors("programme", programme) != []
