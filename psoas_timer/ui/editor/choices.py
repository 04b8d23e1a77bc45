"""The choices the editor's forms offer, in words: kinds of step, how a step is timed, sides,
breathing patterns and kinds of spoken cue, each as ``(value in the file, words shown)``.
The words are marked only: translated where shown (:func:`~.form_widgets.combo` does). The
kinds of spoken cue are named by the keys they set, as the format declares them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from psoas_timer.core.step_cues import Milestone, Prompt
from psoas_timer.i18n import N_

__all__ = [
    "BREATHING",
    "CUE_KEYS",
    "KINDS",
    "SIDES",
    "TIMING_MODES",
    "cue_types",
    "timing_mode",
]

KINDS = [
    ("exercise", N_("Exercise")),
    ("stretch", N_("Stretch")),
    ("release", N_("Pressure release")),
    ("breathing", N_("Breathing")),
    ("rest", N_("Rest")),
    ("heat-ice", N_("Heat or ice")),
]
TIMING_MODES = [
    ("hold", N_("Hold for a time")),
    ("reps", N_("Repetitions × tempo")),
    ("open", N_("Until it releases (open hold)")),
    ("breaths", N_("A number of breaths")),
    ("duration", N_("A fixed length")),
]
SIDES = [
    ("none", N_("No sides")),
    ("both", N_("Both sides")),
    ("left", N_("Left only")),
    ("right", N_("Right only")),
]
BREATHING = [
    ("", N_("As the routine says")),
    ("none", N_("No pacing")),
    ("calm", N_("Calm: in 4, out 6")),
    ("box", N_("Box: 4-4-4-4")),
    ("4-7-8", N_("4-7-8")),
    ("coherent", N_("Coherent: 5.5 in, 5.5 out")),
]
#: Each kind of spoken cue, with the model and key whose time it sets: a milestone's ``at``,
#: a prompt's ``at`` or ``every``.
CUE_KEYS: dict[str, tuple[type[BaseModel], str]] = {
    "milestone": (Milestone, "at"),
    "at": (Prompt, "at"),
    "every": (Prompt, "every"),
}


def cue_types() -> list[tuple[str, str]]:
    """The kinds of spoken cue, each named by the label the format declares for its key
    (``core.step_cues``), marked only."""
    return [(kind, model.model_fields[key].title or key) for kind, (model, key) in CUE_KEYS.items()]


def timing_mode(step: Mapping[str, Any]) -> str:
    """Which of :data:`TIMING_MODES` *step* uses: the first length key it sets, else a hold."""
    for key in ("open", "breaths", "reps", "duration"):
        if step.get(key) is not None:
            return key
    return "hold"
