"""How the player drives Qt's sound effects (with a stand-in for QSoundEffect, no sound card):
every clip loaded once and reused, stopped in the silence after it rather than left to end by
itself, and Qt's broken-notifier flood turned into one problem."""

from __future__ import annotations

import gc
import os
import tempfile
import threading
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from psoas_timer.audio import fault_guard
from psoas_timer.audio import player as player_module
from psoas_timer.audio.assets import Assets
from psoas_timer.audio.fault_guard import plug_descriptor, plug_holes
from psoas_timer.audio.player import (
    MSG_BACKEND_FAULT,
    STOP_AFTER,
    STREAM_LATENCY_MS,
    TAIL_PAD,
    CuePlayer,
)
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import FiredCue
from psoas_timer.core.plan import Cue, CueKind

from .helpers import ASSETS
from .test_player import FakeEffect, fake_multimedia

pytestmark = pytest.mark.gui

FLOOD = "QSocketNotifier: Invalid socket {fd} and type 'Read', disabling..."
OFF_THREAD = "QSocketNotifier: Socket notifiers cannot be enabled or disabled from another thread"


@pytest.fixture(autouse=True)
def fake_device(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeEffect.made.clear()
    monkeypatch.setattr(FakeEffect, "load_at_once", True)
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([object()]))


def clip_effects(player: CuePlayer) -> dict[str, FakeEffect]:
    return {path.name: effect for path, effect in player._effects.items()}


def samples(path: Path) -> tuple[array[int], int]:
    with wave.open(str(path), "rb") as w:
        data = array("h")
        data.frombytes(w.readframes(w.getnframes()))
        return data, w.getframerate()


def warm(qtbot: Any, player: CuePlayer) -> None:
    """Warm up and wait for the last slice."""
    player.warm_up()
    qtbot.waitUntil(lambda: not player._to_load)


def cue(kind: CueKind = "countdown") -> FiredCue:
    return FiredCue(Cue(kind, "3", 3.0, "end"), 0.0, None)


def test_warm_up_loads_every_clip_it_will_need_once(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings(tone_style="bell"))
    player.warm_up()
    wanted = Assets(ASSETS).all_clips("bell")
    assert list(player._effects)[:7] == wanted[:7]  # the tones first, at once
    qtbot.waitUntil(lambda: len(player._effects) == len(wanted))  # the rest, a slice a turn
    assert set(player._effects) == set(wanted)
    for path, effect in player._effects.items():
        assert effect.sources_set == 1 and effect.plays == []  # loaded, nothing played
        assert effect.loops == -2  # looped, stopped by the player: never ends by itself
        copy, rate = samples(Path(effect.source))
        clip, _ = samples(path)
        assert copy[: len(clip)] == clip
        assert len(copy) - len(clip) == round(TAIL_PAD * rate)
        assert not any(copy[len(clip) :])
    made = len(FakeEffect.made)
    warm(qtbot, player)
    assert len(FakeEffect.made) == made  # nothing made twice


def test_the_player_loads_its_first_tone_when_made(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())  # Qt opens the shared stream once it loads
    (effect,) = FakeEffect.made
    assert Path(effect.source).name.endswith("-start.wav") and effect.plays == []
    player.warm_up()
    assert clip_effects(player)["start.wav"] is effect  # not made twice


def test_repeated_overlapping_plays_reuse_the_same_effects(qtbot: Any) -> None:
    clock = FakeClock()
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    warm(qtbot, player)
    made = list(FakeEffect.made)
    for _ in range(40):  # a tone and its voice line, then the next cue over the tail
        player.play(cue("end"), "both")
        player.flush()
        clock.advance(0.35)
        player._queue.run_due()
        player._stops.run_due()
    assert FakeEffect.made == made  # no effect made, none replaced
    assert all(e.sources_set == 1 for e in made)
    assert len(clip_effects(player)["end.wav"].plays) == 40


def test_each_clip_is_stopped_in_the_silence_after_it(qtbot: Any) -> None:
    clock = FakeClock()
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    warm(qtbot, player)
    effect = clip_effects(player)["countdown.wav"]
    player.play(cue(), "tone")
    player.flush()
    length = Assets.duration(ASSETS / "sounds" / "soft" / "countdown.wav")
    clock.advance(length + STOP_AFTER - 0.01)
    player._stops.run_due()
    assert effect.isPlaying()  # the clip (and a little silence) still going
    clock.advance(0.02)
    player._stops.run_due()
    assert not effect.isPlaying() and effect.stops == 1
    assert STOP_AFTER < TAIL_PAD  # so the stop falls in the silence


