"""The player's live figure: shown for a step with a figure, moving with the rep's phases,
still when paused or with motion off, and drawn in the window's colours."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.common.theme import dark_palette
from psoas_timer.ui.player.figure_view import role_colours
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences

from .conftest import advance, write

BRIDGE = """
name: Bridges
defaults: {prepare: 2}
steps:
  - name: Bridge
    reps: 3
    tempo: {up: 2, hold: 1, down: 2}
    figure:
      target: glutes
      props: {mat: {}}
      poses:
        start:
          trunk: -90
          chest: -4
          near: {hip: 50, knee: 116, ankle: 24}
          touch: [back, glutes, near_foot, far_foot]
        end:
          trunk: -128
          chest: 30
          neck: 20
          near: {hip: 2, knee: 110, ankle: 14}
          touch: [back, near_foot, far_foot]
"""


def _start(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    qtbot: QtBot,
    routine: str = BRIDGE,
) -> MainWindow:
    write(routine_dirs[0], "bridges.yaml", routine)
    window = make_window(preferences)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_routine("bridges")
    window.start_session()
    return window


def _shot(window: MainWindow) -> QImage:
    QApplication.processEvents()
    return window.player.figure.grab().toImage()


def test_a_rep_moves_the_figure_with_its_phases(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    clock: FakeClock,
    routine_dirs: tuple[Path, Path],
    qtbot: QtBot,
) -> None:
    window = _start(make_window, preferences, routine_dirs, qtbot)
    player = window.player
    advance(window, clock, 2.2)  # past the prepare: the first rep goes up
    assert not player.figure.isHidden() and player.image.isHidden()
    assert player.figure.animating
    before = _shot(window)
    low = player.figure.scene()
    advance(window, clock, 1.0)  # half way up
    high = player.figure.scene()
    assert low is not None and high is not None and low.shapes != high.shapes
    assert _shot(window) != before
    window.commands.start_pause.trigger()
    QApplication.processEvents()
    assert not player.figure.animating


def test_motion_off_shows_still_poses(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    clock: FakeClock,
    routine_dirs: tuple[Path, Path],
    qtbot: QtBot,
) -> None:
    window = _start(make_window, preferences, routine_dirs, qtbot)
    player = window.player
    player.figure.set_motion(False)
    advance(window, clock, 2.2)
    assert not player.figure.animating
    first = player.figure.scene()
    advance(window, clock, 0.6)
    assert player.figure.scene() == first


def test_colours_follow_the_palette() -> None:
    light = role_colours(QPalette(QColor("white")))
    dark = role_colours(dark_palette())
    assert light["skin"] != dark["skin"]
    assert light["line"].lightness() < 100 and dark["line"].lightness() > 150


def test_the_motion_setting_is_kept_and_applied(window: MainWindow) -> None:
    assert window.commands.animate.isChecked() == window.player.figure.motion
    window.commands.animate.setChecked(False)
    assert window.preferences.animate is False
    assert not window.player.figure.motion
    window.commands.animate.setChecked(True)
    assert window.preferences.animate is True and window.player.figure.motion


def test_a_path_goes_to_qt_in_pixels_with_y_turned_down() -> None:
    """Every command of a drawing's path, scaled, moved and flipped as it is drawn."""
    from psoas_timer.core.figure.scene import Path as FigurePath
    from psoas_timer.ui.player.figure_view import qpath

    path = FigurePath(
        (("M", (0.0, 0.0)), ("L", (1.0, 0.5)), ("C", (1.0, 1.0), (0.5, 1.0), (0.0, 1.0)), ("Z",))
    )
    out = qpath(path, scale=100.0, dx=10.0, dy=200.0)
    points = [(out.elementAt(i).x, out.elementAt(i).y) for i in range(out.elementCount())]
    assert points == [
        (10.0, 200.0),
        (110.0, 150.0),
        (110.0, 100.0),
        (60.0, 100.0),
        (10.0, 100.0),
        (10.0, 200.0),  # closed: back to the start
    ]


@pytest.mark.parametrize("breathing", [False, True])
def test_the_first_reps_drawings_are_made_ahead_during_the_get_ready(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    clock: FakeClock,
    routine_dirs: tuple[Path, Path],
    qtbot: QtBot,
    breathing: bool,
) -> None:
    # The first rep made each of its drawings as it moved (about twice the CPU of a still
    # figure): they are made ahead, one at a time, while the get-ready counts down, and
    # the rep then only shows them. With a breathing guide beside the figure in the reps,
    # its place is kept from the get-ready on: the figure keeps its size (it used to
    # shrink as the rep began, throwing away what was drawn ahead).
    routine = BRIDGE.replace("    reps: 3\n", "    reps: 3\n    breathing: calm\n")
    assert routine != BRIDGE
    window = _start(make_window, preferences, routine_dirs, qtbot, routine if breathing else BRIDGE)
    figure = window.player.figure
    assert not figure.animating, "the get-ready: nothing moves yet"
    size = figure.size()
    qtbot.waitUntil(lambda: not figure.drawing_ahead, timeout=30000)
    assert figure.drawn_ahead >= 30, "the rep's drawings, made ahead"
    made = figure.drawings
    advance(window, clock, 2.05)  # the first rep goes up
    assert figure.animating
    assert window.player.breath.isVisible() is breathing
    assert figure.size() == size, "the figure keeps its size"
    for _ in range(8):
        advance(window, clock, 0.25)
        _shot(window)
    assert figure.frames > 0
    assert figure.drawings == made, "the rep drew nothing new"
