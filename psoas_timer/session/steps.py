"""The steps around a session, as data: what :class:`~.flow.SessionFlow` asks the window to
show next.

Each is one thing on screen: the safety notice, one either/or question, the rating prompt,
the session itself, the completion page, or the offer to carry on an interrupted session.
The window draws it and reports the user's answer back to the flow, which returns the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from psoas_timer.core import model
from psoas_timer.core.catalog import Entry
from psoas_timer.core.engine import SessionRecord
from psoas_timer.core.plan import Plan
from psoas_timer.history import Area, Moment, SessionDetail, SinceStart
from psoas_timer.history.chart_series import Chart

__all__ = [
    "Begin",
    "Choice",
    "Completion",
    "EndHold",
    "PressAgain",
    "Rating",
    "Resume",
    "Safety",
    "Step",
]


@dataclass(frozen=True)
class Safety:
    """Show the safety notice. *before_start*: a routine with pressure-release steps waits
    on it (accepted, it starts); else it is the first run's, over the routine list."""

    before_start: bool


@dataclass(frozen=True)
class Choice:
    """Ask the open routine's either/or step *number* (of *count*): *choice*, with option
    *marked* picked beforehand (the last answer given for the routine, or the default)."""

    number: int
    count: int
    choice: model.Choice
    marked: int


@dataclass(frozen=True)
class Rating:
    """Ask how *areas* feel, *moment* the session (before: it starts after; after: the
    completion page follows)."""

    moment: Moment
    areas: list[Area]


@dataclass(frozen=True)
class Begin:
    """Start a session of *plan* (the routine of *entry*, its either/or steps answered) from
    segment *at* (0, or where an interrupted session carries on)."""

    entry: Entry
    plan: Plan
    at: int = 0


@dataclass(frozen=True)
class Completion:
    """Show how the session went: *record* of *plan* (None when it was not seen to end),
    and, when it was recorded, *detail* as kept and *previous*, the routine's session before."""

    plan: Plan | None
    record: SessionRecord | None
    detail: SessionDetail | None
    previous: SessionDetail | None
    #: Each area's pain since the first rating (empty without a history or a rating).
    since_start: tuple[SinceStart, ...] = ()
    #: The area that changed most since the start, over time (None when there is none).
    chart: Chart | None = None
    #: Offer the weekly check-in (it is on, and the last one is a week old or more).
    checkin_due: bool = False
    #: What of the session could not be saved and why, said once (None: all of it saved).
    unsaved: str | None = None
    #: The check-in offered has never been answered: there is no "last one" to speak of.
    first_checkin: bool = False


@dataclass(frozen=True)
class Resume:
    """A session of the routine *name*, started at *started* (*today* is the day now), never
        ended. With *step*, offer to carry it on from that step's set (on *side*, set *set* of
    *sets*: the question names them); without, say it cannot be
        (*missing*: its routine is gone; else its file changed) and that it is kept, interrupted."""

    name: str
    started: datetime
    today: date
    step: str | None
    missing: bool = False
    #: The side of the set it carries on from ("left", "right"; None: the step has none).
    side: str | None = None
    #: That set's number, and how many sets the step has.
    set: int = 1
    sets: int = 1


#: What the window may be asked to show.
Step = Safety | Choice | Rating | Begin | Completion | Resume


# -- during a session: what a press of Released does ------------------------------------
@dataclass(frozen=True)
class EndHold:
    """End the open hold now (it is past its minimum, or this is the second press)."""


@dataclass(frozen=True)
class PressAgain:
    """Released was pressed before the open hold's *minimum*: nothing ends. Say so, and show
    it beside the clock for *seconds*, within which a second press ends the hold."""

    minimum: float
    seconds: float
