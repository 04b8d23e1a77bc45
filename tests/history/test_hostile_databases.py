"""Hostile history files (issue 22, items 6 and 8): each is refused with one clear message
and left exactly as it was, or read with its bad rows skipped and counted, never fatal."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_timer.history import ForeignHistoryError, HistoryError, HistoryStore

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id TEXT, title TEXT)")
    conn.execute("CREATE TABLE invoices (number INTEGER)")
    conn.execute("INSERT INTO invoices VALUES (1)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (1, "it lacks: parts, ratings, releases, …"),
        (0, "it has tables of its own: invoices, sessions"),
    ],
)
def test_a_foreign_database_is_refused_untouched(
    tmp_path: Path, version: int, message: str
) -> None:
    """Hostile cases: another program's SQLite file as the history, with user_version 1
    ("no such table: steps" in ``history`` and a slot of the window) or 0 (the app's schema
    written into it). Now: refused, with this message, and not a byte changed."""
    path = tmp_path / "history.sqlite3"
    _foreign(path, version)
    before = _digest(path)
    with pytest.raises(ForeignHistoryError) as caught:
        HistoryStore.open(path)
    assert str(caught.value) == (
        f"The file {path} is not a Psoas Timer history ({message}), so it was left as it is "
        "and nothing is recorded. Move it away to start a new history."
    )
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "history.sqlite3"
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("started_at", "not a time"),
        ("started_at", "2026-03-03T07:30:00"),  # no UTC offset
        ("local_date", "yesterday"),
        ("last_at", 12),
        ("ended_at", "2026-13-45T99:00:00+01:00"),
    ],
)
def test_a_tampered_row_is_skipped_and_counted(
    store: HistoryStore, wall: Wall, column: str, value: object, caplog: pytest.LogCaptureFixture
) -> None:
    """Hostile case: a bad started_at, local_date, last_at or ended_at in one row crashed
    ``history`` and the resume offer. Now that row is skipped (counted, logged) and every
    other one is shown."""
    good = record(store, wall, MON)
    bad = record(store, wall, MON + timedelta(days=1), stop_after=20)
    store.connection.execute("UPDATE sessions SET ending = NULL WHERE id = ?", (bad,))
    store.connection.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (value, bad))
    with caplog.at_level(logging.WARNING):
        listed = [s.id for s in store.sessions()]
        unfinished = store.unfinished()
        progress = store.progress(MON.date() + timedelta(days=3))
        detail = store.session(bad)
    if column == "local_date":  # the date is only used to group days
        assert listed == [bad, good]
        assert [d.day for d in progress.days] == [MON.date()]
    elif column == "last_at":  # only the offer to carry on reads it
        assert listed == [bad, good]
        assert unfinished == []
    else:
        assert listed == [good]
        assert unfinished == []
        assert detail is None
        assert progress.sessions == 2
    assert store.skipped_rows >= 1
    assert "skipping a history row that cannot be read" in caplog.text
    assert store.session(good) is not None


def _owned_by_another(path: Path) -> None:
    os.chown(path, 65534, 65534)


needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="giving a file to another user needs root (CI runs as root)"
)


@needs_root
@pytest.mark.parametrize("which", ["", "-wal", "-shm"])
def test_a_history_file_of_another_user_is_refused_and_left_as_it_is(
    tmp_path: Path, wall: Wall, which: str
) -> None:
    """Hostile case: the history, its -wal or its -shm owned by another user. The CLI
    crashed (PermissionError from os.chmod), the window ran without history silently.
    Now: one clear message, and no mode or owner changed."""
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path, wall=wall) as store:
        record(store, wall, MON)
    target = path.with_name(path.name + which)
    if not target.exists():
        target.write_bytes(b"")
    target.chmod(0o644)
    _owned_by_another(target)
    with pytest.raises(ForeignHistoryError) as caught:
        HistoryStore.open(path)
    assert str(caught.value) == (
        f"The history file {target} belongs to another user, so it was left as it is and "
        "nothing is recorded. Run Psoas Timer as that user, or move the file away."
    )
    found = target.stat()
    assert (found.st_uid, found.st_mode & 0o777) == (65534, 0o644)


def test_a_history_reached_through_a_link_keeps_its_files_mode(tmp_path: Path) -> None:
    """Hostile case: a symlinked history pointing at one of the user's own files had that
    file's mode changed. Now no mode is changed through a link, and a link to a file that
    is not a history is left where it is, not moved aside."""
    own = tmp_path / "notes.txt"
    own.write_text("my own notes, not a database\n" * 100, encoding="utf-8")
    own.chmod(0o644)
    link = tmp_path / "history.sqlite3"
    link.symlink_to(own)
    with pytest.raises(HistoryError, match="is a link to a file that cannot be read"):
        HistoryStore.open(link)
    assert own.stat().st_mode & 0o777 == 0o644
    assert link.is_symlink() and own.read_text(encoding="utf-8").startswith("my own notes")


@pytest.mark.parametrize(
    ("denied", "why"),
    [("file", "the file is read-only"), ("folder", "its folder is read-only")],
)
def test_a_history_that_cannot_be_written_is_shown_read_only(
    tmp_path: Path, wall: Wall, monkeypatch: pytest.MonkeyPatch, denied: str, why: str
) -> None:
    """Hostile cases (issue 22, item 9): a read-only history (mode 0400) was moved aside as
    damaged and a new one started; in a read-only folder the readable history was not shown.
    Now it is opened read-only: every session shown, recording off and said why, and not a
    byte of it, nor of its folder, changed. (Root may write anyway, so the test asks
    ``os.access`` to say no, as it does for a user; the mode is set too.)"""
    folder = tmp_path / "data"
    path = folder / "history.sqlite3"
    with HistoryStore.open(path, wall=wall) as store:
        sid = record(store, wall, MON)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    before = _digest(path)
    target = path if denied == "file" else folder
    target.chmod(0o400 if denied == "file" else 0o500)
    real_access = os.access

    def access(where: object, mode: int, **kwargs: object) -> bool:
        if Path(str(where)) == target and mode & os.W_OK:
            return False
        return real_access(where, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    try:
        with HistoryStore.open(path, wall=wall) as store:
            assert store.read_only == why
            assert store.notice == (
                f"Your history file {path} cannot be written ({why}), so it is shown but "
                "recording is off: sessions are not added to it. Make it writable, then "
                "restart Psoas Timer, to record again."
            )
            assert [s.id for s in store.sessions()] == [sid]
    finally:
        target.chmod(0o700 if denied == "folder" else 0o600)
    assert _digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["history.sqlite3"]


def test_a_read_only_history_records_nothing(
    tmp_path: Path, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_timer.core.clock import FakeClock
    from psoas_timer.core.engine import Session
    from psoas_timer.session.recording import HistoryLink

    from .conftest import plan_of

    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path, wall=wall).close()
    before = _digest(path)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, m, **k: False if Path(str(p)) == path and m & os.W_OK else real_access(p, m, **k),
    )
    with HistoryStore.open(path, wall=wall) as store:
        link = HistoryLink(store)
        link.begin(Session(plan_of(), FakeClock()), "Evening release", None)
        assert link.session_id is None
        assert link.finish() is None
    assert _digest(path) == before
