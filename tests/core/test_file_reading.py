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
