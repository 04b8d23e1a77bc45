"""The areas a routine works on, to rate before and after: from its steps' muscles and sides."""

from __future__ import annotations

from collections.abc import Iterable

from psoas_timer.core.model import Choice, Kind, RepeatGroup, Routine, Step

from .records import Area, Side

__all__ = ["MAX_AREAS", "RATED_KINDS", "routine_areas", "wants_rating"]

#: The kinds of work a rating is asked for: release and stretch steps.
RATED_KINDS = frozenset({Kind.RELEASE, Kind.STRETCH})
#: At most this many areas on the one-screen prompt (a muscle's two sides are never split).
MAX_AREAS = 8


def _steps(items: Iterable[Step | RepeatGroup | Choice]) -> Iterable[Step]:
    for item in items:
        if isinstance(item, RepeatGroup):
            yield from _steps(item.steps)
        elif isinstance(item, Choice):
            yield from item.choose
        else:
            yield item


def wants_rating(routine: Routine) -> bool:
    """Whether *routine* has release or stretch work (a rating is asked for those only)."""
    return any(step.kind in RATED_KINDS for step in _steps(routine.steps))


def routine_areas(routine: Routine) -> list[Area]:
    """The areas to rate for *routine*, in the order its steps first name them.

    The areas are the ``muscles`` of its release steps, or, in a routine without release
    work, of its stretch steps (lower-cased, spaces tidied, each once). A step with ``sides:
    both`` makes a muscle a left and a right area, ``left`` or ``right`` that side only,
    ``none`` an area without a side; a muscle worked both with and without sides is rated by
    side. At most :data:`MAX_AREAS`, the first named first.
    """
    steps = list(_steps(routine.steps))
    kinds = {step.kind for step in steps}
    wanted = Kind.RELEASE if Kind.RELEASE in kinds else Kind.STRETCH
    sides: dict[str, list[Side | None]] = {}
    for step in steps:
        if step.kind is not wanted:
            continue
        these: list[Side | None]
        if step.sides == "both":
            these = ["left", "right"]
        elif step.sides in ("left", "right"):
            these = ["left" if step.sides == "left" else "right"]
        else:
            these = [None]
        for muscle in step.muscles:
            name = " ".join(muscle.split()).lower()
            if not name:
                continue
            known = sides.setdefault(name, [])
            for side in these:
                if side not in known:
                    known.append(side)
    areas: list[Area] = []
    for name, found in sides.items():
        sided = [s for s in ("left", "right") if s in found]
        group = (
            [Area(name, "left" if s == "left" else "right") for s in sided]
            if sided
            else [Area(name)]
        )
        if len(areas) + len(group) > MAX_AREAS:
            break
        areas.extend(group)
    return areas
