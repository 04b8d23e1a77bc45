"""Issue 22.19 (soak CPU): the countdown ring grows at every poll (10 times a second), and
each repaint rebuilt the ring's line corner by corner in Python, up to 360 points: the
largest share of the app's CPU during a session (py-spy on benchmarks/soak.py). The corners
are now made once per size; a repaint adds only the moving end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.ui.player.countdown import CountdownDial

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
