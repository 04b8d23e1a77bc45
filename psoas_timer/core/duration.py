"""Durations as people write them: ``90``, ``"90s"``, ``"1m30s"``, ``"1:30"``, ``"2 min"``.

Parsing is strict (a clear :class:`ValueError` for anything else) and formatting is the
inverse: :func:`format_duration` writes the shortest natural form, so a saved routine reads
the way a person would have typed it.
"""

from __future__ import annotations

import math
import re

from psoas_timer.i18n import N_, _

__all__ = [
    "DURATION_TEXT",
    "MAX_SECONDS",
    "any_case",
    "format_clock",
    "format_duration",
    "parse_duration",
]

#: Nothing in a routine lasts longer than a day; larger values are typos or hostile input.
MAX_SECONDS = 24 * 60 * 60

#: The words each unit may be written with (in any case).
UNIT_WORDS = {
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "m": ("m", "min", "mins", "minute", "minutes"),
    "s": ("s", "sec", "secs", "second", "seconds"),
}
_NUMBER = r"\d+(?:\.\d+)?"


def any_case(word: str) -> str:
    """A regular expression matching *word* in any case, without flags (JSON Schema's
    ``pattern`` takes none): ``min`` → ``[mM][iI][nN]``."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


def _units(unit: str) -> str:
    return (
        "(?:" + "|".join(any_case(w) for w in sorted(UNIT_WORDS[unit], key=len, reverse=True)) + ")"
    )


_UNIT_TEXT = (
    rf"^\s*(?:({_NUMBER})\s*{_units('h')}\s*)?"
    rf"(?:({_NUMBER})\s*{_units('m')}\s*)?"
    rf"(?:({_NUMBER})\s*{_units('s')}?\s*)?$"
)
_CLOCK_TEXT = r"^\s*(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)\s*$"
_UNIT_RE = re.compile(_UNIT_TEXT)
_CLOCK_RE = re.compile(_CLOCK_TEXT)

#: Every text :func:`parse_duration` may read, as one JSON Schema ``pattern`` (the same
#: expressions as the parser's; a lookahead asks for at least one digit).
DURATION_TEXT = rf"(?=[\s\S]*\d)(?:{_UNIT_TEXT})|(?:{_CLOCK_TEXT})"

EXPECTED = N_("a duration like 90, '90s', '1m30s' or '1:30'")


def parse_duration(value: object) -> float:
    """Return *value* in seconds, or raise :class:`ValueError` saying what was expected."""
    if isinstance(value, bool):
        raise ValueError(
            _("expected {expected}, found {value}").format(expected=_(EXPECTED), value=repr(value))
        )
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        seconds = _TEXTS.get(value, -1.0)
        if seconds < 0:
            seconds = _parse_text(value)
            if len(_TEXTS) >= 1024:
                _TEXTS.clear()
            _TEXTS[value] = seconds
    else:
        raise ValueError(
            _("expected {expected}, found {value}").format(
                expected=_(EXPECTED), value=type(value).__name__
            )
        )
    if math.isnan(seconds) or math.isinf(seconds):
        raise ValueError(
            _("expected {expected}, found {value}").format(expected=_(EXPECTED), value=repr(value))
        )
    if seconds < 0:
        raise ValueError(
            _("a duration cannot be negative, found {value}").format(value=repr(value))
        )
    if seconds > MAX_SECONDS:
        raise ValueError(
            _("a duration must be at most 24 hours, found {value}").format(value=repr(value))
        )
    return seconds


#: Texts already read, and their seconds: a library writes the same few ("30s", "1:30") over
#: and over, and matching the patterns each time was a tenth of checking its steps.
_TEXTS: dict[str, float] = {}


def _parse_text(text: str) -> float:
    clock = _CLOCK_RE.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        if float(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            raise ValueError(
                _("expected {expected}, found {text}").format(expected=_(EXPECTED), text=repr(text))
            )
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    stripped = text.strip()
    if stripped.startswith("-"):
        raise ValueError(_("a duration cannot be negative, found {text}").format(text=repr(text)))
    match = _UNIT_RE.match(text)
    if not stripped or not match or not any(match.groups()):
        raise ValueError(
            _("expected {expected}, found {text}").format(expected=_(EXPECTED), text=repr(text))
        )
    h, m, s = (float(g) if g else 0.0 for g in match.groups())
    return h * 3600 + m * 60 + s


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def format_duration(seconds: float) -> str | int | float:
    """Write *seconds* the way a person would: ``45``, ``"90s"``→``"1m30s"``, ``"2m"``.

    Whole seconds under a minute stay plain numbers; longer spans use units.
    """
    if seconds < 60:
        return int(seconds) if seconds == int(seconds) else float(f"{seconds:g}")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{_number(hours)}h")
    if minutes:
        parts.append(f"{_number(minutes)}m")
    if secs:
        parts.append(f"{_number(round(secs, 3))}s")
    return "".join(parts)


def format_clock(seconds: float) -> str:
    """A countdown display: ``0:09``, ``1:30``, ``1:02:03``. Partial seconds round up."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
