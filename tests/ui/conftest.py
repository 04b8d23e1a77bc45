"""Fixtures for the window: small routines written here, a fake clock, recorders for sound
and the screensaver, and settings of the test's own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from textwrap import dedent

import pytest
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.audio.settings import AudioSettings
from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import FiredCue
from psoas_timer.ui.shell.main_window import MainWindow, Services
from psoas_timer.ui.shell.settings import Preferences

RELEASE = """
name: Release and bridge
tags: [psoas, quick]
description: A test routine.
defaults:
  prepare: 5
  rest: 5
  switch_sides: 3
steps:
  - name: Psoas release
    kind: release
    sides: both
    open: {min: 10, target: 20, max: 40}
    breathing: calm
    image: ball.svg
    instructions: Press the ball gently into the belly.
    safety: Stop if you feel a pulse.
  - name: Bridge
    reps: 10
    tempo: 2
    sets: 3
    sides: right
  - name: Lunge stretch
    kind: stretch
    hold: 30
    breathing: box
"""

SIMPLE = """
name: Simple stretch
tags: [stretch]
defaults:
  prepare: 3
  rest: 4
steps:
  - name: Couch stretch
    kind: stretch
    hold: 20
    instructions: Knee on the sofa, hips forward.
  - name: Lunge
    hold: 10
"""

BROKEN = """
name: Broken
steps:
  - name: No timing here
    wobble: 3
"""

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">
<circle cx="20" cy="15" r="12" fill="#c62828"/></svg>
"""


class AudioRecorder(QObject):
    """Stands in for the cue player: remembers what it was asked to do."""

    problem = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.played: list[tuple[FiredCue, str]] = []
        self.muted: list[bool] = []
        self.stops = 0
        self.warmed = 0
        self.settings: list[AudioSettings] = []
        self.previews: list[str] = []
        self.available = True

    def prepare(self) -> None:
        pass

    def warm_up(self) -> None:
        self.warmed += 1

    def play(self, fired: FiredCue, plan_style: str) -> None:
        self.played.append((fired, plan_style))

    def stop_all(self) -> None:
        self.stops += 1

    def set_muted(self, muted: bool) -> None:
        self.muted.append(muted)

    def set_settings(self, settings: AudioSettings) -> None:
        self.settings.append(settings)

    def preview(self, kind: str) -> None:
        self.previews.append(kind)

    def kinds(self) -> list[str]:
        return [f.cue.kind for f, _ in self.played]


class InhibitRecorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def inhibit(self) -> None:
        self.calls.append("inhibit")

    def release(self) -> None:
        self.calls.append("release")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def routine_dirs(tmp_path: Path) -> tuple[Path, Path]:
    bundled, user = tmp_path / "bundled" / "routines", tmp_path / "user"
    write(bundled, "release.yaml", RELEASE)
    write(bundled, "ball.svg", SVG)
    write(user, "simple.yaml", SIMPLE)
    write(user, "broken.yaml", BROKEN)
    return bundled, user


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def audio() -> AudioRecorder:
    return AudioRecorder()


@pytest.fixture
def inhibitor() -> InhibitRecorder:
    return InhibitRecorder()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def preferences(settings_file: Path) -> Preferences:
    prefs = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True
    return prefs


class Asker:
    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.questions: list[str] = []  # the text of each question, in order
        self.destructive: list[str] = []  # the titles of those asked as destructive

    def __call__(
        self, parent: QWidget, title: str, question: str, *, destructive: bool = False
    ) -> bool:
        self.asked.append(title)
        self.questions.append(question)
        if destructive:
            self.destructive.append(title)
        return self.answer


@pytest.fixture
def asker() -> Asker:
    return Asker(True)


@pytest.fixture
def services(
    routine_dirs: tuple[Path, Path],
    clock: FakeClock,
    audio: AudioRecorder,
    inhibitor: InhibitRecorder,
    asker: Asker,
) -> Services:
    """The window's services, over this test's routines, clock and recorders."""
    bundled, user = routine_dirs
    return Services(
        load_catalog=lambda: load_catalog(bundled, user),
        clock=clock,
        audio=audio,
        inhibitor=inhibitor,
        ask=asker,
        folders=(bundled, user),
    )


@pytest.fixture
def make_window(qtbot: QtBot, services: Services) -> Iterator[Callable[[Preferences], MainWindow]]:
    made: list[MainWindow] = []

    def make(prefs: Preferences) -> MainWindow:
        window = MainWindow(prefs, services)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        if window.controller.active:
            window.controller.stop()


@pytest.fixture
def window(
    make_window: Callable[[Preferences], MainWindow], preferences: Preferences, qtbot: QtBot
) -> MainWindow:
    win = make_window(preferences)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def advance(window: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Let *seconds* pass on the fake clock, polling as the real timer would."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.advance(min(step, end - clock.now))
        window.controller.poll()


def started(window: MainWindow, key: str = "release") -> MainWindow:
    assert window.open_routine(key)
    window.steps.start()
    return window


@pytest.fixture
def new_empty(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer the editor's New dialog with an empty "My routine"; lists each time it asked."""
    from psoas_timer.ui.editor import editor_view
    from psoas_timer.ui.editor.new_routine import NewStart

    asked: list[str] = []

    def answer(_parent: QWidget, _library: object, _routines: object) -> NewStart:
        asked.append("new")
        return NewStart("My routine")

    monkeypatch.setattr(editor_view, "ask_how_to_start", answer)
    return asked
