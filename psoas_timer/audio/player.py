"""The Qt side of audio: plays fired cues through preloaded QSoundEffects, in-process.

Usage (the UI)::

    player = CuePlayer(assets_dir, settings, parent)
    player.problem.connect(status_bar.showMessage)   # at most once per kind of trouble
    player.warm_up()                                   # preload and prime every clip
    for fired in session.poll():
        player.play(fired, plan.cue_style)
    player.stop_all()                                  # on pause, stop, skip

Why QSoundEffect: it plays 16-bit WAV from memory in-process, with no process per cue and
no blocking call, and reports errors. Measured from a cue's scheduled moment to the sound
reaching a PulseAudio sink it takes about a millisecond once primed (see
``benchmarks/cue_latency.py``). Priming matters: each effect's first play opens its stream
(50–450 ms here, 1.5 s elsewhere), so :meth:`warm_up` plays every clip once at an inaudible
volume. (It must not be volume 0: Qt then drops the effect's next real play.)

When there is no Qt Multimedia (on Linux it needs ``libpulse0``), no sound server or no
output device, the player stays silent, emits :attr:`problem` once with what is missing and
how to fix it, and everything else goes on: the screen shows every cue.

Text with no pre-rendered clip goes to QTextToSpeech when an engine works, guarded by a
timeout (speech-dispatcher can sit in "Speaking" forever with no sound server); otherwise a
tone plays and the screen shows the text.
"""

from __future__ import annotations

import heapq
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, qInstallMessageHandler

from psoas_timer.core.engine import FiredCue
from psoas_timer.pyside_fix import keep_singletons_alive

from .assets import Assets
from .cues import Channel, Clip, Scheduled, Sequencer
from .settings import AudioSettings

__all__ = ["CuePlayer"]

keep_singletons_alive()  # PySide6 6.12 on Python 3.11: every void call drops None's count

#: Inaudible (-80 dB) but not zero: what a clip is primed at.
PRIME_VOLUME = 1e-4
#: How long (ms) a primed clip plays before it is stopped: a long breath sound left playing,
#: even inaudibly, keeps the output busy and adds Qt's buffer (~40 ms) to every cue.
PRIME_MS = 120
#: Cues that fall due within this of each other are placed together (tones, then voice).
SAME_MOMENT = 0.05
#: Extra time a spoken line may take beyond its estimate before speech counts as stuck.
TTS_GRACE = 4.0

#: Backend chatter that says nothing the problem message doesn't say better.
_CHATTER = ("pipewire", "PulseAudioService", "pa_context", "text-to-speech plug-in", "speechd")
_CHATTER_CATEGORIES = ("qt.multimedia.symbolsresolver", "qt.multimedia.ffmpeg")

MSG_NO_QTMULTIMEDIA = (
    "No sound: Qt Multimedia could not load ({error}). On Linux install the PulseAudio client "
    "library (sudo apt install libpulse0) and restart. Cues are shown on screen."
)
MSG_NO_SERVER = (
    "No sound: no sound server is running. Start PulseAudio or PipeWire (for example "
    "'pulseaudio --start') and restart. Cues are shown on screen."
)
MSG_NO_DEVICE = (
    "No sound: no audio output device was found. Connect speakers or headphones and "
    "restart. Cues are shown on screen."
)
MSG_NO_ASSETS = (
    "Some sounds are missing from {path}: reinstall Psoas Timer. Cues are shown on screen."
)
MSG_BAD_CLIP = "A sound file could not be loaded ({name}): reinstall Psoas Timer."
MSG_TTS_STUCK = (
    "Text-to-speech is not responding, so your own prompts are shown on screen with a tone. "
    "Check that speech-dispatcher and a sound server are running."
)


def _import_multimedia() -> ModuleType:
    """Import QtMultimedia (a seam for tests that simulate a missing libpulse0)."""
    from PySide6 import QtMultimedia

    return QtMultimedia


def _import_tts() -> ModuleType:
    from PySide6 import QtTextToSpeech

    return QtTextToSpeech


@contextmanager
def _quiet_backend(seen: list[str]) -> Iterator[None]:
    """Collect the multimedia backend's chatter while it starts; pass anything else on."""

    def handler(mode: Any, context: Any, message: str) -> None:
        category = getattr(context, "category", "") or ""
        if category.startswith(_CHATTER_CATEGORIES) or any(c in message for c in _CHATTER):
            seen.append(message)
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


