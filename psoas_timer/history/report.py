"""The clinician's report, as data: everything it says over a period, from one call.

:func:`build_report` reads the history between two dates and gives a :class:`Report`:
adherence per week against the weekly goal (and against the followed programme, planned
and done), pain before and after per area and side (first, last, change, and whether the
change matters), release time per point and side (first, last, trend), the notes, and the
weekly check-ins. The PDF (:mod:`psoas_timer.ui.progress.report_pdf`) only draws it, so
what it says is tested here without Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Protocol

from psoas_timer.i18n import _, format_skeleton

from .change import ScoreChange, activity_change, pain_change
from .chart_series import Chart, DayPoint, activity_chart, by_day, pain_chart, release_chart
from .localtime import from_iso
from .records import Area, CheckIn, Point
from .store import HistoryStore

__all__ = [
    "ActivityRow",
    "AdherenceRow",
    "AreaRow",
    "NoteRow",
    "PlannedProgramme",
    "PointRow",
    "Report",
    "WeekRow",
    "adherence_rows",
    "build_report",
    "first_session_day",
]

#: The report's charts: this many pain charts and release charts at most (the tables list
#: every area and point).
MAX_PAIN_CHARTS = 4
MAX_RELEASE_CHARTS = 2


class PlannedProgramme(Protocol):
    """The programme the user follows, as the report needs it: its name, and the routine
    (by key, the routine file's name without ``.yaml``) planned on each weekday."""

    @property
    def name(self) -> str: ...

    def routine_on(self, weekday: int) -> str | None: ...


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One calendar week (Monday to Sunday, cut to the period): days with a session against
    the goal, sessions and minutes, and the programme's sessions planned and done (``None``
    without a programme)."""

    monday: date
    first: date
    last: date
    days: int
    goal: int
    sessions: int
    minutes: float
    planned: int | None = None
    planned_done: int | None = None

    @property
    def met(self) -> bool:
        """Whether the week reached the goal (a week cut short by the period counts the goal
        scaled to its days)."""
        length = (self.last - self.first).days + 1
        return self.days >= -(-self.goal * length // 7)


@dataclass(frozen=True, slots=True)
class AreaRow:
    """An area's pain: first and last rating before sessions and after them in the period,
    the changes (``None`` with fewer than two days rated), and its chart."""

    area: Area
    first_before: int | None
    last_before: int | None
    first_after: int | None
    last_after: int | None
    change_before: ScoreChange | None
    change_after: ScoreChange | None
    ratings: int
    chart: Chart


@dataclass(frozen=True, slots=True)
class PointRow:
    """A point's release time (seconds): first and last hold in the period, the trend in
    seconds per week (least squares over the day means; ``None`` with fewer than two days),
    how many holds, and its chart."""

    point: Point
    first: float
    last: float
    trend_per_week: float | None
    holds: int
    chart: Chart


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """An activity of the weekly check-ins: first and last score and the change."""

    activity: str
    first: int
    last: int
    change: ScoreChange | None


@dataclass(frozen=True, slots=True)
class NoteRow:
    when: datetime
    routine: str
    note: str


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the report says; see :func:`build_report`."""

    name: str
    note: str
    since: date
    until: date
    made: datetime
    goal: int
    programme: str | None
    sessions: int
    completed: int
    active_seconds: float
    weeks: tuple[WeekRow, ...]
    areas: tuple[AreaRow, ...]
    points: tuple[PointRow, ...]
    notes: tuple[NoteRow, ...]
    checkins: tuple[CheckIn, ...]
    activities: tuple[ActivityRow, ...]
    activity_chart: Chart

    @property
    def pain_charts(self) -> tuple[Chart, ...]:
        """The pain charts the report draws: the most rated areas (with data)."""
        ranked = sorted(self.areas, key=lambda a: -a.ratings)
        return tuple(a.chart for a in ranked[:MAX_PAIN_CHARTS] if not a.chart.empty)

    @property
    def release_charts(self) -> tuple[Chart, ...]:
        ranked = sorted(self.points, key=lambda p: -p.holds)
        return tuple(p.chart for p in ranked[:MAX_RELEASE_CHARTS] if not p.chart.empty)


