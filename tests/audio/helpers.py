"""Builders shared by the audio tests."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path
from textwrap import dedent

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import Plan, compile_plan

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"

HOLDS = """\
name: Two holds
defaults: {prepare: 10, rest: 15, countdown: 3, switch_sides: 5}
steps:
  - name: Pigeon pose
    kind: stretch
    hold: 40
    sides: both
    milestones: [15]
  - {name: Knee to chest, hold: 20, kind: stretch}
"""

BREATHING = """\
name: Breathe
defaults: {prepare: 5, countdown: 3, breathing: calm}
steps:
  - name: Psoas release
    kind: release
    open: {min: 20, target: 40, max: 60}
    milestones: [30]
    prompts: [{at: 12, say: Wiggle your toes}]
"""


def plan_of(text: str) -> Plan:
    return compile_plan(load_routine_text(dedent(text), "t.yaml"))


def read_wav(path: Path) -> tuple[array[int], int]:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        data = array("h")
        data.frombytes(w.readframes(w.getnframes()))
        return data, w.getframerate()


def onsets(samples: array[int], rate: int, threshold: int = 200, gap: float = 0.15) -> list[float]:
    """Times where sound starts after at least *gap* seconds below *threshold*."""
    found: list[float] = []
    quiet = int(gap * rate)
    last = -quiet - 1
    for i, v in enumerate(samples):
        if v > threshold or v < -threshold:
            if i - last > quiet:
                found.append(i / rate)
            last = i
    return found


#: A 90 s hold on both sides whose last milestone falls on its end: at that instant the plan
#: has the milestone, "Release" and "Switch sides" (issue 13, item 2).
CROWDED = """\
name: Crowded end
defaults: {prepare: 5, countdown: 3, switch_sides: 10, rest: 15}
steps:
  - name: Hip crease release
    kind: release
    hold: 90
    sides: both
    milestones:
      - {at: 30, say: "Thirty seconds. Keep breathing"}
      - {at: 90, say: "Ninety. Ease off slowly"}
    prompts: [{at: 90, say: Keep breathing}]
  - {name: Knee to chest, kind: stretch, hold: 20}
"""


def correlation(a: array[int], b: array[int], step: int = 4) -> float:
    """Normalised correlation of two equally long signals (every *step*-th sample)."""
    xs, ys = a[::step], b[::step]
    dot = sum(x * y for x, y in zip(xs, ys, strict=True))
    norm = (sum(x * x for x in xs) * sum(y * y for y in ys)) ** 0.5
    return dot / norm if norm else 0.0
