"""The choices the editor's forms offer, in words: kinds of step, how a step is timed, sides,
breathing patterns and kinds of spoken cue, each as ``(value in the file, words shown)``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["BREATHING", "CUE_TYPES", "KINDS", "SIDES", "TIMING_MODES", "timing_mode"]

KINDS = [
    ("exercise", "Exercise"),
    ("stretch", "Stretch"),
    ("release", "Pressure release"),
    ("breathing", "Breathing"),
    ("rest", "Rest"),
    ("heat-ice", "Heat or ice"),
]
TIMING_MODES = [
    ("hold", "Hold for a time"),
    ("reps", "Repetitions × tempo"),
    ("open", "Until it releases (open hold)"),
    ("breaths", "A number of breaths"),
    ("duration", "A fixed length"),
]
SIDES = [
    ("none", "No sides"),
    ("both", "Both sides"),
    ("left", "Left only"),
    ("right", "Right only"),
]
BREATHING = [
    ("", "As the routine says"),
    ("none", "No pacing"),
    ("calm", "Calm: in 4, out 6"),
    ("box", "Box: 4-4-4-4"),
    ("4-7-8", "4-7-8"),
    ("coherent", "Coherent: 5.5 in, 5.5 out"),
]
CUE_TYPES = [("milestone", "Milestone at"), ("at", "Say at"), ("every", "Say every")]


def timing_mode(step: Mapping[str, Any]) -> str:
    """Which of :data:`TIMING_MODES` *step* uses: the first length key it sets, else a hold."""
    for key in ("open", "breaths", "reps", "duration"):
        if step.get(key) is not None:
            return key
    return "hold"
