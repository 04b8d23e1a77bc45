"""A save that cannot be made says so and keeps the edits (issue 15.10)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog

from .conftest import make_editor


def test_a_user_folder_that_cannot_be_made_is_a_message_not_a_crash(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    view = make_editor(qtbot, catalog, blocker / "routines")
    view.edit_routine("name", "Evening", "Rename")
    assert view.path is None
    assert view.files.save() is False
    assert view.notice.text().startswith("Could not save: ")
    assert view.path is None  # nothing half done: a later save picks a name again
    assert view.document.name == "Evening" and view.dirty
