"""practice.json: damaged, hostile or unreachable files never lose a copy and never hang or
crash (issue 22, items 2, 12 and 17)."""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime
from pathlib import Path

import pytest

from psoas_timer.practice.store import FILE_NAME, PracticeData, load_practice

NOW = datetime(2026, 3, 29, 8, 15, 0)


def test_every_damaged_copy_is_kept_under_its_own_name(tmp_path: Path) -> None:
    """Hostile case: a damaged practice.json, then a second one the same second. Each is
    kept (dated names, as the history does); neither overwrites the other."""
    (tmp_path / FILE_NAME).write_text("{not json", encoding="utf-8")
    assert load_practice(tmp_path, now=NOW) == PracticeData()
    (tmp_path / FILE_NAME).write_text("[also broken", encoding="utf-8")
    assert load_practice(tmp_path, now=NOW) == PracticeData()
    (tmp_path / FILE_NAME).write_bytes(b"\xff\xfe not utf-8")
    assert load_practice(tmp_path, now=NOW) == PracticeData()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [
        "practice.json.unreadable-20260329-081500",
        "practice.json.unreadable-20260329-081500-2",
        "practice.json.unreadable-20260329-081500-3",
    ]
    contents = {(tmp_path / name).read_bytes() for name in kept}
    assert contents == {b"{not json", b"[also broken", b"\xff\xfe not utf-8"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_damaged_file_in_a_read_only_folder_is_left_where_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _damaged_in_read_only(tmp_path, caplog)


def test_a_damaged_file_that_cannot_be_moved_is_left_where_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hostile case: damaged practice.json in a read-only folder (``today`` crashed with
    PermissionError from os.replace). Now: nothing set, the file untouched, one warning."""

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    _damaged_in_read_only(tmp_path, caplog, chmod=False)


def _damaged_in_read_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, *, chmod: bool = True
) -> None:
    path = tmp_path / FILE_NAME
    path.write_text("{broken", encoding="utf-8")
    if chmod:
        tmp_path.chmod(0o500)
    try:
        with caplog.at_level(logging.WARNING):
            assert load_practice(tmp_path, now=NOW) == PracticeData()
    finally:
        tmp_path.chmod(0o700)
    assert path.read_text(encoding="utf-8") == "{broken"
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]
    assert "could not be moved aside (Permission denied); it is left as it is" in caplog.text


def _hangs(target: object, *args: object) -> bool:
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(target(*args)), daemon=True)  # type: ignore[operator]
    worker.start()
    worker.join(5)
    return worker.is_alive()


def test_a_fifo_in_place_of_practice_json_is_refused_at_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Hostile case: a FIFO named practice.json hung ``today`` and the window. Now: refused
    without waiting, nothing set, the FIFO left as it is, one warning naming it."""
    os.mkfifo(tmp_path / FILE_NAME)
    with caplog.at_level(logging.WARNING):
        assert not _hangs(load_practice, tmp_path)
    assert load_practice(tmp_path) == PracticeData()
    assert f"{tmp_path / FILE_NAME}: not a regular file; only a regular file is read" in caplog.text
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]


def test_a_huge_practice_json_is_not_read(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Hostile case: a 5 MB practice.json (no real one passes a few KB): not read, kept."""
    with (tmp_path / FILE_NAME).open("wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    with caplog.at_level(logging.WARNING):
        assert load_practice(tmp_path) == PracticeData()
    assert "larger than 4 MB; not read" in caplog.text
    assert (tmp_path / FILE_NAME).stat().st_size == 5 * 1024 * 1024
