"""playerctl and a D-Bus client drive a real session in the window: Play goes through what
Start does, Next and Previous move and say where, an open hold is released by Next (twice
before its minimum), Stop asks and Play answers, and nothing acts behind a dialog."""

from __future__ import annotations

import dataclasses
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
from jeepney import MessageType
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.remote.mpris import MIN_INTERVAL, MprisService
from psoas_timer.ui.remote.remote_control import RemoteControl
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services, ask_user
from psoas_timer.ui.shell.remote_link import attach_remote
from psoas_timer.ui.shell.settings import Preferences
from tests.ui_practice.fake_bus import PrivateBus

from ..conftest import AudioRecorder, advance
from .conftest import PLAYER, Client, playerctl

pytestmark = pytest.mark.gui


@pytest.fixture
def remote(
    window: MainWindow, private_bus: PrivateBus, clock: FakeClock
) -> Iterator[RemoteControl]:
    service = MprisService(window, bus=private_bus.address, clock=clock)
    control = attach_remote(window, service)
    assert service.player.owned.wait(10), service.link.reason
    yield control
    service.stop()


def said(audio: AudioRecorder) -> list[str]:
    return [f.cue.text for f, _ in audio.played if f.cue.kind == "prompt"]


def command(qtbot: QtBot, remote: RemoteControl, *args: str) -> None:
    """playerctl ARGS, and wait until the window has acted on it."""
    before = len(remote.done) + len(remote.ignored)
    time.sleep(0.2)  # a person's presses, not a burst
    playerctl(*args)
    qtbot.waitUntil(lambda: len(remote.done) + len(remote.ignored) > before, timeout=5000)


def test_playerctl_drives_a_real_session(
    qtbot: QtBot,
    window: MainWindow,
    remote: RemoteControl,
    clock: FakeClock,
    audio: AudioRecorder,
    asker: Callable[..., bool],
) -> None:
    assert window.open_routine("release")
    qtbot.waitUntil(lambda: playerctl("status") == "Stopped")
    assert playerctl("metadata", "album") == "Release and bridge"

    command(qtbot, remote, "play")  # the Start button's path: the session begins
    assert window.controller.active and window.controller.running
    assert window.page is Page.PLAYER
    assert playerctl("status") == "Playing"
    assert playerctl("metadata", "title") == "Psoas release"  # getting ready for it
    assert playerctl("metadata", "album") == "Release and bridge"
    assert int(playerctl("metadata", "mpris:length")) == round(
        window.controller.plan.total * 1e6  # type: ignore[union-attr]
    )
    assert playerctl("metadata", "mpris:artUrl").endswith("/ball.svg")
    advance(window, clock, 2.0)
    assert abs(float(playerctl("position")) - 2.0) < 0.05

    command(qtbot, remote, "pause")
    assert not window.controller.running
    assert said(audio)[-1] == "Paused"
    assert playerctl("status") == "Paused"
    command(qtbot, remote, "play-pause")
    assert window.controller.running
    assert said(audio)[-1] == "Resumed"

    command(qtbot, remote, "next")  # from "get ready" to the open hold
    snap = window.controller.snapshot()
    assert snap is not None and snap.segment.open is not None
    assert said(audio)[-1] == "Next: Psoas release, left side"
    assert window.player.caption_text == "Next: Psoas release, left side"
    assert playerctl("metadata", "title") == "Psoas release, left side"

    # In an open hold, Next means released: before its minimum, only the second press.
    advance(window, clock, 3.0)
    command(qtbot, remote, "next")
    assert window.controller.snapshot().segment.open is not None  # type: ignore[union-attr]
    assert said(audio)[-1] == "Press again to release"
    command(qtbot, remote, "next")
    assert said(audio)[-1] == "Released at three seconds"
    assert window.controller.snapshot().segment.open is None  # type: ignore[union-attr]

    command(qtbot, remote, "previous")
    assert said(audio)[-1].startswith("Back: Psoas release")

    command(qtbot, remote, "stop")  # asks first (the fake asker says yes)
    assert "Stop the session?" in asker.asked  # type: ignore[attr-defined]
    assert "Stop the session? Press play to stop it." in said(audio)
    assert not window.controller.active
    qtbot.waitUntil(lambda: playerctl("status") == "Stopped")


def test_a_remote_next_shows_its_caption_for_the_screenshot(
    qtbot: QtBot, window: MainWindow, remote: RemoteControl, clock: FakeClock
) -> None:
    assert window.open_routine("simple")
    command(qtbot, remote, "play")
    advance(window, clock, 1.0)
    command(qtbot, remote, "next")
    assert window.player.caption_text == "Next: Couch stretch"
    assert window.player.banner_row.caption.isVisible()


