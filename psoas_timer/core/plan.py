"""Compile a routine into a timeline: contiguous segments, their cues, and the total.

:func:`compile_plan` is pure. Each segment carries its cues as offsets from its start (or
from its end, for countdowns), so the engine can stretch a segment (+10 s, an open hold) and
the cues that belong to its end move with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from psoas_timer.i18n import _

from .breathing import Pattern
from .breathing_setting import breathing_pattern
from .limits import MAX_CUES, MAX_SEGMENTS, PlanTooLargeError, check_plan_size
from .model import Choice, Defaults, Kind, RepeatGroup, Routine, Step
from .open_holds import OpenHold
from .rests import rest_name, rest_words
from .spoken import next_words, seconds_words, side_words
from .step_cues import Milestone
from .tempo import REP_PHASE_WORDS, RepPhaseName

__all__ = [
    "CUE_RANK",
    "Cue",
    "CueKind",
    "GroupRound",
    "Plan",
    "PlanChoice",
    "Segment",
    "SegmentKind",
    "StepRun",
    "compile_plan",
    "cue_order",
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
    choices = routine.choices()
    chosen = _chosen(choices, picks)
    builder = _build(routine, chosen, timing_only=False)
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
    """Seconds ``compile_plan(routine, picks)`` lasts, worked out the same way but without
    ordering or keeping its cues: a library lists hundreds of routines' times and keeps
    none of their plans. Raises as :func:`compile_plan` does."""
    builder = _build(routine, _chosen(routine.choices(), picks), timing_only=True)
    return builder.clock


def _chosen(choices: list[Choice], picks: Mapping[int, int] | None) -> tuple[int, ...]:
    return tuple(
        pick
        if picks is not None and 0 <= (pick := picks.get(n, -1)) < len(c.choose)
        else c.default_index
        for n, c in enumerate(choices)
    )


def _build(routine: Routine, chosen: tuple[int, ...], *, timing_only: bool) -> _Builder:
    check_plan_size(routine)
    runs = list(_runs(routine.steps, routine.defaults, chosen))
    builder = _Builder(routine.defaults, runs, _round_rests(routine.steps), timing_only=timing_only)
    for position in range(len(runs)):
        builder.add_run(position)
    return builder


Item = Step | RepeatGroup | Choice


def _choice_numbers(items: list[Item]) -> dict[int, int]:
    """Each either/or step's number (by object id), in the order written."""
    numbers: dict[int, int] = {}

    def walk(items: list[Item]) -> None:
        for item in items:
            if isinstance(item, Choice):
                numbers[id(item)] = len(numbers)
            elif isinstance(item, RepeatGroup):
                walk(item.steps)

    walk(items)
    return numbers


def _runs(items: list[Item], defaults: Defaults, chosen: tuple[int, ...]) -> Iterator[StepRun]:
    counter = 0
    numbers = _choice_numbers(items)

    def walk(items: list[Item], groups: tuple[GroupRound, ...]) -> Iterator[StepRun]:
        nonlocal counter
        for item in items:
            if isinstance(item, RepeatGroup):
                for r in range(1, item.repeat + 1):
                    yield from walk(item.steps, (*groups, GroupRound(item.name, r, item.repeat)))
            else:
                others: tuple[str, ...] = ()
                if isinstance(item, Choice):
                    pick = chosen[numbers[id(item)]]
                    others = tuple(s.title for i, s in enumerate(item.choose) if i != pick)
                    item = item.choose[pick]
                breathing = breathing_pattern(
                    item.breathing if item.breathing is not None else defaults.breathing
                )
                inner = groups[-1] if groups else GroupRound(None, 1, 1)
                yield StepRun(counter, item, breathing, inner.round, inner.rounds, groups, others)
                counter += 1

    yield from walk(items, ())


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


