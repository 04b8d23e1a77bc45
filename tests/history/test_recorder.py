"""The recorder: what a user relies on being written, set by set, as the session runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.history import HistoryStore, Recorder, resume_at
from psoas_timer.history.database import connect

from .conftest import CEST, Run, Wall


def committed_sets(store: HistoryStore, session_id: str) -> list[tuple[int, str, int, int]]:
    """What another process would see now: a fresh connection to the same file."""
    conn = connect(store.path)
    try:
        return conn.execute(
            "SELECT step, side, set_no, done FROM steps "
            "WHERE session = (SELECT key FROM sessions WHERE id = ?) "
            "ORDER BY step, side, set_no",
            (session_id,),
        ).fetchall()
    finally:
        conn.close()


def test_a_completed_session_records_every_step_side_and_set(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    run.to_segment("open", "left")
    run.tick(45)
    run.session.release()
    run.to_segment("open", "right")
    run.tick(62)
    run.session.extend(15)
    run.tick(5)
    run.session.release()
    run.finish()
    run.recorder.close()

    detail = store.session(run.recorder.session_id)
    assert detail is not None
    s = detail.summary
    assert s.ending == "completed"
    assert s.routine.name == "Evening release"
    assert s.routine.file == "evening.yaml" and s.routine.content_hash == "hash-1"
    assert s.planned_seconds == pytest.approx(run.session.plan.total)
    assert s.active_seconds == pytest.approx(run.session.record.active_seconds)
    assert s.paused_seconds == pytest.approx(0.0)
    assert s.ended is not None
    assert s.ended - s.started == timedelta(seconds=round(s.active_seconds))
    assert (s.steps_done, s.steps_skipped) == (3, 0)

    rows = [
        (r.step, r.side, r.set, r.planned_seconds, round(r.actual_seconds), r.done)
        for r in detail.steps
    ]
    assert rows == [
        (0, "left", 1, 30.0, 30, True),
        (0, "right", 1, 30.0, 30, True),
        (1, "left", 1, 60.0, 45, True),
        (1, "right", 1, 60.0, 67, True),
        (2, None, 1, 12.0, 12, True),
        (2, None, 2, 12.0, 12, True),
    ]
    assert detail.steps[2].library_id == "psoas-ball-release"
    assert detail.steps[2].kind == "release"
    left, right = detail.releases
    assert (left.side, round(left.seconds), left.ending) == ("left", 45, "released")
    assert (right.side, round(right.seconds), right.ending) == ("right", 67, "extended")
    assert (left.min_seconds, left.target_seconds, left.max_seconds) == (30, 60, 90)
    assert left.point.key == "psoas-ball-release"


def test_an_open_hold_left_to_run_ends_at_its_maximum(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    run.finish()
    run.recorder.close()
    detail = store.session(run.recorder.session_id)
    assert detail is not None
    assert [(r.side, round(r.seconds), r.ending) for r in detail.releases] == [
        ("left", 90, "max"),
        ("right", 90, "max"),
    ]


def test_skipping_marks_the_set_skipped_and_a_set_of_reps_skips_as_one(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    run.to_segment("hold", "right")
    run.tick(3)
    run.session.next()  # the right side of the stretch, 3 s in
    run.to_segment("open", "left")
    run.tick(10)
    run.session.next()  # skip the left release
    run.to_segment("rep")
    run.tick(1)
    run.session.next()  # the whole first set of bridges
    run.finish()
    run.recorder.close()
    detail = store.session(run.recorder.session_id)
    assert detail is not None
    done = {(r.step, r.side, r.set): r.done for r in detail.steps}
    assert done == {
        (0, "left", 1): True,
        (0, "right", 1): False,
        (1, "left", 1): False,
        (1, "right", 1): True,
        (2, None, 1): False,
        (2, None, 2): True,
    }
    assert detail.releases[0].ending == "skipped"
    # A step counts as done only when all its sets and sides were; partly done when some.
    s = detail.summary
    assert (s.steps_done, s.steps_partly, s.steps_skipped) == (0, 3, 0)
    assert detail.summary.ending == "completed"


def test_pauses_count_as_paused_not_active(start: Callable[..., Run], store: HistoryStore) -> None:
    run = start()
    run.tick(20)
    run.pause(300)
    run.finish()
    run.recorder.close()
    s = store.sessions()[0]
    assert s.paused_seconds == pytest.approx(300)
    assert s.active_seconds == pytest.approx(run.session.record.active_seconds)
    assert s.ended is not None
    assert (s.ended - s.started).total_seconds() == pytest.approx(s.active_seconds + 300, abs=1)


def test_each_set_is_committed_as_it_ends_not_when_the_session_ends(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    sid = run.recorder.session_id
    run.to_segment("switch")  # the left side of the stretch just ended
    run.recorder.flush()
    assert committed_sets(store, sid) == [(0, "left", 1, 1)]
    run.to_segment("rest")
    run.recorder.flush()
    assert committed_sets(store, sid) == [(0, "left", 1, 1), (0, "right", 1, 1)]
    assert store.sessions()[0].ending is None  # still running


def test_stopping_records_the_running_set_as_not_done(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    run.to_segment("open", "left")
    run.tick(20)
    run.session.stop()
    run.recorder.close()
    detail = store.session(run.recorder.session_id)
    assert detail is not None
    assert detail.summary.ending == "stopped"
    last = detail.steps[-1]
    assert (last.step, last.side, last.done, round(last.actual_seconds)) == (1, "left", False, 20)
    assert detail.releases[0].ending == "stopped"
    assert detail.summary.active_seconds == pytest.approx(run.session.record.active_seconds)


def test_going_back_redoes_a_set_and_adds_its_time(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    run.to_segment("switch")
    run.session.previous()  # just into the switch: back to the left side
    assert run.session.segment.side == "left" and run.session.segment.kind == "hold"
    run.finish()
    run.recorder.close()
    detail = store.session(run.recorder.session_id)
    assert detail is not None
    left = detail.steps[0]
    assert (left.side, left.done) == ("left", True)
    assert left.actual_seconds == pytest.approx(60, abs=0.6)


def test_recording_on_the_callers_thread_writes_the_same(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start(background=False)
    run.finish()
    detail = store.session(run.recorder.session_id)
    assert detail is not None and detail.summary.ending == "completed"
    assert len(detail.steps) == 6


@pytest.mark.parametrize(
    ("label", "jump"),
    [
        ("daylight saving starts", lambda w: setattr(w, "now", w.now.astimezone(CEST))),
        (
            "a flight west",
            lambda w: setattr(w, "now", w.now.astimezone(timezone(timedelta(hours=-5)))),
        ),
        ("the clock corrected back", lambda w: w.advance(-3 * 3600)),
        ("the clock corrected forward", lambda w: w.advance(26 * 3600)),
    ],
)
def test_a_wall_clock_change_mid_session_never_makes_it_negative(
    start: Callable[..., Run],
    store: HistoryStore,
    wall: Wall,
    label: str,
    jump: Callable[[Wall], None],
) -> None:
    run = start()
    run.tick(40)
    jump(wall)
    run.finish()
    run.recorder.close()
    (s,) = store.sessions()
    assert s.ended is not None
    assert s.ended >= s.started, label
    assert (s.ended - s.started).total_seconds() == pytest.approx(
        s.active_seconds + s.paused_seconds, abs=1
    )
    assert s.local_date == s.started.date()  # the day it began, where it began
    assert len(store.session_days()) == 1


def test_an_interrupted_session_is_offered_and_carries_on_from_the_running_set(
    start: Callable[..., Run], store: HistoryStore, wall: Wall
) -> None:
    run = start()
    run.to_segment("open", "right")
    run.tick(20)
    run.recorder.flush()
    # The app dies here: no stop, no close. The next start finds the session unfinished.
    (found,) = store.unfinished()
    assert found.session.id == run.recorder.session_id
    assert found.session.ending is None
    assert (found.step, found.step_name) == (1, "Psoas release")
    plan = run.session.plan
    at = resume_at(plan, found)
    assert at is not None
    # It carries on from the start of the set that was running: the right-side release.
    assert (plan.segments[at].kind, plan.segments[at].side) in {
        ("switch", "right"),
        ("open", "right"),
    }

    clock = FakeClock(5000.0)
    session = Session(plan, clock)
    recorder = Recorder.resume(store, session, found)
    session.start(at_segment=at)
    resumed = Run(session, recorder, clock, wall)
    resumed.finish()
    recorder.close()
    assert store.unfinished() == []
    detail = store.session(found.session.id)
    assert detail is not None
    assert detail.summary.ending == "completed"
    assert len(detail.steps) == 6 and all(step.done for step in detail.steps)
    assert detail.summary.active_seconds > found.session.active_seconds
    assert store.count() == 1


def test_an_interrupted_session_can_be_kept_as_it_was(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    run = start()
    run.to_segment("rest")
    run.recorder.flush()
    (found,) = store.unfinished()
    store.record_as_interrupted(found.session.id)
    assert store.unfinished() == []
    (s,) = store.sessions()
    assert s.ending == "interrupted"
    assert s.ended is not None and s.ended >= s.started
    assert s.ended == found.last_activity


def test_ratings_and_a_note_can_be_given_while_recording(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    from psoas_timer.history import Area

    left = Area("psoas", "left")
    run = start()  # the session's row is still queued for the writer
    run.recorder.rate("before", {left: 6, Area("low back"): 2})
    run.finish()
    run.recorder.rate("after", {left: 3})
    run.recorder.note("Easier than last week")
    with pytest.raises(ValueError, match="0 to 10"):
        run.recorder.rate("after", {left: 12})
    run.recorder.close()
    detail = store.session(run.recorder.session_id)
    assert detail is not None
    assert detail.ratings_at("before") == {left: 6, Area("low back"): 2}
    assert detail.ratings_at("after") == {left: 3}
    assert detail.summary.note == "Easier than last week"


def test_an_edited_routine_is_not_carried_on(
    start: Callable[..., Run], store: HistoryStore
) -> None:
    from psoas_timer.history import RoutineSource

    run = start()
    run.to_segment("rest")
    run.recorder.flush()
    (found,) = store.unfinished()
    plan = run.session.plan
    same = RoutineSource("Evening release", "evening.yaml", "hash-1")
    edited = RoutineSource("Evening release", "evening.yaml", "hash-2")
    assert resume_at(plan, found, same) == found.resume_segment
    assert resume_at(plan, found, edited) is None


def test_what_is_queued_is_committed_when_the_program_exits(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    db = tmp_path / "history.sqlite3"
    code = f"""
