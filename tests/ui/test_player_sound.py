"""Mute and missing sound, shown where the user looks: by the clock, in the player, and on
the Sound dialog's Test buttons (issue 13 item 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import AudioRecorder, advance, started

NO_DEVICE = (
    "No sound: no audio output device was found. Connect speakers or headphones and "
    "restart. Cues are shown on screen."
)


def test_mute_shows_by_the_clock(window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    started(window)
    player = window.player
    assert player.mute_mark.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert not player.mute_mark.isHidden()
    assert player.mute_mark.pixmap() is not None and not player.mute_mark.pixmap().isNull()
    assert player.mute_mark.parentWidget() is player.clock_line  # the line under the clock
    qtbot.keyClick(window, Qt.Key.Key_M)
    assert player.mute_mark.isHidden()


def test_a_window_started_muted_says_so_in_the_player(
    make_window, preferences, clock: FakeClock, qtbot: QtBot
) -> None:
    preferences.muted = True
    window = make_window(preferences)
    window.show()
    started(window)
    assert not window.player.mute_mark.isHidden()


def test_no_sound_is_said_in_the_player_until_dismissed(
    window: MainWindow, clock: FakeClock, audio: AudioRecorder, qtbot: QtBot
) -> None:
    started(window)
    audio.problem.emit(NO_DEVICE)
    player = window.player
    notice = player.sound_notice
    assert not notice.isHidden()
    assert player.sound_notice.message.text() == (
        "No sound: no audio output device was found. Cues show on screen."
    )
    assert notice.toolTip() == NO_DEVICE  # the whole of it, with what to do
    advance(window, clock, 30)
    assert not notice.isHidden()  # stays until the user says so
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(notice.isHidden)  # the button's mnemonic animates its click
    audio.problem.emit(NO_DEVICE)  # the same trouble again: not shown again
    assert notice.isHidden()


def test_the_sound_dialog_test_buttons_say_no_sound_device(
    window: MainWindow, audio: AudioRecorder
) -> None:
    window.commands.sound.trigger()
    dialog = window.options.sound_dialog
    assert dialog is not None
    tests = [v.test for v in dialog.volumes.values() if v.test is not None]
    assert tests and all(t.text() == "Test" for t in tests)
    audio.problem.emit("Text-to-speech is not responding.")  # sound itself still works
    assert all(t.text() == "Test" for t in tests)
    audio.available = False
    audio.problem.emit(NO_DEVICE)  # clicking Test opened the device, and there was none
    assert all(t.text() == "No sound device" for t in tests)
    assert all(NO_DEVICE in t.toolTip() for t in tests)
    dialog.reject()
    window.commands.sound.trigger()  # opened again later: it still says so
    again = window.options.sound_dialog
    assert again is not None
    assert all(v.test.text() == "No sound device" for v in again.volumes.values() if v.test)
    again.reject()


def test_a_player_that_cannot_start_says_why(monkeypatch, tmp_path) -> None:
    """The fallback to silence is no longer silent about it."""
    import psoas_timer.audio.player as player_module
    from psoas_timer.ui.sound.output import make_output

    class Broken:
        def __init__(self, *args: object) -> None:
            raise OSError("the backend fell over")

    monkeypatch.setattr(player_module, "CuePlayer", Broken)
    output = make_output(tmp_path)
    assert not output.available
    said: list[str] = []
    output.problem.connect(said.append)
    output.warm_up()
    output.warm_up()
    assert len(said) == 1 and "the backend fell over" in said[0]
