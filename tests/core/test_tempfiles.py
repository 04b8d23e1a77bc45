"""Saves killed half way leave temporary files; the app clears away its own old ones, and
nothing else (issue 15.10)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from psoas_timer.atomic_file import atomic_writer
from psoas_timer.core.tempfiles import STALE_AFTER, is_our_temp, remove_stale_temps


def aged(path: Path, seconds: float = STALE_AFTER + 60) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def test_a_save_names_its_temporary_file_the_way_the_clean_up_looks_for() -> None:
    folder = Path(os.environ["PSOAS_TIMER_DATA_DIR"])
    folder.mkdir(parents=True)
    with atomic_writer(folder / "evening.yaml") as stream:
        stream.write(b"name: x\n")
        (temp,) = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert is_our_temp(temp.name)


def test_only_old_temporary_files_of_ours_are_removed(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    (user / ".backup").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep")
    ours_old = user / ".evening.yaml.ab_cd123.tmp"
    backup_old = user / ".backup" / ".evening.yaml.zzzzzzzz.tmp"
    for path in (ours_old, backup_old):
        path.write_text("half a save")
        aged(path)
    kept = {
        "fresh": user / ".evening.yaml.k3y9x0zz.tmp",
        "not ours": user / "notes.tmp",
        "no random part": user / ".evening.yaml.tmp",
        "not a routine's": user / ".settings.ini.abcdefgh.tmp",
        "a routine": user / "evening.yaml",
    }
    for name, path in kept.items():
        path.write_text(name)
        if name != "fresh":
            aged(path)
    link = user / ".linked.yaml.abcdefgh.tmp"
    link.symlink_to(elsewhere)
    aged(link)
    folder_like = user / ".folder.yaml.abcdefgh.tmp"
    folder_like.mkdir()
    aged(folder_like)

    removed = remove_stale_temps(user)

    assert sorted(removed) == sorted([ours_old, backup_old])
    assert not ours_old.exists() and not backup_old.exists()
    assert all(path.exists() for path in kept.values())
    assert link.is_symlink() and elsewhere.read_text() == "keep"
    assert folder_like.is_dir()


def test_a_folder_that_cannot_be_read_is_no_reason_to_fail(tmp_path: Path) -> None:
    assert remove_stale_temps(tmp_path / "missing") == []
