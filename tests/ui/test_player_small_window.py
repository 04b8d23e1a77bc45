"""The player's words at 800 × 600 and narrower, in the languages with the longest words: each
is drawn whole where it belongs (issue 21, found in a new user's look at the real window).

- The breathing guide's word ran past its circle in a narrow window ("Einatmen" at 800 px in
  German): the guide now asks for the room its widest word needs at the caption size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer import i18n
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import State
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import advance

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def routine_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled routines, as shipped: their steps have a picture and a moving figure
    beside the guide, which share its row."""
    user = tmp_path / "user"
    user.mkdir(parents=True)
    return ROOT / "routines", user


def _sized(window: MainWindow, qtbot: QtBot, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt_BR"])
@pytest.mark.parametrize("size", [(800, 600), (640, 600), (560, 700)])
def test_the_breathing_word_stays_inside_its_circle(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, language: str, size: tuple[int, int]
) -> None:
    i18n.set_language(language)
    _sized(window, qtbot, size)
    assert window.open_routine("breathing")
    window.steps.start()
    advance(window, clock, 10 + 0.5)  # the first breath in
    guide = window.player.breath
    QApplication.processEvents()
    assert guide.isVisible()
    seen = set()
    for _ in range(8):  # in, out (and holds): every word the pattern has
        snap = window.controller.snapshot()
        assert snap is not None and snap.state is State.RUNNING
        guide.advance()
        frame = guide.shown
        assert frame is not None
        seen.add(frame.word)
        assert guide.words_inside(), (frame.word, guide.width(), guide.height())
        assert guide.type_pixels()["word"] >= round(window.player.least_pixels)
        advance(window, clock, 1.5)
    assert len(seen) >= 2


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "pt_BR"])
def test_the_dials_word_is_whole_at_800_by_600(
    window: MainWindow, clock: FakeClock, qtbot: QtBot, language: str
) -> None:
    """ "Seite w…" and "Bereit ma…" in German at 800 × 600: a word of two or more words too
    wide for one line inside the ring takes two, the time a little lower; never smaller
    than the caption size."""
    i18n.set_language(language)
    _sized(window, qtbot, (800, 600))
    assert window.open_routine("deep-psoas-release")  # both sides: a switch between them
    window.steps.start()
    dial = window.player.dial
    seen = {}
    for _ in range(12):
        advance(window, clock, 1)
        QApplication.processEvents()
        snap = window.controller.snapshot()
        assert snap is not None
        seen[snap.segment.kind] = (dial.label, dial.label_shown())
        assert "…" not in dial.label_shown(), dial.label_shown()
        assert dial.label_shown().replace("\n", " ") == dial.label
        assert dial.type_pixels()["label"] >= round(window.player.least_pixels)
        if "switch" in seen:
            break
        window.commands.next.trigger()
    assert {"prepare", "switch"} <= set(seen)


def test_a_long_caption_takes_two_lines_and_keeps_them(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    """A caption too long for the row at the caption size was cut with "…" at 800 × 600
    ("Pause · Als Nächstes: Hüftbeuger-Dehn…"): it breaks at its " · " onto a second line,
    the row grows for it once and keeps that height, so the player moves at most once."""
    i18n.set_language("de")
    _sized(window, qtbot, (800, 600))
    assert window.open_routine("daily-psoas")
    window.steps.start()
    player = window.player
    row, caption = player.banner_row, player.banner_row.caption
    advance(window, clock, 0.5)
    QApplication.processEvents()
    one_line = row.height()
    long_caption = "Bereit machen · Als Nächstes: Hüftbeuger-Dehnung im Knien"
    player.show_setting(long_caption)
    QApplication.processEvents()
    assert caption.broken and not caption.elided
    assert caption.shown_text().replace("\n", " · ") == long_caption
    assert caption.font().pixelSize() >= round(player.least_pixels)
    grown = row.height()
    assert grown > one_line
    player.show_setting("Pause")  # a short one: the row keeps its height
    QApplication.processEvents()
    assert row.height() == grown
