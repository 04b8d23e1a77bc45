"""How the player drives Qt's sound effects (with a stand-in for QSoundEffect, no sound card):
every clip loaded once and reused, stopped in the silence after it rather than left to end by
itself, the output held open, and Qt's broken-notifier flood turned into one problem."""

from __future__ import annotations

import os
import threading
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import qWarning

from psoas_timer.audio import player as player_module
from psoas_timer.audio.assets import Assets
from psoas_timer.audio.player import (
    KEEP_ALIVE,
    MSG_BACKEND_FAULT,
    STOP_AFTER,
    STREAM_LATENCY_MS,
    TAIL_PAD,
    CuePlayer,
    plug_descriptor,
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


def keepers(player: CuePlayer) -> list[FakeEffect]:
    return list(player._keepers.values())


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
        assert effect.loops == 2  # never left to end by itself (see the player's doc)
        copy, rate = samples(Path(effect.source))
        clip, _ = samples(path)
        assert copy[: len(clip)] == clip
        assert len(copy) - len(clip) == round(TAIL_PAD * rate)
        assert not any(copy[len(clip) :])
    made = len(FakeEffect.made)
    warm(qtbot, player)
    assert len(FakeEffect.made) == made  # nothing made twice


def test_warm_up_opens_the_output_with_a_silent_voice(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    (keeper,) = keepers(player)  # all clips share one format: one stream, one keeper
    assert keeper.sources_set == 1 and not keeper.isPlaying()  # Qt opens it, paused
    warm(qtbot, player)
    assert keepers(player) == [keeper]
    assert keeper.isPlaying() and keeper.loops == -2  # QSoundEffect::Infinite
    assert keeper.volume() == 1.0  # Qt blanks the whole mix for a voice at volume 0
    silence, rate = samples(Path(keeper.source))
    assert rate == 16_000 and len(silence) == rate and not any(silence)
    assert player._keep_timer.isActive()
    assert player._keep_timer.interval() == round(KEEP_ALIVE * 1000)


def test_a_cue_before_warm_up_opens_the_output_too(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    player.play(cue(), "tone")
    player.flush()
    assert clip_effects(player)["countdown.wav"].plays
    assert [k.isPlaying() for k in keepers(player)] == [True]


def test_repeated_overlapping_plays_reuse_the_same_effects(qtbot: Any) -> None:
    clock = FakeClock()
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    warm(qtbot, player)
    made = list(FakeEffect.made)
    for _ in range(40):  # a tone and its voice line, then the next cue over the tail
        player.play(cue("end"), "both")
        player.flush()
        clock.advance(0.35)
        player._on_queue_due()
        player._on_stops_due()
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
    player._on_stops_due()
    assert effect.isPlaying()  # the clip (and a little silence) still going
    clock.advance(0.02)
    player._on_stops_due()
    assert not effect.isPlaying() and effect.stops == 1
    assert STOP_AFTER < TAIL_PAD  # so the stop falls in the silence
    assert [k.isPlaying() for k in keepers(player)] == [True]  # the output stays open


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
    player._on_stops_due()
    assert effect.isPlaying()
    clock.advance(0.06)
    player._on_stops_due()
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
    assert effect.plays and player._stops == []  # Qt starts it once it has loaded
    clock.advance(1.0)
    effect.finish_loading()
    ((due, _, path),) = player._stops
    assert path.name == "countdown.wav"
    assert due == pytest.approx(clock() + 0.12 + STOP_AFTER, abs=0.01)


def test_stop_all_silences_the_clips_and_keeps_the_output(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    warm(qtbot, player)
    player.play(cue("end"), "both")
    player.flush()
    player.stop_all()
    assert not any(e.isPlaying() for e in player._effects.values())
    assert player._stops == [] and not player._stop_timer.isActive()
    assert [k.isPlaying() for k in keepers(player)] == [True]


def test_an_idle_output_is_released_and_the_next_cue_opens_it(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    warm(qtbot, player)
    player._keep_timer.timeout.emit()  # KEEP_ALIVE seconds without a cue
    assert [k.isPlaying() for k in keepers(player)] == [False]
    made = len(FakeEffect.made)
    player.play(cue(), "tone")
    player.flush()
    assert [k.isPlaying() for k in keepers(player)] == [True]
    assert len(FakeEffect.made) == made


def test_the_stream_latency_is_set_unless_the_user_chose_one(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PULSE_LATENCY_MSEC", raising=False)
    CuePlayer(ASSETS, AudioSettings())
    assert os.environ["PULSE_LATENCY_MSEC"] == str(STREAM_LATENCY_MS)
    monkeypatch.setenv("PULSE_LATENCY_MSEC", "35")
    CuePlayer(ASSETS, AudioSettings())
    assert os.environ["PULSE_LATENCY_MSEC"] == "35"


def free_descriptor() -> int:
    fd = os.open(os.devnull, os.O_RDONLY)
    os.close(fd)
    return fd


@pytest.mark.qt_log_ignore("QSocketNotifier")
def test_a_flood_of_broken_notifier_warnings_is_one_problem_and_silence(
    qtbot: Any, qtlog: Any
) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)
    warm(qtbot, player)
    player.play(cue("end"), "both")
    player.flush()
    fd = free_descriptor()
    try:
        for _ in range(500):  # what Qt's event loop prints, every turn, once it breaks
            qWarning(FLOOD.format(fd=fd))
        qtbot.waitUntil(lambda: bool(messages))
        qtbot.wait(20)
        assert messages == [MSG_BACKEND_FAULT]
        assert not player.available
        assert not any(e.isPlaying() for e in player._effects.values())
        assert not any(k.isPlaying() for k in keepers(player))
        os.fstat(fd)  # the dead descriptor is plugged: the loop has nothing to spin on
        passed_on = [r for r in qtlog.records if "Invalid socket" in r.message]
        assert len(passed_on) == 1  # said once, not 500 times
        plays = sum(len(e.plays) for e in player._effects.values())
        player.play(cue(), "tone")
        player.flush()
        assert sum(len(e.plays) for e in player._effects.values()) == plays  # silent now
        assert Path(player.log[-1][1]).name == "countdown.wav"  # still follows the cues
    finally:
        os.close(fd)


@pytest.mark.qt_log_ignore("QSocketNotifier")
def test_the_guard_hears_the_fault_from_the_audio_thread(qtbot: Any) -> None:
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)
    thread = threading.Thread(target=lambda: qWarning(OFF_THREAD))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == [MSG_BACKEND_FAULT]


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
