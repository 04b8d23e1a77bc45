"""The routine format: typed models, defaults, and the rules that tie fields together.

One source gives validation, error locations and the JSON Schema (``psoas-timer schema``).
Field names are the YAML keys; ``docs/routine-format.md`` describes them for people.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    Tag,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from . import amounts
from .amounts import (
    RANGE_TEXT,
    SideName,
    dump_amount,
    parse_count,
    parse_seconds,
    parse_side_count,
    parse_side_seconds,
    side_values,
)
from .breathing import NAMED_PATTERNS, Pattern, PhaseName, check_phase, parse_pattern_text
from .duration import format_duration, parse_duration

__all__ = [
    "FORMAT_VERSION",
    "LENGTH_KEYS",
    "TIMING_KEYS",
    "Breathing",
    "BreathingPattern",
    "Choice",
    "CueStyle",
    "Defaults",
    "ExerciseLibrary",
    "Kind",
    "Milestone",
    "NamedRest",
    "OpenHold",
    "Prompt",
    "RepPhaseName",
    "RepTempo",
    "RepeatGroup",
    "Routine",
    "SideOpen",
    "Sides",
    "Step",
    "StepItem",
]

#: The newest routine format this version reads. Files with a higher version are refused.
FORMAT_VERSION = 1

#: The keys that give a step its length; a step has one kind of timing at a time.
TIMING_KEYS = ("hold", "duration", "reps", "tempo", "open", "breaths")
#: The keys that, on a ``use`` step, replace the library exercise's timing as a whole (a
#: ``tempo`` alone only changes the exercise's tempo).
LENGTH_KEYS = ("hold", "duration", "reps", "open", "breaths")

_DURATION_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": r"^\s*(\d+(\.\d+)?\s*(h|m|min|s|sec)?\s*)+$|^\s*(\d+:)?\d+:\d{1,2}\s*$",
        },
    ],
    "description": "Seconds (90), or text such as '90s', '1m30s' or '1:30'.",
}

Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration),
    WithJsonSchema(_DURATION_SCHEMA),
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
        *_DURATION_SCHEMA["anyOf"],
        {"type": "string", "pattern": RANGE_TEXT},
        _range_map(_DURATION_SCHEMA, "{range: 20-30s, use: 25s}"),
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


def _counter(least: int, most: int, what: str, per_side: bool = False) -> PlainValidator:
    if per_side:
        return PlainValidator(lambda value: parse_side_count(value, least, most, what))
    return PlainValidator(lambda value: parse_count(value, least, most, what))


Reps = Annotated[
    int,
    _counter(1, 1000, "reps"),
    PlainSerializer(dump_amount),
    WithJsonSchema(_count_schema(1, 1000)),
]
Breaths = Annotated[
    int,
    _counter(1, 1000, "breaths"),
    PlainSerializer(dump_amount),
    WithJsonSchema(_count_schema(1, 1000)),
]
Sets = Annotated[
    int,
    _counter(1, 100, "sets", per_side=True),
    PlainSerializer(dump_amount),
    WithJsonSchema(_count_schema(1, 100, per_side=True)),
]
"""Whole numbers, or ranges of them (:class:`~.amounts.RangedCount`); sets also per side."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False, use_enum_values=False)


def _first_error(exc: ValidationError) -> str:
    """The first problem of a nested model, as one message with its place inside the value."""
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where + ': ' if where else ''}{message}"


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


class _RestWords(_Model):
    duration: Duration
    name: Annotated[str, Field(min_length=1, max_length=80)]
    say: Annotated[str, Field(min_length=1, max_length=200)] | None = None


def _parse_rest(value: object) -> float:
    if isinstance(value, NamedRest):
        return value
    if isinstance(value, dict):
        try:
            words = _RestWords.model_validate(value)
        except ValidationError as exc:
            raise ValueError(_first_error(exc)) from None
        return NamedRest(words.duration, words.name.strip(), words.say)
    return parse_duration(value)


def _dump_rest(value: float) -> object:
    if isinstance(value, NamedRest):
        named: dict[str, object] = {"duration": format_duration(value), "name": value.name}
        if value.say is not None:
            named["say"] = value.say
        return named
    return format_duration(value)


