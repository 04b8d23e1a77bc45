"""The history opens just after the routines are listed, not while the window loads; whatever
uses it sooner still works: a session started at once is rated and recorded, the Progress page
opened at once shows the history, the routine page's "last done" line comes once it is open,
and the offer to carry on an unfinished session comes when the routines are read in the
background."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.history import HistoryStore
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.conftest import Asker
from tests.ui.progress.conftest import Told, Wall, rate, run_through
from tests.ui.progress.test_resume_and_faults import _killed_mid_session


class Opener:
    """Opens the test's history, noting what the window showed at that moment."""

    def __init__(self, path: Path, wall: Wall) -> None:
        self.path = path
        self.wall = wall
        self.window: MainWindow | None = None
        self.calls: list[dict[str, object]] = []
        self.painted_rows: list[int] = []  # rows listed at each paint of the list
        self.threads: list[threading.Thread] = []  # where each open ran

    def __call__(self) -> HistoryStore:
        window = self.window
        self.calls.append(
            {
                "listed": len(window.library.entries()) if window is not None else 0,
                "painted": max(self.painted_rows, default=0),
            }
        )
        self.threads.append(threading.current_thread())
        return HistoryStore.open(self.path, wall=self.wall, shared=True)


class PaintWatch(QObject):
    def __init__(self, opener: Opener, window: MainWindow) -> None:
        super().__init__(window)
        self.opener, self.window = opener, window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.opener.painted_rows.append(len(self.window.library.entries()))
        return False


@pytest.fixture
def opener(history_path: Path, wall: Wall) -> Opener:
    return Opener(history_path, wall)


