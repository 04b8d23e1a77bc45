"""How big a routine's plan may be: the limits, and a size measured against them.

No real routine comes near these limits; a mistyped or hostile file can (four nested
``repeat: 100`` groups make a hundred million steps, a thousand reps in a hundred sets on both
sides two hundred thousand segments). The loader refuses such a file at the step that goes
over, and :func:`~psoas_timer.core.plan.compile_plan` refuses such a routine made in code, in
both cases before anything is expanded.

The size is measured by the plan builder itself (:func:`~psoas_timer.core.plan.plan_size`):
each piece a step makes (a set on one side, one rep, a switch, a rest) is made once, counted
and multiplied over reps, sets, sides and repeats, so the measure cannot drift from the plan.
"""

from __future__ import annotations

from typing import Any

from psoas_timer.i18n import _, format_decimal

from .duration import format_duration

__all__ = ["MAX_CUES", "MAX_SECONDS", "MAX_SEGMENTS", "PlanTooLargeError", "Size"]

#: The longest session a routine may make.
MAX_SECONDS = 24 * 60 * 60.0
#: The most segments (holds, reps, rests, switches) a routine may make.
MAX_SEGMENTS = 20_000
#: The most cues (words and tones) a routine may make.
MAX_CUES = 20_000


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
