"""Compile a routine into a timeline: contiguous segments, their cues, and the total.

:func:`compile_plan` is pure. Each segment carries its cues as offsets from its start (or
from its end, for countdowns), so the engine can stretch a segment (+10 s, an open hold) and
the cues that belong to its end move with it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from psoas_timer.i18n import _, pgettext

from .breathing import Pattern
from .breathing_setting import breathing_pattern
from .limits import MAX_CUES, MAX_SEGMENTS, PlanTooLargeError, Size
from .model import Choice, Defaults, Kind, RepeatGroup, Routine, Step
from .open_holds import OpenHold
from .rests import rest_name, rest_words
from .spoken import next_words, seconds_words, side_words
from .step_cues import Milestone
from .tempo import RepPhaseName, rep_phase_word

__all__ = [
    "CUE_RANK",
    "Cue",
    "CueKind",
    "GroupRound",
    "Plan",
    "PlanChoice",
    "SameSteps",
    "Segment",
    "SegmentKind",
    "StepRun",
    "check_plan_size",
    "compile_plan",
    "cue_order",
    "plan_size",
    "plan_size_problem",
    "plan_total",
]

SegmentKind = Literal["prepare", "hold", "rep", "open", "breathe", "rest", "switch"]
Side = Literal["left", "right"]
Anchor = Literal["start", "end", "target"]
CueKind = Literal[
    "get_ready",
    "step",
    "side",
    "start",
    "rep",
    "rep_phase",
    "end",
    "halfway",
    "ten_seconds",
    "countdown",
    "milestone",
    "prompt",
    "inhale",
    "exhale",
    "hold_breath",
    "check_in",
    "rest",
    "next",
    "switch_sides",
    "done",
]

#: The order of cues that fall at one instant: the end of a hold first, then the words of
#: the moment (milestones, prompts), then what comes next, then breath pacing, and "Well
#: done" last. Ties keep the plan's order. The player and the audio export both follow it.
#: A breath in the middle of a segment is the exception (:func:`cue_order`).
CUE_RANK: dict[CueKind, int] = {
    "end": 0,
    "milestone": 1,
    "halfway": 1,
    "ten_seconds": 1,
    "prompt": 1,
    "countdown": 1,
    "check_in": 2,
    "get_ready": 3,
    "step": 3,
    "rest": 3,
    "next": 3,
    "switch_sides": 3,
    "side": 3,
    "start": 3,
    "rep": 3,
    "rep_phase": 3,
    "inhale": 4,
    "exhale": 4,
    "hold_breath": 4,
    "done": 5,
}


#: Breath cues: they mean "now", so inside a segment they go before the words of the moment.
BREATH_CUES: frozenset[CueKind] = frozenset({"inhale", "exhale", "hold_breath"})


def cue_order(cue: Cue) -> float:
    """Where *cue* goes among cues at the same instant (see :data:`CUE_RANK`). A breath at
    a segment's start follows the segment's announcement ("Left side", "Hold", "Inhale");
    a breath in its middle comes first, on its beat ("Inhale", "Thirty seconds")."""
    if cue.kind in BREATH_CUES and (cue.offset > 0 or cue.anchor != "start"):
        return 0.5
    return CUE_RANK.get(cue.kind, 3)


#: Below these lengths a hold is too short for the cue to help.
HALFWAY_MIN = 20.0
TEN_SECONDS_MIN = 30.0
#: An open hold whose maximum is this far past its target says "Ten seconds" before the
#: maximum (so the word comes at least ten seconds after the check-in).
OPEN_WARNING_AFTER = 20.0


@dataclass(frozen=True)
class Cue:
    """Something to say or sound, *offset* seconds after the segment's start (or before its
    end, or after an open hold's target, per *anchor*)."""

    kind: CueKind
    text: str
    offset: float = 0.0
    anchor: Anchor = "start"

    def time_in(self, duration: float, target: float | None = None) -> float:
        if self.anchor == "end":
            return max(0.0, duration - self.offset)
        if self.anchor == "target":
            return (target if target is not None else duration) + self.offset
        return self.offset


@dataclass(frozen=True)
class GroupRound:
    """Which round of a repeat group a step run is in: the group's name (if it has one), the
    round and how many there are."""

    name: str | None
    round: int
    rounds: int

    def label(self) -> str:
        """``"Core circuit · round 2 of 3"``, ``"Round 2 of 3"``, or the name alone."""
        if self.rounds <= 1:
            return self.name or ""
        if self.name:
            # Translators: a repeat group's name and which round of it this is
            return _("{name} · round {round} of {rounds}").format(
                name=self.name, round=self.round, rounds=self.rounds
            )
        return _("Round {round} of {rounds}").format(round=self.round, rounds=self.rounds)


@dataclass(frozen=True)
class StepRun:
    """One pass through a step: repeat groups give one run per round. *round* and *rounds*
    are those of the innermost group; *groups* has every level, outermost first."""

    index: int
    step: Step
    breathing: Pattern | None
    round: int = 1
    rounds: int = 1
    groups: tuple[GroupRound, ...] = ()
    #: For the option of an either/or step: the names of the options not picked.
    others: tuple[str, ...] = ()

    def rounds_label(self) -> str:
        """Every group level this run is in, outermost first, each with its round."""
        return " · ".join(label for g in self.groups if (label := g.label()))

    @property
    def name(self) -> str:
        return self.step.title


