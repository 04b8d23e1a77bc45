"""The weekly check-in: offered on the completion page once a week, answered from the keyboard
(activities kept from last time), turned off in one click, and charted on Progress."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history.checkin import checkins_offered
from psoas_timer.ui.progress.checkin_dialog import CheckInDialog
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.progress.conftest import ZONE, Wall, run_through


def _session(window: MainWindow, clock: FakeClock, wall: Wall, day: int) -> None:
    wall.set(datetime(2026, 3, 2, 7, 0, tzinfo=ZONE) + timedelta(days=day))
    window.steps.start()
    run_through(window, clock)
    assert window.page is Page.COMPLETION


def test_offered_weekly_answered_kept_and_turned_off(
    hwindow: MainWindow, qtbot: QtBot, clock: FakeClock, wall: Wall
) -> None:
    window = hwindow
    window.preferences.ask_ratings = False
    assert window.open_routine("evening")
    _session(window, clock, wall, 0)
    offer = window.completion.checkin_offer
    assert offer.isVisibleTo(window.completion)
    window.completion.checkin_button.click()
    dialog = window.steps.checkin_dialog
    assert isinstance(dialog, CheckInDialog)
    qtbot.keyClicks(dialog.activities[0], "Sitting for an hour")
    qtbot.keyClick(dialog.scores[0], Qt.Key.Key_Up)
    qtbot.keyClick(dialog.scores[0], Qt.Key.Key_Up)
    qtbot.keyClick(dialog.scores[0], Qt.Key.Key_Up)
    dialog.impression.button(3).click()  # "no change"
    dialog.accept()
    assert not offer.isVisibleTo(window.completion)
    store = window.history.store
    assert store is not None
    (first,) = store.checkins()
    assert [(a.activity, a.score) for a in first.activities] == [("Sitting for an hour", 3)]
    assert first.impression == 0 and first.session_id is not None

    _session(window, clock, wall, 3)  # three days later: not yet
    assert not offer.isVisibleTo(window.completion)
    _session(window, clock, wall, 7)  # a week later: offered, last week's activities kept
    assert offer.isVisibleTo(window.completion)
    window.completion.checkin_button.click()
    dialog = window.steps.checkin_dialog
    assert isinstance(dialog, CheckInDialog)
    assert dialog.activities[0].text() == "Sitting for an hour"
    dialog.scores[0].setValue(6)
    dialog.impression.button(5).click()  # "much improved"
    dialog.accept()

    window.show_progress()
    window.progress.page.tabs.setCurrentWidget(window.progress.page.checkins)
    chart = window.progress.page.checkins.chart
    assert chart.chart is not None
    assert chart.chart.change is not None and chart.chart.change.direction == "better"
    table = window.progress.page.checkins.table
    assert table.rowCount() == 2
    assert table.item(0, 1).text() == "Sitting for an hour: 6"  # the newest first
    assert table.item(0, 2).text() == "much improved"

    window.open_routine("evening")
    _session(window, clock, wall, 14)
    assert offer.isVisibleTo(window.completion)
    window.completion.checkin_off.click()  # one click: never offered again
    assert not offer.isVisibleTo(window.completion)
    assert not checkins_offered(store)
    _session(window, clock, wall, 30)
    assert not offer.isVisibleTo(window.completion)


def test_the_first_offer_speaks_of_no_last_check_in(
    hwindow: MainWindow, clock: FakeClock, wall: Wall
) -> None:
    """A new user, never checked in, was told "A week since your last check-in"."""
    window = hwindow
    window.preferences.ask_ratings = False
    assert window.open_routine("evening")
    _session(window, clock, wall, 0)
    assert window.completion.checkin_offer.isVisibleTo(window.completion)
    text = window.completion.checkin_text.text()
    assert "last check-in" not in text
    assert text.startswith("How are things?")
