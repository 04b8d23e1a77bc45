"""Issue 21 item 19: read from the mat, nothing on the player is smaller than its caption
size, and what does not fit is shortened, not shrunk.

The floor is measured against the window's height: at 1280 × 800 (a 13-inch laptop, its
screen about 17 cm high) 0.045 of the height is 36 px type, capitals about 6 mm high, which
from 2 m span about 10 minutes of arc, twice what 20/20 vision resolves. Before the fix,
during an open hold the instructions shrank to 13 px and a long line to 14 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.player.player_view import PlayerView
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import advance, write

#: The least type on the player, as a share of the window's height.
LEAST_SHARE = 0.045

LONG = """
name: Long words
defaults: {prepare: 5, rest: 5, switch_sides: 3}
steps:
  - name: Side-lying psoas stretch with a heat pack at the edge of the table
    kind: release
    sides: both
    open: {min: 10, target: 20, max: 40}
    breathing: calm
    instructions:
      - Lie on your side at the very edge of a firm table, the heat pack under the hip.
      - Let the top leg hang down behind you until the front of the hip feels long.
      - Breathe out slowly and let the leg grow heavier with every breath you take.
      - Stay soft in the belly and the low back; do not push the leg down.
      - Keep the pack on the front of the hip the whole time.
      - Come up slowly, rolling onto your back first.
    safety: Stop if you feel a pulse under the pack.
  - {kind: rest, duration: 10, name: Drink some water and stretch the arms above your head}
  - name: Bridge
    reps: 10
    tempo: 2
"""


@pytest.fixture
def routine_dirs(tmp_path: Path) -> tuple[Path, Path]:
    bundled, user = tmp_path / "bundled" / "routines", tmp_path / "user"
    write(bundled, "long.yaml", LONG)
    user.mkdir(parents=True)
    return bundled, user


def _type_sizes(player: PlayerView) -> dict[str, int]:
    """The pixel size of every text the player shows now."""
    sizes: dict[str, int] = {}
    for widget in player.findChildren(QLabel) + player.findChildren(QAbstractButton):
        if widget.isVisibleTo(player) and widget.text() and widget.height() > 0:
            sizes[f"{widget.objectName()}: {widget.text()[:40]}"] = widget.font().pixelSize()
    dial = player.dial.type_pixels()
    if player.dial.label:
        sizes["dial label"] = dial["label"]
    if player.dial.caption:
        sizes["dial caption"] = dial["caption"]
    if player.breath.isVisible():
        sizes |= {f"guide {k}": v for k, v in player.breath.type_pixels().items()}
    sizes["session time"] = player.session_bar.type_pixels()
    return sizes


def _check_floor(window: MainWindow) -> dict[str, int]:
    QApplication.processEvents()
    least = LEAST_SHARE * window.height()
    sizes = _type_sizes(window.player)
    small = {name: px for name, px in sizes.items() if px < least}
    assert small == {}, (round(least), small)
    return sizes


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_nothing_on_the_player_is_smaller_than_the_caption_size(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    assert window.open_routine("long")
    window.steps.start()
    player = window.player
    advance(window, clock, 1)  # get ready
    _check_floor(window)
    advance(window, clock, 5 + 2)  # the open hold, its guide, marks and Released button
    assert player.breath.isVisible() and player.open_controls.isVisible()
    sizes = _check_floor(window)
    assert any(name.startswith(("instructions", "safety")) for name in sizes)
    assert any(name.startswith("open_marks") for name in sizes)
    window.commands.released.trigger()  # before the minimum: "press Enter again"
    assert player.release_hint.isVisible()
    _check_floor(window)
    advance(window, clock, 20)  # the check-in
    assert not player.open_controls.check_in.isHidden()
    _check_floor(window)
    window.commands.start_pause.trigger()  # the pause notice
    _check_floor(window)
    window.commands.start_pause.trigger()
    player.show_sound_problem("No sound output was found. Cues show on screen.")
    _check_floor(window)


def test_what_does_not_fit_is_shortened_not_shrunk(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    assert window.open_routine("long")
    window.steps.start()
    advance(window, clock, 5 + 2)
    player = window.player
    QApplication.processEvents()
    least = player.least_pixels
    # The step's long name: as small as the caption size, then shortened with "…", whole
    # in the tooltip and to a screen reader.
    title = player.title
    assert isinstance(title, FitLabel)
    assert title.font().pixelSize() >= round(least)
    assert title.elided and title.shown_text().endswith("…")
    assert title.toolTip() == title.text() == title.accessibleDescription()
    assert title.text().startswith("Side-lying psoas stretch with a heat pack")
    # The notes: whole lines of the instructions left out, the safety notes whole.
    notes = player.notes
    assert notes.pixels >= round(least)
    assert notes.shortened
    whole = notes.whole_text(player.instructions)
    assert whole.startswith("Lie on your side") and whole.endswith("onto your back first.")
    assert player.instructions.toolTip() == whole != player.instructions.text()
    assert whole.startswith(player.instructions.text().rstrip("…"))
    assert notes.safety.geometry().bottom() <= notes.height()
    assert notes.instructions.geometry().bottom() < notes.safety.geometry().top()
    # A named rest too long for the ring, even on two lines: shortened in the ring, whole on
    # the step's name.
    for _ in range(4):  # past the second side (a switch of sides first)
        if player.dial.label.startswith("Drink"):
            break
        window.commands.next.trigger()
        advance(window, clock, 1)
    QApplication.processEvents()
    assert player.dial.label.startswith("Drink some water")
    assert player.dial.type_pixels()["label"] >= round(least)
    assert player.dial.label_shown().endswith("…")
