"""A save cut short at any point leaves the old file or the new one, never a torn one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from psoas_timer import atomic_file
from psoas_timer.core.routine_files import backup_path, save_bytes

OLD = b"name: Old\nsteps:\n" + b"  - {name: Old step, hold: 30}\n" * 2000
NEW = b"name: New\nsteps:\n" + b"  - {name: New step, hold: 45}\n" * 3000


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_failing_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(OLD)

    def broken(*args: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(atomic_file.os, "replace", broken)
    with pytest.raises(OSError, match="disk gone"):
        save_bytes(path, NEW, backup=False)
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


_REAL_FDOPEN = os.fdopen


class _HalfWriter:
    def __init__(self, fd: int, mode: str) -> None:
        self._stream = _REAL_FDOPEN(fd, mode)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def write(self, data: bytes) -> int:
        self._stream.write(data[: len(data) // 2])
        self._stream.flush()
        raise OSError("no space left on device")


def test_a_write_failing_halfway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(OLD)
    monkeypatch.setattr(atomic_file.os, "fdopen", _HalfWriter)
    with pytest.raises(OSError, match="no space"):
        save_bytes(path, NEW)
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


_LOOP = """
import sys
from pathlib import Path
from psoas_timer.core.routine_files import save_bytes
path = Path(sys.argv[1])
versions = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
print("ready", flush=True)
i = 0
while True:
    save_bytes(path, versions[i % 2])
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_saves_killed_at_random_moments_never_tear_the_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old.bin", tmp_path / "new.bin"
    old.write_bytes(OLD)
    new.write_bytes(NEW)
    folder = tmp_path / "routines"
    folder.mkdir()
    path = folder / "r.yaml"
    path.write_bytes(OLD)
    rng = random.Random(6)
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-c", _LOOP, str(path), str(old), str(new)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert path.read_bytes() in (OLD, NEW)
        # Killed before its first save, a process leaves no backup yet; one that exists is whole.
        backup = backup_path(path)
        assert not backup.exists() or backup.read_bytes() in (OLD, NEW)
