"""Compressed audio for a phone: MP3, Ogg Vorbis or Opus, made from the exported WAV by FFmpeg
where it is installed with the encoder needed. Without it, what can be written is said,
never a WAV under another name.

FFmpeg is a well-kept encoder that phones' formats need; it is looked for on PATH, run with
its arguments as a list (no shell), and writes beside the target, which is put in its place
only when it succeeded, synced and renamed as every save is (:mod:`psoas_timer.atomic_file`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from psoas_timer.atomic_file import move_into_place
from psoas_timer.i18n import _

__all__ = ["FORMATS", "EncodeError", "Format", "encode", "format_for", "writable_formats"]


@dataclass(frozen=True)
class Format:
    suffix: str
    name: str
    encoder: str  # FFmpeg's encoder; "" for WAV, which needs none


FORMATS = (
    Format(".wav", "WAV", ""),
    Format(".mp3", "MP3", "libmp3lame"),
    Format(".ogg", "Ogg Vorbis", "libvorbis"),
    Format(".opus", "Opus", "libopus"),
)


class EncodeError(Exception):
    """The file cannot be written in the format its name asks for; says why."""


def format_for(path: Path) -> Format | None:
    """The format *path*'s suffix asks for (None: not one this app writes)."""
    return next((f for f in FORMATS if f.suffix == path.suffix.lower()), None)


def _ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def _encoders(ffmpeg: str) -> str:
    try:
        done = subprocess.run(
            [ffmpeg, "-hide_banner", "-encoders"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return ""
    return done.stdout


def writable_formats() -> list[Format]:
    """WAV always; the others where FFmpeg has their encoder."""
    ffmpeg = _ffmpeg()
    listed = _encoders(ffmpeg) if ffmpeg else ""
    return [f for f in FORMATS if not f.encoder or f" {f.encoder} " in listed]


def encode(wav: Path, out: Path, fmt: Format) -> None:
    """Make *out* in *fmt* from *wav* with FFmpeg; :class:`EncodeError` if it cannot."""
    ffmpeg = _ffmpeg()
    if ffmpeg is None or fmt not in writable_formats():
        raise EncodeError(
            _("{name} needs FFmpeg with its {encoder} encoder, which is not installed here").format(
                name=fmt.name, encoder=fmt.encoder
            )
        )
    tmp = out.parent / f".{out.stem}.{os.getpid()}.{secrets.token_hex(4)}{out.suffix}"
    command = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", str(wav)]
    try:
        done = subprocess.run(
            [*command, "-c:a", fmt.encoder, str(tmp)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or not tmp.is_file():
            raise EncodeError(
                "FFmpeg could not write {name}: {why}".format(
                    name=fmt.name, why=done.stderr.strip() or f"exit {done.returncode}"
                )
            )
        move_into_place(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
