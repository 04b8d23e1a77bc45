"""Breathing patterns: named presets, custom inhale/hold/exhale/hold, and the phase at a time."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from psoas_timer.i18n import _, format_decimal, pgettext

__all__ = [
    "DASHES_TEXT",
    "MAX_PHASE",
    "MIN_PHASE",
    "NAMED_PATTERNS",
    "Pattern",
    "Phase",
    "PhaseName",
    "check_phase",
    "parse_pattern_text",
]

PhaseName = Literal["inhale", "hold_in", "exhale", "hold_out"]

#: The shortest phase of a breath. Nobody can follow a shorter one, and a breath made of
#: zero-length phases would never end.
MIN_PHASE = 0.5
#: The longest phase of a breath: a day, like any other length in a routine.
MAX_PHASE = 24 * 60 * 60.0


def check_phase(name: PhaseName, seconds: float) -> float:
    """*seconds* if it is a usable length for phase *name*, else :class:`ValueError` saying why.

    An inhale and an exhale last at least :data:`MIN_PHASE`; a hold is 0 (no hold) or lasts
    at least as long.
    """
    hold = name in ("hold_in", "hold_out")
    if not (0 <= seconds <= MAX_PHASE):  # also refuses NaN
        raise ValueError(_("a breathing phase must be between 0 and 24 hours"))
    if hold and seconds == 0:
        return seconds
    if seconds < MIN_PHASE:
        least = format_decimal(MIN_PHASE)
        if hold:
            message = _("a hold in a breath must be 0 or last at least {seconds} s")
        elif name == "inhale":
            message = _("an inhale must last at least {seconds} s")
        else:
            message = _("an exhale must last at least {seconds} s")
        raise ValueError(message.format(seconds=least))
    return seconds


#: The word the breathing guide shows for each phase, in the user's language (by
#: :attr:`Phase.word`). A held breath is "Hold" in context "breathing" (shown only: the
#: voice says "Hold your breath"), apart from the hold of a stretch the voice says.
PHASE_WORDS: dict[PhaseName, Callable[[], str]] = {
    "inhale": lambda: _("Inhale"),
    # Translators: the breathing guide's word while the breath is held (after an in- or
    # out-breath), shown under the breathing shape; not the hold of a stretch
    "hold_in": lambda: pgettext("breathing", "Hold"),
    "exhale": lambda: _("Exhale"),
    "hold_out": lambda: pgettext("breathing", "Hold"),
}


@dataclass(frozen=True)
class Pattern:
    """One breath: seconds of inhale, hold after inhale, exhale and hold after exhale."""

    inhale: float
    hold_in: float
    exhale: float
    hold_out: float
    name: str | None = None

    def __post_init__(self) -> None:
        # A pattern that cannot be breathed is refused however it is made, so no loop over
        # its phases can run forever.
        check_phase("inhale", self.inhale)
        check_phase("hold_in", self.hold_in)
        check_phase("exhale", self.exhale)
        check_phase("hold_out", self.hold_out)

    @property
    def cycle(self) -> float:
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    def label(self) -> str:
        numbers = "-".join(
            _n(v) for v in (self.inhale, self.hold_in, self.exhale, self.hold_out) if v
        )
        return f"{self.name} {numbers}" if self.name else numbers

    def shown_label(self) -> str:
        """:meth:`label` as the user reads it: a named pattern's name in the user's language
        ("ruhig 4-6"); :meth:`label` stays as the file writes it (``plan --json``)."""
        numbers = self.label().removeprefix(f"{self.name} ") if self.name else self.label()
        if not self.name:
            return numbers
        return _("{pattern} {counts}").format(pattern=pattern_name(self.name), counts=numbers)

    def phases(self) -> list[tuple[PhaseName, float]]:
        """The non-empty phases of one breath, in order, with their lengths."""
        order: list[tuple[PhaseName, float]] = [
            ("inhale", self.inhale),
            ("hold_in", self.hold_in),
            ("exhale", self.exhale),
            ("hold_out", self.hold_out),
        ]
        return [(name, length) for name, length in order if length > 0]

    def phase_at(self, t: float) -> Phase:
        """The phase *t* seconds into paced breathing (t ≥ 0)."""
        into = max(0.0, t) % self.cycle
        start = max(0.0, t) - into
        for name, length in self.phases():
            if into < length:
                return Phase(name, into / length, length - into, start)
            into -= length
            start += length
        name, length = self.phases()[-1]  # floating-point edge: end of the last phase
        return Phase(name, 1.0, 0.0, start - length)

    def most_starts(self, until: float) -> int:
        """At most how many phase starts :meth:`phase_starts` gives for *until*, worked out
        without making them (a six-hour hold paced fast would make tens of thousands)."""
        if until <= 0:
            return 0
        phases = (self.inhale > 0) + (self.hold_in > 0) + (self.exhale > 0) + (self.hold_out > 0)
        return (math.floor(until / self.cycle) + 1) * phases

    def phase_starts(self, until: float) -> list[tuple[float, PhaseName]]:
        """Every phase start in ``[0, until)``."""
        starts: list[tuple[float, PhaseName]] = []
        t = 0.0
        while t < until - 1e-9:
            for name, length in self.phases():
                if t >= until - 1e-9:
                    break
                starts.append((t, name))
                t += length
        return starts


@dataclass(frozen=True)
class Phase:
    """Where a breath is: the phase, how far through it (0..1), seconds left, and when it began."""

    name: PhaseName
    progress: float
    remaining: float
    started: float

    @property
    def word(self) -> str:
        """The phase's word in the user's language ("Inhale", "Hold", "Exhale")."""
        return PHASE_WORDS[self.name]()

    @property
    def size(self) -> float:
        """How full the lungs are, 0..1, eased so a drawn shape moves like a breath."""
        eased = 0.5 - 0.5 * _cos_pi(self.progress)
        if self.name == "inhale":
            return eased
        if self.name == "exhale":
            return 1.0 - eased
        return 1.0 if self.name == "hold_in" else 0.0


def _cos_pi(x: float) -> float:
    return math.cos(math.pi * x)


def _n(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def pattern_name(name: str) -> str:
    """A named breathing pattern's name in the user's language (a name the app does not
    know is shown as written)."""
    words = {
        "calm": pgettext("breathing pattern", "calm"),
        "box": pgettext("breathing pattern", "box"),
        "coherent": pgettext("breathing pattern", "coherent"),
    }
    return words.get(name, name)


NAMED_PATTERNS: dict[str, Pattern] = {
    "calm": Pattern(4, 0, 6, 0, "calm"),
    "box": Pattern(4, 4, 4, 4, "box"),
    "4-7-8": Pattern(4, 7, 8, 0, "4-7-8"),
    "coherent": Pattern(5.5, 0, 5.5, 0, "coherent"),
}

#: Two to four numbers joined by dashes (``4-6``, ``4-7-8``, ``4-4-4-4``).
DASHES_TEXT = r"^\s*\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?){1,3}\s*$"
_DASHES = re.compile(DASHES_TEXT)


def parse_pattern_text(text: str) -> Pattern:
    """A named pattern (``calm``), or numbers joined by dashes.

    Two numbers are inhale-exhale (``4-6``), three are inhale-hold-exhale (``4-7-8``), four
    are inhale-hold-exhale-hold (``4-4-4-4``).
    """
    key = text.strip().lower()
    if key in NAMED_PATTERNS:
        return NAMED_PATTERNS[key]
    if not _DASHES.match(key):
        names = ", ".join(f"'{n}'" for n in NAMED_PATTERNS)
        raise ValueError(
            _(
                "expected 'none', one of {names}, numbers like '4-6' or '4-4-4-4', "
                "or a mapping with inhale/exhale, found {text}"
            ).format(names=names, text=repr(text))
        )
    numbers = [float(part) for part in key.split("-")]
    if len(numbers) == 2:
        return Pattern(numbers[0], 0, numbers[1], 0)
    if len(numbers) == 3:
        return Pattern(numbers[0], numbers[1], numbers[2], 0)
    return Pattern(numbers[0], numbers[1], numbers[2], numbers[3])
