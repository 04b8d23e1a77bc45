"""Render a whole session to one WAV file: every cue at its planned time, voice and breath.

Qt-free and standard library only. The output is 16 kHz mono 16-bit PCM, the format of every
clip, so mixing is copying: a clip into silence is one slice assignment, and only where
sounds overlap are samples added (and clipped) one by one. A 15-minute session takes about
a second. The file is mixed and written :data:`CHUNK` seconds at a time, so memory stays
flat however long the session (a 24-hour hold included).

The cues go through the same :class:`~psoas_timer.audio.cues.Sequencer` as the live player,
so the file sounds as a session does: cues at one instant in the plan's order, each voice
line in turn. :func:`export_session` returns an :class:`ExportReport` of every sound placed.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import wave
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from psoas_timer.atomic_file import atomic_writer
from psoas_timer.core.plan import Cue, Plan, Segment
from psoas_timer.i18n import _, format_decimal, language

from . import voice
from .assets import Assets
from .cues import Scheduled, Sequencer
from .settings import AudioSettings

__all__ = [
    "RATE",
    "TAIL",
    "ExportReport",
    "ExportTooLongError",
    "Placed",
    "export_session",
    "mix_session",
    "schedule_session",
    "stream_session",
]

_log = logging.getLogger(__name__)

RATE = 16_000
#: Seconds after the plan's end, for the "done" chime and "Well done" to ring out.
TAIL = 3.0
#: Seconds mixed and written at a time: memory holds one chunk, whatever the length.
CHUNK = 10.0
#: A WAV file's sizes are 32-bit: the most sample bytes one can hold (with its header).
MAX_DATA_BYTES = 2**32 - 1 - 44
_SAME_MOMENT = 1e-6


class ExportTooLongError(ValueError):
    """The session is longer than one WAV file can hold."""


def _batches(plan: Plan) -> Iterator[list[tuple[float, Cue, Segment | None]]]:
    batch: list[tuple[float, Cue, Segment | None]] = []
    for item in plan.cues():
        if batch and item[0] - batch[0][0] > _SAME_MOMENT:
            yield batch
            batch = []
        batch.append(item)
    if batch:
        yield batch


def _read(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{path}: expected 16 kHz mono 16-bit PCM for mixing")
        data = array("h")
        data.frombytes(w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


class _Clips:
    """Decoded clips, scaled once per (file, volume)."""

    def __init__(self) -> None:
        self._raw: dict[Path, array[int]] = {}
        self._scaled: dict[tuple[Path, float], array[int]] = {}
        self._spoken: dict[str, Path | None] = {}
        self.language = language()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def get(self, path: Path, volume: float) -> array[int]:
        key = (path, round(volume, 4))
        if key not in self._scaled:
            raw = self._raw.get(path)
            if raw is None:
                raw = self._raw[path] = _read(path)
            self._scaled[key] = (
                raw if volume >= 0.9999 else array("h", [int(s * volume) for s in raw])
            )
        return self._scaled[key]

    def speak(self, text: str) -> Path | None:
        """A clip for text with no pre-rendered one, if espeak-ng and sox are installed: in
        the voice of the session's language (a user's own words, in the user's language)."""
        if text not in self._spoken:
            path = None
            if voice.available():
                if self._tmp is None:
                    self._tmp = tempfile.TemporaryDirectory(prefix="psoas-voice-")
                path = Path(self._tmp.name) / voice.clip_name(text)
                try:
                    voice.render(text, path, language=self.language)
                except Exception:
                    _log.warning(
                        "could not speak %r with espeak-ng; a tone instead", text, exc_info=True
                    )
                    path = None
            self._spoken[text] = path
        return self._spoken[text]

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()


def schedule_session(plan: Plan, assets: Assets, settings: AudioSettings) -> list[Scheduled]:
    """Everything the session plays, at its planned time (open holds at their target)."""
    seq = Sequencer(assets, settings)
    out: list[Scheduled] = []
    for batch in _batches(plan):
        out += seq.place(batch, plan.cue_style)
    return out


@dataclass(frozen=True)
class Placed:
    """One sound the export put in the file: its cue, its clip, and where it starts."""

    at: float
    cue: Cue
    path: Path
    channel: str
    frames: int


@dataclass
class ExportReport:
    """What :func:`export_session` wrote: every sound placed, and the length in frames."""

    placed: list[Placed] = field(default_factory=list)
    frames: int = 0

    def voice(self) -> list[Placed]:
        """The voice lines, in the order they are heard."""
        return [p for p in self.placed if p.channel == "voice"]


