"""Start the app: build the services once and pass them in (no service locator).

:func:`run` puts the window on screen before anything heavy is imported or read: a bare
frame first, then, once it has been painted, the pages, the routines, sound and the tray
(:meth:`MainWindow.load`). ``benchmarks/startup.py`` measures both moments.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from psoas_timer import APP_ID, APP_NAME, DESKTOP_ID, ORGANIZATION, __version__, paths
from psoas_timer.ui.common.after_paint import AfterNextPaint
from psoas_timer.ui.common.translation import apply_language
from psoas_timer.ui.shell.main_window import MainWindow, Services
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.shell.single_instance import SingleInstance

if TYPE_CHECKING:
    from datetime import date

    from psoas_timer.history import HistoryStore
    from psoas_timer.ui.remote.mpris import MprisService

log = logging.getLogger(__name__)

__all__ = ["create_window", "load_window", "run", "services"]

_log = logging.getLogger(__name__)


def _application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)  # lets Wayland docks match the menu entry
    icon = paths.assets_dir() / "icons" / f"{APP_ID}.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def services(preferences: Preferences) -> Services:
    """The real services: routines from disk, the monotonic clock, sound, the screensaver,
    and the history in the user data folder."""
    from psoas_timer.core.catalog import Catalog, load_catalog
    from psoas_timer.core.clock import monotonic
    from psoas_timer.ui.shell.screensaver import ScreenSaverInhibitor
    from psoas_timer.ui.sound.output import CueOutput, DeferredOutput, make_output

    def load(between: Callable[[], None] | None = None) -> Catalog:
        from psoas_timer.core.tempfiles import remove_stale_temps

        remove_stale_temps(paths.user_routines_dir())  # left by saves killed half way
        return load_catalog(paths.catalog_layout(), between=between)

    def sound() -> CueOutput:
        return make_output(paths.assets_dir(), settings=preferences.audio_settings())

    def history() -> HistoryStore:
        from psoas_timer.history import HistoryStore

        # opened on a worker thread, then used on the window's (HistoryOpening)
        return HistoryStore.open(paths.history_file(), shared=True)

    store = preferences.file_name
    return Services(
        load_catalog=load,
        storage_problem=paths.storage_problem(
            store if os.path.isabs(store) else None, preferences.problem
        ),
        clock=monotonic,
        audio=DeferredOutput(sound),  # opened just after the routines are listed
        inhibitor=ScreenSaverInhibitor(),
        folders=(paths.bundled_routines_dir(), paths.user_routines_dir()),
        open_history=history,
        background=True,  # a large library must not hold up the window
    )


def _open(window: MainWindow, routine: str | None) -> None:
    """Open *routine*, or the last one used; the library when neither opens.

    Before the window has loaded, the request waits for :meth:`MainWindow.load`.
    """
    key = routine or window.preferences.last_routine
    if key and not window.open_routine(key) and routine is None:
        window.show_library()


def create_window(routine: str | None = None, *, settings: QSettings | None = None) -> MainWindow:
    """The real window with its real services, loaded, opened on *routine* or the last one."""
    preferences = Preferences(settings if settings is not None else QSettings())
    apply_language(preferences.language)
    given = dataclasses.replace(services(preferences), background=False)  # loaded on return
    window = MainWindow(preferences, given)
    _open(window, routine)
    return window


class _WindowHistoryDone:
    """The routines completed on a day, from the window's session history once it is open
    (nothing before: the reminders start only then)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def sessions_done_on(self, day: date) -> set[str]:
        from psoas_timer.practice.history_log import HistoryDoneLog

        store = self._window.history.store
        return HistoryDoneLog(store).sessions_done_on(day) if store is not None else set()

    def sessions_done_between(self, since: date, until: date) -> dict[date, set[str]]:
        from psoas_timer.practice.history_log import HistoryDoneLog

        store = self._window.history.store
        return HistoryDoneLog(store).sessions_done_between(since, until) if store else {}


