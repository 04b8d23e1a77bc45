"""The one way the app writes a file: the old file or the new one, never a mix, nothing left
behind, and durable once it returns (file and folder fsync-ed)."""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from psoas_timer import atomic_file
from psoas_timer.atomic_file import atomic_write, atomic_writer, temp_name
from psoas_timer.core.tempfiles import is_our_temp

from .helpers import sync_order


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_bytes_and_text_and_makes_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "a.bin"
    atomic_write(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    atomic_write(target, "Dehnung – ü\n")
    assert target.read_text(encoding="utf-8") == "Dehnung – ü\n"
    assert _temps(target.parent) == []


def test_text_stream_keeps_the_newlines_it_is_asked_to(tmp_path: Path) -> None:
    target = tmp_path / "h.csv"
    with atomic_writer(target, encoding="utf-8", newline="") as out:
        out.write("a,b\r\n1,2\r\n")
    assert target.read_bytes() == b"a,b\r\n1,2\r\n"


def test_nothing_is_visible_until_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old")
    with atomic_writer(target) as out:
        out.write(b"new")
        assert target.read_bytes() == b"old"
        assert len(_temps(tmp_path)) == 1
    assert target.read_bytes() == b"new"


def test_an_error_in_the_block_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old")

    def half_a_save() -> None:
        with atomic_writer(target) as out:
            out.write(b"ne")
            raise RuntimeError("half way")

    with pytest.raises(RuntimeError, match="half way"):
        half_a_save()
    assert target.read_bytes() == b"old"
    assert _temps(tmp_path) == []


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old")

    def broken(*args: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(atomic_file.os, "replace", broken)
    with pytest.raises(OSError, match="disk gone"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert _temps(tmp_path) == []


def test_the_file_is_synced_before_the_rename_and_the_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.yaml"
    events = sync_order(monkeypatch)
    atomic_write(target, b"data")
    assert events == ["fsync file", "rename", "fsync folder"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new", mode=0o600)
    assert _mode(target) == 0o640


def test_a_new_file_gets_the_mode_less_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "shared", b"x")
        atomic_write(tmp_path / "private", b"x", mode=0o600)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "shared") == 0o640
    assert _mode(tmp_path / "private") == 0o600


def test_a_long_name_still_gets_a_temporary_file_a_file_system_takes(tmp_path: Path) -> None:
    name = "é" * 120 + ".yaml"  # 245 bytes: fine as a name, too long with the temp's tag
    assert len(temp_name(name).encode()) <= 255
    assert is_our_temp(temp_name(name))
    atomic_write(tmp_path / name, b"x")
    assert (tmp_path / name).read_bytes() == b"x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_raises_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "r.yaml").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            atomic_write(folder / "r.yaml", b"new")
        assert (folder / "r.yaml").read_bytes() == b"old"
        assert _temps(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_file_another_program_wrote_is_synced_renamed_and_its_folder_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, made = tmp_path / "out.mp3", tmp_path / ".out.1234.mp3"
    target.write_bytes(b"old")
    made.write_bytes(b"new")
    events = sync_order(monkeypatch)
    atomic_file.move_into_place(made, target)
    assert events == ["fsync file", "rename", "fsync folder"]
    assert target.read_bytes() == b"new"
    assert not made.exists()


#: Renames that move a file the user already has, written whole before; none writes a file:
#: a routine set aside as a backup, to the trash and back, a damaged history or
#: ``practice.json`` kept under a name of its own.
_MOVES = {
    ("core/routine_files.py", "rename_routine"),
    ("core/routine_files.py", "delete_to_trash"),
    ("core/routine_files.py", "restore_from_trash"),
    ("history/database.py", "_move_aside"),
    ("practice/store.py", "_move_aside"),
}


def _renames(source: str) -> list[tuple[str, int]]:
    """Every rename in *source* (``os.replace``/``os.rename``/``shutil.move``, or a path's
    ``.replace(target)``/``.rename(target)``), with the function it is in and its line."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inside = function
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside = child.name
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                name, owner = child.func.attr, child.func.value
                named = ast.unparse(owner) if isinstance(owner, (ast.Name, ast.Attribute)) else ""
                module = named in ("os", "shutil") and name in (
                    "replace",
                    "rename",
                    "renames",
                    "move",
                )
                # a path's (str.replace takes two; dataclasses.replace takes keywords)
                path = name in ("replace", "rename") and len(child.args) == 1
                path = path and not child.keywords and named not in ("self", "dataclasses")
                if module or path:
                    found.append((inside, child.lineno))
            visit(child, inside)

    visit(ast.parse(source), "")
    return found


def test_the_package_has_one_write_then_rename() -> None:
    """Issue 20 item 5: compiled translation catalogs and the PDF report were written to a
    temporary file and renamed without the fsyncs of every other save. Only atomic_file
    renames a file it wrote; the other renames move a file the user has (listed above)."""
    root = Path(__file__).resolve().parents[2] / "psoas_timer"
    elsewhere = [
        f"{where}:{line} in {function or 'the module'}"
        for path in sorted(root.rglob("*.py"))
        if (where := str(path.relative_to(root))) != "atomic_file.py"
        for function, line in _renames(path.read_text(encoding="utf-8"))
        if (where, function) not in _MOVES
    ]
    assert elsewhere == []
    assert _renames((root / "atomic_file.py").read_text(encoding="utf-8"))  # the test sees one