class CuePlayer(QObject):
    """Plays :class:`FiredCue` objects. Never blocks; silent (with :attr:`problem`) if it must."""

    #: A short message saying what is missing and how to fix it (once per kind of trouble).
    problem = Signal(str)

    def __init__(
        self,
        assets_dir: Path,
        settings: AudioSettings,
        parent: QObject | None = None,
        *,
        tts_engine: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._assets = Assets(Path(assets_dir))
        self._settings = settings
        self._sequencer = Sequencer(self._assets, settings)
        self._clock = clock
        self._tts_engine = tts_engine
        self._effects: dict[Path, Any] = {}
        self._primed: set[Path] = set()
        self._priming: list[tuple[Any, Path]] = []
        self._prime_timer = QTimer(self)
        self._prime_timer.setSingleShot(True)
        self._prime_timer.setInterval(PRIME_MS)
        self._prime_timer.timeout.connect(self._on_primed)
        self._pending: list[tuple[FiredCue, str]] = []
        self._queue: list[tuple[float, int, Scheduled]] = []  # a heap: (clock time, n, item)
        self._queued = 0
        self._queue_timer = QTimer(self)
        self._queue_timer.setSingleShot(True)
        self._queue_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._queue_timer.timeout.connect(self._on_queue_due)
        self._problems: list[str] = []
        self._unsent: list[str] = []
        self._problem_timer = QTimer(self)
        self._problem_timer.setSingleShot(True)
        self._problem_timer.setInterval(0)
        self._problem_timer.timeout.connect(self._on_problem_due)
        self._multimedia: ModuleType | None = None
        self._tts: Any = None
        self._tts_broken = False
        self._tts_watchdog = QTimer(self)
        self._tts_watchdog.setSingleShot(True)
        self._tts_watchdog.timeout.connect(self._on_tts_stuck)
        #: Every clip or text started, as (clock time, path or text): for tests and the benchmark.
        self.log: list[tuple[float, str]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self._open_output()

    # -- state -----------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """True when sound can play (False: silent, with a problem reported)."""
        return self._multimedia is not None

    @property
    def problem_text(self) -> str | None:
        """The first problem, for a UI that connects to :attr:`problem` late."""
        return self._problems[0] if self._problems else None

    @property
    def settings(self) -> AudioSettings:
        return self._settings

    def _report(self, message: str) -> None:
        if message in self._problems:
            return
        self._problems.append(message)
        self._unsent.append(message)
        # Deferred: whoever connects right after construction still hears about it.
        self._problem_timer.start()

    def _on_problem_due(self) -> None:
        unsent, self._unsent = self._unsent, []
        for message in unsent:
            self.problem.emit(message)

    def _open_output(self) -> None:
        seen: list[str] = []
        with _quiet_backend(seen):
            try:
                multimedia = _import_multimedia()
            except ImportError as exc:
                self._report(MSG_NO_QTMULTIMEDIA.format(error=str(exc).split(":")[0] or exc))
                return
            outputs = multimedia.QMediaDevices.audioOutputs()
        if not outputs:
            no_server = any("pa_context" in m or "PulseAudioService" in m for m in seen)
            self._report(MSG_NO_SERVER if no_server else MSG_NO_DEVICE)
            return
        if not self._assets.sounds.is_dir():
            self._report(MSG_NO_ASSETS.format(path=self._assets.root))
        self._multimedia = multimedia

    # -- public API ------------------------------------------------------------------
    def warm_up(self) -> None:
        """Preload every clip and prime each one at an inaudible volume, so the first cue
        is as prompt as the rest. Returns at once; loading finishes in the background."""
        if self._multimedia is None:
            return
        for path in self._assets.all_clips(self._settings.tone_style):
            self._effect(path)

    def set_settings(self, settings: AudioSettings) -> None:
        style_changed = settings.tone_style != self._settings.tone_style
        self._settings = settings
        self._sequencer.settings = settings
        if settings.muted:
            self.stop_all()
        for path, effect in self._effects.items():
            if path in self._primed and not effect.isPlaying():
                effect.setVolume(settings.volume(self._channel(path)))  # now, not at the cue
        if style_changed and self._effects:
            self.warm_up()

    def play(self, fired: FiredCue, style: str) -> None:
        """Play *fired* (routine cue style *style*). Returns at once.

        Cues handed over in the same turn of the event loop are placed together: tones at
        once, then the voice lines one after another.
        """
        self._pending.append((fired, style))
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Start what :meth:`play` queued (the event loop calls this at once by itself)."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, []
        if not pending:
            return
        now = self._clock()
        groups: list[list[tuple[FiredCue, str]]] = []
        for item in sorted(pending, key=lambda p: p[0].due):
            if groups and item[0].due - groups[-1][0][0].due <= SAME_MOMENT:
                groups[-1].append(item)
            else:
                groups.append([item])
        for group in groups:
            batch = [(now, fired.cue, fired.segment) for fired, _ in group]
            for placed in self._sequencer.place(batch, group[0][1]):
                if placed.at - now <= 0.002:
                    self._start(placed)
                else:
                    self._queued += 1
                    heapq.heappush(self._queue, (placed.at, self._queued, placed))
        self._arm_queue()

    def stop_all(self) -> None:
        """Silence everything now and forget queued voice lines (pause, stop, skip)."""
        self._pending.clear()
        self._flush_timer.stop()
        self._queue.clear()
        self._queue_timer.stop()
        self._sequencer.reset()
        for effect in self._effects.values():
            if effect.isPlaying():
                effect.stop()
        if self._tts is not None and self._tts_watchdog.isActive():
            self._tts_watchdog.stop()
            self._tts.stop()

    # -- playing ---------------------------------------------------------------------
    def _arm_queue(self) -> None:
        if self._queue:
            delay = self._queue[0][0] - self._clock()
            self._queue_timer.start(max(0, round(delay * 1000)))
        else:
            self._queue_timer.stop()

    def _on_queue_due(self) -> None:
        now = self._clock()
        while self._queue and self._queue[0][0] - now <= 0.002:
            self._start(heapq.heappop(self._queue)[2])
        self._arm_queue()

    def _start(self, item: Scheduled) -> None:
        if item.clip is not None:
            self._play_clip(item.clip, item.volume)
        elif item.text and not self._speak(item.text, item.volume) and item.fallback is not None:
            self._play_clip(item.fallback, item.fallback.volume)

    def _play_clip(self, clip: Clip, volume: float) -> None:
        self.log.append((self._clock(), str(clip.path)))
        if self._multimedia is None or volume <= 0:
            return
        effect = self._effect(clip.path)
        if abs(effect.volume() - volume) > 1e-3:
            effect.setVolume(volume)
        effect.play()

    def _effect(self, path: Path) -> Any:
        effect = self._effects.get(path)
        if effect is None:
            assert self._multimedia is not None
            effect = self._multimedia.QSoundEffect(self)
            effect.statusChanged.connect(lambda e=effect, p=path: self._on_status(e, p))
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[path] = effect
        return effect

    def _on_primed(self) -> None:
        """Stop the primed clips and set each one's real volume now: a volume change costs
        the next play ~50 ms, so it must not wait for the first cue."""
        priming, self._priming = self._priming, []
        for effect, path in priming:
            if effect.volume() < 2 * PRIME_VOLUME:  # not taken over by a real cue
                effect.stop()
                effect.setVolume(self._settings.volume(self._channel(path)))

    def _channel(self, path: Path) -> Channel:
        if path.parent == self._assets.sounds / "breathing":
            return "breathing"
        return "voice" if path.parent == self._assets.voice_dir else "tone"

    def _on_status(self, effect: Any, path: Path) -> None:
        assert self._multimedia is not None
        status = effect.status()
        states = self._multimedia.QSoundEffect.Status
        if status == states.Ready and path not in self._primed:
            self._primed.add(path)
            if not effect.isPlaying():  # a real cue may have got there first
                effect.setVolume(PRIME_VOLUME)  # opens the stream now, not at the first cue
                effect.play()
                self._priming.append((effect, path))
                self._prime_timer.start()
        elif status == states.Error:
            self._report(MSG_BAD_CLIP.format(name=path.name))

    # -- speech ----------------------------------------------------------------------
    def _speech(self) -> Any:
        if self._tts is not None or self._tts_broken:
            return self._tts
        if self._multimedia is None and self._tts_engine != "mock":
            self._tts_broken = True  # nothing would be heard anyway
            return None
        seen: list[str] = []
        tts: Any = None
        with _quiet_backend(seen):
            try:
                speech = _import_tts().QTextToSpeech
            except ImportError:
                speech = None
            engine = self._tts_engine
            if speech is not None and engine is None:
                engines = [e for e in speech.availableEngines() if e != "mock"]
                engine = engines[0] if engines else None
            if speech is not None and engine:
                tts = speech(engine, self)
        if tts is None or tts.state() == speech.State.Error:
            self._tts_broken = True
            return None
        tts.stateChanged.connect(self._on_tts_state)
        self._tts = tts
        return tts

    def _speak(self, text: str, volume: float) -> bool:
        if volume <= 0:
            return True
        tts = self._speech()
        if tts is None:
            return False
        self.log.append((self._clock(), f"say:{text}"))
        tts.setVolume(volume)
        tts.say(text)
        self._tts_watchdog.start(round((TTS_GRACE + 0.1 * len(text)) * 1000))
        return True

    def _on_tts_state(self, state: Any) -> None:
        if self._tts is not None and state != type(state).Speaking:
            self._tts_watchdog.stop()

    def _on_tts_stuck(self) -> None:
        if self._tts is not None:
            self._tts.stop()
        self._tts = None
        self._tts_broken = True
        self._report(MSG_TTS_STUCK)
