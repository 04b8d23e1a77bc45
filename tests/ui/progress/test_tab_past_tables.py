"""By keyboard on the Progress page: Tab goes from a table to what follows it (the Report
button, the next part of the page), not from cell to cell across every routine first."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.history import RoutineStats
from psoas_timer.ui.shell.main_window import MainWindow


def test_tab_leaves_the_routines_table_for_the_report_button(
    hwindow: MainWindow, qtbot: QtBot
) -> None:
    """With three routines done, the Report button was twelve presses of Tab past the table
    (one per cell)."""
    hwindow.show_progress()
    qtbot.wait(20)
    overview = hwindow.progress.page.overview
    done = datetime(2026, 12, 6, 19, 30)
    overview.show_routines(
        [RoutineStats(name, 10, 9, done, 600.0) for name in ("Daily", "Evening", "Desk")],
        date(2026, 12, 7),
    )
    overview.routines.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is overview.routines
    qtbot.keyClick(overview.routines, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is hwindow.progress.page.report_button