def test_the_same_clip_again_starts_over_and_keeps_its_own_stop(qtbot: Any) -> None:
    clock = FakeClock()
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    warm(qtbot, player)
    effect = clip_effects(player)["countdown.wav"]
    player.play(cue(), "tone")
    player.flush()
    clock.advance(0.05)
    player.play(cue(), "tone")
    player.flush()
    assert len(effect.plays) == 2 and effect.stops == 1  # stopped, then started over
    clock.advance(0.12 + STOP_AFTER - 0.04)  # the first play's stop is due, not the second's
    player._stops.run_due()
    assert effect.isPlaying()
    clock.advance(0.06)
    player._stops.run_due()
    assert not effect.isPlaying()


def test_a_clip_started_while_loading_is_stopped_after_it_starts(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FakeEffect, "load_at_once", False)
    clock = FakeClock()
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    player.play(cue(), "tone")  # no warm-up: the clip loads now
    player.flush()
    effect = clip_effects(player)["countdown.wav"]
    assert effect.plays and player._stops.pending() == []  # Qt starts it once it has loaded
    clock.advance(1.0)
    effect.finish_loading()
    ((due, _, (_, path)),) = player._stops.pending()
    assert path.name == "countdown.wav"
    assert due == pytest.approx(clock() + 0.12 + STOP_AFTER, abs=0.01)


