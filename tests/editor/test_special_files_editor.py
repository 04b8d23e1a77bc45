"""The editor never reads a pipe or a device that took its file's place (issue 15.4)."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from tests.core.helpers import deadline

from .conftest import make_editor


def test_a_pipe_in_place_of_the_open_file_does_not_block_the_editor(
    qtbot: QtBot, catalog: Catalog, user_dir: Path
) -> None:
    view = make_editor(
        qtbot, catalog, user_dir, open_text="name: Mine\nsteps:\n  - {name: Hold, hold: 30}\n"
    )
    assert view.path is not None
    path = view.path
    path.unlink()
    os.mkfifo(path)
    with deadline(10):
        view.files.on_files_changed([path])
    assert view.document.name == "Mine"
