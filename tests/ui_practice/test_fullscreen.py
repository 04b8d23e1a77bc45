"""Whether a full-screen window (the app's own, or any other on the desktop) holds a desk
break back: the probe with fake sources (asked on a worker thread, so a stuck one never holds
up the poll), the real X11 reading under Xvfb, GNOME's and KDE's inhibit flags on a private
bus, and the host handing the probe to the controller."""

from __future__ import annotations

import logging
import os
import shutil
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from jeepney import HeaderFields, new_error, new_method_return
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.practice.clocks import SimulatedClocks
from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.practice.store import PracticeData, save_practice
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.practice.fullscreen import (
    CACHE_SECONDS,
    STALE_SECONDS,
    FullScreenProbe,
    GnomeIdleInhibited,
    KdeScreenInhibited,
    X11Connection,
    _cookie,
    x11_active_fullscreen,
)
from psoas_timer.ui.practice.host import PracticeHost

from .fake_bus import FakeService, PrivateBus
from .test_controller import FakeTray

ROUTINES = Path(__file__).resolve().parents[2] / "routines"


class Source:
    """A fake desktop source: answers what it is told and counts the questions."""

    def __init__(self, answer: bool | Exception | None) -> None:
        self.answer = answer
        self.asked = 0

    def __call__(self) -> bool | None:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# -- the probe ----------------------------------------------------------------------------


class Stuck:
    """A source that does not answer until the test lets it (a desktop service that hangs),
    then answers *answer*; it notes whether it had answered when the poll came back."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked = 0
        self.let_go = threading.Event()
        self.answered = threading.Event()
        self.closed = False

    def __call__(self) -> bool:
        self.asked += 1
        self.let_go.wait(30)
        self.answered.set()
        return self.answer

    def close(self) -> None:
        self.closed = True


def settled(probe: FullScreenProbe) -> bool:
    """The probe's answer once the question it has just started is answered."""
    probe()
    assert probe.wait(10), "the sources never answered"
    return probe()


def test_own_window_full_screen_needs_no_desktop_question() -> None:
    desktop = Source(False)
    probe = FullScreenProbe(lambda: True, [desktop])
    assert probe()
    assert not probe.asking
    assert desktop.asked == 0


def test_another_window_full_screen_counts() -> None:
    no_x, gnome = Source(None), Source(True)
    assert settled(FullScreenProbe(lambda: False, [no_x, gnome]))
    assert (no_x.asked, gnome.asked) == (1, 1)


def test_nothing_full_screen_and_no_sources() -> None:
    assert not settled(FullScreenProbe(lambda: False, [Source(None), Source(False)]))
    assert not settled(FullScreenProbe(lambda: False, []))


def test_the_poll_returns_at_once_while_the_desktop_does_not_answer() -> None:
    stuck = Stuck(True)
    probe = FullScreenProbe(lambda: False, [stuck])
    try:
        assert not probe()  # no answer yet: unknown, which is "not full screen"
        assert not probe()  # polled again meanwhile: the same, and no second question
        assert not stuck.answered.is_set()  # both polls came back while the source hung
        assert probe.asking
    finally:
        stuck.let_go.set()
    assert probe.wait(10)
    assert probe()  # its answer, once it came
    assert stuck.asked == 1


def test_the_desktop_answer_is_kept_a_few_seconds_then_asked_again() -> None:
    clock = Clock()
    desktop = Source(True)
    probe = FullScreenProbe(lambda: False, [desktop], clock=clock)
    assert settled(probe) and probe()
    assert desktop.asked == 1
    desktop.answer = False
    clock.now += CACHE_SECONDS - 0.1
    assert probe()  # still the kept answer, not asked again
    assert not probe.asking
    clock.now += 0.1
    assert probe()  # the last answer while the desktop is asked again...
    assert probe.wait(10)
    assert not probe()  # ...and the new one once it came
    assert desktop.asked == 2


