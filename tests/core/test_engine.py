"""The session engine on a fake clock: controls, cues, open holds, sleep, no drift."""

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import FiredCue, Session, State

from .helpers import plan_of

TWO_HOLDS = """\
name: r
defaults: {prepare: 5, rest: 10, countdown: 3}
steps:
  - {name: A, hold: 30, kind: stretch}
  - {name: B, hold: 20, kind: stretch}
"""

OPEN = """\
name: r
defaults: {prepare: 0, countdown: 3}
steps:
  - name: Psoas release
    kind: release
    open: {min: 60, target: 90, max: 120}
    milestones: [30, 60]
  - {name: After, hold: 10}
"""


def texts(fired: list[FiredCue]) -> list[str]:
    return [f.cue.text for f in fired]


def run_for(
    session: Session, clock: FakeClock, seconds: float, tick: float = 0.1
) -> list[FiredCue]:
    fired: list[FiredCue] = []
    steps = round(seconds / tick)
    for _ in range(steps):
        clock.advance(tick)
        fired += session.poll()
    return fired


def test_a_whole_session_runs_hands_free_to_completion() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    fired = session.start()
    assert texts(fired) == ["Get ready", "A"]
    fired += run_for(session, clock, 70)
    assert session.state is State.FINISHED
    assert texts(fired)[-1] == "Well done"
    assert [f.cue.text for f in fired].count("Ten seconds") == 1
    assert session.record.completed
    assert session.record.done == {0, 1}
    assert session.record.skipped == set()
    assert abs(session.record.active_seconds - 65) < 1e-6


def test_cues_are_never_early_and_never_lost_when_polled_late() -> None:
    clock = FakeClock()
    plan = plan_of(TWO_HOLDS)
    session = Session(plan, clock)
    fired = session.start()
    t0 = clock.now
    clock.advance(12.0)  # one late poll skips over several cue times
    fired += session.poll()
    for f in fired:
        assert f.due <= clock.now
    expected = [c.text for at, c, _ in plan.cues() if at <= 12.0]
    assert texts(fired) == expected
    assert [round(f.due - t0, 6) for f in fired] == [
        round(at, 6) for at, _, _ in plan.cues() if at <= 12
    ]


def test_snapshot_reports_where_we_are() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 5 + 12)
    snap = session.snapshot()
    assert snap.segment.kind == "hold"
    assert snap.run.name == "A"
    assert abs(snap.elapsed - 12) < 1e-6
    assert abs(snap.remaining - 18) < 1e-6
    assert abs(snap.fraction - 0.4) < 1e-6
    assert abs(snap.session_elapsed - 17) < 1e-6
    assert snap.session_total == 65
    assert abs(snap.session_remaining - 48) < 1e-6
    assert snap.next_run is not None and snap.next_run.name == "B"


def test_pause_freezes_time_and_is_silent() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 10)
    session.pause()
    before = session.snapshot().elapsed
    assert run_for(session, clock, 100) == []
    assert session.snapshot().elapsed == before
    assert session.state is State.PAUSED
    session.resume()
    run_for(session, clock, 1)
    assert abs(session.snapshot().elapsed - (before + 1)) < 1e-6


def test_pause_during_rest_then_resume_continues_the_rest() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 5 + 30 + 4)
    assert session.segment.kind == "rest"
    session.pause()
    run_for(session, clock, 60)
    session.resume()
    assert session.segment.kind == "rest"
    assert abs(session.snapshot().remaining - 6) < 1e-6


def test_next_skips_and_drops_the_skipped_cues() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 6)  # 1 s into A
    fired = session.next()  # skip A
    assert session.segment.kind == "rest"
    fired += run_for(session, clock, 40)
    assert "Halfway" not in texts(fired)[:1]
    assert "Ten seconds" not in texts(fired)  # A's was skipped; B is too short for one
    assert session.state is State.FINISHED
    assert session.record.skipped == {0}
    assert session.record.done == {1}


def test_previous_restarts_the_segment_or_goes_back() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 5 + 10)
    assert session.index == 1
    session.previous()  # 10 s in: restart this hold
    assert session.index == 1 and session.snapshot().elapsed == 0
    fired = session.previous()  # at its start: back to the prepare
    assert session.index == 0
    assert texts(fired) == ["Get ready", "A"]


def test_restart_step_and_extend() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 5 + 28)  # 2 s left of A; "3" has sounded
    session.extend(10)
    assert abs(session.snapshot().remaining - 12) < 1e-6
    fired = run_for(session, clock, 12.05)
    # The cues tied to the end moved with it and sound again at the right time.
    assert texts(fired)[:5] == ["Ten seconds", "3", "2", "1", "Release"]
    run_for(session, clock, 3)
    assert session.segment.kind == "rest"
    session.restart_step()
    assert session.segment.kind == "hold" and session.segment.step == 0
    assert session.snapshot().elapsed == 0


