"""Each fact of the format in one place: the models declare the keys, their order, their label
and their help; the writer and the JSON Schema take them from there (issue 20 item 3)."""

from __future__ import annotations

import yaml

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.model import Choice, Defaults, RepeatGroup, Routine, Step
from psoas_timer.core.routine_io import (
    DEFAULTS_ORDER,
    ROUTINE_ORDER,
    STEP_ORDER,
    document_from_routine,
)
from psoas_timer.core.schema import routine_schema


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
