"""Only regular files are read as routines, and never more than the size limit plus one byte
(issue 15.4): a named pipe used to block start-up forever, and /dev/zero to fill memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.loader import load_routine, read_source
from psoas_timer.core.problems import LoadError
from psoas_timer.core.yamlsource import MAX_BYTES

from .helpers import deadline

BUNDLED = Path(__file__).resolve().parents[2] / "routines"
GOOD = "name: Good\nsteps:\n  - {name: Hold, hold: 30}\n"


def problem_of(path: Path) -> str:
    with deadline(10), pytest.raises(LoadError) as info:
        load_routine(path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 1, 1)
    return problem.message


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert problem_of(fifo) == "is a named pipe, not a regular file"


def test_a_device_or_a_link_to_one_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    assert problem_of(link) == "is a device, not a regular file"
    assert problem_of(Path("/dev/zero")) == "is a device, not a regular file"


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text(GOOD)
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert load_routine(tmp_path / "link.yaml").name == "Good"


def test_a_symlink_loop_is_named_as_one(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    assert problem_of(loop) == "is a symbolic link that leads round in a loop"


def test_no_more_than_the_limit_and_one_byte_is_read_whatever_the_size_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (4 * MAX_BYTES))
    real_fstat, real_read = os.fstat, os.read
    read = 0

    def lying_fstat(fd: int) -> os.stat_result:  # like a file in /proc: size 0, yet it has bytes
        info = list(real_fstat(fd))
        info[6] = 0
        return os.stat_result(info)

    def counting_read(fd: int, n: int) -> bytes:
        nonlocal read
        data = real_read(fd, n)
        read += len(data)
        return data

    monkeypatch.setattr(os, "fstat", lying_fstat)
    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(LoadError, match="file is too large"):
        read_source(big)
    assert read == MAX_BYTES + 1


def test_special_files_in_the_user_folder_do_not_stop_the_catalog(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "good.yaml").write_text(GOOD)
    os.mkfifo(user / "pipe.yaml")
    (user / "zero.yaml").symlink_to("/dev/zero")
    (user / "loop.yaml").symlink_to("loop.yaml")
    with deadline(30):
        catalog = load_catalog(BUNDLED, user)
    mine = {entry.path.name: entry for entry in catalog.entries if not entry.bundled}
    assert mine["good.yaml"].ok
    assert "named pipe" in mine["pipe.yaml"].problems[0].message
    assert "loop" in mine["loop.yaml"].problems[0].message
    assert "device" in mine["zero.yaml"].problems[0].message