@dataclass(frozen=True)
class Segment:
    """A stretch of the timeline: what the user does, for how long, and what is said during it."""

    index: int
    kind: SegmentKind
    start: float
    duration: float
    step: int
    label: str
    side: Side | None = None
    set: int = 1
    sets: int = 1
    rep: int = 0
    reps: int = 0
    open: OpenHold | None = None
    breathing: Pattern | None = None
    cues: tuple[Cue, ...] = ()
    #: Of a rep in phases: which phase this segment is.
    phase: RepPhaseName | None = None
    #: Seconds into the breathing pattern at the segment's start: a set of reps breathes on
    #: through its reps and phases instead of starting again at each.
    breath_start: float = 0.0
    #: The words shown as the heading in place of the kind's ("Move the ball" for a rest
    #: with a name of its own).
    heading: str | None = None

    @property
    def end(self) -> float:
        return self.start + self.duration

    @property
    def is_work(self) -> bool:
        return self.kind in ("hold", "rep", "open", "breathe")

    @property
    def is_open(self) -> bool:
        return self.open is not None


@dataclass(frozen=True)
class PlanChoice:
    """An either/or step as planned: its question, its options, the default and the pick."""

    question: str
    options: tuple[str, ...]
    default: int
    chosen: int


@dataclass(frozen=True)
class Plan:
    """A routine compiled: step runs, contiguous segments, and the cues at the very end."""

    name: str
    steps: tuple[StepRun, ...]
    segments: tuple[Segment, ...]
    closing: tuple[Cue, ...] = field(default_factory=lambda: (Cue("done", _("Well done")),))
    cue_style: str = "both"
    choices: tuple[PlanChoice, ...] = ()

    @property
    def total(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def cues(self) -> list[tuple[float, Cue, Segment | None]]:
        """Every cue at its planned time into the session (open holds at their target)."""
        timed: list[tuple[float, Cue, Segment | None]] = []
        for seg in self.segments:
            target = seg.open.target if seg.open else None
            limit = seg.duration
            for cue in seg.cues:
                if seg.open is not None and cue.anchor == "end" and cue.offset > 0:
                    continue  # before the maximum: released at the target, never said
                at = cue.time_in(seg.duration, target)
                if at <= limit + 1e-9:
                    timed.append((seg.start + at, cue, seg))
        timed.extend((self.total, cue, None) for cue in self.closing)
        timed.sort(key=lambda item: (item[0], cue_order(item[1])))
        return timed

    def to_json(self) -> dict[str, Any]:
        """The public ``psoas-timer plan --json`` shape."""
        return {
            "name": self.name,
            "total_seconds": round(self.total, 3),
            "segments": [
                {
                    "start": round(s.start, 3),
                    "duration": round(s.duration, 3),
                    "kind": s.kind,
                    "step": self.steps[s.step].name,
                    "label": s.label,
                    "side": s.side,
                    "set": s.set,
                    "rep": s.rep,
                    **({"phase": s.phase} if s.phase else {}),
                    **(
                        {
                            "groups": [
                                {"name": g.name, "round": g.round, "rounds": g.rounds}
                                for g in self.steps[s.step].groups
                            ]
                        }
                        if self.steps[s.step].groups
                        else {}
                    ),
                    "open": s.is_open,
                    **(
                        {"min": s.open.min, "target": s.open.target, "max": s.open.limit}
                        if s.open
                        else {}
                    ),
                    **({"breathing": s.breathing.label()} if s.breathing else {}),
                    **({"heading": s.heading} if s.heading else {}),
                }
                for s in self.segments
            ],
            "cues": [
                {"at": round(at, 3), "kind": c.kind, "text": c.text} for at, c, _ in self.cues()
            ],
            **(
                {
                    "choices": [
                        {
                            "ask": c.question,
                            "options": list(c.options),
                            "default": c.options[c.default],
                            "chosen": c.options[c.chosen],
                        }
                        for c in self.choices
                    ]
                }
                if self.choices
                else {}
            ),
        }


def compile_plan(routine: Routine, picks: Mapping[int, int] | None = None) -> Plan:
    """Compile *routine* into a :class:`Plan`.

    *picks* answers its either/or steps: the option (by index) of each, by the choice's
    number in :meth:`~psoas_timer.core.model.Routine.choices`; a choice not answered, or
    answered with an option it does not have, takes its default.

    A routine whose plan would be over the limits of :mod:`~psoas_timer.core.limits` raises
    :class:`~psoas_timer.core.limits.PlanTooLargeError` before anything is built (whichever
    option an either/or step takes).
    """
    check_plan_size(routine)
    choices = routine.choices()
    chosen = _chosen(choices, picks)
    picked = {id(c): pick for c, pick in zip(choices, chosen, strict=True)}
    runs = list(_runs(routine.steps, routine.defaults, picked))
    builder = _Builder(routine.defaults, runs, _round_rests(routine.steps))
    for position in range(len(runs)):
        builder.add_run(position)
    return Plan(
        routine.name,
        tuple(builder.runs),
        tuple(builder.segments),
        cue_style=routine.defaults.cue_style,
        choices=tuple(
            PlanChoice(c.question, tuple(s.title for s in c.choose), c.default_index, pick)
            for c, pick in zip(choices, chosen, strict=True)
        ),
    )


def plan_total(routine: Routine, picks: Mapping[int, int] | None = None) -> float:
    """Seconds ``compile_plan(routine, picks)`` lasts, measured as :func:`plan_size` is
    (each step once, times its repeats) without building it: a library lists hundreds of
    routines' times and keeps none of their plans. Raises as :func:`compile_plan` does."""
    whole = plan_size(routine)  # without either/or steps, exactly the plan's seconds
    if whole.over() is not None:
        check_plan_size(routine)  # says which step takes it over
    choices = routine.choices()
    if not choices:
        return whole.seconds
    picked = {id(c): pick for c, pick in zip(choices, _chosen(choices, picks), strict=True)}
    return _Measure(routine.defaults, picked).routine(routine.steps).seconds


def _chosen(choices: list[Choice], picks: Mapping[int, int] | None) -> tuple[int, ...]:
    return tuple(
        pick
        if picks is not None and 0 <= (pick := picks.get(n, -1)) < len(c.choose)
        else c.default_index
        for n, c in enumerate(choices)
    )


Item = Step | RepeatGroup | Choice


def _runs(items: list[Item], defaults: Defaults, picked: dict[int, int]) -> Iterator[StepRun]:
    """Every run of a step, in order: a repeat group's steps once per round, an either/or
    step as the option *picked* (by the choice's id)."""
    counter = 0

    def walk(items: list[Item], groups: tuple[GroupRound, ...]) -> Iterator[StepRun]:
        nonlocal counter
        for item in items:
            if isinstance(item, RepeatGroup):
                for r in range(1, item.repeat + 1):
                    yield from walk(item.steps, (*groups, GroupRound(item.name, r, item.repeat)))
            else:
                others: tuple[str, ...] = ()
                if isinstance(item, Choice):
                    pick = picked[id(item)]
                    others = tuple(s.title for i, s in enumerate(item.choose) if i != pick)
                    item = item.choose[pick]
                breathing = _breathing(item, defaults)
                inner = groups[-1] if groups else GroupRound(None, 1, 1)
                yield StepRun(counter, item, breathing, inner.round, inner.rounds, groups, others)
                counter += 1

    yield from walk(items, ())


def _breathing(step: Step, defaults: Defaults) -> Pattern | None:
    """The breathing that paces *step*: its own, or the routine's."""
    return breathing_pattern(step.breathing if step.breathing is not None else defaults.breathing)


def _round_rests(items: list[Item]) -> dict[int, float]:
    """Rest after the last run of each repeat round (not after the final round)."""
    rests: dict[int, float] = {}
    counter = 0

    def walk(items: list[Item]) -> None:
        nonlocal counter
        for item in items:
            if isinstance(item, RepeatGroup):
                for r in range(1, item.repeat + 1):
                    walk(item.steps)
                    if r < item.repeat and item.rest_between is not None:
                        rests[counter - 1] = item.rest_between
            else:
                counter += 1

    walk(items)
    return rests


#: The segments that are there however short: what the user does.
WORK_KINDS: frozenset[SegmentKind] = frozenset({"hold", "rep", "open", "breathe"})


class _Piece:
    """One segment as a step makes it, before it is placed: its kind, length, label, cues
    and the rest of its fields. Dropped when it has no length, unless it is work."""

    __slots__ = ("cues", "fields", "kind", "label", "length")

    def __init__(
        self, kind: SegmentKind, length: float, label: str, cues: list[Cue], fields: dict[str, Any]
    ) -> None:
        self.kind = kind
        self.length = length
        self.label = label
        self.cues = cues
        self.fields = fields

    @property
    def kept(self) -> bool:
        return self.length > 0 or self.kind in WORK_KINDS

    @property
    def paced(self) -> bool:
        """A rest is paced by its step's breathing, from its start (see :meth:`_Builder.add`)."""
        return self.kind == "rest" and "breathing" not in self.fields


class _Parts:
    """What one step makes, a piece at a time: its get-ready, one set on one side (a hold,
    an open hold, or one rep with the rest after it), a switch of sides, a rest between
    sets, the rest after it, with their lengths and cues.

    The builder (:class:`_Builder`) places every piece of every run; the measure
    (:class:`_Measure`) makes each kind of piece once per step and multiplies it over
    reps, sets, sides and repeats. A cue written here is both placed and counted.
    """

    def __init__(self, defaults: Defaults) -> None:
        self.defaults = defaults

    # -- the step's own values, else the routine's -------------------------------------
    def switch_length(self, step: Step) -> float:
        return step.switch_sides if step.switch_sides is not None else self.defaults.switch_sides

    def set_rest_length(self, step: Step) -> float:
        return step.rest_between_sets if step.rest_between_sets is not None else self.defaults.rest

    def rest_after_length(self, step: Step) -> float:
        return step.rest_after if step.rest_after is not None else self.defaults.rest

    @staticmethod
    def hold_length(step: Step, breathing: Pattern | None) -> float:
        """Seconds of one set of a hold, a timed step or paced breaths."""
        if step.breaths is not None:
            return step.breaths * (breathing.cycle if breathing is not None else 10.0)
        return step.hold or step.duration or 0.0

    @staticmethod
    def sets_in_order(
        step: Step,
    ) -> tuple[list[tuple[Side | None, int, bool | None, bool]], dict[Side | None, int]]:
        """The sets in the order done, each with its side, its number, whether a switch of
        sides (True) or a rest (False) comes before it (None: the first), and whether it
        opens by saying its side (the first set on each side, or each after a switch); and
        the sets of each side (they may differ by side, ``{left: 2, right: 3}``)."""
        sides: list[Side | None] = (
            ["left", "right"]
            if step.sides == "both"
            else ([step.sides] if step.sides in ("left", "right") else [None])
        )
        differs = step.differs_by_side
        per_side = {side: int((step.on_side(side) if differs else step).sets) for side in sides}
        if step.alternate:
            most = max(per_side.values())
            order = [(side, s) for s in range(1, most + 1) for side in sides if s <= per_side[side]]
        else:
            order = [(side, s) for side in sides for s in range(1, per_side[side] + 1)]
        if sides == [None]:  # no side to switch or say: a rest before each set but the first
            numbers = range(1, per_side[None] + 1)
            return [(None, n, None if n == 1 else False, False) for n in numbers], per_side
        sets: list[tuple[Side | None, int, bool | None, bool]] = []
        announced: Side | None = None
        for i, (side, set_no) in enumerate(order):
            switch = None if i == 0 else side != order[i - 1][0]
            lead = side is not None and side != announced
            if lead:
                announced = side
            sets.append((side, set_no, switch, lead))
        return sets, per_side

    # -- pieces ----------------------------------------------------------------------------
    # Each piece beside its count: the builder makes the piece and checks it against the
    # count (:meth:`_made`); the measure takes the count alone, so nothing is made to size a
    # routine. A cue written into a piece and not into its count fails the first plan built.
    @staticmethod
    def _made(piece: _Piece, counted: int) -> _Piece:
        assert len(piece.cues) <= counted, (
            f"{piece.kind}: {len(piece.cues)} cues, {counted} counted"
        )
        return piece

    def countdown_from(self, step: Step, duration: float) -> int:
        """The number a countdown to the end of *duration* seconds starts from (0: none,
        too short for one)."""
        count = step.countdown if step.countdown is not None else self.defaults.countdown
        return count if duration >= count + 2 else 0

    def countdown(self, step: Step, duration: float) -> list[Cue]:
        count = self.countdown_from(step, duration)
        return [Cue("countdown", str(n), float(n), "end") for n in range(count, 0, -1)]

    def prepare(self, step: Step, prepare: float) -> _Piece:
        # Translators: "spoken cue": what the voice says and the player shows as it is said
        # (the editor's field of the same name is in context "step form")
        ready = pgettext("spoken cue", "Get ready")
        cues = [Cue("get_ready", ready), Cue("step", step.title)]
        piece = _Piece("prepare", prepare, ready, cues + self.countdown(step, prepare), {})
        return self._made(piece, self.prepare_count(step, prepare))

    def prepare_count(self, step: Step, prepare: float) -> int:
        return 2 + self.countdown_from(step, prepare)

    @staticmethod
    def rest_step_length(step: Step) -> float:
        return step.duration or step.hold or 0.0

    def rest_step(self, step: Step, following: str | None) -> _Piece:
        """A step of kind rest; *following* names the step after it, if any."""
        length = self.rest_step_length(step)
        # A rest step's own name ("Drink some water") is shown and said, as the format
        # says; a nameless one is "Rest".
        cues = [Cue("rest", step.name or _("Rest"))]
        if following is not None:
            cues.append(Cue("next", next_words(following)))
        cues += self.countdown(step, length)
        piece = _Piece("rest", length, step.title, cues, {"heading": step.name})
        return self._made(piece, self.rest_step_count(step, following is not None))

    def rest_step_count(self, step: Step, followed: bool) -> int:
        return 1 + followed + self.countdown_from(step, self.rest_step_length(step))

    def rest_after(self, step: Step, rest: float, following: str) -> _Piece:
        """The rest of *rest* seconds after *step*, before the step named *following*."""
        cues = [
            Cue("rest", rest_words(rest, _("Rest"))),
            Cue("next", next_words(following)),
            *self.countdown(step, rest),
        ]
        name = rest_name(rest)
        piece = _Piece("rest", rest, name or _("Rest"), cues, {"heading": name})
        return self._made(piece, self.rest_after_count(step, rest))

    def rest_after_count(self, step: Step, rest: float) -> int:
        return 2 + self.countdown_from(step, rest)

    def between_length(self, step: Step, switch: bool) -> float:
        return self.switch_length(step) if switch else self.set_rest_length(step)

    def between_sets(self, step: Step, switch: bool, fields: dict[str, Any]) -> _Piece:
        """Before the next set: a switch of sides (*switch*), or a rest on the same side."""
        length = self.between_length(step, switch)
        if switch:
            said = pgettext("spoken cue", "Switch sides")
            cues = [Cue("switch_sides", said), *self.countdown(step, length)]
            piece = _Piece("switch", length, said, cues, fields)
        else:
            cues = [Cue("rest", rest_words(length, _("Rest"))), *self.countdown(step, length)]
            name = rest_name(length)
            label = name or _("Rest between sets")
            piece = _Piece("rest", length, label, cues, {**fields, "heading": name})
        return self._made(piece, self.between_sets_count(step, switch))

    def between_sets_count(self, step: Step, switch: bool) -> int:
        return 1 + self.countdown_from(step, self.between_length(step, switch))

    def says_halfway(self, step: Step, length: float) -> bool:
        on = step.halfway if step.halfway is not None else self.defaults.halfway
        return length >= HALFWAY_MIN and on

    @staticmethod
    def says_ten_seconds(length: float) -> bool:
        return length >= TEN_SECONDS_MIN

    @staticmethod
    def open_says_ten_seconds(hold: OpenHold) -> bool:
        # held on past the check-in: a word before the hold ends on its own (it follows
        # "+15 s", as the end does; never heard when released before)
        return hold.limit - hold.target >= OPEN_WARNING_AFTER

    def hold_set(
        self, step: Step, breathing: Pattern | None, lead: list[Cue], fields: dict[str, Any]
    ) -> _Piece:
        """One set of an open hold or a hold (*step* as done on its side), opened by the
        *lead* cues, with its milestones, prompts and breaths."""
        if step.open is not None:
            hold = step.open
            cues = [
                *lead,
                Cue("start", pgettext("spoken cue", "Hold")),
                *self.inner_cues(step, breathing, hold.limit),
            ]
            cues.append(Cue("check_in", _("Has it softened?"), 0.0, "target"))
            if self.open_says_ten_seconds(hold):
                cues.append(Cue("ten_seconds", seconds_words(10), 10.0, "end"))
            cues.append(Cue("end", _("Release"), 0.0, "end"))
            piece = _Piece("open", hold.target, step.title, cues, {**fields, "open": hold})
        else:
            length = self.hold_length(step, breathing)
            kind: SegmentKind = "breathe" if step.kind is Kind.BREATHING else "hold"
            if kind == "breathe":
                start = _("Breathe")
            else:
                start = _("Go") if step.kind is Kind.EXERCISE else pgettext("spoken cue", "Hold")
            cues = [*lead, Cue("start", start), *self.inner_cues(step, breathing, length)]
            cues += self.countdown(step, length)
            end = _("Release") if kind == "hold" and step.kind is not Kind.EXERCISE else _("Stop")
            cues = _fold_final_milestone(cues, step.milestones, length, end)
            if self.says_halfway(step, length):
                cues.append(Cue("halfway", _("Halfway"), length / 2))
            if self.says_ten_seconds(length):
                cues.append(Cue("ten_seconds", seconds_words(10), 10.0, "end"))
            piece = _Piece(kind, length, step.title, cues, fields)
        return self._made(piece, self.hold_set_count(step, breathing, len(lead))[1])

    def hold_set_count(self, step: Step, breathing: Pattern | None, lead: int) -> tuple[float, int]:
        """The seconds of one set of an open hold or a hold, and at most how many cues."""
        if step.open is not None:
            hold = step.open
            inner = self.inner_count(step, breathing, hold.limit)
            return hold.target, lead + 3 + self.open_says_ten_seconds(hold) + inner
        length = self.hold_length(step, breathing)
        cues = lead + 2 + self.countdown_from(step, length)  # start, end
        cues += self.says_halfway(step, length) + self.says_ten_seconds(length)
        return length, cues + self.inner_count(step, breathing, length)

    @staticmethod
    def rep_phases(step: Step) -> tuple[tuple[RepPhaseName | None, float], ...]:
        return step.rep_phases() or ((None, step.rep_length),)

    @staticmethod
    def counts_down(step: Step, phase: RepPhaseName | None, length: float) -> bool:
        """A rep (or its hold phase) long enough is counted down."""
        return (phase is None and (step.hold or 0) >= 5) or (phase == "hold" and length >= 5)

    def rep(self, step: Step, rep: int, lead: list[Cue], fields: dict[str, Any]) -> list[_Piece]:
        """Rep *rep* of a set of reps: a segment, or one per phase (Up, Hold, Down); the
        set's first rep opens with *lead*."""
        pieces: list[_Piece] = []
        for n, (phase, length) in enumerate(self.rep_phases(step)):
            cues = [*lead] if rep == 1 and n == 0 else []
            if n == 0 and not (cues and phase is not None):
                # "Left side", "Up": a set's first rep in phases goes uncounted (the
                # three lines would not fit in its first phase)
                cues.append(Cue("rep", str(rep)))
            if phase is not None:
                cues.append(Cue("rep_phase", rep_phase_word(phase)))
            if self.counts_down(step, phase, length):
                cues += self.countdown(step, length)
            fields_here = {**fields, "rep": rep, "phase": phase}
            pieces.append(_Piece("rep", length, step.title, cues, fields_here))
        counted = self.rep_count(step, len(lead) if rep == 1 else 0)
        assert sum(len(p.cues) for p in pieces) <= counted[1], f"rep: {counted[1]} counted"
        return pieces

    def rep_count(self, step: Step, lead: int) -> tuple[int, int]:
        """Segments and cues of one rep (*lead*: the cues the set opens with, on its first)."""
        phases = self.rep_phases(step)
        cues = lead + (0 if lead and phases[0][0] is not None else 1)  # the side, or the count
        for phase, length in phases:
            cues += phase is not None
            if self.counts_down(step, phase, length):
                cues += self.countdown_from(step, length)
        return len(phases), cues

    def between_reps(self, step: Step, rep: int, fields: dict[str, Any]) -> _Piece:
        """The rest after rep *rep* of a set (none after its last)."""
        between = step.rest_between_reps
        name = rest_name(between)  # a rest of its own words says them
        said = [Cue("rest", rest_words(between, _("Rest")))] if name else []
        fields_here = {**fields, "rep": rep, "heading": name}
        piece = _Piece("rest", between, name or _("Rest"), said, fields_here)
        return self._made(piece, self.between_reps_count(step))

    @staticmethod
    def between_reps_count(step: Step) -> int:
        return 1 if rest_name(step.rest_between_reps) else 0

    def inner_cues(self, step: Step, breathing: Pattern | None, length: float) -> list[Cue]:
        """Milestones, prompts and breathing cues inside a hold of *length* seconds."""
        cues = [
            Cue("milestone", m.say or seconds_words(m.at), m.at)
            for m in step.milestones
            if 0 < m.at <= length
        ]
        for prompt in step.prompts:
            if prompt.at is not None and prompt.at <= length:
                cues.append(Cue("prompt", prompt.say, prompt.at))
            elif prompt.every is not None:
                t = prompt.every
                while t < length:
                    cues.append(Cue("prompt", prompt.say, t))
                    t += prompt.every
        if breathing is not None:
            cues += breath_cues(breathing, length)
        return cues

    @staticmethod
    def inner_count(step: Step, breathing: Pattern | None, length: float) -> int:
        """At most how many cues :meth:`inner_cues` makes, worked out without making them."""
        count = sum(1 for m in step.milestones if 0 < m.at <= length)
        for prompt in step.prompts:
            if prompt.at is not None and prompt.at <= length:
                count += 1
            elif prompt.every is not None:
                if not prompt.every > 0:
                    return _ENDLESS
                count += math.floor(length / prompt.every) + 1
        return count + (breathing.most_starts(length) if breathing is not None else 0)


#: A count standing for "more than any limit", where a value would make one endless.
_ENDLESS = 10**12


class _Builder(_Parts):
    """Places every piece of every run on the timeline, in order."""

    def __init__(self, defaults: Defaults, runs: list[StepRun], round_rests: dict[int, float]):
        super().__init__(defaults)
        self.runs = runs
        self.round_rests = round_rests
        self.segments: list[Segment] = []
        self.clock = 0.0
        self.cue_count = 0

    def add(self, piece: _Piece, run: StepRun, **extra: Any) -> None:
        if not piece.kept:
            return
        duration, cues, kw = piece.length, piece.cues, {**piece.fields, **extra}
        if piece.paced and run.breathing is not None:
            # A rest is paced by the step's breathing too, from its start. The guide shows
            # the first in-breath; its cue is left to the words that open a rest ("Rest",
            # "Next: ..."), and the breath is heard from the next phase on.
            kw["breathing"] = run.breathing
            cues = [*cues, *(c for c in breath_cues(run.breathing, duration) if c.offset > 0)]
        self.cue_count += len(cues)
        if len(self.segments) >= MAX_SEGMENTS or self.cue_count > MAX_CUES:  # never: checked
            raise PlanTooLargeError((), "the plan grew past its limits")  # before; a backstop
        target = kw["open"].target if kw.get("open") else None
        cues.sort(key=lambda c: (c.time_in(duration, target), cue_order(c)))
        self.segments.append(
            Segment(
                len(self.segments),
                piece.kind,
                self.clock,
                duration,
                run.index,
                piece.label,
                cues=tuple(cues),
                **kw,
            )
        )
        self.clock += duration

    def add_run(self, position: int) -> None:
        run = self.runs[position]
        step = run.step
        following = self.runs[position + 1] if position + 1 < len(self.runs) else None
        if step.kind is Kind.REST:
            self.add(self.rest_step(step, following.name if following else None), run)
            return
        prepare = (
            step.prepare
            if step.prepare is not None
            else (self.defaults.prepare if position == 0 else 0.0)
        )
        self.add(self.prepare(step, prepare), run)
        self.add_work(run)
        rest = self._rest_after(position, run, following)
        if rest > 0 and following is not None:
            self.add(self.rest_after(step, rest, following.name), run)

    def _rest_after(self, position: int, run: StepRun, following: StepRun | None) -> float:
        if following is None or following.step.kind is Kind.REST:
            return 0.0
        if position in self.round_rests:
            return self.round_rests[position]
        return self.rest_after_length(run.step)

    def add_work(self, run: StepRun) -> None:
        sets, per_side = self.sets_in_order(run.step)
        for side, set_no, switch, lead in sets:
            if switch is not None:
                fields = {"side": side, "set": set_no, "sets": per_side[side]}
                self.add(self.between_sets(run.step, switch, fields), run)
            said = [Cue("side", side_words(side))] if lead and side else []
            self.add_set(run, side, set_no, said)

    def add_set(self, run: StepRun, side: Side | None, set_no: int, lead: list[Cue]) -> None:
        # a hold, open hold or sets given per side: this side's own
        run = replace(run, step=run.step.on_side(side))
        step = run.step
        common: dict[str, Any] = {
            "side": side,
            "set": set_no,
            "sets": int(step.sets),
            "breathing": run.breathing,
        }
        if step.reps is not None:
            self.add_reps(run, lead, common)
            return
        self.add(self.hold_set(step, run.breathing, lead, common), run)

    def add_reps(self, run: StepRun, lead: list[Cue], common: dict[str, Any]) -> None:
        """One set of reps: a segment per rep, or per phase of each rep (Up, Hold, Down),
        with rests between reps. Milestones, prompts and breathing run on the set's own
        clock, from its first rep, and land in whichever segment they fall in."""
        step = run.step
        reps = step.reps or 0
        pieces: list[_Piece] = []
        for rep in range(1, reps + 1):
            pieces += self.rep(step, rep, lead, common)
            if rep < reps and step.rest_between_reps > 0:
                pieces.append(self.between_reps(step, rep, common))
        total = sum(piece.length for piece in pieces)
        timed = sorted(self.inner_cues(step, run.breathing, total), key=lambda c: c.offset)
        begin = 0.0
        next_cue = 0  # the first of *timed* not placed yet
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            while next_cue < len(timed) and (
                timed[next_cue].offset < begin + piece.length - 1e-9 or last
            ):
                cue = timed[next_cue]
                next_cue += 1
                piece.cues.append(Cue(cue.kind, cue.text, cue.offset - begin))
            self.add(piece, run, reps=int(reps), breath_start=begin)
            begin += piece.length


class _Measure(_Parts):
    """The size of a plan worked out from its steps with the builder's own counts: each
    piece a step makes (a set on one side, one rep, a switch, a rest) counted once and
    multiplied over reps, sets, sides and repeats, so nothing is made or expanded however
    often it repeats (:func:`plan_size`, :func:`plan_total`).

    *picked* gives each either/or step's option (by the choice's id); a choice not in it
    counts as its largest option, for the limits. Seconds and segments are exact; cues are
    never fewer than the builder makes (a milestone folded into a hold's end, a "Next" after
    the very last step, and breaths paced to the very end are counted as if there).
    """

    def __init__(
        self,
        defaults: Defaults,
        picked: Mapping[int, int] | None = None,
        same: SameSteps | None = None,
    ) -> None:
        super().__init__(defaults)
        self.picked = picked or {}
        self.same = same
        self._breathing: dict[int, Pattern | None] = {}

    def breathing(self, step: Step) -> Pattern | None:
        key = id(step)
        if key not in self._breathing:
            self._breathing[key] = _breathing(step, self.defaults)
        return self._breathing[key]

    @staticmethod
    def pause(length: float, cues: int, paced: Pattern | None = None) -> Size:
        """A segment that is not work (dropped when it has no length); a rest is *paced*
        by its step's breathing (see :meth:`_Builder.add`)."""
        if not length > 0:
            return Size()
        return Size(length, 1, cues + (paced.most_starts(length) if paced is not None else 0))

    def one_set(self, step: Step, breathing: Pattern | None, lead: int) -> Size:
        """One set on one side (*step* as done there), opened by *lead* cues."""
        if step.reps is None:
            seconds, cues = self.hold_set_count(step, breathing, lead)
            return Size(seconds, 1, cues)
        reps = step.reps
        lengths = sum(length for _phase, length in self.rep_phases(step))
        rest = self.pause(step.rest_between_reps, self.between_reps_count(step))
        segments, cues = self.rep_count(step, lead)
        size = Size(lengths, segments, cues)
        if reps > 1:  # the reps after the first are all alike, as are the rests between
            segments, cues = self.rep_count(step, 0)
            size += (Size(lengths, segments, cues) + rest).times(reps - 1)
        # Milestones, prompts and breathing run on the set's clock, from its first rep.
        return size + Size(0.0, 0, self.inner_count(step, breathing, size.seconds))

    def work(self, step: Step, breathing: Pattern | None) -> Size:
        """Every set of *step*, side by side, with the switches and rests between them: each
        kind of set (by side, and whether it says the side) counted once, times how many."""
        kinds: dict[tuple[Side | None, bool], int] = {}
        switches = rests = 0
        for side, _set, switch, lead in self.sets_in_order(step)[0]:
            kinds[side, lead] = kinds.get((side, lead), 0) + 1
            if switch is not None:
                switches += switch
                rests += not switch
        total = Size()
        if switches:
            length = self.between_length(step, True)
            counted = self.between_sets_count(step, True)
            total += self.pause(length, counted).times(switches)
        if rests:
            length = self.between_length(step, False)
            counted = self.between_sets_count(step, False)
            total += self.pause(length, counted, breathing).times(rests)
        per_side = step.differs_by_side
        for (side, lead), times in kinds.items():
            done = step.on_side(side) if per_side else step
            total += self.one_set(done, breathing, int(lead)).times(times)
        return total

    def run(self, step: Step) -> Size:
        """One run of *step* with its own get-ready (the routine's first run gets the
        routine's: :meth:`routine`), without the rest after it (:meth:`join`); measured
        once for all the steps :attr:`same` knows to be alike."""
        same = self.same
        key = same.keys.get(id(step)) if same is not None else None
        if key is not None:
            assert same is not None
            known = same.measured.get(key)
            if known is not None:
                return known
        breathing = self.breathing(step)
        if step.kind is Kind.REST:
            length = self.rest_step_length(step)
            size = self.pause(length, self.rest_step_count(step, True), breathing)
        else:
            prepare = step.prepare or 0.0
            size = self.pause(prepare, self.prepare_count(step, prepare))
            size = size + self.work(step, breathing)
        if key is not None:
            assert same is not None
            same.measured[key] = size  # a Size is never changed once made: shared
        return size

    def join(self, before: _Part, after: _Part, rest: float | None = None) -> Size:
        """The rest between *before* and *after*: *rest* seconds (a repeat group's rest
        between rounds) or the last step's own; none before a rest step."""
        if after.opens_with_rest:
            return Size()
        if len(before.lasts) == 1:  # no either/or step: its one last step
            (step,) = before.lasts
            seconds = rest if rest is not None else self.rest_after_length(step)
            counted = self.rest_after_count(step, seconds)
            return self.pause(seconds, counted, self.breathing(step))
        size = Size()
        for step in before.lasts:
            seconds = rest if rest is not None else self.rest_after_length(step)
            counted = self.rest_after_count(step, seconds)
            size = size.most(self.pause(seconds, counted, self.breathing(step)))
        return size

    def item(self, item: Item) -> _Part:
        if isinstance(item, Step):
            return _Part(self.run(item), item.kind is Kind.REST, [item])
        if isinstance(item, Choice):
            pick = self.picked.get(id(item))
            options = item.choose if pick is None else [item.choose[pick]]
            parts = [self.item(option) for option in options]
            size = Size()
            for part in parts:
                size = size.most(part.size)
            return _Part(
                size,
                all(part.opens_with_rest for part in parts),
                [step for part in parts for step in part.lasts],
            )
        body = self.items(item.steps)
        rounds = body.size.times(item.repeat)
        rounds += self.join(body, body, item.rest_between).times(item.repeat - 1)
        return _Part(rounds, body.opens_with_rest, body.lasts)

    def items(self, items: list[Item]) -> _Part:
        whole: _Part | None = None
        for item in items:
            part = self.item(item)
            whole = part if whole is None else whole.then(part, self.join(whole, part))
        return whole if whole is not None else _Part(Size(), True, [])

    def first_prepare(self, items: list[Item]) -> Size:
        """The routine's own get-ready time before its very first step, when that has none."""
        first: Item = items[0]
        while isinstance(first, RepeatGroup):
            first = first.steps[0]
        options = first.choose if isinstance(first, Choice) else [first]
        if isinstance(first, Choice) and id(first) in self.picked:
            options = [first.choose[self.picked[id(first)]]]
        size = Size()
        prepare = self.defaults.prepare
        for option in options:  # an either/or step: whichever is picked
            if option.prepare is None and option.kind is not Kind.REST:
                size = size.most(self.pause(prepare, self.prepare_count(option, prepare)))
        return size

    def routine(self, items: list[Item]) -> Size:
        """The whole plan: the first get-ready, every step, and "Well done"."""
        return self.first_prepare(items) + self.items(items).size + Size(0.0, 0, 1)


class _Part:
    """The size of some steps in a row, without the rest after the last, with what decides
    the rests around them: whether the first is a rest step (nothing rests before it), and
    the steps the last may be (its rest, or a group's rest between rounds, follows it)."""

    __slots__ = ("lasts", "opens_with_rest", "size")

    def __init__(self, size: Size, opens_with_rest: bool, lasts: list[Step]) -> None:
        self.size = size
        self.opens_with_rest = opens_with_rest
        self.lasts = lasts

    def then(self, after: _Part, rest: Size) -> _Part:
        """These steps, *rest*, then *after*'s."""
        return _Part(self.size + rest + after.size, self.opens_with_rest, after.lasts)


class SameSteps:
    """Which steps of a routine are measured alike, so each is measured once: *keys* gives a
    step (by ``id``) a key that steps measured alike share, and *measured* keeps each key's
    :meth:`_Measure.run`, across every routine measured with it.

    The loader keys a library exercise's step by the exercise, its overrides in the routine
    and the routine's defaults (all that makes its run), so a library used by hundreds of
    routines has each of its steps measured once (:class:`~psoas_timer.core.loader.Library`
    keeps *measured*; reading another library file empties it)."""

    __slots__ = ("keys", "measured")

    def __init__(self, keys: Mapping[int, Hashable], measured: dict[Hashable, Size]) -> None:
        self.keys = keys
        self.measured = measured


def plan_size(routine: Routine, same: SameSteps | None = None) -> Size:
    """An upper bound of the size of *routine*'s plan (whichever option each either/or step
    takes), worked out from its steps without building it."""
    return _Measure(routine.defaults, same=same).routine(routine.steps)


def _label(path: tuple[Any, ...]) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _blame(
    measure: _Measure, items: list[Item], path: tuple[Any, ...], before: _Part
) -> PlanTooLargeError | None:
    for index, item in enumerate(items):
        here = (*path, index)
        part = measure.item(item)
        after = before.then(part, measure.join(before, part))
        over = after.size.over()
        if over is None:
            before = after
            continue
        if isinstance(item, (Step, Choice)):
            return PlanTooLargeError(
                here,
                _("{value}: with this step the session grows to {over}").format(
                    value=_label(here), over=over
                ),
            )
        inner = _blame(measure, item.steps, (*here, "steps"), before)
        if inner is not None:
            return inner
        return PlanTooLargeError(
            (*here, "repeat"),
            _("{value}: done {repeat} times, this group makes the session grow to {over}").format(
                value=_label((*here, "repeat")), repeat=item.repeat, over=over
            ),
        )
    return None


def plan_size_problem(routine: Routine, same: SameSteps | None = None) -> PlanTooLargeError | None:
    """Why *routine*'s plan would be over the limits, blaming the first step (or repeat group)
    that takes it over; ``None`` when it is within them. *same*: steps measured alike."""
    if plan_size(routine, same).over() is None:  # as nearly every routine is: nothing to blame
        return None
    measure = _Measure(routine.defaults, same=same)
    start = measure.first_prepare(routine.steps) + Size(0.0, 0, 1)
    return _blame(measure, routine.steps, ("steps",), _Part(start, True, []))


def check_plan_size(routine: Routine) -> None:
    """Raise :class:`PlanTooLargeError` when *routine*'s plan would be over the limits."""
    problem = plan_size_problem(routine)
    if problem is not None:
        raise problem


def _fold_final_milestone(
    cues: list[Cue], milestones: Sequence[Milestone], length: float, end: str
) -> list[Cue]:
    """*cues* with the end cue (*end*: "Release", "Stop") added, saying a milestone that
    falls at the very end of the hold in the same breath.

    A milestone at 90 s on a 90 s hold would otherwise be a second line at the instant the
    hold ends ("Release", "Ninety. Ease off slowly", then "Switch sides"), piling voices up
    while the user moves. Its own words, written for that moment, replace "Release"; a
    bare number is said before it ("Ninety seconds. Release").
    """
    final = [m for m in milestones if abs(m.at - length) < 1e-9]  # (longer: never said)
    if not final:
        return [*cues, Cue("end", end, 0.0, "end")]
    said = final[-1].say
    # Translators: said as a hold ends: a time ("Ninety seconds") then "Release" or "Stop"
    text = said if said else _("{time}. {end}").format(time=seconds_words(final[-1].at), end=end)
    kept = [c for c in cues if not (c.kind == "milestone" and c.offset >= length - 1e-9)]
    return [*kept, Cue("end", text, 0.0, "end")]


def breath_cues(pattern: Pattern, length: float) -> list[Cue]:
    """ "Inhale", "Exhale" and "Hold your breath" at each phase of *pattern* in *length* s."""
    words: dict[str, tuple[CueKind, str]] = {
        "inhale": ("inhale", _("Inhale")),
        "exhale": ("exhale", _("Exhale")),
    }
    cues: list[Cue] = []
    for t, phase in pattern.phase_starts(length):
        kind, text = words.get(phase, ("hold_breath", _("Hold your breath")))
        cues.append(Cue(kind, text, t))
    return cues
