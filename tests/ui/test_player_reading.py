"""The player read from the mat, two metres away: the time left is the largest thing on it and
grows with the window, and an open hold's check-in is as large as the captions, with its
marks and the time left to its maximum."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.player.open_hold_controls import CHECK_IN_QUESTION
from psoas_timer.ui.player.player_view import PlayerView
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import advance, started

#: The time's digits are at least this share of the window's height. On a 13-inch laptop
#: (1280 × 800, about 17 cm high) that is 2 cm: at 2 m it spans about 34 minutes of arc,
#: several times the 5 that 20/20 vision resolves, so it reads at a glance.
TIME_SHARE = 0.12


def _other_texts(player: PlayerView) -> dict[str, float]:
    """How tall every other text on the player is drawn (pixels, highest glyph to lowest)."""
    heights: dict[str, float] = {}
    for widget in player.findChildren(QLabel) + player.findChildren(QAbstractButton):
        if widget.isVisibleTo(player) and widget.text():
            rect = QFontMetricsF(widget.font()).tightBoundingRect(widget.text())
            heights[f"{widget.objectName() or type(widget).__name__}: {widget.text()}"] = (
                rect.height()
            )
    dial = player.dial.text_heights()
    heights |= {f"dial {name}": dial[name] for name in ("label", "caption")}
    if player.breath.isVisible():
        heights |= {f"guide {k}": v for k, v in player.breath.text_heights().items()}
    heights["session time"] = player.session_bar.text_height()
    return heights


def _check_time_is_largest(window: MainWindow) -> None:
    player = window.player
    time = player.dial.text_heights()["time"]
    others = _other_texts(player)
    assert time >= TIME_SHARE * window.height(), (time, window.height())
    larger = {name: h for name, h in others.items() if h >= time}
    assert larger == {}, (time, larger)


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_time_left_is_the_largest_text_on_the_player(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    started(window)  # a release: an open hold with its breathing and picture
    advance(window, clock, 5 + 1)
    QApplication.processEvents()
    assert window.player.caption_text  # "Left side · Hold": the caption row counts too
    assert window.player.breath.isVisible() and window.player.image.isVisible()
    _check_time_is_largest(window)
    advance(window, clock, 20)  # past the target: the check-in asks
    QApplication.processEvents()
    assert not window.player.open_controls.check_in.isHidden()
    _check_time_is_largest(window)


def test_the_time_grows_with_the_window(window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    started(window, "simple")
    advance(window, clock, 3 + 2)
    heights = []
    for size in ((800, 600), (1280, 800), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda size=size: window.size().toTuple() == size)
        QApplication.processEvents()
        heights.append(window.player.dial.text_heights()["time"])
    assert heights[0] < heights[1] < heights[2], heights
    assert heights[2] >= TIME_SHARE * 1080


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_the_check_in_reads_large_with_its_marks_and_the_time_to_the_maximum(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    started(window)  # min 0:10 · target 0:20 · max 0:40
    advance(window, clock, 5 + 22)
    QApplication.processEvents()
    controls = window.player.open_controls
    assert not controls.check_in.isHidden()
    question = controls.check_in_label
    assert question.isVisible() and question.text() == CHECK_IN_QUESTION  # English in tests
    caption = window.player.banner_row.caption
    # as large as the captions (no smaller than they are asked to be)
    assert question.font().pixelSize() >= caption.maximumHeight() * 0.8
    assert question.height() == caption.height()
    assert controls.check_in_hint.isVisible() and "Enter" in controls.check_in_hint.text()
    assert controls.marks.isVisible()
    assert controls.marks.text() == "min 0:10 · target 0:20 · max 0:40"
    assert window.player.dial.caption == "ends in 0:18"
    advance(window, clock, 5)
    assert window.player.dial.caption == "ends in 0:13"
    for widget in (question, controls.marks, controls.check_in_release, controls.check_in_more):
        assert window.player.rect().contains(
            widget.mapTo(window.player, widget.rect().bottomRight())
        ), widget.objectName()
