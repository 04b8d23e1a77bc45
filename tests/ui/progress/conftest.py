"""The window with a history: a routine with areas to rate, one clock driving both the
session (monotonic) and the history (wall), a store on a file of the test's own."""

from __future__ import annotations

import dataclasses
import importlib.util
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.history import HistoryStore
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.conftest import advance, write

ZONE = timezone(timedelta(hours=1))
ROOT = Path(__file__).resolve().parents[3]

RATED = """
name: Evening release
defaults: {prepare: 3, rest: 4, switch_sides: 3}
steps:
  - name: Kneeling stretch
    kind: stretch
    hold: 20
    sides: both
    muscles: [hip flexors]
  - name: Psoas release
    kind: release
    open: {min: 10, target: 30, max: 60}
    sides: both
    breathing: none
    muscles: [psoas, low back]
"""


class Wall:
    """The wall clock the history reads: a local start moved by the same fake clock as the
    session, so a week passes on both at once."""

    def __init__(self, clock: FakeClock, start: datetime) -> None:
        self.clock = clock
        self.base = start
        self.zero = clock.now

    def __call__(self) -> datetime:
        return self.base + timedelta(seconds=self.clock.now - self.zero)

    def set(self, when: datetime) -> None:
        self.base, self.zero = when, self.clock.now


class Told:
    """Stands in for the one-time message box."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> None:
        self.said.append((title, text))


@pytest.fixture
def wall(clock: FakeClock) -> Wall:
    return Wall(clock, datetime(2026, 3, 2, 7, 0, tzinfo=ZONE))  # a Monday


@pytest.fixture
def history_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def told() -> Told:
    return Told()


@pytest.fixture
def history_services(
    services: Services,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    wall: Wall,
    told: Told,
) -> Services:
    write(routine_dirs[1], "evening.yaml", RATED)
    history_path.parent.mkdir(parents=True, exist_ok=True)
    return dataclasses.replace(
        services,
        open_history=lambda: HistoryStore.open(history_path, wall=wall, shared=True),
        inform=told,
    )


@pytest.fixture
def make_history_window(
    qtbot: QtBot, history_services: Services
) -> Callable[[Preferences], MainWindow]:
    made: list[MainWindow] = []

    def make(prefs: Preferences) -> MainWindow:
        window = MainWindow(prefs, history_services)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        made.append(window)
        # The history opens just after the routines are listed, on a later turn of the
        # event loop; these tests start from there (test_deferred_open.py covers before).
        qtbot.waitUntil(lambda: not window.history.waiting)
        return window

    yield make  # type: ignore[misc]
    for window in made:
        if window.controller.active:
            window.controller.stop()
        window.history.close()


@pytest.fixture
def hwindow(
    make_history_window: Callable[[Preferences], MainWindow], preferences: Preferences
) -> MainWindow:
    return make_history_window(preferences)


def rate(qtbot: QtBot, window: MainWindow, scores: list[str], note: str = "") -> None:
    """Type *scores* into the prompt as a user would: digits, then ↓ to the next area."""
    assert window.page is Page.RATING
    for text in scores:
        focused = window.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, text)
        qtbot.keyClick(focused, Qt.Key.Key_Down)
    if note:
        focused = window.focusWidget()
        assert focused is window.rating.note
        qtbot.keyClicks(focused, note)
    focused = window.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)


def run_through(window: MainWindow, clock: FakeClock, release_after: float = 20.0) -> None:
    """Let the session run to its end, releasing each open hold after *release_after* s."""
    guard = 0
    while window.controller.active and guard < 10_000:
        guard += 1
        snap = window.controller.snapshot()
        assert snap is not None
        hold = snap.segment.open
        if hold is not None and snap.elapsed >= release_after:
            window.controls.release()
            if window.controller.active:
                snap2 = window.controller.snapshot()
                if snap2 is not None and snap2.index == snap.index:
                    window.controls.release()
            continue
        advance(window, clock, 0.5)


#: The last day of :func:`sample_history`.
UNTIL = date(2026, 12, 6)


def _sample_fill() -> Callable[[HistoryStore, int, date], None]:
    spec = importlib.util.spec_from_file_location(
        "sample_history", ROOT / "tools" / "sample_history.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fill: Callable[[HistoryStore, int, date], None] = module.fill
    return fill


@pytest.fixture
def sample_history(tmp_path: Path) -> Iterator[HistoryStore]:
    """Twenty weeks of a home programme (tools/sample_history.py), up to :data:`UNTIL`."""
    opened = HistoryStore.open(tmp_path / "history.sqlite3", shared=True)
    _sample_fill()(opened, 20, UNTIL)
    yield opened
    opened.close()
