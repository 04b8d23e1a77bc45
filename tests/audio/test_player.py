"""The Qt adapter, offscreen and with no sound card: right cue, right time; silence when
it should be; the missing-device paths say so once and never crash."""

from __future__ import annotations

import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QObject, Signal, qWarning

from psoas_timer.audio import player as player_module
from psoas_timer.audio.assets import Assets
from psoas_timer.audio.cues import VOICE_AFTER_TONE
from psoas_timer.audio.player import (
    MSG_NO_DEVICE,
    MSG_NO_QTMULTIMEDIA,
    MSG_NO_SERVER,
    CuePlayer,
)
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import FiredCue, Session
from psoas_timer.core.plan import Cue

from .helpers import ASSETS, CROWDED, HOLDS, plan_of

pytestmark = pytest.mark.gui


class FakeEffect(QObject):
    """Stands in for QSoundEffect: loads at once (or when told) and records what it is asked."""

    statusChanged = Signal()  # noqa: N815
    Status = types.SimpleNamespace(Null=0, Loading=1, Ready=2, Error=3)
    made: ClassVar[list[FakeEffect]] = []
    load_at_once: ClassVar[bool] = True

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = ""
        self.sources_set = 0
        self.loops = 1
        self._volume = 1.0
        self.plays: list[float] = []
        self.stops = 0
        self._playing = False
        self._status = 0
        FakeEffect.made.append(self)

    def setSource(self, url: Any) -> None:
        self.source = url.toLocalFile()
        self.sources_set += 1
        self._status = 1
        if FakeEffect.load_at_once:
            self.finish_loading()

    def finish_loading(self) -> None:
        self._status = 2
        self.statusChanged.emit()

    def status(self) -> int:
        return self._status

    def setLoopCount(self, n: int) -> None:
        self.loops = n

    def setVolume(self, v: float) -> None:
        self._volume = v

    def volume(self) -> float:
        return self._volume

    def play(self) -> None:
        self.plays.append(self._volume)
        self._playing = True

    def isPlaying(self) -> bool:
        return self._playing

    def stop(self) -> None:
        self.stops += 1
        self._playing = False


def fake_multimedia(outputs: list[object], warn: str | None = None) -> Callable[[], Any]:
    def devices() -> list[object]:
        if warn:
            qWarning(warn)  # what Qt's PulseAudio backend says with no server
        return outputs

    module = types.SimpleNamespace(
        QMediaDevices=types.SimpleNamespace(audioOutputs=devices), QSoundEffect=FakeEffect
    )
    return lambda: module


