"""The main window: library, routine page, player and completion, and every control.

It starts in two steps, so the window is on screen at once and fills a moment later:
``MainWindow(preferences)`` is a bare frame (title, saved geometry) that imports nothing
heavy; :meth:`MainWindow.load` then builds the pages, the controls and the session
controller and reads the routines, with the injected :class:`Services` (catalog loader,
clock, sound, screensaver). Passing the services to the constructor does both at once,
which is what tests and tools do. Until it has loaded, a request to open a routine waits.
The routines are read by :attr:`MainWindow.listing` (:mod:`.routine_listing`). The session
history opens just after they are first listed (:mod:`.history_opening`), or sooner when
something needs it; :attr:`MainWindow.history_opened` says when. The Progress page is made the
first time it is shown (:attr:`MainWindow.progress`, a :mod:`.progress_slot`), and what waits
for the list (sound, daily practice, the remote control) is queued on
:attr:`MainWindow.after_listing` (:mod:`.after_listing`). Closing is :mod:`.window_closing`.

It wires views to the session controller and to its services in
:meth:`MainWindow._connect_signals`; it holds no rules of its own. Slots are named
``_on_<signal>``. Whole concepts live in modules of their own beside it, each an object the
window owns and makes in :meth:`MainWindow.load`, given only what it needs (a narrow
Protocol of the window, never the window's class): the steps around a session
(:mod:`.session_steps`, showing what :mod:`psoas_timer.session.flow` decides), the
session's controls (:mod:`.session_controls`), the options and help (:mod:`.view_options`),
the editor (:mod:`.editor_link`), a routine file from elsewhere (:mod:`.routine_import`),
the tray icon (:mod:`.tray_link`), daily practice (:mod:`.practice_link`), and what the window
is given (:mod:`.window_parts`). Other parts connect to the object that owns what they use
(``window.steps.start`` to start a session), never through a relay on the window.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from psoas_timer import APP_NAME
from psoas_timer.i18n import _
from psoas_timer.ui.shell.after_listing import AfterListing
from psoas_timer.ui.shell.routine_listing import RoutineListing
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.shell.window_closing import WindowClosing
from psoas_timer.ui.shell.window_parts import (
    Page,
    Services,
    ask_user,
    inform_user,
    scrolled,
    show_storage_problem,
)

# Everything below is imported in load(), after the window is first shown: the views pull in
# the core, and the core pulls in pydantic, which together take longer than Qt itself. Even
# PySide's ``Qt`` namespace is left until needed: its first import builds some hundred enum
# classes (about 20 ms).
if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.session.recording import Opened
    from psoas_timer.ui.library.routine_watcher import RoutineWatcher
    from psoas_timer.ui.practice.host import PracticeHost
    from psoas_timer.ui.progress.progress_view import ProgressView
    from psoas_timer.ui.shell.history_opening import HistoryOpening
    from psoas_timer.ui.shell.practice_link import PracticeLink
    from psoas_timer.ui.shell.progress_slot import ProgressSlot
    from psoas_timer.ui.shell.tray import SessionTray
    from psoas_timer.ui.shell.tray_link import TrayLink

__all__ = ["MainWindow", "Page", "Services", "ask_user", "inform_user"]

log = logging.getLogger(__name__)


def _is_file(path: Path) -> bool:
    """Whether *path* is a file; a name no file system takes (too long, say) is not one."""
    try:
        return path.is_file()
    except OSError:
        return False


class MainWindow(QMainWindow):
    #: The routines have been read and the list shows them (after each reload too).
    routines_listed = Signal()
    #: The session history has been opened (or found unusable), once, after :meth:`load`.
    history_opened = Signal()

    def __init__(self, preferences: Preferences, services: Services | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("main_window")
        from psoas_timer.ui.common.message_bar import MessageBar

        self.setStatusBar(MessageBar(self))  # a long message shortened with "…", not cut off
        self.preferences = preferences
        self.catalog: Catalog | None = None
        self.entry: Entry | None = None
        self.tray: SessionTray | None = None
        self.practice: PracticeHost | None = None
        self._practice: PracticeLink | None = None
        #: :meth:`load` has built the pages and controls.
        self.loaded = False
        self.listing = RoutineListing(self, self)
        self._history_opening: HistoryOpening | None = None
        self._tray_link: TrayLink | None = None
        #: Work that waits until the routine list is on screen (:mod:`.after_listing`).
        self.after_listing = AfterListing(self)
        self.closing = WindowClosing(self, preferences)
        geometry = preferences.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)
        from psoas_timer.ui.common.screen_fit import fit_to_screen, install_screen_fit

        install_screen_fit()  # every window and dialog, as it is shown and once it has a frame
        fit_to_screen(self)  # a size saved on a bigger screen, or the default on a small one
        if preferences.stay_on_top:
            from PySide6.QtCore import Qt

            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        if preferences.theme != "system":
            from psoas_timer.ui.common.theme import apply_theme

            apply_theme(preferences.theme)
        if services is not None:
            self.load(services)

    def load(self, services: Services) -> None:
        """Build the pages and controls, connect them and read the routines (once)."""
        if self.loaded:
            return
        from psoas_timer.ui.shell.routine_import import RoutineDrops

        self.services = services
        self._make_pages(services)
        self._make_helpers(services)
        self.loaded = True
        self.options.restore()
        self._connect_signals()
        self._when_closing(services)
        if services.storage_problem:
            show_storage_problem(self, services.storage_problem)
        controller = self.controller  # nothing dropped opens during a session:
        RoutineDrops(self, open_routine=self.open_routine, running=lambda: controller.active)
        self.listing.start(services.load_catalog, self.library, background=services.background)
        self.controls.sync_actions()
        self.toolbar.fit(self.width())
        if self.isVisible():
            self._after_shown()

    def _make_pages(self, services: Services) -> None:
        """The pages in their stack, the history, the actions and the session controller."""
        from psoas_timer.ui.library.library_view import LibraryView
        from psoas_timer.ui.library.problems_view import ProblemsView
        from psoas_timer.ui.library.routine_view import RoutineView
        from psoas_timer.ui.player.completion_view import CompletionView
        from psoas_timer.ui.player.player_view import PlayerView
        from psoas_timer.ui.player.session_controller import SessionController
        from psoas_timer.ui.progress.rating_prompt import RatingPrompt
        from psoas_timer.ui.shell.actions import create_actions
        from psoas_timer.ui.shell.progress_slot import ProgressSlot
        from psoas_timer.ui.shell.toolbar import ControlsBar

        self.library, self.routine = LibraryView(), RoutineView()
        self.player, self.completion = PlayerView(services.clock), CompletionView()
        self.rating = RatingPrompt()
        self.problems = ProblemsView()
        self.pages = pages = QStackedWidget()
        for page in (self.library, self.routine, self.player, self.completion):
            pages.addWidget(page)
        pages.addWidget(scrolled(self.rating))  # it does not make the window larger
        #: The Progress page, made when first shown (``progress.page``).
        self.progress: ProgressSlot = ProgressSlot(pages, self._make_progress)
        pages.addWidget(self.problems)
        self.setCentralWidget(pages)
        self._make_history(services)
        self.commands = create_actions(self)
        prefs = self.preferences
        self.toolbar = ControlsBar(self.commands, prefs.theme, self, prefs.language)
        self.toolbar.put_in(self)  # at the top, fitted to the window's width as it changes
        self.watcher: RoutineWatcher | None = None
        if services.folders is not None:
            from psoas_timer.ui.library.routine_watcher import RoutineWatcher

            self.watcher = RoutineWatcher(list(services.folders), self)
        self.controller = SessionController(services.clock, self)

    def _make_history(self, services: Services) -> None:
        """The history's link, opened just after the list or when first needed
        (:mod:`.history_opening`), and what the user is told of it (:mod:`.history_notices`)."""
        from psoas_timer.session.recording import HistoryLink
        from psoas_timer.ui.shell.history_notices import HistoryNotices
        from psoas_timer.ui.shell.history_opening import HistoryOpening

        told = bool(services.storage_problem)  # said at start: not said again
        notices = HistoryNotices(self, self.progress, services.inform, told_already=told)

        def opened(found: Opened) -> None:
            notices.opened(found)
            self.history_opened.emit()

        self.history = HistoryLink(opener=services.open_history, on_open=opened)
        background = services.background and services.open_history
        self._history_opening = HistoryOpening(
            self, self.history.open, self.history if background else None, notices.waiting
        )
        self.progress.set_store(
            None,
            _("Opening your history…") if self.history.waiting else _("No history is kept here."),
        )

    def _make_helpers(self, services: Services) -> None:
        """The objects that each look after one concept of the window (see the module's
        text), each given what it needs of it."""
        from psoas_timer.ui.shell.editor_link import EditorLink
        from psoas_timer.ui.shell.session_controls import SessionControls
        from psoas_timer.ui.shell.session_steps import SessionPages, SessionSteps
        from psoas_timer.ui.shell.view_options import OptionsParts, ViewOptions

        self.steps = SessionSteps(
            self,
            self,
            pages=SessionPages(self.routine, self.rating, self.player, self.completion),
            controller=self.controller,
            services=services,
            preferences=self.preferences,
            history=self.history,
        )
        parts = OptionsParts(
            self.commands,
            self.toolbar,
            self.player,
            self.library,
            self.routine,
            self.controller,
            self.history,
        )
        self.options = ViewOptions(self, self, parts, services, self.preferences)
        self.editing = EditorLink(
            self,
            self,
            commands=self.commands,
            controller=self.controller,
            folders=services.folders,
            watcher=self.watcher,
            start=self.steps.start,
        )
        self.controls = SessionControls(
            self,
            self,
            commands=self.commands,
            controller=self.controller,
            player=self.player,
            services=services,
            rule=self.steps.flow,
            start=self.steps.start,
        )

    def _when_closing(self, services: Services) -> None:
        """What may keep the window open when it is closed, and what stops then, in order."""
        closing = self.closing
        closing.check(self.editing.keeps_open)  # unsaved changes in the editor
        closing.check(self.steps.keeps_open)  # a session runs: stop it?
        for stop in (
            self.steps.stop_for_closing,
            self.listing.stop,
            self.history.close,
            self.player.stop,
        ):
            closing.stop(stop)
        closing.stop(lambda: self.practice.stop() if self.practice is not None else None)
        closing.stop(services.inhibitor.release)
        closing.loaded()

    # -- the history, and what else waits for the list ----------------------------------
    def _schedule_history(self) -> None:
        if self._history_opening is not None:
            self._history_opening.schedule()
        self.after_listing.run()

    def _make_progress(self) -> ProgressView:
        from psoas_timer.ui.progress.progress_view import ProgressView

        services = self.services
        # With services in the background, the page's whole-history figures are too.
        page = ProgressView(services.ask, background=services.background)
        page.body_map.routines = lambda: self.catalog.entries if self.catalog else []
        page.body_map.routine_requested.connect(self.open_entry)
        page.history_changed.connect(self.steps.show_routine_history)
        return page

    def _connect_signals(self) -> None:
        from psoas_timer.ui.shell.routine_import import add_to_routines

        a = self.commands
        a.back.triggered.connect(self.show_library)
        a.reload.triggered.connect(self.reload)
        a.quit.triggered.connect(self._on_quit_triggered)
        a.reminders.triggered.connect(self._on_reminders_triggered)
        a.progress.triggered.connect(self.show_progress)
        self.steps.connect_signals()
        self.history_opened.connect(self.steps.on_history_opened)
        self.routines_listed.connect(self.steps.maybe_offer_resume)
        self.listing.unreadable.connect(self._schedule_history)  # no list to wait for
        # The running set's time is written now and then, so a crash loses little of it.
        self.controller.updated.connect(self.history.checkpoint)
        self.editing.connect_signals()
        self.library.routine_chosen.connect(self.open_entry)
        self.library.problems_chosen.connect(self.show_problems)
        self.routine.start_requested.connect(self.steps.start)
        self.routine.import_requested.connect(partial(add_to_routines, self))
        self.completion.again_requested.connect(self.steps.start)
        self.completion.library_requested.connect(self.show_library)
        self.controls.connect_signals()
        self.options.connect_signals()

    # -- navigation ----------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return Page(self.pages.currentIndex())

    def go(self, page: Page) -> None:
        """Show *page*, at its top when it was not already showing."""
        if self.pages.currentIndex() != int(page):
            from psoas_timer.ui.common.screen_fit import scroll_to_top

            shown = self.pages.widget(int(page))
            if shown is not None:
                scroll_to_top(shown)
        self.pages.setCurrentIndex(int(page))
        self.controls.sync_actions()

    def reload(self) -> None:
        """Read the routines again (bundled and the user's)."""
        catalog = self.services.load_catalog()
        catalog.work_out_totals()
        self.show_catalog(catalog)

    def show_catalog(self, catalog: Catalog) -> None:
        """List *catalog*, and show afresh the routine or the problems shown."""
        self.catalog = catalog
        self.library.set_catalog(catalog)
        self.routines_listed.emit()
        self._schedule_history()  # now that the list is up (once)
        # The routine shown is shown afresh; from any other page (the library after F5, the
        # rating, Progress) nothing takes the user away.
        here = self.page is Page.ROUTINE
        if self.page is Page.PROBLEMS and self.problems.entry is not None:
            fixed = catalog.resolve(str(self.problems.entry.path))
            if fixed is not None and fixed.ok:
                self.open_entry(fixed)  # saved in the user's editor, and good now
            elif fixed is not None:
                self.problems.set_entry(fixed)
        elif self.entry is not None and not self.controller.active and here:
            fresh = catalog.find(str(self.entry.path))
            if fresh is not None and fresh.ok:
                self.open_entry(fresh)

    def search_routines(self) -> None:
        """The routines, with the cursor in the search box (Ctrl+F, /)."""
        self.show_library()
        self.library.focus_search()

    def show_library(self) -> None:
        if not self.controller.active:
            self.steps.leave_rating()
            self.go(Page.LIBRARY)
            self.library.list.setFocus()

    def open_entry(
        self, entry: Entry, *, remember: bool = True, changes: list[str] | None = None
    ) -> None:
        """Show *entry*'s routine page; *remember* it as the one to open next time;
        *changes*: what changed since last week (a programme's session)."""
        if entry.routine is None or self.controller.active:
            return
        self.steps.leave_rating()
        self.entry = entry
        self.routine.set_entry(entry, changes)
        self.steps.show_routine_history()
        self.player.set_plan(entry.plan)
        if remember:
            self.preferences.last_routine = str(entry.path)
        self.go(Page.ROUTINE)

    def open_routine(self, key: str) -> bool:
        """Open a routine by file path, file name or name; False when there is none.

        Before :meth:`load` (or while the routines are first read) the request waits, and
        the answer is True.
        """
        if not self.loaded or self.catalog is None:
            self.listing.wait_to_open(key)
            return True
        entry = self.catalog.resolve(key)
        if entry is None or entry.routine is None:
            if entry is not None and _is_file(entry.path) and not self.controller.active:
                self.show_problems(entry)  # what is wrong, where, and a way to fix it
                return False
            problems = "; ".join(str(p) for p in entry.problems) if entry else _("no such routine")
            self.statusBar().showMessage(
                _("Cannot open {routine}: {problems}").format(routine=key, problems=problems),
                15000,
            )
            return False
        self.open_entry(entry)
        return True

    def show_problems(self, entry: Entry) -> None:
        """Show what is wrong with *entry*'s file, with a way to open it in an editor."""
        if self.controller.active:
            return
        self.steps.leave_rating()
        self.problems.set_entry(entry)
        self.go(Page.PROBLEMS)
        self.problems.open_editor.setFocus()

    def show_progress(self) -> None:
        """The Progress page, drawn from the history as it is now."""
        if self.controller.active:
            return
        self.steps.leave_rating()
        self.history.open()  # asked for before it opened on its own: open it now
        page = self.progress.page  # made now, the first time
        if self.history.store is not None:
            page.refresh(self.history.store.wall().date())
        self.go(Page.PROGRESS)
        page.tabs.setFocus()

    # -- the tray ------------------------------------------------------------------------
    def attach_tray(self, tray: SessionTray) -> None:
        """Show *tray*: pause or resume and time left from the panel; maybe close to it
        (:mod:`.tray_link`)."""
        from psoas_timer.ui.shell.tray_link import TrayLink

        self.tray = tray
        link = self._tray_link = TrayLink(self, tray, self.controller)
        self.closing.check(lambda: link.hides_on_close(self.practice), first=True)

    # -- daily practice (see PracticeLink) ------------------------------------------------
    def attach_practice(self, host: PracticeHost) -> None:
        """Reminders, desk breaks and the programme: the Today line, the tray items, and
        Start now opening the routine."""
        from psoas_timer.ui.shell.practice_link import PracticeLink

        self.practice = host
        self.progress.set_programme(host.controller.followed_programme)
        self._practice = PracticeLink(
            self, self, host, library=self.library, controller=self.controller, tray=self.tray
        )
        self.routines_listed.connect(self._practice.show_today)
        self.history_opened.connect(self._practice.show_today)

    def _on_quit_triggered(self) -> None:
        """Quit quits, tray or not."""
        if self._tray_link is not None:
            self._tray_link.quit()
        else:
            self.close()

    def _on_reminders_triggered(self) -> None:
        if self._practice is None:
            self.statusBar().showMessage(_("Reminders are not ready yet."), 5000)
            return
        self._practice.open_dialog()

    # -- window events -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.loaded:
            self._after_shown()

    def _after_shown(self) -> None:
        if self.page is Page.LIBRARY:
            self.library.list.setFocus()  # not the search box: no blinking cursor when idle
        self.steps.after_shown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closing.close():  # see WindowClosing
            event.accept()
        else:
            event.ignore()
