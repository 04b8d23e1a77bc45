"""How big a routine's plan would be, worked out from its steps without building the plan.

No real routine comes near these limits; a mistyped or hostile file can (four nested
``repeat: 100`` groups make a hundred million steps, a thousand reps in a hundred sets on both
sides two hundred thousand segments). The loader refuses such a file at the step that goes
over, and :func:`~psoas_timer.core.plan.compile_plan` refuses such a routine made in code, in
both cases before anything is expanded: the arithmetic below is one walk over the steps as
written, however many times they repeat.

The counts are an upper bound of what :mod:`~psoas_timer.core.plan` builds (a rest after the
last step, or a "next" cue, may be counted that the plan leaves out), never less.
"""

from __future__ import annotations

import math
from typing import Any

from psoas_timer.i18n import _, format_decimal

from .breathing import Pattern
from .breathing_setting import breathing_pattern
from .duration import format_duration
from .model import Choice, Defaults, Kind, RepeatGroup, Routine, Step

__all__ = [
    "MAX_CUES",
    "MAX_SECONDS",
    "MAX_SEGMENTS",
    "PlanTooLargeError",
    "Size",
    "check_plan_size",
    "plan_size",
    "plan_size_problem",
]

#: The longest session a routine may make.
MAX_SECONDS = 24 * 60 * 60.0
#: The most segments (holds, reps, rests, switches) a routine may make.
MAX_SEGMENTS = 20_000
#: The most cues (words and tones) a routine may make.
MAX_CUES = 20_000

#: A count standing for "more than any limit", where a value would make one endless.
_ENDLESS = 10**12


class Size:
    """Seconds, segments and cues of some part of a plan (never changed once made).

    A plain class with slots rather than a frozen dataclass: sizing a large library makes
    hundreds of thousands of these, and a frozen dataclass takes twice as long to make.
    """

    __slots__ = ("cues", "seconds", "segments")

    def __init__(self, seconds: float = 0.0, segments: int = 0, cues: int = 0) -> None:
        self.seconds = seconds
        self.segments = segments
        self.cues = cues

    def __repr__(self) -> str:
        return f"Size(seconds={self.seconds!r}, segments={self.segments!r}, cues={self.cues!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Size):
            return NotImplemented
        return (self.seconds, self.segments, self.cues) == (
            other.seconds,
            other.segments,
            other.cues,
        )

    def __hash__(self) -> int:
        return hash((self.seconds, self.segments, self.cues))

    def __add__(self, other: Size) -> Size:
        return Size(
            self.seconds + other.seconds, self.segments + other.segments, self.cues + other.cues
        )

    def most(self, other: Size) -> Size:
        """The larger of two sizes, part by part (an either/or step: whichever is picked)."""
        return Size(
            max(self.seconds, other.seconds),
            max(self.segments, other.segments),
            max(self.cues, other.cues),
        )

    def times(self, n: int) -> Size:
        return Size(self.seconds * n, self.segments * n, self.cues * n)

    def over(self) -> str | None:
        """What this size is over the limits by, in words, or ``None`` when it is within."""
        if self.segments > MAX_SEGMENTS:
            return _("{segments} segments; a routine may have at most {max_segments}").format(
                segments=format_decimal(self.segments), max_segments=format_decimal(MAX_SEGMENTS)
            )
        if self.cues > MAX_CUES:
            return _("{cues} cues; a routine may have at most {max_cues}").format(
                cues=format_decimal(self.cues), max_cues=format_decimal(MAX_CUES)
            )
        if not self.seconds <= MAX_SECONDS:
            seconds = self.seconds
            length = format_duration(seconds) if seconds < 1e6 else f"{seconds / 3600:,.0f}h"
            return _("{length}; a routine may last at most {value}").format(
                length=length, value=format_duration(MAX_SECONDS)
            )
        return None


