"""The routine format: typed models, defaults, and the rules that tie fields together.

One source gives validation, error locations and the JSON Schema (``psoas-timer schema``).
Field names are the YAML keys; ``docs/routine-format.md`` describes them for people.

Here are the steps and what holds them: :class:`Step`, :class:`RepeatGroup`,
:class:`Choice`, :class:`Defaults`, :class:`Routine` and :class:`ExerciseLibrary`. The
values they are made of have a module each: amounts of seconds and counts
(:mod:`.value_types`), rests (:mod:`.rests`), the breathing setting
(:mod:`.breathing_setting`), open holds (:mod:`.open_holds`), the tempo of reps
(:mod:`.tempo`), and milestones and prompts (:mod:`.step_cues`).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from psoas_timer.i18n import N_, NP_, _

from . import amounts
from .amounts import SideName
from .breathing_setting import Breathing
from .duration import format_duration
from .figure.model import Figure
from .open_holds import OpenHold, OpenValue, SideOpen
from .rests import RestTime
from .step_cues import MilestoneItem, Prompt
from .tempo import RepPhaseName, RepTempo, Tempo
from .value_types import (
    EMPTY_LIST,
    ROUNDS,
    Breaths,
    Duration,
    FormatModel,
    Lines,
    Reps,
    Seconds,
    Sets,
    SideSeconds,
    Text,
)
from .value_types import about_field as _about

__all__ = [
    "FORMAT_VERSION",
    "LENGTH_KEYS",
    "TIMING_KEYS",
    "Choice",
    "CueStyle",
    "Defaults",
    "ExerciseLibrary",
    "Kind",
    "RepeatGroup",
    "Routine",
    "Sides",
    "Step",
    "StepItem",
    "gives_length",
    "kept_under",
]

#: The newest routine format this version reads. Files with a higher version are refused.
FORMAT_VERSION = 1

#: The keys that give a step its length; a step has one kind of timing at a time.
TIMING_KEYS = ("hold", "duration", "reps", "tempo", "open", "breaths")
#: The keys that, on a ``use`` step, replace the library exercise's timing as a whole (a
#: ``tempo`` alone only changes the exercise's tempo).
LENGTH_KEYS = ("hold", "duration", "reps", "open", "breaths")


def gives_length(step: Mapping[str, Any]) -> bool:
    """Whether *step*, as written, gives a length of its own (a key of :data:`LENGTH_KEYS`)."""
    return any(key in step for key in LENGTH_KEYS)


def kept_under(base: Mapping[str, Any], step: Mapping[str, Any]) -> dict[str, Any]:
    """What of *base* (the library exercise under a ``use`` step, or a step under a
    programme's change) still counts under *step*'s keys: all of it, but none of its timing
    when *step* gives a length of its own, which replaces the timing as a whole (a ``tempo``
    alone changes only the tempo). The loader, the editor and programmes read a step so."""
    if not gives_length(step):
        return dict(base)
    return {key: value for key, value in base.items() if key not in TIMING_KEYS}


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


def _seconds(value: float) -> str:
    text = format_duration(value)
    return f"{text}s" if isinstance(text, (int, float)) else str(text)


def _within_the_hold(items: list[Any], data: dict[str, Any], what: str) -> list[Any]:
    """A milestone or prompt timed after the end of its hold (the longest it can be: the
    longer side, the top of a range, an open hold's maximum) could never be said: it is
    refused at its line rather than dropped without a word."""
    hold = data.get("open")
    if isinstance(hold, OpenHold):
        length, end = hold.limit, _("the hold's maximum")
    else:
        value = data.get("hold", data.get("duration"))
        if value is None:  # breaths, or the length comes from the library
            return items
        length = max(float(value), float(getattr(value, "high", 0.0)))
        end = _("the end of the hold")
    at = _first_after(items, length)
    if at is not None:
        raise ValueError(
            _("found a {what} at {value}, after {end} ({value2}): it would never be said").format(
                what=what, value=_seconds(at), end=end, value2=_seconds(length)
            )
        )
    return items


def _first_after(items: list[Any], length: float) -> float | None:
    """When the first of *items* timed past *length* seconds comes, or None."""
    for item in items:
        at = getattr(item, "at", None)
        if at is not None and at > length + 1e-9:
            return float(at)
    return None


class Step(FormatModel):
    """One exercise, stretch, hold, rest or breathing block, with its timing and cues."""

    # The fields in the order a file is written in (routine_io takes it from here); each
    # with its label and what it does (the JSON Schema's title and description, help, the
    # editor's tooltips).
    name: Annotated[str, Field(min_length=1, max_length=80)] | None = _about(
        N_("Name"), N_("What the player shows and says for the step.")
    )
    use: str | None = _about(
        N_("Library exercise"),
        N_("Id of a library exercise to start from; keys given here override it."),
    )
    id: str | None = _about(
        N_("Id"),
        N_("A short name (a-z, 0-9, dashes) a programme or an either/or step uses to find it."),
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=60,
    )
    kind: Kind = _about(
        N_("Kind"), N_("What the step is; it chooses the words and sounds."), default=Kind.EXERCISE
    )
    # Translators: "step form": a step's field (the editor's label, the format's title); the
    # word the voice says is in context "spoken cue"
    hold: SideSeconds | None = _about(
        NP_("step form", "Hold"), N_("How long to hold, each set (and side).")
    )
    duration: Seconds | None = _about(N_("Duration"), N_("How long the step lasts, each set."))
    reps: Reps | None = _about(N_("Reps"), N_("Repetitions in each set; needs 'tempo' or 'hold'."))
    tempo: Tempo | None = _about(
        N_("Tempo"), N_("Seconds per rep, or the rep in phases ('1-10-2': up, hold, down).")
    )
    open: OpenValue | None = _about(
        N_("Open hold"), N_("A hold that lasts until you say the point has released.")
    )
    breaths: Breaths | None = _about(
        N_("Breaths"), N_("How many paced breaths the step lasts (breathing steps).")
    )
    sets: Sets = _about(
        N_("Sets"), N_("How many times the step is done (on each side)."), default=1
    )
    sides: Sides = _about(
        N_("Sides"), N_("'both' does the step on the left, then the right."), default="none"
    )
    alternate: bool = _about(
        N_("Alternate sides"), N_("Left and right take turns set by set."), default=False
    )
    prepare: Duration | None = _about(
        NP_("step form", "Get ready"), N_("Seconds to get ready before the step.")
    )
    rest_between_reps: RestTime = _about(
        N_("Rest between reps"), N_("A rest after each rep but the last."), default=0
    )
    rest_between_sets: RestTime | None = _about(
        N_("Rest between sets"), N_("A rest between sets on the same side.")
    )
    switch_sides: Duration | None = _about(
        NP_("step form", "Switch sides"), N_("A pause to change sides, with 'sides: both'.")
    )
    rest_after: RestTime | None = _about(N_("Rest after"), N_("A rest after the step."))
    breathing: Breathing | None = _about(
        N_("Breathing"), N_("Breathing pacing shown and heard during the step.")
    )
    halfway: bool | None = _about(N_("Halfway"), N_("Say 'Halfway' in the middle of long holds."))
    countdown: Annotated[int, Field(ge=0, le=10)] | None = _about(
        N_("Countdown"), N_("Seconds counted aloud before a hold ends (0 for none).")
    )
    milestones: list[MilestoneItem] = _about(
        N_("Milestones"),
        N_("Times into the hold to be told (30, 60, {at: 90, say: ...})."),
        listed=True,
    )
    prompts: list[Prompt] = _about(
        N_("Prompts"),
        N_("Your own words at a time ('at') or again and again ('every')."),
        listed=True,
    )
    muscles: list[Text] = _about(N_("Muscles"), N_("The muscles the step works."), listed=True)
    equipment: list[Text] = _about(N_("Equipment"), N_("What the step needs."), listed=True)
    image: str | None = _about(N_("Picture"), N_("A picture file, relative to the routine file."))
    instructions: Lines = _about(
        N_("Instructions"), N_("How to do it, a line each (shown in the player)."), listed=True
    )
    safety: Lines = _about(N_("Safety"), N_("What to watch out for, a line each."), listed=True)
    figure: Figure | None = _about(
        N_("Figure"), N_("How the exercise is drawn: key poses, props and target.")
    )

    @field_validator("milestones", "prompts")
    @classmethod
    def _within_the_set(cls, items: list[Any], info: ValidationInfo) -> list[Any]:
        """On reps, milestones and prompts count from the start of each set: one timed
        after the set's end could never be said, so it is refused rather than dropped."""
        data = info.data
        reps, tempo = data.get("reps"), data.get("tempo")
        # Translators: put into "found a {what} at 1:40..." and "a {what} on reps..."
        what = _("milestone") if info.field_name == "milestones" else _("prompt")
        if not reps:
            return _within_the_hold(items, data, what)
        per_rep = (tempo.total if isinstance(tempo, RepTempo) else tempo or 0.0) + (
            data.get("hold") or 0.0
        )
        length = reps * per_rep + (reps - 1) * (data.get("rest_between_reps") or 0.0)
        at = _first_after(items, length)
        if at is not None:
            raise ValueError(
                _(
                    "a {what} on reps counts from the start of each set and must fall within it "
                    "({reps} reps: {value}), found one at {value2}"
                ).format(what=what, reps=reps, value=_seconds(length), value2=_seconds(at))
            )
        return items

    @model_validator(mode="after")
    def _timing(self) -> Step:
        if self.use is None and self.name is None and self.kind is not Kind.REST:
            raise ValueError(_("a step needs a 'name' (or 'use' to take one from the library)"))
        if self.reps is None and self.kind is not Kind.REST:
            for key in ("hold", "duration"):
                if getattr(self, key) == 0:
                    raise ValueError(
                        _("'{key}' of 0 s would end as it begins; give it a length").format(key=key)
                    )
        if self.hold is not None and self.duration is not None:
            raise ValueError(_("give either 'hold' or 'duration', not both"))
        if self.open is not None and (self.hold or self.duration or self.reps):
            raise ValueError(_("an 'open' hold cannot also have 'hold', 'duration' or 'reps'"))
        if self.breaths is not None and (self.open or self.reps or self.hold or self.duration):
            raise ValueError(_("'breaths' sets the length on its own; drop hold, duration or reps"))
        if self.reps is not None and not (self.tempo or self.hold):
            raise ValueError(_("'reps' needs a 'tempo' (seconds per rep) or a 'hold' per rep"))
        if isinstance(self.tempo, RepTempo) and self.hold:
            raise ValueError(
                _(
                    "a 'tempo' in phases is the whole rep: put the pause at the top in it "
                    "({up: 1, hold: 10, down: 2}) instead of 'hold' (if the 'hold' comes from "
                    "a library exercise, add 'hold: 0')"
                )
            )
        if self.breaths is not None and self.kind is not Kind.BREATHING:
            raise ValueError(_("'breaths' is for steps of kind 'breathing'"))
        if self.sides == "none" and self.alternate:
            raise ValueError(_("'alternate' needs 'sides: both'"))
        per_side = [k for k in ("hold", "open", "sets") if _is_per_side(getattr(self, k))]
        if per_side and self.sides != "both":
            raise ValueError(
                _("'{value}' is given for each side; that needs 'sides: both'").format(
                    value=per_side[0]
                )
            )
        if self.use is None and not self.is_timed:
            raise ValueError(
                _(
                    "a step needs its timing: 'hold', 'duration', 'reps' with 'tempo', "
                    "an 'open' hold, or 'breaths'"
                )
            )
        return self

    @property
    def is_timed(self) -> bool:
        return any(
            v is not None for v in (self.hold, self.duration, self.reps, self.open, self.breaths)
        )

    @property
    def title(self) -> str:
        return self.name or self.use or ("Rest" if self.kind is Kind.REST else "Step")

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

    @property
    def differs_by_side(self) -> bool:
        """Whether a hold, open hold or number of sets is given for each side."""
        return _is_per_side(self.hold) or _is_per_side(self.open) or _is_per_side(self.sets)

    def on_side(self, side: SideName | None) -> Step:
        """This step as done on *side*: a hold, open hold or number of sets given for each
        side becomes that side's own (the step itself when nothing differs by side)."""
        if side is None or not self.differs_by_side:
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


def _library_id(value: object) -> object:
    return {"use": value} if isinstance(value, str) else value


LibraryId = Annotated[str, Field(description="Id of a library exercise (as 'use: id').")]

ChoiceOption = Annotated[
    Step, BeforeValidator(_library_id, json_schema_input_type=Union[LibraryId, Step])
]
"""An option of an either/or step: a step, or a library exercise's id for ``{use: id}``."""


class Choice(FormatModel):
    """Either/or: one of a few steps, picked when a session starts (heat or ice).

    ``choose`` lists library exercise ids or steps written out; ``default`` names the one
    picked when nobody answers (the first when left out), by its id or its name.
    """

    choose: Annotated[list[ChoiceOption], Field(min_length=2, max_length=9)]
    default: str | None = None
    ask: Annotated[str, Field(min_length=1, max_length=120)] | None = None

    @model_validator(mode="after")
    def _known_default(self) -> Choice:
        if self.default is not None and self.default not in self.option_keys():
            names = ", ".join(f"'{k}'" for k in self.option_keys())
            raise ValueError(
                _("'default' must be one of {names}, found '{default}'").format(
                    names=names, default=self.default
                )
            )
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


class RepeatGroup(FormatModel):
    """A block of steps done several times, e.g. a circuit."""

    repeat: Annotated[int, Field(ge=ROUNDS.least, le=ROUNDS.most)]
    name: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    rest_between: RestTime | None = None
    steps: Annotated[list[StepItem], Field(min_length=1)]


class Defaults(FormatModel):
    """Settings every step inherits unless it sets its own."""

    prepare: Duration = 10
    rest: Duration = 15
    switch_sides: Duration = 5
    breathing: Breathing = "none"
    cue_style: CueStyle = "both"
    halfway: bool = True
    countdown: Annotated[int, Field(ge=0, le=10)] = 3


class Routine(FormatModel):
    """A routine file: who it is for, its defaults, and its ordered steps."""

    model_config = ConfigDict(title="Psoas Timer routine")

    version: Annotated[int, Field(ge=1)] = FORMAT_VERSION
    name: Annotated[str, Field(min_length=1, max_length=80)]
    description: str = ""
    tags: list[Annotated[str, Field(min_length=1, max_length=40)]] = EMPTY_LIST
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


class ExerciseLibrary(FormatModel):
    """A library file: exercises that routines use by id and may override."""

    model_config = ConfigDict(title="Psoas Timer exercise library")

    version: Annotated[int, Field(ge=1)] = FORMAT_VERSION
    name: str = "Exercises"
    exercises: Annotated[list[Step], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids(self) -> ExerciseLibrary:
        for step in self.exercises:
            if step.id is None:
                raise ValueError(
                    _("library exercise '{title}' needs an 'id'").format(title=step.title)
                )
        return self


RepeatGroup.model_rebuild()
Routine.model_rebuild()