def test_stop_from_afar_asks_aloud_and_play_answers(
    qtbot: QtBot,
    services: Services,
    preferences: Preferences,
    private_bus: PrivateBus,
    clock: FakeClock,
    audio: AudioRecorder,
) -> None:
    # The real question box this time (not the tests' asker).
    window = MainWindow(preferences, dataclasses.replace(services, ask=ask_user))
    qtbot.addWidget(window)
    window.show()
    service = MprisService(window, bus=private_bus.address, clock=clock)
    remote = attach_remote(window, service)
    try:
        assert service.player.owned.wait(10)
        assert window.open_routine("simple")
        command(qtbot, remote, "play")
        assert window.controller.active
        running: list[subprocess.Popen[bytes]] = []
        answered: list[str] = []

        given_up = time.monotonic() + 10

        def press_play() -> None:
            running.append(subprocess.Popen(["playerctl", "-p", "psoas_timer", "play-pause"]))

        def answer_from_afar() -> None:  # runs inside the question's own event loop
            box = QApplication.activeModalWidget()
            if box is None and time.monotonic() < given_up:
                QTimer.singleShot(50, answer_from_afar)  # not asked yet
                return
            answered.append(box.windowTitle() if box is not None else "")
            # A person's answer, not a burst: the player refuses a press that comes less
            # than MIN_INTERVAL after the last (Stop). Play was sent 400 ms after the test
            # began, 180 ms after Stop; on a loaded machine Stop came later, Play was
            # refused, and the question waited for ever (the run hung).
            QTimer.singleShot(round(MIN_INTERVAL * 2000), press_play)

        QTimer.singleShot(400, answer_from_afar)
        command(qtbot, remote, "stop")
        qtbot.waitUntil(lambda: not window.controller.active, timeout=10000)
        assert answered == ["Stop the session?"]
        assert "Stop the session? Press play to stop it." in said(audio)
        assert remote.done[-2:] == ["PlayPause", "Stop"]  # Stop is done once answered
    finally:
        for process in running:
            process.wait(10)
        service.stop()


def test_stop_at_once_when_the_user_said_so(
    qtbot: QtBot, window: MainWindow, remote: RemoteControl, audio: AudioRecorder, asker: object
) -> None:
    window.commands.remote_stop.setChecked(True)
    assert window.preferences.remote_stop_unasked
    assert window.open_routine("simple")
    command(qtbot, remote, "play")
    command(qtbot, remote, "stop")
    assert not window.controller.active
    assert asker.asked == []  # type: ignore[attr-defined]
    assert said(audio)[-1] == "Stopped"


def test_nothing_starts_with_no_routine_open(
    qtbot: QtBot, window: MainWindow, remote: RemoteControl, private_bus: PrivateBus
) -> None:
    window.show_library()
    qtbot.waitUntil(lambda: playerctl("status") == "Stopped")
    client = Client(private_bus.address, "org.mpris.MediaPlayer2.psoas_timer")
    try:
        for member in ("Play", "PlayPause", "Next", "Previous", "Stop", "Pause"):
            time.sleep(0.2)
            reply = client.call(PLAYER, member)
            assert reply.header.message_type is MessageType.method_return  # a no-op
        qtbot.waitUntil(lambda: len(remote.ignored) == 6, timeout=5000)
    finally:
        client.close()
    assert not window.controller.active
    assert window.page is Page.LIBRARY


def test_play_waits_behind_the_safety_notice_and_nothing_acts_behind_it(
    qtbot: QtBot,
    window: MainWindow,
    remote: RemoteControl,
    private_bus: PrivateBus,
    audio: AudioRecorder,
) -> None:
    window.preferences.safety_release_dismissed = False
    assert window.open_routine("release")
    command(qtbot, remote, "play")
    dialog = window.steps.safety_dialog
    assert dialog is not None and dialog.isVisible()
    assert said(audio)[-1] == "Answer on the screen to start"
    assert not window.controller.active
    client = Client(private_bus.address, "org.mpris.MediaPlayer2.psoas_timer")
    try:
        for member in ("Play", "Next", "PlayPause"):  # playerctl would not send Next now
            time.sleep(0.2)
            client.call(PLAYER, member)
    finally:
        client.close()
    qtbot.waitUntil(lambda: remote.ignored[-3:] == ["Play", "Next", "PlayPause"])
    assert window.steps.safety_dialog is dialog  # one notice, not one per press
    assert not window.controller.active  # never half started
    dialog.accept()
    qtbot.waitUntil(lambda: window.controller.active, timeout=5000)


