"""Everything the window needs for daily practice, behind one object.

The shell makes a :class:`PracticeHost` once the routines are read, hands it what it knows
(the catalog, whether a session runs, the tray, the saved options) and listens to
:attr:`PracticeHost.open_requested`. The host makes the notification sender, the idle monitor,
the full-screen check and the controller, and answers the questions the shell's parts ask:
the library page's "Today" line, today's session as an entry to open, whether closing the
window should keep the app in the tray.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu, QWidget

from psoas_timer.core.catalog import Catalog, Entry
from psoas_timer.i18n import _
from psoas_timer.paths import user_cache_dir
from psoas_timer.practice.clocks import Clocks
from psoas_timer.practice.programmes import Programmes, load_programmes
from psoas_timer.practice.schedule import AnyOf, DoneLog, SessionsThisRun

from .controller import PracticeController, PracticeOptions, TrayMessages
from .desktop_notifications import DesktopNotifications
from .do_not_disturb import DoNotDisturb
from .fullscreen import FullScreenProbe
from .idle import IdleMonitor
from .reminders_dialog import edit_reminders
from .tray_menu import PracticeMenu

__all__ = ["PracticeHost"]

log = logging.getLogger(__name__)

WAIT_FOR_CATALOG_MS = 300
#: How long the first poll waits for the bus to say whether there is a notification server
#: (a reminder due at start goes the best way); the window never waits for it.
WAIT_FOR_BUS_MS = 2000


class PracticeHost(QObject):
    #: Open this entry, ready to start, with what changed since last week (may be empty).
    open_requested = Signal(object, list)
    #: The "Today" line or the tray items need redrawing.
    changed = Signal()

    def __init__(
        self,
        window: QWidget,
        catalog: Callable[[], Catalog | None],
        folders: tuple[Path, Path],
        data_dir: Path,
        *,
        options: PracticeOptions,
        save_options: Callable[[PracticeOptions], None],
        session_running: Callable[[], bool],
        tray: TrayMessages | None,
        tray_available: bool,
        done: DoneLog | None = None,
        clocks: Clocks | None = None,
        notifications: DesktopNotifications | None = None,
        idle: IdleMonitor | None = None,
        fullscreen: Callable[[], bool] | None = None,
        quiet: DoNotDisturb | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._catalog = catalog
        self._folders = folders
        self._programmes: Programmes | None = None
        self._programmes_of: Catalog | None = None
        self.tray_available = tray_available
        self.this_run = SessionsThisRun()
        done_log: DoneLog = self.this_run if done is None else AnyOf(self.this_run, done)
        self.notifications = notifications or DesktopNotifications(self)
        self.idle = idle or IdleMonitor(self)
        #: Whether a window is full screen (this one, or the desktop's active one).
        self.fullscreen = fullscreen or FullScreenProbe(window.isFullScreen)
        #: The desktop's Do Not Disturb: no reminder or desk break pops up during it.
        self.quiet = quiet or DoNotDisturb(self)
        self.controller = PracticeController(
            data_dir,
            self.programmes,
            self._routine_name,
            clocks=clocks,
            done=done_log,
            notifications=self.notifications,
            tray=tray,
            idle=self._idle_seconds,
            session_running=session_running,
            fullscreen=self.fullscreen,
            quiet=lambda: self.quiet.active,
            options=options,
            save_options=save_options,
            prompt_parent=window,
            routine_icon=self._routine_icon,
            parent=self,
        )
        self.quiet.changed.connect(self._on_quiet_changed)
        self.controller.start_requested.connect(self.open_routine)
        self.controller.changed.connect(self.changed)
        self.menu: PracticeMenu | None = None
        self._first_look = False

    def start(self) -> None:
        """Connect to the desktop and start polling. Polling waits for the routines to be
        read (a programme's reminder needs them to know today's session, and one looked at
        too early would be dropped) and, a moment at most, for the bus to say whether there
        is a notification server. Nothing here waits on the bus: it answers on its thread."""
        if self._catalog() is None:
            QTimer.singleShot(WAIT_FOR_CATALOG_MS, self, self.start)
            return
        if not self.notifications.available:
            self.notifications.start()
        self.quiet.start()
        self.idle.probe()  # answered on the bus thread, by the time a desk break asks
        asking = self.notifications.asking
        self.controller.start(look_now=not asking)
        if asking:
            self._first_look = True
            self.notifications.answered.connect(self._look_first)
            QTimer.singleShot(WAIT_FOR_BUS_MS, self, self._look_first)

    def _look_first(self) -> None:
        """The first look at what is due, once the bus said whether there is a
        notification server (or it took too long to)."""
        if not self._first_look:
            return
        self._first_look = False
        with contextlib.suppress(RuntimeError, TypeError):  # not connected
            self.notifications.answered.disconnect(self._look_first)
        self.controller.poll()

    def stop(self) -> None:
        self._first_look = False  # a first look still waiting for the bus never comes
        self.controller.stop()
        self.notifications.stop()
        self.quiet.stop()
        self.idle.stop()

    def _on_quiet_changed(self, quiet: bool) -> None:
        if not quiet:
            self.controller.poll()  # what came due meanwhile is offered now, once
        if isinstance(self.fullscreen, FullScreenProbe):
            self.fullscreen.close()

    # -- what the shell asks ---------------------------------------------------------------
    @property
    def keep_in_tray(self) -> bool:
        """Whether closing the window should leave the app in the tray, to remind."""
        return (
            self.tray_available
            and self.controller.options.keep_in_tray
            and self.controller.has_reminders
        )

    def today_text(self) -> tuple[str | None, bool]:
        """The library's line (``Today: ...``) and whether it opens a session."""
        today = self.controller.today()
        if today is None:
            return None, False
        return _("Today: {session}").format(session=today.label()), today.routine is not None

    def add_menu(self, menu: QMenu, before: object = None) -> PracticeMenu:
        self.menu = PracticeMenu(menu, self.controller, self.open_dialog, before)  # type: ignore[arg-type]
        return self.menu

    def programmes(self) -> Programmes:
        """The programmes, read again whenever the catalog is."""
        catalog = self._catalog()
        if catalog is None:
            return Programmes([])
        if self._programmes is None or self._programmes_of is not catalog:
            bundled, user = self._folders
            self._programmes = load_programmes(catalog, [(bundled, True), (user, False)])
            self._programmes_of = catalog
            for entry in self._programmes.entries:
                for problem in entry.problems:
                    log.warning("programme %s: %s", entry.path.name, problem)
        return self._programmes

    def session_finished(self, routine: str, completed: bool) -> None:
        """A session of routine *routine* (its key) ended: a completed one counts as done
        today (no reminder for it, and a programme that counts sessions moves on)."""
        if completed:
            self.this_run.record(routine, self.controller.clocks.now().date())
            self.changed.emit()

    # -- actions ---------------------------------------------------------------------------
    def open_dialog(self) -> None:
        catalog = self._catalog()
        routines = sorted(
            ((e.path.stem, e.name) for e in (catalog.entries if catalog else []) if e.ok),
            key=lambda pair: pair[1].lower(),
        )
        self.idle.probe()
        edit_reminders(
            self.controller,
            routines,
            idle_text=self.idle.description,
            tray_available=self.tray_available,
            parent=self._window,
        )

    def open_today(self) -> None:
        today = self.controller.today()
        if today is not None and today.routine is not None:
            self.open_routine(today.routine)

    def open_routine(self, key: str) -> None:
        """Open routine *key*; today's programme session comes with this week's changes."""
        catalog = self._catalog()
        entry = catalog.find(key) if catalog is not None else None
        if entry is None or entry.routine is None:
            log.warning("a reminder names routine %r, which cannot be opened", key)
            return
        session = self.controller.programme_routine(key)
        if session is None:
            self.open_requested.emit(entry, [])
            return
        routine, changes = session
        self.open_requested.emit(Entry(entry.path, entry.bundled, routine=routine), changes)

    # -- internals -------------------------------------------------------------------------
    def _routine_name(self, key: str) -> str | None:
        catalog = self._catalog()
        entry = catalog.find(key) if catalog is not None else None
        return entry.name if entry is not None else None

    def _routine_icon(self, key: str) -> str | None:
        """A picture of routine *key*'s first exercise for its notification (a PNG in the
        cache folder), or None."""
        catalog = self._catalog()
        entry = catalog.find(key) if catalog is not None else None
        if entry is None:
            return None
        # Imported on first use: it pulls in the figure rig's SVG writer, and that the
        # standard library's URL and SSL code (some 40 ms and several MB at every start).
        from .notification_icon import routine_icon

        path = routine_icon(entry.routine, user_cache_dir() / "notification-pictures")
        return str(path) if path is not None else None

    def _idle_seconds(self) -> float | None:
        return self.idle.idle_seconds()
