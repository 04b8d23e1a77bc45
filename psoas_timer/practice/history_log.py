"""What the session history tells reminders and programmes: the routines completed on a day.

Sessions are matched to routines by their file's name without ``.yaml`` (the routine key
reminders and programmes use); a session stopped early, interrupted, or of a routine with no
file does not count.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date
from pathlib import Path

from psoas_timer.history import HistoryError, HistoryStore

__all__ = ["HistoryDoneLog"]

log = logging.getLogger(__name__)


class HistoryDoneLog:
    """A :class:`~.schedule.DoneLog` over the history *store*."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    def sessions_done_on(self, day: date) -> set[str]:
        try:
            sessions = self.store.sessions(since=day, until=day)
        except (HistoryError, sqlite3.Error):
            log.exception("could not read the history for %s", day)
            return set()
        return {
            Path(s.routine.file).stem
            for s in sessions
            if s.ending == "completed" and s.routine.file
        }

    def sessions_done_between(self, since: date, until: date) -> dict[date, set[str]]:
        """The routines completed on each day from *since* to *until*, in one query."""
        try:
            sessions = self.store.sessions(since=since, until=until)
        except (HistoryError, sqlite3.Error):
            log.exception("could not read the history from %s to %s", since, until)
            return {}
        days: dict[date, set[str]] = {}
        for s in sessions:
            if s.ending == "completed" and s.routine.file:
                days.setdefault(s.local_date, set()).add(Path(s.routine.file).stem)
        return days
