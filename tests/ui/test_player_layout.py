"""The player fits its screen at every phase, and nothing moves when a notice comes and goes
(issue 13 item 7)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences

from .conftest import SVG, advance, started, write


def _available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def _fill_screen(window: MainWindow) -> None:
    """Make the window, frame and all, exactly as large as the available screen."""
    frame, inner = window.frameGeometry(), window.geometry()
    window.setGeometry(
        _available().adjusted(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            inner.right() - frame.right(),
            inner.bottom() - frame.bottom(),
        )
    )


def _fits(window: MainWindow) -> bool:
    area, frame = _available(), window.frameGeometry()
    return frame.width() <= area.width() and frame.height() <= area.height()


def test_the_window_keeps_its_size_through_every_phase(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    """A small window stays that size as the check-in comes and goes: the player never asks
    for more room than it has (it went past the screen, and that size was saved)."""
    window.resize(600, 440)
    qtbot.wait(1)
    size = window.size()
    started(window)
    seen = []
    for seconds in (1, 5 + 5, 17, 1):  # get ready, open hold, its check-in
        advance(window, clock, seconds)
        qtbot.wait(1)
        seen.append(window.size())
    assert not window.player.open_controls.check_in.isHidden()
    window.player.open_controls.check_in_more.click()  # the check-in is cleared
    qtbot.wait(1)
    seen.append(window.size())
    window.commands.start_pause.trigger()  # paused
    qtbot.wait(1)
    seen.append(window.size())
    assert all(s == size for s in seen), seen
    assert window.player.minimumSizeHint().height() <= size.height()


def test_the_pause_notice_does_not_shift_the_player(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    started(window, "simple")
    advance(window, clock, 3 + 5)
    qtbot.wait(1)
    player = window.player
    where = (player.title.geometry(), player.dial.geometry(), player.session_bar.geometry())
    window.commands.start_pause.trigger()
    qtbot.wait(1)
    assert player.banner.text().startswith("Paused")
    assert (player.title.geometry(), player.dial.geometry(), player.session_bar.geometry()) == where
    window.commands.start_pause.trigger()
    qtbot.wait(1)
    assert (player.title.geometry(), player.dial.geometry(), player.session_bar.geometry()) == where


def test_the_check_in_is_whole_on_a_screen_sized_window(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    _fill_screen(window)
    qtbot.wait(1)
    assert _fits(window)
    started(window)
    advance(window, clock, 5 + 21)
    qtbot.wait(1)
    check_in = window.player.open_controls.check_in
    assert not check_in.isHidden()
    assert check_in.height() >= check_in.minimumSizeHint().height()
    assert (
        window.player.open_controls.check_in_more.height()
        >= window.player.open_controls.check_in_more.minimumHeight()
    )
    assert _fits(window)


def test_a_saved_size_larger_than_the_screen_is_neither_restored_nor_saved(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    qtbot: QtBot,
) -> None:
    area = _available()
    first = make_window(preferences)
    first.show()
    qtbot.waitExposed(first)
    first.resize(area.width() + 300, area.height() + 200)  # as the growing player once did
    first.close()
    saved = preferences.geometry()
    assert saved is not None
    second = make_window(preferences)
    second.show()
    qtbot.waitExposed(second)
    assert _fits(second)
    assert second.page is Page.LIBRARY


def test_a_too_large_geometry_from_an_older_version_is_brought_onto_the_screen(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    qtbot: QtBot,
) -> None:
    area = _available()
    probe = make_window(preferences)
    probe.setGeometry(area.x(), area.y(), area.width() + 400, area.height() + 300)
    big: QByteArray = probe.saveGeometry()
    probe.deleteLater()
    preferences.set_geometry(big)
    window = make_window(preferences)
    window.show()
    qtbot.waitExposed(window)
    assert _fits(window)


MANY_HOLDS = """
name: Many holds
defaults: {prepare: 1, rest: 1, switch_sides: 1}
steps:
  - name: Short release
    kind: release
    sides: both
    sets: 6
    open: {min: 0, target: 1, max: 2}
"""


def test_a_long_completion_list_does_not_grow_the_window(
    make_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    clock: FakeClock,
    qtbot: QtBot,
    routine_dirs: tuple[Path, Path],
) -> None:
    write(routine_dirs[1], "many.yaml", MANY_HOLDS)
    window = make_window(preferences)
    window.show()
    qtbot.waitExposed(window)
    window.resize(600, 440)
    qtbot.wait(1)
    size = window.size()
    started(window, "many")
    while window.controller.active:
        advance(window, clock, 1)
    qtbot.wait(1)
    assert window.page is Page.COMPLETION
    assert len(window.completion.section("releases")) == 12
    assert window.size() == size


MARKS = """
name: Ball release
defaults: {prepare: 5}
steps:
  - name: Hip crease release
    kind: release
    sides: left
    open: {min: 30, target: 60, max: 90}
    breathing: calm
    image: ball.svg
    instructions: Let your weight sink onto the ball.
    safety: Throbbing or tingling? Move the ball higher, above the crease.
"""


def _elided(player: QWidget) -> list[str]:
    """Each line on the player shortened with "…", or drawn wider than its label."""
    found = []
    for label in player.findChildren(FitLabel):
        if not label.isVisible():
            continue
        if label.elided:
            found.append(f"{label.objectName()}: {label.shown_text()!r}")
        for line in label.shown_text().split("\n"):
            if label.fontMetrics().horizontalAdvance(line) > label.width():
                found.append(f"{label.objectName()}: {line!r} wider than {label.width()}")
    return found


@pytest.mark.parametrize("size", [(800, 600), (1366, 768)])
def test_the_check_in_s_marks_are_whole_at_800_by_600(
    window: MainWindow,
    clock: FakeClock,
    qtbot: QtBot,
    routine_dirs: tuple[Path, Path],
    size: tuple[int, int],
) -> None:
    """At the check-in of an open hold, its marks ("min 0:30 · target 1:00 · max 1:30")
    and how to answer are read whole, on a small screen too: at 800 × 600 they were cut
    off with "…". They break onto a second line there, and the picture gives up its place
    to them (and to the safety note) while the check-in shows."""
    write(routine_dirs[1], "marks.yaml", MARKS)
    write(routine_dirs[1], "ball.svg", SVG)
    window.reload()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    assert window.open_routine("marks")
    window.steps.start()
    advance(window, clock, 5 + 20)
    qtbot.wait(1)
    player, controls = window.player, window.player.open_controls
    assert player.image.isVisible()  # the picture, through the hold
    advance(window, clock, 41)  # the check-in, at the target
    qtbot.wait(1)
    assert not controls.check_in.isHidden()
    assert controls.marks.isVisible() and controls.check_in_hint.isVisible()
    assert _elided(player) == []
    assert controls.marks.shown_text().replace("\n", " · ") == "min 0:30 · target 1:00 · max 1:30"
    safety = player.safety  # the safety note whole
    assert safety.isVisible() and safety.text() == player.notes.whole_text(safety)
    assert window.size().toTuple() == size  # the window did not grow
    if size == (800, 600):
        assert controls.crowded and player.image.isHidden()
    else:
        assert not controls.crowded and player.image.isVisible()
    controls.check_in_more.click()  # the check-in ends: the picture comes back
    advance(window, clock, 0.5)
    qtbot.wait(1)
    assert controls.check_in.isHidden() and not controls.crowded
    assert player.image.isVisible()
