"""A set whose commit fails is never thrown away (issue 22, item 1).

The hostile cases: the history locked by another program (a large ``history import``)
while sets end, and the data folder full for a moment. Each must end with all six sets of
the session in the history and the session completed only then; what cannot be saved by
the session's end is kept in a journal beside the history, said to the user once, and added
the next time the history opens."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from psoas_timer.history import HistoryStore, database, journal
from psoas_timer.history import recorder as recorder_module
from psoas_timer.history.database import connect

from .conftest import Run

SIX_SETS = [
    (0, "left", 1, 1), (0, "right", 1, 1), (1, "left", 1, 1), (1, "right", 1, 1),
    (2, "", 1, 1), (2, "", 2, 1),
]  # fmt: skip


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy timeout and retry pauses of a fraction of a second, so the tests are quick."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(recorder_module, "RETRY_FIRST", 0.02)
    monkeypatch.setattr(recorder_module, "RETRY_LONGEST", 0.1)


def seen(path: Path, session_id: str) -> tuple[list[tuple[int, str, int, int]], str | None]:
    """The sets and the ending another process sees now."""
    conn = connect(path)
    try:
        sets = conn.execute(
            "SELECT step, side, set_no, done FROM steps "
            "WHERE session = (SELECT key FROM sessions WHERE id = ?) ORDER BY step, side, set_no",
            (session_id,),
        ).fetchall()
        row = conn.execute("SELECT ending FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return sets, row[0] if row else None
    finally:
        conn.close()


@pytest.fixture
def lock(store: HistoryStore) -> Iterator[Callable[[], None]]:
    """Hold the history's write lock from another connection (as a large import does)
    until the returned function is called."""
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    held = [True]

    def release() -> None:
        if held[0]:
            other.execute("COMMIT")
            held[0] = False

    yield release
    release()
    other.close()


def run_through(run: Run) -> None:
    run.to_segment("open", "left")
    run.tick(45)
    run.session.release()
    run.to_segment("open", "right")
    run.tick(50)
    run.session.release()
    run.finish()


def test_sets_ended_while_the_history_is_locked_are_all_saved_when_it_frees(
    start: Callable[..., Run], store: HistoryStore, lock: Callable[[], None]
) -> None:
    """Before: 3 of 6 sets kept, the session saved as completed. Now: all 6, completed."""
    run = start()  # its first commit waits for the lock too
    run_through(run)
    sid = run.recorder.session_id
    time.sleep(0.3)
    assert seen(store.path, sid) == ([], None)  # nothing yet, and never "completed" early
    threading.Timer(0.3, lock).start()
    run.recorder.close(timeout=10)
    assert seen(store.path, sid) == (SIX_SETS, "completed")
    assert run.recorder.unsaved_notice() is None


def test_a_full_disk_for_a_moment_loses_nothing(
    start: Callable[..., Run], store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: 5 of 6 sets kept with the data folder full for 5 s. Now: all 6."""
    real = recorder_module._commit
    failures = {"left": 4}

    def full_for_a_moment(conn: sqlite3.Connection, statements: object) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise sqlite3.OperationalError("database or disk is full")
        real(conn, statements)  # type: ignore[arg-type]

    monkeypatch.setattr(recorder_module, "_commit", full_for_a_moment)
    run = start()
    run_through(run)
    run.recorder.close(timeout=10)
    assert failures["left"] == 0
    assert seen(store.path, run.recorder.session_id) == (SIX_SETS, "completed")
    assert run.recorder.unsaved_notice() is None


def test_what_cannot_be_saved_by_the_end_is_kept_said_once_and_added_next_time(
    start: Callable[..., Run],
    store: HistoryStore,
    lock: Callable[[], None],
    wall: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Locked past the session's end: the session is not marked completed with sets
    missing; the sets are kept in a journal beside the history; the user is told once
    what and why; opening the history again adds them and completes the session."""
    run = start()
    run_through(run)
    sid = run.recorder.session_id
    with caplog.at_level(logging.WARNING):
        run.recorder.close(timeout=0.5)
    kept = store.path.with_name(f"{store.path.name}.unsaved-{sid}")
    assert run.recorder.unsaved_notice() == (
        "6 sets of this session could not be saved in your history yet (the history was "
        f"busy: another program held it). They are kept in {kept} and will be added the next "
        "time Psoas Timer opens your history."
    )
    assert kept.is_file() and kept.stat().st_mode & 0o777 == 0o600
    lock()
    assert seen(store.path, sid) == ([], None)
    with HistoryStore.open(store.path) as again:
        detail = again.session(sid)
        assert detail is not None and detail.summary.ending == "completed"
        assert again.unfinished() == []
    assert seen(store.path, sid) == (SIX_SETS, "completed")
    assert not kept.exists()


def test_a_forged_journal_is_never_run(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Hostile case: a journal beside the history naming a statement that is not one of the
    recorder's (or with SQL in it). It is left as it is, logged, and nothing runs."""
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    forged = tmp_path / "history.sqlite3.unsaved-x"
    forged.write_text(
        json.dumps({"journal": 1, "session": "x", "batches": [[["DELETE FROM sessions", []]]]}),
        encoding="utf-8",
    )
    with caplog.at_level(logging.ERROR), HistoryStore.open(path):
        pass
    assert forged.exists()
    assert f"leaving the journal {forged} as it is: not one of the recorder's statements" in (
        caplog.text
    )
    assert journal.STATEMENTS["end"].startswith("UPDATE sessions SET ended_at")
