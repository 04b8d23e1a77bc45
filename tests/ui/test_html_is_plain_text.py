"""Text from a routine file is shown as it is written, never as markup (issue 22, item 4).

The hostile case: a routine whose every user-text field is HTML with a live link and a huge
image (``<a href=…>Continue</a><img width=900>``). Every label of every page and dialog that
shows it must show those characters as plain text: no link to click, no 983 px wide box."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.history import HistoryStore
from psoas_timer.ui.practice.prompt import ReminderPrompt
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.shell.window_parts import inform_user, question_box

from .conftest import AudioRecorder, InhibitRecorder, write

HTML = '<a href="https://evil.example/">Continue</a><img width=900 src=x>'
ROUTINE = f"""
name: '{HTML} routine'
tags: ['<b>tag</b><img width=900>']
description: '{HTML} description'
steps:
  - name: '{HTML} step'
    kind: stretch
    hold: 20
    instructions: '{HTML} instructions'
    safety: '{HTML} safety'
    muscles: ['{HTML} muscle']
  - name: '{HTML} second'
    hold: 10
"""


def _markup_labels(root: QWidget) -> list[str]:
    """Labels under *root* showing the hostile text as anything but plain text."""
    return [
        f"{label.objectName() or type(label.parent()).__name__}: {label.text()[:40]}"
        for label in root.findChildren(QLabel)
        if "evil.example" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    ]


def _shown(root: QWidget) -> int:
    return sum("evil.example" in label.text() for label in root.findChildren(QLabel))


def _window(
    qtbot: QtBot, tmp_path: Path, prefs: Preferences, *, history: bool = False
) -> MainWindow:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    write(bundled, "plain.yaml", "name: Plain\nsteps:\n  - name: X\n    hold: 5\n")
    write(user, "html.yaml", ROUTINE)
    services = Services(
        load_catalog=lambda: load_catalog(bundled, user),
        clock=FakeClock(),
        audio=AudioRecorder(),
        inhibitor=InhibitRecorder(),
        ask=lambda parent, title, question: True,
        folders=(bundled, user),
    )
    if history:
        kept = tmp_path / "data" / "history.sqlite3"
        kept.parent.mkdir(parents=True, exist_ok=True)
        services = dataclasses.replace(services, open_history=lambda: HistoryStore.open(kept))
    window = MainWindow(prefs, services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_page_shows_a_routines_html_as_plain_text(
    qtbot: QtBot, tmp_path: Path, preferences: Preferences
) -> None:
    window = _window(qtbot, tmp_path, preferences)
    assert window.open_routine("html")
    QApplication.processEvents()
    assert _shown(window) >= 3  # the routine page shows name, description, steps
    assert _markup_labels(window) == []
    window.steps.start()
    QApplication.processEvents()
    assert _shown(window) >= 3
    assert _markup_labels(window) == []
    window.controller.stop()


def test_questions_and_notices_show_text_from_a_file_as_plain_text(qtbot: QtBot) -> None:
    """The "Carry on where you left off?" question names the routine; the box the window
    uses for every question and notice shows it plain: no link, no 900 px image."""
    box = question_box(None, "Carry on where you left off?", f"Carry on with {HTML}?")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.sizeHint().width() < 900
    inform_user(None, "Deleted", f"Deleted {HTML}.")
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert shown and all(w.textFormat() == Qt.TextFormat.PlainText for w in shown)
    for widget in shown:
        widget.close()


def test_the_reminder_prompt_shows_a_routine_name_as_plain_text(qtbot: QtBot) -> None:
    prompt = ReminderPrompt()
    qtbot.addWidget(prompt)
    prompt.ask("r", f"Time for {HTML}", f"{HTML}: now", (("start", "Start"),))
    assert _markup_labels(prompt) == []
    prompt.hide()


def test_the_editors_deleted_notice_is_plain_text(
    qtbot: QtBot, tmp_path: Path, preferences: Preferences
) -> None:
    window = _window(qtbot, tmp_path, preferences)
    view = window.editing.editor().view
    view.notify(f"Deleted “{HTML}”.")
    assert _markup_labels(view) == []


Made = Callable[[Preferences], MainWindow]


def test_the_rating_prompts_and_the_completion_page_show_a_routines_html_as_plain_text(
    qtbot: QtBot, tmp_path: Path, preferences: Preferences
) -> None:
    """The rest of a session's road: the "How does it feel?" prompts before and after
    (they name the routine and its areas: both were shown as rich text, a live link), the
    completion page (it names the routine) and the Progress page with the session show
    the hostile text plain."""
    window = _window(qtbot, tmp_path, preferences, history=True)
    qtbot.waitUntil(lambda: window.history.store is not None)
    clock = window.services.clock
    assert isinstance(clock, FakeClock)
    preferences.ask_ratings = True
    assert window.open_routine("html")
    window.steps.start()
    QApplication.processEvents()
    seen = 0
    for _ in range(2):  # the prompt before, then (after the session) the one after
        if window.page is Page.RATING:
            seen += 1
            assert _markup_labels(window.rating) == []
            window.rating.skip.click()
            QApplication.processEvents()
        if window.controller.active:
            for _step in range(120):
                clock.advance(0.5)
                window.controller.poll()
            QApplication.processEvents()
    assert not window.controller.active
    assert seen == 2, "both rating prompts were seen"
    assert _shown(window) >= 1  # the completion page names the routine
    assert _markup_labels(window) == []
    window.show_progress()  # the session just recorded, with its routine's name
    QApplication.processEvents()
    assert window.page is Page.PROGRESS
    assert _markup_labels(window) == []
