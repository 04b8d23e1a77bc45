"""The hostile routine files of issue 15 through the command line, as a user would meet them:
never a traceback, never a hang, and one broken file never hides the others."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.core.test_hostile import FILES, expectations

from .test_cli import cli

REFUSED = [path for path in FILES if expectations(path) is not None]


def test_validate_names_each_hostile_files_problems_at_their_lines(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    shutil.copytree(FILES[0].parent, folder)
    result = cli("validate", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    for path in REFUSED:
        for line, column, message in expectations(path) or []:
            assert f"{folder / path.name}:{line}:{column}: {message}" in lines
    assert lines[-1] == f"{len(REFUSED)} of {len(FILES)} files have problems"


def test_list_shows_every_routine_beside_hostile_files() -> None:
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    shutil.copytree(FILES[0].parent, user)
    result = cli("list")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Traceback" not in result.stdout
    assert "Daily psoas routine" in result.stdout
    assert f"{len(REFUSED)} routines have problems:" in result.stdout
    for path in REFUSED:
        assert f"    {user / path.name}:" in result.stdout


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_plan_of_a_hostile_file_prints_its_problems(path: Path) -> None:
    result = cli("plan", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line, column, message in expectations(path) or []:
        assert f"{path}:{line}:{column}: {message}" in result.stderr.splitlines()


def test_special_files_neither_block_nor_flood_validate_and_list(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = cli("validate", str(fifo), str(zero))  # a hang fails on the subprocess timeout
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{fifo}:1:1: is a named pipe, not a regular file",
        f"{zero}:1:1: is a device, not a regular file",
        "2 of 2 files have problems",
    ]
    user = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "routines"
    user.mkdir(parents=True)
    os.mkfifo(user / "pipe.yaml")
    (user / "zero.yaml").symlink_to("/dev/zero")
    listed = cli("list")
    assert listed.returncode == 0, listed.stderr
    assert "Daily psoas routine" in listed.stdout
    assert f"    {user / 'pipe.yaml'}:1:1: is a named pipe, not a regular file" in listed.stdout
