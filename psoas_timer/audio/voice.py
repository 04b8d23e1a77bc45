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

__all__ = ["RATE", "available", "clip_name", "render"]

RATE = 16_000
VOICE = "en-gb"
SPEED = 150  # words per minute: unhurried, for someone lying down
_SLUG = re.compile(r"[^a-z0-9]+")


def available() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("sox") is not None


def clip_name(text: str) -> str:
    """A stable, readable file name for *text*."""
    slug = _SLUG.sub("-", text.casefold()).strip("-")[:40] or "phrase"
    digest = hashlib.sha1(text.strip().casefold().encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}.wav"


def render(text: str, out: Path, *, timeout: float = 20.0) -> None:
    """Speak *text* into *out*. Raises ``OSError``/``subprocess.SubprocessError`` on failure."""
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if espeak is None or sox is None:
        raise FileNotFoundError("espeak-ng and sox are needed: apt-get install espeak-ng sox")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(
            [espeak, "-v", VOICE, "-s", str(SPEED), "-w", str(raw), "--", text],
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
