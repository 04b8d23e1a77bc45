"""The one way the app reads a file it did not write: regular files only, bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from psoas_timer.core.file_reading import RefusedFileError, read_bytes, read_text


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one\ntwo\n", encoding="utf-8")
    assert read_text(path, max_bytes=100, max_line=3) == "one\ntwo\n"


def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(RefusedFileError, match=r"^/dev/zero: not a regular file"):
        read_bytes("/dev/zero", max_bytes=10)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(RefusedFileError, match="not a regular file"):
        read_text(fifo, max_bytes=10)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedFileError, match="a folder; only a regular file is read"):
        read_text(tmp_path, max_bytes=10)


def test_too_big_and_too_long_lines_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_text("x" * 2048, encoding="utf-8")
    with pytest.raises(RefusedFileError, match="larger than 1 KB; not read"):
        read_text(path, max_bytes=1024)
    path.write_text("short\n" + "y" * 50 + "\n", encoding="utf-8")
    with pytest.raises(RefusedFileError, match=r"big:2:1: a line longer than 40 characters"):
        read_text(path, max_bytes=1024, max_line=40)


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_text(tmp_path / "nope", max_bytes=10)


def test_a_fifo_in_place_of_a_routine_file_is_recorded_without_a_hash(tmp_path: Path) -> None:
    """A session started from a routine whose file became a FIFO: the history records it
    without a content hash instead of waiting for a writer that never comes."""
    from psoas_timer.history import RoutineSource

    fifo = tmp_path / "evening.yaml"
    os.mkfifo(fifo)
    assert RoutineSource.from_file("Evening", fifo) == RoutineSource("Evening", str(fifo), None)


def test_a_device_is_refused_before_it_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening some devices does something (a tape rewinds, a watchdog arms): a device is
    refused from its mode alone. Before, the shared reader opened it to look."""
    opened: list[str] = []
    real_open = os.open

    def recording_open(path: object, *args: object, **kwargs: object) -> int:
        opened.append(os.fspath(path))  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", recording_open)
    with pytest.raises(RefusedFileError) as info:
        read_bytes("/dev/zero", max_bytes=10)
    assert info.value.kind == "a device"
    assert opened == []


def test_a_file_whose_size_is_over_the_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 5000)
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(RefusedFileError) as info:
        read_bytes(path, max_bytes=1024)
    assert (info.value.too_large, info.value.size, reads) == (True, 5000, [])


def test_the_app_has_one_reader_for_files_it_did_not_write() -> None:
    """Issue 22.17: the routine loader kept a bounded reader of its own beside
    core/file_reading.py (two sets of checks to keep alike). Only file_reading opens a file
    for reading at the descriptor level (folders opened to fsync or to check them aside)."""
    root = Path(__file__).resolve().parents[2] / "psoas_timer"
    readers = []
    for source in sorted(root.rglob("*.py")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if "os.open(" in line and "O_RDONLY" in line and "O_DIRECTORY" not in line:
                readers.append(str(source.relative_to(root)))
    assert readers == ["atomic_file.py", "core/file_reading.py"]  # fsync_folder; the one
