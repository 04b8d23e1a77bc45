"""The Reminders dialog edits copies and hands back exactly what the user set."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QScrollBar
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


def three_reminders() -> PracticeData:
    return PracticeData(
        reminders=[
            Reminder(f"r{n}", key, frozenset(range(7)), time(7 + n))
            for n, (key, _) in enumerate(ROUTINES)
        ]
    )


@pytest.mark.parametrize("width", [800, 1920])
def test_every_remove_button_shows_whole(qtbot: QtBot, width: int) -> None:
    """No list of its own with a scroll bar over the rows: each Remove button is drawn whole
    and no horizontal scroll bar shows where the screen is wide enough."""
    dialog = make(qtbot, three_reminders(), PracticeOptions())
    dialog.show()
    dialog.resize(width, 1000)
    qtbot.waitExposed(dialog)
    qtbot.wait(10)
    for row in dialog.rows:
        assert row.remove.isVisible()
        shown = row.remove.visibleRegion().boundingRect()
        assert shown.size() == row.remove.size(), "Remove is cut off"
    bars = [
        b for b in dialog.findChildren(QScrollBar) if b.orientation() == Qt.Orientation.Horizontal
    ]
    assert not any(bar.isVisible() for bar in bars)


def test_a_tall_dialog_scrolls_and_keeps_its_buttons(qtbot: QtBot) -> None:
    """Shorter than its content (a netbook's screen), the settings scroll; OK and Cancel stay
    in the window, and the dialog asks for no more height than a few lines."""
    many = PracticeData(
        reminders=[
            Reminder(f"r{n}", "daily-psoas", frozenset({n % 7}), time(6 + n)) for n in range(8)
        ]
    )
    dialog = make(qtbot, many, PracticeOptions())
    assert dialog.minimumSizeHint().height() < 400
    dialog.show()
    dialog.resize(700, 420)
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert dialog.rect().contains(buttons.geometry())
    assert dialog.body.verticalScrollBar().isVisible()
    row = dialog.add_reminder()  # a new row is scrolled into view
    qtbot.waitUntil(lambda: not row.visibleRegion().isEmpty())


@pytest.mark.parametrize(
    ("where", "typed", "result"),
    [("hours", "09", QTime(9, 0)), ("minutes", "09", QTime(7, 9)), ("past", "19", QTime(19, 0))],
)
def test_typing_into_the_time_after_a_click_replaces_that_part(
    qtbot: QtBot, where: str, typed: str, result: QTime
) -> None:
    dialog = make(qtbot, three_reminders(), PracticeOptions())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    field = dialog.rows[0].at
    edit = field.lineEdit()
    edit.setCursorPosition(0)
    start = edit.cursorRect().center().x()
    before = {"hours": "0", "minutes": "07:0", "past": "07:00    "}[where]  # "07:00"
    x = start + edit.fontMetrics().horizontalAdvance(before)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(x, edit.height() // 2))
    qtbot.wait(10)
    qtbot.keyClicks(edit, typed)
    assert field.time() == result
