"""A whole session on a fake clock, as the user on the mat sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import State
from psoas_timer.ui.shell.main_window import MainWindow, Page

from .conftest import AudioRecorder, InhibitRecorder, advance, started, write


def test_prepare_countdown_then_hold(
    window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    started(window)
    player = window.player
    assert window.page is Page.PLAYER
    assert player.banner_row.heading.text() == "Get ready"
    assert player.title.text() == "Psoas release"
    assert player.dial.text == "0:05"
    assert audio.warmed == 1
    assert "get_ready" in audio.kinds()
    advance(window, clock, 2.2)
    assert player.dial.text == "0:03"
    assert 0.4 < player.dial.fraction < 0.5
    advance(window, clock, 3)
    assert player.banner_row.heading.text() == "Hold until it softens"
    assert player.where.text() == "Left"
    assert player.dial.text == "0:00"  # open holds count up
    assert "start" in audio.kinds()
    assert all(style == "both" for _, style in audio.played)


def test_labels_instructions_safety_image_and_next_up(window: MainWindow, clock: FakeClock) -> None:
    started(window)
    advance(window, clock, 6)
    player = window.player
    assert player.instructions.text() == "Press the ball gently into the belly."
    assert player.safety.text() == "⚠ Stop if you feel a pulse."
    assert not player.image.isHidden() and player.image.path is not None
    assert player.image.path.name == "ball.svg"
    assert player.next_label.text() == "Next up: Psoas release · Right"
    assert player.session_bar.text.endswith(" to go")


def test_breathing_guide_follows_the_engine_clock(window: MainWindow, clock: FakeClock) -> None:
    started(window)
    advance(window, clock, 5 + 2)  # 2 s into the hold, calm = 4 in, 6 out
    guide = window.player.breath
    assert not guide.isHidden()
    assert guide.animating
    phase = guide.phase()
    assert phase is not None and phase.word == "Inhale"
    assert phase.progress == pytest.approx(0.5)
    clock.advance(0.1)  # between polls the guide moves on from the clock, not from ticks
    moved = guide.phase()
    assert moved is not None and moved.progress == pytest.approx(0.525)
    advance(window, clock, 2.9)
    phase = guide.phase()
    assert phase is not None and phase.word == "Exhale"
    window.commands.start_pause.trigger()  # pause: the shape stops
    assert not guide.animating
    frozen = guide.phase()
    clock.advance(1)
    assert guide.phase() == frozen


def test_open_hold_check_in_and_release(
    window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    started(window)
    player = window.player
    advance(window, clock, 5 + 12)
    assert player.dial.text == "0:12"
    assert player.dial.caption == "of 0:20"
    assert player.open_controls.marks.text() == "min 0:10 · target 0:20 · max 0:40"
    assert not player.open_controls.released.isHidden() and player.open_controls.check_in.isHidden()
    assert window.commands.released.isEnabled()
    advance(window, clock, 8)
    assert not player.open_controls.check_in.isHidden()
    assert player.open_controls.check_in_label.text().startswith("Has it softened?")
    assert player.dial.caption == "ends in 0:20"
    assert "check_in" in audio.kinds()
    player.open_controls.check_in_more.click()  # +15 s: the check-in waits until 35 s
    assert player.open_controls.check_in.isHidden()
    advance(window, clock, 14)
    assert player.open_controls.check_in.isHidden()
    advance(window, clock, 1)
    assert not player.open_controls.check_in.isHidden()
    player.open_controls.check_in_release.click()
    assert player.banner_row.heading.text() == "Switch sides"
    assert window.controller.session is not None
    holds = window.controller.session.record.open_holds
    assert holds == [(0, "left", pytest.approx(35.0))]


def test_more_time_at_the_check_in_counts_from_now(window: MainWindow, clock: FakeClock) -> None:
    """+15 s pressed 2 s after the target: the ring, its target and the time left follow."""
    started(window)
    player = window.player
    advance(window, clock, 5 + 22)  # 2 s past the 20 s target
    assert not player.open_controls.check_in.isHidden()
    left_before = player.session_bar.text
    player.open_controls.check_in_more.click()
    assert player.open_controls.check_in.isHidden()
    assert player.dial.caption == "of 0:37"  # 22 s now + 15 s
    assert player.open_controls.marks.text() == "min 0:10 · target 0:37 · max 0:40"
    assert player.dial.text == "0:22"
    assert player.session_bar.text != left_before
    snap = window.controller.snapshot()
    assert snap is not None and snap.session_remaining == pytest.approx(
        15 + sum(s.duration for s in window.controller.plan.segments[snap.index + 1 :])
    )
    advance(window, clock, 14.5)
    assert player.open_controls.check_in.isHidden()
    advance(window, clock, 1)
    assert not player.open_controls.check_in.isHidden()


def test_the_maximum_ends_an_open_hold(window: MainWindow, clock: FakeClock) -> None:
    started(window)
    advance(window, clock, 5 + 39.5)
    assert window.player.where.text() == "Left"
    advance(window, clock, 1)
    assert window.player.banner_row.heading.text() == "Switch sides"
    assert window.player.where.text() == "Right"


def test_set_and_rep_line(window: MainWindow, clock: FakeClock) -> None:
    started(window)
    advance(window, clock, 6)
    window.commands.released.trigger()  # left, before its minimum: asks for a second press
    window.commands.released.trigger()
    advance(window, clock, 3)
    window.commands.released.trigger()  # right
    window.commands.released.trigger()
    assert window.player.banner_row.heading.text() == "Rest"
    assert window.player.title.text() == "Next: Bridge"
    advance(window, clock, 5 + 20 + 5 + 6 + 0.5)
    assert window.player.where.text() == "Right · Set 2 of 3 · Rep 4 of 10"
    assert window.player.title.text() == "Bridge"


def test_pause_during_rest(window: MainWindow, clock: FakeClock) -> None:
    started(window, "simple")
    advance(window, clock, 3 + 20 + 1)
    player = window.player
    assert player.banner_row.heading.text() == "Rest"
    assert player.title.text() == "Next: Lunge"  # next-up is the headline during a rest
    assert player.dial.text == "0:03"
    window.commands.start_pause.trigger()
    assert window.controller.session is not None
    assert window.controller.session.state is State.PAUSED
    assert not window.controller.timer.isActive()
    assert player.banner.text() == "Paused · press Space to go on"
    assert window.commands.start_pause.text() == "Resume"
    clock.advance(60)
    window.controller.poll()
    assert player.dial.text == "0:03"
    window.commands.start_pause.trigger()
    assert window.controller.timer.isActive()
    assert player.banner.text() == "Rest"
    advance(window, clock, 3)
    assert player.title.text() == "Lunge"


def test_sleep_pauses_and_says_so(window: MainWindow, clock: FakeClock) -> None:
    started(window, "simple")
    advance(window, clock, 5)
    clock.advance(600)  # the lid was closed
    window.controller.poll()
    assert window.player.banner.text() == "Paused after sleep · press Space to go on"
    assert not window.controller.timer.isActive()
    assert window.player.title.text() == "Couch stretch"


def test_completion_screen(
    window: MainWindow, clock: FakeClock, audio: AudioRecorder, inhibitor: InhibitRecorder
) -> None:
    started(window, "simple")
    assert inhibitor.calls == ["inhibit"]
    advance(window, clock, 3 + 5)
    window.commands.next.trigger()  # skip most of the couch stretch
    advance(window, clock, 4 + 10 + 1)
    assert window.page is Page.COMPLETION
    done = window.completion
    # A third of the routine was done: no "well done" (issue 13 item 11).
    assert done.heading.text() == "Simple stretch: finished"
    assert done.figure("time_taken") == ("Time taken", "0:22")
    assert done.figure("steps_done") == ("Steps done", "1 of 2")
    assert done.figure("share_done") == ("Of the routine", "33%")
    assert done.section("skipped") == ["Couch stretch"]
    assert done.section("partly_done") == []
    assert "done" in audio.kinds()
    assert inhibitor.calls == ["inhibit", "release"]
    assert not window.controller.timer.isActive()
    assert not window.player.breath.animating


def test_completion_labels_releases_and_says_well_done_when_most_was_done(
    window: MainWindow, clock: FakeClock
) -> None:
    """Issue 13 item 11: every figure labelled, a step done only when all its sets and reps
    were, each release with its time, and "well done" for a routine mostly done."""
    started(window)
    advance(window, clock, 5 + 12)
    window.commands.released.trigger()  # left, released at 0:12
    advance(window, clock, 3 + 40.5)  # right: held to its maximum
    advance(window, clock, 5 + 5 + 20 + 5 + 20)  # rest, get ready, bridge sets 1 and 2
    window.commands.next.trigger()  # bridge set 3 skipped
    while window.controller.active:
        advance(window, clock, 1)
    done = window.completion
    assert done.heading.text() == "Release and bridge: well done"
    assert done.figure("steps_done") == ("Steps done", "2 of 3")
    assert done.section("partly_done") == ["Bridge (20 of 30 reps)"]
    assert done.section("releases") == [
        "Psoas release · Left: released at 0:12",
        "Psoas release · Right: held to the maximum, 0:40",
    ]
    shown = [w for w in done.findChildren(QLabel) if w.isVisibleTo(done) and w.text()]
    figures = [w for w in shown if w.objectName() in ("time_taken", "steps_done", "share_done")]
    assert len(figures) == 3
    for figure in figures:  # each figure has its label under it
        assert any(w.objectName() == f"{figure.objectName()}_label" for w in shown)


def test_stop_shows_what_was_done(
    window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    started(window, "simple")
    advance(window, clock, 10)
    window.commands.stop.trigger()
    assert audio.stops == 1
    assert window.page is Page.COMPLETION
    assert window.completion.heading.text() == "Simple stretch: stopped"
    window.completion.again.click()
    assert window.page is Page.PLAYER and window.controller.active


def test_pausing_says_so_in_the_dial(window: MainWindow, clock: FakeClock) -> None:
    started(window, "simple")
    advance(window, clock, 4)
    assert window.player.dial.label != "Paused"
    window.controller.toggle()
    assert window.player.dial.label == "Paused"
    window.controller.toggle()
    assert window.player.dial.label != "Paused"


def test_the_early_release_hint_shows_by_the_clock_while_it_counts(
    window: MainWindow, clock: FakeClock
) -> None:
    """Issue 13 item 6: "press Enter again" beside the clock, not in the status bar, for as
    long as the second press would count, and gone after."""
    started(window)
    advance(window, clock, 5 + 3)
    player = window.player
    assert player.release_hint.text() == ""
    window.commands.released.trigger()  # before the 10 s minimum
    assert "Press Enter again" in player.release_hint.text()
    assert not player.release_hint.isHidden()
    # not in the status bar (which may show the status tip of the toolbar button under the
    # pointer: offscreen, the pointer is at the window's corner, over Back)
    assert "Press Enter again" not in window.statusBar().currentMessage()
    dial, hint = player.dial.geometry(), player.clock_line.geometry()
    assert abs(hint.center().x() - dial.center().x()) < dial.width() / 2  # under the clock
    advance(window, clock, 3.5)
    assert "Press Enter again" in player.release_hint.text()  # still counts
    advance(window, clock, 1)
    assert player.release_hint.text() == ""  # no longer counts
    window.commands.released.trigger()
    window.commands.released.trigger()  # ended early
    assert player.banner_row.heading.text() == "Switch sides"
    assert player.release_hint.text() == ""


def test_the_early_release_hint_goes_when_its_time_is_up_even_while_paused(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_timer.session import early_release

    monkeypatch.setattr(early_release, "EARLY_RELEASE_WINDOW", 0.05)
    started(window)
    advance(window, clock, 5 + 3)
    window.commands.start_pause.trigger()  # paused: no polls
    window.commands.released.trigger()
    assert "Press Enter again" in window.player.release_hint.text()
    clock.advance(0.1)
    qtbot.waitUntil(lambda: window.player.release_hint.text() == "", timeout=2000)


REPS = """
name: Hip raises
defaults: {prepare: 3, rest: 5, breathing: calm}
steps:
  - name: Hip raise
    reps: 3
    tempo: {up: 1, hold: 10, down: 2}
    milestones: [30]
    prompts: [{at: 5s, say: Squeeze your buttocks}]
  - {name: Plank, hold: 20}
