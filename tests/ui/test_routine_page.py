from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from psoas_timer.ui.library.routine_view import StepCard
from psoas_timer.ui.shell.main_window import MainWindow, Page


def test_routine_page_lists_steps_with_timing(window: MainWindow) -> None:
    assert window.open_routine("Release and bridge")
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == "Release and bridge"
    assert window.routine.summary.text().startswith("Total 2:38 · 3 steps")
    cards = window.routine.steps.findChildren(StepCard)
    assert len(cards) == 3
    first = {label.objectName(): label.text() for label in cards[0].findChildren(QLabel)}
    assert first["step_title"] == "1. Psoas release"
    assert (
        "until it softens" in first["step_timing"] and "breathing calm 4-6" in first["step_timing"]
    )
    assert first["step_instructions"] == "Press the ball gently into the belly."
    assert first["step_safety"] == "⚠ Stop if you feel a pulse."
    assert cards[0].image.has_image()  # the SVG
    second = {label.objectName(): label.text() for label in cards[1].findChildren(QLabel)}
    assert second["step_timing"] == "3 sets × 10 reps of 2 s · right side"
    assert second["step_time"] == "1:15"


def test_big_start_button_starts(window: MainWindow, qtbot: QtBot) -> None:
    window.open_routine("simple")
    assert window.routine.start.minimumHeight() >= 80
    qtbot.mouseClick(window.routine.start, Qt.MouseButton.LeftButton)
    assert window.page is Page.PLAYER
    assert window.controller.active


def test_last_routine_is_remembered(window: MainWindow) -> None:
    window.open_routine("simple")
    assert window.preferences.last_routine.endswith("simple.yaml")


def test_a_routine_page_opens_at_its_top(window: MainWindow, qtbot: QtBot) -> None:
    from tests.ui.conftest import write

    assert window.catalog is not None
    user = window.catalog.entries[-1].path.parent
    steps = "".join(f"  - name: Stretch {n}\n    hold: 20\n" for n in range(30))
    write(user, "long-a.yaml", f"name: Long A\nsteps:\n{steps}")
    write(user, "long-b.yaml", f"name: Long B\nsteps:\n{steps}")
    window.reload()
    window.resize(900, 600)
    assert window.open_routine("long-a")
    bar = window.routine.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.show_library()
    assert window.open_routine("long-b")
    qtbot.wait(10)
    assert bar.value() == 0
