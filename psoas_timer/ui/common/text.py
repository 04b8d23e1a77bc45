"""Words for the screen: pure functions from core objects to the text the views show."""

from __future__ import annotations

import math
from collections.abc import Sequence

from psoas_timer.core.amounts import Ranged, RangedCount, SideCount, SideSeconds
from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import FiredCue, Snapshot
from psoas_timer.core.model import Step
from psoas_timer.core.open_holds import OpenHold, SideOpen
from psoas_timer.core.plan import Plan, Segment, StepRun
from psoas_timer.core.tempo import REP_PHASE_WORDS, RepTempo

__all__ = [
    "KIND_WORDS",
    "UNCAPTIONED",
    "caption_for",
    "count_up",
    "doing_word",
    "next_up",
    "noun",
    "open_marks",
    "plural",
    "run_time",
    "step_timing",
    "where_line",
]

#: What the user is doing in each kind of segment, as a short heading.
KIND_WORDS: dict[str, str] = {
    "prepare": "Get ready",
    "hold": "Hold",
    "rep": "Go",
    "open": "Hold until it softens",
    "breathe": "Breathe",
    "rest": "Rest",
    "switch": "Switch sides",
}


#: Cues not shown as a caption: the breathing guide shows the breath, the dial the count,
#: the rep and its phase (Up, Hold, Down), and the completion screen the end.
UNCAPTIONED = frozenset(
    {"inhale", "exhale", "hold_breath", "countdown", "rep", "rep_phase", "done"}
)
#: Cues that pulse the ring.
PULSED = frozenset({"milestone"})


def caption_for(fired: Sequence[FiredCue]) -> tuple[str, bool]:
    """What cues that came due together say, as one caption, and whether the ring pulses.

    Cues at one moment ("Release", "Switch sides") read in the order they are said.
    """
    words: list[str] = []
    for item in fired:
        text = item.cue.text.strip()
        if item.cue.kind not in UNCAPTIONED and text and text not in words:
            words.append(text)
    return " · ".join(words), any(item.cue.kind in PULSED for item in fired)


def doing_word(seg: Segment) -> str:
    """What the user does now, in a word: the kind of segment, or a rep's phase (Up, Hold,
    Down)."""
    if seg.phase is not None:
        return REP_PHASE_WORDS[seg.phase]
    return KIND_WORDS.get(seg.kind, "")