"""


@pytest.fixture
def reps(routine_dirs: tuple[Path, Path]) -> str:
    """A routine of reps in phases, in the user's folder (ask for it before the window)."""
    write(routine_dirs[1], "reps.yaml", REPS)
    return "reps"


def said(audio: AudioRecorder) -> list[str]:
    return [f.cue.text for f, _ in audio.played]


def test_reps_are_guided_phase_by_phase(
    reps: str, window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    """Issue 13 item 3: a rep of 1 s up, 10 s at the top and 2 s down is three parts, each
    shown and said with the rep number, not one silent "Go 0:13"."""
    started(window, reps)
    player = window.player
    advance(window, clock, 3.5)  # rep 1, up
    assert (player.dial.label, player.dial.text, player.dial.caption) == ("Up", "1", "of 3")
    assert player.where.text() == "Rep 1 of 3"
    assert said(audio)[-3:] == ["1", "Up", "Inhale"]
    assert player.next_label.text() == "Next up: Plank · hold 20 s"  # the next step
    advance(window, clock, 2.5)  # 2 s into the hold at the top
    assert (player.dial.label, player.dial.text, player.dial.caption) == (
        "Hold",
        "0:08",
        "rep 1 of 3",
    )
    assert said(audio)[-1] == "Hold"
    advance(window, clock, 8.5)  # down
    assert player.dial.label == "Down" and said(audio)[-1] == "Down"
    advance(window, clock, 2)  # rep 2
    assert (player.dial.label, player.dial.text) == ("Up", "2")
    assert player.next_label.text() == "Next up: Plank · hold 20 s"


def test_the_breath_runs_on_through_the_reps_and_prompts_are_said(
    reps: str, window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    """The breathing guide follows the set (calm: 4 in, 6 out) instead of starting again
    with each phase, and the step's prompt and milestone are said, timed from the set."""
    started(window, reps)
    guide = window.player.breath
    advance(window, clock, 3 + 4.5)  # 4.5 s into the set, 3.5 s into the hold at the top
    phase = guide.phase()
    assert not guide.isHidden() and phase is not None and phase.word == "Exhale"
    advance(window, clock, 1)  # 5.5 s into the set: the prompt at 5 s
    assert "Squeeze your buttocks" in said(audio)
    advance(window, clock, 30 - 5.5 + 0.5)
    assert "Thirty seconds" in said(audio)
    phase = guide.phase()
    assert phase is not None and phase.word == "Inhale"  # 30.5 s: a new breath at 30


def test_rests_are_paced_by_the_steps_breathing(
    window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    """Issue 13 item 4: the rest after a step paced by calm breathing (4 in, 6 out) keeps
    the guide on screen and its cues going, as inside the hold."""
    started(window)
    advance(window, clock, 6)
    window.commands.released.trigger()  # left, before its minimum: a second press ends it
    window.commands.released.trigger()
    advance(window, clock, 3)
    window.commands.released.trigger()  # right
    window.commands.released.trigger()
    player = window.player
    assert player.banner_row.heading.text() == "Rest"
    guide = player.breath
    assert not guide.isHidden()
    phase = guide.phase()
    assert phase is not None and phase.word == "Inhale"
    before = len(audio.played)
    advance(window, clock, 4.5)
    phase = guide.phase()
    assert phase is not None and phase.word == "Exhale"
    assert [f.cue.kind for f, _ in audio.played[before:] if f.cue.kind != "countdown"] == ["exhale"]


def test_reps_have_breathing_cues(
    reps: str, window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    started(window, reps)
    advance(window, clock, 3 + 10.5)  # calm: in at 0, out at 4, in at 10 of the set
    breaths = [
        (round(f.due - audio.played[0][0].due, 3), f.cue.text)
        for f, _ in audio.played
        if f.cue.kind in ("inhale", "exhale")
    ]
    assert breaths == [(3, "Inhale"), (7, "Exhale"), (13, "Inhale")]


def test_plus_key_at_the_check_in_adds_what_the_check_in_says(
    window: MainWindow, clock: FakeClock
) -> None:
    """The check-in says "+ holds 15 s more": the + key (the Add time action) does that,
    as its button does; elsewhere + adds its usual 10 s."""
    started(window)
    player = window.player
    advance(window, clock, 5 + 22)  # 2 s past the 20 s target: the check-in shows
    assert not player.open_controls.check_in.isHidden()
    assert "15 s" in player.open_controls.check_in_hint.text()
    window.commands.add_time.trigger()
    assert player.dial.caption == "of 0:37"  # 22 s now + 15 s
    assert player.open_controls.check_in.isHidden()