def test_stop_all_silences_the_clips(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    warm(qtbot, player)
    player.play(cue("end"), "both")
    player.flush()
    player.stop_all()
    assert not any(e.isPlaying() for e in player._effects.values())
    assert player._stops.pending() == [] and not player._stops.timer.isActive()


def test_the_stream_latency_is_set_unless_the_user_chose_one(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PULSE_LATENCY_MSEC", raising=False)
    CuePlayer(ASSETS, AudioSettings())
    assert os.environ["PULSE_LATENCY_MSEC"] == str(STREAM_LATENCY_MS)
    monkeypatch.setenv("PULSE_LATENCY_MSEC", "35")
    CuePlayer(ASSETS, AudioSettings())
    assert os.environ["PULSE_LATENCY_MSEC"] == "35"


def test_padded_copies_of_a_dead_process_are_removed(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = 4_194_305  # above Linux's largest process id: never alive
    orphan = tmp_path / f"psoas-timer-cues-{dead}-abc"
    orphan.mkdir()
    (orphan / "0000-start.wav").write_bytes(b"")
    alive = tmp_path / f"psoas-timer-cues-{os.getppid()}-def"
    alive.mkdir()
    player = CuePlayer(ASSETS, AudioSettings())
    assert not orphan.exists() and alive.is_dir()
    (own,) = [
        p for p in tmp_path.iterdir() if p.name.startswith(f"psoas-timer-cues-{os.getpid()}-")
    ]
    assert any(own.iterdir())  # the first tone's copy
    del player


def free_descriptor() -> int:
    fd = os.open(os.devnull, os.O_RDONLY)
    os.close(fd)
    return fd


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where the guard would end the process (it must not end the test run)."""
    calls: list[str] = []
    monkeypatch.setattr(fault_guard, "_exit_stuck", calls.append)
    return calls


@pytest.mark.qt_log_ignore("QSocketNotifier")
def test_broken_notifier_warnings_are_one_problem_and_silence(
    qtbot: Any, qtlog: Any, exits: list[str]
) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)
    warm(qtbot, player)
    player.play(cue("end"), "both")
    player.flush()
    fd = free_descriptor()
    try:
        for _ in range(300):
            qWarning(FLOOD.format(fd=fd))
        qtbot.waitUntil(lambda: bool(messages))
        qtbot.wait(20)
        assert messages == [MSG_BACKEND_FAULT]
        assert not player.available
        assert not any(e.isPlaying() for e in player._effects.values())
        os.fstat(fd)  # the dead descriptor is plugged: a new poll finds nothing wrong
        passed_on = [r for r in qtlog.records if "Invalid socket" in r.message]
        assert len(passed_on) == 300  # passed on, so a watchdog (the smoke test) sees them
        assert exits == []
        plays = sum(len(e.plays) for e in player._effects.values())
        player.play(cue(), "tone")
        player.flush()
        assert sum(len(e.plays) for e in player._effects.values()) == plays  # silent now
        assert Path(player.log[-1][1]).name == "countdown.wav"  # still follows the cues
    finally:
        os.close(fd)


@pytest.mark.qt_log_ignore("QSocketNotifier")
def test_an_event_loop_stuck_on_the_dead_notifier_ends_the_process(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, exits: list[str]
) -> None:
    monkeypatch.setattr(fault_guard, "STUCK_AFTER", 50)
    player = CuePlayer(ASSETS, AudioSettings())  # the guard lasts as long as a player does
    fd = free_descriptor()
    try:
        for _ in range(49):
            qWarning(FLOOD.format(fd=fd))
        assert exits == []
        qWarning(FLOOD.format(fd=fd))
        assert exits == [FLOOD.format(fd=fd)]
    finally:
        os.close(fd)
        del player


@pytest.mark.qt_log_ignore("QSocketNotifier")
def test_the_guard_hears_the_fault_from_the_audio_thread(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugged: list[bool] = []

    def plug_holes() -> list[int]:
        plugged.append(True)
        return []

    monkeypatch.setattr(fault_guard, "plug_holes", plug_holes)
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)
    thread = threading.Thread(target=lambda: qWarning(OFF_THREAD))
    thread.start()
    thread.join()
    assert plugged == [True]  # at once, on the audio thread, before the main loop polls
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == [MSG_BACKEND_FAULT]


def test_a_clip_that_cannot_be_padded_plays_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(player_module, "write_padded", no_room)
    player = CuePlayer(ASSETS, AudioSettings())
    warm(qtbot, player)
    effect = clip_effects(player)["countdown.wav"]
    assert effect.loops == 1 and Path(effect.source).name == "countdown.wav"
    player.play(cue(), "tone")
    player.flush()
    assert effect.plays and player._stops.pending() == []  # it ends by itself


@pytest.mark.qt_log_ignore("something else")
def test_other_warnings_pass_through_the_guard(qtbot: Any, qtlog: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)
    qWarning("something else")
    qWarning("something else")
    qtbot.wait(20)
    assert [r.message for r in qtlog.records].count("something else") == 2
    assert messages == [] and player.available


def test_plug_descriptor_fills_only_a_closed_descriptor() -> None:
    if not hasattr(os, "eventfd"):
        pytest.skip("Linux only")
    fd = os.open(os.devnull, os.O_RDONLY)
    try:
        before = os.fstat(fd)
        assert not plug_descriptor(fd)  # open: left alone
        assert os.fstat(fd).st_rdev == before.st_rdev
    finally:
        os.close(fd)
    fd = free_descriptor()
    assert plug_descriptor(fd)
    try:
        os.fstat(fd)
    finally:
        os.close(fd)
    assert not plug_descriptor(1 << 30)  # past the limit: nothing to do


def test_plug_holes_fills_every_closed_descriptor_below_the_highest() -> None:
    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("Linux only")
    fds = [os.open(os.devnull, os.O_RDONLY) for _ in range(3)]
    os.close(fds[1])
    plugged = plug_holes()
    try:
        assert fds[1] in plugged
        os.fstat(fds[1])
    finally:
        for fd in [fds[0], fds[2], *plugged]:
            os.close(fd)


def _current_handler() -> object:
    current = qInstallMessageHandler(None)
    qInstallMessageHandler(current)
    return current


def test_one_guard_for_all_players_removed_when_the_last_goes(qtbot: Any) -> None:
    before = _current_handler()
    first = CuePlayer(ASSETS, AudioSettings())
    guard = _current_handler()
    assert guard is not before and fault_guard.installed()
    second = CuePlayer(ASSETS, AudioSettings())
    assert _current_handler() is guard  # one handler, not one per player
    del first
    gc.collect()
    assert _current_handler() is guard  # the second player still needs it
    del second
    gc.collect()
    assert _current_handler() is before and not fault_guard.installed()


def test_the_log_keeps_only_the_latest_starts(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    warm(qtbot, player)
    for _ in range(3 * player_module.LOG_LENGTH):
        player.play(cue(), "tone")
        player.flush()
    assert player_module.LOG_LENGTH <= len(player.log) <= 2 * player_module.LOG_LENGTH
