"""Issue 21 item 10: every page and dialog can be read in the light theme, the dark one and
high contrast, with the theme switched while the window is open (as a user does from the
Menu, or as the desktop's scheme changes at sunset).

The rule is WCAG 2.1's for text (success criterion 1.4.3): the letters' colour, read from
the window's own pixels, against the colour behind them, at least 4.5:1, or 3:1 for large
text (24 px, or 18.7 px bold). Disabled controls are exempt, as WCAG says.

Before: the light scheme's warning colour (#a65d00) on Fusion's window grey (#efefef) was
4.35:1, under the line on the routine page, the player and the builder; text a style sheet
coloured for one scheme kept it after a switch (the library's Today line was black on dark
grey); see ``test_theme_follows.py`` for each colour that now follows the palette.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import time

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.practice.schedule import Reminder
from psoas_timer.practice.store import PracticeData
from psoas_timer.ui.common.theme import (
    NON_TEXT,
    apply_theme,
    contrast,
    high_contrast,
    set_high_contrast,
)
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.conftest import advance
from tests.ui.contrast import BODY, read_rect, readings, tick_edges, unreadable

from .conftest import rate

THEMES = ("light", "dark", "high contrast")


@pytest.fixture(autouse=True)
def _theme_put_back() -> Iterator[None]:
    yield
    set_high_contrast(False)
    apply_theme("system")
    QApplication.processEvents()


def _settle() -> None:
    for _ in range(4):  # the palette's change, then the followers' queued recolouring
        QApplication.processEvents()


def _switch(theme: str) -> None:
    if theme == "high contrast":
        set_high_contrast(True)
    else:
        set_high_contrast(False)
        apply_theme(theme)
    _settle()


def _each_theme(window: QWidget, show: Callable[[], object] | None = None) -> list[str]:
    """Switch light → dark → high contrast while *window* is open; what cannot be read in
    each (*show* brings the page back to the front after each switch, if needed)."""
    apply_theme("light")
    _settle()
    found = []
    for theme in THEMES:
        _switch(theme)
        if show is not None:
            show()
            _settle()
        assert high_contrast() == (theme == "high contrast")
        measured = readings(window)
        assert len(measured) >= 2, f"nothing measured in {theme}"
        found += [f"{theme}: {r}" for r in unreadable(window)]
    return found


def _go(window: MainWindow, page: Page) -> Callable[[], None]:
    return lambda: window.go(page)


def test_the_library_and_a_routine_page(window: MainWindow) -> None:
    window.resize(1000, 700)
    window.library.set_today("Today: Release and bridge, week 2 (Bridge 3 × 12)")
    window.show_library()
    assert window.library.today.isVisible()
    assert _each_theme(window) == []
    assert window.open_routine("release")  # warnings, a picture, the step cards
    assert _each_theme(window) == []


def test_the_problems_page(window: MainWindow) -> None:
    window.resize(1000, 700)
    window.open_routine("broken")
    assert window.page is Page.PROBLEMS
    assert _each_theme(window) == []


def test_the_rating_prompt_the_player_the_completion_and_progress(
    hwindow: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    window = hwindow
    window.resize(1000, 700)
    assert window.open_routine("evening")
    window.steps.start()
    assert window.page is Page.RATING
    assert _each_theme(window) == []
    rate(qtbot, window, ["3", "4", "2", "5", "1", "2"])
    assert window.page is Page.PLAYER
    advance(window, clock, 1)  # get ready: the dial's word, the caption
    assert _each_theme(window) == []
    advance(window, clock, 2 + 20 + 3 + 20 + 4 + 3 + 12)  # the open hold, past its minimum
    snap = window.controller.snapshot()
    assert snap is not None and snap.segment.open is not None
    assert _each_theme(window) == []
    window.controller.stop()
    if window.page is Page.RATING:
        rate(qtbot, window, ["2", "3", "2", "4", "1", "1"])
    assert window.page is Page.COMPLETION
    assert _each_theme(window, _go(window, Page.COMPLETION)) == []
    window.show_progress()
    tabs = window.progress.page.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        assert _each_theme(window) == [], tabs.tabText(index)


def test_the_sound_help_and_reminders_dialogs(window: MainWindow, qtbot: QtBot) -> None:
    from psoas_timer.ui.practice.reminders_dialog import RemindersDialog

    for action in (window.commands.sound, window.commands.help):
        before = set(QApplication.topLevelWidgets())
        action.trigger()
        (dialog,) = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
        qtbot.waitExposed(dialog)
        assert _each_theme(dialog) == [], dialog.windowTitle()
        dialog.close()
    reminders = RemindersDialog(
        PracticeData(reminders=[Reminder("r1", "release", frozenset({0, 3}), time(7, 30))]),
        PracticeOptions(),
        routines=[("release", "Release and bridge")],
        programmes=[("weeks", "Six weeks")],
        today_text=lambda key: "Today: Release and bridge, week 1",
        path_text="/home/someone/.local/share/psoas-timer/practice.json",
        idle_text="Desk breaks need the desktop's idle time.",
        tray_available=True,
        programme_problems=["weeks.yaml: week 3 names a routine that is not there"],
        parent=window,
    )
    qtbot.addWidget(reminders)
    reminders.show()
    qtbot.waitExposed(reminders)
    assert _each_theme(reminders) == []


def test_the_builder(window: MainWindow, qtbot: QtBot) -> None:
    assert window.open_routine("release")
    window.commands.edit_routine.trigger()
    editor = window.editing.opened
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.resize(1100, 760)
    assert _each_theme(editor) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_selected_row_reads_in_an_item_view(qtbot: QtBot, theme: str) -> None:
    """The library's list, the builder's step list and Progress's tables show the selected
    row's words on the palette's highlight: in the light theme Qt's white on #308cc6 was
    3.7:1, under WCAG's 4.5:1. Measured on the pixels of a selected row, with the view
    focused and not."""
    from PySide6.QtWidgets import QListWidget, QTableWidget, QTableWidgetItem, QVBoxLayout

    apply_theme(theme)
    _settle()
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    listed = QListWidget()
    listed.addItems(["Daily psoas routine", "Trigger-point release session", "Desk break"])
    table = QTableWidget(3, 2)
    for row in range(3):
        for column, text in enumerate((f"7 December {row}", "Evening release")):
            table.setItem(row, column, QTableWidgetItem(text))
    layout.addWidget(listed)
    layout.addWidget(table)
    page.resize(420, 360)
    page.show()
    qtbot.waitExposed(page)
    listed.setCurrentRow(1)
    table.selectRow(1)
    for focused in (listed, table):
        focused.setFocus()
        _settle()
        for view, rect in (
            (listed, listed.visualItemRect(listed.item(1))),
            (table, table.visualRect(table.model().index(1, 1))),
        ):
            picture = view.viewport().grab().toImage()
            reading = read_rect(picture, rect.adjusted(2, 2, -2, -2), type(view).__name__)
            assert reading is not None
            back = page.palette().color(QPalette.ColorRole.Highlight)
            # the selection was measured (Fusion shades it a little), not the view's base
            assert contrast(QColor(reading.back_colour), back) < 1.1, reading
            assert reading.ratio >= BODY, f"{theme}: {reading}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_unticked_check_boxes_and_radio_buttons_show_their_edges(qtbot: QtBot, theme: str) -> None:
    """ "Ask how it feels before and after", "Don't ask for this routine", the new routine's
    choices: unticked, Fusion drew their edge in the window's colour darkened, 2.0:1 on the
    light grey and 1.3:1 on the dark one. WCAG 2.1's non-text contrast (1.4.11) asks 3:1
    against what is next to it; measured on the pixels of each edge."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QVBoxLayout

    apply_theme(theme)
    _settle()
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    ticks = [QCheckBox("Don't ask for this routine"), QRadioButton("A copy of a routine")]
    for widget in ticks:
        layout.addWidget(widget)
    page.resize(320, 120)
    page.show()
    qtbot.waitExposed(page)
    _settle()
    back = page.palette().color(QPalette.ColorRole.Window)
    for widget in ticks:
        assert not widget.isChecked()
        for side, seen in tick_edges(widget, back).items():
            assert seen >= NON_TEXT, (theme, type(widget).__name__, side, round(seen, 2))
