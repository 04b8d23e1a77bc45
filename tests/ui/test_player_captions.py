"""Every cue said aloud is also shown: a large caption in the player, and a pulse of the ring
at milestones, with the sound muted or no sound device at all (issue 13 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.player.banner_row import CAPTION_SECONDS
from psoas_timer.ui.shell.main_window import MainWindow, Services
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.sound.output import SilentOutput

from .conftest import InhibitRecorder, advance, write

MILESTONES = """
name: Iliacus
defaults: {prepare: 3, countdown: 0}
steps:
  - name: Iliacus hold
    kind: release
    hold: 90
    sides: left
    milestones: [30, 60, {at: 90, say: Ninety. Ease off slowly}]
    prompts:
      - {at: 10, say: Good-sore only}
  - name: Lunge
    hold: 10
"""


@pytest.fixture
def silent_window(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> MainWindow:
    """A muted window with no sound at all: captions are all the user gets."""
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    write(bundled, "iliacus.yaml", MILESTONES)
    user.mkdir()
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    prefs.safety_seen = prefs.safety_release_dismissed = True
    prefs.muted = True
    services = Services(
        load_catalog=lambda: load_catalog(bundled, user),
        clock=clock,
        audio=SilentOutput(),
        inhibitor=InhibitRecorder(),
        ask=lambda *_: True,
        folders=(bundled, user),
    )
    window = MainWindow(prefs, services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_routine("iliacus")
    window.steps.start()
    return window


def test_prompts_milestones_and_ten_seconds_show_as_captions(
    silent_window: MainWindow, clock: FakeClock
) -> None:
    player = silent_window.player
    advance(silent_window, clock, 3 + 10.2)
    assert player.caption_text == "Good-sore only"
    assert not player.banner_row.caption.isHidden()
    assert player.banner_row.caption.height() > player.where.height()  # large, not a footnote
    # not in the status bar (which may show the status tip of the toolbar button under the
    # pointer: offscreen, the pointer is at the window's corner, over Back)
    assert "Good-sore only" not in silent_window.statusBar().currentMessage()
    advance(silent_window, clock, CAPTION_SECONDS)
    assert player.caption_text == ""  # a few seconds, then gone
    advance(silent_window, clock, 30 - 10.2 - CAPTION_SECONDS)
    assert player.caption_text == "Thirty seconds"
    advance(silent_window, clock, 80 - 30)
    assert player.caption_text == "Ten seconds"


def test_cues_at_one_moment_are_all_shown(silent_window: MainWindow, clock: FakeClock) -> None:
    advance(silent_window, clock, 3 + 90.1)
    caption = silent_window.player.caption_text
    # the end of the hold said as the milestone's words, and what comes next, together
    assert "Ninety. Ease off slowly" in caption and "Next" in caption


def test_the_ring_pulses_at_a_milestone_and_settles(
    silent_window: MainWindow, clock: FakeClock
) -> None:
    dial = silent_window.player.dial
    advance(silent_window, clock, 3 + 29.5)
    assert dial.pulse == 0
    advance(silent_window, clock, 0.6)
    assert dial.pulse > 0.5
    before = dial.grab().toImage()
    advance(silent_window, clock, 2)
    assert dial.pulse == 0
    assert dial.grab().toImage() != before  # the pulse was drawn, and is gone


def test_a_paused_player_shows_the_notice_in_the_caption_row(
    silent_window: MainWindow, clock: FakeClock
) -> None:
    player = silent_window.player
    advance(silent_window, clock, 3 + 10.2)
    row = player.banner_row.geometry()
    silent_window.commands.start_pause.trigger()
    assert player.banner.text().startswith("Paused")
    assert player.caption_text == ""
    assert not player.banner.isHidden()
    assert player.banner_row.geometry() == row


def test_moving_to_another_step_takes_the_old_caption_down(
    silent_window: MainWindow, clock: FakeClock, tmp_path: Path
) -> None:
    """Pressing Next within a caption's few seconds: the words said for the step left behind
    ("Rest · Next: Hip raise") do not hang over the next one, whose rep counts are shown on
    the dial rather than as a caption."""
    routine = tmp_path / "rest-then-reps.yaml"
    routine.write_text(
        "name: Rest then reps\ndefaults: {prepare: 0, rest: 0}\nsteps:\n"
        "  - {kind: rest, duration: 30}\n"
        "  - {name: Hip raise, reps: 10, tempo: 1-2-1}\n",
        encoding="utf-8",
    )
    silent_window.controller.stop()
    assert silent_window.open_routine(str(routine))
    silent_window.steps.start()
    player = silent_window.player
    advance(silent_window, clock, 0.5)
    assert "Next: Hip raise" in player.caption_text
    silent_window.commands.next.trigger()
    advance(silent_window, clock, 0.5)
    assert "Rest" not in player.caption_text
