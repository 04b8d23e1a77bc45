"""The player's live figure: shown for a step with a figure, moving with the rep's phases,
still when paused or with motion off, and drawn in the window's colours."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.figure.model import Figure
from psoas_timer.core.figure.motion import MOVE_STEPS
from psoas_timer.core.figure.scene import Scene
from psoas_timer.core.loader import load_library
from psoas_timer.ui.common.theme import dark_palette
from psoas_timer.ui.player.figure_view import PIXMAP_BUDGET, FigureView, paint_scene, role_colours
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.settings import Preferences

from .conftest import advance, write

LIBRARY = Path(__file__).resolve().parents[2] / "routines" / "library"
#: Bundled exercises with figures: a bridge (lying, it moves) and one standing.
MOVING = "hip-raise"
STANDING = "lunge-twist"

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
    window.steps.start()
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


def _bundled_figure(ident: str) -> Figure:
    found = None
    for path in sorted(LIBRARY.glob("*.yaml")):
        found = load_library(path, found, bundled=True)
    assert found is not None
    figure = found.exercises[ident].figure
    assert figure is not None
    return figure


def _going_up(view: FigureView, fraction: float) -> None:
    """The view at *fraction* of a 4 s rep's way up (as the engine's snapshots put it)."""
    view._kind, view._phase, view._elapsed, view._duration = "rep", "up", 4.0 * fraction, 4.0


def _rep_frames(view: FigureView) -> None:
    """Paint every drawing of one rep going up, as the player does over a rep."""
    for step in range(MOVE_STEPS + 1):
        _going_up(view, step / MOVE_STEPS)
        view.grab()  # paints it, as the screen would


def _shown(qtbot: QtBot, width: int, height: int) -> FigureView:
    view = FigureView(lambda: 0.0)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_figures_drawings_are_kept_once_as_pixels_within_the_budget(qtbot: QtBot) -> None:
    """Each drawing of a rep is painted once and kept as pixels only: no figure geometry
    (scenes) is held beside them, so a figure's step leaves nothing behind when it ends."""
    view = _shown(qtbot, 400, 300)
    view.set_figure(_bundled_figure(MOVING))
    _rep_frames(view)
    kept = len(view._pixmaps)
    assert kept > MOVE_STEPS // 2  # the rep's drawings are kept for the next rep
    assert 0 < view._pixmap_bytes <= PIXMAP_BUDGET
    scenes = [o for o in gc.get_objects() if isinstance(o, Scene)]
    assert len(scenes) <= 1, f"{len(scenes)} scenes held beside {kept} drawn frames"
    view.set_figure(None)
    assert view._pixmap_bytes == 0 and not view._pixmaps


def test_a_kept_drawing_holds_only_the_band_the_figure_is_drawn_in(qtbot: QtBot) -> None:
    """A lying figure in a tall view: its frames hold the figure's band, not the whole view
    (the memory a moving figure takes at a large window)."""
    view = _shown(qtbot, 300, 600)
    view.set_figure(_bundled_figure(MOVING))  # a bridge: lying on the mat
    _rep_frames(view)
    whole = 300 * 600 * 4 * view.devicePixelRatioF() ** 2
    assert view._pixmaps and view._pixmap_bytes / len(view._pixmaps) < whole / 2


def test_the_kept_band_draws_the_view_exactly_as_painting_it_whole(qapp: object) -> None:
    """Keeping only the figure's band changes no pixel: the floor still runs from side
    to side, the view's colour is around it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    for ident, size in ((STANDING, (640, 260)), (MOVING, (300, 420)), (MOVING, (400, 300))):
        view = FigureView(lambda: 0.0)
        view.resize(*size)
        view.set_figure(_bundled_figure(ident))
        _going_up(view, 0.5)
        shown = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        whole = QImage(shown.size(), QImage.Format.Format_RGB32)
        whole.fill(view.palette().color(QPalette.ColorRole.Window))
        p = QPainter(whole)
        scene = view.scene()
        assert scene is not None
        paint_scene(p, scene, QRectF(view.rect()), role_colours(view.palette()))
        p.end()
        assert shown == whole, (ident, size)
