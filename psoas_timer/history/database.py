"""Opening the history database: its file, its settings, and what to do when it is damaged.

- The file is created readable and writable by its owner only (0600); SQLite gives its WAL
  and shared-memory files the same mode.
- WAL mode (readers never block the writer, and a crash cannot tear a commit), a busy
  timeout (so ``psoas-timer history`` can read while the app writes), foreign keys on.
- A file that is not a database, or a damaged one, is moved aside (kept, with its WAL) and
  a fresh one started: :attr:`Opened.moved_to` says where, and :attr:`Opened.notice` says so
  in plain words, once.
- A database written by a newer version of the app is refused (:class:`NewerHistoryError`)
  and left untouched.
- A file, ``-wal`` or ``-shm`` that belongs to another user, and a database that is not a
  Psoas Timer history (a foreign schema, whatever its ``user_version``), are refused
  (:class:`ForeignHistoryError`) and left untouched: no mode changed, nothing moved, no
  table written. A damaged file reached through a symbolic link is not moved aside either.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sqlite3
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from psoas_timer.i18n import _

from .schema import SCHEMA_VERSION, migrate

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DATABASE_NAME",
    "ForeignHistoryError",
    "HistoryError",
    "HistoryLockedError",
    "NewerHistoryError",
    "Opened",
    "connect",
    "connect_reader",
    "open_database",
]

log = logging.getLogger(__name__)

DATABASE_NAME = "history.sqlite3"
#: How long a reader or writer waits for another process's lock before giving up.
BUSY_TIMEOUT_MS = 5000

# SQLite's primary result codes for a damaged file, and for one it cannot open.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_DAMAGED_WORDS = ("malformed", "not a database", "corrupt")


class HistoryError(Exception):
    """The history cannot be used; the message says why in plain words."""


class NewerHistoryError(HistoryError):
    """The database comes from a newer version of the app; it is left as it is."""


class ForeignHistoryError(HistoryError):
    """The file is not this user's Psoas Timer history; it is left as it is."""


class HistoryLockedError(HistoryError):
    """Another program (or another copy of the app) holds the history locked for longer
    than the busy timeout; it is left as it is, and may be tried again later."""


#: SQLite's primary result codes for a file another connection holds: BUSY and LOCKED.
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6


def _is_locked(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return True
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def _locked(path: Path, exc: sqlite3.Error) -> HistoryLockedError:
    return HistoryLockedError(
        _(
            "the history file {path} is in use by another program, which keeps it locked ({exc})"
        ).format(path=path, exc=exc)
    )


def _companions(path: Path) -> tuple[Path, Path, Path]:
    return (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))


def _refuse_foreign_owner(path: Path) -> None:
    """Raise ForeignHistoryError when the history or its -wal/-shm belongs to another user
    (run with another's HOME, or a file planted there): nothing of it is changed."""
    me = os.geteuid()
    for file in _companions(path):
        try:
            owner = file.stat().st_uid
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise HistoryError(
                _("cannot open the history file {file}: {strerror}").format(
                    file=file, strerror=exc.strerror
                )
            ) from None
        if owner != me:
            raise ForeignHistoryError(
                _(
                    "The history file {file} belongs to another user, so it was left as it is "
                    "and nothing is recorded. Run Psoas Timer as that user, or move the file "
                    "away."
                ).format(file=file)
            )


def _schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """The tables of *conn*'s database and their columns (SQLite's own left out)."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: {str(row[1]) for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")}
        for table in tables
    }


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@functools.cache
def _expected_schema(version: int) -> dict[str, set[str]]:
    """The tables and columns a history of *version* has (built in memory by the same
    migrations, so a new migration needs no second description here)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(memory, to=version)
        return _schema(memory)
    finally:
        memory.close()


