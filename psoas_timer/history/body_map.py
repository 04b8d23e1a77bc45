"""Where it hurts: the places on the body map, the rating areas behind each, the scores as
they stood on a day, and the routines that work a place.

The places sit on front and back outlines drawn to the figure rig's proportions (Winter's
segment lengths, :mod:`psoas_timer.core.figure.anthropometry`), eight units tall: the chin
at 1.04, shoulders at 1.46, waist at 2.96, hip joints at 3.76, knees at 5.72, ankles at 7.69;
x is 0 at the middle line, the shoulders at ±1.04. Each place is an ellipse in those units,
on one side, and lists the muscles (the words routines use in ``muscles``) felt there. A rating area
("left psoas") is rated at the one place of its side where its muscle is felt most (the
hip crease); a place's score is the highest of its areas'. "Routines for this area" also
count the muscles whose pain spreads to a place (the psoas into the low back).

No Qt here: the window draws the outlines and the places (:mod:`psoas_timer.ui.common.
body_map_view`) from these figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from psoas_timer.core.model import Routine
from psoas_timer.i18n import N_, _, pgettext

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
    #: The muscles rated here: each muscle has one such place a side (its score shows
    #: there, and a score typed there is its score).
    main: frozenset[str]
    #: Every muscle felt here, the main ones and those whose pain spreads here (the psoas
    #: into the low back): "routines for this area" work any of them.
    muscles: frozenset[str]
    x: float
    y: float
    rx: float
    ry: float

    @property
    def label(self) -> str:
        """``"left hip crease"``, in the user's language."""
        side = (
            pgettext("body side", "left") if self.side == "left" else pgettext("body side", "right")
        )
        # Translators: a place on the body map: the side ("left") and the place ("hip crease")
        return _("{side} {place}").format(side=side, place=_(self.name))

    def covers(self, area: Area) -> bool:
        """Whether *area* (a muscle on a side, or on none) is rated at this place."""
        return area.name in self.main and area.side in (None, self.side)


def _both(
    key: str,
    name: str,
    view: View,
    main: Iterable[str],
    also: Iterable[str],
    at: tuple[float, float, float, float],
) -> tuple[Place, Place]:
    rated = frozenset(main)
    felt = rated | frozenset(also)
    return (
        Place(f"{key}-left", name, view, "left", rated, felt, *at),
        Place(f"{key}-right", name, view, "right", rated, felt, *at),
    )


_HIP_FLEXORS = ("psoas", "iliopsoas", "hip flexors", "psoas major")


def _y(height: float) -> float:
    """A height above the floor (a fraction of standing height, as in the figure rig's
    :mod:`~psoas_timer.core.figure.anthropometry`: waist 0.63, hip joint 0.53, knee 0.285)
    as the map's y, down from the top of the head."""
    return 8.0 * (1.0 - height)


#: Every place, front first, each on the left then the right.
PLACES: tuple[Place, ...] = (
    *_both("belly", N_("lower belly"), "front",
           ("iliacus", "abdominals", "obliques", "rectus abdominis", "core"), _HIP_FLEXORS,
           (0.32, _y(0.585), 0.24, 0.32)),
    *_both("hip-crease", N_("hip crease"), "front", _HIP_FLEXORS, ("iliacus", "rectus femoris"),
           (0.56, _y(0.515), 0.3, 0.17)),
    *_both("groin", N_("groin"), "front", ("adductors",), (*_HIP_FLEXORS, "iliacus"),
           (0.22, _y(0.475), 0.16, 0.2)),
    *_both("thigh-front", N_("front of thigh"), "front", ("rectus femoris", "quadriceps"),
           ("hip flexors", "iliopsoas", "psoas"), (0.5, _y(0.4), 0.26, 0.62)),
    *_both("low-back", N_("low back"), "back",
           ("lower back", "lower back muscles", "low back", "back extensors", "back", "spine",
            "quadratus lumborum"), ("psoas", "iliopsoas", "iliacus"),
           (0.3, _y(0.59), 0.24, 0.36)),
    *_both("buttock", N_(
        "buttock"
    ), "back", ("gluteus maximus", "gluteals", "glutes", "piriformis"),
           (), (0.42, _y(0.48), 0.34, 0.3)),
    *_both("hip-side", N_("side of hip"), "back",
           ("gluteus medius", "gluteus minimus", "hip abductors", "tensor fasciae latae"), (),
           (0.84, _y(0.515), 0.14, 0.3)),
    *_both("thigh-back", N_("back of thigh"), "back", ("hamstrings",), (),
           (0.5, _y(0.39), 0.26, 0.62)),
)  # fmt: skip


def areas_at(place: Place, areas: Iterable[Area]) -> list[Area]:
    """The rating areas among *areas* rated at *place*."""
    return [area for area in areas if place.covers(area)]


def places_of(area: Area) -> list[Place]:
    """The places where *area* is rated: one a side (none for a muscle the map does not
    know)."""
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
