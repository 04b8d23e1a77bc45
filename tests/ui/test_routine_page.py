from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
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
