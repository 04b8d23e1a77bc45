"""The editor's saves and exports where the disk says no (issue 22, item 11): each is said
in the editor's notice, nothing is lost, and no exception escapes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core import routine_files
from psoas_timer.core.catalog import Catalog
from psoas_timer.core.routine_files import slug
from psoas_timer.ui.editor import file_actions

from .conftest import STRETCH
from .test_editor_view import _editor


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("/proc/shared.yaml", "Could not export to /proc/shared.yaml: "),
        ("{tmp}/a-file.txt/shared.yaml", "Could not export to {tmp}/a-file.txt/shared.yaml: "),
    ],
    ids=["proc", "not a folder"],
)
def test_an_export_the_disk_refuses_is_said(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, tmp_path: Path, where: str, message: str
) -> None:
    """Hostile cases: exporting to /proc or under a file raised an uncaught OSError."""
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Share me", steps=[STRETCH])
    assert not view.files.export_to(Path(where.format(tmp=tmp_path)))
    assert view.notice.text().startswith(message.format(tmp=tmp_path))


def test_an_export_to_a_full_disk_is_said(
    qtbot: QtBot,
    catalog: Catalog,
    user_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Share me", steps=[STRETCH])
    monkeypatch.setattr(file_actions, "export_routine", full)
    assert not view.files.export_to(tmp_path / "out.yaml")
    assert (
        view.notice.text()
        == f"Could not export to {tmp_path / 'out.yaml'}: No space left on device"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_saving_over_a_read_only_file_says_so_and_leaves_it(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    """Hostile case: a routine file made read-only (0444) was overwritten silently and kept
    read-only. Now it is left as it is, and the notice says why."""
    view = _editor(qtbot, catalog, user_dir)
    view.files.new_routine("Locked", steps=[STRETCH])
    assert view.files.save()
    path = user_dir / "locked.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    view.document.data["description"] = "Edited"
    assert not view.files.save()
    assert path.read_bytes() == before
    assert path.stat().st_mode & 0o777 == 0o444
    assert view.notice.text() == (
        "locked.yaml is read-only, so it was not saved. Make the file writable to save it, "
        "or export a copy."
    )


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Вечерняя растяжка", "вечерняя-растяжка"),
        ("腰の体操", "腰の体操"),
        ("हिंदी अभ्यास", "हिंदी-अभ्यास"),
        ("Ελληνικά: ψοΐτης", "ελληνικά-ψοΐτης"),
        ("تمرين الظهر", "تمرين-الظهر"),
        ('a/b\\c:d*e?f"g<h>i|j\x00k', "a-b-c-d-e-f-g-h-i-j-k"),
        ("..", "routine"),
    ],
)
def test_file_names_keep_the_letters_of_every_script(name: str, stem: str) -> None:
    """Before: every name in another script became routine.yaml, routine-2.yaml. Now only
    what no file system takes is replaced."""
    assert slug(name) == stem
    assert routine_files.slug(name) == stem