def test_an_answer_that_never_comes_is_unknown_after_a_while(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    film = Stuck(True)
    film.let_go.set()
    probe = FullScreenProbe(lambda: False, [film], clock=clock)
    assert settled(probe)
    film.let_go.clear()  # the next question hangs
    clock.now += CACHE_SECONDS
    try:
        assert probe()  # the last answer, while the new question hangs
        clock.now += STALE_SECONDS - CACHE_SECONDS
        assert not probe()  # the last answer is a minute old: unknown
        clock.now += CACHE_SECONDS
        with caplog.at_level(logging.INFO, logger="psoas_timer.ui.practice.fullscreen"):
            assert not probe()
            assert not probe()
        assert caplog.text.count("has not said for 60 s") == 1  # said once
        assert film.asked == 2  # no pile of questions behind the stuck one
    finally:
        film.let_go.set()
    assert probe.wait(10)


def test_a_failing_source_is_logged_and_the_next_one_asked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken, other = Source(RuntimeError("no desktop")), Source(True)
    with caplog.at_level(logging.DEBUG, logger="psoas_timer.ui.practice.fullscreen"):
        assert settled(FullScreenProbe(lambda: False, [broken, other]))
    assert "failed" in caplog.text and "no desktop" in caplog.text


def test_closing_asks_no_more_and_closes_the_sources_once_they_answer() -> None:
    stuck = Stuck(False)
    probe = FullScreenProbe(lambda: False, [stuck], cache_seconds=0)
    probe()
    probe.close()
    assert not stuck.closed  # not under a question in flight
    stuck.let_go.set()
    assert probe.wait(10)
    assert stuck.closed
    probe()
    assert not probe.asking
    assert stuck.asked == 1


# -- X11 ----------------------------------------------------------------------------------


def test_no_x_display_is_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XAUTHORITY", str(tmp_path / "none"))
    assert x11_active_fullscreen("") is None
    assert x11_active_fullscreen(":9999") is None  # no server there
    assert x11_active_fullscreen("example.org:0") is None  # remote: not asked


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A private Xvfb display (CI installs Xvfb)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (tools/system-deps.sh and .ci/run install it)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.showFullScreen() if sys.argv[1] == "full" else window.show()
app.processEvents()
print(int(window.winId()), flush=True)
sys.stdin.readline()
"""


@pytest.mark.parametrize("mode", ["full", "normal"])
def test_a_real_x_window_full_screen(mode: str, x_display: str) -> None:
    """Another program's Qt window on a real X server. Xvfb has no window manager, so nobody
    sets the root's _NET_ACTIVE_WINDOW: the test does, as a window manager would. The
    window's _NET_WM_STATE is Qt's own doing."""
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    with subprocess.Popen(
        [sys.executable, "-c", WINDOW, mode],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        try:
            window = int(child.stdout.readline())
            assert x11_active_fullscreen(x_display) is None  # no window manager says yet
            with X11Connection(x_display) as x:
                active = x.atom("_NET_ACTIVE_WINDOW", only_if_exists=False)
                x.set_property32(x.root, active, x.atom("WINDOW"), [window])
            assert x11_active_fullscreen(x_display) is (mode == "full")
        finally:
            child.stdin.write("\n")
            child.stdin.close()
            child.wait(timeout=30)  # the last client gone, Xvfb resets: no active window
    assert child.returncode == 0


# -- GNOME --------------------------------------------------------------------------------


class FakeSessionManager(FakeService):
    """org.gnome.SessionManager's IsInhibited on a private bus, strict about the ``u``."""

    def __init__(self, address: str, inhibited: int) -> None:
        self.inhibited = inhibited
        self.asked: list[tuple[str, tuple[object, ...]]] = []
        super().__init__(address, "org.gnome.SessionManager")

    def answer(self, message: Any) -> None:
        signature = message.header.fields.get(HeaderFields.signature, "")
        self.asked.append((signature, tuple(message.body)))
        if signature != "u":
            self.conn.send(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs"))
            return
        flags = int(message.body[0])
        self.conn.send(new_method_return(message, "b", (bool(flags & self.inhibited),)))


@pytest.fixture
def bus() -> Iterator[PrivateBus]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (tools/system-deps.sh installs it)")
    private = PrivateBus()
    yield private
    private.close()


@pytest.mark.parametrize("inhibited", [8, 4])  # 8: idle (a film plays); 4: suspend only
def test_gnome_says_a_player_keeps_the_session_awake(bus: PrivateBus, inhibited: int) -> None:
    manager = FakeSessionManager(bus.address, inhibited)
    check = GnomeIdleInhibited(bus.address)
    try:
        assert check() is (inhibited == 8)
        assert manager.asked == [("u", (8,))]
    finally:
        check.close()
        manager.close()


class FakePolicyAgent(FakeService):
    """KDE's org.kde.Solid.PowerManagement.PolicyAgent HasInhibition, strict about the ``u``."""

    def __init__(self, address: str, inhibited: int) -> None:
        self.inhibited = inhibited
        self.asked: list[tuple[str, str, tuple[object, ...]]] = []
        super().__init__(address, "org.kde.Solid.PowerManagement.PolicyAgent")

    def answer(self, message: Any) -> None:
        fields = message.header.fields
        signature = fields.get(HeaderFields.signature, "")
        self.asked.append((fields.get(HeaderFields.member, ""), signature, tuple(message.body)))
        if signature != "u" or fields.get(HeaderFields.path) != (
            "/org/kde/Solid/PowerManagement/PolicyAgent"
        ):
            self.conn.send(new_error(message, "org.freedesktop.DBus.Error.InvalidArgs"))
            return
        flags = int(message.body[0])
        self.conn.send(new_method_return(message, "b", (bool(flags & self.inhibited),)))


@pytest.mark.parametrize("inhibited", [4, 1])  # 4: the screen stays on (a film); 1: no sleep
def test_kde_says_a_player_keeps_the_screen_on(bus: PrivateBus, inhibited: int) -> None:
    agent = FakePolicyAgent(bus.address, inhibited)
    check = KdeScreenInhibited(bus.address)
    try:
        assert check() is (inhibited == 4)
        assert agent.asked == [("HasInhibition", "u", (4,))]
    finally:
        check.close()
        agent.close()


def test_no_gnome_session_manager_is_no_answer_and_not_asked_again(bus: PrivateBus) -> None:
    check = GnomeIdleInhibited(bus.address)
    assert check() is None
    assert check._absent
    assert check() is None
    assert GnomeIdleInhibited("unix:path=/nonexistent/psoas-timer-bus")() is None
    kde = KdeScreenInhibited(bus.address)
    assert kde() is None and kde._absent


# -- the host hands the probe to the controller -------------------------------------------


def make_host(qtbot: QtBot, tmp_path: Path, **kwargs: object) -> tuple[PracticeHost, QWidget]:
    save_practice(tmp_path / "data", PracticeData())
    window = QWidget()
    qtbot.addWidget(window)
    catalog = load_catalog(ROUTINES)
    host = PracticeHost(
        window,
        lambda: catalog,
        (ROUTINES, tmp_path / "mine"),
        tmp_path / "data",
        options=PracticeOptions(desk_break=DeskBreakSettings(enabled=True, every_minutes=20)),
        save_options=lambda _: None,
        session_running=lambda: False,
        tray_available=False,
        clocks=SimulatedClocks(datetime(2026, 5, 20, 9, 0), ZoneInfo("Europe/Berlin")),
        **{"tray": None, **kwargs},  # type: ignore[arg-type]
    )
    return host, window


def test_the_controller_asks_the_probe(qtbot: QtBot, tmp_path: Path) -> None:
    film, tray = Source(True), FakeTray()
    host, _ = make_host(qtbot, tmp_path, fullscreen=film, tray=tray)
    clocks = host.controller.clocks
    assert isinstance(clocks, SimulatedClocks)
    for _ in range(40 * 4):
        clocks.advance(15)
        host.controller.poll()
    assert film.asked == 40 * 4
    assert tray.messages == []  # 40 minutes of a film: no break offered over it
    film.answer = False
    clocks.advance(15)
    host.controller.poll()
    assert [title for title, _ in tray.messages] == ["Time for a desk break"]


def test_the_reminders_poll_returns_while_the_desktop_hangs(qtbot: QtBot, tmp_path: Path) -> None:
    """The host's real probe over a desktop source that hangs: a poll is not held up, a break
    comes when due (nothing is known to be full screen), and a film said later holds the next
    one back."""
    stuck, tray = Stuck(True), FakeTray()
    probe = FullScreenProbe(lambda: False, [stuck], cache_seconds=0)
    host, _ = make_host(qtbot, tmp_path, fullscreen=probe, tray=tray)
    clocks = host.controller.clocks
    assert isinstance(clocks, SimulatedClocks)
    try:
        for _ in range(20 * 4):
            clocks.advance(15)
            host.controller.poll()
        assert not stuck.answered.is_set()  # every poll came back while the source hung
        assert stuck.asked == 1
        assert [title for title, _ in tray.messages][-1:] == ["Time for a desk break"]
    finally:
        stuck.let_go.set()
    assert probe.wait(10)
    assert probe()  # the film, known now


def test_the_host_probe_counts_its_own_window(qtbot: QtBot, tmp_path: Path) -> None:
    host, window = make_host(qtbot, tmp_path)
    assert isinstance(host.fullscreen, FullScreenProbe)
    window.showFullScreen()
    assert host.fullscreen()


def test_the_cookie_for_the_display_is_read_from_xauthority(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a desktop writes it: entries for other displays, other schemes, then ours."""

    def entry(family: int, address: bytes, display: bytes, name: bytes, data: bytes) -> bytes:
        fields = b"".join(struct.pack(">H", len(f)) + f for f in (address, display, name, data))
        return struct.pack(">H", family) + fields

    path = tmp_path / "Xauthority"
    path.write_bytes(
        entry(256, b"box", b"0", b"MIT-MAGIC-COOKIE-1", b"zero")
        + entry(256, b"box", b"1", b"XDM-AUTHORIZATION-1", b"other")
        + entry(256, b"box", b"1", b"MIT-MAGIC-COOKIE-1", b"one")
    )
    monkeypatch.setenv("XAUTHORITY", str(path))
    assert _cookie(1) == (b"MIT-MAGIC-COOKIE-1", b"one")
    assert _cookie(2) == (b"", b"")
    path.write_bytes(b"\x01")  # cut short
    assert _cookie(1) == (b"", b"")
