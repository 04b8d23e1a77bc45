"""Issue 22.19 (soak CPU): the countdown ring grows at every poll (10 times a second), and
each repaint rebuilt the ring's line corner by corner in Python, up to 360 points: the
largest share of the app's CPU during a session (py-spy on benchmarks/soak.py). The corners
are now made once per size; a repaint adds only the moving end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.player.countdown import CountdownDial
from psoas_timer.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_growing_ring_is_not_rebuilt_corner_by_corner(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dial = CountdownDial()
    qtbot.addWidget(dial)
    dial.resize(400, 400)
    dial.show()
    qtbot.waitExposed(dial)
    dial.show_time("0:15", 0.5, "hold")
    QApplication.processEvents()
    points = 0
    real = CountdownDial._point

    def counting(self: CountdownDial, turns: float) -> QPointF:
        nonlocal points
        points += 1
        return real(self, turns)

    monkeypatch.setattr(CountdownDial, "_point", counting)
    polls = 30  # 3 s of a 30 s hold
    painted = 0
    for i in range(1, polls + 1):
        dial.show_time("0:15", 0.5 + i / 300, "hold")
        QApplication.processEvents()
        painted += 1
    # The moving end and the few corners around it, not half the ring, per poll.
    assert points / painted < 12, f"{points / painted:.0f} ring points worked out per poll"


@pytest.mark.parametrize("start", [0.0, 0.2, 0.45, 0.7, 0.93], ids=lambda f: f"from {f}")
def test_the_ring_drawn_in_pieces_is_the_ring_drawn_whole(qtbot: QtBot, start: float) -> None:
    """Only the corners near a repaint are stroked: what the screen shows after many small
    repaints (across the top, the sides and the bottom) is what one whole drawing shows."""
    from .test_player_frames import SHADE, difference, drawn_whole, on_screen

    dial = CountdownDial()
    qtbot.addWidget(dial)
    dial.resize(420, 420)
    dial.show()
    qtbot.waitExposed(dial)
    dial.show_time("0:30", start, "hold")
    QApplication.processEvents()
    for i in range(1, 31):
        dial.show_time("0:30", start + i / 300, "hold")
        QApplication.processEvents()
    assert difference(on_screen(dial, dial), drawn_whole(dial)) <= SHADE  # type: ignore[arg-type]


def test_the_clock_ticking_repaints_nothing_behind_the_ring_and_bar(
    window: MainWindow, clock: FakeClock
) -> None:
    """The ring and the session bar paint their own background: each poll's repaint used to
    repaint the window, the page and the column behind the ring as well (four more paints,
    each through Python, ten times a second). What the screen shows is checked in
    test_player_frames.py."""
    from PySide6.QtCore import QEvent, QObject

    from .conftest import advance, started

    window.resize(1280, 800)
    started(window, "simple")
    advance(window, clock, 5.0)  # into the hold
    QApplication.processEvents()
    painted: list[str] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(watched.objectName() or type(watched).__name__)
            return False

    spy = Paints()
    behind = [window, window.centralWidget(), window.player, window.player.clock_box]
    for widget in behind:
        widget.installEventFilter(spy)
    for _ in range(10):  # a second of polls: the ring grows, the time and the bar move
        advance(window, clock, 0.1, step=0.1)
        QApplication.processEvents()
    assert window.player.dial.text  # the clock is running
    assert painted == []