from pathlib import Path
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.history import HistoryStore, Recorder, RoutineSource
from tests.history.conftest import plan_of
store = HistoryStore.open(Path({str(db)!r}))
clock = FakeClock()
session = Session(plan_of(), clock)
Recorder.begin(store, session, RoutineSource("Evening release"))
session.start()
for _ in range(2000):
    clock.advance(0.5)
    session.poll()
# no close(): the program just ends
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    with HistoryStore.open(db) as store:
        (s,) = store.sessions()
        assert s.ending == "completed"
        detail = store.session(s.id)
        assert detail is not None and len(detail.steps) == 6


def test_each_set_is_committed_once_even_with_rests_between_its_reps(
    store: HistoryStore, wall: Wall
) -> None:
    from psoas_timer.history import RoutineSource

    from .conftest import plan_of

    plan = plan_of("""\
        name: Reps
        defaults: {prepare: 0, rest: 5}
        steps:
          - {name: Squats, reps: 3, tempo: 2, rest_between_reps: 1, sets: 2, rest_between_sets: 4}
        """)
    clock = FakeClock()
    session = Session(plan, clock)
    commits: list[tuple[int, str, int]] = []
    recorder = Recorder.begin(
        store,
        session,
        RoutineSource("Reps"),
        background=False,
        on_commit=lambda _, keys: commits.extend(keys),
    )
    session.start()
    Run(session, recorder, clock, wall).finish()
    assert commits == [(0, "", 1), (0, "", 2)]
    detail = store.session(recorder.session_id)
    assert detail is not None
    assert [(s.set, s.planned_seconds, round(s.actual_seconds), s.done) for s in detail.steps] == [
        (1, 6.0, 6, True),
        (2, 6.0, 6, True),
    ]
