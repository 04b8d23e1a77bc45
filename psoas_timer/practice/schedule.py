"""When to remind: routines on chosen days at a chosen local time, snoozed, skipped or paused.

:class:`ReminderSchedule` is polled (the window does it every few seconds; the interval does
not matter, nothing counts polls) and answers with the reminders due now. Its rules:

- A reminder is due at its time on its days, once per day. Occurrences are kept by local
  date, so a daylight-saving change neither skips one (a time inside the spring-forward gap
  comes just after the gap) nor doubles one (a time that happens twice counts once).
- None for a routine already done that day (:class:`DoneLog`, from the session history), none
  skipped for today, none while reminders are paused (for a while, for the rest of the day,
  or until resumed): those are dropped, not kept for later.
- "In 10 minutes" (:meth:`ReminderSchedule.snooze`) brings it back once, if still that day.
- After sleep or a closed lid, what was missed gives one notification, the latest one of
  that day; never a burst, and never one from an earlier day.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from psoas_timer.i18n import _, day_name

from .clocks import Clocks

__all__ = [
    "GRACE",
    "PROGRAMME_TARGET",
    "WEEKDAYS",
    "AnyOf",
    "DoneLog",
    "Due",
    "NoHistory",
    "Reminder",
    "ReminderSchedule",
    "Resolver",
    "SessionsThisRun",
]

log = logging.getLogger(__name__)

#: Day keys, Monday first (``date.weekday()`` order).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: A reminder's target meaning "my programme's session for today".
PROGRAMME_TARGET = "@programme"
#: A reminder seen later than this after its time was missed (asleep, app closed).
GRACE = timedelta(minutes=2)
#: How far back a missed occurrence is looked for (a week and a day covers every weekday).
_LOOKBACK_DAYS = 8


class DoneLog(Protocol):
    """What the session history tells reminders: the routines done on a day (routine keys:
    the file stem, e.g. ``daily-psoas``)."""

    def sessions_done_on(self, day: date) -> set[str]: ...


def sessions_done_between(log: DoneLog, since: date, until: date) -> dict[date, set[str]]:
    """The routines done on each day from *since* to *until* (both included; days with
    nothing left out): one question to a log that can answer for a range
    (``sessions_done_between``), else one per day, so only a short range is asked that way."""
    ranged = getattr(log, "sessions_done_between", None)
    if callable(ranged):
        found: dict[date, set[str]] = ranged(since, until)
        return found
    days: dict[date, set[str]] = {}
    day = since
    while day <= until:
        if done := log.sessions_done_on(day):
            days[day] = done
        day += timedelta(days=1)
    return days


class NoHistory:
    """A history that knows of nothing done (until the session history exists)."""

    def sessions_done_on(self, day: date) -> set[str]:
        return set()

    def sessions_done_between(self, since: date, until: date) -> dict[date, set[str]]:
        return {}


class SessionsThisRun:
    """The sessions completed since the app started, by day: enough to keep a reminder quiet
    after today's routine is done, until the session history is there to ask."""

    def __init__(self) -> None:
        self._done: dict[date, set[str]] = {}

    def record(self, routine: str, day: date) -> None:
        self._done.setdefault(day, set()).add(routine)

    def sessions_done_on(self, day: date) -> set[str]:
        return set(self._done.get(day, set()))

    def sessions_done_between(self, since: date, until: date) -> dict[date, set[str]]:
        return {d: set(done) for d, done in self._done.items() if since <= d <= until}


class AnyOf:
    """Routines done on a day by any of several logs."""

    def __init__(self, *logs: DoneLog) -> None:
        self.logs = logs

    def sessions_done_on(self, day: date) -> set[str]:
        return set().union(*(log.sessions_done_on(day) for log in self.logs))

    def sessions_done_between(self, since: date, until: date) -> dict[date, set[str]]:
        days: dict[date, set[str]] = {}
        for log in self.logs:
            for day, done in sessions_done_between(log, since, until).items():
                days.setdefault(day, set()).update(done)
        return days