def test_a_burst_leaves_the_session_whole(
    qtbot: QtBot, window: MainWindow, remote: RemoteControl, private_bus: PrivateBus
) -> None:
    assert window.open_routine("release")
    window.steps.start()
    client = Client(private_bus.address, "org.mpris.MediaPlayer2.psoas_timer")
    try:
        replies = []
        for _ in range(100):
            replies.append(client.call(PLAYER, "Next").header.message_type)
            time.sleep(0.008)
    finally:
        client.close()
    accepted = replies.count(MessageType.method_return)
    assert accepted < 20
    qtbot.waitUntil(lambda: len(remote.done) + len(remote.ignored) == accepted, timeout=5000)
    assert window.controller.active or window.page is not Page.PLAYER


@pytest.mark.parametrize(
    ("key", "what"),
    [
        (Qt.Key.Key_PageDown, "next"),
        (Qt.Key.Key_PageUp, "previous"),
        (Qt.Key.Key_B, "pause"),
        (Qt.Key.Key_Period, "pause"),
    ],
)
def test_pedal_and_presenter_keys(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, key: Qt.Key, what: str
) -> None:
    assert window.open_routine("simple")
    window.steps.start()
    advance(window, clock, 1.0)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # into the first hold
    advance(window, clock, 5.0)
    before = window.controller.snapshot()
    assert before is not None
    qtbot.keyClick(window, key)
    after = window.controller.snapshot()
    assert after is not None
    if what == "next":
        assert after.index == before.index + 1
    elif what == "previous":
        assert after.index <= before.index and after.elapsed < 0.01
    else:
        assert not window.controller.running
        qtbot.keyClick(window, key)
        assert window.controller.running


def test_the_first_press_of_an_early_release_is_said_too(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    assert window.open_routine("release")
    window.steps.start()
    qtbot.keyClick(window, Qt.Key.Key_Right)  # into the open hold
    advance(window, clock, 2.0)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert said(audio) == ["Press again to release"]
    assert window.player.caption_text == "Press again to release"
    assert window.controller.snapshot().segment.open is not None  # type: ignore[union-attr]


@pytest.mark.qt_log_ignore("keyToAscii Unhandled key code")  # QTest has no text for them
def test_media_keys_in_the_window_are_confirmed_as_calls_from_afar(
    qtbot: QtBot, window: MainWindow, remote: RemoteControl, clock: FakeClock, audio: AudioRecorder
) -> None:
    assert window.open_routine("simple")
    qtbot.keyClick(window, Qt.Key.Key_MediaPlay)  # the Start button's path
    assert window.controller.running
    advance(window, clock, 1.0)
    qtbot.keyClick(window, Qt.Key.Key_MediaTogglePlayPause)
    assert not window.controller.running
    assert said(audio)[-1] == "Paused"
    qtbot.keyClick(window, Qt.Key.Key_MediaPlay)
    assert said(audio)[-1] == "Resumed"
    qtbot.keyClick(window, Qt.Key.Key_MediaPause)
    assert said(audio)[-1] == "Paused"
    qtbot.keyClick(window, Qt.Key.Key_MediaPause)  # paused already: nothing to do
    assert not window.controller.running
    qtbot.keyClick(window, Qt.Key.Key_MediaPlay)
    qtbot.keyClick(window, Qt.Key.Key_MediaNext)
    assert said(audio)[-1] == "Next: Couch stretch"
    qtbot.keyClick(window, Qt.Key.Key_MediaPrevious)
    assert said(audio)[-1].startswith("Back: ")
    plays = ["PlayPause", "PlayPause", "PlayPause", "Pause", "PlayPause"]
    assert remote.done == [*plays, "Next", "Previous"]
    assert remote.ignored == ["Pause"]


def test_raise_and_quit_from_afar(
    qtbot: QtBot, window: MainWindow, remote: RemoteControl, private_bus: PrivateBus
) -> None:
    window.showMinimized()
    client = Client(private_bus.address, "org.mpris.MediaPlayer2.psoas_timer")
    try:
        client.call("org.mpris.MediaPlayer2", "Raise")
        qtbot.waitUntil(lambda: remote.done[-1:] == ["Raise"], timeout=5000)
        assert not window.isMinimized()
        time.sleep(0.2)
        client.call("org.mpris.MediaPlayer2", "Quit")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)  # as Ctrl+Q: closed
    finally:
        client.close()


def test_the_app_puts_its_window_on_the_bus(
    qtbot: QtBot, window: MainWindow, private_bus: PrivateBus
) -> None:
    """What run() does once the window has loaded: the session bus of the environment."""
    from psoas_timer.ui.shell.app import attach_remote_control

    service = attach_remote_control(window)
    try:
        assert service.player.owned.wait(10), service.link.reason
        assert window.open_routine("simple")
        qtbot.waitUntil(lambda: playerctl("metadata", "album") == "Simple stretch", timeout=5000)
    finally:
        service.stop()
