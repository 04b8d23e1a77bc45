"""The history database's tables, and the migrations from every earlier version.

The schema version is SQLite's ``PRAGMA user_version``. ``MIGRATIONS[n]`` takes a database
at version *n* to version *n + 1*; a fresh file is version 0 and runs them all. A database
whose version is above :data:`SCHEMA_VERSION` comes from a newer app and is left alone.
Add a migration for every change (never edit a shipped one) and a test from every version.
"""

from __future__ import annotations

import sqlite3

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate"]

_V1 = """
CREATE TABLE sessions (
    key INTEGER PRIMARY KEY,           -- local to this file; parts refer to it (small rows)
    id TEXT NOT NULL UNIQUE,           -- the session's id everywhere (export, import, API)
    routine TEXT NOT NULL,
    routine_file TEXT,
    routine_hash TEXT,
    started_at TEXT NOT NULL,          -- local time with UTC offset, ISO 8601
    started_utc REAL NOT NULL,         -- the same moment, seconds since the epoch (ordering)
    local_date TEXT NOT NULL,          -- the local date the session counts for
    ended_at TEXT,                     -- NULL until it ends
    planned_seconds REAL NOT NULL CHECK (planned_seconds >= 0),
    planned_steps INTEGER NOT NULL DEFAULT 0 CHECK (planned_steps >= 0),  -- with work in them
    active_seconds REAL NOT NULL DEFAULT 0 CHECK (active_seconds >= 0),
    paused_seconds REAL NOT NULL DEFAULT 0 CHECK (paused_seconds >= 0),
    ending TEXT CHECK (ending IN ('completed', 'stopped', 'interrupted')),
    position INTEGER NOT NULL DEFAULT 0,   -- the segment to resume from
    last_at TEXT NOT NULL,             -- when the last step was recorded (local, offset)
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_start ON sessions (started_utc);
CREATE INDEX sessions_by_date ON sessions (local_date, active_seconds);
CREATE INDEX sessions_by_routine ON sessions (routine, started_utc);
CREATE INDEX sessions_unfinished ON sessions (started_utc) WHERE ending IS NULL;

-- What a step is (its name, library exercise and kind), stored once for every session.
CREATE TABLE parts (
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    library_id TEXT NOT NULL DEFAULT '',   -- '' without one
    kind TEXT NOT NULL,
    point TEXT NOT NULL,               -- an open hold's point: the library id, else the name
    UNIQUE (name, library_id, kind)
);
CREATE INDEX parts_by_point ON parts (point);

CREATE TABLE steps (
    session INTEGER NOT NULL REFERENCES sessions (key) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    side TEXT NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
    set_no INTEGER NOT NULL,
    part INTEGER NOT NULL REFERENCES parts (key),
    planned_seconds REAL NOT NULL CHECK (planned_seconds >= 0),
    actual_seconds REAL NOT NULL CHECK (actual_seconds >= 0),
    done INTEGER NOT NULL CHECK (done IN (0, 1)),
    PRIMARY KEY (session, step, side, set_no)
) WITHOUT ROWID;

CREATE TABLE releases (
    session INTEGER NOT NULL REFERENCES sessions (key) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    side TEXT NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
    set_no INTEGER NOT NULL,
    part INTEGER NOT NULL REFERENCES parts (key),
    seconds REAL NOT NULL CHECK (seconds >= 0),
    min_seconds REAL NOT NULL,
    target_seconds REAL NOT NULL,
    max_seconds REAL NOT NULL,
    ending TEXT NOT NULL
        CHECK (ending IN ('released', 'extended', 'max', 'skipped', 'stopped')),
    PRIMARY KEY (session, step, side, set_no)
) WITHOUT ROWID;
CREATE INDEX releases_by_part ON releases (part, side);

CREATE TABLE ratings (
    session INTEGER NOT NULL REFERENCES sessions (key) ON DELETE CASCADE,
    moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
    area TEXT NOT NULL,
    side TEXT NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    position INTEGER NOT NULL DEFAULT 0,   -- the order the prompt showed the areas in
    PRIMARY KEY (session, moment, area, side)
) WITHOUT ROWID;
CREATE INDEX ratings_by_area ON ratings (area, side);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

_V2 = """
-- The weekly check-in: a global impression of change, and up to three activities the user
-- finds hard (the Patient-Specific Functional Scale), each rated 0 (cannot do it) to 10 (as
-- before the trouble began).
CREATE TABLE checkins (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,           -- the check-in's id everywhere (export, import)
    taken_at TEXT NOT NULL,            -- local time with UTC offset, ISO 8601
    taken_utc REAL NOT NULL,           -- the same moment, seconds since the epoch (ordering)
    local_date TEXT NOT NULL,
    impression INTEGER CHECK (impression BETWEEN -3 AND 3),  -- NULL when not answered
    session TEXT                       -- the session it followed (its id), if any
);
CREATE INDEX checkins_by_time ON checkins (taken_utc);

CREATE TABLE checkin_activities (
    checkin INTEGER NOT NULL REFERENCES checkins (key) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 2),
    activity TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 200),
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (checkin, position)
) WITHOUT ROWID;
"""

#: ``MIGRATIONS[n]`` takes version *n* to *n + 1*.
MIGRATIONS: tuple[str, ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, to: int = SCHEMA_VERSION) -> int:
    """Bring *conn*'s database up to version *to*, one migration per transaction; returns
    the version it was at. Each step reads the version inside its transaction, so two
    processes opening a new file at once do not both create it. The caller checks first
    that the version is not newer than :data:`SCHEMA_VERSION`."""
    (found,) = conn.execute("PRAGMA user_version").fetchone()
    if found >= to:
        return int(found)  # nothing to do, and no write lock to wait for
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            if version >= to:
                conn.execute("COMMIT")
                return int(found)
            # executescript would commit first; run the statements one by one instead.
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """The statements of a migration script (complete ones only, comments dropped)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines():
        code = line.split("--", 1)[0].rstrip()
        if not code:
            continue
        current += code + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete statement in a migration: {current.strip()[:60]}")
    return statements
