"""The player's words for one moment of a session: the heading (or the pause notice), the
step's name and where in it the user is, its instructions and safety notes, what comes next,
and the sentence a screen reader hears.

Qt-free: :class:`~psoas_timer.ui.player.player_view.PlayerView` shows these strings.
"""

from __future__ import annotations

from typing import NamedTuple

from psoas_timer.core.engine import Snapshot, State
from psoas_timer.core.model import Step
from psoas_timer.core.plan import Plan, StepRun
from psoas_timer.i18n import N_, _
from psoas_timer.ui.common.text import kind_word, next_up, step_timing, where_line

__all__ = ["PAUSED", "SETTING_WORDS", "PlayerWords", "player_words", "setting_caption"]

#: The heading's kind while paused (the other kinds are the segments' own).
PAUSED = "paused"


class PlayerWords(NamedTuple):
    #: The line above the step's name: the segment's heading, or the pause notice.
    heading: str
    #: What colours the heading: the segment's kind, or :data:`PAUSED`.
    kind: str
    title: str
    where: str
    #: The step whose picture, instructions and safety notes show: during a rest, the next.
    step: Step
    #: One action per line, as written: a glance from the mat finds the next one.
    instructions: str
    safety: str
    #: "Next up: ..." under the texts ("" during a rest, whose title names the next step).
    next_line: str
    #: What a screen reader hears at this phase: what to do, what and where.
    announcement: str


def _shown_run(plan: Plan, snap: Snapshot) -> StepRun:
    """The step run the player shows: during a rest, the next one with work in it."""
    if snap.segment.kind != "rest":
        return snap.run
    upcoming = next((s for s in plan.segments[snap.index + 1 :] if s.is_work), None)
    return plan.steps[upcoming.step] if upcoming is not None else snap.run


def player_words(plan: Plan, snap: Snapshot) -> PlayerWords:
    seg, run = snap.segment, snap.run
    resting = seg.kind == "rest"
    coming = next_up(plan, snap)
    shown = _shown_run(plan, snap)
    if snap.state is State.PAUSED:
        heading = (
            _("Paused after sleep · press Space to go on")
            if snap.slept
            else _("Paused · press Space to go on")
        )
        kind = PAUSED
    else:
        heading, kind = seg.heading or kind_word(seg.kind), seg.kind
    if resting:
        title = _("Next: {step}").format(step=coming[0]) if coming else _("Rest")
        where = coming[1] if coming else ""
    elif seg.kind == "prepare":
        title, where = shown.name, step_timing(shown.step)
    else:
        title, where = run.name, where_line(seg, run)
    step = shown.step
    first = step.instructions[0] if step.instructions else ""
    if resting and shown is not run and first:
        first = _("Next: {instruction}").format(instruction=first)
    lines = [first, *step.instructions[1:]] if step.instructions else []
    next_line = ""
    if not resting:
        next_line = (
            _("Next up: {step} · {detail}").format(step=coming[0], detail=coming[1])
            if coming
            # Translators: where "Next up: …" goes, during the routine's last step
            else _("Last step")
        )
    if snap.state is State.PAUSED:
        announcement = heading
    else:
        checking = _("Target reached. Has it softened?") if snap.checking_in else ""
        said = [seg.heading or kind_word(seg.kind), title, where, checking]
        # Translators: joins the parts a screen reader hears ("Hold. Bridge. Left").
        announcement = _(". ").join(w for w in said if w)
    return PlayerWords(
        heading=heading,
        kind=kind,
        title=title,
        where=where,
        step=step,
        instructions="\n".join(lines),
        safety="\n".join(f"⚠ {note}" for note in step.safety),
        next_line=next_line,
        announcement=announcement,
    )


#: What the player says when a setting its single-letter key changes is turned on or off:
#: a key pressed by mistake (C, M, T, F, H) changes what the user sees or hears, and stays
#: for the next session, so the change is said where the user is looking. By action name.
SETTING_WORDS: dict[str, tuple[str, str]] = {
    "count_up": (N_("Holds show the time held"), N_("Holds show the time to go")),
    "mute": (N_("Muted: cues show on screen only"), N_("Sound on")),
    "stay_on_top": (N_("The window stays on top"), N_("The window no longer stays on top")),
    "fullscreen": (N_("Full screen"), N_("Full screen off")),
    "high_contrast": (N_("High contrast on"), N_("High contrast off")),
}


def setting_caption(name: str, on: bool, key: str) -> str:
    """The caption for the setting *name* (see :data:`SETTING_WORDS`) turned *on* or off,
    with the *key* that changes it back ("" when the setting has none)."""
    on_words, off_words = SETTING_WORDS[name]
    said = _(on_words if on else off_words)
    if not key:
        return said
    return _("{setting} · {key} changes it back").format(setting=said, key=key)
