"""The routine format's amounts as pydantic types: seconds, ranges, per-side values, counts
and lines of text, each with how it is read, written back and described in the JSON Schema.

People write ``90``, ``"90s"``, ``"1m30s"`` or ``"1:30"`` for seconds, ``"20-30s"`` or
``{range: 20-30s, use: 25s}`` for a range, ``{left: 30s, right: 45s}`` for a value on each
side; :mod:`.amounts` and :mod:`.duration` read them, and the types here tie that reading to
the models (:mod:`.model`). :class:`FormatModel` is the base of every model of the format:
it refuses keys it does not know.
"""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple, Union, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
)

from psoas_timer.i18n import _

from .amounts import (
    RANGE_TEXT,
    dump_amount,
    parse_count,
    parse_seconds,
    parse_side_count,
    parse_side_seconds,
)
from .duration import DURATION_TEXT, MAX_SECONDS, format_duration, parse_duration

__all__ = [
    "BREATHS",
    "DURATION_SCHEMA",
    "EMPTY_LIST",
    "REPS",
    "ROUNDS",
    "SETS",
    "Breaths",
    "CountBounds",
    "Duration",
    "FieldWords",
    "FormatModel",
    "Lines",
    "Reps",
    "Seconds",
    "Sets",
    "SideSeconds",
    "Text",
    "about_field",
    "declared_parts",
    "field_words",
    "first_error",
]


