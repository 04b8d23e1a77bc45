"""Progress → Report…: the dialog previews the report (the same pages as the PDF), follows
the form (name, period, paper) and saves a PDF of what it shows."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QPageSize
from pytestqt.qtbot import QtBot

from psoas_timer.history import Area, HistoryStore
from psoas_timer.ui.progress.progress_view import ProgressView
from psoas_timer.ui.progress.report_dialog import ReportDialog
from tests.history.conftest import CET, record
from tests.history.conftest import Wall as HistoryWall


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    wall = HistoryWall()
    opened = HistoryStore.open(tmp_path / "history.sqlite3", wall=wall)
    for n, day in enumerate((0, 2, 9, 16)):
        sid = record(opened, wall, datetime(2026, 3, 2, 19, 0, tzinfo=CET) + timedelta(days=day))
        opened.rate(sid, "before", {Area("psoas", "left"): 7 - n})
    wall.now = datetime(2026, 3, 20, 9, 0, tzinfo=CET)
    return opened


def test_the_report_button_opens_a_preview_of_the_report(qtbot: QtBot, store: HistoryStore) -> None:
    page = ProgressView()
    qtbot.addWidget(page)
    page.set_store(store)
    page.refresh(store.wall().date())
    assert page.report_button.isEnabled()
    page.report_button.click()
    dialog = page.report_dialog
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(lambda: dialog.pages > 0, timeout=10_000)
    assert 1 <= dialog.pages <= 3
    assert dialog.report.sessions == 4
    assert dialog.preview.pageCount() == dialog.pages
    dialog.close()


def test_the_form_changes_the_report_and_the_pdf(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    dialog = ReportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.since.date() == QDate(2026, 3, 2)  # the first session (less than 8 weeks)
    dialog.name.setText("Alex")
    dialog.since.setDate(QDate(2026, 3, 9))
    dialog.paper.setCurrentIndex(dialog.paper.findData(QPageSize.PageSizeId.Letter))
    qtbot.waitUntil(lambda: dialog.report.sessions == 2 and dialog.report.name == "Alex")
    out = tmp_path / "report.pdf"
    assert dialog.save_to(out) >= 1
    if shutil.which("pdfinfo") is not None:
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
        assert "(letter)" in info.stdout
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "For: Alex" in text and "2 sessions in the period" in text


def test_the_paper_follows_the_locale() -> None:
    from PySide6.QtCore import QLocale

    from psoas_timer.ui.progress.report_pdf import page_size_for

    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert page_size_for(us).id() == QPageSize.PageSizeId.Letter
    assert page_size_for(germany).id() == QPageSize.PageSizeId.A4


def test_typing_at_once_fills_who_it_is_for(qtbot: QtBot, store: HistoryStore) -> None:
    """Opened from the keyboard, the name typed went nowhere: the focus was not in the form."""
    dialog = ReportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.wait(20)
    assert dialog.focusWidget() is dialog.name
    qtbot.keyClicks(dialog.focusWidget(), "Alex")
    assert dialog.name.text() == "Alex"
