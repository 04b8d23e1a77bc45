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
from psoas_timer.i18n import _, format_date, format_datetime, format_time, ngettext, upper_first
from psoas_timer.ui.common.text import plural, side_word

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
        return _("today")
    if days == 1:
        return _("yesterday")
    if 1 < days < 7:
        return ngettext("{count} day ago", "{count} days ago", days).format(count=days)
    return _("on {date}").format(date=format_date(when, "long"))


def _sided(side: str | None, name: str) -> str:
    """A point named with its side: ``"Left psoas ball release"``."""
    if side == "left":
        where = _("left {point}").format(point=name)
    elif side == "right":
        where = _("right {point}").format(point=name)
    else:
        where = f"{side} {name}" if side else name
    return where[:1].upper() + where[1:]


def calendar_words(days: Sequence[DayMinutes], first: date) -> str:
    """The line under the calendar: the days with a session from *first* on, and their
    minutes."""
    shown = [d for d in days if d.sessions and d.day >= first]
    if not shown:
        return _("No sessions in the last six months: each day with one is shaded here.")
    minutes = round(sum(d.minutes for d in shown))
    return _(
        "{days} with a session, {minutes} in all. The stronger the colour, the more minutes."
    ).format(days=plural(len(shown), "day"), minutes=plural(minutes, "minute"))


def _clock(when: datetime) -> str:
    return format_time(when)


def last_done_line(last: LastDone | None, today: date) -> str:
    """The routine page's line: when the routine was last done and how its points released
    ("Last done yesterday at 07:10 · Psoas release: left released in 1:40, right in 2:10")."""
    if last is None:
        return _("Not done yet.")
    started = last.session.started
    day, time = day_words(started.date(), today), _clock(started)
    if last.session.ending == "stopped":
        line = _("Last done {day} at {time} (stopped early)").format(day=day, time=time)
    else:
        line = _("Last done {day} at {time}").format(day=day, time=time)
    releases = describe_releases(last.releases)
    return f"{line} · {releases}" if releases else line


def rating_lines(scores: Mapping[Area, int], before: Mapping[Area, int] | None = None) -> list[str]:
    """``"Left psoas: 3 (5 before)"`` for each rated area."""
    lines = []
    for area, score in scores.items():
        where = upper_first(area.label)
        if before is not None and area in before:
            text = _("{area}: {score} ({before} before)").format(
                area=where, score=score, before=before[area]
            )
        else:
            text = _("{area}: {score}").format(area=where, score=score)
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
        where = _sided(r.side, r.name)
        lines.append(_("{point}: {how}").format(point=where, how=hold_words(r.ending, r.seconds)))
    return lines


def change_lines(detail: SessionDetail, previous: SessionDetail | None) -> list[str]:
    """What changed since the previous session of the same routine: each area's score after
    it (the history's :func:`rating_changes`), and each point's time to release."""
    if previous is None:
        return [_("This is the first time this routine is recorded.")]
    lines: list[str] = []
    for change in rating_changes(detail, previous):
        if change.delta is None:
            continue
        area = upper_first(change.area.label)
        if change.delta == 0:
            line = _("{area} after: the same as last time ({now})")
        elif change.delta < 0:
            line = _("{area} after: {size} lower than last time ({previous} → {now})")
        else:
            line = _("{area} after: {size} higher than last time ({previous} → {now})")
        lines.append(
            line.format(area=area, size=abs(change.delta), previous=change.previous, now=change.now)
        )
    old = first_releases(previous.releases)
    for key, r in first_releases(detail.releases).items():
        before = old.get(key)
        if before is None:
            continue
        delta = r.seconds - before.seconds
        where = _sided(r.side, r.name)
        if abs(delta) < 1:
            lines.append(
                _("{point}: released in the same time ({time})").format(
                    point=where, time=format_seconds(r.seconds)
                )
            )
        else:
            if delta < 0:
                line = _("{point}: released {change} faster ({before} → {now})")
            else:
                line = _("{point}: released {change} slower ({before} → {now})")
            lines.append(
                line.format(
                    point=where,
                    change=format_seconds(abs(delta)),
                    before=format_seconds(before.seconds),
                    now=format_seconds(r.seconds),
                )
            )
    return lines or [_("Nothing to compare with the previous session yet.")]


