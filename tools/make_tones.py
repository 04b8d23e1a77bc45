"""Make the cue tones and breathing sounds in ``assets/sounds/`` (16 kHz, mono, 16-bit PCM).

Pure standard library and fully reproducible: the same script always writes the same bytes
(the breath noise comes from a seeded generator). Run it from the repository root::

    python tools/make_tones.py            # writes assets/sounds/
    python tools/make_tones.py --check    # exits 1 if the committed files are stale

Layout: one folder per tone style (``soft``, ``clear``, ``bell``) holding one file per tone,
and ``breathing/`` with rising ``inhale_<n>s.wav`` and falling ``exhale_<n>s.wav`` sounds for
several phase lengths, so a breath sound lasts as long as the breath it paces.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import wave
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 16_000
ATTACK = 0.004  # short enough that a cue's onset is sharp to the millisecond
TONES = ("start", "countdown", "end", "halfway", "milestone", "rest", "done")
BREATH_LENGTHS = (3, 4, 5, 6, 8)

Wave = Callable[[float], float]  # phase in cycles -> sample in -1..1


@dataclass(frozen=True)
class Style:
    """A timbre: partials (ratio, weight), decay time constant and peak level."""

    partials: tuple[tuple[float, float], ...]
    decay: float
    level: float
    pitch: float  # transposition factor


STYLES: dict[str, Style] = {
    # Round and quiet: a pure sine with a hint of octave, lower pitch, slow decay.
    "soft": Style(((1.0, 1.0), (2.0, 0.08)), decay=0.35, level=0.35, pitch=0.75),
    # Bright and short, cuts through a fan or traffic: odd harmonics, crisp decay.
    "clear": Style(
        ((1.0, 1.0), (2.0, 0.35), (3.0, 0.25), (4.0, 0.1)), decay=0.18, level=0.55, pitch=1.0
    ),
    # A small bell: inharmonic partials and a long ring.
    "bell": Style(
        ((1.0, 1.0), (2.76, 0.45), (5.40, 0.2), (8.93, 0.08)), decay=0.6, level=0.45, pitch=1.0
    ),
}

# Each tone: notes as (start s, frequency Hz, length s). Pitches follow an A-major palette.
NOTES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "start": ((0.0, 660.0, 0.16), (0.11, 880.0, 0.30)),  # rising pair: go
    "countdown": ((0.0, 880.0, 0.12),),  # one short pip per second
    "end": ((0.0, 880.0, 0.16), (0.13, 587.3, 0.45)),  # falling pair: release
    "halfway": ((0.0, 1174.7, 0.09), (0.14, 1174.7, 0.14)),  # double pip
    "milestone": ((0.0, 880.0, 0.3), (0.12, 1108.7, 0.3), (0.24, 1318.5, 0.5)),  # chime
    "rest": ((0.0, 523.3, 0.25), (0.18, 392.0, 0.6)),  # low and falling: ease off
    "done": ((0.0, 523.3, 0.35), (0.15, 659.3, 0.35), (0.30, 784.0, 0.35), (0.45, 1046.5, 1.0)),
}


def _note(style: Style, freq: float, length: float) -> list[float]:
    freq *= style.pitch
    n = int(length * RATE)
    release = min(0.03, length / 4)
    out = [0.0] * n
    norm = sum(w for _, w in style.partials)
    for ratio, weight in style.partials:
        f = freq * ratio
        if f >= RATE / 2 * 0.9:
            continue
        step = 2 * math.pi * f / RATE
        # higher partials die away faster, as struck things do
        tau = style.decay / math.sqrt(ratio)
        k = weight / norm
        for i in range(n):
            out[i] += k * math.sin(step * i) * math.exp(-i / RATE / tau)
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / ATTACK) * min(1.0, (length - t) / release)
        out[i] *= env
    return out


def tone(style: Style, name: str) -> list[float]:
    notes = NOTES[name]
    total = max(start + length for start, _, length in notes)
    out = [0.0] * int(total * RATE + 1)
    for start, freq, length in notes:
        offset = int(start * RATE)
        for i, v in enumerate(_note(style, freq, length)):
            out[offset + i] += v
    peak = max(abs(v) for v in out) or 1.0
    return [v / peak * style.level for v in out]


def breath(length: float, rising: bool, seed: int) -> list[float]:
    """A soft swell of breathy noise over a gliding hum, *rising* or falling in pitch."""
    rng = random.Random(seed)
    n = int(length * RATE)
    lo, hi = 190.0, 290.0
    out = [0.0] * n
    phase = 0.0
    low = band = 0.0
    for i in range(n):
        x = i / n
        glide = x if rising else 1.0 - x
        f = lo + (hi - lo) * glide
        phase += 2 * math.pi * f / RATE
        # a two-pole filter on white noise whose centre follows the glide: "hhh" up or down
        cutoff = 2 * math.sin(math.pi * (500.0 + 900.0 * glide) / RATE)
        noise = rng.uniform(-1.0, 1.0)
        low += cutoff * band
        high = noise - low - 0.9 * band
        band += cutoff * high
        # breath-shaped: starts softly but at once (so it lands on the beat), swells, fades
        swell = 0.3 + 0.7 * math.sin(math.pi * x) ** 1.5
        fade = min(1.0, (n - i) / (0.25 * n))
        attack = min(1.0, i / (ATTACK * RATE))
        out[i] = attack * fade * swell * (0.55 * math.sin(phase) + 0.45 * band * 0.8)
    peak = max(abs(v) for v in out) or 1.0
    return [v / peak * 0.16 for v in out]  # quiet: something to breathe with, not a cue


def to_wav(samples: Sequence[float]) -> bytes:
    pcm = array("h", (max(-32767, min(32767, round(v * 32767))) for v in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def render() -> dict[str, bytes]:
    """Every file, by path relative to ``assets/sounds``."""
    files: dict[str, bytes] = {}
    for style_name, style in STYLES.items():
        for name in TONES:
            files[f"{style_name}/{name}.wav"] = to_wav(tone(style, name))
    for n in BREATH_LENGTHS:
        files[f"breathing/inhale_{n}s.wav"] = to_wav(breath(n, True, seed=n))
        files[f"breathing/exhale_{n}s.wav"] = to_wav(breath(n, False, seed=100 + n))
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "assets" / "sounds"
    )
    parser.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    args = parser.parse_args(argv)
    stale = []
    for rel, data in render().items():
        path: Path = args.out / rel
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if stale:
        print("stale or missing: " + ", ".join(stale), file=sys.stderr)
        return 1
    if not args.check:
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
