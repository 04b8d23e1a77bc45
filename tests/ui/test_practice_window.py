"""Daily practice in the window: the Today line, Start now, the Reminders action, and closing
to the tray when reminders need the app running."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from textwrap import dedent
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from psoas_timer.practice.clocks import SimulatedClocks
from psoas_timer.practice.schedule import PROGRAMME_TARGET, Reminder
from psoas_timer.practice.store import PracticeData, save_practice
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.practice.desktop_notifications import DesktopNotifications
from psoas_timer.ui.practice.host import PracticeHost
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.shell.tray import SessionTray

pytestmark = pytest.mark.gui

PROGRAMME = """
name: Release weeks
weeks: 2
days: {daily: release}
changes:
  - week: 2
    steps:
      Lunge stretch: {hold: 45s}
"""


def attach(
    window: MainWindow,
    routine_dirs: tuple[Path, Path],
    tmp_path: Path,
    data: PracticeData,
    options: PracticeOptions,
) -> tuple[PracticeHost, SimulatedClocks]:
    bundled, user = routine_dirs
    (user / "programmes").mkdir(parents=True, exist_ok=True)
    (user / "programmes" / "release-weeks.yaml").write_text(dedent(PROGRAMME))
    save_practice(tmp_path / "data", data)
    window.attach_tray(SessionTray(QIcon(), None, window, available=False))
    clocks = SimulatedClocks(datetime(2026, 5, 12, 17, 59), ZoneInfo("Europe/Berlin"))
    host = PracticeHost(
        window,
        lambda: window.catalog,
        (bundled, user),
        tmp_path / "data",
        options=options,
        save_options=window.preferences.set_practice_options,
        session_running=lambda: window.controller.active,
        tray=window.tray,
        tray_available=True,  # as on a desktop with a tray
        clocks=clocks,
        # Never the developer's own desktop: no session bus here.
        notifications=DesktopNotifications(bus="unix:path=/nonexistent/psoas-timer-bus"),
    )
    window.attach_practice(host)
    host.start()
    return host, clocks


def following() -> PracticeData:
    return PracticeData(
        reminders=[Reminder("r", PROGRAMME_TARGET, frozenset(range(7)), time(18))],
        programme="release-weeks",
        programme_start=date(2026, 5, 4),
    )


def test_today_line_opens_this_weeks_session(
    window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    attach(window, routine_dirs, tmp_path, following(), PracticeOptions())
    window.show_library()
    assert window.library.today.isVisible()
    assert window.library.today.text() == ("Today: Release and bridge, week 2 (Lunge stretch 45 s)")
    window.library.today.click()
    assert window.page is Page.ROUTINE
    assert window.routine.changes.text() == "Since last week:\nLunge stretch: 30 s → 45 s"
    assert window.entry is not None
    lunge = window.entry.routine.steps[-1]
    assert lunge.hold == 45


def test_start_now_from_the_reminder_opens_the_routine(
    qtbot: QtBot, window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    host, clocks = attach(window, routine_dirs, tmp_path, following(), PracticeOptions())
    clocks.advance(60)
    host.controller.poll()
    prompt = host.controller.prompt  # no notification service, no tray: a small window asks
    assert prompt is not None and prompt.isVisible()
    assert prompt.body.text().endswith("Today: Release and bridge, week 2 (Lunge stretch 45 s)")
    prompt.button_by_key["start"].click()
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == "Release and bridge"
    assert window.routine.changes.isVisible()


def test_closing_keeps_the_app_in_the_tray_only_with_the_option_and_a_reminder(
    qtbot: QtBot, window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    host, _ = attach(
        window, routine_dirs, tmp_path, following(), PracticeOptions(keep_in_tray=True)
    )
    polling = host.controller._timer
    window.close()
    assert window.isHidden()
    assert polling.isActive()  # still reminding, only hidden
    window.show()
    window.commands.quit.trigger()  # Quit quits, even then
    assert window.isHidden()
    assert not polling.isActive()


def test_the_tray_s_quit_quits_where_closing_would_keep_the_app_in_the_tray(
    qtbot: QtBot, window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    host, _ = attach(
        window, routine_dirs, tmp_path, following(), PracticeOptions(keep_in_tray=True)
    )
    polling = host.controller._timer
    assert window.tray is not None
    window.tray.quit_requested.emit()  # Quit in the tray's menu
    assert window.isHidden()
    assert not polling.isActive()  # closed for good, not kept reminding


def test_without_the_option_closing_closes(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    window = make_window(preferences)
    window.show()
    host, _ = attach(window, routine_dirs, tmp_path, following(), PracticeOptions())
    assert not host.keep_in_tray
    assert window.close()


def test_the_reminders_action_opens_the_dialog_and_keeps_the_options(
    qtbot: QtBot, window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    host, _ = attach(window, routine_dirs, tmp_path, PracticeData(), PracticeOptions())
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(dialog.windowTitle())
        dialog.add_reminder()  # type: ignore[attr-defined]
        dialog.desk_on.setChecked(True)  # type: ignore[attr-defined]
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.commands.reminders.trigger()
    assert seen == ["Reminders"]
    assert len(host.controller.data.reminders) == 1
    options = window.preferences.practice_options()
    assert options.desk_break.enabled
    assert options.keep_in_tray  # the first reminder turns it on


def test_practice_options_in_the_settings_registry(preferences: Preferences) -> None:
    assert preferences.practice_options() == PracticeOptions()
    store = preferences._store
    store.setValue("practice/desk_break_minutes", "abc")
    assert preferences.practice_options().desk_break.every_minutes == 50
    store.setValue("practice/desk_break_minutes", 1000)
    assert preferences.practice_options().desk_break.every_minutes == 240
    store.setValue("practice/keep_in_tray", "yes")
    assert preferences.practice_options().keep_in_tray


def test_a_session_completed_today_keeps_its_reminder_quiet(
    qtbot: QtBot, window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    from psoas_timer.core.engine import SessionRecord

    host, clocks = attach(window, routine_dirs, tmp_path, following(), PracticeOptions())
    assert window.open_routine("release")
    window.controller.ended.emit(SessionRecord(completed=True))
    clocks.advance(60)
    host.controller.poll()
    assert host.controller.prompt is None  # done today: no reminder at 18:00


def test_a_stopped_session_does_not_count(
    qtbot: QtBot, window: MainWindow, routine_dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    from psoas_timer.core.engine import SessionRecord

    host, clocks = attach(window, routine_dirs, tmp_path, following(), PracticeOptions())
    assert window.open_routine("release")
    window.controller.ended.emit(SessionRecord(completed=False))
    clocks.advance(60)
    host.controller.poll()
    assert host.controller.prompt is not None and host.controller.prompt.isVisible()


def test_the_app_attaches_practice_over_the_windows_history(
    qtbot: QtBot, window: MainWindow, preferences: Preferences, monkeypatch: pytest.MonkeyPatch
) -> None:
    from psoas_timer.ui.shell.app import attach_practice

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psoas-timer-bus")
    attach_practice(window, preferences)
    host = window.practice
    assert host is not None
    qtbot.waitUntil(lambda: host.controller._timer.isActive(), timeout=2000)  # started
    assert not host.notifications.available
    assert host.controller.path.value in ("tray", "window")
