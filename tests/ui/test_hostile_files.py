"""The window beside the hostile routine files of issue 15: it starts, lists every good routine,
and shows each hostile file as one that cannot be used."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.core.helpers import deadline
from tests.core.test_hostile import FILES, expectations


def test_the_window_lists_good_routines_beside_hostile_files(
    qtbot: QtBot,
    preferences: Preferences,
    services: Services,
    routine_dirs: tuple[Path, Path],
) -> None:
    _, user = routine_dirs
    for path in FILES:
        shutil.copy(path, user / path.name)
    os.mkfifo(user / "pipe.yaml")  # used to block start-up for ever
    (user / "zero.yaml").symlink_to("/dev/zero")  # used to be read until memory ran out
    window = MainWindow(preferences)
    qtbot.addWidget(window)
    window.show()
    with deadline(30):
        window.load(services)
    assert window.page is Page.LIBRARY
    wanted = {path.name for path in FILES} | {"pipe.yaml", "zero.yaml", "simple.yaml"}

    def listed() -> set[str]:
        return {entry.path.name for entry in window.library.entries()}

    qtbot.waitUntil(lambda: wanted <= listed(), timeout=30_000)  # the list fills in batches
    cards = {entry.path.name: entry for entry in window.library.entries()}
    assert cards["simple.yaml"].ok and cards["release.yaml"].ok
    for path in FILES:
        assert cards[path.name].ok is (expectations(path) is None)
    assert not cards["pipe.yaml"].ok and not cards["zero.yaml"].ok
