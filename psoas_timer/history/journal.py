"""What the recorder could not commit yet, kept beside the history until it can be.

A set whose commit fails (the history locked by a large import, the disk full for a moment)
is never thrown away: the recorder's writer retries it, in order, and only when the session
is being closed and it still cannot be committed are the batches left written here, one
small JSON file per session beside the history (``history.sqlite3.unsaved-<session id>``).
Opening the history commits them (:func:`replay`) and removes the file.

A journal holds no SQL: each statement is one of the recorder's own, named, with plain
values (text, numbers, null) as its parameters. A journal that is not one (damaged, forged,
unknown statement) is left where it is and logged, never run.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from psoas_timer.atomic_file import atomic_write
from psoas_timer.core.file_reading import read_text

__all__ = ["STATEMENTS", "Batch", "Statement", "journal_files", "name_of", "replay", "write"]

log = logging.getLogger(__name__)

#: One statement: its SQL (one of :data:`STATEMENTS`) and parameters.
Statement = tuple[str, tuple[Any, ...]]
#: A batch is committed in one transaction.
Batch = list[Statement]

_SESSION_KEY = "(SELECT key FROM sessions WHERE id = ?)"
_PART_KEY = "(SELECT key FROM parts WHERE name = ? AND library_id = ? AND kind = ?)"

#: Every statement the recorder (and the store's ratings) write, by name.
STATEMENTS: dict[str, str] = {
    "begin": (
        "INSERT INTO sessions (id, routine, routine_file, routine_hash, started_at, "
        "started_utc, local_date, planned_seconds, planned_steps, last_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
    ),
    "part": (
        "INSERT INTO parts (name, library_id, kind, point) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name, library_id, kind) DO NOTHING"
    ),
    "step": (
        "INSERT INTO steps (session, step, side, set_no, part, planned_seconds, "
        f"actual_seconds, done) VALUES ({_SESSION_KEY}, ?, ?, ?, {_PART_KEY}, ?, ?, ?) "
        "ON CONFLICT (session, step, side, set_no) DO UPDATE SET "
        "actual_seconds = excluded.actual_seconds, done = excluded.done"
    ),
    "release": (
        "INSERT INTO releases (session, step, side, set_no, part, seconds, min_seconds, "
        f"target_seconds, max_seconds, ending) VALUES ({_SESSION_KEY}, ?, ?, ?, {_PART_KEY}, "
        "?, ?, ?, ?, ?) ON CONFLICT (session, step, side, set_no) DO UPDATE SET "
        "seconds = excluded.seconds, ending = excluded.ending"
    ),
    "totals": (
        "UPDATE sessions SET active_seconds = ?, paused_seconds = ?, position = ?, "
        "last_at = ? WHERE id = ?"
    ),
    "end": "UPDATE sessions SET ended_at = ?, ending = ? WHERE id = ?",
    "rate": (
        "INSERT INTO ratings (session, moment, area, side, score, position) "
        f"VALUES ({_SESSION_KEY}, ?, ?, ?, ?, ?) "
        "ON CONFLICT (session, moment, area, side) "
        "DO UPDATE SET score = excluded.score, position = excluded.position"
    ),
    "note": "UPDATE sessions SET note = ? WHERE id = ?",
}
_NAMES = {sql: name for name, sql in STATEMENTS.items()}
_SUFFIX = ".unsaved-"
#: A journal is a few sets; one larger than this is not ours.
MAX_JOURNAL_BYTES = 4 * 1024 * 1024


def name_of(sql: str) -> str:
    """The name of one of :data:`STATEMENTS` (KeyError for any other SQL)."""
    return _NAMES[sql]


def _path(history: Path, session_id: str) -> Path:
    return history.with_name(f"{history.name}{_SUFFIX}{session_id}")


def journal_files(history: Path) -> list[Path]:
    """The journals waiting beside *history*, oldest first."""
    try:
        found = [p for p in history.parent.glob(f"{history.name}{_SUFFIX}*") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def write(history: Path, session_id: str, batches: Sequence[Batch]) -> Path:
    """Keep *batches* of *session_id* beside *history* (adding to what is kept already);
    the file written. Raises OSError when even that is impossible."""
    path = _path(history, session_id)
    kept: list[Any] = []
    if path.exists():
        kept = _read(path)
    kept += [[[name_of(sql), list(params)] for sql, params in batch] for batch in batches]
    text = json.dumps({"journal": 1, "session": session_id, "batches": kept})
    atomic_write(path, text, mode=0o600)
    return path


def _plain(value: Any) -> bool:
    return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))


def _read(path: Path) -> list[Any]:
    data = json.loads(read_text(path, max_bytes=MAX_JOURNAL_BYTES))
    if not isinstance(data, dict) or data.get("journal") != 1:
        raise ValueError("not a journal of unsaved sets")
    batches = data.get("batches")
    if not isinstance(batches, list):
        raise ValueError("no batches")
    for batch in batches:
        if not isinstance(batch, list):
            raise ValueError("a batch is not a list")
        for item in batch:
            if (
                not isinstance(item, list)
                or len(item) != 2
                or item[0] not in STATEMENTS
                or not isinstance(item[1], list)
                or not all(_plain(v) for v in item[1])
            ):
                raise ValueError(f"not one of the recorder's statements: {str(item)[:60]}")
    return batches


def replay(conn: sqlite3.Connection, history: Path) -> int:
    """Commit every journal waiting beside *history* through *conn* and remove it; the
    number of batches committed. A journal that is not one is left as it is (logged); one
    that cannot be committed now stays for the next time."""
    done = 0
    for path in journal_files(history):
        try:
            batches = _read(path)
        except (OSError, ValueError, RecursionError) as exc:
            log.error("leaving the journal %s as it is: %s", path, exc)
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for batch in batches:
                    for name, params in batch:
                        conn.execute(STATEMENTS[name], params)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            log.warning("the unsaved sets in %s cannot be saved yet: %s", path, exc)
            continue
        done += len(batches)
        try:
            path.unlink()
        except OSError as exc:
            log.warning("saved the sets kept in %s, but cannot remove it: %s", path, exc)
        log.info("saved %d batches of sets kept in %s", len(batches), path)
    return done
