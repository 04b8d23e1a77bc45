"""What is said (and shown) to confirm an action taken from afar, and the player's title
for the desktop: plain sentences from a session's state, no Qt.

Every sentence is built from named placeholders, so it can be translated whole.
"""

from __future__ import annotations

from psoas_timer.core.engine import Snapshot
from psoas_timer.core.spoken import number_words

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

PAUSED = "Paused"
RESUMED = "Resumed"
STOPPED = "Stopped"
#: +10 s from afar (a global shortcut).
MORE = "Ten seconds more"
#: The first press of an early release, from afar: the second one ends the hold.
PRESS_AGAIN = "Press again to release"
#: Stop from afar, when the user wants to be asked: play answers it.
ASK_STOP = "Stop the session? Press play to stop it."
#: Play from afar when the window asks something first (the safety notice, a choice).
ANSWER_ON_SCREEN = "Answer on the screen to start"

STEP_AND_SIDE = "{step}, {side} side"
NEXT = "Next: {part}"
BACK = "Back: {part}"
RELEASED = "Released at {time}"
SECONDS = "{count} seconds"
ONE_SECOND = "{count} second"
MINUTES = "{count} minutes"
ONE_MINUTE = "{count} minute"
MINUTES_SECONDS = "{minutes} {seconds}"


def part_title(snap: Snapshot) -> str:
    """The part being done, as the desktop's media widget shows it: the step, and its side
    (``"Psoas release, right side"``)."""
    name = snap.segment.heading or snap.run.name
    side = snap.segment.side
    if side:
        return STEP_AND_SIDE.format(step=name, side=side)
    return name


def next_words(snap: Snapshot) -> str:
    """``"Next: Psoas release, right side"``: where Next has just moved to."""
    return NEXT.format(part=part_title(snap))


def back_words(snap: Snapshot) -> str:
    """``"Back: Psoas release, left side"``: where Previous has just moved to."""
    return BACK.format(part=part_title(snap))


def time_words(seconds: float) -> str:
    """A time held, as a coach says it: ``"forty seconds"``, ``"one minute forty"``,
    ``"two minutes"``."""
    whole = max(0, round(seconds))
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return (ONE_SECOND if secs == 1 else SECONDS).format(count=number_words(secs))
    counted = (ONE_MINUTE if minutes == 1 else MINUTES).format(count=number_words(minutes))
    if secs == 0:
        return counted
    return MINUTES_SECONDS.format(minutes=counted, seconds=number_words(secs))


def released_words(held: float) -> str:
    """``"Released at one minute forty"``."""
    return RELEASED.format(time=time_words(held))
