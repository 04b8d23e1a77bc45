"""The tray icon's menu and state, offscreen (where there is no tray at all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from psoas_timer.core.engine import Session
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import compile_plan
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.shell.tray import SessionTray

pytestmark = pytest.mark.gui

ROUTINE = """\
name: Tray test
defaults: {prepare: 0, countdown: 3}
steps:
  - {name: Kneeling stretch, hold: 30, kind: stretch}
  - {name: Bridge, hold: 20, kind: stretch}
"""


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def tray(qapp: object, settings: QSettings) -> SessionTray:
    return SessionTray(QIcon(), Preferences(settings))


@pytest.fixture
def session() -> tuple[Session, Clock]:
    routine = load_routine_text(ROUTINE, "t.yaml")
    clock = Clock()
    return Session(compile_plan(routine), clock), clock


def test_offscreen_there_is_no_tray_and_nothing_breaks(tray: SessionTray) -> None:
    assert QSystemTrayIcon.isSystemTrayAvailable() is False
    assert not tray.available
    assert tray.icon is None
    tray.set_visible(True)
    tray.notify_hidden()
    assert tray.should_hide_on_close(session_active=True) is False


def test_idle_menu(tray: SessionTray) -> None:
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "Show Psoas Timer",
        "No session running",
        "Pause",
        "Keep running in the tray when closed",
        "Quit",
    ]
    assert not tray.toggle_action.isEnabled()
    assert not tray.status_action.isEnabled()
    assert tray.tooltip == "Psoas Timer"
    assert not tray.active


def test_running_session_shows_time_left_and_pause(
    tray: SessionTray, session: tuple[Session, Clock]
) -> None:
    engine, clock = session
    engine.start()
    clock.now += 3.2
    engine.poll()
    snap = engine.snapshot()
    tray.show_snapshot(snap)
    assert tray.active and not tray.paused
    assert tray.toggle_action.isEnabled()
    assert tray.toggle_action.text() == "Pause"
    status = tray.status_action.text()
    assert snap.segment.label in status
    assert status.endswith(" left")
    assert "left in the session" in tray.tooltip


def test_paused_session_offers_resume(tray: SessionTray, session: tuple[Session, Clock]) -> None:
    engine, _clock = session
    engine.start()
    engine.pause()
    tray.show_snapshot(engine.snapshot())
    assert tray.paused
    assert tray.toggle_action.text() == "Resume"
    assert tray.status_action.text().startswith("Paused · ")


def test_finished_or_no_snapshot_clears(tray: SessionTray, session: tuple[Session, Clock]) -> None:
    engine, _clock = session
    engine.start()
    tray.show_snapshot(engine.snapshot())
    engine.stop()
    tray.show_snapshot(engine.snapshot())
    assert not tray.active
    assert not tray.toggle_action.isEnabled()
    tray.set_session(paused=False, label="Hold", step_left=5, session_left=65)
    tray.show_snapshot(None)
    assert tray.tooltip == "Psoas Timer"


def test_plain_values(tray: SessionTray) -> None:
    tray.set_session(paused=False, label="Kneeling stretch", step_left=24.3, session_left=3725)
    assert tray.status_action.text() == "Kneeling stretch: 0:25 · 1:02:05 left"
    assert tray.tooltip == "Psoas Timer\nKneeling stretch: 0:25\n1:02:05 left in the session"


def test_actions_emit_requests(qtbot: QtBot, tray: SessionTray) -> None:
    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        tray.show_action.trigger()
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        tray.quit_action.trigger()
    # Pause/resume does nothing without a session, and asks once with one.
    with qtbot.assertNotEmitted(tray.toggle_requested):
        tray.toggle_action.trigger()
    tray.set_session(paused=False, label="Hold", step_left=5, session_left=5)
    with qtbot.waitSignal(tray.toggle_requested, timeout=1000):
        tray.toggle_action.trigger()


def test_icon_clicks(qtbot: QtBot, tray: SessionTray) -> None:
    with qtbot.waitSignal(tray.show_requested, timeout=1000):
        tray._on_icon_activated(QSystemTrayIcon.ActivationReason.Trigger)
    tray.set_session(paused=True, label="Hold", step_left=5, session_left=5)
    with qtbot.waitSignal(tray.toggle_requested, timeout=1000):
        tray._on_icon_activated(QSystemTrayIcon.ActivationReason.MiddleClick)


def test_close_to_tray_is_off_by_default_and_remembered(qtbot: QtBot, settings: QSettings) -> None:
    first = SessionTray(QIcon(), Preferences(settings), available=True)
    assert first.close_to_tray is False
    assert first.should_hide_on_close(session_active=True) is False
    with qtbot.waitSignal(first.close_to_tray_changed, timeout=1000) as blocker:
        first.close_to_tray_action.trigger()
    assert blocker.args == [True]
    settings.sync()
    again = SessionTray(
        QIcon(), Preferences(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    )
    assert again.close_to_tray is True
    assert settings.value(Preferences.close_to_tray.key) in (True, "true")


def test_hides_only_during_a_session_with_a_tray(settings: QSettings, qapp: object) -> None:
    with_tray = SessionTray(QIcon(), Preferences(settings), available=True)
    # `available=True` offscreen would need a real tray; the icon itself is only built for a
    # real one, so check the rule, not the icon.
    with_tray.close_to_tray = True
    assert with_tray.should_hide_on_close(session_active=True)
    assert not with_tray.should_hide_on_close(session_active=False)
    without = SessionTray(QIcon(), Preferences(settings), available=False)
    without.close_to_tray = True
    assert not without.should_hide_on_close(session_active=True)
