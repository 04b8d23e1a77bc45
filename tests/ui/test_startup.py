"""Start-up in two steps: the frame is on screen at once, the routines load into it after."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, QSettings, Signal
from pytestqt.qtbot import QtBot

from psoas_timer.pyside_fix import quicken_import_hook
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences

if TYPE_CHECKING:
    from psoas_timer.ui.remote.mpris import MprisService


def frame(qtbot: QtBot, prefs: Preferences) -> MainWindow:
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _close_started(window: MainWindow, remote: list[MprisService]) -> None:
    """Stop what a real start began after the list (the remote control, daily practice)
    and close the window, so nothing outlives the test."""
    for service in remote:
        service.stop()
    if window.practice is not None:
        window.practice.stop()
    window.close()


def test_the_frame_shows_before_anything_loads(
    qtbot: QtBot, preferences: Preferences, services: Services
) -> None:
    window = frame(qtbot, preferences)
    assert window.isVisible() and window.windowTitle() == "Psoas Timer"
    assert not window.loaded and window.catalog is None
    window.load(services)
    assert window.loaded and window.catalog is not None
    assert window.page is Page.LIBRARY
    names = {entry.name for entry in window.library.entries()}
    assert names == {"Release and bridge", "Simple stretch", "broken"}


def test_a_routine_asked_for_early_opens_once_loaded(
    qtbot: QtBot, preferences: Preferences, services: Services
) -> None:
    window = frame(qtbot, preferences)
    assert window.open_routine("simple")  # waits
    assert window.entry is None
    window.load(services)
    assert window.page is Page.ROUTINE
    assert window.entry is not None and window.entry.name == "Simple stretch"


def test_an_early_routine_that_does_not_exist_leaves_the_library_and_says_why(
    qtbot: QtBot, preferences: Preferences, services: Services
) -> None:
    window = frame(qtbot, preferences)
    window.open_routine("no-such-routine")
    window.load(services)
    assert window.page is Page.LIBRARY
    assert "Cannot open no-such-routine" in window.statusBar().currentMessage()


def test_the_first_run_notice_comes_once_loaded(
    qtbot: QtBot, settings_file: Path, services: Services
) -> None:
    prefs = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = frame(qtbot, prefs)
    from psoas_timer.ui.shell.safety_dialog import SafetyDialog

    assert not window.findChildren(SafetyDialog)  # nothing to show it over yet
    window.load(services)
    assert window.steps.safety_dialog is not None and window.steps.safety_dialog.isVisible()
    window.steps.safety_dialog.accept()


def test_closing_before_it_loads_keeps_the_geometry(qtbot: QtBot, preferences: Preferences) -> None:
    window = frame(qtbot, preferences)
    window.resize(900, 640)
    assert window.close()
    assert preferences.geometry() is not None


def test_the_frame_imports_neither_the_core_nor_pydantic() -> None:
    code = (
        "import sys, psoas_timer.ui.shell.app; "
        "heavy = [m for m in ('pydantic', 'psoas_timer.core.model', 'psoas_timer.core.catalog',"
        " 'psoas_timer.ui.player.player_view', 'psoas_timer.ui.editor', 'PySide6.QtMultimedia')"
        " if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_the_quick_import_check_agrees_with_pysides_own() -> None:
    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    assert getattr(quick, "_quick", False), "the hook is patched when the shell is imported"
    assert not quicken_import_hook()  # patching twice is a no-op
    import inspect

    def original(module: object) -> bool:
        try:
            return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
        except (TypeError, OSError, SyntaxError):
            return False

    names = [
        "psoas_timer.ui.common.theme",
        "psoas_timer.ui.shell.main_window",
        "psoas_timer.core.model",
        "psoas_timer.core.engine",
        "json",
        "pydantic.main",
        "yaml",
        "PySide6.QtCore",
    ]
    for name in names:
        module = importlib.import_module(name)
        assert quick(module) == original(module), name
    assert quick(importlib.import_module("psoas_timer.ui.common.theme"))
    assert not quick(importlib.import_module("psoas_timer.core.model"))


def test_loading_follows_the_first_paint_once(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from psoas_timer.ui.common.after_paint import AfterNextPaint

    calls: list[bool] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    AfterNextPaint(widget, lambda: calls.append(widget.isVisible()), latest_ms=300)
    widget.show()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=1000)
    assert calls == [True]
    qtbot.wait(400)  # past the fallback: still once
    assert len(calls) == 1


def test_loading_goes_ahead_for_a_window_that_never_paints(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from psoas_timer.ui.common.after_paint import AfterNextPaint

    calls: list[int] = []
    widget = QWidget()  # never shown, so never painted
    qtbot.addWidget(widget)
    AfterNextPaint(widget, lambda: calls.append(1), latest_ms=50)
    qtbot.waitUntil(lambda: calls == [1], timeout=1000)


class _Output(QObject):
    problem = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def warm_up(self) -> None:
        self.calls.append("warm_up")

    def play(self, fired: object, plan_style: str) -> None:
        self.calls.append(f"play {plan_style}")

    def stop_all(self) -> None:
        self.calls.append("stop_all")

    def set_muted(self, muted: bool) -> None:
        self.calls.append(f"muted {muted}")

    def set_settings(self, settings: object) -> None:
        self.calls.append("settings")

    def preview(self, kind: str) -> None:
        self.calls.append(f"preview {kind}")


def test_sound_opens_on_first_use_with_the_settings_given_before(qtbot: QtBot) -> None:
    from psoas_timer.ui.sound.output import DeferredOutput

    made: list[_Output] = []

    def make() -> _Output:
        made.append(_Output())
        return made[-1]

    output = DeferredOutput(make)
    output.stop_all()  # nothing to stop yet, and no reason to open the device for it
    output.set_muted(True)
    output.set_settings(object())
    assert made == [] and not output.ready
    problems: list[str] = []
    output.problem.connect(problems.append)
    output.warm_up()
    assert len(made) == 1 and output.ready
    assert made[0].calls == ["muted True", "settings", "warm_up"]
    made[0].problem.emit("No sound: no sound server is running.")
    assert problems == ["No sound: no sound server is running."]
    output.prepare()
    output.preview("tone")
    assert len(made) == 1 and made[0].calls[-1] == "preview tone"


def test_the_app_opens_sound_after_the_routines_are_listed(
    qtbot: QtBot, preferences: Preferences, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from psoas_timer.ui.shell import app

    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(tmp_path / "data"))
    given = app.services(preferences)
    window = MainWindow(preferences, given)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.listing.loading)  # read in the background
    assert window.catalog is not None and window.catalog.entries  # the bundled routines
    assert not given.audio.ready  # type: ignore[attr-defined]
    given.audio.warm_up()
    assert given.audio.ready  # type: ignore[attr-defined]


def test_the_sound_device_opens_only_after_the_list_is_painted(
    qtbot: QtBot, preferences: Preferences, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Opening the sound device (Qt Multimedia and the device: tens of milliseconds) waits
    until the user sees the routines; it is open soon after."""
    from PySide6.QtCore import QEvent

    from psoas_timer.ui.shell import app

    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psoas-timer-bus")
    window = frame(qtbot, preferences)
    painted: list[bool] = []  # at each paint of the list: whether sound was open

    class ListPainted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.catalog is not None:
                painted.append(window.services.audio.ready)  # type: ignore[attr-defined]
            return False

    watcher = ListPainted()
    remote: list[MprisService] = []
    try:
        app.load_window(window, preferences, remote)
        window.library.list.viewport().installEventFilter(watcher)
        qtbot.waitUntil(lambda: len(remote) == 1, timeout=10000)
        assert painted and painted[0] is False  # the list was painted before sound opened
        assert window.services.audio.ready  # type: ignore[attr-defined]
    finally:
        _close_started(window, remote)


