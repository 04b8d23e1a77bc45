"""Reminders and desk breaks in the app on simulated clocks: the way each reaches the user
(desktop notification, tray message, small window) and what the answers do."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.practice.clocks import SimulatedClocks
from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.practice.programmes import Programmes, load_programmes
from psoas_timer.practice.schedule import PROGRAMME_TARGET, Reminder
from psoas_timer.practice.store import PracticeData, load_practice, save_practice
from psoas_timer.ui.practice.controller import (
    NotificationPath,
    PracticeController,
    PracticeOptions,
)
from psoas_timer.ui.practice.desktop_notifications import DesktopNotifications

from .fake_bus import FakeNotificationServer, OddNotificationServer, SilentNotificationServer

pytestmark = pytest.mark.gui

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROUTINES)


@pytest.fixture(scope="module")
def programmes(catalog: Catalog) -> Programmes:
    return load_programmes(catalog, [(ROUTINES, True)])


class FakeTray:
    def __init__(self, available: bool = True) -> None:
        self.available = available
        self.messages: list[tuple[str, str]] = []
        self.icons: list[str | None] = []

    def can_show_messages(self) -> bool:
        return self.available

    def show_message(self, title: str, body: str, *, icon: str | None = None) -> None:
        self.messages.append((title, body))
        self.icons.append(icon)


def make(
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
    data: PracticeData,
    **kwargs: object,
) -> tuple[PracticeController, SimulatedClocks]:
    clocks = SimulatedClocks(datetime(2026, 5, 4, 17, 59), BERLIN)  # a Monday
    save_practice(tmp_path, data)

    def name(key: str) -> str | None:
        entry = catalog.find(key)
        return entry.name if entry else None

    controller = PracticeController(
        tmp_path,
        lambda: programmes,
        name,
        clocks=clocks,
        **kwargs,  # type: ignore[arg-type]
    )
    return controller, clocks


def daily(target: str = "daily-psoas") -> PracticeData:
    return PracticeData(reminders=[Reminder("r1", target, frozenset(range(7)), time(18))])


def test_tray_message_then_the_prompt_and_in_ten_minutes(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    tray = FakeTray()
    controller, clocks = make(tmp_path, catalog, programmes, daily(), tray=tray)
    assert controller.path is NotificationPath.TRAY
    assert "tray messages" in controller.path_text()
    controller.poll()
    assert tray.messages == []
    clocks.advance(60)
    controller.poll()
    assert tray.messages == [("Time for Daily psoas routine", "Your 18:00 reminder.")]
    controller.tray_message_clicked()
    prompt = controller.prompt
    assert prompt is not None
    qtbot.addWidget(prompt)
    assert prompt.isVisible()
    assert list(prompt.button_by_key) == ["start", "later", "skip"]
    prompt.button_by_key["later"].click()
    assert not prompt.isVisible()
    clocks.advance(9 * 60)
    controller.poll()
    assert len(tray.messages) == 1
    clocks.advance(60)
    controller.poll()
    assert len(tray.messages) == 2  # back after 10 minutes, named by its own time
    assert tray.messages[1] == ("Time for Daily psoas routine", "Your 18:00 reminder, snoozed.")
    # What was handled is kept: a restarted app does not remind again today.
    assert load_practice(tmp_path).schedule_state["handled"] == {"r1": "2026-05-04"}


def test_without_notifications_or_tray_a_window_asks_and_start_opens_the_routine(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    controller, clocks = make(tmp_path, catalog, programmes, daily(), tray=FakeTray(False))
    assert controller.path is NotificationPath.WINDOW
    assert "small window" in controller.path_text()
    clocks.advance(60)
    controller.poll()
    prompt = controller.prompt
    assert prompt is not None
    qtbot.addWidget(prompt)
    assert prompt.title.text() == "Time for Daily psoas routine"
    with qtbot.waitSignal(controller.start_requested) as started:
        prompt.button_by_key["start"].click()
    assert started.args == ["daily-psoas"]


def test_skip_today_from_the_prompt(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    controller, clocks = make(tmp_path, catalog, programmes, daily(), tray=None)
    clocks.advance(60)
    controller.poll()
    assert controller.prompt is not None
    qtbot.addWidget(controller.prompt)
    controller.prompt.button_by_key["skip"].click()
    controller.schedule.snooze("r1", 1)  # even a snooze set later today stays quiet
    clocks.advance(120)
    controller.poll()
    assert not controller.prompt.isVisible()


def test_a_programme_reminder_names_todays_session(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    tray = FakeTray()
    data = daily(PROGRAMME_TARGET)
    data.programme = "core-and-glutes-6-weeks"
    data.programme_start = datetime(2026, 5, 4).date()
    controller, clocks = make(tmp_path, catalog, programmes, data, tray=tray)
    clocks.advance(60)
    controller.poll()
    assert tray.messages == [
        (
            "Time for Core and glutes",
            "Your 18:00 reminder.\nToday: Core and glutes, week 1 (Plank 3 × 30 s)",
        )
    ]
    today = controller.today()
    assert today is not None and today.week == 1
    clocks.advance(24 * 3600)  # Tuesday is a rest day of that programme: no reminder
    controller.poll()
    assert len(tray.messages) == 1


def test_pause_items_and_their_words(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    tray = FakeTray()
    controller, clocks = make(tmp_path, catalog, programmes, daily(), tray=tray)
    with qtbot.waitSignal(controller.changed):
        controller.pause_hour()
    assert controller.pause_text() == "Reminders paused until 18:59"
    clocks.advance(60)
    controller.poll()
    assert tray.messages == []
    controller.pause_until_resumed()
    assert controller.pause_text() == "Reminders paused until you turn them back on"
    controller.resume()
    assert controller.pause_text() == "Reminders are on"
    controller.pause_rest_of_day()
    assert controller.pause_text() == "Reminders paused until 00:00"


def test_desk_break_notice_then_snooze(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    tray = FakeTray()
    options = PracticeOptions(desk_break=DeskBreakSettings(enabled=True, every_minutes=20))
    controller, clocks = make(
        tmp_path, catalog, programmes, PracticeData(), tray=tray, options=options
    )
    for _ in range(20 * 4):
        clocks.advance(15)
        controller.poll()
    assert [m[0] for m in tray.messages] == [
        "A desk break in 30 seconds",
        "Time for a desk break",
    ]
    assert tray.messages[1][1] == "Five-minute desk break: stand up and move."
    controller.answer("desk", "snooze")
    assert controller.desk.remaining == 5 * 60


def test_never_a_desk_break_during_a_session(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    tray = FakeTray()
    options = PracticeOptions(desk_break=DeskBreakSettings(enabled=True, every_minutes=20))
    controller, clocks = make(
        tmp_path,
        catalog,
        programmes,
        PracticeData(),
        tray=tray,
        options=options,
        session_running=lambda: True,
    )
    for _ in range(60 * 4):
        clocks.advance(15)
        controller.poll()
    assert tray.messages == []


def test_apply_keeps_the_settings_and_starts_a_new_programme_today(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    controller, _ = make(tmp_path, catalog, programmes, PracticeData(), tray=FakeTray())
    assert not controller.has_reminders
    data = daily()
    data.programme = "psoas-release-4-weeks"
    controller.apply(data, PracticeOptions(keep_in_tray=True))
    kept = load_practice(tmp_path)
    assert kept.reminders == data.reminders
    assert kept.programme == "psoas-release-4-weeks"
    assert kept.programme_start == datetime(2026, 5, 4).date()
    assert controller.has_reminders


def test_desktop_notifications_first_and_their_buttons(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
    notification_server: FakeNotificationServer,
) -> None:
    notes = DesktopNotifications()
    notes.start()
    qtbot.waitUntil(lambda: notes.available, timeout=5000)
    tray = FakeTray()
    controller, clocks = make(
        tmp_path, catalog, programmes, daily(), tray=tray, notifications=notes
    )
    assert controller.path is NotificationPath.DESKTOP
    qtbot.waitUntil(lambda: notes.server is not None, timeout=5000)  # said when it answers
    assert "desktop notifications (fake-notifier)" in controller.path_text()
    clocks.advance(60)
    controller.poll()
    qtbot.waitUntil(lambda: "reminder:r1" in notes._by_tag, timeout=5000)
    assert tray.messages == []
    assert notification_server.calls[0].body[3] == "Time for Daily psoas routine"
    with qtbot.waitSignal(controller.start_requested, timeout=5000) as started:
        notification_server.invoke(1, "start")
    assert started.args == ["daily-psoas"]
    notes.stop()


def test_tray_menu_pause_items(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from psoas_timer.ui.practice.tray_menu import PracticeMenu

    controller, _ = make(tmp_path, catalog, programmes, daily(), tray=FakeTray())
    menu = QMenu()
    quit_action = menu.addAction("Quit")
    opened: list[bool] = []
    items = PracticeMenu(menu, controller, lambda: opened.append(True), before=quit_action)
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Reminders are on",
        "Reminders…",
        "Pause reminders for 1 hour",
        "Pause reminders for the rest of the day",
        "Pause reminders until I turn them back on",
        "Turn reminders back on",
        "Quit",
    ]
    assert not items.resume.isVisible()
    items.pause_day.trigger()
    assert controller.schedule.paused
    assert items.resume.isVisible() and not items.pause_hour.isVisible()
    assert items.status.text() == "Reminders paused until 00:00"
    items.resume.trigger()
    assert not controller.schedule.paused
    items.reminders.trigger()
    assert opened == [True]
    assert isinstance(quit_action, QAction)


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    from psoas_timer.practice import autostart

    saved: list[PracticeOptions] = []
    controller, _ = make(
        tmp_path, catalog, programmes, daily(), tray=FakeTray(), save_options=saved.append
    )
    controller.apply(daily(), PracticeOptions(keep_in_tray=True, start_at_login=True))
    entry = autostart.autostart_path()
    assert entry.is_file()  # under the test's own XDG_CONFIG_HOME
    assert "--background" in entry.read_text()
    controller.apply(daily(), PracticeOptions(keep_in_tray=True, start_at_login=False))
    assert not entry.exists()
    assert [o.start_at_login for o in saved] == [True, False]


def test_todays_programme_session_has_this_weeks_changes(
    qtbot: QtBot, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    data = PracticeData(programme="psoas-release-4-weeks", programme_start=date(2026, 4, 20))
    controller, _ = make(tmp_path, catalog, programmes, data, tray=FakeTray())
    found = controller.programme_routine("psoas-release-stretch")
    assert found is not None
    routine, changes = found
    assert changes == [
        "Hip crease release: 90 s each side → up to 3 min, aim 2 min each side"
    ]  # 4 May is in week 3
    assert controller.programme_routine("daily-psoas") is None
    assert routine.name == "Psoas release and stretch"


def test_a_notification_service_that_comes_up_later_is_used(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
    private_bus: object,
) -> None:
    from .fake_bus import FakeNotificationServer, PrivateBus

    assert isinstance(private_bus, PrivateBus)
    notes = DesktopNotifications()
    with qtbot.waitSignal(notes.answered, timeout=5000) as answered:
        notes.start()  # at login, before the desktop's notification service
    assert answered.args == [False]
    tray = FakeTray()
    controller, clocks = make(
        tmp_path, catalog, programmes, daily(), tray=tray, notifications=notes
    )
    controller.poll()
    assert controller.path is NotificationPath.TRAY
    with qtbot.waitSignal(controller.changed, timeout=5000):
        # Heard as it takes its name (before: at the next retry, up to 5 minutes later,
        # with two blocking calls to the bus on the window's thread).
        server = FakeNotificationServer(private_bus.address)
    try:
        assert controller.path is NotificationPath.DESKTOP
        clocks.advance(60)
        controller.poll()
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=5000)
        assert tray.messages == []
    finally:
        notes.stop()
        server.close()


@pytest.mark.parametrize(
    "server_kind",
    [SilentNotificationServer, OddNotificationServer],
    ids=["never answers", "odd reply"],
)
def test_a_reminder_the_notification_server_does_not_take_is_asked_in_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
    private_bus: object,
    monkeypatch: pytest.MonkeyPatch,
    server_kind: type[FakeNotificationServer],
) -> None:
    """Before: a server that never answered Notify lost the reminder silently, and an odd
    reply raised at int(body[0]). Now the reminder still reaches the user: after the time
    limit (or the odd reply) it is asked in the small window, with its buttons."""
    from psoas_timer.ui.practice import desktop_notifications

    monkeypatch.setattr(desktop_notifications, "NOTIFY_TIMEOUT_MS", 400)
    server = server_kind(private_bus.address)  # type: ignore[attr-defined]
    notes = DesktopNotifications()
    try:
        notes.start()
        qtbot.waitUntil(lambda: notes.available, timeout=5000)
        controller, clocks = make(
            tmp_path, catalog, programmes, daily(), tray=FakeTray(False), notifications=notes
        )
        assert controller.path is NotificationPath.DESKTOP
        clocks.advance(60)
        controller.poll()
        qtbot.waitUntil(lambda: server.calls != [], timeout=5000)  # the server was asked
        qtbot.waitUntil(lambda: controller.prompt is not None, timeout=5000)
        prompt = controller.prompt
        assert prompt is not None
        qtbot.addWidget(prompt)
        assert prompt.title.text() == "Time for Daily psoas routine"
        with qtbot.waitSignal(controller.start_requested, timeout=5000) as started:
            prompt.button_by_key["start"].click()
        assert started.args == ["daily-psoas"]
    finally:
        notes.stop()
        server.close()
