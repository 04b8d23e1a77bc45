"""What is said (and shown) to confirm an action taken from afar, and the player's title
for the desktop: plain sentences from a session's state, no Qt.

Every sentence is built from named placeholders, so it can be translated whole.
"""

from __future__ import annotations

from psoas_timer.core.engine import Snapshot
from psoas_timer.core.spoken import number_words
from psoas_timer.i18n import N_, _, npgettext

__all__ = [
    "ANSWER_ON_SCREEN",
    "ASK_STOP",
    "MORE",
    "PAUSED",
    "PRESS_AGAIN",
    "RESUMED",
    "STOPPED",
    "back_words",
    "next_words",
    "part_title",
    "released_words",
    "time_words",
]

# Marked only: said and shown translated (``_(PAUSED)``); the voice has a clip of each
# phrase in each language (tools/render_voice.py).
PAUSED = N_("Paused")
RESUMED = N_("Resumed")
STOPPED = N_("Stopped")
#: +10 s from afar (a global shortcut).
MORE = N_("Ten seconds more")
#: The first press of an early release, from afar: the second one ends the hold.
# Translators: said and shown after a first press of a media key or remote during a hold
# (from afar): a second press releases, ending the hold early
PRESS_AGAIN = N_("Press again to release")
#: Stop from afar, when the user wants to be asked: play answers it.
ASK_STOP = N_("Stop the session? Press play to stop it.")
#: Play from afar when the window asks something first (the safety notice, a choice).
ANSWER_ON_SCREEN = N_("Answer on the screen to start")


def part_title(snap: Snapshot) -> str:
    """The part being done, as the desktop's media widget shows it: the step, and its side
    (``"Psoas release, right side"``)."""
    name = snap.segment.heading or snap.run.name
    side = snap.segment.side
    if side == "left":
        return _("{step}, left side").format(step=name)
    if side == "right":
        return _("{step}, right side").format(step=name)
    return name


def next_words(snap: Snapshot) -> str:
    """``"Next: Psoas release, right side"``: where Next has just moved to."""
    return _("Next: {part}").format(part=part_title(snap))


def back_words(snap: Snapshot) -> str:
    """``"Back: Psoas release, left side"``: where Previous has just moved to."""
    return _("Back: {part}").format(part=part_title(snap))


def time_words(seconds: float) -> str:
    """A time held, as a coach says it: ``"forty seconds"``, ``"one minute forty"``,
    ``"two minutes"``."""
    whole = max(0, round(seconds))
    minutes, secs = divmod(whole, 60)
    # the voice's entries: said, a count is a word ("eine Minute"; on screen "1 Minute")
    if minutes == 0:
        return npgettext("spoken cue", "{count} second", "{count} seconds", secs).format(
            count=number_words(secs, noun="second")
        )
    counted = npgettext("spoken cue", "{count} minute", "{count} minutes", minutes).format(
        count=number_words(minutes, noun="minute")
    )
    if secs == 0:
        return counted
    after = number_words(secs, noun="second", noun_follows=False)  # "une minute trente et une"
    # Translators: "one minute forty": the minutes, then the seconds without their unit.
    return _("{minutes} {seconds}").format(minutes=counted, seconds=after)


def released_words(held: float) -> str:
    """``"Released at one minute forty"``."""
    return _("Released at {time}").format(time=time_words(held))