@dataclass(frozen=True)
class Reminder:
    """Remind of *target* (a routine key, or :data:`PROGRAMME_TARGET`) on *days* (0 is
    Monday) at local time *at*."""

    id: str
    target: str
    days: frozenset[int]
    at: time

    def __post_init__(self) -> None:
        if not all(0 <= d <= 6 for d in self.days):
            raise ValueError(
                _("days are 0 (Monday) to 6 (Sunday), found {value}").format(
                    value=sorted(self.days)
                )
            )

    def on(self, day: date) -> bool:
        return day.weekday() in self.days

    def days_text(self) -> str:
        """``every day``, ``weekdays``, ``Mon, Wed, Fri``."""
        if len(self.days) == 7:
            return _("every day")
        if self.days == frozenset(range(5)):
            return _("weekdays")
        if self.days == frozenset({5, 6}):
            return _("weekends")
        return ", ".join(day_name(d) for d in sorted(self.days)) or _("no days")


@dataclass(frozen=True)
class Due:
    """A reminder to show now."""

    reminder: Reminder
    routine: str  # the routine key (a programme target resolved for that day)
    day: date  # the day it is for
    at: datetime  # when it was meant to come
    late: bool = False  # it comes late: missed while asleep or closed
    snoozed: bool = False  # it comes back after "In 10 minutes"


@dataclass(frozen=True)
class _Candidate:
    reminder: Reminder
    day: date
    at: datetime
    snoozed: bool


@dataclass
class _Snooze:
    until: datetime
    day: date


#: Turns a target into the routine for that day (``None``: nothing that day, e.g. a rest day
#: of the programme). The default takes the target as the routine key.
Resolver = Callable[[str, date], "str | None"]