def _refuse_foreign_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ForeignHistoryError when the database is not a Psoas Timer history of the
    version it says: a fresh file (version 0) must hold no tables at all; any other must have
    every table and column its version has."""
    reason = _foreign_reason(conn)
    if reason is not None:
        raise ForeignHistoryError(
            _(
                "The file {path} is not a Psoas Timer history ({reason}), so it was left as it "
                "is and nothing is recorded. Move it away to start a new history."
            ).format(path=path, reason=reason)
        )


def _foreign_reason(conn: sqlite3.Connection) -> str | None:
    """Why *conn*'s database is not a Psoas Timer history of the version it says, or None.

    The version and the tables are read in one transaction, so they come from one snapshot:
    read apart, another process creating the same new file could commit its tables between
    the two reads, and a version of 0 with tables would look foreign."""
    if conn.in_transaction:
        return _foreign_reason_now(conn)
    conn.execute("BEGIN")
    try:
        return _foreign_reason_now(conn)
    finally:
        conn.execute("COMMIT")


def _foreign_reason_now(conn: sqlite3.Connection) -> str | None:
    """:func:`_foreign_reason` within the caller's transaction."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        return None  # a newer app's: refused as such
    found = _schema(conn)
    if version == 0:
        odd, what = sorted(found), _("it has tables of its own")
    else:
        odd, what = [], _("it lacks")
        for table, columns in _expected_schema(version).items():
            if table not in found:
                odd.append(table)
            else:
                odd += [f"{table}.{column}" for column in sorted(columns - found[table])]
    if not odd:
        return None
    odd.sort()
    return f"{what}: " + ", ".join(odd[:3]) + (", …" if len(odd) > 3 else "")


@dataclass
class Opened:
    """An open connection, and whether a damaged file had to be moved aside first."""

    connection: sqlite3.Connection
    path: Path
    moved_to: Path | None = None
    #: Why the history can be read but not written (it is opened read-only), else None.
    read_only: str | None = None

    @property
    def notice(self) -> str | None:
        if self.read_only is not None:
            return _(
                "Your history file {path} cannot be written ({read_only}), so it is shown but "
                "recording is off: sessions are not added to it. Make it writable, then "
                "restart Psoas Timer, to record again."
            ).format(path=self.path, read_only=self.read_only)
        if self.moved_to is None:
            return None
        return _(
            "Your history file could not be read, so it was moved to {moved_to} and a new, "
            "empty history was started."
        ).format(moved_to=self.moved_to)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return any(word in text for word in _DAMAGED_WORDS)


def _create_private(path: Path) -> None:
    """Create *path* empty with mode 0600 if missing; tighten an existing file to 0600."""
    try:  # a read-only folder, or a file where the folder goes: no history, not a crash
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise HistoryError(
            _("cannot open the history file {path}: {strerror}").format(
                path=path, strerror=exc.strerror
            )
        ) from None
    os.close(fd)
    me = os.geteuid()
    for extra in _companions(path):
        with contextlib.suppress(FileNotFoundError):
            found = extra.lstat()
            # Only a file of our own, never through a link: change no file we did not make.
            if stat.S_ISREG(found.st_mode) and found.st_uid == me and found.st_mode & 0o077:
                os.chmod(extra, 0o600)