def test_the_cycle_collector_waits_until_the_list_is_painted(
    qtbot: QtBot, preferences: Preferences, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Python's cycle collector does not walk what the start makes before the user sees the
    routines; it runs again just after, with what else waits for the list."""
    import gc

    from PySide6.QtCore import QEvent

    from psoas_timer.ui.shell import app

    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psoas-timer-bus")
    window = frame(qtbot, preferences)
    collecting: list[bool] = []  # at each paint of the list: whether the collector ran

    class ListPainted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and window.catalog is not None:
                collecting.append(gc.isenabled())
            return False

    watcher = ListPainted()
    remote: list[MprisService] = []
    assert gc.isenabled()
    try:
        app.load_window(window, preferences, remote)
        assert not gc.isenabled()  # held off while the window fills
        window.library.list.viewport().installEventFilter(watcher)
        qtbot.waitUntil(lambda: len(remote) == 1, timeout=10000)
        qtbot.waitUntil(gc.isenabled, timeout=5000)  # and running again soon after
        assert collecting and collecting[0] is False
    finally:
        gc.enable()
        _close_started(window, remote)


def test_the_collector_held_at_start_is_let_go_once_and_as_it_was() -> None:
    import gc

    from psoas_timer.ui.shell.start_collector import CollectorHold

    hold = CollectorHold()
    try:
        hold.hold()
        hold.hold()  # again: still held, and let go as it was at first
        assert not gc.isenabled() and hold.holding
        hold.let_go()
        assert gc.isenabled() and not hold.holding
        gc.disable()
        hold.let_go()  # a second time: nothing (it does not switch it back on)
        assert not gc.isenabled()
        hold.hold()  # switched off by someone else before: stays off after
        hold.let_go()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_practice_and_the_remote_control_start_just_after_the_list(
    qtbot: QtBot, preferences: Preferences, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The list and Start come first; reminders, the Today line and the media keys follow
    as soon as the list has been painted, and work as ever."""
    from psoas_timer.ui.shell import app

    monkeypatch.setenv("PSOAS_TIMER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psoas-timer-bus")
    window = frame(qtbot, preferences)
    remote: list[MprisService] = []
    try:
        app.load_window(window, preferences, remote)
        assert window.listing.loading and window.practice is None and remote == []  # not yet
        listed: list[bool] = []
        window.routines_listed.connect(lambda: listed.append(window.practice is None))
        qtbot.waitUntil(lambda: window.practice is not None and len(remote) == 1, timeout=10000)
        assert listed[:1] == [True]  # the list came first
        assert window.catalog is not None and window.catalog.entries
        host = window.practice
        qtbot.waitUntil(lambda: host.controller._timer.isActive(), timeout=5000)  # reminders run
        text, _openable = host.today_text()
        assert window.library.today.text() == (text or "")  # the Today line is drawn
        assert host.menu is not None  # and the tray's menu has the practice's items
        picture = host._routine_icon("daily-psoas")  # a reminder's picture, drawn when due
        assert picture is not None and Path(picture).is_file()
    finally:
        _close_started(window, remote)


def test_what_waits_for_the_list_comes_even_when_the_routines_cannot_be_read(
    qtbot: QtBot, preferences: Preferences, services: Services
) -> None:
    import dataclasses

    def unreadable(between: object = None) -> object:
        raise OSError("the disk is gone")

    given = dataclasses.replace(services, load_catalog=unreadable, background=True)
    window = frame(qtbot, preferences)
    calls: list[str] = []
    window.after_listing.add(lambda: calls.append("first"))
    window.load(given)
    assert calls == []
    qtbot.waitUntil(lambda: calls == ["first"], timeout=5000)
    assert window.catalog is None  # nothing was listed, and it came all the same
    window.after_listing.add(lambda: calls.append("later"))  # asked for after: comes at once
    qtbot.waitUntil(lambda: calls == ["first", "later"], timeout=1000)
