"""A routine file from anywhere opens in the window, the way the command line reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.library.routine_view import StepCard
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.conftest import AudioRecorder, InhibitRecorder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def real_window(qtbot: QtBot, preferences: Preferences, tmp_path: Path) -> MainWindow:
    """The window over the bundled routines and a user folder of this test's own."""
    bundled, user = ROOT / "routines", tmp_path / "mine"
    services = Services(
        load_catalog=lambda: load_catalog(bundled, user),
        clock=FakeClock(),
        audio=AudioRecorder(),  # type: ignore[arg-type]
        inhibitor=InhibitRecorder(),
        folders=(bundled, user),
    )
    window = MainWindow(preferences, services)
    qtbot.addWidget(window)
    return window


def test_a_copy_of_a_bundled_routine_opens_with_its_pictures(
    real_window: MainWindow, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "daily.yaml"
    copy.parent.mkdir()
    shutil.copy(ROOT / "routines" / "daily-psoas.yaml", copy)
    assert real_window.open_routine(str(copy)), real_window.statusBar().currentMessage()
    assert real_window.page is Page.ROUTINE
    assert real_window.entry is not None
    assert real_window.entry.path == copy
    cards = real_window.routine.steps.findChildren(StepCard)
    assert cards
    assert any(not card.image.isHidden() for card in cards)  # the pictures resolved
