"""Amounts as the articles give them: ranges ("20–30 s", "3–4 sets") with the value to use,
and values that differ by side (``{left: 30s, right: 45s}``).

Each is a number (``float`` for seconds, ``int`` for counts) that also remembers how it was
written, so the plan, the size limits and every sum use it as they use any number:

- a range is the value to use (its lower end unless ``use`` picks another);
- a value per side, read without a side, is the larger of the two (an upper bound, which is
  what the size limits and checks that do not know about sides need); the plan asks for each
  side's own value (:meth:`SideSeconds.on`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, TypeGuard

from psoas_timer.i18n import _

from .duration import format_duration, parse_duration

__all__ = [
    "RANGE_KEYS",
    "RANGE_TEXT",
    "SIDE_KEYS",
    "Ranged",
    "RangedCount",
    "SideCount",
    "SideName",
    "SideSeconds",
    "parse_count",
    "parse_seconds",
    "range_text",
    "written_per_side",
]

SideName = Literal["left", "right"]
#: The keys of a value written for each side: ``{left: 30s, right: 45s}``.
SIDE_KEYS = ("left", "right")
#: The keys of a range written with the value to use: ``{range: 20-30s, use: 25s}``.
RANGE_KEYS = ("range", "use")


def written_per_side(value: object) -> TypeGuard[Mapping[str, Any]]:
    """Whether *value*, as written in a file, is a value for each side (a mapping with
    ``left`` or ``right``; :func:`side_values` says what is wrong with one)."""
    return isinstance(value, Mapping) and any(key in value for key in SIDE_KEYS)


#: Two amounts joined by a dash or an en dash: ``20-30s``, ``20–30 s``, ``1-2m``, ``3-4``.
RANGE_TEXT = r"^\s*[0-9][0-9.:]*\s*[a-zA-Z]*\s*[-\u2013]\s*[0-9][0-9.:]*\s*[a-zA-Z]*\s*$"
_RANGE_RE = re.compile(
    r"^\s*(?P<low>[0-9][0-9.:]*)\s*(?P<low_unit>[a-zA-Z]*)\s*[-\u2013]\s*"
    r"(?P<high>[0-9][0-9.:]*)\s*(?P<high_unit>[a-zA-Z]*)\s*$"
)


class Ranged(float):
    """Seconds written as a range: the value is the one to use; *low* and *high* the span."""

    low: float
    high: float

    def __new__(cls, use: float, low: float, high: float) -> Ranged:
        value = super().__new__(cls, use)
        value.low, value.high = low, high
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (Ranged, (float(self), self.low, self.high))

    def __str__(self) -> str:
        return float.__repr__(self)

    def __repr__(self) -> str:
        return f"Ranged({float(self)!r}, {self.low!r}, {self.high!r})"


class RangedCount(int):
    """A count written as a range (``3-4`` sets): the value is the one to use."""

    low: int
    high: int

    def __new__(cls, use: int, low: int, high: int) -> RangedCount:
        value = super().__new__(cls, use)
        value.low, value.high = low, high
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (RangedCount, (int(self), self.low, self.high))

    def __str__(self) -> str:
        return int.__repr__(self)

    def __repr__(self) -> str:
        return f"RangedCount({int(self)!r}, {self.low!r}, {self.high!r})"


def _split_range(text: str) -> tuple[str, str] | None:
    match = _RANGE_RE.match(text)
    if match is None:
        return None
    low, high = match["low"], match["high"]
    unit = match["high_unit"]
    return low + (match["low_unit"] or unit), high + unit


def _range_of(value: object, one: Any, what: str) -> tuple[Any, Any, Any] | None:
    """(low, high, use) when *value* is written as a range, else ``None``."""
    use: object = None
    if isinstance(value, dict):
        if "range" not in value:
            return None
        unknown = [k for k in value if k not in RANGE_KEYS]
        if unknown:
            raise ValueError(
                _("a range has 'range' and 'use', found '{value}'").format(value=unknown[0])
            )
        use, value = value.get("use"), value["range"]
        if not isinstance(value, str) or _split_range(value) is None:
            raise ValueError(
                _("'range' is written like {what}, found {value}").format(
                    what=what, value=repr(value)
                )
            )
    if not isinstance(value, str):
        return None
    parts = _split_range(value)
    if parts is None:
        return None
    low, high = (one(part) for part in parts)
    if low >= high:
        raise ValueError(
            _("a range goes from the smaller to the larger, found {value}").format(
                value=repr(value)
            )
        )
    chosen = low if use is None else one(use)
    if not low <= chosen <= high:
        raise ValueError(
            _("'use' must be within the range {value}, found {use}").format(
                value=repr(value), use=repr(use)
            )
        )
    return low, high, chosen


def parse_seconds(value: object) -> float:
    """A duration, or a range of durations (:class:`Ranged`)."""
    if isinstance(value, Ranged):
        return value
    found = _range_of(value, parse_duration, "'20-30s'")
    if found is None:
        if isinstance(value, dict):
            raise ValueError(_("expected a duration or a range like {range: 20-30s, use: 25s}"))
        return parse_duration(value)
    low, high, use = found
    return Ranged(use, low, high)


def parse_count(value: object, least: int, most: int, what: str) -> int:
    """A whole number from *least* to *most*, or a range of them (:class:`RangedCount`)."""
    if isinstance(value, RangedCount):
        return value

    def one(item: object) -> int:
        if isinstance(item, bool):
            raise ValueError(
                _("expected a whole number of {what}, found {item}").format(
                    what=what, item=repr(item)
                )
            )
        if isinstance(item, str) and item.strip().isdigit():
            item = int(item.strip())
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        if not isinstance(item, int):
            raise ValueError(
                _("expected a whole number of {what}, found {item}").format(
                    what=what, item=repr(item)
                )
            )
        if not least <= item <= most:
            raise ValueError(
                _("{what} must be from {least} to {most}, found {item}").format(
                    what=what, least=least, most=most, item=item
                )
            )
        return item

    found = _range_of(value, one, "'3-4'")
    if found is None:
        if isinstance(value, dict):
            raise ValueError(_("expected a number or a range like {range: 3-4, use: 4}"))
        return one(value)
    low, high, use = found
    return RangedCount(use, low, high)


def _seconds_text(seconds: float) -> str:
    text = format_duration(seconds)
    return f"{text}s" if isinstance(text, (int, float)) else text


def range_text(value: float) -> str | None:
    """How a range is written back (``20-30s``, ``{range: 20-30s, use: 25s}`` as a mapping is
    left to :func:`dump_amount`); ``None`` for a plain number."""
    if isinstance(value, RangedCount):
        return f"{value.low}-{value.high}"
    if isinstance(value, Ranged):
        low, high = format_duration(value.low), format_duration(value.high)
        if isinstance(low, (int, float)) and isinstance(high, (int, float)):
            return f"{low:g}-{high:g}s"
        return f"{_seconds_text(value.low)}-{_seconds_text(value.high)}"
    return None


def dump_amount(value: float) -> object:
    """A number, range or value per side as it is written in a file."""
    if isinstance(value, (SideSeconds, SideCount)):
        return {"left": dump_amount(value.left), "right": dump_amount(value.right)}
    span = range_text(value)
    if span is not None:
        low = value.low if isinstance(value, (Ranged, RangedCount)) else value
        if value == low:
            return span
        use = int(value) if isinstance(value, int) else format_duration(value)
        return {"range": span, "use": use}
    if isinstance(value, int):
        return int(value)
    return format_duration(value)


class SideSeconds(float):
    """Seconds that differ by side; as a number, the larger of the two."""

    left: float
    right: float

    def __new__(cls, left: float, right: float) -> SideSeconds:
        value = super().__new__(cls, max(left, right))
        value.left, value.right = left, right
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (SideSeconds, (self.left, self.right))

    def __str__(self) -> str:
        return float.__repr__(self)

    def __repr__(self) -> str:
        return f"SideSeconds({self.left!r}, {self.right!r})"

    def on(self, side: SideName) -> float:
        return self.left if side == "left" else self.right


class SideCount(int):
    """A count that differs by side; as a number, the larger of the two."""

    left: int
    right: int

    def __new__(cls, left: int, right: int) -> SideCount:
        value = super().__new__(cls, max(left, right))
        value.left, value.right = left, right
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (SideCount, (self.left, self.right))

    def __str__(self) -> str:
        return int.__repr__(self)

    def __repr__(self) -> str:
        return f"SideCount({self.left!r}, {self.right!r})"

    def on(self, side: SideName) -> int:
        return self.left if side == "left" else self.right


def side_values(value: object) -> tuple[object, object] | None:
    """The (left, right) of a mapping written per side, or ``None`` for anything else."""
    if not written_per_side(value):
        return None
    unknown = [k for k in value if k not in SIDE_KEYS]
    if unknown:
        raise ValueError(
            _("a value per side has 'left' and 'right', found '{value}'").format(value=unknown[0])
        )
    missing = [k for k in SIDE_KEYS if k not in value]
    if missing:
        raise ValueError(
            _("a value per side needs both 'left' and 'right'; '{value}' is missing").format(
                value=missing[0]
            )
        )
    return value["left"], value["right"]


def _side_error(side: str, exc: ValueError) -> ValueError:
    return ValueError(f"{side}: {exc}")


def parse_side_seconds(value: object) -> float:
    """Seconds, a range of them, or either per side (:class:`SideSeconds`)."""
    if isinstance(value, SideSeconds):
        return value
    sides = side_values(value)
    if sides is None:
        return parse_seconds(value)
    parsed: list[float] = []
    for name, item in zip(SIDE_KEYS, sides, strict=True):
        try:
            parsed.append(parse_seconds(item))
        except ValueError as exc:
            raise _side_error(name, exc) from None
    return SideSeconds(*parsed)


def parse_side_count(value: object, least: int, most: int, what: str) -> int:
    """A count, a range of them, or either per side (:class:`SideCount`)."""
    if isinstance(value, SideCount):
        return value
    sides = side_values(value)
    if sides is None:
        return parse_count(value, least, most, what)
    parsed: list[int] = []
    for name, item in zip(SIDE_KEYS, sides, strict=True):
        try:
            parsed.append(parse_count(item, least, most, what))
        except ValueError as exc:
            raise _side_error(name, exc) from None
    return SideCount(*parsed)
