"""Rests in the routine format: seconds (``20s``), or a rest with its own words
(``{duration: 20s, name: Move the ball, say: Roll the ball a little higher}``).

A rest with words is a :class:`NamedRest`, a ``float`` that carries them, so every sum and
comparison of rests works unchanged; :func:`rest_words` and :func:`rest_name` read them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, PlainSerializer, PlainValidator, ValidationError

from psoas_timer.i18n import N_

from .duration import format_duration, parse_duration
from .value_types import DURATION_SCHEMA, Duration, FormatModel, about_field, first_error

__all__ = ["NamedRest", "RestTime", "RestWords", "rest_name", "rest_words"]


class NamedRest(float):
    """Seconds of a rest that has its own words: *name* is shown in the player (instead of
    "Rest") and said as it starts, unless *say* gives other words to say.

    It is a ``float`` (the seconds) so every sum and comparison of rests works unchanged.
    """

    name: str
    say: str | None

    def __new__(cls, seconds: float, name: str, say: str | None = None) -> NamedRest:
        rest = super().__new__(cls, seconds)
        rest.name = name
        rest.say = say
        return rest

    def __reduce__(self) -> tuple[Any, ...]:
        return (NamedRest, (float(self), self.name, self.say))

    def __repr__(self) -> str:
        return f"NamedRest({float(self)!r}, {self.name!r}, {self.say!r})"

    @property
    def words(self) -> str:
        """What is said as the rest starts."""
        return self.say or self.name


class RestWords(FormatModel):
    """A rest with its own words, as written: ``{duration: 20s, name: ..., say: ...}``."""

    # Each key with its label and what it does: the editor's rest fields (their names, for
    # screen readers after the rest they belong to, and their help) and the JSON Schema.
    duration: Duration = about_field(N_("Length"), N_("How long the rest lasts."), default=...)
    name: Annotated[str, Field(min_length=1, max_length=80)] = about_field(
        N_("Name"),
        N_("Shown in place of 'Rest' and said as the rest begins."),
        default=...,
    )
    say: Annotated[str, Field(min_length=1, max_length=200)] | None = about_field(
        N_("Say"), N_("Other words to say as the rest begins, if they differ from the name.")
    )


def _parse_rest(value: object) -> float:
    if isinstance(value, NamedRest):
        return value
    if isinstance(value, dict):
        try:
            words = RestWords.model_validate(value)
        except ValidationError as exc:
            raise ValueError(first_error(exc)) from None
        return NamedRest(words.duration, words.name.strip(), words.say)
    return parse_duration(value)


def _dump_rest(value: float) -> object:
    if isinstance(value, NamedRest):
        named: dict[str, object] = {"duration": format_duration(value), "name": value.name}
        if value.say is not None:
            named["say"] = value.say
        return named
    return format_duration(value)


class _RestSchema:
    """A rest's JSON Schema: seconds, or a rest with its words as :class:`RestWords`
    declares it (its keys with their limits, labels and help, written out once, there).
    Made when a schema is asked for, not as the app starts."""

    #: the model that declares a rest's words (read by :func:`~.value_types.declared_parts`)
    described_by = RestWords

    def __get_pydantic_json_schema__(self, _core: object, _handler: object) -> dict[str, Any]:
        words = RestWords.model_json_schema()
        keys = ("type", "properties", "required", "additionalProperties")
        return {
            "anyOf": [*DURATION_SCHEMA["anyOf"], {key: words[key] for key in keys}],
            "description": "Seconds of rest (20s), or a rest with its own words: "
            "{duration: 20s, name: Move the ball, say: Roll the ball a little higher}.",
        }


RestTime = Annotated[
    float,
    PlainValidator(_parse_rest),
    PlainSerializer(_dump_rest),
    _RestSchema(),
]
"""Seconds of a rest, or a :class:`NamedRest` with the words shown and said for it."""


def rest_words(rest: float, plain: str = "Rest") -> str:
    """The words said as a rest of *rest* starts: its own, or *plain*."""
    return rest.words if isinstance(rest, NamedRest) else plain


def rest_name(rest: float) -> str | None:
    """The name a rest of *rest* is shown by, or ``None`` for a plain rest."""
    return rest.name if isinstance(rest, NamedRest) else None