def build_report(
    store: HistoryStore,
    since: date | None = None,
    until: date | None = None,
    *,
    name: str = "",
    note: str = "",
    programme: PlannedProgramme | None = None,
    programme_start: date | None = None,
    made: datetime | None = None,
) -> Report:
    """The report over *since* to *until* (local dates, both included; by default from the
    first session to today). *programme* (with the day it was begun) adds the sessions it
    planned and how many of them were done, matched by routine file name as reminders do."""
    made = made if made is not None else store.wall()
    today = made.date()
    until = until if until is not None else today
    conn = store.connection
    if since is None:
        first = first_session_day(store)
        since = first if first is not None and first <= until else until
    period = (since.isoformat(), until.isoformat())
    # Only what the report counts (not every session's steps): the day, the ending, the
    # active time and the routine's file.
    sessions = [
        _Done(date.fromisoformat(day), ending, seconds, stem(file) if file else None)
        for day, ending, seconds, file in conn.execute(
            "SELECT local_date, ending, active_seconds, routine_file FROM sessions "
            "WHERE local_date BETWEEN ? AND ? ORDER BY started_utc",
            period,
        )
    ]
    notes = tuple(
        NoteRow(from_iso(at), routine, note)
        for at, routine, note in conn.execute(
            "SELECT started_at, routine, note FROM sessions "
            "WHERE local_date BETWEEN ? AND ? AND trim(note) != '' ORDER BY started_utc",
            period,
        )
    )
    goal = store.weekly_goal()
    checkins = store.checkins(since=since, until=until)
    return Report(
        name=name.strip(),
        note=note.strip(),
        since=since,
        until=until,
        made=made,
        goal=goal,
        programme=programme.name if programme is not None else None,
        sessions=len(sessions),
        completed=sum(1 for s in sessions if s.ending == "completed"),
        active_seconds=sum(s.seconds for s in sessions),
        weeks=_weeks(sessions, since, until, goal, programme, programme_start),
        areas=_areas(store, since, until),
        points=_points(store, since, until),
        notes=notes,
        checkins=tuple(checkins),
        activities=_activities(checkins),
        activity_chart=activity_chart(checkins),
    )


def first_session_day(store: HistoryStore) -> date | None:
    """The local date of the first session recorded, or None."""
    (first,) = store.connection.execute("SELECT min(local_date) FROM sessions").fetchone()
    return date.fromisoformat(first) if first else None


@dataclass(frozen=True, slots=True)
class _Done:
    """A session as the adherence table counts it."""

    day: date
    ending: str | None
    seconds: float
    routine_key: str | None  # the routine file's name without .yaml


def stem(file: str) -> str:
    """A routine file's key: its name without the folder and ``.yaml``."""
    return PurePath(file).stem


def _weeks(
    sessions: Sequence[_Done],
    since: date,
    until: date,
    goal: int,
    programme: PlannedProgramme | None,
    programme_start: date | None,
) -> tuple[WeekRow, ...]:
    by_day: dict[date, list[_Done]] = {}
    for s in sessions:
        by_day.setdefault(s.day, []).append(s)
    rows: list[WeekRow] = []
    monday = since - timedelta(days=since.weekday())
    while monday <= until:
        first, last = max(monday, since), min(monday + timedelta(days=6), until)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        done = [s for d in days for s in by_day.get(d, [])]
        planned: int | None = None
        planned_done: int | None = None
        if programme is not None:
            planned = planned_done = 0
            for day in days:
                key = programme.routine_on(day.weekday())
                if key is None or (programme_start is not None and day < programme_start):
                    continue
                planned += 1
                if any(
                    s.ending == "completed" and s.routine_key == key for s in by_day.get(day, [])
                ):
                    planned_done += 1
        rows.append(
            WeekRow(
                monday=monday,
                first=first,
                last=last,
                days=sum(1 for d in days if d in by_day),
                goal=goal,
                sessions=len(done),
                minutes=sum(s.seconds for s in done) / 60,
                planned=planned,
                planned_done=planned_done,
            )
        )
        monday += timedelta(days=7)
    return tuple(rows)