_REST_SCHEMA: dict[str, Any] = {
    "anyOf": [
        *_DURATION_SCHEMA["anyOf"],
        {
            "type": "object",
            "properties": {
                "duration": _DURATION_SCHEMA,
                "name": {"type": "string", "minLength": 1, "maxLength": 80},
                "say": {"type": "string", "minLength": 1, "maxLength": 200},
            },
            "required": ["duration", "name"],
            "additionalProperties": False,
        },
    ],
    "description": "Seconds of rest (20s), or a rest with its own words: "
    "{duration: 20s, name: Move the ball, say: Roll the ball a little higher}.",
}

RestTime = Annotated[
    float,
    PlainValidator(_parse_rest),
    PlainSerializer(_dump_rest),
    WithJsonSchema(_REST_SCHEMA),
]
"""Seconds of a rest, or a :class:`NamedRest` with the words shown and said for it."""


def rest_words(rest: float, plain: str = "Rest") -> str:
    """The words said as a rest of *rest* starts: its own, or *plain*."""
    return rest.words if isinstance(rest, NamedRest) else plain


def rest_name(rest: float) -> str | None:
    """The name a rest of *rest* is shown by, or ``None`` for a plain rest."""
    return rest.name if isinstance(rest, NamedRest) else None


class Kind(str, Enum):
    """What a step is; it chooses the words and sounds the player uses."""

    EXERCISE = "exercise"
    STRETCH = "stretch"
    RELEASE = "release"
    BREATHING = "breathing"
    REST = "rest"
    HEAT_ICE = "heat-ice"


Sides = Literal["none", "left", "right", "both"]
CueStyle = Literal["both", "voice", "tone", "none"]


def _phase(name: PhaseName) -> AfterValidator:
    return AfterValidator(lambda seconds: check_phase(name, seconds))


class BreathingPattern(_Model):
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
        {"enum": ["none", *NAMED_PATTERNS]},
        {"type": "string", "pattern": r"^\d+(\.\d+)?(-\d+(\.\d+)?){1,3}$"},
        {
            "type": "object",
            "properties": {
                k: _DURATION_SCHEMA for k in ("inhale", "hold_in", "exhale", "hold_out")
            },
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


class OpenHold(_Model):
    """A hold that lasts until the user says the point has released."""

    min: Duration = 0
    target: Duration
    max: Duration | None = None

    @model_validator(mode="after")
    def _ordered(self) -> OpenHold:
        if self.min > self.target:
            raise ValueError("min must not be longer than target")
        if self.max is not None and self.max < self.target:
            raise ValueError("max must not be shorter than target")
        return self

    @property
    def limit(self) -> float:
        """When the hold ends on its own: the maximum, or twice the target when none is set."""
        return self.max if self.max is not None else 2 * self.target

    def on(self, side: SideName | None) -> OpenHold:
        """This hold on *side* (the same on either side)."""
        return self


class SideOpen(OpenHold):
    """An open hold that differs by side: ``{left: {target: 60s}, right: {target: 90s}}``.

    Read without a side, its marks are the larger of the two sides' (an upper bound, for the
    size limits); :meth:`on` gives each side's own hold.
    """

    min: Annotated[float, Field(exclude=True)] = 0
    target: Annotated[float, Field(exclude=True)] = 0
    max: Annotated[float | None, Field(exclude=True)] = None
    left: OpenHold
    right: OpenHold

    @model_validator(mode="before")
    @classmethod
    def _only_sides(cls, data: Any) -> Any:
        side_values(data)  # says what is wrong with anything but left and right
        return data

    @model_validator(mode="after")
    def _marks(self) -> SideOpen:
        self.min = max(self.left.min, self.right.min)
        self.target = max(self.left.target, self.right.target)
        self.max = max(self.left.limit, self.right.limit)
        return self

    def on(self, side: SideName | None) -> OpenHold:
        return self.right if side == "right" else self.left


def _open_tag(value: object) -> str:
    if isinstance(value, SideOpen):
        return "sides"
    if isinstance(value, dict) and any(k in value for k in ("left", "right")):
        return "sides"
    return "plain"


OpenValue = Annotated[
    Union[Annotated[OpenHold, Tag("plain")], Annotated[SideOpen, Tag("sides")]],
    Discriminator(_open_tag),
]


RepPhaseName = Literal["up", "hold", "down"]
REP_PHASES: tuple[RepPhaseName, ...] = ("up", "hold", "down")
#: What the player shows and says at the start of each phase of a rep.
REP_PHASE_WORDS: dict[str, str] = {"up": "Up", "hold": "Hold", "down": "Down"}
#: A phase of a rep shorter than this cannot be followed (nor said in time).
MIN_REP_PHASE = 0.5


class RepTempo(_Model):
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
                f"a rep's phase must last at least {MIN_REP_PHASE:g} s or be left out "
                f"(0), found {short[0]}: {getattr(self, short[0]):g}"
            )
        if not self.phases():
            raise ValueError("a rep in phases needs at least one phase longer than 0")
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
            raise ValueError(f"a rep's phases are 'up', 'hold' and 'down', found '{unknown[0]}'")
        try:
            tempo = RepTempo.model_validate(value)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            message = str(first["msg"]).removeprefix("Value error, ")
            raise ValueError(f"{where + ': ' if where else ''}{message}") from None
        tempo._order = tuple(k for k in value if k in REP_PHASES)
        return tempo
    return parse_duration(value) if not isinstance(value, RepTempo) else value


