"""Render a phrase to a voice clip with espeak-ng and sox (16 kHz, mono, 16-bit, trimmed).

Used ahead of time by ``tools/render_voice.py`` and, when the tools are installed, by the
session export for text that has no pre-rendered clip. No Qt.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["RATE", "VOICES", "available", "clip_name", "espeak_voice", "render"]

RATE = 16_000
VOICE = "en-gb"
#: espeak-ng's voice for each language the app speaks (English: British, as before).
VOICES = {"en": VOICE, "de": "de", "fr": "fr-fr", "es": "es", "pt_BR": "pt-br", "pt": "pt"}
SPEED = 150  # words per minute: unhurried, for someone lying down
_SLUG = re.compile(r"[^a-z0-9]+")


def available() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def clip_name(text: str) -> str:
    """A stable, readable file name for *text*."""
    slug = _SLUG.sub("-", text.casefold()).strip("-")[:40] or "phrase"
    digest = hashlib.sha1(text.strip().casefold().encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}.wav"


def espeak_voice(language: str | None) -> str:
    """espeak-ng's voice for the app's *language* (``"pt_BR"`` -> ``"pt-br"``, ``"de_AT"`` ->
    ``"de"``); English for a language it has none for."""
    code = (language or "en").split("@", 1)[0].split(".", 1)[0].replace("-", "_")
    return VOICES.get(code) or VOICES.get(code.split("_", 1)[0]) or VOICE


def render(text: str, out: Path, *, timeout: float = 20.0, language: str | None = None) -> None:
    """Speak *text* into *out* with espeak-ng's voice for *language* (English by default).
    Raises ``OSError``/``subprocess.SubprocessError`` on failure."""
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if espeak is None or sox is None:
        raise FileNotFoundError("espeak-ng and sox are needed: apt-get install espeak-ng sox")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(
            [espeak, "-v", espeak_voice(language), "-s", str(SPEED), "-w", str(raw), "--", text],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        # trim the silence at both ends, resample, and bring every phrase to one loudness
        subprocess.run(
            [
                sox,
                str(raw),
                "-r",
                str(RATE),
                "-c",
                "1",
                "-b",
                "16",
                str(out),
                "silence",
                "1",
                "0.01",
                "0.5%",
                "reverse",
                "silence",
                "1",
                "0.01",
                "0.5%",
                "reverse",
                "norm",
                "-3",
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
