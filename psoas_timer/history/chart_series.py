"""What a progress chart shows, decided without Qt: points by day, the date axis, and the
change that matters.

The Progress page, the completion page and the clinician's report draw the same charts
from these (the drawing itself is :mod:`psoas_timer.ui.common.chart_painter`):

- several values on one day are one point, the day's mean, with the day's range
  (:func:`by_day`), so two releases in one session never draw a vertical line;
- the date axis follows the span: days, weeks, months or years, never the same label
  twice (:func:`date_ticks`);
- a chart of pain marks the change from its first day to its last when it is large enough
  to matter (:func:`pain_chart`, using :mod:`.change`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from psoas_timer.i18n import _, month_name

from .change import ScoreChange, activity_change, pain_change
from .records import CheckIn, PainSample, ReleaseSample

__all__ = [
    "Chart",
    "DayPoint",
    "Line",
    "Tick",
    "activity_chart",
    "by_day",
    "date_ticks",
    "pain_chart",
    "per_for",
    "release_chart",
]


@dataclass(frozen=True, slots=True)
class DayPoint:
    """One day on a chart: the mean of its values, their lowest and highest, how many."""

    day: date
    mean: float
    low: float
    high: float
    count: int


@dataclass(frozen=True, slots=True)
class Line:
    """One series: its name, what it is (``before``, ``after``, ``release``, ``activity``:
    the painter picks a colour and a marker shape for each, so greyscale still tells them
    apart), and its points by day, oldest first."""

    name: str
    role: str
    points: tuple[DayPoint, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled date on the x axis."""

    day: date
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything a chart draws: a title, the lines, the y range and its unit, the date
    axis, and the change marked as mattering (``None`` when there is none to mark)."""

    title: str
    unit: str
    lines: tuple[Line, ...]
    y_max: float
    first: date | None
    last: date | None
    ticks: tuple[Tick, ...]
    change: ScoreChange | None = None
    change_line: str = ""  # the role of the line the change is measured on
    empty_text: str = ""
    per: str = "day"  # a point a day, week or month

    @property
    def empty(self) -> bool:
        return not any(line.points for line in self.lines)


#: Spans (in days) up to which a chart shows a point a day, then a point a week; beyond,
#: a point a month (ten years of daily points would be a smudge, and a heavy PDF).
DAILY_UP_TO = 120
WEEKLY_UP_TO = 730


def by_day(values: Iterable[tuple[datetime, float]], per: str = "day") -> tuple[DayPoint, ...]:
    """*values* (when, value), one point per local date (or per week, from its Monday, or
    per month, from its 1st: *per*): mean, lowest, highest, count."""
    days: dict[date, list[float]] = {}
    for when, value in values:
        day = when.date()
        if per == "week":
            day = date.fromordinal(day.toordinal() - day.weekday())
        elif per == "month":
            day = day.replace(day=1)
        bucket = days.get(day)
        if bucket is None:
            days[day] = [value]
        else:
            bucket.append(value)
    return tuple(
        DayPoint(day, sum(v) / len(v), min(v), max(v), len(v)) for day, v in sorted(days.items())
    )


def per_for(first: datetime | None, last: datetime | None) -> str:
    """A point a ``day``, ``week`` or ``month``, for a chart from *first* to *last*."""
    if first is None or last is None:
        return "day"
    span = (last.date() - first.date()).days
    return "day" if span <= DAILY_UP_TO else "week" if span <= WEEKLY_UP_TO else "month"


def date_ticks(first: date, last: date, most: int = 6) -> tuple[Tick, ...]:
    """Up to *most* dates to label between *first* and *last*: whole days for a short span,
    Mondays for weeks, the 1st for months, 1 January for years. Labels never repeat (a
    month's label names the year when the span crosses one)."""
    span = (last - first).days
    if span <= 0:
        return (Tick(first, _day_label(first, with_year=False)),)
    for days_apart in (1, 2, 3, 7, 14):
        if span // days_apart + 1 <= most:
            start = first if days_apart < 7 else first + timedelta(days=-first.weekday() % 7)
            ticks = []
            day = start
            while day <= last:
                ticks.append(Tick(day, _day_label(day, with_year=False)))
                day += timedelta(days=days_apart)
            if ticks:
                return _unique(ticks, first, last)
    for months_apart in (1, 2, 3, 6):
        months = (last.year - first.year) * 12 + last.month - first.month
        if months // months_apart + 1 <= most:
            crosses = first.year != last.year
            ticks = [
                Tick(day, _month_label(day, with_year=crosses or months_apart > 1))
                for day in _month_starts(first, last, months_apart)
            ]
            if ticks:
                return _unique(ticks, first, last)
    years_apart = max(1, -(-(last.year - first.year + 1) // most))
    ticks = [
        Tick(date(year, 1, 1), str(year))
        for year in range(first.year + 1, last.year + 1)
        if (year - first.year) % years_apart == 0
    ]
    return _unique(ticks or [Tick(first, str(first.year))], first, last)


def _unique(ticks: Sequence[Tick], first: date, last: date) -> tuple[Tick, ...]:
    seen: set[str] = set()
    kept: list[Tick] = []
    for tick in ticks:
        if first <= tick.day <= last and tick.label not in seen:
            seen.add(tick.label)
            kept.append(tick)
    return tuple(kept) or (Tick(first, _day_label(first, with_year=True)),)


def _month_starts(first: date, last: date, months_apart: int) -> list[date]:
    year, month = first.year, first.month
    if first.day != 1:
        month += 1
    starts: list[date] = []
    while True:
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = date(year, month, 1)
        if day > last:
            return starts
        if (month - 1) % months_apart == 0:
            starts.append(day)
        month += 1


def _day_label(day: date, *, with_year: bool) -> str:
    text = f"{day.day} {month_name(day.month, 'abbreviated')}"
    return f"{text} {day.year}" if with_year else text


def _month_label(day: date, *, with_year: bool) -> str:
    """The month's short name in the user's language ("Okt", "oct.", "out."), as the
    calendar writes it, with the year when asked."""
    name = month_name(day.month, "abbreviated")
    return f"{name} {day.year}" if with_year else name


def _frame(lines: Sequence[Line]) -> tuple[date | None, date | None, tuple[Tick, ...]]:
    days = [p.day for line in lines for p in line.points]
    if not days:
        return None, None, ()
    first, last = min(days), max(days)
    return first, last, date_ticks(first, last)


def pain_chart(label: str, samples: Sequence[PainSample]) -> Chart:
    """*label*'s pain before and after sessions (0–10), a point a day, with the change in
    the pain before sessions (or after, when never rated before) from the first day to the
    last marked when it matters."""
    per = per_for(samples[0].when, samples[-1].when) if samples else "day"
    before = Line(
        _("Before"),
        "before",
        by_day(((s.when, float(s.before)) for s in samples if s.before is not None), per),
    )
    after = Line(
        _("After"),
        "after",
        by_day(((s.when, float(s.after)) for s in samples if s.after is not None), per),
    )
    lines = tuple(line for line in (before, after) if line.points)
    first, last, ticks = _frame(lines)
    change: ScoreChange | None = None
    measured = before if len(before.points) > 1 else after
    if len(measured.points) > 1:
        found = pain_change(measured.points[0].mean, measured.points[-1].mean)
        change = found if found.meaningful else None
    return Chart(
        title=_("{value}: pain (0–10)").format(value=_capital(label)),
        unit="pain 0–10",
        lines=lines,
        y_max=10.0,
        first=first,
        last=last,
        ticks=ticks,
        change=change,
        change_line=measured.role if change else "",
        empty_text=_("{value}: not rated yet").format(value=_capital(label)),
        per=per,
    )


def release_chart(label: str, samples: Sequence[ReleaseSample]) -> Chart:
    """*label*'s minutes to release, a point a day (the mean of the day's holds, with
    their range): only holds ended by release (:func:`~.records.is_release`) are charted."""
    samples = [s for s in samples if s.released]
    per = per_for(samples[0].when, samples[-1].when) if samples else "day"
    line = Line(
        _("Minutes to release"),
        "release",
        by_day(((s.when, s.seconds / 60) for s in samples), per),
    )
    lines = (line,) if line.points else ()
    first, last, ticks = _frame(lines)
    top = max((p.high for p in line.points), default=1.0)
    return Chart(
        title=_("{value}: minutes to release").format(value=_capital(label)),
        unit="minutes",
        lines=lines,
        y_max=max(1.0, top * 1.1),
        first=first,
        last=last,
        ticks=ticks,
        empty_text=_("{value}: no releases yet").format(value=_capital(label)),
        per=per,
    )


def activity_chart(checkins: Sequence[CheckIn]) -> Chart:
    """Each activity of the weekly check-ins (0–10, higher is better), one line each (the
    three most recently rated), with the largest change that matters marked."""
    names: list[str] = []
    for checkin in reversed(checkins):
        for item in checkin.activities:
            if item.activity not in names:
                names.append(item.activity)
    names = names[:3]
    lines = tuple(
        Line(
            name,
            f"activity{n}",
            by_day(
                (c.taken, float(a.score))
                for c in checkins
                for a in c.activities
                if a.activity == name
            ),
        )
        for n, name in enumerate(names)
    )
    lines = tuple(line for line in lines if line.points)
    first, last, ticks = _frame(lines)
    change: ScoreChange | None = None
    change_line = ""
    for line in lines:
        if len(line.points) > 1:
            found = activity_change(line.points[0].mean, line.points[-1].mean)
            if found.meaningful and (change is None or found.points > change.points):
                change, change_line = found, line.role
    return Chart(
        title=_("Activities (0 cannot do – 10 as before)"),
        unit="score 0–10",
        lines=lines,
        y_max=10.0,
        first=first,
        last=last,
        ticks=ticks,
        change=change,
        change_line=change_line,
        empty_text=_("No check-ins yet"),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
