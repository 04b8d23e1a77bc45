"""Render a whole session to one WAV file: every cue at its planned time, voice and breath.

Qt-free and standard library only. The output is 16 kHz mono 16-bit PCM, the format of every
clip, so mixing is copying: a clip into silence is one slice assignment, and only where
sounds overlap are samples added (and clipped) one by one. A 15-minute session takes about
a second.
"""

from __future__ import annotations

import sys
import tempfile
import wave
from array import array
from collections.abc import Iterator
from pathlib import Path

from psoas_timer.core.plan import Cue, Plan, Segment

from . import voice
from .assets import Assets
from .cues import Scheduled, Sequencer
from .settings import AudioSettings

__all__ = ["RATE", "TAIL", "export_session", "mix_session"]

RATE = 16_000
#: Seconds after the plan's end, for the "done" chime and "Well done" to ring out.
TAIL = 3.0
_SAME_MOMENT = 1e-6


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
        """A clip for text with no pre-rendered one, if espeak-ng and sox are installed."""
        if text not in self._spoken:
            path = None
            if voice.available():
                if self._tmp is None:
                    self._tmp = tempfile.TemporaryDirectory(prefix="psoas-voice-")
                path = Path(self._tmp.name) / voice.clip_name(text)
                try:
                    voice.render(text, path)
                except Exception:
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


def mix_session(plan: Plan, assets: Assets, settings: AudioSettings) -> array[int]:
    """The session's samples: 16 kHz mono, ``plan.total + TAIL`` seconds long."""
    length = round((plan.total + TAIL) * RATE)
    mix = array("h", bytes(2 * length))
    clips = _Clips()
    try:
        for item in schedule_session(plan, assets, settings):
            if item.clip is not None:
                samples = clips.get(item.clip.path, item.volume)
            else:
                path = clips.speak(item.text or "")
                if path is not None:
                    samples = clips.get(path, item.volume)
                elif item.fallback is not None:
                    samples = clips.get(item.fallback.path, item.fallback.volume)
                else:
                    continue
            _add(mix, samples, round(item.at * RATE))
    finally:
        clips.close()
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
) -> None:
    """Write *plan* as one WAV file at *out* (16 kHz mono 16-bit)."""
    if assets is None:
        from psoas_timer.paths import assets_dir

        assets = assets_dir()
    mix = mix_session(plan, Assets(assets), settings or AudioSettings())
    if sys.byteorder == "big":
        mix.byteswap()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(mix.tobytes())