@pytest.fixture
def made(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        if window.controller.active:
            window.controller.stop()
        window.history.close()


def _window(
    qtbot: QtBot,
    preferences: Preferences,
    services: Services,
    made: list[MainWindow],
) -> MainWindow:
    """The window loaded with *services*, nothing else: no turn of the event loop yet."""
    window = MainWindow(preferences, services)
    qtbot.addWidget(window)
    made.append(window)
    return window


def test_the_history_opens_after_the_routines_are_listed_and_painted(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    opener: Opener,
    made: list[MainWindow],
) -> None:
    """As the app starts: the window on screen, then loaded, the routines read in a worker."""
    bundled, user = routine_dirs
    release = threading.Event()

    def slow_load(between: Callable[[], None]) -> Catalog:
        release.wait(10)  # hold the worker until the test has looked at the window
        return load_catalog(bundled, user, between=between)

    given = dataclasses.replace(
        history_services, load_catalog=slow_load, background=True, open_history=opener
    )
    window = MainWindow(preferences)
    qtbot.addWidget(window)
    made.append(window)
    opener.window = window
    window.show()
    qtbot.waitExposed(window)
    window.load(given)
    window.library.list.viewport().installEventFilter(PaintWatch(opener, window))
    assert opener.calls == []  # not while the window loads...
    assert window.history.waiting
    qtbot.wait(50)
    assert opener.calls == []  # ...nor while the routines are being read
    with qtbot.waitSignal(window.history_opened, timeout=10_000):
        release.set()
    assert len(opener.calls) == 1
    listed = len(window.library.entries())
    assert listed == 4  # release, simple, broken and evening
    assert opener.calls[0] == {"listed": listed, "painted": listed}  # the list was on screen
    assert window.history.available
    assert not window.history.waiting
    # #22 item 18: checking a big file (seconds for 60 years) never holds up the window.
    assert opener.threads and threading.main_thread() not in opener.threads
    window.show_progress()
    assert len(opener.calls) == 1  # opened once


def test_a_window_never_shown_opens_its_history_once_the_routines_are_listed(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    opener: Opener,
    made: list[MainWindow],
) -> None:
    """As in the tray, started at login: reminders need to know what was done today."""
    window = _window(
        qtbot, preferences, dataclasses.replace(history_services, open_history=opener), made
    )
    opener.window = window
    assert opener.calls == []
    with qtbot.waitSignal(window.history_opened):
        pass
    assert not window.isVisible()
    assert opener.calls == [{"listed": 4, "painted": 0}]


def test_a_session_started_at_once_is_rated_and_recorded(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    clock: FakeClock,
    made: list[MainWindow],
) -> None:
    window = _window(qtbot, preferences, history_services, made)
    window.show()
    assert window.history.waiting
    assert window.open_routine("evening")
    window.steps.start()
    assert not window.history.waiting  # opened to rate and record the session
    assert window.page is Page.RATING  # the rating before, as ever
    rate(qtbot, window, ["6", "6", "4", "4"])
    assert window.page is Page.PLAYER
    run_through(window, clock)
    assert window.page is Page.RATING
    rate(qtbot, window, ["3", "3", "2", "2"])
    assert window.page is Page.COMPLETION
    assert window.completion.section("after")[0] == "Left psoas: 3 (6 before)"
    store = window.history.store
    assert store is not None
    sessions = store.sessions()
    assert [(s.routine.name, s.ending) for s in sessions] == [("Evening release", "completed")]
    qtbot.wait(20)  # the open scheduled after the list changes nothing now
    assert store is window.history.store
    assert store.count() == 1


def test_the_progress_page_opened_at_once_shows_the_history(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    clock: FakeClock,
    made: list[MainWindow],
) -> None:
    first = _window(qtbot, preferences, history_services, made)
    preferences.ask_ratings = False
    first.history.open()
    assert first.open_routine("simple")
    first.steps.start()
    run_through(first, clock)
    first.close()

    window = _window(qtbot, preferences, history_services, made)
    assert window.history.waiting
    window.show_progress()
    assert window.page is Page.PROGRESS
    assert window.progress.page.total.text() == "1"
    assert window.progress.page.tabs.isEnabled()
    assert not window.progress.page.notice.isVisibleTo(window.progress.page)


def test_the_last_done_line_comes_once_the_history_is_open(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    made: list[MainWindow],
) -> None:
    window = _window(qtbot, preferences, history_services, made)
    window.show()
    assert window.history.waiting
    assert window.open_routine("evening")  # the last routine, opened as the app starts
    assert window.routine.history.text() == ""
    with qtbot.waitSignal(window.history_opened):
        pass
    assert window.routine.history.text() == "Not done yet."
    assert window.routine.history.isVisibleTo(window.routine)


def test_a_damaged_history_found_when_a_session_starts_is_said_once(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    history_path: Path,
    told: Told,
    clock: FakeClock,
    made: list[MainWindow],
) -> None:
    history_path.write_bytes(b"this is not a database at all " * 200)
    preferences.ask_ratings = False
    window = _window(qtbot, preferences, history_services, made)
    assert window.open_routine("simple")
    window.steps.start()
    assert len(told.said) == 1
    assert "moved" in told.said[0][1]
    run_through(window, clock)
    qtbot.wait(20)
    assert len(told.said) == 1
    store = window.history.store
    assert store is not None
    assert store.count() == 1


def test_an_unfinished_session_is_offered_when_the_routines_are_read_in_the_background(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    clock: FakeClock,
    wall: Wall,
    asker: Asker,
    made: list[MainWindow],
) -> None:
    _killed_mid_session(routine_dirs, history_path, clock, wall)
    bundled, user = routine_dirs
    release = threading.Event()

    def slow_load(between: Callable[[], None]) -> Catalog:
        release.wait(10)
        return load_catalog(bundled, user, between=between)

    asker.answer = False  # keep it as it was
    window = MainWindow(preferences)
    qtbot.addWidget(window)
    made.append(window)
    window.show()
    qtbot.waitExposed(window)
    window.load(dataclasses.replace(history_services, load_catalog=slow_load, background=True))
    qtbot.wait(50)
    assert asker.asked == []  # nothing to offer from before the routines are read
    release.set()
    qtbot.waitUntil(lambda: "Carry on where you left off?" in asker.asked, timeout=10_000)
    store = window.history.store
    assert store is not None
    assert [s.ending for s in store.sessions()] == ["interrupted"]


def test_reminders_start_once_the_history_is_open_and_know_what_it_holds(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    made: list[MainWindow],
) -> None:
    """A reminder must not come for a routine already done today, so the reminders wait for
    the history; what they are told was done comes from it once it is open."""
    from psoas_timer.ui.shell.app import attach_practice

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psoas-timer-bus")
    preferences.ask_ratings = False
    first = _window(qtbot, preferences, history_services, made)
    assert first.open_routine("simple")
    first.steps.start()
    run_through(first, clock)
    first.close()

    window = _window(qtbot, preferences, history_services, made)
    attach_practice(window, preferences)
    host = window.practice
    assert host is not None
    assert window.history.waiting
    today = date(2026, 3, 2)  # the test's wall clock
    assert host.controller.done.sessions_done_on(today) == set()  # nothing known yet
    with qtbot.waitSignal(window.history_opened):
        pass
    assert not host.controller._timer.isActive()  # started on the next turn of the loop
    qtbot.waitUntil(lambda: host.controller._timer.isActive())
    assert host.controller.done.sessions_done_on(today) == {"simple"}


@pytest.mark.skipif(
    os.geteuid() != 0, reason="giving a file to another user needs root (CI runs as root)"
)
def test_another_users_history_is_said_once_and_reminders_still_start(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    history_path: Path,
    wall: Wall,
    told: Told,
    monkeypatch: pytest.MonkeyPatch,
    made: list[MainWindow],
) -> None:
    """Hostile case (issue 22, item 6): a history file owned by another user. The window
    ran silently without history and without reminders. Now it says once why nothing is
    recorded, leaves the file as it is, and the reminders start all the same (they read
    "done today" from the history; without it they still come)."""
    from psoas_timer.ui.shell.app import attach_practice

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psoas-timer-bus")
    HistoryStore.open(history_path, wall=wall).close()
    history_path.chmod(0o644)
    os.chown(history_path, 65534, 65534)
    window = _window(qtbot, preferences, history_services, made)
    attach_practice(window, preferences)
    host = window.practice
    assert host is not None
    with qtbot.waitSignal(window.history_opened, timeout=20_000):
        pass
    assert window.history.store is None
    ((title, text),) = told.said  # said once
    assert title == "Your history"
    assert "belongs to another user" in text and "nothing is recorded" in text
    qtbot.waitUntil(lambda: host.controller._timer.isActive())  # the reminders run
    assert host.controller.done.sessions_done_on(date(2026, 3, 2)) == set()
    found = history_path.stat()
    assert (found.st_uid, found.st_mode & 0o777) == (65534, 0o644)
    assert window.open_routine("simple")  # the rest of the window works


def test_the_progress_page_is_made_when_first_opened_with_all_it_was_told(
    qtbot: QtBot,
    history_services: Services,
    preferences: Preferences,
    clock: FakeClock,
    made: list[MainWindow],
) -> None:
    """The start does not build the Progress page (charts, body map, calendar); opened
    later, it shows the history, its notices and its links as if it had been there."""
    from psoas_timer.ui.progress.progress_view import ProgressView

    window = _window(qtbot, preferences, history_services, made)
    window.show()
    with qtbot.waitSignal(window.history_opened, timeout=10_000):
        pass
    assert window.open_routine("evening")
    window.steps.start()
    rate(qtbot, window, ["6", "6", "4", "4"])
    run_through(window, clock)
    rate(qtbot, window, ["3", "3", "2", "2"])
    assert window.page is Page.COMPLETION
    assert window.findChildren(ProgressView) == []  # not made yet
    window.show_progress()
    assert window.page is Page.PROGRESS
    page = window.progress.page
    assert window.findChildren(ProgressView) == [page]
    assert window.pages.currentWidget().isAncestorOf(page)
    assert page.store is window.history.store
    assert page.total.text() == "1"  # the session just done
    assert page.report_button.isEnabled()
    # Its links work: a routine from the body map opens, and the other pages keep their place.
    entry = window.catalog.find("evening") if window.catalog else None
    assert entry is not None
    page.body_map.routine_requested.emit(entry)
    assert window.page is Page.ROUTINE
    broken = window.catalog.find("broken") if window.catalog else None
    assert broken is not None
    window.show_problems(broken)
    assert window.page is Page.PROBLEMS and window.pages.currentWidget() is window.problems
    window.show_progress()
    assert window.progress.page is page and window.page is Page.PROGRESS  # made once


def test_a_notice_given_before_the_progress_page_is_made_shows_when_it_opens(
    qtbot: QtBot, history_services: Services, preferences: Preferences, made: list[MainWindow]
) -> None:
    given = dataclasses.replace(history_services, open_history=None)
    window = _window(qtbot, preferences, given, made)
    window.show()
    window.show_progress()
    assert window.page is Page.PROGRESS
    assert window.progress.page.notice.text() == "No history is kept here."
    assert window.progress.page.notice.isVisible()
    assert not window.progress.page.report_button.isEnabled()