@dataclass
class ReminderSchedule:
    clocks: Clocks
    done: DoneLog = field(default_factory=NoHistory)
    resolve: Resolver = lambda target, day: None if target == PROGRAMME_TARGET else target

    def __post_init__(self) -> None:
        self._reminders: dict[str, Reminder] = {}
        self._handled: dict[str, date] = {}
        self._snoozed: dict[str, _Snooze] = {}
        self._skipped: dict[str, date] = {}
        self._pause_until: datetime | None = None
        self._paused_forever = False

    # -- the reminders ---------------------------------------------------------------------
    @property
    def reminders(self) -> list[Reminder]:
        return list(self._reminders.values())

    def set_reminders(self, reminders: Iterable[Reminder]) -> None:
        """Use *reminders* from now on. A new or changed one starts from now: a time already
        past today does not fire at once. One restored from an earlier run (:meth:`restore`)
        goes on from where it was: a time missed today while the app was closed comes once."""
        new = {r.id: r for r in reminders}
        now = self.clocks.now()
        for rid, reminder in new.items():
            old = self._reminders.get(rid)
            if rid not in self._handled or (old is not None and old != reminder):
                latest = self._latest(reminder, now)
                self._handled[rid] = latest[0] if latest else now.date()
        for state in (self._handled, self._snoozed, self._skipped):
            for rid in [k for k in state if k not in new]:
                del state[rid]
        self._reminders = new

    # -- the user's answers ----------------------------------------------------------------
    def snooze(self, reminder_id: str, minutes: float = 10) -> None:
        """Bring reminder *reminder_id* back in *minutes* (once, and only the same day)."""
        now = self.clocks.now()
        self._snoozed[reminder_id] = _Snooze(now + timedelta(minutes=minutes), now.date())

    def skip_today(self, reminder_id: str) -> None:
        """No more of *reminder_id* today (a snooze is dropped too)."""
        self._skipped[reminder_id] = self.clocks.now().date()
        self._snoozed.pop(reminder_id, None)

    # -- pausing ---------------------------------------------------------------------------
    def pause_for(self, seconds: float) -> None:
        self._paused_forever = False
        self._pause_until = self.clocks.now() + timedelta(seconds=seconds)

    def pause_rest_of_day(self) -> None:
        self._paused_forever = False
        tomorrow = self.clocks.now().date() + timedelta(days=1)
        self._pause_until = self.clocks.localize(datetime.combine(tomorrow, time(0)))

    def pause_until_resumed(self) -> None:
        self._paused_forever = True
        self._pause_until = None

    def resume(self) -> None:
        self._paused_forever = False
        self._pause_until = None

    @property
    def paused(self) -> bool:
        return self._paused_at(self.clocks.now())

    @property
    def paused_until(self) -> datetime | None:
        """The end of a pause for a while (``None`` if not paused or paused until resumed)."""
        return self._pause_until if self.paused else None

    @property
    def paused_forever(self) -> bool:
        return self._paused_forever

    def _paused_at(self, now: datetime) -> bool:
        if self._paused_forever:
            return True
        if self._pause_until is not None and now >= self._pause_until:
            self._pause_until = None
        return self._pause_until is not None

    # -- polling ---------------------------------------------------------------------------
    def poll(self) -> list[Due]:
        """The reminders to show now (each occurrence is given once, then forgotten)."""
        now = self.clocks.now()
        found: dict[str, _Candidate] = {}
        for rid, reminder in self._reminders.items():
            snooze = self._snoozed.get(rid)
            if snooze is not None and snooze.until <= now:
                del self._snoozed[rid]
                found[rid] = _Candidate(reminder, snooze.day, snooze.until, snoozed=True)
            latest = self._latest(reminder, now)
            if latest is not None and latest[0] > self._handled.get(rid, date.min):
                self._handled[rid] = latest[0]
                self._snoozed.pop(rid, None)
                found[rid] = _Candidate(reminder, latest[0], latest[1], snoozed=False)
        kept = [due for c in found.values() if (due := self._due(c, now)) is not None]
        on_time = [d for d in kept if now - d.at <= GRACE]
        late = [d for d in kept if now - d.at > GRACE]
        if late:
            latest_late = max(late, key=lambda d: d.at)
            dropped = len(late) - 1
            if dropped:
                log.info("after a gap, %d missed reminder(s) folded into one", dropped)
            on_time.append(
                Due(
                    latest_late.reminder,
                    latest_late.routine,
                    latest_late.day,
                    latest_late.at,
                    late=True,
                    snoozed=latest_late.snoozed,
                )
            )
        return on_time

    def _due(self, candidate: _Candidate, now: datetime) -> Due | None:
        rid = candidate.reminder.id
        if self._paused_at(now) or candidate.day != now.date():
            return None
        if self._skipped.get(rid) == candidate.day:
            return None
        routine = self.resolve(candidate.reminder.target, candidate.day)
        if routine is None or routine in self.done.sessions_done_on(candidate.day):
            return None
        return Due(
            candidate.reminder, routine, candidate.day, candidate.at, False, candidate.snoozed
        )

    def _latest(self, reminder: Reminder, now: datetime) -> tuple[date, datetime] | None:
        """The latest occurrence of *reminder* at or before *now*: its day and time."""
        today = now.date()
        for back in range(_LOOKBACK_DAYS + 1):
            day = today - timedelta(days=back)
            if reminder.on(day):
                when = self.occurrence(reminder, day)
                if when <= now:
                    return day, when
        return None

    def occurrence(self, reminder: Reminder, day: date) -> datetime:
        """When *reminder* comes on *day* (after the gap if its time does not exist)."""
        return self.clocks.localize(datetime.combine(day, reminder.at))

    def next_time(self, reminder: Reminder) -> datetime | None:
        """When *reminder* comes next (ignoring pauses and skips), for display."""
        now = self.clocks.now()
        for ahead in range(_LOOKBACK_DAYS + 1):
            day = now.date() + timedelta(days=ahead)
            if reminder.on(day) and day > self._handled.get(reminder.id, date.min):
                when = self.occurrence(reminder, day)
                if when > now:
                    return when
        return None

    # -- keeping state between runs --------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """What to keep between runs (plain JSON): handled days, skips, a pause."""
        return {
            "handled": {k: v.isoformat() for k, v in self._handled.items()},
            "skipped": {k: v.isoformat() for k, v in self._skipped.items()},
            "pause_until": self._pause_until.isoformat() if self._pause_until else None,
            "paused_forever": self._paused_forever,
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        """Take back :meth:`state` from an earlier run; anything unreadable is left out."""
        self._handled = _dates(state.get("handled"))
        self._skipped = _dates(state.get("skipped"))
        self._paused_forever = state.get("paused_forever") is True
        self._pause_until = None
        until = state.get("pause_until")
        if isinstance(until, str):
            try:
                parsed = datetime.fromisoformat(until)
            except ValueError:
                log.warning("reminder state: unreadable pause end %r ignored", until)
            else:
                if parsed.tzinfo is not None:
                    self._pause_until = parsed


def _dates(value: object) -> dict[str, date]:
    result: dict[str, date] = {}
    if not isinstance(value, dict):
        return result
    for key, text in value.items():
        try:
            result[str(key)] = date.fromisoformat(str(text))
        except ValueError:
            log.warning("reminder state: unreadable date %r ignored", text)
    return result
