"""What the newer routine forms look like in the player: group names, named rests, per-side
timing, either/or steps and ranges, through the real window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.library.routine_view import StepCard
from psoas_timer.ui.shell.choice_dialog import ChoiceDialog
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences

from .conftest import AudioRecorder, advance, started, write

CIRCUIT = """
name: Circuit
defaults: {prepare: 2, rest: 0}
steps:
  - repeat: 2
    name: Warm-up block
    steps:
      - repeat: 3
        name: Core circuit
        steps:
          - {name: Plank, hold: 10}
"""

BALL = """
name: Ball
defaults: {prepare: 2}
steps:
  - name: Ball rolls
    hold: 10
    sets: 2
    rest_between_sets: {duration: 8, name: Move the ball, say: Move the ball to a new spot}
"""


@pytest.fixture
def forms(routine_dirs: tuple[Path, Path]) -> Path:
    user = routine_dirs[1]
    write(user, "circuit.yaml", CIRCUIT)
    write(user, "ball.yaml", BALL)
    return user


def test_the_player_names_every_repeat_group_with_its_round(
    forms: Path, window: MainWindow, clock: FakeClock
) -> None:
    started(window, "circuit")
    advance(window, clock, 2.5)
    assert window.player.title.text() == "Plank"
    assert window.player.where.text() == (
        "Warm-up block · round 1 of 2 · Core circuit · round 1 of 3"
    )
    advance(window, clock, 10 * 4)
    assert window.player.where.text() == (
        "Warm-up block · round 2 of 2 · Core circuit · round 2 of 3"
    )


def test_a_named_rest_shows_and_says_its_own_words(
    forms: Path, window: MainWindow, clock: FakeClock, audio: AudioRecorder
) -> None:
    started(window, "ball")
    advance(window, clock, 2 + 10 + 1)
    assert window.player.banner_row.heading.text() == "Move the ball"
    assert window.player.dial.label == "Move the ball"  # what the dial names, in sight
    assert "Move the ball to a new spot" in window.player.caption_text
    said = [f.cue.text for f, _ in audio.played if f.cue.kind == "rest"]
    assert said == ["Move the ball to a new spot"]


SIDES = """
name: Sides
defaults: {prepare: 2, switch_sides: 5}
steps:
  - {name: Lunge stretch, kind: stretch, hold: {left: 30s, right: 45s}, sides: both}
  - {name: Ice, kind: heat-ice, duration: {range: 10-20m, use: 15m}}
"""


@pytest.fixture
def sided(routine_dirs: tuple[Path, Path]) -> Path:
    write(routine_dirs[1], "sides.yaml", SIDES)
    return routine_dirs[1]


def test_each_side_runs_its_own_time_with_the_switch_pause(
    sided: Path, window: MainWindow, clock: FakeClock
) -> None:
    assert window.open_routine("sides")
    cards = window.routine.steps.findChildren(StepCard)
    timings = [
        next(lb.text() for lb in card.findChildren(QLabel) if lb.objectName() == "step_timing")
        for card in cards
    ]
    assert timings[0].startswith("hold 30 s left, 45 s right · each side")
    assert timings[1].startswith("10:00–20:00 (15:00 used)")
    window.steps.start()
    advance(window, clock, 2 + 29)
    assert window.player.where.text() == "Left"
    advance(window, clock, 2)
    assert window.player.banner_row.heading.text() == "Switch sides"
    advance(window, clock, 5)
    assert window.player.where.text() == "Right"
    snap = window.controller.snapshot()
    assert snap is not None and snap.duration == 45


HEAT_OR_ICE = """
name: Heat or ice
defaults: {prepare: 2}
steps:
  - choose:
      - {name: Heat pack, kind: heat-ice, duration: 10m}
      - {name: Ice pack, kind: heat-ice, duration: {range: 10-20m, use: 15m}}
    default: Heat pack
    ask: Heat or ice today?
"""


@pytest.fixture
def either(routine_dirs: tuple[Path, Path]) -> Path:
    write(routine_dirs[1], "heat-or-ice.yaml", HEAT_OR_ICE)
    return routine_dirs[1]


def _dialog(window: MainWindow, qtbot: QtBot) -> ChoiceDialog:
    qtbot.waitUntil(
        lambda: window.steps.choice_dialog is not None and window.steps.choice_dialog.isVisible()
    )
    assert window.steps.choice_dialog is not None
    return window.steps.choice_dialog


def test_an_either_or_step_asks_at_the_start_and_remembers_the_answer(
    either: Path,
    window: MainWindow,
    clock: FakeClock,
    qtbot: QtBot,
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
) -> None:
    assert window.open_routine("heat-or-ice")
    card = window.routine.steps.findChildren(StepCard)[0]
    timing = next(lb for lb in card.findChildren(QLabel) if lb.objectName() == "step_timing")
    assert timing.text() == "10:00 · or Ice pack: asked at the start"  # the default's
    window.steps.start()
    assert not window.controller.active  # nothing starts before the answer
    dialog = _dialog(window, qtbot)
    question = dialog.findChild(QLabel, "choice_question")
    assert question is not None and question.text() == "Heat or ice today?"
    assert question.font().pixelSize() >= 30 or question.font().pointSizeF() >= 20
    assert dialog.buttons[0].isDefault()  # the routine's default, before any answer
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert window.controller.active
    advance(window, clock, 3)
    assert window.player.title.text() == "Ice pack"
    snap = window.controller.snapshot()
    assert snap is not None and snap.duration == 15 * 60
    window.controller.stop()

    again = make_window(preferences)  # a later start of the app
    assert again.open_routine("heat-or-ice")
    again.steps.start()
    dialog = _dialog(again, qtbot)
    assert dialog.buttons[1].isDefault()  # the last answer is marked
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert again.controller.active
    assert again.controller.plan is not None
    assert again.controller.plan.steps[0].name == "Ice pack"


def test_esc_at_the_question_starts_nothing(either: Path, window: MainWindow, qtbot: QtBot) -> None:
    assert window.open_routine("heat-or-ice")
    window.steps.start()
    qtbot.keyClick(_dialog(window, qtbot), Qt.Key.Key_Escape)
    assert not window.controller.active
    assert window.page is Page.ROUTINE
