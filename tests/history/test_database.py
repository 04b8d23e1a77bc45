"""The database file: private, WAL, migrated from every earlier version; a damaged one is
moved aside (and kept), a newer one refused and left untouched."""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_timer.history import HistoryStore, NewerHistoryError
from psoas_timer.history.database import connect
from psoas_timer.history.schema import MIGRATIONS, SCHEMA_VERSION, migrate

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)


def test_a_new_database_is_private_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    with HistoryStore.open(path) as store:
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        store.set_weekly_goal(4)  # a write, so the WAL file exists
        for file in (path, path.with_name(path.name + "-wal")):
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        assert store.notice is None


def test_an_existing_file_open_to_others_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    path.chmod(0o644)
    HistoryStore.open(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _at_version(path: Path, version: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, to=version)
    return conn


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrations_bring_every_earlier_version_up_to_date(tmp_path: Path, version: int) -> None:
    path = tmp_path / "history.sqlite3"
    _at_version(path, version).close()
    with HistoryStore.open(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        fresh = tmp_path / "fresh.sqlite3"
        with HistoryStore.open(fresh) as new:
            assert _schema(store.connection) == _schema(new.connection)


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
    ).fetchall()


def test_each_migration_runs_in_one_transaction(tmp_path: Path) -> None:
    # A migration that fails half-way leaves the database at the version it was.
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE sessions (id TEXT)")  # clashes with the first migration
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (1,)
    assert len(MIGRATIONS) == SCHEMA_VERSION


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(
    tmp_path: Path, wall: Wall
) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path, wall=wall) as store:
        record(store, wall, MON)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerHistoryError, match="newer version of Psoas Timer") as caught:
        HistoryStore.open(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_a_newer_database_not_in_wal_mode_is_not_switched_to_it(tmp_path: Path) -> None:
    """Refused means untouched: not even the journal mode in the file's header changes."""
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE later (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerHistoryError):
        HistoryStore.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("label", "damage"),
    [
        ("not a database", lambda p: p.write_bytes(b"hello, this is not SQLite\n" * 100)),
        ("empty header", lambda p: p.write_bytes(b"\0" * 4096)),
        ("a torn page", lambda p: _tear(p)),
        ("a folder in its place", lambda p: (p.unlink(), p.mkdir())),
    ],
)
def test_a_damaged_database_is_moved_aside_and_a_fresh_one_started(
    tmp_path: Path, wall: Wall, label: str, damage: object
) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path, wall=wall) as store:
        for day in range(30):
            record(store, wall, MON + timedelta(days=day))
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(path)  # type: ignore[operator]
    with HistoryStore.open(path) as store:
        assert store.moved_to is not None, label
        assert store.moved_to.exists() and store.moved_to.parent == tmp_path
        assert store.notice is not None
        assert str(store.moved_to) in store.notice and "new" in store.notice
        assert store.count() == 0
        store.set_weekly_goal(3)  # the fresh one works
    with HistoryStore.open(path) as again:
        assert again.notice is None  # said once
        assert again.weekly_goal() == 3


def _tear(path: Path) -> None:
    """Overwrite pages in the middle of the file with garbage, as a failing disk might."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset : offset + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_the_command_line_can_read_while_the_app_writes(tmp_path: Path, wall: Wall) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path, wall=wall) as app:
        record(store=app, wall=wall, when=MON)
        writer = connect(path)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE sessions SET note = 'writing'")
        with HistoryStore.open(path) as cli:  # does not wait for the writer
            assert cli.count() == 1
            assert cli.sessions()[0].note == ""
        writer.execute("COMMIT")
        writer.close()


def _open_after(barrier: object, path: Path, errors: list[BaseException]) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        HistoryStore.open(path).close()
    except BaseException as exc:  # reported by the test
        errors.append(exc)


def test_two_processes_creating_the_file_at_once_both_succeed(tmp_path: Path) -> None:
    import threading

    for attempt in range(10):
        path = tmp_path / f"h{attempt}.sqlite3"
        errors: list[BaseException] = []
        barrier = threading.Barrier(3)
        threads = [
            threading.Thread(target=_open_after, args=(barrier, path, errors)) for _ in range(3)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with HistoryStore.open(path) as store:
            assert store.connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
