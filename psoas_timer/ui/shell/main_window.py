"""The main window: library, routine page, player and completion, and every control.

It starts in two steps, so the window is on screen at once and fills a moment later:
``MainWindow(preferences)`` is a bare frame (title, saved geometry) that imports nothing
heavy; :meth:`MainWindow.load` then builds the pages, the controls and the session
controller and reads the routines, with the injected :class:`Services` (catalog loader,
clock, sound, screensaver). Passing the services to the constructor does both at once,
which is what tests and tools do. Until it has loaded, a request to open a routine waits.

It wires views to the session controller and to its services in
:meth:`MainWindow._connect_signals`; it holds no rules of its own. Slots are named
``_on_<signal>``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from psoas_timer import APP_NAME
from psoas_timer.ui.shell.settings import Preferences

# Everything below is imported in load(), after the window is first shown: the views pull in
# the core, and the core pulls in pydantic, which together take longer than Qt itself. Even
# PySide's ``Qt`` namespace is left until needed: its first import builds some hundred enum
# classes (about 20 ms).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.core.engine import FiredCue, Session, SessionRecord, Snapshot
    from psoas_timer.core.model import Routine
    from psoas_timer.history import Area, HistoryStore, Moment, Unfinished
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
    from psoas_timer.ui.progress.recording import HistoryLink
    from psoas_timer.ui.shell.actions import Actions
    from psoas_timer.ui.shell.catalog_loader import CatalogLoader
    from psoas_timer.ui.shell.choice_dialog import ChoiceDialog
    from psoas_timer.ui.shell.help_dialog import HelpDialog
    from psoas_timer.ui.shell.safety_dialog import SafetyDialog
    from psoas_timer.ui.shell.screensaver import Inhibitor
    from psoas_timer.ui.shell.toolbar import ControlsBar
    from psoas_timer.ui.shell.tray import SessionTray
    from psoas_timer.ui.sound.output import CueOutput
    from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

__all__ = ["MainWindow", "Page", "Services", "ask_user", "inform_user"]

log = logging.getLogger(__name__)

EXTEND_SECONDS = 10.0
#: Said in the status bar while the routines are read in the background.
READING = "Reading your routines…"


class Page(IntEnum):
    LIBRARY = 0
    ROUTINE = 1
    PLAYER = 2
    COMPLETION = 3
    RATING = 4
    PROGRESS = 5
    PROBLEMS = 6


def ask_user(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question in a message box (the default for :class:`MainWindow`).

    Enter says Yes and Esc says No under every platform's button order: GTK's puts No first,
    and without a default button Enter pressed whichever came first.
    """
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, title, question, buttons.Yes | buttons.No, parent)
    box.setDefaultButton(buttons.Yes)
    box.setEscapeButton(buttons.No)
    return box.exec() == buttons.Yes