class FormatModel(BaseModel):
    """A model of the routine format: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", validate_default=False, use_enum_values=False)


def first_error(exc: ValidationError) -> str:
    """The first problem of a nested model, as one message with its place inside the value."""
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where + ': ' if where else ''}{message}"


DURATION_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": MAX_SECONDS},
        {"type": "string", "pattern": DURATION_TEXT},
    ],
    "description": "Seconds (90), or text such as '90s', '1m30s' or '1:30'.",
}

Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration),
    WithJsonSchema(DURATION_SCHEMA),
]
"""Seconds, written by people as ``90``, ``"90s"``, ``"1m30s"`` or ``"1:30"``."""


def _range_map(inner: dict[str, Any], example: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"range": {"type": "string", "pattern": RANGE_TEXT}, "use": inner},
        "required": ["range"],
        "additionalProperties": False,
        "description": f"A range with the value to use, e.g. {example}.",
    }


def _per_side(inner: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"left": inner, "right": inner},
        "required": ["left", "right"],
        "additionalProperties": False,
    }


_SECONDS_SCHEMA: dict[str, Any] = {
    "anyOf": [
        *DURATION_SCHEMA["anyOf"],
        {"type": "string", "pattern": RANGE_TEXT},
        _range_map(DURATION_SCHEMA, "{range: 20-30s, use: 25s}"),
    ],
    "description": "Seconds (30, '30s', '1m30s'), or a range such as '20-30s' (its lower end "
    "is used) or {range: 20-30s, use: 25s}.",
}
_SIDE_SECONDS_SCHEMA: dict[str, Any] = {
    "anyOf": [*_SECONDS_SCHEMA["anyOf"], _per_side(_SECONDS_SCHEMA)],
    "description": _SECONDS_SCHEMA["description"][:-1]
    + ", or a value for each side: {left: 30s, right: 45s}.",
}

Seconds = Annotated[
    float,
    PlainValidator(parse_seconds),
    PlainSerializer(dump_amount),
    WithJsonSchema(_SECONDS_SCHEMA),
]
"""Seconds, or a range of them with the value to use (:class:`~.amounts.Ranged`)."""

SideSeconds = Annotated[
    float,
    PlainValidator(parse_side_seconds),
    PlainSerializer(dump_amount),
    WithJsonSchema(_SIDE_SECONDS_SCHEMA),
]
"""Seconds, a range, or either per side (:class:`~.amounts.SideSeconds`)."""


def _count_schema(least: int, most: int, per_side: bool = False) -> dict[str, Any]:
    number = {"type": "integer", "minimum": least, "maximum": most}
    options: list[dict[str, Any]] = [
        number,
        {"type": "string", "pattern": r"^\s*\d+\s*$"},
        {"type": "string", "pattern": r"^\s*\d+\s*[-\u2013]\s*\d+\s*$"},
        _range_map(number, "{range: 3-4, use: 4}"),
    ]
    if per_side:
        options.append(_per_side({"anyOf": list(options)}))
    return {
        "anyOf": options,
        "description": f"A whole number from {least} to {most}, or a range such as '3-4' "
        "(its lower end is used) or {range: 3-4, use: 4}"
        + (", or a number for each side: {left: 2, right: 3}." if per_side else "."),
    }


class CountBounds(NamedTuple):
    """The whole numbers a count of the format takes, and what it counts (in messages)."""

    least: int
    most: int
    what: str


#: What each count takes: the models read them here, and so does the editor's count field.
REPS = CountBounds(1, 1000, "reps")
BREATHS = CountBounds(1, 1000, "breaths")
SETS = CountBounds(1, 100, "sets")
#: A repeat group's rounds (``repeat``), a plain whole number.
ROUNDS = CountBounds(1, 100, "rounds")


def _counter(count: CountBounds, per_side: bool = False) -> PlainValidator:
    least, most, what = count
    if per_side:
        return PlainValidator(lambda value: parse_side_count(value, least, most, what))
    return PlainValidator(lambda value: parse_count(value, least, most, what))


Reps = Annotated[
    int,
    _counter(REPS),
    PlainSerializer(dump_amount),
    WithJsonSchema(_count_schema(REPS.least, REPS.most)),
]
Breaths = Annotated[
    int,
    _counter(BREATHS),
    PlainSerializer(dump_amount),
    WithJsonSchema(_count_schema(BREATHS.least, BREATHS.most)),
]
Sets = Annotated[
    int,
    _counter(SETS, per_side=True),
    PlainSerializer(dump_amount),
    WithJsonSchema(_count_schema(SETS.least, SETS.most, per_side=True)),
]
"""Whole numbers, or ranges of them (:class:`~.amounts.RangedCount`); sets also per side."""

Text = Annotated[str, Field(min_length=1, max_length=500)]


def _lines(value: object) -> object:
    if isinstance(value, str):
        return [line.strip() for line in value.strip().splitlines() if line.strip()]
    return value


Lines = Annotated[
    list[Text], BeforeValidator(_lines, json_schema_input_type=Union[list[Text], str])
]
"""Lines of text: a list, or one text with a line each."""

#: An empty list as a field's default: made afresh for each step (pydantic would otherwise
#: deep-copy a ``[]`` default for every step it reads, a tenth of a large library's load),
#: and still ``"default": []`` in the JSON Schema.
EMPTY_LIST: Any = Field(default_factory=list, json_schema_extra={"default": []})


def about_field(
    label: str, help_text: str, *, default: Any = None, listed: bool = False, **limits: Any
) -> Any:
    """A field of the format with its label and help text (kept in the JSON Schema as title
    and description): the one place the editor, the help and an editor's completion read
    them from. *listed* fields default to a fresh empty list."""
    if listed:
        return Field(
            default_factory=list,
            title=label,
            description=help_text,
            json_schema_extra={"default": []},
            **limits,
        )
    return Field(default, title=label, description=help_text, **limits)


class FieldWords(NamedTuple):
    """A field's label and help, in the user's language."""

    label: str
    help: str


def field_words(model: type[BaseModel], key: str) -> FieldWords:
    """The label and help *model* declares for its field *key* (with :func:`about_field`),
    translated: what the editor names the field by and explains it with."""
    field = model.model_fields[key]
    about = field.description
    return FieldWords(_(field.title or key), _(about) if about else "")


def _declared(model: type[BaseModel]) -> bool:
    """Whether every field of *model* is declared with its label (:func:`about_field`)."""
    return all(field.title for field in model.model_fields.values())


def _parts_in(annotation: object) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation] if _declared(annotation) else []
    # a type that reads a mapping itself names the model that declares it (``described_by``)
    described = getattr(annotation, "described_by", None)
    if isinstance(described, type) and issubclass(described, BaseModel):
        found.append(described)
    for inner in get_args(annotation):  # a union's members, an Annotated's type and metadata
        found += (part for part in _parts_in(inner) if part not in found)
    return found


def declared_parts(model: type[BaseModel]) -> dict[type[BaseModel], tuple[str, ...]]:
    """The models whose fields are declared with their labels and help that the values of
    *model*'s keys are made of (a step's milestones of :class:`Milestone`...), each with the
    keys of *model* that take it, in the order they are written in: what Help lists inside
    a step, found from the same declarations the loader reads."""
    parts: dict[type[BaseModel], tuple[str, ...]] = {}
    for key, field in model.model_fields.items():
        # pydantic keeps a field's own Annotated[...] metadata apart from its type
        found = _parts_in(field.annotation)
        for extra in field.metadata:
            found += (part for part in _parts_in(extra) if part not in found)
        for part in found:
            parts[part] = (*parts.get(part, ()), key)
    return parts
