"""The published JSON Schema matches the models, and bundled files point editors at it."""

import json
from pathlib import Path

from psoas_timer.core.schema import library_schema, routine_schema, schema_text

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "routines" / "schema"


def test_committed_schema_files_are_current() -> None:
    # Regenerate with: psoas-timer schema > routines/schema/routine.schema.json
    assert (SCHEMA_DIR / "routine.schema.json").read_text() == schema_text()
    assert (SCHEMA_DIR / "library.schema.json").read_text() == schema_text(library=True)


def test_schema_describes_the_format() -> None:
    schema = routine_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) == {"name", "steps"}
    step = schema["$defs"]["Step"]["properties"]
    for key in (
        "hold",
        "reps",
        "tempo",
        "sets",
        "sides",
        "open",
        "breathing",
        "milestones",
        "prompts",
        "use",
    ):
        assert key in step
    assert step["sides"]["enum"] == ["none", "left", "right", "both"]
    assert schema["$defs"]["Step"]["additionalProperties"] is False
    assert "exercises" in library_schema()["properties"]
    json.dumps(schema)
