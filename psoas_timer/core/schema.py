"""JSON Schemas for routine and library files, so editors can complete and check them."""

from __future__ import annotations

import json
from typing import Any

from .model import ExerciseLibrary, Routine

__all__ = ["library_schema", "routine_schema", "schema_text"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def routine_schema() -> dict[str, Any]:
    return {"$schema": _DIALECT, **Routine.model_json_schema()}


def library_schema() -> dict[str, Any]:
    return {"$schema": _DIALECT, **ExerciseLibrary.model_json_schema()}


def schema_text(library: bool = False) -> str:
    """The schema as stable, pretty JSON text (what ``psoas-timer schema`` prints)."""
    return json.dumps(library_schema() if library else routine_schema(), indent=2) + "\n"
