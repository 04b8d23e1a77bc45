"""The areas a routine asks to rate: from its steps' muscles and sides."""

from __future__ import annotations

from psoas_timer.history import Area, routine_areas, wants_rating
from psoas_timer.history.areas import MAX_AREAS

from .conftest import routine_of


def test_release_work_names_the_areas_by_side() -> None:
    routine = routine_of("""\
        name: r
        steps:
          - {name: Stretch, kind: stretch, hold: 30, sides: both, muscles: [hip flexors]}
          - {name: Ball, kind: release, hold: 90, sides: both, muscles: [Psoas, " low  back "]}
          - {name: Iliacus, kind: release, hold: 90, sides: left, muscles: [iliacus, psoas]}
        """)
    assert wants_rating(routine)
    assert routine_areas(routine) == [
        Area("psoas", "left"),
        Area("psoas", "right"),
        Area("low back", "left"),
        Area("low back", "right"),
        Area("iliacus", "left"),
    ]


def test_without_release_work_the_stretches_name_them() -> None:
    routine = routine_of("""\
        name: r
        steps:
          - {name: Bridge, kind: exercise, hold: 30, muscles: [glutes]}
          - {name: Lunge, kind: stretch, hold: 30, sides: both, muscles: [hip flexors]}
          - {name: Child, kind: stretch, hold: 30, muscles: [low back, hip flexors]}
        """)
    assert routine_areas(routine) == [
        Area("hip flexors", "left"),
        Area("hip flexors", "right"),
        Area("low back"),
    ]


def test_a_routine_without_release_or_stretch_work_is_not_rated() -> None:
    routine = routine_of("""\
        name: r
        steps:
          - {name: Bridge, kind: exercise, hold: 30, muscles: [glutes]}
        """)
    assert not wants_rating(routine)
    assert routine_areas(routine) == []


def test_a_long_list_is_cut_without_splitting_a_muscles_sides() -> None:
    muscles = ", ".join(f"m{n}" for n in range(20))
    routine = routine_of(f"""\
        name: r
        steps:
          - {{name: A, kind: stretch, hold: 30, muscles: [solo]}}
          - {{name: B, kind: stretch, hold: 30, sides: both, muscles: [{muscles}]}}
        """)
    areas = routine_areas(routine)
    assert len(areas) == MAX_AREAS - 1
    assert areas[0] == Area("solo")
    assert areas[-2:] == [Area("m2", "left"), Area("m2", "right")]
