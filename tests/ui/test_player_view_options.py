"""How the player shows time and type: time held on holds (issue 13 item 12), high contrast,
type that follows the system font, and phase changes a screen reader hears (item 13)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences

from .conftest import advance, started


def test_holds_can_show_the_time_held_counting_up(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, preferences: Preferences
) -> None:
    started(window, "simple")
    advance(window, clock, 3 + 5)  # 5 s into a 20 s hold
    dial = window.player.dial
    assert (dial.text, dial.caption) == ("0:15", "to go")
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert (dial.text, dial.caption) == ("0:05", "held of 0:20")
    advance(window, clock, 2)
    assert dial.text == "0:07"  # counting up
    assert preferences.count_up
    advance(window, clock, 13 + 1)  # a rest: still its time to go
    assert dial.caption == "to go"
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert not preferences.count_up


def test_the_time_held_setting_is_kept(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    clock: FakeClock,
) -> None:
    preferences.count_up = True
    window = make_window(preferences)
    assert window.commands.count_up.isChecked()
    window.show()
    started(window, "simple")
    advance(window, clock, 3 + 4)
    assert window.player.dial.text == "0:04"
    assert window.toolbar.menu_button.menu() is not None
    assert window.commands.count_up in window.toolbar.menu_button.menu().actions()


@pytest.fixture
def contrast_off() -> Iterator[None]:
    """Whatever a test does, the app leaves it with its own palette."""
    from psoas_timer.ui.common.theme import set_high_contrast

    yield
    set_high_contrast(False)


def test_high_contrast_turns_the_app_white_on_black_and_back(
    window: MainWindow,
    clock: FakeClock,
    qtbot: QtBot,
    preferences: Preferences,
    contrast_off: None,
) -> None:
    from psoas_timer.ui.common.theme import colors, contrast

    before = QApplication.palette().color(QPalette.ColorRole.Window)
    started(window)
    qtbot.keyClick(window, Qt.Key.Key_H)
    qtbot.wait(1)  # palette changes reach the widgets as posted events
    assert preferences.high_contrast
    palette = window.player.palette()
    back = palette.color(QPalette.ColorRole.Window)
    assert back == QColor("#000000")
    assert palette.color(QPalette.ColorRole.WindowText) == QColor("#ffffff")
    scheme = colors(palette)
    for color in (
        scheme.text,
        scheme.muted,
        scheme.work,
        scheme.rest,
        scheme.open_hold,
        scheme.prepare,
        scheme.breath,
        scheme.warning,
        scheme.done,
    ):
        assert contrast(color, back) >= 7, color.name()
    shot = window.player.dial.grab().toImage()
    assert shot.pixelColor(2, 2) == QColor("#000000")  # drawn on black
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert not preferences.high_contrast
    assert QApplication.palette().color(QPalette.ColorRole.Window) == before


def test_high_contrast_is_kept_for_next_time(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    contrast_off: None,
) -> None:
    preferences.high_contrast = True
    window = make_window(preferences)
    assert window.commands.high_contrast.isChecked()
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("#000000")


def test_the_players_type_follows_the_system_font_size(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    window.resize(1000, 800)
    started(window, "simple")
    advance(window, clock, 4)
    qtbot.wait(1)
    player = window.player
    before = (player.title.font().pixelSize(), player.instructions.font().pixelSize())
    font = QApplication.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * 1.25)
    try:
        QApplication.setFont(larger)
        qtbot.wait(1)
        after = (player.title.font().pixelSize(), player.instructions.font().pixelSize())
    finally:
        QApplication.setFont(font)
    qtbot.wait(1)
    assert after[0] > before[0] * 1.1 and after[1] > before[1] * 1.1
    assert (player.title.font().pixelSize(), player.instructions.font().pixelSize()) == before


def test_a_screen_reader_hears_each_phase(
    window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    from psoas_timer.ui.common import accessibility

    heard: list[str] = []

    def send(event: object) -> None:
        assert isinstance(event, QAccessibleAnnouncementEvent)
        heard.append(event.message())

    monkeypatch.setattr(accessibility, "_send", send)
    started(window, "simple")
    advance(window, clock, 3.5)
    window.commands.start_pause.trigger()
    window.commands.start_pause.trigger()
    assert heard == [
        "Get ready. Couch stretch. hold 20 s",
        "Hold. Couch stretch",
        "Paused · press Space to go on",
        "Hold. Couch stretch",
    ]