def _areas(store: HistoryStore, since: date, until: date) -> tuple[AreaRow, ...]:
    rows: list[AreaRow] = []
    for area in store.rated_areas():
        samples = [s for s in store.pain_series(area, since=since) if s.when.date() <= until]
        if not samples:
            continue
        before = [(s.when, s.before) for s in samples if s.before is not None]
        after = [(s.when, s.after) for s in samples if s.after is not None]
        chart = pain_chart(area.label, samples)
        rows.append(
            AreaRow(
                area=area,
                first_before=before[0][1] if before else None,
                last_before=before[-1][1] if before else None,
                first_after=after[0][1] if after else None,
                last_after=after[-1][1] if after else None,
                change_before=_pain_change(before),
                change_after=_pain_change(after),
                ratings=len(before) + len(after),
                chart=chart,
            )
        )
    return tuple(rows)


def _pain_change(scores: Sequence[tuple[datetime, int]]) -> ScoreChange | None:
    """First to last score, when they are on different days (else there is no change to
    speak of)."""
    if not scores or scores[0][0].date() == scores[-1][0].date():
        return None
    return pain_change(scores[0][1], scores[-1][1])


def _points(store: HistoryStore, since: date, until: date) -> tuple[PointRow, ...]:
    rows: list[PointRow] = []
    for point in store.release_points():
        samples = [s for s in store.release_series(point, since=since) if s.when.date() <= until]
        if not samples:
            continue
        days = by_day((s.when, s.seconds) for s in samples)
        chart = release_chart(point.label, samples)
        rows.append(
            PointRow(
                point=point,
                first=samples[0].seconds,
                last=samples[-1].seconds,
                trend_per_week=_slope(days) if len(days) > 1 else None,
                holds=len(samples),
                chart=chart,
            )
        )
    return tuple(rows)


def _slope(days: Sequence[DayPoint]) -> float:
    """Least-squares slope of the day means, per week."""
    xs = [float(p.day.toordinal()) for p in days]
    ys = [p.mean for p in days]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    if var == 0:
        return 0.0
    return 7 * sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var


def _activities(checkins: Sequence[CheckIn]) -> tuple[ActivityRow, ...]:
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    count: dict[str, int] = {}
    for checkin in checkins:
        for item in checkin.activities:
            first.setdefault(item.activity, item.score)
            last[item.activity] = item.score
            count[item.activity] = count.get(item.activity, 0) + 1
    return tuple(
        ActivityRow(
            name,
            first[name],
            last[name],
            activity_change(first[name], last[name]) if count[name] > 1 else None,
        )
        for name in first
    )


#: Up to this many weeks, adherence is shown week by week; beyond, month by month.
MAX_WEEK_ROWS = 13


@dataclass(frozen=True, slots=True)
class AdherenceRow:
    """A line of the adherence table: a week (or, over a long period, a month or a year)
    with its days with a session against the goal's days, and the programme's sessions."""

    label: str
    days: int
    goal_days: int
    sessions: int
    minutes: float
    planned: int | None
    planned_done: int | None

    @property
    def met(self) -> bool:
        return self.days >= self.goal_days


def adherence_rows(report: Report) -> list[AdherenceRow]:
    """The adherence table: one row a week for up to :data:`MAX_WEEK_ROWS` weeks, else one a
    month (for up to two years, else one a year), so the report stays short. A part of a
    week at either end of the period counts the goal in proportion to its days."""
    weeks = report.weeks

    def goal_days(week: WeekRow) -> int:
        length = (week.last - week.first).days + 1
        return -(-week.goal * length // 7)

    if len(weeks) <= MAX_WEEK_ROWS:
        return [
            AdherenceRow(
                _("Week of {date}").format(date=format_skeleton("yMMMd", w.first)),
                w.days,
                goal_days(w),
                w.sessions,
                w.minutes,
                w.planned,
                w.planned_done,
            )
            for w in weeks
        ]
    by_year = (report.until - report.since).days > 2 * 366
    groups: dict[str, list[WeekRow]] = {}
    for w in weeks:
        key = str(w.first.year) if by_year else format_skeleton("yMMM", w.first)
        groups.setdefault(key, []).append(w)
    rows = []
    for label, group in groups.items():
        planned = [w.planned for w in group if w.planned is not None]
        done = [w.planned_done for w in group if w.planned_done is not None]
        rows.append(
            AdherenceRow(
                label,
                sum(w.days for w in group),
                sum(goal_days(w) for w in group),
                sum(w.sessions for w in group),
                sum(w.minutes for w in group),
                sum(planned) if planned else None,
                sum(done) if done else None,
            )
        )
    return rows
