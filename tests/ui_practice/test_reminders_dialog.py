"""The Reminders dialog edits copies and hands back exactly what the user set."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.practice.schedule import PROGRAMME_TARGET, Reminder
from psoas_timer.practice.store import PracticeData
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.practice.reminders_dialog import RemindersDialog

pytestmark = pytest.mark.gui

ROUTINES = [
    ("daily-psoas", "Daily psoas routine"),
    ("core-strength", "Core strength"),
    ("desk-break", "Five-minute desk break"),
]
PROGRAMMES = [("core-and-glutes-6-weeks", "Core and glutes, six weeks")]


def make(
    qtbot: QtBot, data: PracticeData, options: PracticeOptions, tray: bool = True
) -> RemindersDialog:
    dialog = RemindersDialog(
        data,
        options,
        routines=ROUTINES,
        programmes=PROGRAMMES,
        today_text=lambda key: f"Today: preview of {key}",
        path_text="Reminders come as desktop notifications.",
        idle_text="Time away is read from the screensaver.",
        tray_available=tray,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_adding_a_reminder_and_the_tray_option(qtbot: QtBot) -> None:
    dialog = make(qtbot, PracticeData(), PracticeOptions())
    assert dialog.empty.isVisibleTo(dialog)
    assert not dialog.keep_in_tray.isChecked()
    row = dialog.add_reminder()
    assert dialog.keep_in_tray.isChecked()  # reminders need the app running: on with the first
    row.target.setCurrentIndex(row.target.findData("core-strength"))
    for day in (1, 3, 5, 6):  # leave Mon, Wed, Fri
        row.days[day].click()
    row.at.setTime(QTime(7, 30))
    (reminder,) = dialog.result_data().reminders
    assert (reminder.target, sorted(reminder.days), reminder.at) == (
        "core-strength",
        [0, 2, 4],
        time(7, 30),
    )


def test_existing_reminders_show_and_can_be_removed(qtbot: QtBot) -> None:
    data = PracticeData(
        reminders=[
            Reminder("a", "daily-psoas", frozenset(range(7)), time(18)),
            Reminder("b", PROGRAMME_TARGET, frozenset({0, 2, 4}), time(7, 30)),
            Reminder("c", "gone-routine", frozenset({6}), time(9)),
        ],
        programme="core-and-glutes-6-weeks",
        programme_start=date(2026, 5, 4),
    )
    dialog = make(qtbot, data, PracticeOptions(keep_in_tray=True))
    assert [r.target.currentText() for r in dialog.rows] == [
        "Daily psoas routine",
        "My programme's session for today",
        "gone-routine (missing)",
    ]
    assert dialog.today.text() == "Today: preview of core-and-glutes-6-weeks"
    dialog.rows[0].remove.click()
    result = dialog.result_data()
    assert [r.id for r in result.reminders] == ["b", "c"]
    assert result.programme_start == date(2026, 5, 4)  # same programme: same start
    dialog.programme.setCurrentIndex(0)
    assert dialog.result_data().programme is None
    assert dialog.today.text() == "Choose a programme to see today's session."


def test_a_reminder_with_no_day_is_dropped(qtbot: QtBot) -> None:
    dialog = make(qtbot, PracticeData(), PracticeOptions())
    row = dialog.add_reminder()
    for button in row.days:
        button.click()
    assert dialog.result_data().reminders == []


def test_desk_break_options_and_the_notes(qtbot: QtBot) -> None:
    dialog = make(qtbot, PracticeData(), PracticeOptions(), tray=False)
    assert not dialog.desk_every.isEnabled()
    dialog.desk_on.click()
    assert dialog.desk_every.isEnabled()
    dialog.desk_every.setValue(45)
    options = dialog.result_options()
    assert options.desk_break == DeskBreakSettings(
        enabled=True, every_minutes=45, routine="desk-break"
    )
    assert not dialog.keep_in_tray.isEnabled()  # no tray on this desktop
    assert dialog.path_note.text() == "Reminders come as desktop notifications."
    assert dialog.idle_note.text() == "Time away is read from the screensaver."


def test_programmes_with_problems_are_named(qtbot: QtBot) -> None:
    dialog = RemindersDialog(
        PracticeData(),
        PracticeOptions(),
        routines=ROUTINES,
        programmes=PROGRAMMES,
        today_text=lambda key: "",
        path_text="",
        idle_text="",
        tray_available=True,
        programme_problems=["mine.yaml:3:7: days.mon: no routine 'x'"],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.programme_problems.isVisible()
    assert dialog.programme_problems.text().endswith("mine.yaml:3:7: days.mon: no routine 'x'")
