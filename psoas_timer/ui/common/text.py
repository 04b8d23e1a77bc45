"""Words for the screen: pure functions from core objects to the text the views show."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from psoas_timer.core.amounts import Ranged, RangedCount, SideCount, SideSeconds
from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import FiredCue, Snapshot
from psoas_timer.core.model import Step
from psoas_timer.core.open_holds import OpenHold, SideOpen
from psoas_timer.core.plan import Plan, Segment, StepRun
from psoas_timer.core.tempo import RepTempo, rep_phase_word
from psoas_timer.i18n import _, format_decimal, ngettext, pgettext, upper_first

__all__ = [
    "KIND_WORDS",
    "UNCAPTIONED",
    "caption_for",
    "count_up",
    "doing_word",
    "kind_word",
    "next_up",
    "noun",
    "open_marks",
    "plural",
    "run_time",
    "seconds_text",
    "side_word",
    "step_timing",
    "where_line",
]

#: What the user is doing in each kind of segment, as a short heading: each gives the word
#: in the user's language (:func:`kind_word`). "Get ready", "Hold" and "Switch sides" are
#: the words the voice says then (context "spoken cue").
KIND_WORDS: dict[str, Callable[[], str]] = {
    "prepare": lambda: pgettext("spoken cue", "Get ready"),
    "hold": lambda: pgettext("spoken cue", "Hold"),
    "rep": lambda: _("Go"),
    "open": lambda: _("Hold until it softens"),
    "breathe": lambda: _("Breathe"),
    "rest": lambda: _("Rest"),
    "switch": lambda: pgettext("spoken cue", "Switch sides"),
}


def _phase_word(name: str) -> str:
    """A rep's phase in a step's timing line (``up 1 · hold 10 · down 2``)."""
    words = {
        "up": pgettext("rep phase", "up"),
        "hold": pgettext("rep phase", "hold"),
        "down": pgettext("rep phase", "down"),
    }
    return words.get(name, name)


def kind_word(kind: str) -> str:
    """The heading of a kind of segment, in the user's language ("" for an unknown one)."""
    word = KIND_WORDS.get(kind)
    return word() if word else ""


def side_word(side: str) -> str:
    """``"left"`` / ``"right"`` as a heading: "Left", "Right" in the user's language."""
    if side == "left":
        return pgettext("body side", "Left")
    if side == "right":
        return pgettext("body side", "Right")
    return upper_first(side)


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
        return rep_phase_word(seg.phase)
    return kind_word(seg.kind)


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
        parts.append(side_word(seg.side))
    if seg.sets > 1:
        parts.append(_("Set {number} of {count}").format(number=seg.set, count=seg.sets))
    if seg.reps and seg.kind != "rest":
        parts.append(_("Rep {number} of {count}").format(number=seg.rep, count=seg.reps))
    if run is not None and run.groups:
        parts.append(run.rounds_label())
    return " · ".join(part for part in parts if part)


#: A count and its noun, by the language's plural rule, for the nouns the window counts.
_COUNTED: dict[str, Callable[[int], str]] = {
    "day": lambda n: ngettext("{count} day", "{count} days", n),
    "week": lambda n: ngettext("{count} week", "{count} weeks", n),
    "month": lambda n: ngettext("{count} month", "{count} months", n),
    "minute": lambda n: ngettext("{count} minute", "{count} minutes", n),
    "session": lambda n: ngettext("{count} session", "{count} sessions", n),
    "step": lambda n: ngettext("{count} step", "{count} steps", n),
    "point": lambda n: ngettext("{count} point", "{count} points", n),
    "set": lambda n: ngettext("{count} set", "{count} sets", n),
    "rep": lambda n: ngettext("{count} rep", "{count} reps", n),
    "breath": lambda n: ngettext("{count} breath", "{count} breaths", n),
    "problem": lambda n: ngettext("{count} problem", "{count} problems", n),
    "routine": lambda n: ngettext("{count} routine", "{count} routines", n),
}
#: The noun alone, as it follows a number shown apart (a caption under a big figure).
_NOUNS: dict[str, Callable[[int], str]] = {
    "day": lambda n: ngettext("day", "days", n),
    "week": lambda n: ngettext("week", "weeks", n),
    "minute": lambda n: ngettext("minute", "minutes", n),
    "session": lambda n: ngettext("session", "sessions", n),
    "routine": lambda n: ngettext("routine", "routines", n),
}


