"""Issue 21 item 11: a setting changed by a key pressed by mistake is seen where it matters.
The single letters work only on the player; there, the change is said at once as a caption
(and to a screen reader), with the key that changes it back, and what it changes shows:
the dial says "held", the muted mark is by the clock.

Before: C turned on "Show time held" without a word; the user saw a clock counting the
wrong way in this and every later session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences

from .conftest import advance, started


def test_c_pressed_on_the_player_says_so_and_the_dial_shows_it(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, preferences: Preferences
) -> None:
    started(window, "simple")  # get ready 3 s, then a 20 s hold
    advance(window, clock, 3 + 2)
    player = window.player
    player.clear_caption()
    assert player.dial.caption == "to go"
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert preferences.count_up  # kept for next time: so it must be seen
    assert player.caption_text == "Holds show the time held · C changes it back"
    advance(window, clock, 0.5)
    assert player.dial.caption.startswith("held")  # and the dial shows which way it counts
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert player.caption_text == "Holds show the time to go · C changes it back"
    advance(window, clock, 0.5)
    assert player.dial.caption == "to go"


def test_every_setting_a_letter_changes_is_said_on_the_player(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    started(window, "simple")
    advance(window, clock, 3 + 2)
    player = window.player
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert player.caption_text.startswith("Muted")
    assert not player.mute_mark.isHidden()  # by the clock while muted
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert player.caption_text.startswith("Sound on")
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert player.caption_text.startswith("The window stays on top")
    qtbot.keyClick(window, Qt.Key.Key_T)
    assert player.caption_text.startswith("The window no longer stays on top")
    QApplication.processEvents()


def test_a_letter_typed_on_the_library_changes_nothing_and_says_nothing(
    window: MainWindow, qtbot: QtBot, preferences: Preferences
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert not preferences.count_up
    assert window.player.caption_text == ""