@dataclass
class _Builder:
    defaults: Defaults
    runs: list[StepRun]
    round_rests: dict[int, float]
    segments: list[Segment] = field(default_factory=list)
    clock: float = 0.0
    cue_count: int = 0
    #: Only the clock counts (:func:`plan_total`): cues are neither ordered nor kept.
    timing_only: bool = False

    def add(
        self,
        kind: SegmentKind,
        duration: float,
        run: StepRun,
        label: str,
        cues: list[Cue],
        **kw: Any,
    ) -> None:
        if duration <= 0 and kind not in ("hold", "rep", "open", "breathe"):
            return
        if self.timing_only:
            self.clock += duration
            return
        if kind == "rest" and "breathing" not in kw and run.breathing is not None:
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
                kind,
                self.clock,
                duration,
                run.index,
                label,
                cues=tuple(cues),
                **kw,
            )
        )
        self.clock += duration

    def countdown(self, step: Step, duration: float) -> list[Cue]:
        count = step.countdown if step.countdown is not None else self.defaults.countdown
        if duration < count + 2 or self.timing_only:
            return []
        return [Cue("countdown", str(n), float(n), "end") for n in range(count, 0, -1)]

    def add_run(self, position: int) -> None:
        run = self.runs[position]
        step = run.step
        following = self.runs[position + 1] if position + 1 < len(self.runs) else None
        prepare = (
            step.prepare
            if step.prepare is not None
            else (self.defaults.prepare if position == 0 else 0.0)
        )
        if prepare > 0 and step.kind is not Kind.REST:
            cues = [
                Cue("get_ready", _("Get ready")),
                Cue("step", step.title),
                *self.countdown(step, prepare),
            ]
            self.add("prepare", prepare, run, _("Get ready"), cues)
        if step.kind is Kind.REST:
            length = step.duration or step.hold or 0.0
            # A rest step's own name ("Drink some water") is shown and said, as the
            # format says; a nameless one is "Rest".
            cues = [Cue("rest", step.name or _("Rest"))]
            if following is not None:
                cues.append(Cue("next", next_words(following.name)))
            cues += self.countdown(step, length)
            self.add("rest", length, run, step.title, cues, heading=step.name)
            return
        self.add_work(run)
        rest = self._rest_after(position, run, following)
        if rest > 0 and following is not None:
            cues = [
                Cue("rest", rest_words(rest, _("Rest"))),
                Cue("next", next_words(following.name)),
                *self.countdown(step, rest),
            ]
            name = rest_name(rest)
            self.add("rest", rest, run, name or _("Rest"), cues, heading=name)

    def _rest_after(self, position: int, run: StepRun, following: StepRun | None) -> float:
        if following is None or following.step.kind is Kind.REST:
            return 0.0
        if position in self.round_rests:
            return self.round_rests[position]
        return run.step.rest_after if run.step.rest_after is not None else self.defaults.rest

    def add_work(self, run: StepRun) -> None:
        step = run.step
        sides: list[Side | None] = (
            ["left", "right"]
            if step.sides == "both"
            else ([step.sides] if step.sides in ("left", "right") else [None])
        )
        # sets may differ by side ({left: 2, right: 3}): each side does its own number
        per_side = {side: int(step.on_side(side).sets) for side in sides}
        order: list[tuple[Side | None, int]]
        if step.alternate:
            most = max(per_side.values())
            order = [(side, s) for s in range(1, most + 1) for side in sides if s <= per_side[side]]
        else:
            order = [(side, s) for side in sides for s in range(1, per_side[side] + 1)]
        set_rest = (
            step.rest_between_sets if step.rest_between_sets is not None else self.defaults.rest
        )
        switch = step.switch_sides if step.switch_sides is not None else self.defaults.switch_sides
        announced: Side | None = None
        for i, (side, set_no) in enumerate(order):
            if i > 0:
                prev_side = order[i - 1][0]
                if side != prev_side:
                    cues = [Cue("switch_sides", _("Switch sides")), *self.countdown(step, switch)]
                    self.add(
                        "switch",
                        switch,
                        run,
                        _("Switch sides"),
                        cues,
                        side=side,
                        set=set_no,
                        sets=per_side[side],
                    )
                else:
                    cues = [
                        Cue("rest", rest_words(set_rest, _("Rest"))),
                        *self.countdown(step, set_rest),
                    ]
                    self.add(
                        "rest",
                        set_rest,
                        run,
                        rest_name(set_rest) or _("Rest between sets"),
                        cues,
                        side=side,
                        set=set_no,
                        sets=per_side[side],
                        heading=rest_name(set_rest),
                    )
            first_cues: list[Cue] = []
            if side is not None and side != announced:
                first_cues.append(Cue("side", side_words(side)))
                announced = side
            self.add_set(run, side, set_no, first_cues)

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
        if step.open is not None:
            hold = step.open
            cues = [*lead, Cue("start", _("Hold")), *self.inner_cues(run, hold.limit)]
            cues.append(Cue("check_in", _("Has it softened?"), 0.0, "target"))
            if hold.limit - hold.target >= OPEN_WARNING_AFTER:
                # held on past the check-in: a word before the hold ends on its own (it
                # follows "+15 s", as the end does; never heard when released before)
                cues.append(Cue("ten_seconds", seconds_words(10), 10.0, "end"))
            cues.append(Cue("end", _("Release"), 0.0, "end"))
            self.add("open", hold.target, run, step.title, cues, open=hold, **common)
            return
        if step.reps is not None:
            self.add_reps(run, lead, common)
            return
        if step.breaths is not None and run.breathing is not None:
            length = step.breaths * run.breathing.cycle
        elif step.breaths is not None:
            length = step.breaths * 10.0
        else:
            length = step.hold or step.duration or 0.0
        kind: SegmentKind = "breathe" if step.kind is Kind.BREATHING else "hold"
        if kind == "breathe":
            start = _("Breathe")
        else:
            start = _("Go") if step.kind is Kind.EXERCISE else _("Hold")
        cues = [*lead, Cue("start", start), *self.inner_cues(run, length)]
        cues += self.countdown(step, length)
        end = _("Release") if kind == "hold" and step.kind is not Kind.EXERCISE else _("Stop")
        cues = _fold_final_milestone(cues, step.milestones, length, end)
        if length >= HALFWAY_MIN and (
            step.halfway if step.halfway is not None else self.defaults.halfway
        ):
            cues.append(Cue("halfway", _("Halfway"), length / 2))
        if length >= TEN_SECONDS_MIN:
            cues.append(Cue("ten_seconds", seconds_words(10), 10.0, "end"))
        self.add(kind, length, run, step.title, cues, **common)

    def add_reps(self, run: StepRun, lead: list[Cue], common: dict[str, Any]) -> None:
        """One set of reps: a segment per rep, or per phase of each rep (Up, Hold, Down),
        with rests between reps. Milestones, prompts and breathing run on the set's own
        clock, from its first rep, and land in whichever segment they fall in."""
        step = run.step
        reps = step.reps or 0
        phases = step.rep_phases() or ((None, step.rep_length),)
        if self.timing_only:  # the pieces below, in the same order, without their cues
            for rep in range(1, reps + 1):
                for _phase, length in phases:
                    self.clock += length
                if rep < reps and step.rest_between_reps > 0:
                    self.clock += step.rest_between_reps
            return
        pieces: list[tuple[SegmentKind, float, list[Cue], dict[str, Any]]] = []
        for rep in range(1, reps + 1):
            for n, (phase, length) in enumerate(phases):
                cues = [*lead] if rep == 1 and n == 0 else []
                if n == 0 and not (cues and phase is not None):
                    # "Left side", "Up": a set's first rep in phases goes uncounted (the
                    # three lines would not fit in its first phase)
                    cues.append(Cue("rep", str(rep)))
                if phase is not None:
                    cues.append(Cue("rep_phase", _(REP_PHASE_WORDS[phase])))
                if (phase is None and (step.hold or 0) >= 5) or (phase == "hold" and length >= 5):
                    cues += self.countdown(step, length)
                pieces.append(("rep", length, cues, {"rep": rep, "phase": phase}))
            if rep < reps and step.rest_between_reps > 0:
                between = step.rest_between_reps
                name = rest_name(between)  # a rest of its own words says them
                said = [Cue("rest", rest_words(between, _("Rest")))] if name else []
                pieces.append(("rest", between, said, {"rep": rep, "heading": name}))
        total = sum(length for _, length, _, _ in pieces)
        timed = sorted(self.inner_cues(run, total), key=lambda c: c.offset)
        begin = 0.0
        next_cue = 0  # the first of *timed* not placed yet
        for i, (kind, length, cues, extra) in enumerate(pieces):
            last = i == len(pieces) - 1
            while next_cue < len(timed) and (
                timed[next_cue].offset < begin + length - 1e-9 or last
            ):
                cue = timed[next_cue]
                next_cue += 1
                cues.append(Cue(cue.kind, cue.text, cue.offset - begin))
            label = (extra.get("heading") or _("Rest")) if kind == "rest" else step.title
            self.add(
                kind,
                length,
                run,
                label,
                cues,
                reps=int(reps),
                breath_start=begin,
                **extra,
                **common,
            )
            begin += length

    def inner_cues(self, run: StepRun, length: float) -> list[Cue]:
        """Milestones, prompts and breathing cues inside a hold of *length* seconds."""
        if self.timing_only:
            return []
        step = run.step
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
        if run.breathing is not None:
            cues += breath_cues(run.breathing, length)
        return cues


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
