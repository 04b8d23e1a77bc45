"""What the Progress page, the routine page and the completion screen read."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from psoas_timer.history import Area, HistoryStore, Point, describe_releases

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)


def test_sessions_list_newest_first_and_filter_by_date_and_routine(
    store: HistoryStore, wall: Wall
) -> None:
    first = record(store, wall, MON)
    second = record(store, wall, MON + timedelta(days=1))
    third = record(store, wall, MON + timedelta(days=2), stop_after=20)
    assert [s.id for s in store.sessions()] == [third, second, first]
    assert [s.id for s in store.sessions(since=date(2026, 3, 3))] == [third, second]
    assert [s.id for s in store.sessions(until=date(2026, 3, 3))] == [second, first]
    assert [s.id for s in store.sessions(limit=1, offset=1)] == [second]
    assert store.sessions(routine="Something else") == []
    assert store.count() == 3
    assert store.session("nope") is None


def test_ratings_before_and_after_are_kept_per_area_and_side(
    store: HistoryStore, wall: Wall
) -> None:
    sid = record(store, wall, MON)
    left, right, back = Area("psoas", "left"), Area("psoas", "right"), Area("low back")
    store.rate(sid, "before", {left: 6, right: 4, back: 3})
    store.rate(sid, "after", {left: 3, right: 2})
    store.rate(sid, "after", {left: 2})  # changed their mind: replaces
    store.set_note(sid, "  Tight after a long drive.  ")
    detail = store.session(sid)
    assert detail is not None
    assert detail.ratings_at("before") == {left: 6, right: 4, back: 3}
    assert detail.ratings_at("after") == {left: 2, right: 2}
    assert [r.area for r in detail.ratings if r.moment == "before"] == [left, right, back]
    assert detail.summary.note == "Tight after a long drive."
    assert store.rated_areas() == [back, left, right]


@pytest.mark.parametrize("score", [-1, 11, 2.5, True, "7"])
def test_a_rating_is_a_whole_number_from_0_to_10(
    store: HistoryStore, wall: Wall, score: object
) -> None:
    sid = record(store, wall, MON)
    with pytest.raises(ValueError, match="0 to 10"):
        store.rate(sid, "before", {Area("psoas"): score})  # type: ignore[dict-item]
    assert store.session(sid).ratings == ()  # type: ignore[union-attr]


def test_rating_an_unknown_session_is_refused(store: HistoryStore) -> None:
    with pytest.raises(KeyError):
        store.rate("missing", "after", {Area("psoas"): 3})


def test_pain_and_release_series_follow_a_point_over_time(store: HistoryStore, wall: Wall) -> None:
    left = Area("psoas", "left")
    ids = []
    for day, (before, after, release) in enumerate([(7, 5, 80.0), (6, 3, 60.0), (4, 2, 40.0)]):
        sid = record(store, wall, MON + timedelta(days=day), release_after=(release, 50.0))
        store.rate(sid, "before", {left: before})
        store.rate(sid, "after", {left: after})
        ids.append(sid)
    pain = store.pain_series(left)
    assert [(p.session_id, p.before, p.after) for p in pain] == [
        (ids[0], 7, 5),
        (ids[1], 6, 3),
        (ids[2], 4, 2),
    ]
    points = store.release_points()
    assert points == [
        Point("psoas-ball-release", "Psoas release", "left"),
        Point("psoas-ball-release", "Psoas release", "right"),
    ]
    series = store.release_series(points[0])
    assert [round(s.seconds) for s in series] == [80, 60, 40]
    assert all(s.ending == "released" for s in series)
    assert [s.when.date() for s in series] == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)]
    assert len(store.release_series(points[0], since=date(2026, 3, 4))) == 1


def test_last_done_says_when_and_how_the_points_released(store: HistoryStore, wall: Wall) -> None:
    assert store.last_done("Evening release") is None
    record(store, wall, MON, release_after=(80, 85))
    record(store, wall, MON + timedelta(days=1), release_after=(50, 65))
    last = store.last_done("Evening release")
    assert last is not None
    assert last.session.started == MON + timedelta(days=1)
    assert describe_releases(last.releases) == (
        "Psoas release: left released in 0:50, right in 1:05"
    )


def test_previous_session_is_the_same_routines_one_before(store: HistoryStore, wall: Wall) -> None:
    first = record(store, wall, MON)
    second = record(store, wall, MON + timedelta(days=1))
    assert store.previous_session(first) is None
    previous = store.previous_session(second)
    assert previous is not None and previous.id == first


def test_per_routine_figures(store: HistoryStore, wall: Wall) -> None:
    record(store, wall, MON)
    record(store, wall, MON + timedelta(days=1))
    record(store, wall, MON + timedelta(days=2), stop_after=30)
    (stats,) = store.routine_stats()
    assert (stats.routine, stats.sessions, stats.completed) == ("Evening release", 3, 2)
    assert stats.last_done == MON + timedelta(days=2)
    completed = [s.active_seconds for s in store.sessions() if s.ending == "completed"]
    assert stats.average_seconds == pytest.approx(sum(completed) / 2)


def test_minutes_per_day_add_up_sessions_on_the_same_day(store: HistoryStore, wall: Wall) -> None:
    record(store, wall, MON)
    record(store, wall, MON + timedelta(hours=10))
    record(store, wall, MON + timedelta(days=3))
    days = store.day_minutes(date(2026, 3, 1), date(2026, 3, 31))
    assert [(d.day, d.sessions) for d in days] == [(date(2026, 3, 2), 2), (date(2026, 3, 5), 1)]
    one = store.sessions()[0].active_seconds / 60
    assert days[0].minutes == pytest.approx(2 * one, rel=0.01)


def test_the_weekly_goal_is_kept_and_checked(store: HistoryStore) -> None:
    assert store.weekly_goal() == 5
    store.set_weekly_goal(3)
    assert store.weekly_goal() == 3
    with pytest.raises(ValueError, match="1 to 7"):
        store.set_weekly_goal(0)
    assert store.weekly_goal() == 3


def test_deleting_a_session_deletes_all_recorded_in_it(store: HistoryStore, wall: Wall) -> None:
    keep = record(store, wall, MON)
    drop = record(store, wall, MON + timedelta(days=1))
    store.rate(drop, "after", {Area("psoas", "left"): 2})
    store.rate(keep, "after", {Area("psoas", "left"): 4})
    conn = store.connection
    tables = ("steps", "releases", "ratings")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    assert store.delete_session(drop)
    assert not store.delete_session(drop)
    assert [s.id for s in store.sessions()] == [keep]
    for table, before in counts.items():
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (before // 2,)
    store.set_weekly_goal(4)
    assert store.delete_all() == 1
    assert store.count() == 0
    assert store.weekly_goal() == 4  # settings are not history


def test_progress_gathers_the_page_in_one_call(store: HistoryStore, wall: Wall) -> None:
    for day in range(5):
        record(store, wall, MON + timedelta(days=day))
    progress = store.progress(date(2026, 3, 6))
    assert progress.sessions == 5
    assert len(progress.days) == 5
    assert progress.streak.current == 5 and progress.streak.today_done
    assert [r.routine for r in progress.routines] == ["Evening release"]
    assert len(progress.points) == 2
    assert progress.total_seconds == pytest.approx(sum(s.active_seconds for s in store.sessions()))


def test_rows_are_read_by_name_so_a_new_column_cannot_shift_them(
    store: HistoryStore, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration that adds a column to a query (weekly check-ins, say) must not shift
    every field after it: the store reads each row by column name."""
    from psoas_timer.history import store as store_module

    sid = record(store, wall, MON)
    store.rate(sid, "after", {Area("psoas", "left"): 2})
    before = store.session(sid)
    unfinished_id = record(store, wall, MON + timedelta(days=1), stop_after=20)
    store.connection.execute("UPDATE sessions SET ending = NULL WHERE id = ?", (unfinished_id,))
    waiting = store.unfinished()
    monkeypatch.setattr(
        store_module,
        "_SUMMARY_COLUMNS",
        "'x' AS extra, 7 AS other, " + store_module._SUMMARY_COLUMNS,
    )
    assert store.session(sid) == before
    assert store.unfinished() == waiting
    assert store.last_done(before.summary.routine.name) is not None  # type: ignore[union-attr]


def test_one_writer_writes_ratings_for_the_store_and_the_recorder(
    store: HistoryStore, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_timer.history import recorder as recorder_module
    from psoas_timer.history import store as store_module

    calls: list[str] = []
    real = store_module.rating_statements

    def spy(session_id: str, moment: str, scores: dict[Area, int]) -> list[object]:
        calls.append(moment)
        return real(session_id, moment, scores)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "rating_statements", spy)
    monkeypatch.setattr(recorder_module, "rating_statements", spy)
    sid = record(store, wall, MON)
    store.rate(sid, "before", {Area("psoas"): 4})
    from psoas_timer.core.clock import FakeClock
    from psoas_timer.core.engine import Session
    from psoas_timer.history import Recorder, RoutineSource

    from .conftest import plan_of

    recorder = Recorder.begin(
        store, Session(plan_of(), FakeClock()), RoutineSource("Evening release"), background=False
    )
    recorder.rate("after", {Area("psoas"): 1})
    assert calls == ["before", "after"]
    rated = store.session(recorder.session_id)
    assert rated is not None and rated.ratings_at("after") == {Area("psoas"): 1}
