"""The Qt side of audio: plays fired cues through preloaded QSoundEffects, in-process.

Usage (the UI)::

    player = CuePlayer(assets_dir, settings, parent)
    player.problem.connect(status_bar.showMessage)   # at most once per kind of trouble
    player.warm_up()                                   # load every clip
    for fired in session.poll():
        player.play(fired, plan.cue_style)
    player.stop_all()                                  # on pause, stop, skip

Why QSoundEffect: it plays 16-bit WAV from memory in-process, with no process per cue and
no blocking call, and reports errors. ``benchmarks/cue_latency.py`` measures from a cue's
scheduled moment to its sound reaching a PulseAudio sink.

How Qt 6.11 plays them, and what the player does about it:

- Every effect whose clips share a format (here all: 16 kHz mono) plays through one shared
  output stream (Qt's ``QRtAudioEngine``). Each ``play()`` starts a "voice" mixed into it
  on PulseAudio's thread. A first play costs nothing extra, and neither does a volume change,
  so nothing needs priming.
- Qt pauses (corks) that stream whenever no voice plays, with up to its whole buffer
  (64 ms) still queued. A clip that ended by itself lost its last ~40 ms to the start of
  the *next* sound, and every cue came ~50 ms late. So no clip of the player's ends by
  itself. Each plays, looped, from a copy with :data:`TAIL_PAD` seconds of silence after
  it, and the player stops it :data:`STOP_AFTER` seconds after the clip's end, in the
  silence. Only silence is left queued, and the next cue waits at most one buffer.
- The stream's buffer is the delay of every cue. Qt leaves it at libpulse's default, so the
  player sets ``PULSE_LATENCY_MSEC`` (:data:`STREAM_LATENCY_MS`) before the first stream
  opens, unless it is set already. It affects only this process's PulseAudio streams. The
  first tone is loaded when the player is made, so Qt opens the stream (paused) then, not
  at a session's first cue.
- A voice that ends by itself can be freed on PulseAudio's thread if the main thread
  handles its end before the audio callback has returned. Its eventfd notifier then dies
  on the wrong thread and Qt's event loop spins on "QSocketNotifier: Invalid socket N"
  (once up to 23 GB). It re-checks the dead notifier in a loop it never leaves. Qt only
  serialises this when the ending voice was the last one: then it pauses the stream under
  PulseAudio's lock. So two clips ending close together were the danger, and the player's
  clips never end by themselves. The output is not held open between cues with a silent
  looping voice either. That measured ~14 ms instead of ~20, but any other QSoundEffect
  in the process that plays to its end would then be exposed every time. The smoke test's
  own clip faulted in 4 of 60 runs.
- If the fault happens anyway, a guard on Qt's messages (:mod:`.fault_guard`, one handler
  for the process, removed when the last player goes) acts at the audio thread's first
  warning. It plugs the closed descriptor before the main thread polls it, and the player
  goes silent with one :attr:`problem`. If the event loop is caught already, the process
  exits rather than spin.
- Never play anything at volume 0 (or muted): Qt writes zeros over the whole mix for such
  a voice, blanking whatever else plays in that moment.

When there is no Qt Multimedia (on Linux it needs ``libpulse0``), no sound server or no
output device, the player stays silent, emits :attr:`problem` once with what is missing and
how to fix it, and everything else goes on: the screen shows every cue.

Text with no pre-rendered clip goes to QTextToSpeech when an engine works, guarded by a
timeout (speech-dispatcher can sit in "Speaking" forever with no sound server); otherwise a
tone plays and the screen shows the text.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import wave
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
    qInstallMessageHandler,
)

from psoas_timer.core.engine import FiredCue
from psoas_timer.i18n import N_, _, language

from . import fault_guard
from .assets import TONE_NAMES, Assets, write_padded
from .cues import Clip, Scheduled, Sequencer
from .fault_guard import pass_on
from .schedule import Schedule
from .settings import AudioSettings

__all__ = ["CuePlayer"]

_log = logging.getLogger(__name__)

#: The output stream's buffer (ms), given to libpulse as ``PULSE_LATENCY_MSEC``: each cue's
#: delay. 20 ms measures 13-18 ms on a null sink, with room before underruns.
STREAM_LATENCY_MS = 20
#: Silence after each clip in the copy it plays from (s)...
TAIL_PAD = 0.75
#: ...and when, after the clip's end, the player stops it (s). A main thread late by up to
#: TAIL_PAD - STOP_AFTER still stops it in silence; later, the clip repeats until stopped
#: (it loops: a clip that ended by itself could hang the event loop, see the module doc).
STOP_AFTER = 0.15
#: How long (ms) warm-up may hold the event loop per turn (each clip is a file written).
WARM_SLICE_MS = 4
#: Cues that fall due within this of each other are placed together (tones, then voice).
SAME_MOMENT = 0.05
#: Extra time a spoken line may take beyond its estimate before speech counts as stuck.
TTS_GRACE = 4.0
#: How many of the latest starts :attr:`CuePlayer.log` keeps (up to twice as many, briefly).
LOG_LENGTH = 200
#: QSoundEffect::Infinite.
_INFINITE = -2
#: The padded copies live in a temporary folder named this, the process id and a suffix.
_SCRATCH = "psoas-timer-cues-"

#: The messages are marked here and translated where reported.
#: Backend chatter that says nothing the problem message doesn't say better.
_CHATTER = ("pipewire", "PulseAudioService", "pa_context", "text-to-speech plug-in", "speechd")
_CHATTER_CATEGORIES = ("qt.multimedia.symbolsresolver", "qt.multimedia.ffmpeg")
MSG_NO_QTMULTIMEDIA = N_(
    "No sound: Qt Multimedia could not load ({error}). On Linux install the PulseAudio client "
    "library (sudo apt install libpulse0) and restart. Cues are shown on screen."
)
MSG_NO_SERVER = N_(
    "No sound: no sound server is running. Start PulseAudio or PipeWire (for example "
    "'pulseaudio --start') and restart. Cues are shown on screen."
)
MSG_NO_DEVICE = N_(
    "No sound: no audio output device was found. Connect speakers or headphones and "
    "restart. Cues are shown on screen."
)
MSG_NO_ASSETS = N_(
    "Some sounds are missing from {path}: reinstall Psoas Timer. Cues are shown on screen."
)
MSG_BAD_CLIP = N_("A sound file could not be loaded ({name}): reinstall Psoas Timer.")
MSG_BACKEND_FAULT = N_(
    "Sound stopped: Qt's audio backend failed (its event notifier broke). Cues are shown on "
    "screen; restart Psoas Timer to get sound back."
)
MSG_TTS_STUCK = N_(
    "Text-to-speech is not responding, so your own prompts are shown on screen with a tone. "
    "Check that speech-dispatcher and a sound server are running."
)


def _speak_language(tts: Any) -> None:
    """Point *tts* at a voice of the app's language (its own default may be another)."""
    from PySide6.QtCore import QLocale

    code = language().split("@", 1)[0]
    try:
        wanted = QLocale(code)
        if wanted.language() == QLocale.Language.C:
            return
        available = tts.availableLocales()
        same = [loc for loc in available if loc.name() == wanted.name()]
        close = [loc for loc in available if loc.language() == wanted.language()]
        if same or close:
            tts.setLocale((same or close)[0])
    except (RuntimeError, AttributeError):  # an engine without locales: its own voice
        _log.info("text-to-speech cannot choose a voice for %s", code, exc_info=True)


