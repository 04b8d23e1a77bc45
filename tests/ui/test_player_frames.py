"""What the player repaints while a session runs, and when the breathing guide wakes.

The player repaints only the pixels that change, so these tests compare what the window
shows after many small changes with the same widgets drawn whole: a piece left unpainted,
or a shape that shifted outside the repainted part, would show. Time is the fake clock's;
Qt paints when the test processes events.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.common.theme import colors
from psoas_timer.ui.player.breathing_guide import FRAME_MS, MIN_STEP_PX, SMALLEST, over
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import advance, started, write

#: How much a part repainted may differ from the same drawn whole, at the edges of glyphs.
SHADE = 24

BOX = """
name: Box hold
defaults: {prepare: 2}
steps:
  - name: Boxed
    kind: release
    hold: 40
    breathing: box
"""


def on_screen(window: MainWindow, widget: QWidget) -> QImage:
    """What the window shows of *widget* once the pending paints are done."""
    QApplication.processEvents()
    at = widget.mapTo(window, QPoint(0, 0))
    handle = window.windowHandle()
    assert handle is not None
    shot = handle.screen().grabWindow(
        window.winId(), at.x(), at.y(), widget.width(), widget.height()
    )
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def drawn_whole(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def difference(a: QImage, b: QImage) -> int:
    """The largest difference of any colour channel of any pixel (0..255)."""
    assert a.size() == b.size()
    if a == b:
        return 0
    return max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()), strict=True))


def frames(window: MainWindow, clock: FakeClock, seconds: float, step: float = 0.02) -> None:
    """Let *seconds* pass, polling as the timer would, and draw a breathing frame at each
    step, as the guide's animation would at the screen's rate."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.advance(min(step, end - clock.now))
        window.controller.poll()
        window.player.breath.advance()


@pytest.fixture
def big(window: MainWindow) -> MainWindow:
    window.resize(1280, 800)
    QApplication.processEvents()
    return window


def test_the_guide_shape_follows_the_breath(big: MainWindow, clock: FakeClock) -> None:
    started(big)
    frames(big, clock, 5 + 2)  # 2 s into the hold: calm is 4 s in, 6 s out
    guide = big.player.breath
    phase = guide.phase()
    shown = guide.shown
    assert phase is not None and shown is not None
    assert (shown.word, shown.number) == ("Inhale", "2")
    travel = (min(guide.width(), guide.height()) - 4) / 2 * (1 - SMALLEST)
    assert abs(shown.size - phase.size) * travel < MIN_STEP_PX  # within half a pixel
    frames(big, clock, 2.5)
    shown = guide.shown
    assert shown is not None and (shown.word, shown.number) == ("Exhale", "6")


def test_the_guide_redraws_nothing_for_less_than_half_a_pixel(
    big: MainWindow, clock: FakeClock
) -> None:
    started(big)
    frames(big, clock, 5 + 2)
    guide = big.player.breath
    before = guide.shown
    clock.advance(0.001)  # the edge moves a few hundredths of a pixel
    guide.advance()
    assert guide.shown is before


