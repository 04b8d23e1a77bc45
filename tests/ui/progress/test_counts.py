"""Every count the Progress page shows reads right with 0, 1 and 2: the figures' captions,
the weekly goal, the line under the calendar, export, import and "Delete all history"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history import DayMinutes, HistoryStore
from psoas_timer.ui.common.text import noun, plural
from psoas_timer.ui.progress.progress_view import ProgressView
from psoas_timer.ui.progress.words import calendar_words
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.progress.conftest import ZONE, Wall, run_through

MONDAY = datetime(2026, 3, 2, 7, 0, tzinfo=ZONE)


class Questions:
    """Stands in for the yes/no box, keeping each question asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(
        self, parent: QWidget, title: str, question: str, *, destructive: bool = False
    ) -> bool:
        assert destructive  # deleting: No is the default answer
        self.asked.append(question)
        return True


def _sessions(window: MainWindow, clock: FakeClock, wall: Wall, count: int) -> None:
    """*count* sessions, one a day from Monday; the wall clock is left on the last day."""
    window.preferences.ask_ratings = False
    for n in range(count):
        wall.set(MONDAY + timedelta(days=n))
        assert window.open_routine("evening")
        window.steps.start()
        run_through(window, clock)
        assert window.page is Page.COMPLETION


def test_the_helper_says_one_day_and_two_days() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert [noun(n, "session") for n in (0, 1, 2)] == ["sessions", "session", "sessions"]


def test_the_line_under_the_calendar() -> None:
    first = date(2026, 1, 1)
    one = DayMinutes(date(2026, 3, 2), 1.2, 1)
    two = DayMinutes(date(2026, 3, 3), 20.0, 2)
    before = DayMinutes(date(2025, 12, 1), 30.0, 1)  # before the calendar's first day
    assert calendar_words([before], first).startswith("No sessions in the last six months")
    assert calendar_words([before, one], first) == (
        "1 day with a session, 1 minute in all. The stronger the colour, the more minutes."
    )
    assert calendar_words([one, two], first).startswith("2 days with a session, 21 minutes")


@pytest.mark.parametrize("count", [0, 1, 2])
def test_the_figures_say_day_and_session_as_the_number_needs(
    hwindow: MainWindow, clock: FakeClock, wall: Wall, count: int
) -> None:
    _sessions(hwindow, clock, wall, count)
    hwindow.show_progress()
    page = hwindow.progress.page
    day_word = "day" if count == 1 else "days"
    assert (page.streak.text(), page.streak_caption.text()) == (
        str(count),
        f"{day_word} in a row",
    )
    session_word = "session" if count == 1 else "sessions"
    assert (page.total.text(), page.total_caption.text()) == (str(count), session_word)
    caption = page.overview.calendar_caption.text()
    if count == 0:
        assert caption.startswith("No sessions in the last six months")
    else:
        assert caption.startswith(f"{count} {day_word} with a session, ")


@pytest.mark.parametrize(("goal", "words"), [(1, "day"), (2, "days"), (5, "days")])
def test_the_weekly_goal_says_day_or_days(hwindow: MainWindow, goal: int, words: str) -> None:
    hwindow.show_progress()
    page = hwindow.progress.page
    page.goal.setValue(goal)
    assert page.goal.text() == f"{goal} {words} a week"
    assert page.week.text() == f"0 of {goal}"
    assert page.week_caption.text() == f"{words} this week"
    hwindow.show_progress()  # drawn again from the history, with the goal it keeps
    assert page.goal.text() == f"{goal} {words} a week"


@pytest.mark.parametrize("count", [0, 1, 2])
def test_export_import_and_delete_all_count_their_sessions(
    hwindow: MainWindow,
    clock: FakeClock,
    wall: Wall,
    tmp_path: Path,
    qtbot: QtBot,
    count: int,
) -> None:
    _sessions(hwindow, clock, wall, count)
    questions = Questions()
    page = ProgressView(ask=questions)
    qtbot.addWidget(page)
    page.set_store(hwindow.history.store)
    page.refresh()
    sessions = plural(count, "session")
    out = tmp_path / "moved.jsonl"
    assert page.export_to(out) == count
    assert page.status.text() == f"Exported {sessions} to {out}."
    with HistoryStore.open(tmp_path / "second" / "history.sqlite3", wall=wall) as other:
        second = ProgressView()
        qtbot.addWidget(second)
        second.set_store(other)
        second.refresh()
        assert second.import_from(out)
        assert second.status.text() == f"Imported {sessions} from moved.jsonl."
        assert second.import_from(out)
        there = f", {count} already here" if count else ""
        assert second.status.text() == f"Imported 0 sessions from moved.jsonl{there}."
    deleted = page.delete_everything()
    if count == 0:
        assert not deleted
        assert questions.asked == []  # nothing to ask about
        assert page.status.text() == "There is no history to delete."
        return
    assert deleted
    question, again = questions.asked  # asked twice
    assert again.startswith("Are you sure?")
    if count == 1:
        assert question.startswith("Delete the one session, with its ratings and note? ")
    else:
        assert question.startswith("Delete all 2 sessions, with their ratings and notes? ")
    assert page.status.text() == f"Deleted all history ({sessions})."
