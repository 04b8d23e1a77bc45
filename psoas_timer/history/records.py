"""What the history hands out: plain, frozen records, with no database behind them.

Times are aware :class:`~datetime.datetime` values in the offset the computer had when they
were recorded (so a session at 07:00 in summer stays at 07:00 after the clocks change);
durations are seconds from the monotonic clock, never negative.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from psoas_timer.core.file_reading import read_bytes
from psoas_timer.i18n import N_, _, content, pgettext

#: Larger than any routine file the loader reads: a bigger one is recorded without a hash.
MAX_ROUTINE_BYTES = 16 * 1024 * 1024


__all__ = [
    "IMPRESSIONS",
    "RELEASE_ENDINGS",
    "ActivityScore",
    "Area",
    "CheckIn",
    "DayMinutes",
    "Ending",
    "LastDone",
    "Moment",
    "PainSample",
    "Point",
    "Progress",
    "Rating",
    "Release",
    "ReleaseEnding",
    "ReleaseSample",
    "RoutineSource",
    "RoutineStats",
    "SessionDetail",
    "SessionSummary",
    "Side",
    "StepRecord",
    "Streak",
    "Totals",
    "Unfinished",
    "content_hash",
    "is_release",
    "release_sql",
]

#: How a session ended: it ran to the end, the user stopped it, or the app never saw its end
#: (a crash, a kill, a power cut) and the user chose not to carry on.
Ending = Literal["completed", "stopped", "interrupted"]
#: How an open hold ended: Release pressed, Release after one or more "+15 s" (or +10 s),
#: the hold reached its maximum, the user skipped it, or the session stopped during it.
ReleaseEnding = Literal["released", "extended", "max", "skipped", "stopped"]
#: The one rule for what counts as a time to release: a hold the user ended by Release
#: (after more time or not). A skipped or stopped hold, or one that ran to its maximum, says
#: how long it was held, never how long the point took to release: the routine page, the
#: charts, the report, the export and the ``history`` command all ask :func:`is_release`.
RELEASE_ENDINGS: tuple[ReleaseEnding, ...] = ("released", "extended")


def is_release(ending: str) -> bool:
    """Whether a hold that ended as *ending* is a time to release (:data:`RELEASE_ENDINGS`)."""
    return ending in RELEASE_ENDINGS


def release_sql(column: str) -> str:
    """:func:`is_release` as an SQL condition on *column* (a release's ``ending``)."""
    return f"{column} IN ({', '.join(repr(e) for e in RELEASE_ENDINGS)})"


#: When a rating was given: before the first step or after the last.
Moment = Literal["before", "after"]
Side = Literal["left", "right"]


@dataclass(frozen=True, slots=True)
class RoutineSource:
    """The routine a session ran: its name, its file, and a hash of the file's bytes (so an
    edited routine is a new version). *file* and *content_hash* are ``None`` for a routine
    that has no file (a session built in memory)."""

    name: str
    file: str | None = None
    content_hash: str | None = None

    @classmethod
    def from_file(cls, name: str, path: Path) -> RoutineSource:
        """The routine *name* read from *path*: its hash is of the file's bytes now (a file
        that cannot be read is recorded without one)."""
        try:
            digest: str | None = content_hash(read_bytes(path, max_bytes=MAX_ROUTINE_BYTES))
        except OSError:  # missing, unreadable, not a regular file, too big
            digest = None
        return cls(name, str(path), digest)


def content_hash(data: bytes) -> str:
    """The hash a routine file's bytes are recorded with: SHA-256, in hex."""
    return hashlib.sha256(data).hexdigest()


def place_label(name: str, side: Side | None) -> str:
    """A body area or a worked point with its side, as shown: the name looked up in the
    bundled content's catalog (a user's own words stay as written), the side's word and the
    order from the program's catalog ("left psoas"; German "Psoas links")."""
    place = content(name)
    if side == "left":
        return pgettext("a body area or point on the left side", "left {place}").format(place=place)
    if side == "right":
        return pgettext("a body area or point on the right side", "right {place}").format(
            place=place
        )
    return place


@dataclass(frozen=True, slots=True, order=True)
class Area:
    """A body area rated 0–10: a muscle from the steps' ``muscles``, on one side or none."""

    name: str
    side: Side | None = None

    @property
    def label(self) -> str:
        """``"left psoas"``, ``"low back"``, in the user's language (the name as the routine
        writes it is :attr:`name`, which the history keys by)."""
        return place_label(self.name, self.side)


@dataclass(frozen=True, slots=True)
class Point:
    """A point worked by open holds, across sessions: the library exercise (or, without one,
    the step's name) on one side."""

    key: str
    name: str
    side: Side | None = None

    @property
    def label(self) -> str:
        """``"left iliacus release"``, in the user's language."""
        return place_label(self.name, self.side)


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One set of one step on one side: planned and actual seconds, done or skipped.

    *step* is the step run's index in the plan (a repeat group's rounds are separate runs).
    *done* is true when every segment of the set ran (or was cut short after half of it, as
    the engine counts), false when it was skipped or the session stopped first.
    """

    step: int
    name: str
    library_id: str | None
    kind: str
    side: Side | None
    set: int
    planned_seconds: float
    actual_seconds: float
    done: bool


@dataclass(frozen=True, slots=True)
class Release:
    """One open hold: which point, how long it took to release, its limits, how it ended."""

    step: int
    name: str
    library_id: str | None
    side: Side | None
    set: int
    seconds: float
    min_seconds: float
    target_seconds: float
    max_seconds: float
    ending: ReleaseEnding

    @property
    def point(self) -> Point:
        return Point(self.library_id or self.name, self.name, self.side)

    @property
    def released(self) -> bool:
        """Whether :attr:`seconds` is a time to release (:func:`is_release`)."""
        return is_release(self.ending)


@dataclass(frozen=True, slots=True)
class Rating:
    """A 0–10 score for an area, before or after a session."""

    moment: Moment
    area: Area
    score: int


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One session as listed: the routine, when, how long, how it ended.

    *ended* and *ending* are ``None`` while the session runs (or if it was interrupted and
    not yet resumed or closed: see :class:`Unfinished`). *steps_done* counts step runs whose
    every side and set was done, *steps_partly* those with some done and some not, and
    *steps_skipped* those reached with none done (the completion screen's "done", "partly
    done" and "skipped", counted by side and set); *steps_planned* the routine's step runs
    with work in them (rests are not steps here). Words for them: :mod:`.format`.
    """

    id: str
    routine: RoutineSource
    started: datetime
    ended: datetime | None
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    ending: Ending | None
    steps_done: int
    steps_skipped: int
    note: str
    steps_planned: int = 0
    steps_partly: int = 0

    @property
    def local_date(self) -> date:
        """The day the session counts for: its start's date where and when it began."""
        return self.started.date()