def connect(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to an existing history database with the app's settings."""
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,  # explicit BEGIN/COMMIT only
        check_same_thread=check_same_thread,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION or _foreign_reason(conn) is not None:
            return conn  # a newer app's or a foreign file: refused by the caller, untouched
        mode = _use_wal(conn)
        if mode != "wal":
            log.warning("history database %s is in %s mode, not WAL", path, mode)
        # FULL: each commit reaches the disk, so a power cut loses at most the running step.
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_reader(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """One more connection to the history at *path*, already opened by
    :func:`open_database`, that only reads (``query_only``), for use on one other thread.
    *read_only*: the history was opened read-only, so this one changes nothing either (no
    -shm file made). WAL mode lets it read while the app's connection writes."""
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection) -> str:
    """Put the database in WAL mode (it stays so, once set); the mode it is in.

    Switching needs the file to itself, and SQLite answers "locked" at once, without its busy
    handler, when another process opens the same new file at that moment: retry within the
    busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        if mode == "wal":
            return mode
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise NewerHistoryError for a newer schema; DatabaseError for a damaged file."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise NewerHistoryError(
            _(
                "The history file {path} was written by a newer version of Psoas Timer "
                "(history format {version}; this version reads up to {schema_version}). It was "
                "left as it is; update Psoas Timer to see and add to your history."
            ).format(path=path, version=version, schema_version=SCHEMA_VERSION)
        )
    (result,) = conn.execute("PRAGMA quick_check(1)").fetchone()
    if result != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed: {result}")


def _move_aside(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            os.replace(extra, target.with_name(target.name + suffix))
    return target


def open_database(path: Path, *, shared: bool = False) -> Opened:
    """Open (creating, migrating or replacing a damaged one) the history database at *path*.

    Raises :class:`NewerHistoryError` for a newer database (left untouched),
    :class:`HistoryLockedError` when another program holds it locked past the busy timeout
    (left untouched; try again later) and :class:`HistoryError` when the folder cannot be
    written at all. *shared*: the connection may be handed to another thread once open (it
    is opened on a worker thread and then used by the window's, never by both at once).
    """
    moved_to: Path | None = None
    _refuse_foreign_owner(path)
    why = _unwritable(path)
    if why is not None:
        return _open_read_only(path, why, shared=shared)
    for attempt in range(2):
        if path.exists() and not (path.is_file() and os.access(path, os.R_OK | os.W_OK)):
            if attempt:
                raise HistoryError(
                    _("cannot read or write the history file {path}").format(path=path)
                )
            moved_to = _aside(path)
            continue
        _create_private(path)
        try:
            conn = connect(path, check_same_thread=not shared)
        except sqlite3.DatabaseError as exc:
            if _is_locked(exc):
                raise _locked(path, exc) from exc
            if attempt or not _is_damage(exc):
                raise HistoryError(
                    _("cannot open the history file {path}: {exc}").format(path=path, exc=exc)
                ) from exc
            log.error("history database %s is damaged (%s)", path, exc)
            moved_to = _aside(path)
            continue
        try:
            _check(conn, path)
            _refuse_foreign_schema(conn, path)
            migrate(conn)
        except (NewerHistoryError, ForeignHistoryError):
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_locked(exc):
                raise _locked(path, exc) from exc
            if attempt or not _is_damage(exc):
                raise HistoryError(
                    _("cannot use the history file {path}: {exc}").format(path=path, exc=exc)
                ) from exc
            log.error("history database %s is damaged (%s)", path, exc)
            moved_to = _aside(path)
            continue
        return Opened(conn, path, moved_to)
    raise HistoryError(
        _("cannot open the history file {path}").format(path=path)
    )  # pragma: no cover


def _unwritable(path: Path) -> str | None:
    """Why the existing, readable history at *path* cannot be written (the file read-only,
    or its folder, where SQLite keeps its -wal and -shm files), or None."""
    if not path.is_file() or not os.access(path, os.R_OK):
        return None  # missing, or not readable: the usual way (created, or moved aside)
    if not os.access(path, os.W_OK):
        return _("the file is read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return _("its folder is read-only")
    return None


def _open_read_only(path: Path, why: str, *, shared: bool = False) -> Opened:
    """Open *path* read-only, changing nothing (no WAL switch, no migration, no -shm made):
    the history is shown, and nothing is recorded. Raises HistoryError when it cannot be
    read as this version's history."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=not shared)
    except sqlite3.Error as exc:
        raise HistoryError(
            _("cannot open the history file {path}: {exc}").format(path=path, exc=exc)
        ) from None
    try:
        _check(conn, path)
        _refuse_foreign_schema(conn, path)
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version < SCHEMA_VERSION:
            raise HistoryError(
                _(
                    "the history file {path} is read-only and in an older format that needs "
                    "updating; make it writable to see and add to your history"
                ).format(path=path)
            )
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise HistoryError(
            _("cannot read the history file {path}: {exc}").format(path=path, exc=exc)
        ) from None
    except BaseException:
        conn.close()
        raise
    log.warning("history %s opened read-only: %s", path, why)
    return Opened(conn, path, read_only=why)


def _aside(path: Path) -> Path:
    if path.is_symlink():
        raise HistoryError(
            _(
                "the history file {path} is a link to a file that cannot be read as a history; "
                "it was left as it is"
            ).format(path=path)
        )
    try:
        target = _move_aside(path, datetime.now())
    except OSError as exc:
        raise HistoryError(
            _(
                "the history file {path} cannot be read, and it could not be moved aside: {value}"
            ).format(path=path, value=exc.strerror or exc)
        ) from None
    log.warning("moved the unreadable history file %s to %s", path, target)
    return target
