"""The body map's places: which rating areas each shows, the scores as they stood on a day,
and the routines that work a place (bundled ones, read for real)."""

from __future__ import annotations

from datetime import datetime, timedelta

from psoas_timer.core.catalog import load_catalog
from psoas_timer.history import Area, HistoryStore
from psoas_timer.history.body_map import (
    PLACES,
    Place,
    place_scores,
    places_of,
    rated_days,
    routines_for,
    scores_on,
)

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 19, 0, tzinfo=CET)


def _place(key: str) -> Place:
    return next(p for p in PLACES if p.key == key)


def test_each_place_is_on_one_side_and_the_areas_map_to_places() -> None:
    keys = [p.key for p in PLACES]
    assert len(set(keys)) == len(keys)
    assert {p.view for p in PLACES} == {"front", "back"}
    assert [p.key for p in places_of(Area("psoas", "left"))] == ["hip-crease-left"]
    assert [p.key for p in places_of(Area("iliacus", "right"))] == ["belly-right"]
    # An area without a side shows on both.
    assert {p.side for p in places_of(Area("lower back"))} == {"left", "right"}
    assert places_of(Area("shoulders")) == []
    # Each muscle is rated at one place a side.
    for muscle in {m for p in PLACES for m in p.main}:
        assert len(places_of(Area(muscle, "left"))) == 1, muscle


def test_a_place_shows_the_highest_of_its_areas() -> None:
    scores = place_scores(
        {Area("psoas", "left"): 3, Area("hip flexors", "left"): 6, Area("lower back"): 2}
    )
    assert scores["hip-crease-left"] == 6
    assert scores["low-back-left"] == scores["low-back-right"] == 2
    assert "hip-crease-right" not in scores


def test_scores_on_a_day_are_the_latest_then(store: HistoryStore, wall: Wall) -> None:
    for day, score in ((0, 7), (3, 4)):
        sid = record(store, wall, MON + timedelta(days=day))
        store.rate(sid, "before", {Area("psoas", "left"): score})
        store.rate(sid, "after", {Area("psoas", "left"): score - 1})
    assert rated_days(store) == [MON.date(), MON.date() + timedelta(days=3)]
    assert scores_on(store, MON.date() + timedelta(days=1)) == {Area("psoas", "left"): 7}
    assert scores_on(store, MON.date() + timedelta(days=3)) == {Area("psoas", "left"): 4}
    sid = record(store, wall, MON + timedelta(days=5))
    store.rate(sid, "after", {Area("psoas", "left"): 2})  # only after: that one counts
    assert scores_on(store, MON.date() + timedelta(days=5)) == {Area("psoas", "left"): 2}
    assert scores_on(store, MON.date() - timedelta(days=1)) == {}


def test_routines_for_a_place_work_its_muscles() -> None:
    from psoas_timer import paths

    catalog = load_catalog(paths.catalog_layout())
    entries = [(e.path.stem, e.routine) for e in catalog.entries if e.routine is not None]
    assert entries
    crease = routines_for([_place("hip-crease-left")], entries)
    assert "deep-psoas-release" in crease
    assert "core-strength" not in crease  # no release or stretch of a hip flexor
    hamstrings = routines_for([_place("thigh-back-right")], entries)
    assert set(hamstrings) != set(crease)
    # The psoas's pain spreads into the low back: its routines are offered there too.
    assert "deep-psoas-release" in routines_for([_place("low-back-left")], entries)