def test_open_hold_counts_up_checks_in_and_releases() -> None:
    clock = FakeClock()
    session = Session(plan_of(OPEN), clock)
    fired = session.start()
    fired += run_for(session, clock, 89.9)
    assert texts(fired) == ["Hold", "Thirty seconds", "Sixty seconds"]
    assert not session.snapshot().checking_in
    fired = run_for(session, clock, 0.2)
    assert texts(fired) == ["Has it softened?"]
    snap = session.snapshot()
    assert snap.checking_in and snap.segment.kind == "open"
    session.extend(15)  # "+15 s": a new check-in at 105 s
    assert not session.snapshot().checking_in
    assert texts(run_for(session, clock, 15)) == ["Has it softened?"]
    run_for(session, clock, 5)  # 110 s
    session.release()
    assert session.segment.kind == "rest"
    (step, side, held) = session.record.open_holds[0]
    assert step == 0 and side is None and abs(held - 110.1) < 1e-6
    assert session.plan.steps[0].name == "Psoas release"


def test_open_hold_ends_itself_at_the_maximum() -> None:
    clock = FakeClock()
    session = Session(plan_of(OPEN), clock)
    session.start()
    fired = run_for(session, clock, 120.2)
    assert "Release" in texts(fired)
    assert session.segment.kind == "rest"
    assert abs(session.record.open_holds[0][2] - 120) < 1e-6


def test_a_long_gap_between_polls_pauses_instead_of_skipping() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 8)
    clock.advance(3600)  # the lid was closed for an hour
    assert session.poll() == []
    snap = session.snapshot()
    assert snap.state is State.PAUSED and snap.slept
    assert snap.segment.kind == "hold" and abs(snap.elapsed - 3) < 1e-6
    session.resume()
    assert not session.snapshot().slept


def test_stop_ends_the_session_and_nothing_fires_after() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 3)
    session.stop()
    assert session.state is State.STOPPED
    assert run_for(session, clock, 100) == []
    assert session.next() == [] and session.resume() == []


def test_no_drift_segment_ends_come_from_the_clock() -> None:
    plan = plan_of("""\
        name: long
        defaults: {prepare: 0, rest: 0.7, countdown: 0}
        steps:
          - repeat: 100
            steps: [{name: A, hold: 1.3}, {name: B, hold: 2.9}]
        """)
    clock = FakeClock(0.0)
    session = Session(plan, clock)
    session.start()
    ends: list[float] = []
    index = 0
    while session.state is State.RUNNING:
        clock.advance(0.0333)  # an irregular tick that divides nothing evenly
        session.poll()
        if session.index != index:
            ends.append(session._start)  # the new segment's start is the old one's end
            index = session.index
    planned = [s.end for s in plan.segments[:-1]]
    assert len(ends) == len(planned)
    assert max(abs(a - b) for a, b in zip(ends, planned, strict=True)) < 1e-6


REPS = """\
name: r
defaults: {prepare: 5, rest: 10, countdown: 0}
steps:
  - {name: Bridge, reps: 6, tempo: 2, sets: 2, rest_between_sets: 8}
  - {name: After, hold: 20, kind: stretch}
"""


def test_next_skips_a_set_of_reps_as_one_part() -> None:
    clock = FakeClock()
    plan = plan_of(REPS)
    session = Session(plan, clock)
    session.start()
    run_for(session, clock, 5 + 3)  # into rep 2 of set 1
    seg = session.segment
    assert (seg.kind, seg.set, seg.rep) == ("rep", 1, 2)
    session.next()
    assert session.segment.kind == "rest"  # the rest between sets, not rep 3
    session.next()
    assert (session.segment.kind, session.segment.set, session.segment.rep) == ("rep", 2, 1)
    session.next()
    assert session.segment.kind == "rest"  # after the last set: the rest before After
    session.next()
    assert plan.steps[session.segment.step].name == "After"


def test_previous_within_reps_goes_to_the_start_of_the_set_then_before_it() -> None:
    clock = FakeClock()
    session = Session(plan_of(REPS), clock)
    session.start()
    run_for(session, clock, 5 + 5)  # rep 3 of set 1
    assert session.segment.rep == 3
    session.previous()
    assert (session.segment.set, session.segment.rep) == (1, 1)
    session.previous()  # just begun: back to the part before the set
    assert session.segment.kind == "prepare"


def test_progress_is_where_the_user_is_even_after_skipping() -> None:
    clock = FakeClock()
    plan = plan_of(TWO_HOLDS)  # prepare 5, A 30, rest 10, B 20: 65 s
    session = Session(plan, clock)
    session.start()
    run_for(session, clock, 6)
    session.next()  # skip A after 1 s
    snap = session.snapshot()
    assert snap.segment.kind == "rest"
    assert abs(snap.session_remaining - 30) < 1e-6  # the rest and B
    assert abs(snap.session_fraction - 35 / 65) < 1e-6  # past the prepare and A


