"""The main window: library, routine page, player and completion, and every control.

It starts in two steps, so the window is on screen at once and fills a moment later:
``MainWindow(preferences)`` is a bare frame (title, saved geometry) that imports nothing
heavy; :meth:`MainWindow.load` then builds the pages, the controls and the session
controller and reads the routines, with the injected :class:`Services` (catalog loader,
clock, sound, screensaver). Passing the services to the constructor does both at once,
which is what tests and tools do. Until it has loaded, a request to open a routine waits.
The session history opens just after the routines are first listed (:mod:`.history_opening`),
or sooner when something needs it; :attr:`MainWindow.history_opened` says when.

It wires views to the session controller and to its services in
:meth:`MainWindow._connect_signals`; it holds no rules of its own. Slots are named
``_on_<signal>``. Whole concepts live in modules of their own beside it, each an object the
window owns and makes in :meth:`MainWindow.load`: the steps around a session
(:mod:`.session_steps`, showing what :mod:`psoas_timer.session.flow` decides), the
session's controls (:mod:`.session_controls`), the options and
help (:mod:`.view_options`), the editor (:mod:`.editor_link`), a routine file from elsewhere
(:mod:`.routine_import`), and what the window is given and builds (:mod:`.window_parts`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QStackedWidget,
    QToolButton,
)

from psoas_timer import APP_NAME
from psoas_timer.ui.common.reduced_motion import reduced_motion
from psoas_timer.ui.shell.settings import Preferences
from psoas_timer.ui.shell.window_parts import (
    Loaded,
    Page,
    Services,
    ask_user,
    inform_user,
    scrolled,
)

# Everything below is imported in load(), after the window is first shown: the views pull in
# the core, and the core pulls in pydantic, which together take longer than Qt itself. Even
# PySide's ``Qt`` namespace is left until needed: its first import builds some hundred enum
# classes (about 20 ms).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.core.engine import SessionRecord, Snapshot
    from psoas_timer.session.recording import HistoryLink, Opened
    from psoas_timer.ui.editor import EditorWindow
    from psoas_timer.ui.library.library_view import LibraryView
    from psoas_timer.ui.library.problems_view import ProblemsView
    from psoas_timer.ui.library.routine_view import RoutineView
    from psoas_timer.ui.library.routine_watcher import RoutineWatcher
    from psoas_timer.ui.player.completion_view import CompletionView
    from psoas_timer.ui.player.player_view import PlayerView
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.practice.host import PracticeHost
    from psoas_timer.ui.progress.progress_view import ProgressView
    from psoas_timer.ui.progress.rating_prompt import RatingPrompt
    from psoas_timer.ui.shell.actions import Actions
    from psoas_timer.ui.shell.catalog_loader import CatalogLoader
    from psoas_timer.ui.shell.choice_dialog import ChoiceDialog
    from psoas_timer.ui.shell.help_dialog import HelpDialog
    from psoas_timer.ui.shell.history_opening import HistoryOpening
    from psoas_timer.ui.shell.safety_dialog import SafetyDialog
    from psoas_timer.ui.shell.session_steps import SessionSteps
    from psoas_timer.ui.shell.toolbar import ControlsBar
    from psoas_timer.ui.shell.tray import SessionTray
    from psoas_timer.ui.shell.view_options import ViewOptions
    from psoas_timer.ui.sound.output import CueOutput
    from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

__all__ = ["MainWindow", "Page", "Services", "ask_user", "inform_user"]

log = logging.getLogger(__name__)

#: Said in the status bar while the routines are read in the background.
READING = "Reading your routines…"


class MainWindow(QMainWindow):
    #: The routines have been read and the list shows them (after each reload too).
    routines_listed = Signal()
    #: The session history has been opened (or found unusable), once, after :meth:`load`.
    history_opened = Signal()

    def __init__(self, preferences: Preferences, services: Services | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("main_window")
        self.preferences = preferences
        self.catalog: Catalog | None = None
        self.entry: Entry | None = None
        self.tray: SessionTray | None = None
        self.practice: PracticeHost | None = None
        self._loaded: Loaded | None = None
        self._catalog_loader: CatalogLoader | None = None
        self._history_opening: HistoryOpening | None = None
        self._pending_open: str | None = None
        self._quitting = False
        geometry = preferences.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)
        from psoas_timer.ui.shell.geometry import fit_to_screen

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
        if self._loaded is not None:
            return
        from psoas_timer.session.recording import HistoryLink
        from psoas_timer.ui.library.library_view import LibraryView
        from psoas_timer.ui.library.problems_view import ProblemsView
        from psoas_timer.ui.library.routine_view import RoutineView
        from psoas_timer.ui.player.completion_view import CompletionView
        from psoas_timer.ui.player.player_view import PlayerView
        from psoas_timer.ui.player.session_controller import SessionController
        from psoas_timer.ui.progress.progress_view import ProgressView
        from psoas_timer.ui.progress.rating_prompt import RatingPrompt
        from psoas_timer.ui.shell.actions import create_actions
        from psoas_timer.ui.shell.editor_link import EditorLink
        from psoas_timer.ui.shell.history_opening import HistoryOpening
        from psoas_timer.ui.shell.session_controls import SessionControls
        from psoas_timer.ui.shell.session_steps import SessionPages, SessionSteps
        from psoas_timer.ui.shell.view_options import ViewOptions

        library, routine = LibraryView(), RoutineView()
        player, completion = PlayerView(services.clock), CompletionView()
        rating, progress = RatingPrompt(), ProgressView(services.ask)
        pages = QStackedWidget()
        for page in (library, routine, player, completion):
            pages.addWidget(page)
        for extra in (rating, progress):  # neither makes the window larger than it is
            pages.addWidget(scrolled(extra))
        problems = ProblemsView()
        pages.addWidget(problems)
        # Opened just after the routines are listed, or when first needed (see below).
        history = HistoryLink(opener=services.open_history, on_open=self._on_history_opened)
        self._history_opening = HistoryOpening(self, self.open_history)
        progress.set_store(None, None if history.waiting else "No history is kept here.")
        self.setCentralWidget(pages)
        commands = create_actions(self)
        watcher = None
        if services.folders is not None:
            from psoas_timer.ui.library.routine_watcher import RoutineWatcher

            watcher = RoutineWatcher(list(services.folders), self)
        controller = SessionController(services.clock, self)
        self._loaded = Loaded(
            services=services,
            controller=controller,
            commands=commands,
            library=library,
            routine=routine,
            player=player,
            completion=completion,
            rating=rating,
            progress=progress,
            history=history,
            problems=problems,
            pages=pages,
            toolbar=self._make_toolbar(commands),
            watcher=watcher,
            steps=SessionSteps(
                self,
                self,
                pages=SessionPages(routine, rating, player, completion),
                controller=controller,
                services=services,
                preferences=self.preferences,
                history=history,
            ),
            options=ViewOptions(self),
            editing=EditorLink(self),
            controls=SessionControls(self),
        )
        self._restore()
        self._connect_signals()
        if services.storage_problem:
            self._show_storage_problem(services.storage_problem)
        self.setAcceptDrops(True)  # a routine file dropped on the window opens
        if services.background:
            from psoas_timer.ui.shell.catalog_loader import CatalogLoader

            load = services.load_catalog
            self._catalog_loader = CatalogLoader(lambda between: load(between=between), self)
            self._catalog_loader.read.connect(self._on_catalog_read)
            self._catalog_loader.totals.connect(self._on_catalog_totals)
            self._catalog_loader.failed.connect(self._on_catalog_failed)
            self.library.filled.connect(self._catalog_loader.listed)
            self._catalog_loader.start()
            self.statusBar().showMessage(READING)
        else:
            self.reload()
            self._open_pending()
        self._sync_actions()
        self._fit_toolbar()
        if self.isVisible():
            self._after_shown()

    def _open_pending(self) -> None:
        pending, self._pending_open = self._pending_open, None
        if pending is not None:
            self.open_routine(pending)

    @property
    def loading(self) -> bool:
        """The routines are still being read or listed."""
        loader = self._catalog_loader
        return (
            self.catalog is None
            or (loader is not None and loader.busy)
            or (self._loaded is not None and self.library.filling)
        )

    def _on_catalog_read(self, catalog: Catalog) -> None:
        if self.statusBar().currentMessage() == READING:
            self.statusBar().clearMessage()
        self._show_catalog(catalog)
        self._open_pending()

    def _on_catalog_totals(self, catalog: Catalog) -> None:
        if catalog is self.catalog:
            self.library.show_totals()

    def _on_catalog_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Cannot read the routines: {message}")
        self._schedule_history()  # there is no list to wait for

    # -- the history ---------------------------------------------------------------------
    @property
    def history_waiting(self) -> bool:
        """The session history is still to be opened (it opens once the routines are
        listed, or when first needed)."""
        return self._loaded is not None and self._loaded.history.waiting

    def _schedule_history(self) -> None:
        if self._history_opening is not None:
            self._history_opening.schedule()

    def open_history(self) -> None:
        """Open the session history now, if it is still waiting (a moment's work)."""
        if self._loaded is not None:
            self._loaded.history.open()

    def _on_history_opened(self, opened: Opened) -> None:
        """The history is open (or cannot be used): give it to the pages that show it, and
        say once what the user must know (a damaged file moved aside, a newer one refused)."""
        notice = opened.message
        self.progress.set_store(opened.store, notice)
        services = self.parts.services
        if notice and not services.storage_problem:  # that one already says it, once
            self.statusBar().showMessage(notice, 30000)
            services.inform(self, "Your history", notice)
        self.steps.on_history_opened()
        self._show_today()
        self.history_opened.emit()

    def _show_storage_problem(self, text: str) -> None:
        """Say, for as long as the window is open, that nothing will be saved."""
        from PySide6.QtWidgets import QLabel

        from psoas_timer.ui.common.theme import scaled_font

        notice = QLabel(text, self)
        notice.setObjectName("storage_problem")
        notice.setWordWrap(True)
        notice.setFont(scaled_font(self.font(), 13, bold=True))
        notice.setContentsMargins(8, 4, 8, 4)
        notice.setAccessibleName(text.split(":", 1)[0])
        self.statusBar().addPermanentWidget(notice, 1)

    # -- what load() made ----------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    @property
    def parts(self) -> Loaded:
        """The pages, controls and services; only once :meth:`load` has run."""
        if self._loaded is None:
            raise RuntimeError("the main window has not loaded yet")
        return self._loaded

    @property
    def controller(self) -> SessionController:
        return self.parts.controller

    @property
    def commands(self) -> Actions:
        return self.parts.commands

    @property
    def library(self) -> LibraryView:
        return self.parts.library

    @property
    def routine(self) -> RoutineView:
        return self.parts.routine

    @property
    def player(self) -> PlayerView:
        return self.parts.player

    @property
    def completion(self) -> CompletionView:
        return self.parts.completion

    @property
    def rating(self) -> RatingPrompt:
        return self.parts.rating

    @property
    def progress(self) -> ProgressView:
        return self.parts.progress

    @property
    def history(self) -> HistoryLink:
        return self.parts.history

    @property
    def problems(self) -> ProblemsView:
        return self.parts.problems

    @property
    def pages(self) -> QStackedWidget:
        return self.parts.pages

    @property
    def toolbar(self) -> ControlsBar:
        return self.parts.toolbar

    @property
    def watcher(self) -> RoutineWatcher | None:
        return self.parts.watcher

    @property
    def _audio(self) -> CueOutput:
        return self.parts.services.audio

    @property
    def _folders(self) -> tuple[Path, Path] | None:
        return self.parts.services.folders

    # -- construction ------------------------------------------------------------------
    @property
    def menu_button(self) -> QToolButton:
        return self.parts.toolbar.menu_button

    @property
    def theme_menu(self) -> QMenu:
        return self.parts.toolbar.theme_menu

    def _make_toolbar(self, actions: Actions) -> ControlsBar:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        from psoas_timer.ui.shell.toolbar import ControlsBar

        bar = ControlsBar(actions, self.preferences.theme, self)
        QShortcut(QKeySequence("F10"), self, bar.menu_button.showMenu)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return bar

    def _fit_toolbar(self) -> None:
        if self._loaded is not None:
            self._loaded.toolbar.fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def _restore(self) -> None:
        from psoas_timer.ui.shell.actions import show_muted

        self.commands.mute.setChecked(self.preferences.muted)
        show_muted(self.commands.mute, self.preferences.muted)
        self._audio.set_muted(self.preferences.muted)
        self.player.set_muted(self.preferences.muted)
        self.commands.stay_on_top.setChecked(self.preferences.stay_on_top)
        self.commands.count_up.setChecked(self.preferences.count_up)
        self.player.set_count_up(self.preferences.count_up)
        animate = self.preferences.animate and not reduced_motion()
        self.commands.animate.setChecked(animate)
        self.player.figure.set_motion(animate)
        self.commands.high_contrast.setChecked(self.preferences.high_contrast)
        self.commands.ask_ratings.setChecked(self.preferences.ask_ratings)
        self.commands.remote_stop.setChecked(self.preferences.remote_stop_unasked)
        if self.preferences.high_contrast:
            self.options.on_high_contrast_toggled(True)

    def _connect_signals(self) -> None:
        a = self.commands
        a.back.triggered.connect(self._on_back_triggered)
        a.reload.triggered.connect(self.reload)
        a.quit.triggered.connect(self._on_tray_quit_requested)  # Quit quits, tray or not
        a.reminders.triggered.connect(self._on_reminders_triggered)
        a.progress.triggered.connect(self.show_progress)
        a.ask_ratings.toggled.connect(self._on_ask_ratings_toggled)
        a.remote_stop.toggled.connect(self._on_remote_stop_toggled)
        self.steps.connect_signals()
        self.progress.body_map.routines = lambda: self.catalog.entries if self.catalog else []
        self.progress.body_map.routine_requested.connect(self.open_entry)
        self.routines_listed.connect(self.steps.maybe_offer_resume)
        self.progress.history_changed.connect(self.steps.show_routine_history)
        self.parts.editing.connect_signals()
        self.library.routine_chosen.connect(self._on_routine_chosen)
        self.library.problems_chosen.connect(self._on_problems_chosen)
        self.routine.start_requested.connect(self._on_start_requested)
        self.routine.import_requested.connect(self._on_import_requested)
        self.completion.again_requested.connect(self._on_start_requested)
        self.completion.library_requested.connect(self.show_library)
        self.parts.controls.connect_signals()
        self.options.connect_signals()

    # -- navigation ----------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return Page(self.pages.currentIndex())

    def go(self, page: Page) -> None:
        self.pages.setCurrentIndex(int(page))
        self._sync_actions()

    def reload(self) -> None:
        """Read the routines again (bundled and the user's)."""
        catalog = self.parts.services.load_catalog()
        catalog.work_out_totals()
        self._show_catalog(catalog)

    def _show_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.library.set_catalog(catalog)
        self._show_today()
        self.routines_listed.emit()
        self._schedule_history()  # now that the list is up (once)
        # Not while the user rates or reads the Progress page: that would take them away.
        here = self.page not in (Page.RATING, Page.PROGRESS)
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
        if self._loaded is None or self.catalog is None:
            self._pending_open = key
            return True
        entry = self._find(key)
        if entry is None or entry.routine is None:
            if entry is not None and entry.path.is_file() and not self.controller.active:
                self.show_problems(entry)  # what is wrong, where, and a way to fix it
                return False
            problems = "; ".join(str(p) for p in entry.problems) if entry else "no such routine"
            self.statusBar().showMessage(f"Cannot open {key}: {problems}", 15000)
            return False
        self.open_entry(entry)
        return True

    def _find(self, key: str) -> Entry | None:
        assert self.catalog is not None
        return self.catalog.resolve(key)

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
        self.open_history()  # asked for before it opened on its own: open it now
        if self.history.store is not None:
            self.progress.refresh(self.history.store.wall().date())
        self.go(Page.PROGRESS)
        self.progress.tabs.setFocus()

    # -- the session (see SessionSteps) --------------------------------------------------
    @property
    def steps(self) -> SessionSteps:
        return self.parts.steps

    def start_session(self) -> None:
        """Start the open routine, after the safety notice where it applies."""
        self.steps.start()

    def offer_resume(self) -> None:
        """Offer to carry on a session the app never saw end."""
        self.steps.offer_resume()

    @property
    def safety_dialog(self) -> SafetyDialog | None:
        return self._loaded.steps.safety_dialog if self._loaded is not None else None

    @property
    def choice_dialog(self) -> ChoiceDialog | None:
        return self._loaded.steps.choice_dialog if self._loaded is not None else None

    # -- the editor (see EditorLink) -----------------------------------------------------
    def editor(self) -> EditorWindow:
        """The routine editor's window, made on first use (it is not needed to start up)."""
        return self.parts.editing.editor()

    # -- the options (see ViewOptions) ---------------------------------------------------
    @property
    def options(self) -> ViewOptions:
        return self.parts.options

    @property
    def sound_dialog(self) -> SoundSettingsDialog | None:
        return self._loaded.options.sound_dialog if self._loaded is not None else None

    @property
    def help_dialog(self) -> HelpDialog | None:
        return self._loaded.options.help_dialog if self._loaded is not None else None

    def _on_ask_ratings_toggled(self, on: bool) -> None:
        self.preferences.ask_ratings = on

    def _on_remote_stop_toggled(self, on: bool) -> None:
        self.preferences.remote_stop_unasked = on

    # -- the controls (see SessionControls) ----------------------------------------------
    def _sync_actions(self, snap: Snapshot | None = None) -> None:
        """Enable the controls that can be used now (see SessionControls)."""
        if self._loaded is not None:
            self._loaded.controls.sync_actions(snap)

    # -- slots ---------------------------------------------------------------------------
    def _on_start_requested(self) -> None:
        self.start_session()

    def _on_back_triggered(self) -> None:
        self.show_library()

    def _on_routine_chosen(self, entry: Entry) -> None:
        self.open_entry(entry)

    def _on_problems_chosen(self, entry: Entry) -> None:
        self.show_problems(entry)

    # -- the tray ------------------------------------------------------------------------
    def attach_tray(self, tray: SessionTray) -> None:
        """Show *tray*: pause or resume and time left from the panel; maybe close to it."""
        self.tray = tray
        tray.toggle_requested.connect(self.controller.toggle)
        tray.show_requested.connect(self._on_tray_show_requested)
        tray.quit_requested.connect(self._on_tray_quit_requested)
        self.controller.updated.connect(tray.show_snapshot)
        self.controller.active_changed.connect(self._on_tray_active_changed)
        tray.set_visible(True)

    def _on_tray_show_requested(self) -> None:
        from psoas_timer.ui.shell.single_instance import raise_window

        raise_window(self)

    def _on_tray_quit_requested(self) -> None:
        self._quitting = True
        if not self.close():
            self._quitting = False

    def _on_tray_active_changed(self, active: bool) -> None:
        if not active and self.tray is not None:
            self.tray.clear()

    # -- daily practice ------------------------------------------------------------------
    def attach_practice(self, host: PracticeHost) -> None:
        """Reminders, desk breaks and the programme: the Today line, the tray items, and
        Start now opening the routine."""
        self.practice = host
        self.progress.followed_programme = host.controller.followed_programme
        host.open_requested.connect(self._on_practice_open_requested)
        host.changed.connect(self._show_today)
        self.library.today_chosen.connect(host.open_today)
        self.controller.ended.connect(self._on_practice_session_ended)
        if self.tray is not None:
            host.add_menu(self.tray.menu, before=self.tray.close_to_tray_action)
            self.tray.message_clicked.connect(host.controller.tray_message_clicked)
        self._show_today()

    def _show_today(self) -> None:
        if self.practice is not None and self._loaded is not None:
            text, openable = self.practice.today_text()
            self.library.set_today(text, openable)

    def _on_practice_open_requested(self, entry: Entry, changes: list[str]) -> None:
        from psoas_timer.ui.shell.single_instance import raise_window

        if self.controller.active:  # never in the middle of a session
            self.statusBar().showMessage(f"{entry.name} can start after this session.", 10000)
            return
        raise_window(self)
        self.open_entry(entry, remember=False, changes=changes)

    def _on_practice_session_ended(self, record: SessionRecord) -> None:
        if self.practice is not None and self.entry is not None:
            self.practice.session_finished(self.entry.path.stem, record.completed)

    def _on_reminders_triggered(self) -> None:
        if self.practice is None:
            self.statusBar().showMessage("Reminders are not ready yet.", 5000)
            return
        self.practice.open_dialog()
        self._show_today()

    # -- a routine file from elsewhere (see routine_import) ------------------------------
    def _on_import_requested(self) -> None:
        from psoas_timer.ui.shell.routine_import import add_to_routines

        add_to_routines(self)

    @staticmethod
    def _dropped_routine(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
        from psoas_timer.ui.shell.routine_import import dropped_routine

        return dropped_routine(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.loaded and self._dropped_routine(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.loaded and self._dropped_routine(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open a dropped routine file; one not in the routine folders offers "Add to my
        routines" on its page."""
        path = self._dropped_routine(event)
        if path is None or not self.loaded or self.controller.active:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_routine(str(path))

    # -- window events -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            from psoas_timer.ui.shell.geometry import fit_to_screen

            fit_to_screen(self)  # now that the frame's size is known
        if self._loaded is not None:
            self._after_shown()

    def _after_shown(self) -> None:
        if self.page is Page.LIBRARY:
            self.library.list.setFocus()  # not the search box: no blinking cursor when idle
        self.steps.after_shown()

    def closeEvent(self, event: QCloseEvent) -> None:
        loaded = self._loaded
        if loaded is None:  # closed before it finished starting: nothing to save or stop
            if self._catalog_loader is not None:
                self._catalog_loader.stop()
            self.preferences.set_geometry(self.saveGeometry())
            event.accept()
            return
        tray = self.tray
        if (
            not self._quitting
            and tray is not None
            and tray.should_hide_on_close(loaded.controller.active)
        ):
            event.ignore()
            self.hide()
            tray.notify_hidden()
            return
        practice = self.practice
        if (
            not self._quitting
            and tray is not None
            and practice is not None
            and (practice.keep_in_tray and not loaded.controller.active)
        ):
            event.ignore()
            self.hide()
            tray.notify_hidden("Reminders keep coming from here. Quit from this menu.")
            return
        editor = loaded.editing.opened
        if editor is not None and not editor.view.files.maybe_discard():
            event.ignore()
            return
        if loaded.controller.active:
            if not loaded.services.ask(
                self, "Stop the session?", "A session is running. Stop it and close Psoas Timer?"
            ):
                event.ignore()
                return
            loaded.services.audio.stop_all()
            loaded.steps.closing = True
            loaded.controller.stop()
            loaded.steps.closing = False
        if self._catalog_loader is not None:
            self._catalog_loader.stop()
        loaded.history.close()
        loaded.player.stop()
        if self.practice is not None:
            self.practice.stop()
        loaded.services.inhibitor.release()
        if not self.isFullScreen():
            from psoas_timer.ui.shell.geometry import fit_to_screen

            fit_to_screen(self)  # never keep a size larger than the screen
            self.preferences.set_geometry(self.saveGeometry())
        self.preferences.sync()
        event.accept()
