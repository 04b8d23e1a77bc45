"""What the newer routine forms look like in the player: group names, named rests, per-side
timing, either/or steps and ranges, through the real window."""

from __future__ import annotations

from pathlib import Path

import pytest

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow

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
    assert window.player.heading.text() == "Move the ball"
    assert "Move the ball to a new spot" in window.player.caption_text
    said = [f.cue.text for f, _ in audio.played if f.cue.kind == "rest"]
    assert said == ["Move the ball to a new spot"]
