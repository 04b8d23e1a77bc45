"""The completion figures (issue 13 item 11): a step is done only when all of it was done,
each open hold with how it ended, and "well done" only when most of the routine was done."""

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.core.summary import summarize

from .helpers import plan_of
from .test_engine import run_for

ROUTINE = """\
name: r
defaults: {prepare: 0, rest: 5, countdown: 0, switch_sides: 0}
steps:
  - name: Release
    kind: release
    sides: both
    open: {min: 0, target: 30, max: 60}
  - {name: Bridge, reps: 4, tempo: 5, sets: 2, rest_between_sets: 5}
  - {name: Stretch, hold: 20}
"""


def test_a_step_with_a_skipped_set_is_partly_done_not_done() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    session.start()
    run_for(session, clock, 10)
    session.release()  # left: released at 10 s
    run_for(session, clock, 61)  # right: runs to its maximum; then the rest
    assert session.segment.kind == "rest"
    run_for(session, clock, 5)
    assert session.segment.kind == "rep" and session.segment.set == 1
    run_for(session, clock, 20 + 5)  # the first set of reps, and the rest between sets
    assert session.segment.set == 2
    session.next()  # the second set skipped
    while session.active:
        run_for(session, clock, 1)
    summary = summarize(session.plan, session.record)
    assert summary.done == ("Release", "Stretch")
    assert summary.skipped == ()
    assert [(p.name, p.done, p.total, p.unit) for p in summary.partly] == [("Bridge", 4, 8, "reps")]
    assert [(h.side, round(h.held), h.released) for h in summary.holds] == [
        ("left", 10, True),
        ("right", 60, False),
    ]
    # At their planned lengths: both holds (30 s each), one set (20 s), the stretch (20 s),
    # of 30 + 30 + 40 + 20.
    assert abs(summary.share_done - 100 / 120) < 1e-6
    assert summary.well_done and summary.completed


def test_skipping_to_the_end_is_not_well_done() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    session.start()
    while session.active:
        session.next()
    summary = summarize(session.plan, session.record)
    assert summary.completed and not summary.well_done
    assert summary.done == () and summary.skipped == ("Release", "Bridge", "Stretch")


def test_a_step_repeated_after_a_skip_counts_done() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    session.start()
    session.next()  # left hold skipped at once
    session.previous()  # back to it
    run_for(session, clock, 5)
    session.release()
    session.stop()
    summary = summarize(session.plan, session.record)
    assert summary.partly[0].name == "Release" and summary.partly[0].done == 1
    assert not summary.completed and not summary.well_done


def test_skipping_to_the_end_does_not_say_well_done() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    session.start()
    fired = []
    while session.active:
        fired += session.next()
    done = [f.cue for f in fired if f.cue.kind == "done"]
    assert len(done) == 1 and done[0].text == ""  # the chime, not the praise


def test_a_routine_done_hears_well_done() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    fired = session.start()
    while session.active:
        fired += run_for(session, clock, 1)
    assert [f.cue.text for f in fired if f.cue.kind == "done"] == ["Well done"]
