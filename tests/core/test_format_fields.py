"""Each fact of the format in one place: the models declare the keys, their order, their label
and their help; the writer and the JSON Schema take them from there (issue 20 item 3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from psoas_timer.core.amounts import RANGE_KEYS, SIDE_KEYS
from psoas_timer.core.breathing_setting import BreathingPattern
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.model import Choice, Defaults, RepeatGroup, Routine, Step
from psoas_timer.core.open_holds import OpenHold
from psoas_timer.core.rests import RestTime, RestWords
from psoas_timer.core.routine_io import (
    DEFAULTS_ORDER,
    ROUTINE_ORDER,
    SMALL_MAPPINGS,
    STEP_ORDER,
    document_from_routine,
    order_keys,
)
from psoas_timer.core.schema import routine_schema
from psoas_timer.core.step_cues import Milestone, Prompt
from psoas_timer.core.value_types import Duration, FormatModel, about_field, declared_parts

from .test_schema_accepts import ROUTINES, _doc_examples, bundled_library


def test_the_writer_orders_keys_as_the_models_declare_them() -> None:
    assert tuple(Routine.model_fields) == ROUTINE_ORDER
    assert tuple(Defaults.model_fields) == DEFAULTS_ORDER
    step_keys = [k for k in STEP_ORDER if k in Step.model_fields]
    assert step_keys == list(Step.model_fields)
    group_keys = [k for k in STEP_ORDER if k in RepeatGroup.model_fields]
    assert group_keys == list(RepeatGroup.model_fields)
    choice_keys = [k for k in STEP_ORDER if k in Choice.model_fields]
    assert choice_keys == list(Choice.model_fields)
    every = {*Step.model_fields, *RepeatGroup.model_fields, *Choice.model_fields}
    assert set(STEP_ORDER) == every


def test_every_step_key_has_a_label_and_help_in_the_schema() -> None:
    properties = routine_schema()["$defs"]["Step"]["properties"]
    assert list(properties) == list(Step.model_fields)
    for key, field in Step.model_fields.items():
        assert field.title and field.description, key
        assert properties[key].get("title", field.title) == field.title  # a $ref has none
        assert properties[key]["description"] == field.description


def test_a_routine_written_out_follows_the_declared_order() -> None:
    text = """
steps:
  - safety: [Stop if it hurts]
    instructions: [Lie down]
    milestones: [10]
    breathing: calm
    sides: both
    hold: 30s
    kind: stretch
    name: Pigeon
name: Evening
"""
    routine = load_routine_text(text, "evening.yaml")
    data = yaml.safe_load(document_from_routine(routine).dump())
    assert list(data) == ["version", "name", "steps"]
    written = list(data["steps"][0])
    assert written == sorted(written, key=list(Step.model_fields).index)
    assert written[0] == "name" and written[-1] == "safety"


# -- the small mappings a step's values are written as (prompts, rests, open holds...) --------

_SMALL_MODELS = {
    "a milestone": Milestone,
    "a prompt": Prompt,
    "an open hold": OpenHold,
    "a breathing pattern": BreathingPattern,
    "a rest with its words": RestWords,
}


@pytest.mark.parametrize("what", sorted(_SMALL_MODELS))
def test_a_small_mapping_is_written_in_the_order_its_model_declares(what: str) -> None:
    declared = list(_SMALL_MODELS[what].model_fields)
    assert declared in [list(keys) for keys in SMALL_MAPPINGS]
    assert order_keys(reversed(declared), "small") == declared
    properties = _schema_properties(_SMALL_MODELS[what])
    assert properties == declared  # and the JSON Schema lists them so


@pytest.mark.parametrize(
    "what", ["a milestone", "a prompt", "an open hold", "a rest with its words"]
)
def test_a_small_mapping_s_keys_have_their_label_and_help_in_the_schema(what: str) -> None:
    """The JSON Schema gives an editor's completion the label and help each key declares
    (the editor and Help read the same), for a rest's words too, whose schema is made from
    its model rather than written again beside it."""
    model = _SMALL_MODELS[what]
    properties = _schema_property_map(model)
    assert list(properties) == list(model.model_fields)
    for key, field in model.model_fields.items():
        assert field.title and field.description, key
        assert properties[key]["title"] == field.title, key
        assert properties[key]["description"] == field.description, key


def test_values_per_side_and_ranges_are_written_in_one_order() -> None:
    assert order_keys(["right", "left"], "small") == list(SIDE_KEYS)
    assert order_keys(["use", "range"], "small") == list(RANGE_KEYS)


def _schema_properties(model: type[BaseModel]) -> list[str]:
    """The keys the published schema lists for *model*'s mapping, in its order."""
    return list(_schema_property_map(model))


def _schema_property_map(model: type[BaseModel]) -> dict[str, Any]:
    """What the published schema says of each key of *model*'s mapping."""
    defs = routine_schema()["$defs"]
    if model.__name__ in defs:
        properties: dict[str, Any] = defs[model.__name__]["properties"]
        return properties
    step = defs["Step"]["properties"]
    return _object_in(step["breathing" if model is BreathingPattern else "rest_after"])


def _object_in(schema: dict[str, Any]) -> dict[str, Any]:
    """The properties of the first mapping *schema* allows."""
    if schema.get("type") == "object":
        properties: dict[str, Any] = schema["properties"]
        return properties
    return next((p for option in schema.get("anyOf", []) if (p := _object_in(option))), {})


