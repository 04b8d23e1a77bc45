"""Another process that holds a history locked (SQLite's exclusive lock) until told to let
go: what a second program, a backup tool or a stuck copy of the app does to the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('held', 'yes')")
print("held", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


class Locker:
    """``with Locker(path) as lock: ... lock.release()``: the file is locked from entry until
    :meth:`release` (or the end of the block)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Locker:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _HOLD, str(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        assert self._process.stdout.readline().strip() == "held"
        return self

    def release(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.stdin is not None:
            process.stdin.write("\n")
            process.stdin.close()
            process.wait(30)
            if process.stdout is not None:
                process.stdout.close()

    def __exit__(self, *exc: object) -> None:
        self.release()
