"""The engine's events: what a listener (the history recorder) learns, in order."""

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, SessionEvent, SessionRecord, State

from .helpers import plan_of

ROUTINE = """\
name: r
defaults: {prepare: 5, rest: 10, countdown: 3}
steps:
  - name: Release
    kind: release
    open: {min: 10, target: 30, max: 60}
  - {name: B, hold: 20}
"""


def listened(session: Session) -> list[SessionEvent]:
    events: list[SessionEvent] = []
    session.listen(events.append)
    return events


def summary(events: list[SessionEvent]) -> list[tuple[str, str, str | None, float]]:
    return [(e.kind, e.segment.kind, e.how, round(e.seconds, 3)) for e in events]


def test_a_session_tells_its_listener_each_segment_it_enters_and_how_each_ended() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    events = listened(session)
    session.start()
    for _ in range(50):
        clock.advance(0.1)
        session.poll()
    for _ in range(200):
        clock.advance(0.1)
        session.poll()
    session.extend(15)
    clock.advance(5)
    session.release()
    session.next()  # the rest
    for _ in range(250):
        clock.advance(0.1)
        session.poll()
    assert session.state is State.FINISHED
    assert summary(events) == [
        ("entered", "prepare", None, 0.0),
        ("ended", "prepare", "ran", 5.0),
        ("entered", "open", None, 0.0),
        ("extended", "open", None, 15.0),
        ("ended", "open", "released", 25.0),
        ("entered", "rest", None, 0.0),
        ("ended", "rest", "skipped", 0.0),
        ("entered", "hold", None, 0.0),
        ("ended", "hold", "ran", 20.0),
        ("finished", "hold", None, 0.0),
    ]
    ended = [e for e in events if e.kind == "ended"]
    assert [e.done for e in ended] == [False, True, False, True]  # only work counts
    # Each end is stamped with the clock time it happened at, never later than now.
    assert all(e.at <= clock.now for e in events)
    assert round(ended[1].at - events[2].at, 6) == 25.0


def test_going_back_and_stopping_are_told_too() -> None:
    clock = FakeClock()
    session = Session(plan_of(ROUTINE), clock)
    events = listened(session)
    session.start()
    clock.advance(7)
    session.poll()  # 2 s into the open hold
    session.previous()  # back to the get-ready
    clock.advance(1)
    session.stop()
    assert summary(events)[-4:] == [
        ("ended", "open", "left", 2.0),
        ("entered", "prepare", None, 0.0),
        ("ended", "prepare", "stopped", 1.0),
        ("stopped", "prepare", None, 0.0),
    ]


def test_a_session_can_start_at_a_later_segment_to_carry_on() -> None:
    clock = FakeClock()
    plan = plan_of(ROUTINE)
    last = len(plan.segments) - 1
    session = Session(plan, clock)
    session.start(at_segment=last)
    assert session.index == last and session.state is State.RUNNING
    for _ in range(21):
        clock.advance(1)
        session.poll()
    assert session.state is State.FINISHED
    assert session.record.done == {1}


def test_listening_changes_nothing_the_engine_records() -> None:
    def run(listen: bool) -> SessionRecord:
        clock = FakeClock()
        session = Session(plan_of(ROUTINE), clock)
        if listen:
            session.listen(lambda _: None)
        session.start()
        clock.advance(12)
        session.poll()
        session.next()
        clock.advance(3)
        session.poll()
        session.stop()
        return session.record

    assert run(True) == run(False)