@pytest.fixture
def silent(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound device, the same on every machine (CI has none)."""
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([]))


@pytest.fixture
def fake_device(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeEffect.made.clear()
    monkeypatch.setattr(FakeEffect, "load_at_once", True)
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([object()]))


def drive(
    session: Session, clock: FakeClock, player: CuePlayer, seconds: float, tick: float = 0.05
) -> list[FiredCue]:
    fired: list[FiredCue] = []
    for _ in range(round(seconds / tick)):
        clock.advance(tick)
        now = session.poll()
        for f in now:
            player.play(f, session.plan.cue_style)
        player.flush()
        fired += now
    return fired


def clips_after(player: CuePlayer, t0: float) -> list[tuple[float, str]]:
    return [(t - t0, Path(p).name) for t, p in player.log]


@pytest.mark.usefixtures("silent")
def test_the_adapter_gets_each_cue_at_its_time(qtbot: Any) -> None:
    clock = FakeClock()
    plan = plan_of(HOLDS)
    player = CuePlayer(ASSETS, AudioSettings(style_override="tone"), clock=clock)
    session = Session(plan, clock)
    t0 = clock()
    for f in session.start():
        player.play(f, plan.cue_style)
    player.flush()
    drive(session, clock, player, plan.total + 1)
    played = clips_after(player, t0)
    planned = [(c["at"], c["kind"]) for c in plan.to_json()["cues"]]
    for at, kind in planned:
        if kind in ("countdown", "start", "halfway", "milestone"):
            hits = [t for t, _ in played if abs(t - at) < 0.051]
            assert hits, f"{kind} at {at} never played"
            assert min(hits) >= at - 1e-9  # never early; at most one poll late
    assert [name for _, name in played].count("countdown.wav") == sum(
        1 for _, kind in planned if kind == "countdown"
    )


@pytest.mark.usefixtures("silent")
def test_a_paused_session_is_silent(qtbot: Any) -> None:
    clock = FakeClock()
    plan = plan_of(HOLDS)
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    session = Session(plan, clock)
    for f in session.start():
        player.play(f, plan.cue_style)
    player.flush()
    drive(session, clock, player, 12)
    session.pause()
    player.stop_all()
    heard = len(player.log)
    drive(session, clock, player, 60)
    assert len(player.log) == heard
    session.resume()
    drive(session, clock, player, 16)  # the milestone at 15 s into the hold
    assert len(player.log) > heard


@pytest.mark.usefixtures("silent")
def test_a_skipped_segment_does_not_sound(qtbot: Any) -> None:
    clock = FakeClock()
    plan = plan_of(HOLDS)
    player = CuePlayer(ASSETS, AudioSettings(style_override="tone"), clock=clock)
    session = Session(plan, clock)
    for f in session.start():
        player.play(f, plan.cue_style)
    drive(session, clock, player, 11)  # into Pigeon pose, left side
    hold = session.segment
    assert hold.kind == "hold"
    for f in session.next():  # skip the rest of the hold
        player.play(f, plan.cue_style)
    player.flush()
    mark = clock()
    # the skipped hold's milestone would have come 14 s from here, the next hold's at 20 s
    drive(session, clock, player, 18)
    later = [Path(p).name for t, p in player.log if t > mark]
    assert "start.wav" in later  # the next hold did start, after the switch
    assert "milestone.wav" not in later


@pytest.mark.parametrize(
    ("importer", "expected"),
    [
        (None, MSG_NO_QTMULTIMEDIA.split("(")[0]),
        (fake_multimedia([], "PulseAudioService: pa_context_connect() failed"), MSG_NO_SERVER),
        (fake_multimedia([]), MSG_NO_DEVICE),
    ],
)
def test_missing_sound_is_reported_once_and_play_still_works(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, importer: Callable[[], Any] | None, expected: str
) -> None:
    def broken() -> Any:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(player_module, "_import_multimedia", importer or broken)
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)  # connected after construction: still told
    player.warm_up()
    clock = FakeClock()
    plan = plan_of(HOLDS)
    session = Session(plan, clock)
    for f in session.start():
        player.play(f, plan.cue_style)
    qtbot.waitUntil(lambda: len(messages) >= 1)
    drive(session, clock, player, 20)
    qtbot.wait(20)
    assert len(messages) == 1
    assert messages[0].startswith(expected)
    assert "libpulse0" in messages[0] or importer is not None
    assert player.problem_text == messages[0]
    assert not player.available


def test_the_real_backend_constructs_offscreen(qtbot: Any) -> None:
    """With whatever this machine has (CI: no sound server): no crash, no Qt warning."""
    player = CuePlayer(ASSETS, AudioSettings())
    messages: list[str] = []
    player.problem.connect(messages.append)
    player.warm_up()
    fired = Session(plan_of(HOLDS), FakeClock()).start()
    for f in fired:
        player.play(f, "both")
    qtbot.wait(50)
    player.stop_all()
    assert player.available or len(messages) == 1


@pytest.mark.usefixtures("fake_device")
def test_play_uses_the_volume_and_never_plays_at_zero(qtbot: Any) -> None:
    settings = AudioSettings(master=0.5, tones=0.5)
    player = CuePlayer(ASSETS, settings)
    player.warm_up()
    by_file = {Path(e.source).name.split("-", 1)[-1]: e for e in FakeEffect.made}
    countdown = FiredCue(Cue("countdown", "3", 3.0, "end"), 0.0, None)
    player.play(countdown, "both")
    player.flush()
    assert by_file["countdown.wav"].plays == [pytest.approx(0.25)]
    player.set_settings(settings.with_(muted=True))
    player.play(countdown, "both")
    player.flush()
    assert len(by_file["countdown.wav"].plays) == 1  # muted: nothing more (Qt blanks at 0)


def test_text_without_a_clip_is_spoken_by_the_mock_engine(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([object()]))
    player = CuePlayer(ASSETS, AudioSettings(), tts_engine="mock")
    cue = type(Session(plan_of(HOLDS), FakeClock()).start()[0].cue)("prompt", "Wiggle your toes")
    player.play(FiredCue(cue, 0.0, None), "voice")
    player.flush()
    assert [p for _, p in player.log] == ["say:Wiggle your toes"]
    assert player._tts is not None
    qtbot.waitUntil(lambda: player._tts.state() == type(player._tts.state()).Ready, timeout=3000)


def test_stuck_speech_falls_back_to_a_tone_and_says_so(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(player_module, "_import_multimedia", fake_multimedia([object()]))
    monkeypatch.setattr(player_module, "TTS_GRACE", 0.05)
    player = CuePlayer(ASSETS, AudioSettings(), tts_engine="mock")
    messages: list[str] = []
    player.problem.connect(messages.append)
    cue = type(Session(plan_of(HOLDS), FakeClock()).start()[0].cue)("prompt", "My own prompt")
    player._speech()
    monkeypatch.setattr(player._tts, "say", lambda text: None)  # never leaves "Speaking"
    player._on_tts_state = lambda state: None  # type: ignore[method-assign]
    player.play(FiredCue(cue, 0.0, None), "voice")
    player.flush()
    qtbot.waitUntil(lambda: bool(messages), timeout=3000)
    assert "Text-to-speech" in messages[0]
    player.stop_all()  # forget the queued voice
    player.play(FiredCue(cue, 0.0, None), "voice")
    player.flush()
    assert Path(player.log[-1][1]).name == "milestone.wav"  # the fallback tone


@pytest.mark.usefixtures("fake_device")
def test_cues_at_one_instant_are_all_played_in_turn(qtbot: Any) -> None:
    """Issue 13 item 2, live: at the end of the left side's 90 s hold the plan has the
    end said as the milestone's words, a prompt and "Switch sides" at once; each is played, in the plan's
    order for one instant, one after another, and the right side's "Hold" still on time."""
    clock = FakeClock()
    plan = plan_of(CROWDED)
    player = CuePlayer(ASSETS, AudioSettings(), clock=clock)
    session = Session(plan, clock)
    t0 = clock()
    for f in session.start():
        player.play(f, plan.cue_style)
    player.flush()
    for _ in range(round(110 / 0.05)):
        clock.advance(0.05)
        for f in session.poll():
            player.play(f, plan.cue_style)
        player.flush()
        player._queue.run_due()  # the queue's timer, on the fake clock
    assets = Assets(ASSETS)
    voice = {
        str(assets.voice(t)): t
        for t in ("Ninety. Ease off slowly", "Keep breathing", "Switch sides")
    }
    end = next(s for s in plan.segments if s.kind == "hold").end
    said = [(t - t0, voice[p]) for t, p in player.log if p in voice and t - t0 >= end - 0.01]
    assert [text for _, text in said][:3] == [
        "Ninety. Ease off slowly",
        "Keep breathing",
        "Switch sides",
    ]
    times = [t for t, _ in said[:3]]
    lengths = [assets.duration(Path(str(assets.voice(text)))) for _, text in said[:3]]
    assert all(b >= a + d for a, b, d in zip(times[:2], times[1:], lengths[:2], strict=True))
    right = next(s for s in plan.segments if s.kind == "hold" and s.side == "right")
    side = str(assets.voice("Right side"))
    (t_side,) = [t - t0 for t, p in player.log if p == side]
    assert t_side == pytest.approx(right.start + VOICE_AFTER_TONE, abs=0.06)  # still on time
    player.stop_all()