def count_up(seconds: float) -> str:
    """Elapsed time for a clock that counts up: whole seconds passed, ``1:05``."""
    whole = max(0, math.floor(seconds + 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def where_line(seg: Segment, run: StepRun | None = None) -> str:
    """``"Right · Set 2 of 3 · Rep 4 of 10 · Core circuit · round 2 of 3"``: side, set, rep
    and the round of every repeat group the step is in, only the parts that apply."""
    parts: list[str] = []
    if seg.side:
        parts.append(seg.side.capitalize())
    if seg.sets > 1:
        parts.append(f"Set {seg.set} of {seg.sets}")
    if seg.reps and seg.kind != "rest":
        parts.append(f"Rep {seg.rep} of {seg.reps}")
    if run is not None and run.groups:
        parts.append(run.rounds_label())
    return " · ".join(part for part in parts if part)


def plural(n: int, word: str) -> str:
    """A count and its noun, one or more: ``"1 day"``, ``"0 days"``, ``"2 days"``."""
    return f"{n} {noun(n, word)}"


def noun(n: int, word: str) -> str:
    """*word* as it follows the number *n* (shown apart, as a caption under a figure)."""
    return word if n == 1 else f"{word}s"


def _secs(seconds: float) -> str:
    """Seconds in words, a range with the value used (``20–30 s (20 s used)``), or each
    side's (``30 s left, 45 s right``)."""
    if isinstance(seconds, SideSeconds):
        return f"{_secs(seconds.left)} left, {_secs(seconds.right)} right"
    if isinstance(seconds, Ranged):
        if seconds.low < 60 and seconds.high < 60:
            span = f"{seconds.low:g}–{seconds.high:g} s"
        else:
            span = f"{_secs(seconds.low)}–{_secs(seconds.high)}"
        return f"{span} ({_secs(float(seconds))} used)"
    return f"{seconds:g} s" if seconds < 60 else format_clock(seconds)


def _count(n: int, word: str) -> str:
    """``3 sets``, ``3–4 sets (3 used)``, ``2 sets left, 3 right``."""
    if isinstance(n, SideCount):
        return f"{plural(n.left, word)} left, {n.right} right"
    if isinstance(n, RangedCount):
        return f"{n.low}–{n.high} {word}s ({int(n)} used)"
    return plural(n, word)


def step_timing(step: Step) -> str:
    """How a step is timed, in a line: ``"2 sets × 10 reps · 3 s each · both sides"``.
    Ranges show their span and the value used; values per side show each side's."""
    if isinstance(step.open, SideOpen):
        left, right = (_open_words(step.open.on(side)) for side in ("left", "right"))
        core = f"until it softens (left: {left}; right: {right})"
    elif step.open is not None:
        core = f"until it softens ({_open_words(step.open)})"
    elif step.reps is not None:
        if isinstance(step.hold, (SideSeconds, Ranged)):
            per_rep = f"{_secs(step.rep_length - step.hold)} + hold {_secs(step.hold)}"
        else:
            per_rep = _secs(step.rep_length)
        core = f"{_count(step.reps, 'rep')} of {per_rep}"
        if isinstance(step.tempo, RepTempo):
            core += f" ({' · '.join(f'{n} {s:g}' for n, s in step.tempo.phases())})"
    elif step.breaths is not None:
        core = _count(step.breaths, "breath")
    elif step.hold is not None:
        core = f"hold {_secs(step.hold)}"
    else:
        core = _secs(step.duration or 0.0)
    if step.sets > 1 or isinstance(step.sets, (SideCount, RangedCount)):
        core = f"{_count(step.sets, 'set')} × {core}"
    parts = [core]
    if step.sides == "both":
        parts.append("each side, alternating" if step.alternate else "each side")
    elif step.sides in ("left", "right"):
        parts.append(f"{step.sides} side")
    return " · ".join(parts)


def _open_words(hold: OpenHold) -> str:
    least = f"at least {_secs(hold.min)}, " if hold.min else ""
    return f"{least}target {_secs(hold.target)}, max {_secs(hold.limit)}"


def run_time(plan: Plan, run: StepRun) -> float:
    """Seconds the plan gives a step run, its rests and side switches included."""
    return sum(s.duration for s in plan.segments if s.step == run.index and s.kind != "prepare")


def next_up(plan: Plan, snap: Snapshot) -> tuple[str, str] | None:
    """What comes after this segment, as (title, detail), or None at the very end.

    Within a step (the next set or side) the detail says which; otherwise it names the
    next step and how it is timed. A lead-in already shows what it leads into (the step
    during "Get ready", the side during "Switch sides"), so it looks one further ahead.
    During reps it names the next step: the next rep or phase is on the dial already.
    """
    current = snap.segment
    works = [s for s in plan.segments[snap.index + 1 :] if s.is_work]
    if current.kind in ("prepare", "rep"):
        works = [s for s in works if s.step != current.step]
    elif current.kind == "switch":
        works = works[1:]
    upcoming = works[0] if works else None
    if upcoming is None:
        return None
    run = plan.steps[upcoming.step]
    if upcoming.step == current.step:
        return run.name, where_line(upcoming, run) or KIND_WORDS[upcoming.kind]
    detail = step_timing(run.step)
    if run.rounds_label():
        detail = f"{run.rounds_label()} · {detail}"
    return run.name, detail


def open_marks(seg: Segment, target: float | None = None) -> str:
    """The marks of an open hold in words: ``"min 0:30 · target 1:30 · max 3:00"``; *target*
    is where "+15 s" has moved it (the planned one if None), and the maximum moves with it."""
    if seg.open is None:
        return ""
    o = seg.open
    target = o.target if target is None else target
    parts = [f"min {format_clock(o.min)}"] if o.min else []
    parts += [f"target {format_clock(target)}", f"max {format_clock(max(o.limit, target))}"]
    return " · ".join(parts)
