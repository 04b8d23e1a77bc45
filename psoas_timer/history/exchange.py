"""Moving history between computers: export to CSV or JSON Lines, import by merging.

Both formats carry every record, one per line, each with a ``record`` field saying what it
is (``session``, ``step``, ``release``, ``rating``); the session comes before its parts.
JSON Lines keeps types exactly; CSV opens in a spreadsheet (one header row, the union of
the fields, blank where a field does not apply).

An import merges by session id in one transaction: a session already in the history is
left as it is (so importing a file twice adds nothing), and a malformed or hostile file is
refused with ``FILE:LINE: what is wrong`` and nothing added.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .database import HistoryError

__all__ = ["HistoryImportError", "export_history", "import_history"]


class HistoryImportError(HistoryError):
    """A file that cannot be imported; the message names the file and line."""


def export_history(conn: sqlite3.Connection, path: Path) -> int:
    """Write every session, step, release and rating to *path*; returns how many sessions."""
    raise NotImplementedError("being written")


def import_history(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """Merge *path* into the history; returns (sessions added, sessions already there)."""
    raise NotImplementedError("being written")
