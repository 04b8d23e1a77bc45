"""Every bundled routine PLAYED in the pseudo-language: what the player shows at every
segment (the step's name, the dial's words, the breathing guide's word, the caption, the
"next" line, tooltips and the names a screen reader says) and every cue's caption and spoken
text carry the pseudo-language's markers, so none escapes translation during real use.

The walk (``test_pseudo_walk.py``) opens every page but plays nothing: the breathing guide's
"Inhale" and the cues' words only show while a routine runs. The clock jumps from moment to
moment (each segment's start, its cues, its breathing phases, an open hold's check-in, its
end), so the whole library plays in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import State
from psoas_timer.i18n.pseudo import CLOSE, OPEN
from psoas_timer.ui.common.translation import apply_language
from psoas_timer.ui.shell.main_window import MainWindow, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.conftest import AudioRecorder, InhibitRecorder

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = sorted(p.stem for p in (ROOT / "routines").glob("*.yaml"))

#: Text with no words of the app's in it: numbers, times, counts and signs ("0:45", "12",
#: "3 / 8", "+15 s", "–"). A letter-free string, or only a unit after a number, cannot be
#: left in English.
_DATA = re.compile(r"^[\W\d_]*$|^[\W\d_]*\d\s?s$")


def _untranslated(text: str) -> bool:
    text = text.replace("&", "").strip()
    return bool(text) and not _DATA.match(text) and OPEN not in text


@pytest.fixture
def pseudo() -> Iterator[None]:
    apply_language("en@pseudo")
    yield
    apply_language("en")


def _window(qtbot: QtBot, tmp_path: Path, clock: FakeClock, audio: AudioRecorder) -> MainWindow:
    user = tmp_path / "user"
    user.mkdir()
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    prefs.safety_seen = prefs.safety_release_dismissed = True
    prefs.ask_ratings = False
    services = Services(
        load_catalog=lambda: load_catalog(ROOT / "routines", user),
        clock=clock,
        audio=audio,
        inhibitor=InhibitRecorder(),
        ask=lambda *_: True,
        folders=(ROOT / "routines", user),
    )
    window = MainWindow(prefs, services)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    return window


def _shown(root: QWidget) -> list[str]:
    """Every text a user sees or hears from the visible widgets under *root*."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    return texts


def _moments(window: MainWindow) -> list[float]:
    """Seconds into the current segment worth looking at: its start, just after each cue and
    each phase of its first breath, an open hold's check-in, and just before its end."""
    snap = window.controller.snapshot()
    assert snap is not None
    seg = snap.segment
    length = snap.duration
    target = snap.target
    times = {0.2, max(0.2, length - 0.3)}
    for cue in seg.cues:
        times.add(cue.time_in(length, target) + 0.1)
    if seg.breathing is not None:
        breath = seg.breathing
        lead = (-seg.breath_start) % breath.cycle if seg.breath_start else 0.0
        times |= {lead + t + 0.1 for t, _name in breath.phase_starts(breath.cycle)}
    if seg.open is not None and target is not None:
        times.add(target + 0.1)
    return sorted(t for t in times if 0 <= t < length)


def _jump(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Let *seconds* pass, polling every 10 s as the real timer would at the latest (a longer
    gap reads as the computer having slept, which pauses the session)."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.advance(min(10.0, end - clock.now))
        window.controller.poll()


def _play(window: MainWindow, clock: FakeClock) -> Iterator[tuple[str, list[str]]]:
    """Play the open session to its end, yielding (where, texts) at each moment."""
    player = window.player
    seen = 0
    while window.controller.active and seen < 5000:
        snap = window.controller.snapshot()
        assert snap is not None
        if snap.state is State.PAUSED:  # a step that waits for the user to be ready
            window.controller.toggle()
            snap = window.controller.snapshot()
            assert snap is not None
        index, began = snap.index, clock.now - snap.elapsed
        for moment in _moments(window):
            _jump(window, clock, max(0.0, began + moment - clock.now))
            snap = window.controller.snapshot()
            if snap is None or snap.index != index:
                break
            seen += 1
            texts = [
                *_shown(player),
                player.dial.text,
                player.dial.caption,
                player.dial.label,
                player.caption_text,
            ]
            frame = player.breath.shown if player.breath.isVisible() else None
            if frame is not None:
                texts.append(frame.word)
            yield f"{snap.segment.kind} {snap.segment.label!r} +{moment:.1f}", texts
        snap = window.controller.snapshot()
        if snap is not None and snap.index == index:
            _jump(window, clock, max(0.0, snap.duration - snap.elapsed) + 0.05)
            snap = window.controller.snapshot()
            if snap is not None and snap.index == index and snap.state is State.RUNNING:
                window.controller.next()  # an open hold waits at its check-in


@pytest.mark.parametrize("key", ROUTINES)
def test_playing_a_routine_shows_and_says_nothing_untranslated(
    key: str, qtbot: QtBot, tmp_path: Path, pseudo: None
) -> None:
    clock, audio = FakeClock(), AudioRecorder()
    window = _window(qtbot, tmp_path, clock, audio)
    assert window.open_routine(key)
    window.steps.start()
    choice = window.steps.choice_dialog
    if choice is not None:  # an either/or routine: its marked answer
        choice.accept()
    assert window.controller.active
    left: dict[str, list[str]] = {}
    for where, texts in _play(window, clock):
        bad = sorted({t for t in texts if _untranslated(t)})
        if bad:
            left.setdefault(where, bad)
    snap = window.controller.snapshot()
    assert not window.controller.active, f"the session did not reach its end: {snap}"
    completion = [t for t in _shown(window.completion) if _untranslated(t)]
    if completion:
        left["completion"] = completion
    spoken = sorted({f.cue.text for f, _style in audio.played if _untranslated(f.cue.text)})
    if spoken:
        left["cues"] = spoken
    assert audio.played, "no cue was played"
    assert not left, "\n".join(f"{where}: {texts}" for where, texts in left.items())
    assert CLOSE  # the markers are the pseudo-language's


def test_bundled_routines_tags_are_translated_on_cards_and_the_routine_page(
    qtbot: QtBot, tmp_path: Path, pseudo: None
) -> None:
    """A bundled routine's tags ("desk · standing · stretch") are words a user reads: shown
    through the content catalog (searched as written)."""
    from psoas_timer.ui.library.library_view import Roles

    window = _window(qtbot, tmp_path, FakeClock(), AudioRecorder())
    model = window.library.model
    qtbot.waitUntil(lambda: model.rowCount() >= len(ROUTINES))
    left = {}
    for row in range(model.rowCount()):
        details = str(model.data(model.index(row), Roles.DETAILS))
        bad = [part for part in details.split(" · ") if _untranslated(part)]
        if bad:
            left[details] = bad
    assert window.open_routine("desk-break")
    summary = window.routine.summary.text()
    bad = [part for part in summary.split(" · ") if _untranslated(part)]
    if bad:
        left[summary] = bad
    assert not left, left