def ago(day: date, today: date) -> str:
    """``"5 days ago"``, ``"4 weeks ago"``, ``"3 months ago"``."""
    days = (today - day).days
    if days < 7:
        if days <= 1:
            return _("yesterday")
        return ngettext("{count} day ago", "{count} days ago", days).format(count=days)
    if days < 61:
        weeks = days // 7
        return ngettext("{count} week ago", "{count} weeks ago", weeks).format(count=weeks)
    months = days // 30
    return ngettext("{count} month ago", "{count} months ago", months).format(count=months)


def since_start_lines(changes: Sequence[SinceStart], today: date) -> list[str]:
    """The completion page's "Since you started" lines: ``"Left psoas: down 3 points since
    you started, 4 weeks ago (7 → 4), a change that matters"``; a smaller change is only
    "no clear change yet", never an improvement."""
    lines = []
    for item in changes:
        change = item.change
        where = upper_first(item.area.label)
        when = ago(item.started.date(), today)
        scores = f"{change.first:.0f} → {change.last:.0f}"
        if change.direction == "same":
            lines.append(
                _("{area}: {scores} since you started, {when}: no clear change yet").format(
                    area=where, scores=scores, when=when
                )
            )
            continue
        points = round(change.points)
        if change.delta < 0:
            line = ngettext(
                "{area}: down {count} point since you started, {when} ({scores}), a change "
                "that matters",
                "{area}: down {count} points since you started, {when} ({scores}), a change "
                "that matters",
                points,
            )
        else:
            line = ngettext(
                "{area}: up {count} point since you started, {when} ({scores}), a change "
                "that matters",
                "{area}: up {count} points since you started, {when} ({scores}), a change "
                "that matters",
                points,
            )
        lines.append(line.format(area=where, count=points, when=when, scores=scores))
    return lines


def session_text(detail: SessionDetail) -> str:
    """A session in full, as plain text: when, how long, steps, releases, ratings, note."""
    s = detail.summary
    timing = _("{ending} · {active} active of {planned} planned").format(
        ending=upper_first(ending_word(s.ending)),
        active=format_seconds(s.active_seconds),
        planned=format_seconds(s.planned_seconds),
    )
    if s.paused_seconds >= 1:
        timing = _("{timing} · paused {time}").format(
            timing=timing, time=format_seconds(s.paused_seconds)
        )
    lines = [
        _("{routine}, {when}").format(
            routine=s.routine.name, when=format_datetime(s.started, "full")
        ),
        timing,
        step_counts(s),  # "3 of 8 steps done, 2 partly done, 3 skipped"
    ]
    before, after = detail.ratings_at("before"), detail.ratings_at("after")
    if before:
        lines += ["", _("Before:"), *("  " + x for x in rating_lines(before))]
    if after:
        lines += ["", _("After:"), *("  " + x for x in rating_lines(after, before))]
    if detail.releases:
        lines += ["", _("Releases:"), *("  " + x for x in release_lines(detail.releases))]
    if s.note:
        lines += ["", _("Note: {note}").format(note=s.note)]
    if detail.steps:
        lines += ["", _("Steps:")]
        for step in detail.steps:
            parts = [step.name]
            if step.side:
                parts.append(side_word(step.side))
            if step.set > 1:
                parts.append(_("set {number}").format(number=step.set))
            if step.done:
                line = _("{step}: {actual} of {planned}, done")
            else:
                line = _("{step}: {actual} of {planned}, skipped")
            text = line.format(
                step=" · ".join(parts),
                actual=format_seconds(step.actual_seconds),
                planned=format_seconds(step.planned_seconds),
            )
            lines.append(f"  {text}")
    return "\n".join(lines)
