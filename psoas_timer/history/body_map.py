"""Where it hurts: the places on the body map, the rating areas behind each, the scores as
they stood on a day, and the routines that work a place.

The places sit on front and back outlines drawn with a figure eight heads tall (the head
one unit, shoulders at 1.5, waist at 3, hip joints at 4, knees at 6, feet at 8; x is 0 at
the middle line, the shoulders at ±1). Each place is an ellipse in those units, on one side,
and lists the muscles (the words routines use in ``muscles``) felt there. A rating area
("left psoas") shows on every place of its side that lists its muscle; a place's score is
the highest of its areas'.

No Qt here: the window draws the outlines and the places (:mod:`psoas_timer.ui.common.
body_map_view`) from these figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from psoas_timer.core.model import Routine

from .areas import RATED_KINDS, _steps
from .records import Area, Side
from .store import HistoryStore

__all__ = [
    "PLACES",
    "Place",
    "View",
    "areas_at",
    "place_scores",
    "places_of",
    "rated_days",
    "routines_for",
    "scores_on",
]

View = Literal["front", "back"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Place:
    """A place on the map: *x*, *y* the centre of its ellipse (figure units, *x* from the
    middle line towards its *side*, as the person's side), *rx*, *ry* its half widths."""

    key: str
    name: str
    view: View
    side: Side
    muscles: frozenset[str]
    x: float
    y: float
    rx: float
    ry: float

    @property
    def label(self) -> str:
        """``"left hip crease"``."""
        return f"{self.side} {self.name}"

    def covers(self, area: Area) -> bool:
        """Whether *area* (a muscle on a side, or on none) is felt at this place."""
        return area.name in self.muscles and area.side in (None, self.side)


def _both(
    key: str,
    name: str,
    view: View,
    muscles: Iterable[str],
    x: float,
    y: float,
    rx: float,
    ry: float,
) -> tuple[Place, Place]:
    found = frozenset(muscles)
    return (
        Place(f"{key}-left", name, view, "left", found, x, y, rx, ry),
        Place(f"{key}-right", name, view, "right", found, x, y, rx, ry),
    )


_HIP_FLEXORS = ("psoas", "iliacus", "iliopsoas", "hip flexors", "psoas major")
#: Every place, front first, each on the left then the right.
PLACES: tuple[Place, ...] = (
    *_both("belly", "lower belly", "front",
           (*_HIP_FLEXORS, "abdominals", "obliques", "rectus abdominis", "core"),
           0.32, 3.35, 0.24, 0.32),
    *_both("hip-crease", "hip crease", "front",
           (*_HIP_FLEXORS, "rectus femoris"), 0.58, 3.98, 0.3, 0.17),
    *_both("groin", "groin", "front", (*_HIP_FLEXORS, "adductors"), 0.22, 4.3, 0.16, 0.2),
    *_both("thigh-front", "front of thigh", "front",
           ("rectus femoris", "quadriceps", "hip flexors", "iliopsoas"), 0.52, 5.0, 0.27, 0.62),
    *_both("low-back", "low back", "back",
           ("lower back", "lower back muscles", "low back", "back extensors", "back", "spine",
            "quadratus lumborum", "psoas", "iliopsoas"), 0.3, 3.3, 0.24, 0.36),
    *_both("buttock", "buttock", "back",
           ("gluteus maximus", "gluteals", "glutes", "piriformis"), 0.42, 4.15, 0.34, 0.3),
    *_both("hip-side", "side of hip", "back",
           ("gluteus medius", "gluteus minimus", "hip abductors", "tensor fasciae latae"),
           0.86, 3.92, 0.14, 0.3),
    *_both("thigh-back", "back of thigh", "back", ("hamstrings",), 0.52, 5.05, 0.27, 0.62),
)  # fmt: skip


def areas_at(place: Place, areas: Iterable[Area]) -> list[Area]:
    """The rating areas among *areas* felt at *place*."""
    return [area for area in areas if place.covers(area)]


def places_of(area: Area) -> list[Place]:
    """The places where *area* is felt (none for a muscle the map does not know)."""
    return [place for place in PLACES if place.covers(area)]


def place_scores(scores: Mapping[Area, int]) -> dict[str, int]:
    """Each place's score (by key): the highest of the areas felt there; places without a
    rated area are left out."""
    found: dict[str, int] = {}
    for area, score in scores.items():
        for place in places_of(area):
            found[place.key] = max(score, found.get(place.key, 0))
    return found


def scores_on(store: HistoryStore, day: date) -> dict[Area, int]:
    """Each area's latest rating on or before *day*: before its session (how it was that
    day, before the exercise eased it), or after it when only that was rated."""
    latest: dict[Area, int] = {}
    for name, side, score in store.connection.execute(
        "SELECT r.area, r.side, r.score FROM ratings r JOIN sessions s ON s.key = r.session "
        "WHERE s.local_date <= ? ORDER BY s.started_utc, r.moment = 'before'",
        (day.isoformat(),),
    ):
        latest[Area(name, "left" if side == "left" else "right" if side == "right" else None)] = (
            score
        )
    return latest


def rated_days(store: HistoryStore) -> list[date]:
    """The days with a rating, oldest first (the map's slider steps through them)."""
    return [
        date.fromisoformat(day)
        for (day,) in store.connection.execute(
            "SELECT DISTINCT s.local_date FROM sessions s "
            "WHERE EXISTS (SELECT 1 FROM ratings r WHERE r.session = s.key) "
            "ORDER BY s.local_date"
        )
    ]


def routines_for(places: Sequence[Place], routines: Iterable[tuple[T, Routine]]) -> list[T]:
    """Of *routines* (anything, with its routine), those whose release or stretch steps work
    a muscle felt at one of *places*, in their order."""
    wanted = {muscle for place in places for muscle in place.muscles}
    found: list[T] = []
    for item, routine in routines:
        for step in _steps(routine.steps):
            if step.kind in RATED_KINDS and any(
                " ".join(m.split()).lower() in wanted for m in step.muscles
            ):
                found.append(item)
                break
    return found
