"""The ``tempo`` of a step's reps: seconds per rep (``3``), or the rep in phases, up, held
at the top and down (``1-10-2``, ``2-2``, or ``{down: 2, up: 1}`` in the order they
happen), a :class:`RepTempo`."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BeforeValidator,
    PlainSerializer,
    PrivateAttr,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from psoas_timer.i18n import _, pgettext

from .duration import format_duration, parse_duration
from .value_types import DURATION_SCHEMA, Duration, FormatModel, first_error

__all__ = [
    "MIN_REP_PHASE",
    "REP_PHASES",
    "RepPhaseName",
    "RepTempo",
    "Tempo",
    "rep_phase_word",
]

RepPhaseName = Literal["up", "hold", "down"]
REP_PHASES: tuple[RepPhaseName, ...] = ("up", "hold", "down")
#: A phase of a rep shorter than this cannot be followed (nor said in time).
MIN_REP_PHASE = 0.5


class RepTempo(FormatModel):
    """One rep in phases: seconds up, held at the top, and down (in the order written)."""

    up: Duration = 0
    hold: Duration = 0
    down: Duration = 0
    _order: tuple[RepPhaseName, ...] = PrivateAttr(default=REP_PHASES)

    @model_validator(mode="after")
    def _lengths(self) -> RepTempo:
        short = [name for name, s in self.phases() if s < MIN_REP_PHASE]
        if short:
            raise ValueError(
                _(
                    "a rep's phase must last at least {min_rep_phase} s or be left out (0), "
                    "found {value}: {value2}"
                ).format(
                    min_rep_phase=format(MIN_REP_PHASE, "g"),
                    value=short[0],
                    value2=format(getattr(self, short[0]), "g"),
                )
            )
        if not self.phases():
            raise ValueError(_("a rep in phases needs at least one phase longer than 0"))
        return self

    def phases(self) -> tuple[tuple[RepPhaseName, float], ...]:
        """The phases that last, in order, with their seconds."""
        return tuple((name, getattr(self, name)) for name in self._order if getattr(self, name))

    @property
    def total(self) -> float:
        return sum(seconds for _, seconds in self.phases())

    def label(self) -> str:
        """``1-10-2`` (up-hold-down) or, for another order, ``down 2 · up 1``."""
        if self._order == REP_PHASES:
            return "-".join(f"{getattr(self, name):g}" for name in REP_PHASES)
        return " · ".join(f"{name} {s:g}" for name, s in self.phases())


_TEMPO_DASHES = re.compile(r"^\s*\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?){1,2}\s*$")


def _parse_tempo(value: object) -> object:
    """A number of seconds per rep, or the rep in phases: ``1-10-2`` (up, hold, down),
    ``2-2`` (up, down), or a mapping of up/hold/down in the order they happen."""
    if isinstance(value, str) and _TEMPO_DASHES.match(value):
        numbers = [float(part) for part in value.split("-")]
        keys = ("up", "down") if len(numbers) == 2 else REP_PHASES
        value = dict(zip(keys, numbers, strict=True))
    if isinstance(value, dict):
        unknown = [k for k in value if k not in REP_PHASES]
        if unknown:
            raise ValueError(
                _("a rep's phases are 'up', 'hold' and 'down', found '{value}'").format(
                    value=unknown[0]
                )
            )
        try:
            tempo = RepTempo.model_validate(value)
        except ValidationError as exc:
            raise ValueError(first_error(exc)) from None
        tempo._order = tuple(k for k in value if k in REP_PHASES)
        return tempo
    return parse_duration(value) if not isinstance(value, RepTempo) else value


_TEMPO_SCHEMA: dict[str, Any] = {
    "anyOf": [
        *DURATION_SCHEMA["anyOf"],
        {"type": "string", "pattern": _TEMPO_DASHES.pattern},
        {
            "type": "object",
            "properties": {k: DURATION_SCHEMA for k in REP_PHASES},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ],
    "description": "Seconds per rep (3), or the rep in phases: '1-10-2' (up, hold, down), "
    "'2-2' (up, down), or {up: 1, hold: 10, down: 2} in the order they happen.",
}

Tempo = Annotated[
    Union[float, RepTempo],
    BeforeValidator(_parse_tempo),
    PlainSerializer(lambda v: v.model_dump() if isinstance(v, RepTempo) else format_duration(v)),
    WithJsonSchema(_TEMPO_SCHEMA),
]
"""Seconds per rep, or a :class:`RepTempo`."""


def rep_phase_word(name: str) -> str:
    """What the voice says and the player shows at the start of a rep's phase *name*
    (``up``, ``hold``, ``down``): "Up", "Hold", "Down" in the user's language."""
    if name == "up":
        return pgettext("spoken cue", "Up")
    if name == "hold":
        return pgettext("spoken cue", "Hold")
    if name == "down":
        return pgettext("spoken cue", "Down")
    return name
