"""Programmes: the bundled ones load and plan; bad ones get file:line:column problems;
progress by calendar week and by completed sessions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import compile_plan
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.practice.programme import (
    LoadedProgramme,
    Progress,
    load_programme,
    load_programme_text,
    programme_files,
)
from psoas_timer.practice.schedule import NoHistory

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = ROOT / "routines"
MONDAY = date(2026, 11, 2)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROUTINES)


def lookup_in(catalog: Catalog):  # type: ignore[no-untyped-def]
    def lookup(name: str) -> tuple[str, Routine] | list[Problem] | None:
        entry = catalog.find(name)
        if entry is None:
            return None
        return (entry.path.stem, entry.routine) if entry.routine else entry.problems

    return lookup


def load(catalog: Catalog, text: str) -> LoadedProgramme:
    names = [e.path.stem for e in catalog.entries]
    return load_programme_text(text, "p.yaml", lookup_in(catalog), names)


def problems(catalog: Catalog, text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(catalog, text)
    return [str(p) for p in info.value.problems]


def test_programmes_are_not_read_as_routines(catalog: Catalog) -> None:
    assert all(e.ok for e in catalog.entries), [e.problems for e in catalog.entries if not e.ok]
    assert not any(e.path.parent.name == "programmes" for e in catalog.entries)


@pytest.mark.parametrize("path", programme_files([ROUTINES]), ids=lambda p: p.stem)
def test_bundled_programmes_load_and_every_week_plans(catalog: Catalog, path: Path) -> None:
    programme = load_programme(path, lookup_in(catalog))
    for week in range(1, programme.programme.weeks + 1):
        for key in programme.routines:
            plan = compile_plan(programme.routine_for(key, week))
            assert plan.total > 0


def test_there_are_two_bundled_programmes() -> None:
    assert {p.stem for p in programme_files([ROUTINES])} >= {
        "core-and-glutes-6-weeks",
        "psoas-release-4-weeks",
    }


def test_core_programme_follows_the_articles(catalog: Catalog) -> None:
    programme = load_programme(
        ROUTINES / "programmes" / "core-and-glutes-6-weeks.yaml", lookup_in(catalog)
    )
    assert programme.programme.weeks == 6
    assert programme.sessions_per_week == 3
    steps = {s.use: s for s in _steps(programme.routine_for("core-and-glutes", 1))}
    assert {"plank", "hip-raise", "abdominal-crunch", "knee-to-chest", "side-lunge"} <= set(steps)
    plank = lambda week: next(  # noqa: E731
        s for s in _steps(programme.routine_for("core-and-glutes", week)) if s.use == "plank"
    )
    assert [(plank(w).sets, plank(w).hold, plank(w).rest_between_sets) for w in (1, 3, 5)] == [
        (3, 30, 10),
        (4, 30, 10),
        (4, 40, 10),
    ]
    hip = steps["hip-raise"]
    assert (hip.sets, hip.reps, hip.hold) == (3, 10, 10)  # 10 s holds, 3 sets of 10
    crunch = steps["abdominal-crunch"]
    assert (crunch.sets, crunch.reps) == (3, 15)
    assert programme.summary("core-and-glutes", 3) == "Plank 4 × 30 s"
    assert programme.since_last_week("core-and-glutes", 3) == ["Plank: 3 × 30 s → 4 × 30 s"]
    assert programme.since_last_week("core-and-glutes", 4) == []


def test_release_programme_holds_at_least_ninety_seconds(catalog: Catalog) -> None:
    programme = load_programme(
        ROUTINES / "programmes" / "psoas-release-4-weeks.yaml", lookup_in(catalog)
    )
    assert programme.sessions_per_week == 7
    for week in range(1, 5):
        releases = [
            s
            for s in _steps(programme.routine_for("psoas-release-stretch", week))
            if s.kind.value == "release"
        ]
        assert releases
        for step in releases:
            assert (step.hold or 0) >= 90 or (step.open is not None and step.open.min >= 90)


def _steps(routine: Routine):  # type: ignore[no-untyped-def]
    from psoas_timer.practice.programme import _steps as walk

    return list(walk(routine))


GOOD = """\
name: Test
weeks: 4
days: {mon: core-and-glutes, thu: core-and-glutes}
changes:
  - week: 1
    steps:
      plank: {sets: 2}
  - week: 3
    steps:
      plank: {sets: 4, hold: 45s}
