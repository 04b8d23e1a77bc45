"""kill -9 a process writing history, at random moments, over and over: the database always
opens, passes PRAGMA integrity_check, and holds every step whose commit was acknowledged."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from psoas_timer.history import HistoryStore

from ..conftest import ROOT

KILLS = 200

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (Linux, macOS)")


def _acknowledged(acks: Path) -> tuple[set[str], set[tuple[str, int, str, int]]]:
    sessions: set[str] = set()
    sets: set[tuple[str, int, str, int]] = set()
    for line in acks.read_text().splitlines():
        parts = line.split()
        if parts[0] == "S":
            sessions.add(parts[1])
        else:
            _, sid, step, side, number = parts
            sessions.add(sid)
            sets.add((sid, int(step), "" if side == "-" else side, int(number)))
    return sessions, sets


def _wait_for_growth(acks: Path, size: int, timeout: float = 30.0) -> None:
    """Wait until the writer has acknowledged a commit (the file grew past *size*)."""
    end = time.monotonic() + timeout
    while acks.stat().st_size <= size:
        assert time.monotonic() < end, "the writer never committed"
        time.sleep(0.001)


def test_a_writer_killed_at_random_moments_never_loses_a_committed_step(tmp_path: Path) -> None:
    db, acks = tmp_path / "history.sqlite3", tmp_path / "acks.txt"
    acks.touch()
    zygote = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("writer_process.py")), str(db), str(acks)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    rng = random.Random(20261130)
    try:
        assert zygote.stdout.readline().strip() == "ready"
        for kill in range(KILLS):
            zygote.stdin.write(f"go {kill}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            if kill % 4:
                # Mostly while it writes: after its first commit, at a random moment.
                _wait_for_growth(acks, acks.stat().st_size)
                time.sleep(rng.uniform(0.0, 0.03))
            else:
                # Sometimes anywhere: opening, recovering, settling the unfinished session.
                time.sleep(rng.uniform(0.0, 0.02))
            os.kill(pid, signal.SIGKILL)
            zygote.stdin.write("reap\n")
            zygote.stdin.flush()
            assert zygote.stdout.readline().strip() == "reaped"

            sessions, sets = _acknowledged(acks)
            with HistoryStore.open(db) as store:
                assert store.notice is None, f"kill {kill}: {store.notice}"
                conn = store.connection
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], kill
                assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], kill
                have = set(
                    conn.execute(
                        "SELECT s.id, st.step, st.side, st.set_no FROM steps st "
                        "JOIN sessions s ON s.key = st.session"
                    )
                )
                missing = sets - have
                assert not missing, f"kill {kill}: acknowledged but lost: {sorted(missing)[:3]}"
                ids = {row[0] for row in conn.execute("SELECT id FROM sessions")}
                assert sessions <= ids, f"kill {kill}"
                bad = conn.execute(
                    "SELECT count(*) FROM sessions WHERE active_seconds < 0 OR paused_seconds < 0 "
                    "OR (ended_at IS NOT NULL AND julianday(ended_at) < julianday(started_at))"
                ).fetchone()
                assert bad == (0,), kill
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=10)
        zygote.stdout.close()
    # The lives between kills recorded plenty: the kills fell among commits.
    assert len(_acknowledged(acks)[1]) > KILLS // 2