def _resolve(item: Scheduled, clips: _Clips) -> tuple[array[int], Path, str] | None:
    """The samples *item* plays, the file they came from and their channel (None: silent)."""
    if item.clip is not None:
        return clips.get(item.clip.path, item.volume), item.clip.path, item.clip.channel
    path = clips.speak(item.text or "")
    if path is not None:
        return clips.get(path, item.volume), path, "voice"
    if item.fallback is not None:
        fallback = item.fallback
        return clips.get(fallback.path, fallback.volume), fallback.path, fallback.channel
    return None


def _frames(plan: Plan) -> int:
    frames = round((plan.total + TAIL) * RATE)
    if frames * 2 > MAX_DATA_BYTES:
        hours = MAX_DATA_BYTES / 2 / RATE / 3600
        raise ExportTooLongError(
            _("the session is {value} hours long; a WAV file holds at most {hours} hours").format(
                value=format_decimal(plan.total / 3600, 1), hours=format_decimal(hours, 0)
            )
        )
    return frames


def stream_session(
    plan: Plan,
    assets: Assets,
    settings: AudioSettings,
    write: Callable[[array[int]], object],
    report: ExportReport | None = None,
) -> ExportReport:
    """Mix the session and hand it to *write* in chunks of :data:`CHUNK` seconds (the last
    one shorter): 16 kHz mono, ``plan.total + TAIL`` seconds in all. Memory stays the same
    whatever the length: one chunk, the clips, and the schedule."""
    report = report if report is not None else ExportReport()
    total = _frames(plan)
    report.frames = total
    clips = _Clips()
    pending = iter(sorted(schedule_session(plan, assets, settings), key=lambda s: s.at))
    upcoming = next(pending, None)
    sounding: list[tuple[int, array[int]]] = []  # (first frame, samples) still to finish
    size = round(CHUNK * RATE)
    try:
        for begin in range(0, total, size):
            end = min(total, begin + size)
            while upcoming is not None and round(upcoming.at * RATE) < end:
                resolved = _resolve(upcoming, clips)
                if resolved is not None:
                    samples, path, channel = resolved
                    first = round(upcoming.at * RATE)
                    if first < total:
                        sounding.append((first, samples))
                        report.placed.append(
                            Placed(upcoming.at, upcoming.cue, path, channel, len(samples))
                        )
                upcoming = next(pending, None)
            chunk = array("h", bytes(2 * (end - begin)))
            for first, samples in sounding:
                lo = max(first, begin)
                hi = min(first + len(samples), end)
                if hi > lo:
                    _add(chunk, samples[lo - first : hi - first], lo - begin)
            sounding = [(f, s) for f, s in sounding if f + len(s) > end]
            write(chunk)
    finally:
        clips.close()
    return report


def mix_session(plan: Plan, assets: Assets, settings: AudioSettings) -> array[int]:
    """The whole session's samples in memory (small sessions and tests; the file export
    streams instead)."""
    mix = array("h")
    stream_session(plan, assets, settings, mix.extend)
    return mix


def _add(mix: array[int], samples: array[int], start: int) -> None:
    end = min(len(mix), start + len(samples))
    if end <= start:
        return
    part = samples if end - start == len(samples) else samples[: end - start]
    if not any(mix[start:end]):
        mix[start:end] = part
        return
    mix[start:end] = array(
        "h", [min(32767, max(-32768, a + b)) for a, b in zip(mix[start:end], part, strict=True)]
    )


def export_session(
    plan: Plan, out: Path, assets: Path | None = None, settings: AudioSettings | None = None
) -> ExportReport:
    """Write *plan* as one WAV file at *out* (16 kHz mono 16-bit), streamed in chunks, and
    say what went in it. The file appears whole or not at all (written beside it, then
    renamed); :class:`ExportTooLongError` if the session is too long for a WAV file."""
    if assets is None:
        from psoas_timer.paths import assets_dir

        assets = assets_dir()
    out = Path(out)
    frames = _frames(plan)
    with atomic_writer(out) as raw, wave.open(raw, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.setnframes(frames)  # the header is right from the start: no seek back

        def write(chunk: array[int]) -> None:
            if sys.byteorder == "big":
                chunk.byteswap()
            w.writeframesraw(chunk.tobytes())

        report = stream_session(
            plan, Assets(assets, language()), settings or AudioSettings(), write
        )
    return report