"""


def test_calendar_progress(catalog: Catalog) -> None:
    programme = load(catalog, GOOD)
    progress = Progress(programme, MONDAY, NoHistory())
    assert progress.today(MONDAY).label() == "Core and glutes, week 1 (Plank 2 × 30 s)"
    assert progress.today(MONDAY + timedelta(days=1)).label() == "Rest day (week 1 of 4)"
    week3 = progress.today(MONDAY + timedelta(days=14))
    assert week3.label() == "Core and glutes, week 3 (Plank 4 × 45 s)"
    assert week3.since_last_week == ["Plank: 2 × 30 s → 4 × 45 s"]
    late = progress.today(MONDAY + timedelta(days=35))
    assert late.finished
    assert late.week == 4
    assert "all 4 weeks done" in late.label()


def test_session_progress_counts_completed_sessions(catalog: Catalog) -> None:
    programme = load(catalog, GOOD.replace("weeks: 4", "weeks: 4\nprogress: sessions"))

    done = {MONDAY: {"core-and-glutes"}, MONDAY + timedelta(days=10): {"core-and-glutes"}}

    class History:
        def sessions_done_on(self, day: date) -> set[str]:
            return done.get(day, set())

    progress = Progress(programme, MONDAY, History())
    # Two sessions a week: after the first one it is still week 1; after two, week 2,
    # however many calendar weeks that took.
    assert progress.week_on(MONDAY + timedelta(days=3)) == (1, False)
    assert progress.week_on(MONDAY + timedelta(days=30)) == (2, False)


def test_to_json_says_what_today_is(catalog: Catalog) -> None:
    today = Progress(load(catalog, GOOD), MONDAY, NoHistory()).today(MONDAY)
    assert today.to_json() == {
        "programme": "Test",
        "week": 1,
        "weeks": 4,
        "finished": False,
        "rest_day": False,
        "routine": "core-and-glutes",
        "routine_name": "Core and glutes",
        "summary": "Plank 2 × 30 s",
        "since_last_week": [],
    }


def test_a_missing_routine_is_named_at_its_line(catalog: Catalog) -> None:
    text = GOOD.replace("thu: core-and-glutes", "thu: core-and-glute")
    assert problems(catalog, text) == [
        "p.yaml:3:35: days.thu: no routine 'core-and-glute'; did you mean 'core-and-glutes'?"
    ]


def test_weeks_out_of_order_and_past_the_end(catalog: Catalog) -> None:
    text = GOOD.replace("week: 3", "week: 1").replace("weeks: 4", "weeks: 4")
    assert problems(catalog, text) == [
        "p.yaml:8:11: changes[1].week: week 1 comes after week 1; "
        "list the changes in week order, each week once"
    ]
    text = GOOD.replace("week: 3", "week: 9")
    assert problems(catalog, text) == [
        "p.yaml:8:11: changes[1].week: week 9 is past the end (the programme has 4 weeks)"
    ]


def test_a_negative_time_is_refused_at_its_place(catalog: Catalog) -> None:
    text = GOOD.replace("hold: 45s", "hold: -45s")
    (problem,) = problems(catalog, text)
    assert problem.startswith("p.yaml:10:30: changes[1].steps.plank.hold: ")
    assert "cannot be negative" in problem


def test_an_unknown_step_and_an_unknown_key(catalog: Catalog) -> None:
    assert problems(catalog, GOOD.replace("plank: {sets: 2}", "plnk: {sets: 2}")) == [
        "p.yaml:7:7: changes[0].steps: no step 'plnk' in the programme's routines; "
        "did you mean 'plank'?"
    ]
    (problem,) = problems(catalog, GOOD.replace("{sets: 2}", "{setz: 2}"))
    assert problem.startswith("p.yaml:7:15: changes[0].steps.plank: unknown key 'setz'")


def test_a_change_that_breaks_a_step_is_named(catalog: Catalog) -> None:
    text = GOOD.replace("{sets: 4, hold: 45s}", "{reps: 10}")
    assert problems(catalog, text) == [
        "p.yaml:10:14: changes[1].steps.plank: from week 3, 'reps' needs a 'tempo' "
        "(seconds per rep) or a 'hold' per rep (in routine 'core-and-glutes')"
    ]


def test_every_day_a_rest_day_and_a_bad_day_name(catalog: Catalog) -> None:
    assert problems(catalog, "name: x\nweeks: 1\ndays: {daily: rest}\n") == [
        "p.yaml:3:7: days: every day is a rest day"
    ]
    (problem,) = problems(catalog, "name: x\nweeks: 1\ndays: {monday: desk-break}\n")
    assert problem.startswith("p.yaml:3:")
    assert "monday" in problem


def test_not_a_mapping_and_a_newer_version(catalog: Catalog) -> None:
    assert problems(catalog, "- a\n") == [
        "p.yaml:1:1: expected a programme with 'days', found list"
    ]
    assert problems(catalog, "version: 9\n" + GOOD) == [
        "p.yaml:1:10: this programme uses format version 9; update Psoas Timer to open it"
    ]


def test_committed_programme_schema_is_current() -> None:
    import json

    from psoas_timer.practice.programme import programme_schema

    # Regenerate with: psoas-timer schema --programme > routines/schema/programme.schema.json
    committed = (ROUTINES / "schema" / "programme.schema.json").read_text()
    assert committed == json.dumps(programme_schema(), indent=2) + "\n"


def test_a_programme_started_in_year_one_asks_the_history_once(
    catalog: Catalog, tmp_path: Path
) -> None:
    """Hostile case (issue 22, item 18): a programme started in year 1 made ``today`` take
    6 s and stalled the window, one history query per day followed. Now the days followed
    are asked for in one query, and the work is bounded by the programme's own length."""
    from psoas_timer.history import HistoryStore
    from psoas_timer.practice.history_log import HistoryDoneLog

    programme = load(catalog, GOOD.replace("weeks: 4", "weeks: 4\nprogress: sessions"))
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        queries: list[str] = []
        store.connection.set_trace_callback(queries.append)
        progress = Progress(programme, date(1, 1, 1), HistoryDoneLog(store))
        assert progress.week_on(MONDAY) == (1, False)
        assert len([q for q in queries if q.lstrip().upper().startswith("SELECT")]) == 1