def test_more_time_at_the_check_in_counts_from_now_not_from_the_old_target() -> None:
    """Issue 13 item 5: "+15 s" pressed 10 s after the target means 15 s from now."""
    clock = FakeClock()
    session = Session(plan_of(OPEN), clock)
    session.start()
    run_for(session, clock, 100)  # 10 s past the 90 s target
    before = session.snapshot()
    assert before.checking_in and before.target == 90
    session.extend(15)
    snap = session.snapshot()
    assert not snap.checking_in
    assert abs(snap.target - 115) < 1e-6  # 100 s now + 15 s
    assert abs(snap.duration - 115) < 1e-6
    # The session's time left: 15 s of this hold and what comes after it.
    after = sum(s.duration for s in session.plan.segments[1:])
    assert abs(snap.session_remaining - (15 + after)) < 1e-6
    fired = run_for(session, clock, 15.2)
    # the new check-in, and on the way the warning ten seconds before the 2:00 maximum
    assert texts(fired) == ["Ten seconds", "Has it softened?"]
    assert session.snapshot().checking_in


def test_more_time_before_the_target_moves_the_target() -> None:
    clock = FakeClock()
    session = Session(plan_of(OPEN), clock)
    session.start()
    run_for(session, clock, 40)
    session.extend(15)
    assert abs(session.snapshot().target - 105) < 1e-6


def test_cues_that_less_time_puts_in_the_past_are_not_said_late() -> None:
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 5 + 15)  # 15 s to go in A
    assert session.shorten(10) == []  # 5 s to go: "Ten seconds" would be a lie now
    fired = run_for(session, clock, 5.2)
    assert "Ten seconds" not in texts(fired)
    assert texts(fired)[:4] == ["3", "2", "1", "Release"]


def test_less_time_never_goes_below_zero() -> None:
    """Issue 13 item 8: −10 s takes ten seconds off what is left, and at most all of it."""
    clock = FakeClock()
    session = Session(plan_of(TWO_HOLDS), clock)
    session.start()
    run_for(session, clock, 5 + 5)  # 5 s into A's 30 s hold
    session.shorten(10)
    snap = session.snapshot()
    assert snap.segment.step == 0 and abs(snap.remaining - 15) < 1e-6
    fired = run_for(session, clock, 5)
    assert texts(fired) == ["Ten seconds"]  # it moved with the end
    session.shorten(1)  # 9 s to go: the countdown is still to come
    fired = run_for(session, clock, 6.2)
    assert texts(fired)[-1] == "3"
    fired = session.shorten(10)  # 2.8 s left: to zero, and the hold ends
    assert "Release" in texts(fired)
    assert session.segment.kind == "rest"
    assert session.snapshot().elapsed < 1e-6
    session.shorten(60)  # more than a rest has: it ends, and the next hold starts
    assert session.segment.step == 1 and session.segment.kind != "rest"
    assert session.snapshot().remaining >= 0


def test_less_time_in_an_open_hold_brings_its_target_closer_never_before_now() -> None:
    clock = FakeClock()
    session = Session(plan_of(OPEN), clock)
    session.start()
    run_for(session, clock, 40)
    session.shorten(10)
    assert abs(session.snapshot().target - 80) < 1e-6
    session.shorten(60)  # the target comes to now: the check-in, not the end of the hold
    snap = session.snapshot()
    assert snap.segment.kind == "open" and snap.checking_in
    assert abs(snap.target - 40) < 1e-6
    session.shorten(10)  # at the check-in there is nothing left to take
    assert abs(session.snapshot().target - 40) < 1e-6
    assert session.segment.kind == "open"


def test_an_open_hold_held_on_past_its_check_in_says_ten_seconds_before_its_maximum() -> None:
    """Nothing was said between "Has it softened?" and the hold ending on its own; now a
    warning comes ten seconds before the maximum, and follows "+15 s" as the end does."""
    from psoas_timer.core.loader import load_routine_text
    from psoas_timer.core.plan import compile_plan

    text = (
        "name: r\ndefaults: {prepare: 0}\nsteps:\n  - {name: Ball, open: {target: 60, max: 120}}\n"
    )
    plan = compile_plan(load_routine_text(text, "r.yaml"))
    # released at the target, as an export plans it: the warning is never said
    assert "ten_seconds" not in [c.kind for _, c, _ in plan.cues()]
    for extend_at, expected in ((None, [60.0, 110.0, 120.0]), (108.0, [60.0, 113.0, 123.0])):
        clock = FakeClock()
        session = Session(plan, clock)
        start = clock.now
        said: list[tuple[float, str]] = [(0.0, f.cue.kind) for f in session.start()]
        while session.active and clock.now - start < 200:
            clock.advance(0.25)
            if extend_at is not None and abs(clock.now - start - extend_at) < 0.1:
                session.extend(15)
            said += [(clock.now - start, f.cue.kind) for f in session.poll()]
        times = [t for t, kind in said if kind in ("check_in", "ten_seconds", "end")][:3]
        assert times == expected


def test_an_open_hold_with_little_room_past_its_target_has_no_warning() -> None:
    from psoas_timer.core.loader import load_routine_text
    from psoas_timer.core.plan import compile_plan

    text = (
        "name: r\ndefaults: {prepare: 0}\nsteps:\n  - {name: Ball, open: {target: 60, max: 75}}\n"
    )
    plan = compile_plan(load_routine_text(text, "r.yaml"))
    assert "ten_seconds" not in [c.kind for c in plan.segments[0].cues]
