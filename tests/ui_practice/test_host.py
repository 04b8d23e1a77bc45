"""The practice host: what the shell gets from it."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Entry, load_catalog
from psoas_timer.practice.clocks import SimulatedClocks
from psoas_timer.practice.schedule import Reminder
from psoas_timer.practice.store import PracticeData, save_practice
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.practice.host import PracticeHost

pytestmark = pytest.mark.gui

ROUTINES = Path(__file__).resolve().parents[2] / "routines"


def make(qtbot: QtBot, tmp_path: Path, data: PracticeData, **options: object) -> PracticeHost:
    save_practice(tmp_path / "data", data)
    window = QWidget()
    qtbot.addWidget(window)
    catalog = load_catalog(ROUTINES)
    return PracticeHost(
        window,
        lambda: catalog,
        (ROUTINES, tmp_path / "mine"),
        tmp_path / "data",
        options=PracticeOptions(**options),  # type: ignore[arg-type]
        save_options=lambda _: None,
        session_running=lambda: False,
        tray=None,
        tray_available=True,
        clocks=SimulatedClocks(datetime(2026, 5, 20, 9, 0), ZoneInfo("Europe/Berlin")),
    )


def test_today_line_and_opening_todays_session(qtbot: QtBot, tmp_path: Path) -> None:
    data = PracticeData(programme="psoas-release-4-weeks", programme_start=date(2026, 5, 6))
    host = make(qtbot, tmp_path, data)
    text, openable = host.today_text()
    assert text is not None and text.startswith("Today: Psoas release and stretch, week 3 (")
    assert openable
    with qtbot.waitSignal(host.open_requested) as opened:
        host.open_today()
    entry, changes = opened.args
    assert isinstance(entry, Entry)
    assert entry.path.name == "psoas-release-stretch.yaml"
    assert changes == ["Hip crease release: 90 s each side → up to 3 min, aim 2 min each side"]
    release = next(
        s for s in entry.routine.steps if getattr(s, "use", None) == "psoas-ball-release"
    )
    assert release.open is not None and release.open.max == 180


def test_a_routine_that_is_not_todays_session_opens_as_it_is(qtbot: QtBot, tmp_path: Path) -> None:
    host = make(qtbot, tmp_path, PracticeData())
    assert host.today_text() == (None, False)
    with qtbot.waitSignal(host.open_requested) as opened:
        host.open_routine("daily-psoas")
    assert opened.args[1] == []
    assert opened.args[0].name == "Daily psoas routine"


def test_keep_in_tray_needs_the_option_and_a_reminder(qtbot: QtBot, tmp_path: Path) -> None:
    reminder = Reminder("a", "daily-psoas", frozenset(range(7)), time(18))
    assert not make(qtbot, tmp_path, PracticeData(), keep_in_tray=True).keep_in_tray
    assert not make(qtbot, tmp_path, PracticeData(reminders=[reminder])).keep_in_tray
    assert make(qtbot, tmp_path, PracticeData(reminders=[reminder]), keep_in_tray=True).keep_in_tray


def test_polling_waits_for_the_routines(qtbot: QtBot, tmp_path: Path) -> None:
    from psoas_timer.ui.practice.desktop_notifications import DesktopNotifications

    catalog: list[object] = []
    save_practice(tmp_path / "data", PracticeData())
    window = QWidget()
    qtbot.addWidget(window)
    host = PracticeHost(
        window,
        lambda: catalog[0] if catalog else None,  # type: ignore[return-value]
        (ROUTINES, tmp_path / "mine"),
        tmp_path / "data",
        options=PracticeOptions(),
        save_options=lambda _: None,
        session_running=lambda: False,
        tray=None,
        tray_available=False,
        notifications=DesktopNotifications(bus="unix:path=/nonexistent/psoas-timer-bus"),
    )
    host.start()
    assert not host.controller._timer.isActive()  # no routines yet
    catalog.append(load_catalog(ROUTINES))
    qtbot.waitUntil(host.controller._timer.isActive, timeout=3000)
    host.stop()