def test_the_guide_is_filled_with_the_breath_colour_over_the_window(
    big: MainWindow, clock: FakeClock
) -> None:
    started(big)
    frames(big, clock, 5 + 4)  # lungs full
    guide = big.player.breath
    shown = guide.shown
    assert shown is not None and shown.size == pytest.approx(1.0, abs=0.01)
    image = on_screen(big, guide)
    middle = image.pixelColor(guide.width() // 2, guide.height() // 2 - guide.height() // 4)
    window_colour = guide.palette().color(guide.backgroundRole())
    expected = over(colors(guide.palette()).breath, 0.45 + 0.25 * shown.size, window_colour)
    assert middle.rgb() == expected.rgb()


def test_small_repaints_leave_the_screen_as_a_whole_repaint_would(
    big: MainWindow, clock: FakeClock
) -> None:
    """Many frames of the breath, the count and the word, the dial's ring and number and
    the session bar, each repainted in part: the result is what drawing all would show."""
    started(big)
    player = big.player
    advance(big, clock, 5)
    on_screen(big, player)
    for _ in range(6):  # a whole calm breath, in pieces
        frames(big, clock, 1.7)
        for widget in (player.breath, player.dial, player.session_bar):
            # Text drawn in a part may differ from text drawn whole by a shade at the edges
            # of its glyphs (up to 16 for the dial's time, now ~190 px high); anything left
            # over from an earlier drawing differs by far more (~200).
            assert difference(on_screen(big, widget), drawn_whole(widget)) <= SHADE, widget


def test_jumps_and_held_breaths_leave_no_trace(
    big: MainWindow, clock: FakeClock, routine_dirs: tuple[Path, Path]
) -> None:
    """Restarting the step, +10 s and a held breath (where only the count changes)."""
    write(routine_dirs[1], "box.yaml", BOX)
    big.reload()
    started(big, "box")
    player = big.player
    frames(big, clock, 2 + 5.5)  # into the held breath, the shape full

    def same() -> None:
        QApplication.processEvents()
        for widget in (player.breath, player.dial, player.session_bar):
            assert difference(on_screen(big, widget), drawn_whole(widget)) <= SHADE, widget

    on_screen(big, player)
    for change in (
        lambda: frames(big, clock, 1.3),  # the count turns, nothing else moves
        big.commands.restart_step.trigger,  # the shape shrinks at once, the ring empties
        lambda: frames(big, clock, 9.6),
        big.commands.add_time.trigger,  # the ring jumps back
        lambda: frames(big, clock, 0.5),
    ):
        change()
        same()


def test_the_guide_wakes_when_its_drawing_next_changes(
    big: MainWindow, clock: FakeClock, routine_dirs: tuple[Path, Path]
) -> None:
    write(routine_dirs[1], "box.yaml", BOX)
    big.reload()
    big.resize(1920, 1080)  # a guide large enough that its edge moves fast mid-inhale
    QApplication.processEvents()
    started(big, "box")
    guide = big.player.breath
    frames(big, clock, 2 + 2)  # mid-inhale: the edge moves a half pixel within a frame
    assert guide.animating
    assert guide.wait_ms == FRAME_MS
    frames(big, clock, 2.6)  # 0.6 s into the held breath: only the count changes
    shown = guide.shown
    assert shown is not None and (shown.word, shown.number) == ("Hold", "4")
    assert (
        guide.wait_ms is not None and 390 <= guide.wait_ms <= 410
    )  # when the count turns to 3, not sooner
    big.commands.start_pause.trigger()
    assert not guide.animating  # paused: nothing ticks
    big.commands.start_pause.trigger()
    assert guide.animating
    big.commands.stop.trigger()
    assert not guide.animating


def test_the_guide_sleeps_when_the_step_has_no_breathing(big: MainWindow, clock: FakeClock) -> None:
    started(big, "simple")  # no breathing anywhere
    advance(big, clock, 4)
    assert big.player.breath.isHidden()
    assert not big.player.breath.animating


def test_the_poll_timer_still_wakes_for_each_cue(big: MainWindow, clock: FakeClock) -> None:
    """Polls that fire nothing reuse the next cue's time: the timer never waits past the
    engine's next cue, through cues, a new segment, and +10 s (which moves the cues)."""
    started(big, "simple")  # 3 s to get ready (a countdown), then a 20 s stretch
    session = big.controller.session
    assert session is not None

    def check(steps: int) -> None:
        for _ in range(steps):
            clock.advance(0.07)
            big.controller.poll()
            due = session.next_due()
            assert due is not None
            assert big.controller.timer.interval() <= math.ceil((due - clock.now) * 1000) + 1

    check(40)
    big.commands.add_time.trigger()
    check(200)