def plural(n: int, word: str) -> str:
    """A count and its noun, one or more, in the user's language: ``"1 day"``, ``"2 days"``
    (*word* is one of the nouns above; an unknown one is counted the English way)."""
    counted = _COUNTED.get(word)
    if counted is not None:
        return counted(n).format(count=n)
    return f"{n} {word if n == 1 else word + 's'}"


def noun(n: int, word: str) -> str:
    """*word* as it follows the number *n* (shown apart, as a caption under a figure)."""
    said = _NOUNS.get(word)
    if said is not None:
        return said(n)
    return word if n == 1 else f"{word}s"


def seconds_text(seconds: float) -> str:
    """A number of seconds in the locale's digits: ``"1.5 s"``, ``"1,5 s"``."""
    return _("{seconds} s").format(seconds=format_decimal(round(seconds, 2)))


def _secs(seconds: float) -> str:
    """Seconds in words, a range with the value used (``20–30 s (20 s used)``), or each
    side's (``30 s left, 45 s right``)."""
    if isinstance(seconds, SideSeconds):
        return _("{left} left, {right} right").format(
            left=_secs(seconds.left), right=_secs(seconds.right)
        )
    if isinstance(seconds, Ranged):
        if seconds.low < 60 and seconds.high < 60:
            span = _("{low}–{high} s").format(
                low=format_decimal(seconds.low), high=format_decimal(seconds.high)
            )
        else:
            span = f"{_secs(seconds.low)}–{_secs(seconds.high)}"
        return _("{span} ({used} used)").format(span=span, used=_secs(float(seconds)))
    return seconds_text(seconds) if seconds < 60 else format_clock(seconds)


def _count(n: int, word: str) -> str:
    """``3 sets``, ``3–4 sets (3 used)``, ``2 sets left, 3 right``."""
    if isinstance(n, SideCount):
        return _("{left} left, {right} right").format(left=plural(n.left, word), right=n.right)
    if isinstance(n, RangedCount):
        span = plural(n.high, word).replace(str(n.high), f"{n.low}–{n.high}", 1)
        return _("{span} ({used} used)").format(span=span, used=int(n))
    return plural(n, word)


def step_timing(step: Step) -> str:
    """How a step is timed, in a line: ``"2 sets × 10 reps · 3 s each · both sides"``.
    Ranges show their span and the value used; values per side show each side's."""
    if isinstance(step.open, SideOpen):
        left, right = (_open_words(step.open.on(side)) for side in ("left", "right"))
        core = _("until it softens (left: {left}; right: {right})").format(left=left, right=right)
    elif step.open is not None:
        core = _("until it softens ({marks})").format(marks=_open_words(step.open))
    elif step.reps is not None:
        if isinstance(step.hold, (SideSeconds, Ranged)):
            per_rep = _("{moving} + hold {hold}").format(
                moving=_secs(step.rep_length - step.hold), hold=_secs(step.hold)
            )
        else:
            per_rep = _secs(step.rep_length)
        core = _("{reps} of {each}").format(reps=_count(step.reps, "rep"), each=per_rep)
        if isinstance(step.tempo, RepTempo):
            phases = " · ".join(
                _("{phase} {seconds}").format(phase=_phase_word(n), seconds=format_decimal(s))
                for n, s in step.tempo.phases()
            )
            core = f"{core} ({phases})"
    elif step.breaths is not None:
        core = _count(step.breaths, "breath")
    elif step.hold is not None:
        core = _("hold {time}").format(time=_secs(step.hold))
    else:
        core = _secs(step.duration or 0.0)
    if step.sets > 1 or isinstance(step.sets, (SideCount, RangedCount)):
        core = _("{sets} × {each}").format(sets=_count(step.sets, "set"), each=core)
    parts = [core]
    if step.sides == "both":
        parts.append(_("each side, alternating") if step.alternate else _("each side"))
    elif step.sides == "left":
        parts.append(_("left side"))
    elif step.sides == "right":
        parts.append(_("right side"))
    return " · ".join(parts)


def _open_words(hold: OpenHold) -> str:
    if hold.min:
        return _("at least {least}, target {target}, max {most}").format(
            least=_secs(hold.min), target=_secs(hold.target), most=_secs(hold.limit)
        )
    return _("target {target}, max {most}").format(
        target=_secs(hold.target), most=_secs(hold.limit)
    )


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
        return run.name, where_line(upcoming, run) or kind_word(upcoming.kind)
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
    parts = [_("min {time}").format(time=format_clock(o.min))] if o.min else []
    parts += [
        _("target {time}").format(time=format_clock(target)),
        _("max {time}").format(time=format_clock(max(o.limit, target))),
    ]
    return " · ".join(parts)
