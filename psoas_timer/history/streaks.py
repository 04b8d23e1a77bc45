"""Streaks with a weekly goal, on local dates.

A streak is a run of days with a session. With a goal of *g* days a week, up to ``7 - g``
days off in one calendar week (Monday to Sunday) are allowed; the next day off breaks the
run. Days off before the run began do not count against it, and today never breaks it (it
is not over yet). Days are a set of local dates, so a clock change cannot count one twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from psoas_timer.i18n import _

from .records import Streak

__all__ = ["DEFAULT_GOAL", "compute_streak"]

DEFAULT_GOAL = 5


def _runs(days: list[date], today: date, goal: int) -> tuple[list[tuple[date, date, int]], bool]:
    """Each run as (first day, last day with a session, days with a session), and whether
    the days off since the last session (before today) have broken the last run."""
    allowed = 7 - goal
    runs: list[tuple[date, date, int]] = []
    first = last = days[0]
    count = 1
    off_week: date | None = None
    off = 0

    def week(d: date) -> date:
        return d - timedelta(days=d.weekday())

    previous = days[0]
    for d in [*days[1:], None]:
        # walk the days off between *previous* and the next day with a session (or today)
        end = d if d is not None else today
        broken = False
        gap = previous + timedelta(days=1)
        while gap < end:
            if off_week != week(gap):
                off_week, off = week(gap), 0
            off += 1
            if off > allowed:
                broken = True
                break
            gap += timedelta(days=1)
        if broken:
            runs.append((first, last, count))
            if d is None:
                return runs, True
            first = last = d
            count = 1
            off_week, off = None, 0
        elif d is not None:
            last = d
            count += 1
        else:
            runs.append((first, last, count))
        if d is not None:
            previous = d
    return runs, False


def compute_streak(days: Iterable[date], today: date, goal: int = DEFAULT_GOAL) -> Streak:
    """The current and longest streak over *days* (local dates with a session), as of
    *today*, with *goal* days a week (1 to 7). Days after *today* are ignored."""
    if not 1 <= goal <= 7:
        raise ValueError(_("the weekly goal is 1 to 7 days"))
    done = sorted({d for d in days if d <= today})
    monday = today - timedelta(days=today.weekday())
    this_week = sum(1 for d in done if d >= monday)
    today_done = bool(done) and done[-1] == today
    if not done:
        return Streak(goal, 0, 0, None, None, None, this_week, today_done)
    runs, broken = _runs(done, today, goal)
    longest = max(runs, key=lambda run: (run[2], run[1]))
    last = runs[-1]
    # The last run is current unless the days off since its last session broke it.
    current, since = (0, None) if broken else (last[2], last[0])
    return Streak(goal, current, longest[2], since, longest[0], longest[1], this_week, today_done)
