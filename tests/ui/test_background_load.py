"""The app reads the routines in a worker thread: the window answers meanwhile, a routine asked
for early opens once they are read, and the times follow."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.ui.library.library_view import Roles
from psoas_timer.ui.shell.main_window import MainWindow, Page, Services
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.conftest import write

EXTRA = 24


def test_routines_are_read_off_the_event_loop_and_a_waiting_request_opens(
    qtbot: QtBot, services: Services, preferences: Preferences, routine_dirs: tuple[Path, Path]
) -> None:
    bundled, user = routine_dirs
    for n in range(EXTRA):
        write(user, f"extra-{n:03d}.yaml", f"name: Extra {n}\nsteps:\n  - name: A\n    hold: 5\n")
    threads: list[threading.Thread] = []
    release = threading.Event()

    def slow_load(between: Callable[[], None]) -> Catalog:
        threads.append(threading.current_thread())
        release.wait(10)  # hold the worker until the test has looked at the window
        return load_catalog(bundled, user, between=between)

    given = dataclasses.replace(services, load_catalog=slow_load, background=True)
    window = MainWindow(preferences)
    qtbot.addWidget(window)
    window.show()
    window.load(given)
    assert window.loaded  # the controls are there at once...
    assert window.listing.loading  # ...while the routines are still being read
    assert window.catalog is None
    assert window.open_routine("simple")  # waits for the routines
    assert window.page is Page.LIBRARY
    release.set()
    qtbot.waitUntil(lambda: not window.listing.loading, timeout=10_000)
    assert threads
    assert threads[0] is not threading.main_thread()
    assert window.page is Page.ROUTINE
    assert window.routine.name.text() == "Simple stretch"
    assert window.catalog is not None
    assert len(window.library.entries()) == len(window.catalog.entries) == 3 + EXTRA

    def times() -> list[str]:
        library = window.library
        return [str(library.row_data(row, Roles.TIME)) for row in range(3 + EXTRA)]

    qtbot.waitUntil(lambda: "…" not in times())  # every total shown once worked out
    assert "0:15" in times()  # a 5 s hold after the 10 s get-ready


def test_a_failed_read_is_said_not_waited_on(
    qtbot: QtBot, services: Services, preferences: Preferences
) -> None:
    def broken_load(between: Callable[[], None]) -> Catalog:
        raise OSError("the disk went away")

    given = dataclasses.replace(services, load_catalog=broken_load, background=True)
    window = MainWindow(preferences, given)
    qtbot.addWidget(window)
    qtbot.waitUntil(
        lambda: (
            "Cannot read the routines: the disk went away" in window.statusBar().currentMessage()
        )
    )