@dataclass(frozen=True, slots=True)
class SessionDetail:
    """A session with everything recorded in it."""

    summary: SessionSummary
    steps: tuple[StepRecord, ...]
    releases: tuple[Release, ...]
    ratings: tuple[Rating, ...]

    @property
    def id(self) -> str:
        return self.summary.id

    def ratings_at(self, moment: Moment) -> dict[Area, int]:
        return {r.area: r.score for r in self.ratings if r.moment == moment}


@dataclass(frozen=True, slots=True)
class DayMinutes:
    """Minutes of active time on one local date, over how many sessions."""

    day: date
    minutes: float
    sessions: int


@dataclass(frozen=True, slots=True)
class Streak:
    """Streaks in days with a session, where up to ``7 - goal`` days off in a calendar week
    (Monday to Sunday) do not break the run.

    *current* and *longest* count the days with a session in the run; *current_since* and
    *longest_since*/*longest_until* are the first and last days with a session in it.
    *this_week* is how many days of the current week have a session; *today_done* whether
    today has one (today never breaks a streak: it is not over).
    """

    goal: int
    current: int
    longest: int
    current_since: date | None
    longest_since: date | None
    longest_until: date | None
    this_week: int
    today_done: bool


@dataclass(frozen=True, slots=True)
class RoutineStats:
    """Per routine (by name, across its versions): how often, when last, how long."""

    routine: str
    sessions: int
    completed: int
    last_done: datetime
    average_seconds: float


