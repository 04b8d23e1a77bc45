"""The Progress page: the weekly goal, deleting a session (asks first), export and import
on a second profile, "Delete all history" (asks first), drawn with an empty history."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history import HistoryStore
from psoas_timer.ui.progress.progress_view import ProgressView
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.conftest import Asker
from tests.ui.progress.conftest import ZONE, Wall, run_through


def _sessions(window: MainWindow, clock: FakeClock, wall: Wall, days: list[int]) -> None:
    window.preferences.ask_ratings = False
    for n in days:
        wall.set(datetime(2026, 3, 2, 7, 0, tzinfo=ZONE) + timedelta(days=n))
        assert window.open_routine("evening")
        window.steps.start()
        run_through(window, clock)
        assert window.page is Page.COMPLETION


def test_an_empty_history_draws(hwindow: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(hwindow, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert hwindow.page is Page.PROGRESS
    page = hwindow.progress.page
    assert (page.streak.text(), page.total.text()) == ("0", "0")
    assert page.sessions.listed_ids() == []
    page.tabs.setCurrentWidget(page.charts)
    assert page.charts.pain_chart is not None
    assert "No ratings yet" in page.charts.pain_chart.title()  # type: ignore[attr-defined]
    hwindow.grab()


def test_the_weekly_goal_keeps_a_day_off_in_the_streak(
    hwindow: MainWindow, clock: FakeClock, wall: Wall
) -> None:
    _sessions(hwindow, clock, wall, [0, 1, 2, 4, 5])  # Wednesday's session, no Thursday
    wall.set(datetime(2026, 3, 7, 20, 0, tzinfo=ZONE))  # Saturday evening
    hwindow.show_progress()
    page = hwindow.progress.page
    page.goal.setValue(7)
    assert page.streak.text() == "2"
    assert hwindow.history.store is not None
    assert hwindow.history.store.weekly_goal() == 7
    page.goal.setValue(5)
    assert page.streak.text() == "5"
    assert page.week.text() == "5 of 5"


def test_deleting_a_session_asks_first(
    hwindow: MainWindow, clock: FakeClock, wall: Wall, asker: Asker
) -> None:
    _sessions(hwindow, clock, wall, [0, 1])
    hwindow.show_progress()
    page = hwindow.progress.page
    newest = page.sessions.listed_ids()[0]
    page.tabs.setCurrentIndex(2)
    asker.answer = False
    assert not page.delete_selected()
    assert len(page.sessions.listed_ids()) == 2
    asker.answer = True
    assert page.delete_selected()
    assert asker.asked[-1] == "Delete this session?"
    assert newest not in page.sessions.listed_ids()
    assert page.total.text() == "1"
    hwindow.open_routine("evening")
    assert hwindow.routine.history.text().startswith(
        "Last done yesterday at 07:00"
    )  # the day before


def test_export_then_import_on_a_second_profile(
    hwindow: MainWindow, clock: FakeClock, wall: Wall, tmp_path: Path, qtbot: QtBot
) -> None:
    _sessions(hwindow, clock, wall, [0, 1, 2])
    hwindow.show_progress()
    page = hwindow.progress.page
    out = tmp_path / "moved.csv"
    assert page.export_to(out) == 3
    assert "Exported 3 sessions" in page.status.text()
    with HistoryStore.open(tmp_path / "second" / "history.sqlite3", wall=wall) as other:
        second = ProgressView()
        qtbot.addWidget(second)
        second.set_store(other)
        second.refresh()
        assert second.import_from(out)
        assert second.total.text() == "3"
        assert second.import_from(out)  # twice adds nothing
        assert second.status.text() == "Imported 0 sessions from moved.csv, 3 already here."
        bad = tmp_path / "bad.csv"
        bad.write_text(out.read_text().replace("finished", "exploded", 1))
        assert not second.import_from(bad)
        assert second.status.text().startswith("Nothing was imported: ")
        assert ":" in second.status.text()
        assert other.count() == 3


def test_delete_all_history_asks_first(
    hwindow: MainWindow, clock: FakeClock, wall: Wall, asker: Asker
) -> None:
    _sessions(hwindow, clock, wall, [0, 1])
    hwindow.show_progress()
    page = hwindow.progress.page
    asker.answer = False
    assert not page.delete_everything()
    assert page.total.text() == "2"
    asker.answer = True
    assert page.delete_everything()
    # Asked twice, each time with No as the default (a stray Enter deletes nothing).
    assert asker.asked[-2:] == ["Delete all history?", "Delete all history for good?"]
    assert asker.destructive[-2:] == asker.asked[-2:]
    assert page.total.text() == "0"
    assert page.sessions.listed_ids() == []


def test_progress_waits_while_a_session_runs(hwindow: MainWindow) -> None:
    hwindow.preferences.ask_ratings = False
    hwindow.open_routine("evening")
    hwindow.steps.start()
    assert not hwindow.commands.progress.isEnabled()
    hwindow.show_progress()
    assert hwindow.page is Page.PLAYER


@pytest.mark.parametrize("width", [800, 1280])
def test_at_800_px_the_page_needs_no_sideways_scroll_and_shows_the_goal(
    hwindow: MainWindow, qtbot: QtBot, width: int
) -> None:
    """The figures wrap onto a second row in a narrow window: the weekly goal is in sight
    without scrolling sideways."""
    hwindow.resize(width, 600)
    hwindow.show_progress()
    page = hwindow.progress.page
    qtbot.waitUntil(lambda: page.isVisible())
    scroll = hwindow.pages.currentWidget()
    assert isinstance(scroll, QScrollArea)
    qtbot.wait(20)
    assert page.minimumSizeHint().width() <= scroll.viewport().width()
    assert not scroll.horizontalScrollBar().isVisible()
    goal = page.goal.mapTo(scroll.viewport(), QPoint(0, 0))
    assert goal.x() >= 0 and goal.x() + page.goal.width() <= scroll.viewport().width()