_TEMPO_SCHEMA: dict[str, Any] = {
    "anyOf": [
        *_DURATION_SCHEMA["anyOf"],
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?(\s*-\s*\d+(\.\d+)?){1,2}\s*$"},
        {
            "type": "object",
            "properties": {k: _DURATION_SCHEMA for k in REP_PHASES},
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


def _seconds(value: float) -> str:
    text = format_duration(value)
    return f"{text}s" if isinstance(text, (int, float)) else str(text)


def _bare_time(value: object) -> object:
    return {"at": value} if isinstance(value, (int, float, str)) else value


class Milestone(_Model):
    """A prompt at a time into a hold, e.g. 30/60/90 s on a trigger point."""

    at: Duration
    say: str | None = None


MilestoneItem = Annotated[Milestone, BeforeValidator(_bare_time)]


class Prompt(_Model):
    """Custom words at a time into a hold (``at``), or again and again (``every``)."""

    say: Annotated[str, Field(min_length=1, max_length=200)]
    at: Duration | None = None
    every: Annotated[Duration, Field(ge=5)] | None = None

    @model_validator(mode="after")
    def _when(self) -> Prompt:
        if (self.at is None) == (self.every is None):
            raise ValueError("a prompt needs exactly one of 'at' or 'every'")
        return self


Text = Annotated[str, Field(min_length=1, max_length=500)]


def _lines(value: object) -> object:
    if isinstance(value, str):
        return [line.strip() for line in value.strip().splitlines() if line.strip()]
    return value


Lines = Annotated[list[Text], BeforeValidator(_lines)]


#: An empty list as a field's default: made afresh for each step (pydantic would otherwise
#: deep-copy a ``[]`` default for every step it reads, a tenth of a large library's load),
#: and still ``"default": []`` in the JSON Schema.
_NONE: Any = Field(default_factory=list, json_schema_extra={"default": []})


class Step(_Model):
    """One exercise, stretch, hold, rest or breathing block, with its timing and cues."""

    use: str | None = Field(None, description="Id of a library exercise to start from.")
    id: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    name: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    kind: Kind = Kind.EXERCISE
    instructions: Lines = _NONE
    safety: Lines = _NONE
    image: str | None = None
    muscles: list[Text] = _NONE
    equipment: list[Text] = _NONE

    hold: SideSeconds | None = None
    duration: Seconds | None = None
    reps: Reps | None = None
    tempo: Tempo | None = None
    sets: Sets = 1
    sides: Sides = "none"
    alternate: bool = False
    open: OpenValue | None = None
    breaths: Breaths | None = None

    prepare: Duration | None = None
    rest_between_reps: RestTime = 0
    rest_between_sets: RestTime | None = None
    switch_sides: Duration | None = None
    rest_after: RestTime | None = None

    breathing: Breathing | None = None
    halfway: bool | None = None
    countdown: Annotated[int, Field(ge=0, le=10)] | None = None
    milestones: list[MilestoneItem] = _NONE
    prompts: list[Prompt] = _NONE

    @field_validator("milestones", "prompts")
    @classmethod
    def _within_the_set(cls, items: list[Any], info: ValidationInfo) -> list[Any]:
        """On reps, milestones and prompts count from the start of each set: one timed
        after the set's end could never be said, so it is refused rather than dropped."""
        data = info.data
        reps, tempo = data.get("reps"), data.get("tempo")
        if not reps:
            return items
        per_rep = (tempo.total if isinstance(tempo, RepTempo) else tempo or 0.0) + (
            data.get("hold") or 0.0
        )
        length = reps * per_rep + (reps - 1) * (data.get("rest_between_reps") or 0.0)
        for item in items:
            at = getattr(item, "at", None)
            if at is not None and at > length + 1e-9:
                what = "milestone" if info.field_name == "milestones" else "prompt"
                raise ValueError(
                    f"a {what} on reps counts from the start of each set and must fall "
                    f"within it ({reps} reps: {_seconds(length)}), found one at {_seconds(at)}"
                )
        return items

    @model_validator(mode="after")
    def _timing(self) -> Step:
        if self.use is None and self.name is None:
            raise ValueError("a step needs a 'name' (or 'use' to take one from the library)")
        if self.hold is not None and self.duration is not None:
            raise ValueError("give either 'hold' or 'duration', not both")
        if self.open is not None and (self.hold or self.duration or self.reps):
            raise ValueError("an 'open' hold cannot also have 'hold', 'duration' or 'reps'")
        if self.breaths is not None and (self.open or self.reps or self.hold or self.duration):
            raise ValueError("'breaths' sets the length on its own; drop hold, duration or reps")
        if self.reps is not None and not (self.tempo or self.hold):
            raise ValueError("'reps' needs a 'tempo' (seconds per rep) or a 'hold' per rep")
        if isinstance(self.tempo, RepTempo) and self.hold:
            raise ValueError(
                "a 'tempo' in phases is the whole rep: put the pause at the top in it "
                "({up: 1, hold: 10, down: 2}) instead of 'hold' (if the 'hold' comes from "
                "a library exercise, add 'hold: 0')"
            )
        if self.breaths is not None and self.kind is not Kind.BREATHING:
            raise ValueError("'breaths' is for steps of kind 'breathing'")
        if self.sides == "none" and self.alternate:
            raise ValueError("'alternate' needs 'sides: both'")
        per_side = [k for k in ("hold", "open", "sets") if _is_per_side(getattr(self, k))]
        if per_side and self.sides != "both":
            raise ValueError(f"'{per_side[0]}' is given for each side; that needs 'sides: both'")
        if self.use is None and not self.is_timed:
            raise ValueError(
                "a step needs its timing: 'hold', 'duration', 'reps' with 'tempo', "
                "an 'open' hold, or 'breaths'"
            )
        return self

    @property
    def is_timed(self) -> bool:
        return any(
            v is not None for v in (self.hold, self.duration, self.reps, self.open, self.breaths)
        )

    @property
    def title(self) -> str:
        return self.name or self.use or "Step"

    def rep_phases(self) -> tuple[tuple[RepPhaseName, float], ...]:
        """The phases of one rep, in order: those of a tempo in phases; for a tempo in
        seconds with a ``hold``, half the tempo up, the hold, half down; else none (a rep
        is one stretch of time)."""
        if self.reps is None:
            return ()
        if isinstance(self.tempo, RepTempo):
            return self.tempo.phases()
        if self.tempo and self.hold:
            half = self.tempo / 2
            return (("up", half), ("hold", self.hold), ("down", half))
        return ()

    @property
    def rep_length(self) -> float:
        """Seconds of one rep (0 for a step without reps)."""
        if self.reps is None:
            return 0.0
        if isinstance(self.tempo, RepTempo):
            return self.tempo.total
        return (self.tempo or 0.0) + (self.hold or 0.0)

    def on_side(self, side: SideName | None) -> Step:
        """This step as done on *side*: a hold, open hold or number of sets given for each
        side becomes that side's own (the step itself when nothing differs by side)."""
        if side is None or not any(_is_per_side(v) for v in (self.hold, self.open, self.sets)):
            return self
        update: dict[str, Any] = {}
        if _is_per_side(self.hold):
            assert isinstance(self.hold, amounts.SideSeconds)
            update["hold"] = self.hold.on(side)
        if isinstance(self.open, SideOpen):
            update["open"] = self.open.on(side)
        if _is_per_side(self.sets):
            assert isinstance(self.sets, amounts.SideCount)
            update["sets"] = self.sets.on(side)
        return self.model_copy(update=update)


def _is_per_side(value: object) -> bool:
    return isinstance(value, (amounts.SideSeconds, amounts.SideCount, SideOpen))


def _step_tag(value: object) -> str:
    if isinstance(value, dict) and "repeat" in value:
        return "repeat"
    if isinstance(value, dict) and "choose" in value:
        return "choose"
    if isinstance(value, RepeatGroup):
        return "repeat"
    if isinstance(value, Choice):
        return "choose"
    return "step"


class Choice(_Model):
    """Either/or: one of a few steps, picked when a session starts (heat or ice).

    ``choose`` lists library exercise ids or steps written out; ``default`` names the one
    picked when nobody answers (the first when left out), by its id or its name.
    """

    choose: Annotated[list[Step], Field(min_length=2, max_length=9)]
    default: str | None = None
    ask: Annotated[str, Field(min_length=1, max_length=120)] | None = None

    @model_validator(mode="after")
    def _known_default(self) -> Choice:
        if self.default is not None and self.default not in self.option_keys():
            names = ", ".join(f"'{k}'" for k in self.option_keys())
            raise ValueError(f"'default' must be one of {names}, found '{self.default}'")
        return self

    def option_keys(self) -> list[str]:
        """What names each option: its library id (``use``), else its ``id``, else its name."""
        return [step.use or step.id or step.title for step in self.choose]

    @property
    def default_index(self) -> int:
        return self.option_keys().index(self.default) if self.default is not None else 0

    @property
    def question(self) -> str:
        return self.ask or " or ".join(step.title for step in self.choose) + "?"


StepItem = Annotated[
    Union[
        Annotated[Step, Tag("step")],
        Annotated["RepeatGroup", Tag("repeat")],
        Annotated[Choice, Tag("choose")],
    ],
    Discriminator(_step_tag),
]


class RepeatGroup(_Model):
    """A block of steps done several times, e.g. a circuit."""

    repeat: Annotated[int, Field(ge=1, le=100)]
    name: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    rest_between: RestTime | None = None
    steps: Annotated[list[StepItem], Field(min_length=1)]


class Defaults(_Model):
    """Settings every step inherits unless it sets its own."""

    prepare: Duration = 10
    rest: Duration = 15
    switch_sides: Duration = 5
    breathing: Breathing = "none"
    cue_style: CueStyle = "both"
    halfway: bool = True
    countdown: Annotated[int, Field(ge=0, le=10)] = 3


class Routine(_Model):
    """A routine file: who it is for, its defaults, and its ordered steps."""

    model_config = ConfigDict(title="Psoas Timer routine")

    version: Annotated[int, Field(ge=1)] = FORMAT_VERSION
    name: Annotated[str, Field(min_length=1, max_length=80)]
    description: str = ""
    tags: list[Annotated[str, Field(min_length=1, max_length=40)]] = _NONE
    defaults: Defaults = Defaults()
    steps: Annotated[list[StepItem], Field(min_length=1, max_length=500)]

    def choices(self) -> list[Choice]:
        """Every either/or step, in the order written (the numbers a session's answers use)."""
        found: list[Choice] = []

        def walk(items: list[Step | RepeatGroup | Choice]) -> None:
            for item in items:
                if isinstance(item, Choice):
                    found.append(item)
                elif isinstance(item, RepeatGroup):
                    walk(item.steps)

        walk(self.steps)
        return found


class ExerciseLibrary(_Model):
    """A library file: exercises that routines use by id and may override."""

    model_config = ConfigDict(title="Psoas Timer exercise library")

    version: Annotated[int, Field(ge=1)] = FORMAT_VERSION
    name: str = "Exercises"
    exercises: Annotated[list[Step], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids(self) -> ExerciseLibrary:
        for step in self.exercises:
            if step.id is None:
                raise ValueError(f"library exercise '{step.title}' needs an 'id'")
        return self


RepeatGroup.model_rebuild()
Routine.model_rebuild()