def inform_user(parent: QWidget | None, title: str, text: str) -> None:
    """Say something once, in a box that does not stop the window (the default)."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()


def _scrolled(page: QWidget) -> QWidget:
    from PySide6.QtWidgets import QFrame, QScrollArea

    scroll = QScrollArea()
    scroll.setObjectName(f"{page.objectName()}_scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(page)
    return scroll


@dataclass(frozen=True)
class Services:
    """What the window works with, made by the app (or by a test)."""

    #: Reads the routines. With :attr:`background`, it is called in a worker thread with
    #: ``between=``, a function to call between files (see :func:`load_catalog`).
    load_catalog: Callable[..., Catalog]
    clock: Callable[[], float]
    audio: CueOutput
    inhibitor: Inhibitor
    ask: Callable[[QWidget, str, str], bool] = ask_user
    #: (bundled routines, user routines): given, the editor is available and the library
    #: refreshes when files change on disk.
    folders: tuple[Path, Path] | None = None
    #: Opens the history (the app: the user data folder's file); None records nothing.
    open_history: Callable[[], HistoryStore] | None = None
    #: Says something once without stopping the window (a damaged history moved aside).
    inform: Callable[[QWidget, str, str], None] = inform_user
    #: Read the routines in a worker thread when the window loads (the app does; tests read
    #: them at once, which is simpler to follow).
    background: bool = False
    #: What cannot be saved, in plain words (an unwritable data folder), said once.
    storage_problem: str | None = None


@dataclass(frozen=True)
class Loaded:
    """What the window has once :meth:`MainWindow.load` has run: made whole, in one go."""

    services: Services
    controller: SessionController
    commands: Actions
    library: LibraryView
    routine: RoutineView
    player: PlayerView
    completion: CompletionView
    rating: RatingPrompt
    progress: ProgressView
    history: HistoryLink
    problems: ProblemsView
    pages: QStackedWidget
    toolbar: ControlsBar
    watcher: RoutineWatcher | None


class MainWindow(QMainWindow):
    #: The routines have been read and the list shows them (after each reload too).
    routines_listed = Signal()

    def __init__(self, preferences: Preferences, services: Services | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("main_window")
        self.preferences = preferences
        self.catalog: Catalog | None = None
        self.entry: Entry | None = None
        self.safety_dialog: SafetyDialog | None = None
        self.sound_dialog: SoundSettingsDialog | None = None
        self.tray: SessionTray | None = None
        self.practice: PracticeHost | None = None
        self._loaded: Loaded | None = None
        self._catalog_loader: CatalogLoader | None = None
        self._pending_open: str | None = None
        self._notice_shown = False
        self._pending_start = False
        #: Answers to the open routine's either/or steps, for the session about to start.
        self._picks: dict[int, int] | None = None
        self.choice_dialog: ChoiceDialog | None = None
        self._action_state: tuple[object, ...] = ()
        self._editor: EditorWindow | None = None
        self._quitting = False
        self._sound_problem: str | None = None
        # The segment the next session starts at (an interrupted one carried on).
        self._resume_at = 0
        self._rating_moment: Moment | None = None
        self._ended_record: SessionRecord | None = None
        self._resume_offered = False
        self._closing = False
        self._toolbar_widths: dict[str, int] = {}  # the row's width, words beside, by Mute's text
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
        self.help_dialog: HelpDialog | None = None
        if services is not None:
            self.load(services)

    def load(self, services: Services) -> None:
        """Build the pages and controls, connect them and read the routines (once)."""
        if self._loaded is not None:
            return
        from psoas_timer.ui.library.library_view import LibraryView
        from psoas_timer.ui.library.problems_view import ProblemsView
        from psoas_timer.ui.library.routine_view import RoutineView
        from psoas_timer.ui.player.completion_view import CompletionView
        from psoas_timer.ui.player.player_view import PlayerView
        from psoas_timer.ui.player.session_controller import SessionController
        from psoas_timer.ui.progress.progress_view import ProgressView
        from psoas_timer.ui.progress.rating_prompt import RatingPrompt
        from psoas_timer.ui.progress.recording import HistoryLink, open_history
        from psoas_timer.ui.shell.actions import create_actions

        library, routine = LibraryView(), RoutineView()
        player, completion = PlayerView(services.clock), CompletionView()
        rating, progress = RatingPrompt(), ProgressView(services.ask)
        pages = QStackedWidget()
        for page in (library, routine, player, completion):
            pages.addWidget(page)
        for extra in (rating, progress):  # neither makes the window larger than it is
            pages.addWidget(_scrolled(extra))
        problems = ProblemsView()
        pages.addWidget(problems)
        opened = open_history(services.open_history) if services.open_history else None
        history = HistoryLink(opened.store if opened else None)
        notice = opened.message if opened else None
        progress.set_store(
            history.store,
            notice if history.store is not None or notice else "No history is kept here.",
        )
        self.setCentralWidget(pages)
        commands = create_actions(self)
        watcher = None
        if services.folders is not None:
            from psoas_timer.ui.library.routine_watcher import RoutineWatcher

            watcher = RoutineWatcher(list(services.folders), self)
        self._loaded = Loaded(
            services=services,
            controller=SessionController(services.clock, self),
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
        if notice and not services.storage_problem:  # that one already says it, once
            self.statusBar().showMessage(notice, 30000)
            services.inform(self, "Your history", notice)
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
        bar.theme_chosen.connect(self._on_theme_chosen)
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
        self.commands.mute.setChecked(self.preferences.muted)
        self._audio.set_muted(self.preferences.muted)
        self.player.set_muted(self.preferences.muted)
        self.commands.stay_on_top.setChecked(self.preferences.stay_on_top)
        self.commands.count_up.setChecked(self.preferences.count_up)
        self.player.set_count_up(self.preferences.count_up)
        self.commands.high_contrast.setChecked(self.preferences.high_contrast)
        self.commands.ask_ratings.setChecked(self.preferences.ask_ratings)
        if self.preferences.high_contrast:
            self._on_high_contrast_toggled(True)

    def _connect_signals(self) -> None:
        a = self.commands
        a.start_pause.triggered.connect(self._on_start_pause_triggered)
        a.previous.triggered.connect(self._on_previous_triggered)
        a.next.triggered.connect(self._on_next_triggered)
        a.add_time.triggered.connect(self._on_add_time_triggered)
        a.take_time.triggered.connect(self._on_take_time_triggered)
        a.restart_step.triggered.connect(self._on_restart_step_triggered)
        a.released.triggered.connect(self._on_released_triggered)
        a.stop.triggered.connect(self._on_stop_triggered)
        a.mute.toggled.connect(self._on_mute_toggled)
        a.sound.triggered.connect(self._on_sound_triggered)
        a.fullscreen.toggled.connect(self._on_fullscreen_toggled)
        a.stay_on_top.toggled.connect(self._on_stay_on_top_toggled)
        a.count_up.toggled.connect(self._on_count_up_toggled)
        a.high_contrast.toggled.connect(self._on_high_contrast_toggled)
        a.back.triggered.connect(self._on_back_triggered)
        a.reload.triggered.connect(self.reload)
        a.quit.triggered.connect(self._on_tray_quit_requested)  # Quit quits, tray or not
        a.reminders.triggered.connect(self._on_reminders_triggered)
        a.new_routine.triggered.connect(self._on_new_routine_triggered)
        a.edit_routine.triggered.connect(self._on_edit_routine_triggered)
        a.progress.triggered.connect(self.show_progress)
        a.ask_ratings.toggled.connect(self._on_ask_ratings_toggled)
        self.rating.accepted.connect(self._on_rating_accepted)
        self.rating.skipped.connect(self._on_rating_skipped)
        self.routine.ratings_toggled.connect(self._on_routine_ratings_toggled)
        self.progress.history_changed.connect(self._on_history_changed)
        self.controller.session_created.connect(self._on_session_created)
        a.help.triggered.connect(self._on_help_triggered)
        if self.watcher is not None:
            self.watcher.changed.connect(self._on_watcher_changed)
        self.library.routine_chosen.connect(self._on_routine_chosen)
        self.library.problems_chosen.connect(self._on_problems_chosen)
        self.routine.start_requested.connect(self._on_start_requested)
        self.routine.import_requested.connect(self._on_import_requested)
        self.player.release_requested.connect(self._on_released_triggered)
        self.player.extend_requested.connect(self.controller.extend)
        self.completion.again_requested.connect(self._on_start_requested)
        self.completion.library_requested.connect(self.show_library)
        self.controller.updated.connect(self._on_updated)
        self.controller.cues_fired.connect(self._on_cues_fired)
        self.controller.active_changed.connect(self._on_active_changed)
        self.controller.ended.connect(self._on_ended)
        self._audio.problem.connect(self._on_audio_problem)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    # -- navigation ----------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return Page(self.pages.currentIndex())

    def _go(self, page: Page) -> None:
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
            self._leave_rating()
            self._go(Page.LIBRARY)
            self.library.list.setFocus()

    def open_entry(
        self, entry: Entry, *, remember: bool = True, changes: list[str] | None = None
    ) -> None:
        """Show *entry*'s routine page; *remember* it as the one to open next time;
        *changes*: what changed since last week (a programme's session)."""
        if entry.routine is None or self.controller.active:
            return
        self._leave_rating()
        self.entry = entry
        self.routine.set_entry(entry, changes)
        self._show_routine_history()
        self.player.set_plan(entry.plan)
        if remember:
            self.preferences.last_routine = str(entry.path)
        self._go(Page.ROUTINE)

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
        self._leave_rating()
        self.problems.set_entry(entry)
        self._go(Page.PROBLEMS)
        self.problems.open_editor.setFocus()

    # -- the session ---------------------------------------------------------------------
    def start_session(self) -> None:
        """Start the open routine, after the safety notice where it applies."""
        from psoas_timer.core.safety import needs_release_notice

        if self.entry is None or self.entry.routine is None or self.controller.active:
            return
        if (
            needs_release_notice(self.entry.routine)
            and not self.preferences.safety_release_dismissed
            and not self._notice_shown
        ):
            self._pending_start = True
            self.show_safety_notice()
            return
        if self.entry.routine.choices() and self._picks is None:
            self._ask_choice(0, {})
            return
        self._resume_at = 0
        if self._rating_areas():
            self._ask_rating("before")
            return
        self._begin()

    def _begin(self) -> None:
        """Start the open routine's session now (from :attr:`_resume_at`), with the answers
        just given to its either/or steps, or else the last ones remembered for it (a
        session carried on after the app closed)."""
        from psoas_timer.core.plan import compile_plan

        if self.entry is None or self.entry.routine is None or self.controller.active:
            return
        choices = self.entry.routine.choices()
        picks, self._picks = self._picks, None
        if choices and picks is None:
            last = self.preferences.last_choices(str(self.entry.path))
            picks = {
                n: c.option_keys().index(last[n])
                for n, c in enumerate(choices)
                if n < len(last) and last[n] in c.option_keys()
            }
        plan = compile_plan(self.entry.routine, picks) if choices else self.entry.plan
        self._audio.warm_up()
        self.player.set_plan(plan)
        self._go(Page.PLAYER)
        at, self._resume_at = self._resume_at, 0
        self.controller.begin(plan, at)

    def _ask_choice(self, number: int, picks: dict[int, int]) -> None:
        """Ask the routine's either/or step *number* (then the next), marking the last
        answer given for this routine, or the step's default; start once all are answered."""
        from psoas_timer.ui.shell.choice_dialog import ChoiceDialog

        assert self.entry is not None
        assert self.entry.routine is not None
        key = str(self.entry.path)
        choices = self.entry.routine.choices()
        choice = choices[number]
        last = self.preferences.last_choices(key)
        keys = choice.option_keys()
        marked = (
            keys.index(last[number])
            if number < len(last) and last[number] in keys
            else choice.default_index
        )
        dialog = ChoiceDialog(choice, marked, self)
        self.choice_dialog = dialog

        def answered(result: int) -> None:
            self.choice_dialog = None
            dialog.deleteLater()
            if result != 1:
                return  # back to the routine page, nothing started
            picks[number] = dialog.chosen
            if number + 1 < len(choices):
                self._ask_choice(number + 1, picks)
                return
            self.preferences.remember_choices(
                key, [c.option_keys()[picks[n]] for n, c in enumerate(choices)]
            )
            self._picks = picks
            self.start_session()

        dialog.finished.connect(answered)
        dialog.open()

    # -- the history ---------------------------------------------------------------------
    def _rating_areas(self) -> list[Area]:
        """The areas to rate for the open routine; none when it is not asked for."""
        from psoas_timer.history import routine_areas, wants_rating

        entry = self.entry
        if entry is None or entry.routine is None or not self.history.available:
            return []
        routine = entry.routine
        if not entry.path.is_file():  # a one-step trial from the editor is not recorded
            return []
        if not self.preferences.ratings_for(routine.name) or not wants_rating(routine):
            return []
        return routine_areas(routine)

    def _ask_rating(self, moment: Moment) -> None:
        assert self.entry is not None
        assert self.entry.routine is not None
        self._rating_moment = moment
        self.rating.ask(self.entry.routine.name, moment, self._rating_areas())
        self._go(Page.RATING)
        if self.rating.fields:
            self.rating.fields[0].setFocus()

    def _on_rating_accepted(self, scores: dict[Area, int], note: str) -> None:
        moment = self._rating_moment
        if moment is None:
            return
        self.history.rate(moment, scores, note)
        self._rating_done(moment)

    def _on_rating_skipped(self) -> None:
        if self._rating_moment is not None:
            self._rating_done(self._rating_moment)

    def _rating_done(self, moment: Moment) -> None:
        self._rating_moment = None
        if self.rating.dont_ask.isChecked() and self.entry is not None:
            routine = self.entry.routine
            if routine is not None:
                self.preferences.set_routine_ratings(routine.name, False)
                self._show_routine_history()
        if moment == "before":
            self._begin()
        else:
            self._show_completion()

    def _leave_rating(self) -> None:
        """Going elsewhere from the rating prompt: before, the session is not started (its
        rating is dropped); after, the session's record is closed."""
        moment, self._rating_moment = self._rating_moment, None
        if moment == "before":
            self.history.forget_pending()
        elif moment == "after":
            self._ended_record = None
            self.history.finish()

    def _on_session_created(self, session: Session) -> None:
        entry = self.entry
        if entry is None or entry.routine is None:
            return
        path = entry.path if entry.path.is_file() else None
        if path is None:  # a trial of one step from the editor is not a session to keep
            self.history.forget_pending()
            return
        self.history.begin(session, entry.routine.name, path)

    def _show_completion(self) -> None:
        from psoas_timer.ui.progress.words import after_lines, change_lines

        record, self._ended_record = self._ended_record, None
        plan = self.controller.plan
        if plan is not None and record is not None:
            self.completion.show_record(plan, record)
        detail = self.history.finish()
        after: list[str] = []
        change: list[str] = []
        if detail is not None:
            after = after_lines(detail)
            change = change_lines(detail, self.history.previous())
        self.completion.set_section("after", "How it feels now", after)
        self.completion.set_section("change", "Since last time", change)
        self._show_routine_history()
        self._go(Page.COMPLETION)

    def _show_routine_history(self) -> None:
        from psoas_timer.history import routine_areas, wants_rating
        from psoas_timer.ui.progress.words import last_done_line

        entry, store = self.entry, self.history.store
        if entry is None or entry.routine is None:
            return
        routine = entry.routine
        if store is None:
            self.routine.set_history("")
            self.routine.set_ratings_choice(False, False)
            return
        self.routine.set_history(last_done_line(store.last_done(routine.name), store.wall().date()))
        rated = wants_rating(routine) and bool(routine_areas(routine))
        self.routine.set_ratings_choice(rated, self.preferences.routine_ratings(routine.name))

    def show_progress(self) -> None:
        """The Progress page, drawn from the history as it is now."""
        if self.controller.active:
            return
        self._leave_rating()
        if self.history.store is not None:
            self.progress.refresh(self.history.store.wall().date())
        self._go(Page.PROGRESS)
        self.progress.tabs.setFocus()

    def _on_history_changed(self) -> None:
        self._show_routine_history()

    def _on_ask_ratings_toggled(self, on: bool) -> None:
        self.preferences.ask_ratings = on

    def _on_routine_ratings_toggled(self, on: bool) -> None:
        if self.entry is not None and self.entry.routine is not None:
            self.preferences.set_routine_ratings(self.entry.routine.name, on)

    def offer_resume(self) -> None:
        """Offer to carry on a session the app never saw end (a crash, a kill, a power
        cut): from the start of the set that was running, or keep it as it was."""
        store = self.history.store
        if store is None or self.controller.active or self.catalog is None:
            return
        unfinished = store.unfinished()
        if not unfinished:
            return
        newest, *older = unfinished
        for old in older:
            store.record_as_interrupted(old.session.id)
        self._offer(newest)

    def _offer(self, unfinished: Unfinished) -> None:
        from psoas_timer.ui.progress.words import day_words

        store = self.history.store
        assert store is not None
        assert self.catalog is not None
        summary = unfinished.session
        name = summary.routine.name
        file = summary.routine.file
        entry = self.catalog.find(file) if file else None
        if entry is None:
            entry = self.catalog.find(name)
        day = day_words(summary.started.date(), store.wall().date())
        when = f"{day} at {summary.started:%H:%M}"
        at = None
        if entry is not None and entry.routine is not None:
            at = self.history.resume_segment(entry.plan, unfinished, entry.path)
        if entry is None or entry.routine is None or at is None:
            store.record_as_interrupted(summary.id)
            why = "its file has changed since" if entry is not None else "it is no longer there"
            self.parts.services.inform(
                self,
                "A session was cut short",
                f"{name}, started {when}, did not finish. It cannot be carried on because "
                f"{why}, so it is kept as it was, stopped.",
            )
            return
        plan = entry.plan
        work = next((seg for seg in plan.segments[at:] if seg.is_work), plan.segments[at])
        step = plan.steps[work.step].name
        question = (
            f"{name}, started {when}, did not finish (the app closed or the computer "
            f"stopped).\n\nCarry on from {step}?\n\nEnter carries on; Esc keeps it as it "
            "was, stopped."
        )
        if not self.parts.services.ask(self, "Carry on where you left off?", question):
            store.record_as_interrupted(summary.id)
            self.statusBar().showMessage(f"{name} is kept as it was, stopped.", 15000)
            return
        self.open_entry(entry, remember=False)
        self.history.carry_on(unfinished)
        self._resume_at = at
        self._begin()

    def show_safety_notice(self) -> None:
        from psoas_timer.ui.shell.safety_dialog import SafetyDialog

        if self.safety_dialog is not None:
            return
        self.safety_dialog = SafetyDialog(self)
        self.safety_dialog.finished.connect(self._on_safety_dialog_finished)
        self.safety_dialog.open()

    def _on_safety_dialog_finished(self, result: int) -> None:
        dialog, self.safety_dialog = self.safety_dialog, None
        assert dialog is not None
        self._notice_shown = True
        self.preferences.safety_seen = True
        if dialog.dismissed:
            self.preferences.safety_release_dismissed = True
        dialog.deleteLater()
        start, self._pending_start = self._pending_start, False
        if start and result == 1:
            self.start_session()

    def _sync_actions(self, snap: Snapshot | None = None) -> None:
        snap = snap or self.controller.snapshot()
        active = self.controller.active
        state = snap.state if (snap is not None and active) else None
        is_open = bool(active and snap is not None and snap.segment.open is not None)
        key = (active, state, is_open, self.page, self.entry is not None)
        if key == self._action_state:
            return
        self._action_state = key
        a = self.commands
        for action in a.session_only():
            action.setEnabled(active)
        a.released.setEnabled(is_open)
        a.back.setEnabled(not active and self.page != Page.LIBRARY)
        a.new_routine.setEnabled(self._folders is not None and not active)
        a.edit_routine.setEnabled(
            self._folders is not None
            and not active
            and self.entry is not None
            and self.page in (Page.ROUTINE, Page.COMPLETION)
        )
        a.progress.setEnabled(not active)
        can_start = active or (
            self.page in (Page.ROUTINE, Page.COMPLETION) and self.entry is not None
        )
        a.start_pause.setEnabled(can_start)
        from psoas_timer.ui.common.icons import icon as themed_icon

        if active and self.controller.running:
            text, icon = "Pause", "media-playback-pause"
        elif active:  # paused
            text, icon = "Resume", "media-playback-start"
        else:
            text, icon = "Start", "media-playback-start"
        a.start_pause.setText(text)
        a.start_pause.setIcon(themed_icon(icon))

    # -- slots ---------------------------------------------------------------------------
    def _on_start_pause_triggered(self) -> None:
        if self.controller.active:
            self.controller.toggle()
            if not self.controller.running:
                self._audio.stop_all()  # a paused session is silent: drop queued voice lines
        else:
            self.start_session()

    # Jumping drops what was queued for the part left behind, so no stale line plays.
    def _on_previous_triggered(self) -> None:
        self._audio.stop_all()
        self.controller.previous()

    def _on_next_triggered(self) -> None:
        self._audio.stop_all()
        self.controller.next()

    def _on_restart_step_triggered(self) -> None:
        self._audio.stop_all()
        self.controller.restart_step()

    def _on_released_triggered(self) -> None:
        """End an open hold; before its minimum the controller waits for a second press,
        and the player says so beside the clock while it counts."""
        self.controller.request_release()

    def _on_start_requested(self) -> None:
        self.start_session()

    def _on_add_time_triggered(self) -> None:
        self.controller.extend(EXTEND_SECONDS)

    def _on_take_time_triggered(self) -> None:
        self.controller.shorten(EXTEND_SECONDS)

    def _on_stop_triggered(self) -> None:
        """Stop, once the user says so: a stray Esc must not throw a session away."""
        if not self.controller.active:
            return
        question = "Stop this session now?\n\nEnter stops it; Esc keeps it going."
        if not self.parts.services.ask(self, "Stop the session?", question):
            return
        self._audio.stop_all()
        self.controller.stop()

    def _on_back_triggered(self) -> None:
        self.show_library()

    def _on_routine_chosen(self, entry: Entry) -> None:
        self.open_entry(entry)

    def _on_problems_chosen(self, entry: Entry) -> None:
        self.show_problems(entry)

    def _on_updated(self, snap: Snapshot) -> None:
        if self.controller.active:
            self.player.show_snapshot(snap)
        self.player.show_release_hint(self.controller.early_release_minimum())
        self._sync_actions(snap)

    def _on_cues_fired(self, fired: list[FiredCue]) -> None:
        self.player.show_cues(fired)  # seen as well as heard, with sound or without
        plan = self.controller.plan
        style = plan.cue_style if plan is not None else "both"
        for cue in fired:
            self._audio.play(cue, style)

    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.parts.services.inhibitor.inhibit()
        else:
            self.parts.services.inhibitor.release()

    def _on_ended(self, record: SessionRecord) -> None:
        self.player.stop()
        self._ended_record = record
        if self._closing:
            self.history.finish()
            return
        if self.history.recording and self._rating_areas():
            self._ask_rating("after")
            return
        self._show_completion()

    def _on_mute_toggled(self, muted: bool) -> None:
        self.preferences.muted = muted
        self._audio.set_muted(muted)
        self.player.set_muted(muted)
        self.commands.mute.setText("Muted" if muted else "Mute")
        self._fit_toolbar()

    def _on_sound_triggered(self) -> None:
        """Open the Sound dialog; what the user changes is heard and kept at once."""
        if self.sound_dialog is not None:
            self.sound_dialog.raise_()
            self.sound_dialog.activateWindow()
            return
        from psoas_timer.ui.sound.settings_dialog import SoundSettingsDialog

        dialog = SoundSettingsDialog(
            self.preferences.audio_settings(), self, preview=self._audio.preview
        )
        if self._sound_problem is not None:
            dialog.set_sound_problem(self._sound_problem)
        dialog.changed.connect(self._on_sound_changed)
        dialog.finished.connect(self._on_sound_dialog_finished)
        self.sound_dialog = dialog
        dialog.open()

    def _on_sound_changed(self, settings: AudioSettings) -> None:
        self._audio.set_settings(settings)
        self.preferences.set_audio_settings(settings)
        self.commands.mute.setChecked(settings.muted)

    def _on_sound_dialog_finished(self, _result: int) -> None:
        dialog, self.sound_dialog = self.sound_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_fullscreen_toggled(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _on_stay_on_top_toggled(self, on: bool) -> None:
        from PySide6.QtCore import Qt

        self.preferences.stay_on_top = on
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self.show()

    def _on_count_up_toggled(self, on: bool) -> None:
        self.preferences.count_up = on
        self.player.set_count_up(on)
        self._redraw_player()

    def _on_high_contrast_toggled(self, on: bool) -> None:
        from psoas_timer.ui.common.theme import set_high_contrast

        self.preferences.high_contrast = on
        set_high_contrast(on)

    def _redraw_player(self) -> None:
        snap = self.controller.snapshot()
        if snap is not None and self.controller.active:
            self.player.show_snapshot(snap)

    def _on_audio_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.player.show_sound_problem(message)
        if not self._audio.available:  # nothing can play: the Test buttons say so
            self._sound_problem = message
            if self.sound_dialog is not None:
                self.sound_dialog.set_sound_problem(message)

    def _on_help_triggered(self) -> None:
        """Open help (F1)."""
        if self.help_dialog is not None:
            self.help_dialog.raise_()
            self.help_dialog.activateWindow()
            return
        from psoas_timer.ui.shell.help_dialog import Folders, HelpDialog

        layout = self.catalog.layout if self.catalog is not None else None
        folders = self._folders
        routines = folders[1] if folders is not None else layout.user if layout else None
        dialog = HelpDialog(
            self.commands.all(),
            Folders(
                routines=routines if routines is not None else Path("(none)"),
                settings=self.preferences.location(),
                cache=layout.cache if layout is not None else None,
                history=store.path if (store := self.history.store) is not None else None,
            ),
            self,
        )
        dialog.finished.connect(self._on_help_dialog_finished)
        self.help_dialog = dialog
        dialog.open()

    def _on_help_dialog_finished(self, _result: int) -> None:
        dialog, self.help_dialog = self.help_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_theme_chosen(self, theme: str) -> None:
        from psoas_timer.ui.common.theme import apply_theme

        self.preferences.theme = apply_theme(theme)
        self._on_color_scheme_changed(None)  # the pages draw their colours again

    def _on_color_scheme_changed(self, _scheme: object) -> None:
        if self.catalog is not None:
            self.library.set_catalog(self.catalog)
        if self.entry is not None:
            self.routine.set_entry(self.entry)

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

    # -- the editor ----------------------------------------------------------------------
    def editor(self) -> EditorWindow:
        """The routine editor's window, made on first use (it is not needed to start up)."""
        if self._editor is None:
            from psoas_timer.ui.editor import EditorView, EditorWindow

            assert self._folders is not None
            assert self.catalog is not None
            user_dir = self._folders[1]
            view = EditorView(
                library=self.catalog.library,
                user_dir=user_dir,
                bundled=lambda: (
                    [e.path for e in self.catalog.entries if e.bundled]
                    if self.catalog is not None
                    else []
                ),
                routines=lambda: (
                    [(e.name, e.path) for e in self.catalog.entries if e.bundled and e.ok]
                    if self.catalog is not None
                    else []
                ),
            )
            view.saved.connect(self._on_editor_saved)
            view.start_routine.connect(self._on_editor_start_routine)
            view.try_routine.connect(self._on_editor_try_routine)
            self._editor = EditorWindow(view, self)
        return self._editor

    def _on_new_routine_triggered(self) -> None:
        window = self.editor()
        window.show()
        window.raise_()
        window.activateWindow()
        window.view.ask_new_routine()

    def _on_edit_routine_triggered(self) -> None:
        if self.entry is None:
            return
        window = self.editor()
        if window.view.files.maybe_discard() and window.view.files.open_path(self.entry.path):
            window.show()
            window.raise_()
            window.activateWindow()

    def _on_editor_saved(self, _path: object) -> None:
        self.reload()

    def _on_editor_start_routine(self, path: object) -> None:
        self.reload()
        if self.open_routine(str(path)):
            self.activateWindow()
            self.start_session()

    def _on_editor_try_routine(self, routine: Routine) -> None:
        """Play *routine*: the editor's selected step (or repeat group) on its own."""
        from psoas_timer.core.catalog import Entry

        trial = Entry(Path(f"{routine.name}.yaml"), bundled=False, routine=routine)
        self.open_entry(trial, remember=False)  # a one-step trial is no file to reopen
        self.activateWindow()
        self.start_session()

    def _on_watcher_changed(self, changed: list[Path]) -> None:
        if self.controller.active:
            return  # the list refreshes after the session; never disturb a running one
        self.reload()
        if self._editor is not None and self.catalog is not None:
            self._editor.view.set_library(self.catalog.library)
            self._editor.view.files.on_files_changed(changed)

    # -- a routine file from elsewhere ---------------------------------------------------
    def _on_import_requested(self) -> None:
        """Copy the open routine's file into the user's routines (under a name of its own:
        nothing is replaced) and open that copy."""
        from psoas_timer.core.problems import LoadError
        from psoas_timer.core.routine_files import import_routine

        entry, catalog = self.entry, self.catalog
        user = catalog.layout.user if catalog is not None and catalog.layout else None
        if entry is None or not entry.outside or user is None or catalog is None:
            return
        try:
            target = import_routine(entry.path, user, catalog.library)
        except (OSError, LoadError) as exc:
            log.warning("cannot add %s to the routines: %s", entry.path, exc)
            self.statusBar().showMessage(f"Cannot add {entry.path.name}: {exc}", 15000)
            return
        self.reload()
        self.open_routine(str(target))
        self.statusBar().showMessage(f"Added to your routines as {target.name}", 15000)

    @staticmethod
    def _dropped_routine(event: QDropEvent | QDragEnterEvent) -> Path | None:
        mime = event.mimeData()
        for url in mime.urls() if mime is not None and mime.hasUrls() else []:
            path = Path(url.toLocalFile()) if url.isLocalFile() else None
            if path is not None and path.suffix.lower() in (".yaml", ".yml"):
                return path
        return None

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
        if (
            not self.preferences.safety_seen
            and self.safety_dialog is None
            and not self._notice_shown
        ):
            self.show_safety_notice()
        if not self._resume_offered and self.history.available:
            self._resume_offered = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self.offer_resume)

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
        if self._editor is not None and not self._editor.view.files.maybe_discard():
            event.ignore()
            return
        if loaded.controller.active:
            if not loaded.services.ask(
                self, "Stop the session?", "A session is running. Stop it and close Psoas Timer?"
            ):
                event.ignore()
                return
            loaded.services.audio.stop_all()
            self._closing = True
            loaded.controller.stop()
            self._closing = False
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
