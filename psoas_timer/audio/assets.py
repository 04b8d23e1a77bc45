"""The sound files on disk: tones per style, breathing sounds, and the voice clip manifest.

Layout under the assets folder::

    sounds/<style>/<tone>.wav           start, countdown, end, halfway, milestone, rest, done
    sounds/breathing/inhale_<n>s.wav    rising; exhale_<n>s.wav falling; several lengths
    voice/manifest.json                 {"version": 1, "rate": 16000, "clips": {text: file}}
    voice/<file>.wav                    English (the source language)
    voice/<lang>/manifest.json          another language's clips (de, fr, es, pt_BR): its
    voice/<lang>/<file>.wav             fixed words, numbers and bundled names and prompts

A language's clips are looked up first; a phrase it has no clip for (not translated, or
text English and the language share) is said with the English clip, and text with no clip
at all (a user's own words) goes to text-to-speech in the user's language.

No Qt here: the player, the export and the tests share it.
"""

from __future__ import annotations

import json
import re
import wave
from functools import cache
from pathlib import Path

__all__ = ["TONE_NAMES", "Assets", "voice_folder", "voice_key", "write_padded"]

#: The source language, whose clips are in ``voice/`` itself.
ENGLISH = "en"

TONE_NAMES = ("start", "countdown", "end", "halfway", "milestone", "rest", "done")
_BREATH = re.compile(r"^(inhale|exhale)_(\d+)s\.wav$")
_SPACES = re.compile(r"\s+")


def voice_key(text: str) -> str:
    """How a phrase is looked up: case, spacing and closing punctuation don't matter."""
    return _SPACES.sub(" ", text.strip()).rstrip(".:!?… ").casefold()


@cache
def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def write_padded(source: Path, target: Path, seconds: float) -> None:
    """Copy the WAV *source* to *target* with *seconds* of silence after it."""
    with wave.open(str(source), "rb") as w:
        params = w.getparams()
        frames = w.readframes(w.getnframes())
    pad = b"\0" * (round(seconds * params.framerate) * params.nchannels * params.sampwidth)
    if params.sampwidth == 1:  # 8-bit WAV is unsigned: its silence is 0x80
        pad = b"\x80" * len(pad)
    with wave.open(str(target), "wb") as out:
        out.setparams(params)
        out.writeframes(frames + pad)


def voice_folder(voice: Path, language: str | None) -> tuple[str, Path]:
    """The language whose clips serve *language* (``"de_AT"`` -> ``"de"``, ``"en@pseudo"`` ->
    ``"en"``; English when none are shipped) and their folder under the voice folder *voice*."""
    code = (language or ENGLISH).split("@", 1)[0].split(".", 1)[0].replace("-", "_")
    for candidate in (code, code.split("_", 1)[0]):
        if candidate == ENGLISH:
            break
        if candidate and (voice / candidate / "manifest.json").is_file():
            return candidate, voice / candidate
    return ENGLISH, voice


def _manifest(folder: Path) -> dict[str, Path]:
    """The clips *folder*'s manifest lists that are there, by :func:`voice_key`."""
    clips: dict[str, Path] = {}
    manifest = folder / "manifest.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        for text, name in data.get("clips", {}).items():
            path = folder / name
            if path.is_file():
                clips[voice_key(text)] = path
    return clips


class Assets:
    """Finds clips for tones, breaths and voice lines under *root* (missing files are None):
    the voice lines of *language* (English by default), English ones where it has none."""

    def __init__(self, root: Path, language: str | None = None) -> None:
        self.root = root
        self.sounds = root / "sounds"
        self.voice_dir = root / "voice"
        self.language, own = voice_folder(self.voice_dir, language)
        self.voice_clips: dict[str, Path] = _manifest(self.voice_dir)
        if own != self.voice_dir:
            self.voice_clips.update(_manifest(own))
        self.breaths: dict[str, list[tuple[int, Path]]] = {"inhale": [], "exhale": []}
        breathing = self.sounds / "breathing"
        if breathing.is_dir():
            for path in sorted(breathing.iterdir()):
                m = _BREATH.match(path.name)
                if m:
                    self.breaths[m.group(1)].append((int(m.group(2)), path))
        for options in self.breaths.values():
            options.sort()

    def tone(self, style: str, name: str) -> Path | None:
        path = self.sounds / style / f"{name}.wav"
        return path if path.is_file() else None

    def breath(self, phase: str, length: float | None) -> Path | None:
        """The longest breath sound that fits a phase of *length* seconds (else the shortest)."""
        options = self.breaths.get(phase, [])
        if not options:
            return None
        if length is None:
            return options[0][1]
        fitting = [path for seconds, path in options if seconds <= length + 0.25]
        return fitting[-1] if fitting else options[0][1]

    def voice(self, text: str) -> Path | None:
        return self.voice_clips.get(voice_key(text))

    @staticmethod
    def duration(path: Path) -> float:
        return wav_seconds(path)

    def all_clips(self, tone_style: str) -> list[Path]:
        """Every clip a session in *tone_style* may play: what the player preloads, in the
        order a session first needs them (tones and voice lines at once, breaths later)."""
        tones = [p for name in TONE_NAMES if (p := self.tone(tone_style, name)) is not None]
        breaths = [path for options in self.breaths.values() for _, path in options]
        return [*tones, *sorted(set(self.voice_clips.values())), *breaths]
