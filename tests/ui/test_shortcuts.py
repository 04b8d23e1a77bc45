"""Every control answers its key, sent as a real key event to the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import State
from psoas_timer.ui.shell.main_window import MainWindow, Page

from .conftest import Asker, AudioRecorder, advance, started

Key = Qt.Key


def _state(window: MainWindow) -> State:
    assert window.controller.session is not None
    return window.controller.session.state


def test_every_action_has_a_shortcut_tooltip_and_a_button_or_menu_entry(
    window: MainWindow,
) -> None:
    on_toolbar = window.toolbar.actions()
    menu = window.toolbar.menu_button.menu()
    assert menu is not None
    in_menu = menu.actions()
    for action in window.commands.all():
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert shown in action.toolTip(), action.objectName()
        assert (action in on_toolbar) != (action in in_menu), action.objectName()
    for action in [
        window.commands.start_pause,
        window.commands.previous,
        window.commands.next,
        window.commands.add_time,
        window.commands.take_time,
        window.commands.released,
        window.commands.stop,
        window.commands.mute,
    ]:
        assert action in on_toolbar
        button = window.toolbar.widgetForAction(action)
        assert button is not None and button.accessibleName() == action.text()
    started(window, "simple")  # on the player its single-letter keys are on too
    for action in window.commands.all():
        assert not action.shortcut().isEmpty(), action.objectName()


def test_space_starts_pauses_and_resumes(window: MainWindow, qtbot: QtBot) -> None:
    window.open_routine("simple")
    qtbot.keyClick(window, Key.Key_Space)
    assert window.page is Page.PLAYER
    assert _state(window) is State.RUNNING
    qtbot.keyClick(window, Key.Key_Space)
    assert _state(window) is State.PAUSED
    qtbot.keyClick(window, Key.Key_Space)
    assert _state(window) is State.RUNNING


# QTest has no text for media keys and says so; the key still arrives as it would from a keyboard.
@pytest.mark.qt_log_ignore("keyToAscii Unhandled key code")
@pytest.mark.parametrize(
    "key", [Key.Key_MediaTogglePlayPause, Key.Key_MediaPlay, Key.Key_MediaPause]
)
def test_media_keys_toggle(window: MainWindow, qtbot: QtBot, key: Key) -> None:
    window.open_routine("simple")
    window.steps.start()
    qtbot.keyClick(window, key)
    assert _state(window) is State.PAUSED
    qtbot.keyClick(window, key)
    assert _state(window) is State.RUNNING


def test_arrows_move_between_parts(window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    window.open_routine("simple")
    window.steps.start()
    qtbot.keyClick(window, Key.Key_Right)
    assert window.player.title.text() == "Couch stretch"
    assert window.player.banner_row.heading.text() == "Hold"
    qtbot.keyClick(window, Key.Key_Right)
    assert window.player.banner_row.heading.text() == "Rest"
    qtbot.keyClick(window, Key.Key_Left)
    assert window.player.banner_row.heading.text() == "Hold"


def test_plus_adds_ten_seconds(window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    window.open_routine("simple")
    window.steps.start()
    qtbot.keyClick(window, Key.Key_Plus)
    assert window.player.dial.text == "0:13"
    qtbot.keyClick(window, Key.Key_Equal)  # the same key without Shift
    assert window.player.dial.text == "0:23"


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Key.Key_Minus, Qt.KeyboardModifier.NoModifier),
        (Key.Key_Underscore, Qt.KeyboardModifier.ShiftModifier),
    ],
)
def test_minus_takes_ten_seconds_off_never_below_zero(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, key: Key, modifier: Qt.KeyboardModifier
) -> None:
    window.open_routine("simple")
    window.steps.start()
    advance(window, clock, 3 + 2)
    assert window.player.dial.text == "0:18"
    qtbot.keyClick(window, key, modifier)
    assert window.player.dial.text == "0:08"
    qtbot.keyClick(window, key, modifier)  # 8 s left: to zero, and the rest begins
    assert window.player.banner_row.heading.text() == "Rest"
    assert window.player.dial.text == "0:04"


def test_the_minus_button_sits_beside_plus(window: MainWindow) -> None:
    actions = window.toolbar.actions()
    take = window.commands.take_time
    assert take.text() == "−10 s"
    assert actions.index(take) == actions.index(window.commands.add_time) + 1
    assert not take.isEnabled()  # only during a session
    window.open_routine("simple")
    window.steps.start()
    assert take.isEnabled()


def test_r_restarts_the_step(window: MainWindow, qtbot: QtBot, clock: FakeClock) -> None:
    window.open_routine("simple")
    window.steps.start()
    advance(window, clock, 3 + 12)
    assert window.player.dial.text == "0:08"
    qtbot.keyClick(window, Key.Key_R)
    assert window.player.dial.text == "0:20"


@pytest.mark.parametrize("key", [Key.Key_Return, Key.Key_Enter])
def test_enter_releases_an_open_hold(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, key: Key
) -> None:
    window.open_routine("release")
    window.steps.start()
    assert not window.commands.released.isEnabled()
    advance(window, clock, 5 + 11)
    qtbot.keyClick(window, key)
    assert window.player.banner_row.heading.text() == "Switch sides"
    assert not window.commands.released.isEnabled()


def test_enter_before_the_minimum_needs_a_second_press(
    window: MainWindow, qtbot: QtBot, clock: FakeClock
) -> None:
    window.open_routine("release")  # its open hold: min 0:10, target 0:20
    window.steps.start()
    advance(window, clock, 5 + 3)
    qtbot.keyClick(window, Key.Key_Return)
    assert window.controller.snapshot().segment.kind == "open"  # still holding
    assert "minimum" in window.player.release_hint.text()  # by the clock, not the status bar
    advance(window, clock, 5)  # the second press came too late to count
    qtbot.keyClick(window, Key.Key_Return)
    assert window.controller.snapshot().segment.kind == "open"
    qtbot.keyClick(window, Key.Key_Return)  # a prompt second press ends it
    assert window.player.banner_row.heading.text() == "Switch sides"


def test_escape_stops_once_the_user_confirms(
    window: MainWindow, qtbot: QtBot, clock: FakeClock, asker: Asker
) -> None:
    window.open_routine("simple")
    window.steps.start()
    advance(window, clock, 4)
    asker.answer = False  # a stray Esc: the user keeps going
    qtbot.keyClick(window, Key.Key_Escape)
    assert asker.asked == ["Stop the session?"]
    assert _state(window) is State.RUNNING and window.page is Page.PLAYER
    asker.answer = True
    qtbot.keyClick(window, Key.Key_Escape)
    assert _state(window) is State.STOPPED
    assert window.page is Page.COMPLETION


def test_edit_is_offered_only_where_there_is_a_routine_to_edit(window: MainWindow) -> None:
    assert window.open_routine("simple")
    assert window.commands.edit_routine.isEnabled()
    window.show_library()
    assert not window.commands.edit_routine.isEnabled()


def test_m_mutes_and_is_remembered(window: MainWindow, qtbot: QtBot, audio: AudioRecorder) -> None:
    started(window, "simple")
    qtbot.keyClick(window, Key.Key_M)
    assert window.commands.mute.isChecked()
    assert audio.muted[-1] is True
    assert window.preferences.muted
    qtbot.keyClick(window, Key.Key_M)
    assert audio.muted[-1] is False
    assert not window.preferences.muted


def test_ctrl_comma_opens_sound_settings_that_apply_live_and_are_kept(
    window: MainWindow, qtbot: QtBot, audio: AudioRecorder
) -> None:
    qtbot.keyClick(window, Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.options.sound_dialog
    assert dialog is not None and dialog.isVisible()
    start = dialog.settings
    dialog.set_settings(start.with_(master=0.3, muted=True, tone_style="bell"))
    dialog.changed.emit(dialog.settings)  # as a control would
    assert audio.settings[-1].master == pytest.approx(0.3)
    assert window.preferences.audio_settings().tone_style == "bell"
    assert window.commands.mute.isChecked()  # the toolbar's Mute follows the dialog
    dialog.accept()
    qtbot.waitUntil(lambda: window.options.sound_dialog is None)
    assert window.preferences.audio_settings().master == pytest.approx(0.3)


def test_sound_dialog_cancel_puts_the_old_sound_back(
    window: MainWindow, qtbot: QtBot, audio: AudioRecorder
) -> None:
    window.commands.sound.trigger()
    dialog = window.options.sound_dialog
    assert dialog is not None
    before = window.preferences.audio_settings()
    dialog.set_settings(before.with_(voice=0.1))
    dialog.changed.emit(dialog.settings)
    assert window.preferences.audio_settings().voice == pytest.approx(0.1)
    qtbot.keyClick(dialog, Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.preferences.audio_settings() == before
    assert audio.settings[-1] == before


def test_f_toggles_fullscreen(window: MainWindow, qtbot: QtBot) -> None:
    started(window, "simple")
    qtbot.keyClick(window, Key.Key_F)
    assert window.commands.fullscreen.isChecked()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Key.Key_F)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_t_keeps_the_window_on_top(window: MainWindow, qtbot: QtBot) -> None:
    started(window, "simple")
    qtbot.keyClick(window, Key.Key_T)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.preferences.stay_on_top
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Key.Key_T)
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_space_types_in_the_search_box(window: MainWindow, qtbot: QtBot) -> None:
    window.library.search.setFocus()
    qtbot.keyClicks(window.library.search, "release and")
    assert window.library.search.text() == "release and"
    assert window.page is Page.LIBRARY


def test_pausing_and_jumping_silence_queued_voice_lines(
    window: MainWindow, qtbot: QtBot, audio: AudioRecorder
) -> None:
    window.open_routine("simple")
    window.steps.start()
    before = audio.stops
    qtbot.keyClick(window, Key.Key_Space)  # pause
    assert audio.stops == before + 1
    qtbot.keyClick(window, Key.Key_Space)  # resume: nothing to silence
    assert audio.stops == before + 1
    for key in (Key.Key_Right, Key.Key_Left, Key.Key_R):
        qtbot.keyClick(window, key)
    assert audio.stops == before + 4


@pytest.mark.parametrize("page", ["library", "routine", "progress"])
def test_stray_letters_off_the_player_change_nothing(
    window: MainWindow, qtbot: QtBot, page: str
) -> None:
    """Typing a search with no box to take it: C, H, M, F, T and R change no setting."""
    if page == "routine":
        assert window.open_routine("simple")
    elif page == "progress":
        window.show_progress()
    window.setFocus()
    for key in (Key.Key_C, Key.Key_H, Key.Key_M, Key.Key_F, Key.Key_T, Key.Key_R):
        qtbot.keyClick(window, key)
    a = window.commands
    assert not any(x.isChecked() for x in (a.count_up, a.high_contrast, a.mute, a.fullscreen))
    assert not a.stay_on_top.isChecked()
    assert not window.preferences.count_up
    # The menu still has them, with their keys named for the player.
    assert "(C)" in a.count_up.toolTip()


def test_ctrl_f_and_slash_search_from_every_page(window: MainWindow, qtbot: QtBot) -> None:
    for key, modifier in ((Key.Key_F, Qt.KeyboardModifier.ControlModifier), (Key.Key_Slash, None)):
        assert window.open_routine("simple")
        assert window.page is Page.ROUTINE
        qtbot.keyClick(window, key, modifier or Qt.KeyboardModifier.NoModifier)
        assert window.page is Page.LIBRARY
        assert window.library.search.hasFocus() or window.focusWidget() is window.library.search


def test_no_two_actions_of_the_window_share_a_key(window: MainWindow) -> None:
    """A key bound twice is ambiguous to Qt, and then neither action answers it (Moving figure
    once took Reminders' Ctrl+Shift+A)."""
    started(window, "simple")  # the player's single-letter keys are on too
    owner: dict[str, str] = {}
    for action in window.commands.all():
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in owner, f"{key}: {owner.get(key)} and {action.objectName()}"
            owner[key] = action.objectName()