#: A routine with every kind of small mapping written in a scrambled order, and what the
#: writer wrote for it before the order was read from the models (byte for byte).
_SCRAMBLED = """
name: Every small mapping
steps:
  - name: Ball on the psoas
    kind: release
    sides: both
    open: {right: {max: 4m, target: 90s, min: 30s}, left: {target: 60s}}
    prompts:
      - {say: Breathe into it, at: 20s}
      - {say: Let it soften, every: 30s}
    milestones: [30, {say: A minute, at: 60}]
    rest_after: {say: Roll the ball a little higher, name: Move the ball, duration: 20s}
  - name: Lunge
    kind: stretch
    sides: both
    hold: {right: {use: 45s, range: 40-50s}, left: 30s}
    sets: {right: 3, left: 2}
    breathing: {hold_out: 1, exhale: 6, hold_in: 2, inhale: 4}
    rest_between_sets: {name: Shake out, duration: 10s}
    milestones: [{say: Halfway there, at: 15s}]
  - name: Bridges
    reps: {use: 12, range: 10-12}
    tempo: {down: 2, up: 1, hold: 3}
    prompts:
      - {every: 5s, say: Squeeze}
"""
_WRITTEN = """version: 1
name: Every small mapping
steps:
  - name: Ball on the psoas
    kind: release
    open:
      left: {target: 1m}
      right: {min: 30, target: 1m30s, max: 4m}
    sides: both
    rest_after:
      duration: 20
      name: Move the ball
      say: Roll the ball a little higher
    milestones:
      - 30
      - {at: 1m, say: A minute}
    prompts:
      - {at: 20, say: Breathe into it}
      - {every: 30, say: Let it soften}
  - name: Lunge
    kind: stretch
    hold:
      left: 30
      right: {range: 40-50s, use: 45}
    sets: {left: 2, right: 3}
    sides: both
    rest_between_sets: {duration: 10, name: Shake out}
    breathing: {inhale: 4, hold_in: 2, exhale: 6, hold_out: 1}
    milestones:
      - {at: 15, say: Halfway there}
  - name: Bridges
    reps: {range: 10-12, use: 12}
    tempo: {up: 1, hold: 3, down: 2}
    prompts:
      - {every: 5, say: Squeeze}
"""


def test_every_small_mapping_is_written_as_before() -> None:
    routine = load_routine_text(_SCRAMBLED, "every-small-mapping.yaml")
    assert document_from_routine(routine).dump() == _WRITTEN


def _written_files() -> list[tuple[str, str]]:
    """What the writer writes for every bundled routine, every library exercise (written out
    in full) and every routine in the docs."""
    library = bundled_library()
    written: list[tuple[str, str]] = []
    for path in sorted(ROUTINES.glob("*.yaml")):
        routine = load_routine_text(path.read_text(encoding="utf-8"), str(path), library)
        written.append((path.name, document_from_routine(routine, library).dump()))
    for key, exercise in sorted(library.exercises.items()):
        routine = Routine(name=key, steps=[exercise])
        written.append((f"library {key}", document_from_routine(routine).dump()))
    for name, data in _doc_examples():
        if isinstance(data, dict) and "steps" in data:
            routine = load_routine_text(yaml.safe_dump(data), name, library)
            written.append((name, document_from_routine(routine, library).dump()))
    return written


def _small_mappings(value: Any, under: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every mapping below a step's keys, with the key it stands under."""
    if isinstance(value, list):
        for item in value:
            yield from _small_mappings(item, under)
    elif isinstance(value, dict):
        if under not in ("", "steps", "defaults", "figure"):
            yield under, list(value)
        for key, item in value.items():
            if key != "figure":
                yield from _small_mappings(item, under if key in ("left", "right") else key)


def test_writing_what_was_written_changes_nothing_and_keeps_each_declared_order() -> None:
    library = bundled_library()
    orders = [list(keys) for keys in SMALL_MAPPINGS]
    seen: set[str] = set()
    for name, text in _written_files():
        again = document_from_routine(load_routine_text(text, name, library), library).dump()
        assert again == text, name
        for under, keys in _small_mappings(yaml.safe_load(text)):
            seen.add(under)
            declared = next((o for o in orders if set(keys) <= set(o)), None)
            assert declared is not None, (name, under, keys)
            assert keys == [k for k in declared if k in keys], (name, under, keys)
    assert {"milestones", "prompts", "open", "rest_between_sets"} <= seen


def test_the_parts_of_a_step_declared_with_labels_are_found_from_its_types() -> None:
    """What Help lists inside a step comes from the step's own types: every model declared
    with labels that a step's value is made of, under the keys that take it."""
    assert declared_parts(Step) == {
        OpenHold: ("open",),
        RestWords: ("rest_between_reps", "rest_between_sets", "rest_after"),
        Milestone: ("milestones",),
        Prompt: ("prompts",),
    }


def test_a_new_declared_part_or_key_is_found_without_being_named_anywhere_else() -> None:
    class Cue(FormatModel):
        at: Duration = about_field("At", "When.", default=...)
        loud: bool = about_field("Loud", "Said loudly.", default=False)

    class Plain(FormatModel):  # not declared with labels: not a part Help explains
        up: Duration = 1

    class Holder(FormatModel):
        cues: list[Cue] = about_field("Cues", "Cues.", listed=True)
        tempo: Plain | Duration | None = about_field("Tempo", "Tempo.")
        rest: RestTime | None = about_field("Rest", "A rest.")

    parts = declared_parts(Holder)
    assert parts == {Cue: ("cues",), RestWords: ("rest",)}
    assert list(Cue.model_fields) == ["at", "loud"]