class PlanTooLargeError(ValueError):
    """A routine whose plan would be over the limits; *path* is the step (or group) to blame."""

    def __init__(self, path: tuple[Any, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _leaves(group: RepeatGroup) -> list[Step]:
    steps: list[Step] = []
    for item in group.steps:
        if isinstance(item, RepeatGroup):
            steps.extend(_leaves(item))
        elif isinstance(item, Choice):  # whichever option is picked
            steps.extend(item.choose)
        else:
            steps.append(item)
    return steps


def _breaths(pattern: Pattern | None, length: float) -> int:
    """At most how many breathing cues a stretch of *length* seconds paced by *pattern* has."""
    if pattern is None or length <= 0:
        return 0
    return (math.floor(length / pattern.cycle) + 1) * len(pattern.phases())


def _segment(seconds: float, cues: int) -> Size:
    """One segment of *seconds*, or nothing: the plan drops a rest or switch of no length."""
    return Size(seconds, 1, cues) if seconds > 0 else Size()


class _Sizer:
    def __init__(self, defaults: Defaults) -> None:
        self.defaults = defaults

    def countdown(self, step: Step, seconds: float) -> int:
        count = step.countdown if step.countdown is not None else self.defaults.countdown
        return count if seconds >= count + 2 else 0

    def inner(self, step: Step, breathing: Pattern | None, length: float) -> int:
        """Milestones, prompts and breathing cues inside a hold of *length* seconds."""
        cues = sum(1 for m in step.milestones if 0 < m.at <= length)
        for prompt in step.prompts:
            if prompt.at is not None:
                cues += prompt.at <= length
            elif prompt.every is not None:
                if not prompt.every > 0:
                    return _ENDLESS
                cues += math.floor(length / prompt.every) + 1
        return cues + _breaths(breathing, length)

    def one_set(self, step: Step, breathing: Pattern | None) -> Size:
        """One set on one side, without its side cue."""
        if step.open is not None:
            hold = step.open
            return Size(hold.target, 1, 4 + self.inner(step, breathing, hold.limit))
        if step.reps is not None:
            phases = step.rep_phases() or ((None, step.rep_length),)
            one = Size()
            for phase, length in phases:  # a segment per phase: its count, its word
                counted = (phase is None and (step.hold or 0) >= 5) or (
                    phase == "hold" and length >= 5
                )
                cues = 1 + (phase is not None) + (self.countdown(step, length) if counted else 0)
                one += Size(length, 1, cues)
            reps = one.times(step.reps)
            rest = _segment(step.rest_between_reps, 0).times(step.reps - 1)
            # Milestones, prompts and breathing run on the set's clock, from its first rep.
            inner = self.inner(step, breathing, reps.seconds + rest.seconds)
            return reps + rest + Size(0.0, 0, inner)
        if step.breaths is not None:
            length = step.breaths * (breathing.cycle if breathing is not None else 10.0)
        else:
            length = step.hold or step.duration or 0.0
        cues = 2 + self.inner(step, breathing, length) + self.countdown(step, length)
        return Size(length, 1, cues + 2)  # halfway and ten seconds, at most

    def run(self, step: Step, prepare: float) -> Size:
        """One run of *step*, with *prepare* seconds to get ready and the rest after it."""
        defaults = self.defaults
        pattern = breathing_pattern(
            step.breathing if step.breathing is not None else defaults.breathing
        )

        def rest(seconds: float, cues: int) -> Size:  # a rest is paced by the step's breathing
            return _segment(
                seconds, cues + self.countdown(step, seconds) + _breaths(pattern, seconds)
            )

        if step.kind is Kind.REST:
            length = step.duration or step.hold or 0.0
            return rest(length, 2)
        size = _segment(prepare, 2 + self.countdown(step, prepare))
        sides = 2 if step.sides == "both" else 1
        sets = step.sets
        size += self.one_set(step, pattern).times(sides * sets)
        switch = step.switch_sides if step.switch_sides is not None else defaults.switch_sides
        set_rest = step.rest_between_sets if step.rest_between_sets is not None else defaults.rest
        switches, rests = (2 * sets - 1, 0) if step.alternate else (sides - 1, sides * (sets - 1))
        size += _segment(switch, 1 + self.countdown(step, switch)).times(switches)
        size += rest(set_rest, 1).times(rests)
        side_cues = (sides * sets if step.alternate else sides) if step.sides != "none" else 0
        size += Size(0.0, 0, side_cues)
        after = step.rest_after if step.rest_after is not None else defaults.rest
        return size + rest(after, 2)

    def pattern(self, step: Step) -> Pattern | None:
        return breathing_pattern(
            step.breathing if step.breathing is not None else self.defaults.breathing
        )

    def item(self, item: Step | RepeatGroup | Choice) -> Size:
        if isinstance(item, Choice):
            size = Size()
            for option in item.choose:
                size = size.most(self.item(option))
            return size
        if isinstance(item, Step):
            return self.run(item, item.prepare or 0.0)
        size = self.items(item.steps)
        if item.rest_between is not None:  # in place of a step's own rest, paced by its breathing
            seconds = item.rest_between
            paced = max(_breaths(self.pattern(step), seconds) for step in _leaves(item))
            size += _segment(seconds, 12 + paced)
        return size.times(item.repeat)

    def items(self, items: list[Step | RepeatGroup | Choice]) -> Size:
        total = Size()
        for item in items:
            total += self.item(item)
        return total

    def first_prepare(self, items: list[Step | RepeatGroup | Choice]) -> Size:
        """The routine's own get-ready time before its very first step, when that has none."""
        first: Step | RepeatGroup | Choice = items[0]
        while isinstance(first, RepeatGroup):
            first = first.steps[0]
        options = first.choose if isinstance(first, Choice) else [first]
        size = Size()
        for option in options:  # an either/or step: whichever is picked
            if option.prepare is None and option.kind is not Kind.REST:
                count = 2 + self.countdown(option, self.defaults.prepare)
                size = size.most(_segment(self.defaults.prepare, count))
        return size


def plan_size(routine: Routine) -> Size:
    """An upper bound of the size of *routine*'s plan, without building it."""
    sizer = _Sizer(routine.defaults)
    return sizer.first_prepare(routine.steps) + sizer.items(routine.steps) + Size(0.0, 0, 1)


def _label(path: tuple[Any, ...]) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _blame(
    sizer: _Sizer, items: list[Step | RepeatGroup | Choice], path: tuple[Any, ...], before: Size
) -> PlanTooLargeError | None:
    for index, item in enumerate(items):
        here = (*path, index)
        after = before + sizer.item(item)
        over = after.over()
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
        inner = _blame(sizer, item.steps, (*here, "steps"), before)
        if inner is not None:
            return inner
        return PlanTooLargeError(
            (*here, "repeat"),
            _("{value}: done {repeat} times, this group makes the session grow to {over}").format(
                value=_label((*here, "repeat")), repeat=item.repeat, over=over
            ),
        )
    return None


def plan_size_problem(routine: Routine) -> PlanTooLargeError | None:
    """Why *routine*'s plan would be over the limits, blaming the first step (or repeat group)
    that takes it over; ``None`` when it is within them."""
    sizer = _Sizer(routine.defaults)
    start = sizer.first_prepare(routine.steps) + Size(0.0, 0, 1)
    return _blame(sizer, routine.steps, ("steps",), start)


def check_plan_size(routine: Routine) -> None:
    """Raise :class:`PlanTooLargeError` when *routine*'s plan would be over the limits."""
    problem = plan_size_problem(routine)
    if problem is not None:
        raise problem
