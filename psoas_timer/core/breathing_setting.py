"""The ``breathing`` setting of a step or of a routine's defaults: ``none``, a named pattern
(``calm``), dashed numbers (``4-6``, kept as written), or the seconds of each phase
(``{inhale: 4, exhale: 6}``, a :class:`BreathingPattern`).

:mod:`.breathing` holds the patterns themselves and the phase at a time; this ties them to
the format's models and JSON Schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import AfterValidator, BeforeValidator, Discriminator, Tag, WithJsonSchema

from .breathing import (
    DASHES_TEXT,
    NAMED_PATTERNS,
    Pattern,
    PhaseName,
    check_phase,
    parse_pattern_text,
)
from .duration import any_case
from .value_types import DURATION_SCHEMA, Duration, FormatModel

__all__ = ["Breathing", "BreathingPattern", "breathing_pattern"]


def _phase(name: PhaseName) -> AfterValidator:
    return AfterValidator(lambda seconds: check_phase(name, seconds))


class BreathingPattern(FormatModel):
    """Custom pacing: seconds of inhale, hold, exhale and hold."""

    inhale: Annotated[Duration, _phase("inhale")]
    hold_in: Annotated[Duration, _phase("hold_in")] = 0
    exhale: Annotated[Duration, _phase("exhale")]
    hold_out: Annotated[Duration, _phase("hold_out")] = 0

    def pattern(self) -> Pattern:
        return Pattern(self.inhale, self.hold_in, self.exhale, self.hold_out)


def _parse_breathing(value: object) -> object:
    if value is False or (isinstance(value, str) and value.strip().lower() in {"none", "off"}):
        return "none"
    if isinstance(value, str):
        return parse_pattern_text(value).name or value.strip()
    if isinstance(value, (dict, BreathingPattern)):
        return value
    return parse_pattern_text(str(value))  # a number or a list: says what is expected


def _breathing_tag(value: object) -> str:
    return "pattern" if isinstance(value, (dict, BreathingPattern)) else "text"


_BREATHING_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"const": False},
        {
            "type": "string",
            "pattern": r"^\s*(?:"
            + "|".join(any_case(name) for name in ("none", "off", *NAMED_PATTERNS))
            + r")\s*$",
        },
        {"type": "string", "pattern": DASHES_TEXT},
        {
            "type": "object",
            "properties": {k: DURATION_SCHEMA for k in BreathingPattern.model_fields},
            "required": ["inhale", "exhale"],
            "additionalProperties": False,
        },
    ],
    "description": "'none', a named pattern, numbers like '4-6', "
    "or inhale/hold_in/exhale/hold_out.",
}

Breathing = Annotated[
    Union[Annotated[str, Tag("text")], Annotated[BreathingPattern, Tag("pattern")]],
    Discriminator(_breathing_tag),
    BeforeValidator(_parse_breathing),
    WithJsonSchema(_BREATHING_SCHEMA),
]
"""``"none"``, a pattern name or dashed numbers (kept as written), or custom seconds."""


def breathing_pattern(value: str | BreathingPattern | None) -> Pattern | None:
    """The :class:`Pattern` a ``breathing`` value stands for, or ``None`` for no pacing."""
    if value is None or value == "none":
        return None
    if isinstance(value, BreathingPattern):
        return value.pattern()
    return parse_pattern_text(value)
