"""#22 item 15: a history another program keeps locked when the window starts. The window
shows and works at once; the Progress page says the history is being opened, then that it
waits for the other program, and shows the history once the file is let go; a file that
stays locked is said plainly, once. Before, the window opened it on its own thread (frozen
for SQLite's 5 s busy timeout) and then ran without a history until restarted."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.history import HistoryStore, database
from psoas_timer.session import recording
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.history.locker import Locker
from tests.ui.progress.conftest import Told, Wall


@pytest.fixture
def made(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        window.history.close()


def _start(
    qtbot: QtBot,
    services: Services,
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    wall: Wall,
    made: list[MainWindow],
) -> tuple[MainWindow, list[threading.Thread]]:
    """The window as the app starts it: shown, then loaded with its routines read and its
    history opened in the background."""
    bundled, user = routine_dirs
    threads: list[threading.Thread] = []

    def load(between: Callable[[], None]) -> Catalog:
        return load_catalog(bundled, user, between=between)

    def opener() -> HistoryStore:
        threads.append(threading.current_thread())
        return HistoryStore.open(history_path, wall=wall, shared=True)

    window = MainWindow(preferences)
    qtbot.addWidget(window)
    made.append(window)
    window.show()
    qtbot.waitExposed(window)
    window.load(
        dataclasses.replace(services, load_catalog=load, background=True, open_history=opener)
    )
    return window, threads


@pytest.fixture
def locked_history(
    history_path: Path, wall: Wall, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Locker]:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    history_path.parent.mkdir(parents=True, exist_ok=True)
    HistoryStore.open(history_path, wall=wall).close()
    with Locker(history_path) as lock:
        yield lock


def test_the_window_works_while_its_history_is_locked_and_shows_it_once_let_go(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    wall: Wall,
    told: Told,
    locked_history: Locker,
    monkeypatch: pytest.MonkeyPatch,
    made: list[MainWindow],
) -> None:
    monkeypatch.setattr(recording, "RETRY_PAUSES", (0.3,) * 200)
    window, threads = _start(
        qtbot, history_services, preferences, routine_dirs, history_path, wall, made
    )
    notice = window.progress.page.notice
    # The routines are listed and the page says why there is no history yet: the event
    # loop ran all along (waitUntil turns it), the file being locked.
    qtbot.waitUntil(lambda: "in use by another program" in notice.text(), timeout=20_000)
    assert len(window.library.entries()) == 4
    assert window.history.waiting and window.history.store is None
    window.show_progress()  # works meanwhile: the page, with the notice
    assert window.page is Page.PROGRESS
    assert not notice.isHidden()
    assert "Trying again" in notice.text()
    assert threading.main_thread() not in threads  # never opened on the window's thread
    with qtbot.waitSignal(window.history_opened, timeout=20_000):
        locked_history.release()
    assert window.history.store is not None
    assert window.progress.page.store is window.history.store
    assert notice.isHidden()
    assert told.said == []  # nothing to say: it opened
    assert threading.main_thread() not in threads


def test_a_history_that_stays_locked_is_said_plainly_and_the_window_goes_on(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    wall: Wall,
    told: Told,
    locked_history: Locker,
    monkeypatch: pytest.MonkeyPatch,
    made: list[MainWindow],
) -> None:
    monkeypatch.setattr(recording, "RETRY_PAUSES", (0.05, 0.05))
    window, threads = _start(
        qtbot, history_services, preferences, routine_dirs, history_path, wall, made
    )
    with qtbot.waitSignal(window.history_opened, timeout=20_000):
        pass
    assert len(threads) == 3 and threading.main_thread() not in threads
    assert window.history.store is None and not window.history.waiting
    ((title, text),) = told.said  # said once
    assert title == "Your history"
    assert "in use by another program" in text and "not recorded" in text
    window.show_progress()
    assert window.progress.page.notice.text() == text
    assert window.open_routine("simple")  # the rest of the window works