def _import_multimedia() -> ModuleType:
    """Import QtMultimedia (a seam for tests that simulate a missing libpulse0)."""
    from PySide6 import QtMultimedia

    return QtMultimedia


def _import_tts() -> ModuleType:
    from PySide6 import QtTextToSpeech

    return QtTextToSpeech


def _remove_orphans() -> None:
    """Remove the padded copies of players whose process died without cleaning up."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_SCRATCH}*-*"):
        pid = folder.name[len(_SCRATCH) :].split("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, another user's
            pass


@contextmanager
def _quiet_backend(seen: list[str]) -> Iterator[None]:
    """Collect the multimedia backend's chatter while it starts; pass anything else on."""

    def handler(mode: Any, context: Any, message: str) -> None:
        category = getattr(context, "category", "") or ""
        if category.startswith(_CHATTER_CATEGORIES) or any(c in message for c in _CHATTER):
            seen.append(message)
            return
        pass_on(previous, mode, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


class CuePlayer(QObject):
    """Plays :class:`FiredCue` objects. Never blocks; silent (with :attr:`problem`) if it must."""

    #: A short message saying what is missing and how to fix it (once per kind of trouble).
    problem = Signal(str)
    #: Qt's audio backend broke (emitted from any thread; handled on the player's).
    backend_fault = Signal(str)

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
        # the clips of the language the app speaks (chosen at start: a change applies after
        # a restart), English ones for what it has none of
        self._assets = Assets(Path(assets_dir), language())
        self._settings = settings
        self._sequencer = Sequencer(self._assets, settings)
        self._clock = clock
        self._tts_engine = tts_engine
        #: One effect per clip, made once and kept: never deleted, never given a new source.
        self._effects: dict[Path, Any] = {}
        self._durations: dict[Path, float] = {}
        self._plays: dict[Path, int] = {}  # how many times each clip was started
        self._loading: set[Path] = set()  # started before its effect was ready
        #: When to stop each clip: (play n, clip), stopped if that play is still the last.
        self._stops: Schedule[tuple[int, Path]] = Schedule(
            self, clock, self._on_stop_due, early=0.001
        )
        self._scratch: Path | None = None  # the padded copies and silences, removed with us
        self._to_load: list[Path] = []  # warm-up's clips not made yet
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm_more)
        self._pending: list[tuple[FiredCue, str]] = []
        self._queue: Schedule[Scheduled] = Schedule(self, clock, self._start, early=0.002)
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
        #: The latest clips or texts started, as (clock time, path or text), at most
        #: LOG_LENGTH of them: for tests and the benchmark.
        self.log: list[tuple[float, str]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self.backend_fault.connect(self._on_backend_fault, Qt.ConnectionType.QueuedConnection)
        self._open_output()
        if self._multimedia is not None:
            fault_guard.watch(self)
            self._prepare_output()

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

    def _remember(self, started: str) -> None:
        self.log.append((self._clock(), started))
        if len(self.log) > 2 * LOG_LENGTH:
            del self.log[:-LOG_LENGTH]

    def _report(self, message: str) -> None:
        if message in self._problems:
            return
        _log.warning("sound: %s", message)
        self._problems.append(message)
        self._unsent.append(message)
        # Deferred: whoever connects right after construction still hears about it.
        self._problem_timer.start()

    def _on_problem_due(self) -> None:
        unsent, self._unsent = self._unsent, []
        for message in unsent:
            self.problem.emit(message)

    def _open_output(self) -> None:
        # Read by libpulse when a stream connects, so it must be set before the first one.
        os.environ.setdefault("PULSE_LATENCY_MSEC", str(STREAM_LATENCY_MS))
        seen: list[str] = []
        with _quiet_backend(seen):
            try:
                multimedia = _import_multimedia()
            except ImportError as exc:
                self._report(_(MSG_NO_QTMULTIMEDIA).format(error=str(exc).split(":")[0] or exc))
                return
            outputs = multimedia.QMediaDevices.audioOutputs()
        if not outputs:
            no_server = any("pa_context" in m or "PulseAudioService" in m for m in seen)
            self._report(_(MSG_NO_SERVER) if no_server else _(MSG_NO_DEVICE))
            return
        if not self._assets.sounds.is_dir():
            self._report(_(MSG_NO_ASSETS).format(path=self._assets.root))
        self._multimedia = multimedia

    # -- public API ------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load every clip a session may play and open the output (a silent voice holds it
        open), so the first cue is as prompt as the rest. Returns within a few ms; the
        rest loads over the next turns of the event loop (a clip a cue needs sooner is
        made at once). Calling it again loads only what is new."""
        if self._multimedia is None:
            return
        clips = self._assets.all_clips(self._settings.tone_style)
        self._to_load = [path for path in clips if path not in self._effects]
        self._warm_more(at_least=len(TONE_NAMES))  # the tones now: a session starts with one

    def _warm_more(self, at_least: int = 1) -> None:
        """Make warm-up's next clips, for at most WARM_SLICE_MS, then let the loop run."""
        if self._multimedia is None:
            self._to_load.clear()
            return
        start = time.perf_counter()
        made = 0
        while self._to_load and (
            made < at_least or (time.perf_counter() - start) * 1000 < WARM_SLICE_MS
        ):
            self._effect(self._to_load.pop(0))
            made += 1
        if self._to_load:
            self._warm_timer.start()

    def set_settings(self, settings: AudioSettings) -> None:
        style_changed = settings.tone_style != self._settings.tone_style
        self._settings = settings
        self._sequencer.settings = settings
        if settings.muted:
            self.stop_all()
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
                    self._queue.add(placed.at, placed)

    def stop_all(self) -> None:
        """Silence everything now and forget queued voice lines (pause, stop, skip)."""
        self._pending.clear()
        self._flush_timer.stop()
        self._queue.clear()
        self._sequencer.reset()
        self._stops.clear()
        self._loading.clear()
        for effect in self._effects.values():
            if effect.isPlaying():
                effect.stop()
        if self._tts is not None and self._tts_watchdog.isActive():
            self._tts_watchdog.stop()
            self._tts.stop()

    # -- playing ---------------------------------------------------------------------
    def _start(self, item: Scheduled) -> None:
        if item.clip is not None:
            self._play_clip(item.clip, item.volume)
        elif item.text and not self._speak(item.text, item.volume) and item.fallback is not None:
            self._play_clip(item.fallback, item.fallback.volume)

    def _play_clip(self, clip: Clip, volume: float) -> None:
        self._remember(str(clip.path))
        if self._multimedia is None or volume <= 0:  # never at 0: see the module doc
            return
        effect = self._effect(clip.path)
        if effect.isPlaying():  # the same clip again before the last one was stopped
            effect.stop()
        if abs(effect.volume() - volume) > 1e-3:
            effect.setVolume(volume)
        effect.play()  # before the clip has loaded, Qt starts it once it has
        self._plays[clip.path] = self._plays.get(clip.path, 0) + 1
        ready = effect.status() == self._multimedia.QSoundEffect.Status.Ready
        if ready:
            self._loading.discard(clip.path)
            self._stop_later(clip.path)
        else:
            self._loading.add(clip.path)  # its stop is set when it starts (_on_status)

    def _effect(self, path: Path) -> Any:
        effect = self._effects.get(path)
        if effect is None:
            assert self._multimedia is not None
            source, loops = self._padded(path)
            effect = self._multimedia.QSoundEffect(self)
            effect.setLoopCount(loops)
            # Through a weak reference: a connection held by Qt that held the player would
            # keep it (and its fault guard) alive for good.
            me = weakref.ref(self)

            def on_status(e: Any = effect, p: Path = path) -> None:
                player = me()
                if player is not None:
                    player._on_status(e, p)

            effect.statusChanged.connect(on_status)
            effect.setSource(QUrl.fromLocalFile(str(source)))
            self._effects[path] = effect
        return effect

    def _scratch_dir(self) -> Path:
        if self._scratch is None:
            _remove_orphans()
            self._scratch = Path(tempfile.mkdtemp(prefix=f"{_SCRATCH}{os.getpid()}-"))
            weakref.finalize(self, shutil.rmtree, self._scratch, ignore_errors=True)
        return self._scratch

    def _padded(self, path: Path) -> tuple[Path, int]:
        """The file an effect plays *path* from, and its loop count: a copy with silence
        after it, looped and stopped in the silence. If no copy can be made, the clip
        itself, played once: it ends by itself, as Qt would have it."""
        try:
            target = self._scratch_dir() / f"{len(self._effects):04d}-{path.name}"
            write_padded(path, target, TAIL_PAD)
            self._durations[path] = self._assets.duration(path)
        except (OSError, EOFError, wave.Error):
            _log.warning("cannot pad %s; it plays as it is", path, exc_info=True)
            return path, 1
        return target, _INFINITE

    def _stop_later(self, path: Path) -> None:
        duration = self._durations.get(path)
        if duration is None:
            return  # played from the clip itself: it ends by itself
        self._stops.add(self._clock() + duration + STOP_AFTER, (self._plays[path], path))

    def _on_stop_due(self, play: tuple[int, Path]) -> None:
        n, path = play
        effect = self._effects.get(path)
        if effect is not None and self._plays.get(path) == n and effect.isPlaying():
            effect.stop()  # in the silence after the clip

    def _prepare_output(self) -> None:
        """Load the first tone now, unplayed: Qt opens the shared stream (paused) once it
        has loaded, so a session's first cue finds it open, not opening."""
        first = next(iter(self._assets.all_clips(self._settings.tone_style)), None)
        if first is not None:
            self._effect(first)

    def _on_status(self, effect: Any, path: Path) -> None:
        assert self._multimedia is not None
        status = effect.status()
        states = self._multimedia.QSoundEffect.Status
        if status == states.Ready and path in self._loading:
            self._loading.discard(path)
            self._stop_later(path)  # a play that waited for the clip started just now
        elif status == states.Error:
            self._loading.discard(path)
            self._report(_(MSG_BAD_CLIP).format(name=path.name))

    def _on_backend_fault(self, message: str) -> None:
        """Qt's audio backend broke (see the module doc): go silent, say so once."""
        if self._multimedia is None:
            return
        self.stop_all()
        self._multimedia = None
        self._report(_(MSG_BACKEND_FAULT))

    # -- speech ----------------------------------------------------------------------
    # A user's own words (their routines) have no clip: text-to-speech says them, in the
    # language the app speaks (see _speak_language).
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
                _speak_language(tts)
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
        self._remember(f"say:{text}")
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
        self._report(_(MSG_TTS_STUCK))