@dataclass(frozen=True, slots=True)
class PainSample:
    """An area's ratings in one session (either may be missing)."""

    session_id: str
    when: datetime
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class ReleaseSample:
    """A point's time to release in one session."""

    session_id: str
    when: datetime
    seconds: float
    target_seconds: float
    ending: ReleaseEnding

    @property
    def released(self) -> bool:
        """Whether :attr:`seconds` is a time to release (:func:`is_release`)."""
        return is_release(self.ending)


@dataclass(frozen=True, slots=True)
class LastDone:
    """For a routine's page: its last session, the releases in it, and its ratings."""

    session: SessionSummary
    releases: tuple[Release, ...]
    ratings: tuple[Rating, ...]


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A session the app never saw end (a crash, a kill, a power cut).

    *resume_segment* is the plan segment to carry on from (the start of the set that was
    running), valid for a plan compiled from the same file: :func:`~psoas_timer.history.
    resume_at` checks the file's hash and gives the segment, and the plan names the step
    there (``plan.steps[plan.segments[i].step].name``). *step* and *step_name* are the last
    step with a recorded set (None when none ended). *last_activity* is when the last set
    was recorded; keeping the session as it was ends it then.
    """

    session: SessionSummary
    resume_segment: int
    step: int | None
    step_name: str | None
    last_activity: datetime


@dataclass(frozen=True, slots=True)
class Totals:
    """The Progress page's figures that need the whole history (its age, not what is shown,
    sets their cost): the streak, each routine's figures, the areas and points that have
    charts (with the latest of each), sessions and time in all. Worked out off the window's
    thread (:meth:`HistoryStore.reader`)."""

    today: date
    streak: Streak
    routines: tuple[RoutineStats, ...]
    areas: tuple[Area, ...]
    points: tuple[Point, ...]
    sessions: int
    total_seconds: float
    latest_area: Area | None = None
    latest_point: Point | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything the Progress page draws first, from one call."""

    today: date
    days: tuple[DayMinutes, ...]
    streak: Streak
    routines: tuple[RoutineStats, ...]
    areas: tuple[Area, ...]
    points: tuple[Point, ...]
    sessions: int
    total_seconds: float = field(default=0.0)

    @classmethod
    def of(cls, totals: Totals, days: tuple[DayMinutes, ...]) -> Progress:
        """The page's figures: the whole-history *totals* with the minutes of *days*."""
        return cls(
            today=totals.today,
            days=days,
            streak=totals.streak,
            routines=totals.routines,
            areas=totals.areas,
            points=totals.points,
            sessions=totals.sessions,
            total_seconds=totals.total_seconds,
        )


#: The global impression of change, from -3 to +3, in the words the check-in offers
#: (marked; translated where shown: ``_(IMPRESSIONS[n])``).
IMPRESSIONS: dict[int, str] = {
    3: N_("very much improved"),
    2: N_("much improved"),
    1: N_("a little improved"),
    0: N_("no change"),
    -1: N_("a little worse"),
    -2: N_("much worse"),
    -3: N_("very much worse"),
}


@dataclass(frozen=True, slots=True)
class ActivityScore:
    """One activity of the Patient-Specific Functional Scale: something the user finds hard,
    rated 0 (cannot do it) to 10 (as well as before the trouble began)."""

    activity: str
    score: int


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A weekly check-in: up to three activities rated 0–10, and how things are overall
    since starting (-3 very much worse to +3 very much improved; None when not answered).
    *session_id* is the session it followed, if any."""

    id: str
    taken: datetime
    activities: tuple[ActivityScore, ...]
    impression: int | None
    session_id: str | None = None

    @property
    def impression_label(self) -> str:
        """The impression in words, or "" when not answered."""
        if self.impression is None or self.impression not in IMPRESSIONS:
            return ""
        return _(IMPRESSIONS[self.impression])
