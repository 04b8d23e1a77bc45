"""The player's words and its dial's reading come from a snapshot alone: no window needed."""

from __future__ import annotations

from pathlib import Path

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.core.loader import load_routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.ui.player.dial_reading import dial_reading
from psoas_timer.ui.player.sound_notice import sound_notice_line
from psoas_timer.ui.player.words import PAUSED, player_words

from .conftest import RELEASE, SIMPLE, SVG, write


def _session(tmp_path: Path, text: str) -> tuple[Plan, Session, FakeClock]:
    write(tmp_path, "ball.svg", SVG)
    plan = compile_plan(load_routine(write(tmp_path, "r.yaml", text)))
    clock = FakeClock()
    return plan, Session(plan, clock), clock


def _go_to(session: Session, kind: str) -> None:
    """Start *session* and skip to its first segment of *kind*."""
    if not session.active:
        session.start()
    while session.snapshot().segment.kind != kind:
        session.next()


def test_an_open_hold_counts_up_to_its_target_then_asks(tmp_path: Path) -> None:
    plan, session, clock = _session(tmp_path, RELEASE)
    _go_to(session, "open")
    clock.advance(12)
    session.poll()
    reading = dial_reading(session.snapshot(), count_up_holds=False)
    assert (reading.text, reading.caption, reading.label) == ("0:12", "of 0:20", "Hold")
    assert reading.marks == (10 / 40, 20 / 40)  # the minimum and the target on the ring
    clock.advance(9)
    session.poll()
    snap = session.snapshot()
    assert dial_reading(snap, count_up_holds=False).caption == "ends in 0:19"  # the max
    words = player_words(plan, snap)
    assert (words.title, words.where) == ("Psoas release", "Left")
    assert words.announcement.endswith("Target reached. Has it softened?")
    assert words.safety == "⚠ Stop if you feel a pulse."


def test_a_hold_counts_down_or_up_as_asked(tmp_path: Path) -> None:
    _plan, session, clock = _session(tmp_path, SIMPLE)
    _go_to(session, "hold")
    clock.advance(5)
    session.poll()
    snap = session.snapshot()
    down = dial_reading(snap, count_up_holds=False)
    up = dial_reading(snap, count_up_holds=True)
    assert (down.text, down.caption) == ("0:15", "to go")
    assert (up.text, up.caption) == ("0:05", "held of 0:20")


def test_a_rest_shows_the_next_step_and_a_pause_says_how_to_go_on(tmp_path: Path) -> None:
    plan, session, _clock = _session(tmp_path, SIMPLE)
    _go_to(session, "hold")
    words = player_words(plan, session.snapshot())
    assert words.instructions == "Knee on the sofa, hips forward."
    assert words.next_line == "Next up: Lunge · hold 10 s"
    session.pause()
    paused = player_words(plan, session.snapshot())
    assert (paused.heading, paused.kind) == ("Paused · press Space to go on", PAUSED)
    assert paused.announcement == paused.heading
    assert dial_reading(session.snapshot(), count_up_holds=False).label == "Paused"
    session.resume()
    _go_to(session, "rest")
    rest = player_words(plan, session.snapshot())
    assert (rest.title, rest.where) == ("Next: Lunge", "hold 10 s")
    assert rest.step.name == "Lunge"  # its picture and instructions show during the rest
    assert rest.next_line == ""


def test_the_sound_notice_says_the_first_sentence() -> None:
    assert sound_notice_line("No sound: no device. Connect one. Cues are shown on screen.") == (
        "No sound: no device. Cues show on screen."
    )
    assert sound_notice_line("The device was unplugged.") == "Sound: The device was unplugged."


def test_a_named_rest_step_shows_its_name(tmp_path: Path) -> None:
    plan, session, _clock = _session(
        tmp_path,
        """
name: Water break
defaults: {prepare: 0}
steps:
  - {name: Bridge, hold: 10}
  - {name: Drink some water, kind: rest, duration: 30}
  - {name: Lunge, hold: 10}
""",
    )
    _go_to(session, "rest")
    words = player_words(plan, session.snapshot())
    assert words.heading == "Drink some water"
    assert words.title == "Next: Lunge"
    assert words.announcement.startswith("Drink some water")


def test_the_last_step_says_so_where_the_next_one_would_be(tmp_path: Path) -> None:
    plan, session, _clock = _session(tmp_path, SIMPLE)
    session.start()
    while session.snapshot().segment.step != plan.segments[-1].step or (
        session.snapshot().segment.kind not in ("hold", "rep", "open", "breathe")
    ):
        session.next()
    assert player_words(plan, session.snapshot()).next_line == "Last step"
