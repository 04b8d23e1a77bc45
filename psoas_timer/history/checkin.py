"""When to offer the weekly check-in: at the end of a session, once a week, unless the user
turned the offer off (kept in the history's settings, so it travels with the history file).
"""

from __future__ import annotations

from datetime import date

from .store import HistoryStore

__all__ = ["CHECKIN_DAYS", "checkin_due", "checkins_offered", "set_checkins_offered"]

#: The check-in is offered again this many days after the last one.
CHECKIN_DAYS = 7
_KEY = "checkins_offered"


def checkins_offered(store: HistoryStore) -> bool:
    """Whether the weekly check-in is offered (yes until turned off)."""
    row = store.connection.execute("SELECT value FROM settings WHERE key = ?", (_KEY,)).fetchone()
    return row is None or row[0] != "no"


def set_checkins_offered(store: HistoryStore, on: bool) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_KEY, "yes" if on else "no"),
        )


def checkin_due(store: HistoryStore, today: date) -> bool:
    """Offer the check-in now: it is on, and the last one is a week old or more (or there
    is none yet)."""
    if not checkins_offered(store):
        return False
    last = store.last_checkin()
    return last is None or (today - last.taken.date()).days >= CHECKIN_DAYS