def attach_practice(window: MainWindow, preferences: Preferences) -> None:
    """Reminders, desk breaks and the programme, started once the window is up and its
    history open. What was done today comes from the window's session history (and the
    sessions of this run)."""
    from PySide6.QtCore import Qt

    from psoas_timer.ui.practice.host import PracticeHost

    tray = window.tray
    host = PracticeHost(
        window,
        lambda: window.catalog,
        (paths.bundled_routines_dir(), paths.user_routines_dir()),
        paths.user_data_dir(),
        options=preferences.practice_options(),
        save_options=preferences.set_practice_options,
        session_running=lambda: window.controller.active,
        tray=tray,
        tray_available=tray is not None and tray.available,
        done=_WindowHistoryDone(window),
    )
    window.attach_practice(host)

    def start() -> None:
        QTimer.singleShot(0, host, host.start)

    if window.history.waiting:  # a reminder must not come for a routine already done today
        window.history_opened.connect(start, Qt.ConnectionType.SingleShotConnection)
    else:
        start()


def attach_remote_control(window: MainWindow) -> MprisService:
    """The app as a media player on the session bus (MPRIS): media keys, earbuds, the
    desktop's media widget and a phone drive the session. Without a bus, it says once in
    the log why, and the app runs as ever."""
    from psoas_timer.ui.remote.mpris import MprisService
    from psoas_timer.ui.shell.remote_link import attach_remote

    service = MprisService(window, clock=window.controller.clock)
    attach_remote(window, service)
    return service


def load_window(
    window: MainWindow,
    preferences: Preferences,
    remote: list[MprisService],
    *,
    background: bool = False,
) -> None:
    """Fill the shown frame (:meth:`MainWindow.load`, the routines read in the background)
    and give it its tray; then, after the list has been painted, open sound and start daily
    practice and the remote control (appended to *remote*): the user needs the list and
    Start at once, and none of those (some 0.1 s of imports and setup; a session started
    sooner opens sound itself). Python's cycle collector is held off until then
    (:mod:`.start_collector`). With *background* and no tray to wait in, show the window."""
    from psoas_timer.ui.shell.start_collector import LATEST_S, CollectorHold

    collector = CollectorHold()
    collector.hold()  # from here until the list is painted (see start_collector)
    from psoas_timer.ui.shell.tray import SessionTray

    given = services(preferences)

    def extras() -> None:
        attach_practice(window, preferences)
        remote.append(attach_remote_control(window))

    window.load(given)
    window.attach_tray(SessionTray(QApplication.windowIcon(), preferences, parent=window))
    window.after_listing.add(given.audio.prepare)  # the sound device
    window.after_listing.add(extras)
    window.after_listing.add(collector.let_go)
    window.closing.stop(collector.let_go)
    QTimer.singleShot(round(LATEST_S * 1000), collector.let_go)  # should the list never show
    if background and not (window.tray is not None and window.tray.available):
        window.show()  # no tray to wait in


def run(routine: str | None, background: bool = False) -> int:
    """Open the window (on *routine*, a name or a path) and run until it closes.

    A second launch hands its routine to the running window and exits. With *background*
    (what the autostart entry runs) the window stays hidden and the app waits in the tray
    for reminders; where there is no tray it opens as usual.
    """
    app = _application()
    _log.info("%s %s starting on %s", APP_NAME, __version__, app.platformName())
    instance = SingleInstance()
    if background and instance.is_running():
        return 0  # already running: a login start must not bring the window up
    if not instance.claim(routine):
        return 0
    preferences = Preferences(QSettings())
    apply_language(preferences.language)  # before any widget has a word on it
    window = MainWindow(preferences)
    _open(window, routine)  # waits for load(); a later launch's routine replaces it

    def on_activated(key: object) -> None:
        if isinstance(key, str):
            window.open_routine(key)  # waits for load() if it comes that early
        instance.raise_window(window)

    remote: list[MprisService] = []
    instance.activated.connect(on_activated)
    AfterNextPaint(window, lambda: load_window(window, preferences, remote, background=background))
    if not background:
        window.show()
    try:
        return app.exec()
    finally:
        for service in remote:
            service.stop()
        instance.close()
