"""``.backup`` and ``.trash`` are the app's own folders: a link in their place is not
followed (issue 15.10), so a backup or a deleted routine never lands somewhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.routine_files import BACKUP_DIR, TRASH_DIR, delete_to_trash, save_document
from psoas_timer.core.routine_io import RoutineDocument

from .conftest import make_editor

TEXT = "name: Evening\nsteps:\n  - {name: Hold, hold: 30}\n"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_a_backup_link_is_not_followed(user_dir: Path, elsewhere: Path) -> None:
    path = user_dir / "evening.yaml"
    path.write_text(TEXT)
    (user_dir / BACKUP_DIR).symlink_to(elsewhere)
    changed = RoutineDocument.from_text(TEXT.replace("Evening", "Night"))
    with pytest.raises(OSError, match="is a link, and links there are not followed"):
        save_document(changed, path)
    assert list(elsewhere.iterdir()) == []
    assert path.read_text() == TEXT  # the file as it was: nothing lost


def test_a_trash_link_is_not_followed(user_dir: Path, elsewhere: Path) -> None:
    path = user_dir / "evening.yaml"
    path.write_text(TEXT)
    (user_dir / TRASH_DIR).symlink_to(elsewhere)
    with pytest.raises(OSError, match="is a link"):
        delete_to_trash(path)
    assert list(elsewhere.iterdir()) == []
    assert path.read_text() == TEXT


def test_the_editor_says_why_it_cannot_delete(
    qtbot: QtBot, catalog: Catalog, user_dir: Path, elsewhere: Path
) -> None:
    view = make_editor(qtbot, catalog, user_dir, open_text=TEXT)
    assert view.path is not None
    (user_dir / TRASH_DIR).symlink_to(elsewhere)
    view.files.delete_routine()
    assert view.notice.text().startswith("Could not delete: ")
    assert view.path is not None and view.path.exists()
    assert list(elsewhere.iterdir()) == []
