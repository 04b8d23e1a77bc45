"""The files a routine needs besides itself: its steps' pictures and the voice clips its cues
are said with (every option of an either/or step included), and the lines no clip covers,
which the system's text-to-speech says instead.

``psoas-timer list --json`` reports them for each routine, so an installed copy (a wheel, the
bundle, the Debian package) can be checked for what a session will load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from psoas_timer.audio.assets import Assets
from psoas_timer.audio.cues import sounds_for
from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.model import Choice, RepeatGroup, Routine, Step
from psoas_timer.core.plan import compile_plan

__all__ = ["RoutineFiles", "routine_files"]


@dataclass
class RoutineFiles:
    """What :func:`routine_files` found, each list sorted and without repeats."""

    pictures: list[str] = field(default_factory=list)
    voice_clips: list[str] = field(default_factory=list)
    spoken_without_clip: list[str] = field(default_factory=list)


def _steps(items: list[Step | RepeatGroup | Choice]) -> list[Step]:
    found: list[Step] = []
    for item in items:
        if isinstance(item, Step):
            found.append(item)
        elif isinstance(item, RepeatGroup):
            found += _steps(list(item.steps))
        else:
            found += item.choose
    return found


def _every_pick(routine: Routine) -> list[dict[int, int]]:
    """The default plan, and one plan for each other option of each either/or step."""
    picks: list[dict[int, int]] = [{}]
    for number, choice in enumerate(routine.choices()):
        picks += [{number: option} for option in range(len(choice.choose)) if option]
    return picks


def routine_files(routine: Routine, assets: Assets) -> RoutineFiles:
    """The pictures and voice clips *routine* uses, with the app's own sound settings."""
    pictures = {step.image for step in _steps(list(routine.steps)) if step.image}
    clips: set[Path] = set()
    spoken: set[str] = set()
    settings = AudioSettings()
    for picks in _every_pick(routine):
        plan = compile_plan(routine, picks)
        for _, cue, segment in plan.cues():
            # "both" says every line; a routine's own style could leave some out.
            for part in sounds_for(cue, segment, "both", settings, assets).voice:
                if part.clip is not None:
                    clips.add(part.clip.path)
                elif part.text:
                    spoken.add(part.text)
    return RoutineFiles(
        sorted(str(Path(p)) for p in pictures),
        sorted(str(p) for p in clips),
        sorted(spoken),
    )
