"""Plain sentences about the history for the window: the routine page's last-done line, the
completion screen's rating and the change since the previous session, and the Progress page's
words for its calendar and for a session (how it ended, and the whole of it as text).

Qt-free: the shell and the pages show these strings; tests read them without a window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from psoas_timer.history import (
    Area,
    DayMinutes,
    LastDone,
    Release,
    SessionDetail,
    describe_releases,
    format_seconds,
    rating_changes,
)
from psoas_timer.history.format import (
    ENDING_WORDS,
    ending_word,
    first_releases,
    hold_words,
    step_counts,
)
from psoas_timer.history.summary import SinceStart
from psoas_timer.i18n import _
from psoas_timer.ui.common.text import plural

__all__ = [
    "ENDINGS",
    "after_lines",
    "calendar_words",
    "change_lines",
    "day_words",
    "last_done_line",
    "rating_lines",
    "release_lines",
    "session_text",
]

#: How a session ended, in a word: the history's one vocabulary (:mod:`~.history.format`).
ENDINGS = ENDING_WORDS


def day_words(when: date, today: date) -> str:
    """``"today"``, ``"yesterday"``, ``"3 days ago"``, else ``"on 4 March 2026"``."""
    days = (today - when).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"{days} days ago"
    return f"on {when.day} {when:%B %Y}"


def calendar_words(days: Sequence[DayMinutes], first: date) -> str:
    """The line under the calendar: the days with a session from *first* on, and their
    minutes."""
    shown = [d for d in days if d.sessions and d.day >= first]
    if not shown:
        return "No sessions in the last six months: each day with one is shaded here."
    minutes = round(sum(d.minutes for d in shown))
    return (
        f"{plural(len(shown), 'day')} with a session, {plural(minutes, 'minute')} in all. "
        "The stronger the colour, the more minutes."
    )


def _clock(when: datetime) -> str:
    return f"{when:%H:%M}"


def last_done_line(last: LastDone | None, today: date) -> str:
    """The routine page's line: when the routine was last done and how its points released
    ("Last done yesterday at 07:10 · Psoas release: left released in 1:40, right in 2:10")."""
    if last is None:
        return "Not done yet."
    started = last.session.started
    line = f"Last done {day_words(started.date(), today)} at {_clock(started)}"
    if last.session.ending == "stopped":
        line += " (stopped early)"
    releases = describe_releases(last.releases)
    return f"{line} · {releases}" if releases else line


def rating_lines(scores: Mapping[Area, int], before: Mapping[Area, int] | None = None) -> list[str]:
    """``"Left psoas: 3 (5 before)"`` for each rated area."""
    lines = []
    for area, score in scores.items():
        text = f"{area.label.capitalize()}: {score}"
        if before is not None and area in before:
            text += f" ({before[area]} before)"
        lines.append(text)
    return lines


def after_lines(detail: SessionDetail) -> list[str]:
    """The completion screen's "How it feels now" lines, with the score before beside it."""
    return rating_lines(detail.ratings_at("after"), detail.ratings_at("before"))


def release_lines(releases: tuple[Release, ...]) -> list[str]:
    """Each open hold: ``"Left psoas ball release: released in 1:40"``, or how it ended
    otherwise (``"skipped after 0:01"``: only a release is a time to release)."""
    lines = []
    for r in releases:
        where = f"{r.side} {r.name}" if r.side else r.name
        where = where[:1].upper() + where[1:]
        lines.append(_("{point}: {how}").format(point=where, how=hold_words(r.ending, r.seconds)))
    return lines


def change_lines(detail: SessionDetail, previous: SessionDetail | None) -> list[str]:
    """What changed since the previous session of the same routine: each area's score after
    it (the history's :func:`rating_changes`), and each point's time to release."""
    if previous is None:
        return ["This is the first time this routine is recorded."]
    lines: list[str] = []
    for change in rating_changes(detail, previous):
        if change.delta is None:
            continue
        if change.delta == 0:
            how = f"the same as last time ({change.now})"
        else:
            how = f"{abs(change.delta)} {'lower' if change.delta < 0 else 'higher'} than last "
            how += f"time ({change.previous} → {change.now})"
        lines.append(f"{change.area.label.capitalize()} after: {how}")
    old = first_releases(previous.releases)
    for key, r in first_releases(detail.releases).items():
        before = old.get(key)
        if before is None:
            continue
        delta = r.seconds - before.seconds
        where = f"{r.side} {r.name}" if r.side else r.name
        where = where[:1].upper() + where[1:]
        if abs(delta) < 1:
            lines.append(f"{where}: released in the same time ({format_seconds(r.seconds)})")
        else:
            faster = "faster" if delta < 0 else "slower"
            lines.append(
                f"{where}: released {format_seconds(abs(delta))} {faster} "
                f"({format_seconds(before.seconds)} → {format_seconds(r.seconds)})"
            )
    return lines or ["Nothing to compare with the previous session yet."]


def ago(day: date, today: date) -> str:
    """``"5 days ago"``, ``"4 weeks ago"``, ``"3 months ago"``."""
    days = (today - day).days
    if days < 7:
        return f"{plural(days, 'day')} ago" if days > 1 else "yesterday"
    if days < 61:
        return f"{plural(days // 7, 'week')} ago"
    return f"{plural(days // 30, 'month')} ago"


def since_start_lines(changes: Sequence[SinceStart], today: date) -> list[str]:
    """The completion page's "Since you started" lines: ``"Left psoas: down 3 points since
    you started, 4 weeks ago (7 → 4), a change that matters"``; a smaller change is only
    "no clear change yet", never an improvement."""
    lines = []
    for item in changes:
        change = item.change
        where = item.area.label.capitalize()
        when = ago(item.started.date(), today)
        scores = f"{change.first:.0f} → {change.last:.0f}"
        if change.direction == "same":
            lines.append(f"{where}: {scores} since you started, {when}: no clear change yet")
            continue
        way = "down" if change.delta < 0 else "up"
        size = plural(round(change.points), "point")
        lines.append(
            f"{where}: {way} {size} since you started, {when} ({scores}), a change that matters"
        )
    return lines


def session_text(detail: SessionDetail) -> str:
    """A session in full, as plain text: when, how long, steps, releases, ratings, note."""
    s = detail.summary
    lines = [
        f"{s.routine.name}, {s.started:%A %d %B %Y, %H:%M}",
        f"{ending_word(s.ending).capitalize()} · {format_seconds(s.active_seconds)} active"
        f" of {format_seconds(s.planned_seconds)} planned"
        + (f" · paused {format_seconds(s.paused_seconds)}" if s.paused_seconds >= 1 else ""),
        _("Steps: {counts}").format(counts=step_counts(s)),
    ]
    before, after = detail.ratings_at("before"), detail.ratings_at("after")
    if before:
        lines += ["", "Before:", *("  " + x for x in rating_lines(before))]
    if after:
        lines += ["", "After:", *("  " + x for x in rating_lines(after, before))]
    if detail.releases:
        lines += ["", "Releases:", *("  " + x for x in release_lines(detail.releases))]
    if s.note:
        lines += ["", f"Note: {s.note}"]
    if detail.steps:
        lines += ["", "Steps:"]
        for step in detail.steps:
            where = f" · {step.side}" if step.side else ""
            where += f" · set {step.set}" if step.set > 1 else ""
            state = "done" if step.done else "skipped"
            lines.append(
                f"  {step.name}{where}: {format_seconds(step.actual_seconds)} of "
                f"{format_seconds(step.planned_seconds)}, {state}"
            )
    return "\n".join(lines)
