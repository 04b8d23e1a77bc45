"""The Progress page: did I do it, does it still hurt, is the point releasing faster.

On top, the figures: streak, longest run, this week against the weekly goal (which can be
changed here), sessions and time in all. Below them three tabs, each in its own module:
*Overview* (:mod:`.overview_tab`: a calendar of the last months shaded by minutes, each
routine's figures), *Charts* (:mod:`.charts_tab`: pain before and after for an area, time
to release for a point, over time), *Sessions* (:mod:`.sessions_tab`: every session, newest
first, with its steps, releases, ratings and note; delete one). Export, Import and "Delete
all history" sit below. Everything is read through :class:`HistoryStore`; the page holds no
SQL and no rules.

Drawing is kept to what shows: the calendar's months and the first page of sessions at
once; a session's detail when it is selected; the charts when their tab is first shown. The
figures over the whole history (streaks, each routine's, sessions and time in all, the
charts' choices) cost more the older the history is: in the window they are worked out on a
worker thread (:mod:`.history_worker`) and drawn when they come, so opening the page never
holds the window up; until then the figures show a dash. The charts' series are read the same
way when the Charts tab is drawn (:mod:`.charts_tab`).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import (
    DayMinutes,
    HistoryError,
    HistoryImportError,
    HistoryStore,
    Progress,
    Totals,
    format_seconds,
)
from psoas_timer.i18n import _, format_decimal, ngettext
from psoas_timer.ui.common.flow_layout import FlowLayout
from psoas_timer.ui.common.questions import Ask
from psoas_timer.ui.common.text import noun, plural
from psoas_timer.ui.common.theme import scaled_font, set_text_color
from psoas_timer.ui.progress.body_map_tab import BodyMapTab
from psoas_timer.ui.progress.calendar_view import CALENDAR_DAYS
from psoas_timer.ui.progress.charts_tab import ChartsTab
from psoas_timer.ui.progress.checkins_tab import CheckInsTab
from psoas_timer.ui.progress.history_worker import HistoryWorker
from psoas_timer.ui.progress.overview_tab import OverviewTab
from psoas_timer.ui.progress.sessions_tab import SessionsTab

if TYPE_CHECKING:
    from psoas_timer.ui.progress.report_dialog import FollowedProgramme

__all__ = ["ProgressView"]

log = logging.getLogger(__name__)


def _figure(parent: QWidget, name: str, caption: str) -> tuple[QLabel, QLabel, QWidget]:
    box = QWidget(parent)
    value = QLabel(_("–"), box)
    value.setObjectName(name)
    value.setFont(scaled_font(parent.font(), 40, bold=True))
    value.setAlignment(Qt.AlignmentFlag.AlignCenter)
    words = QLabel(caption, box)
    words.setObjectName(f"{name}_label")
    words.setFont(scaled_font(parent.font(), 17))
    words.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(value)
    layout.addWidget(words)
    return value, words, box


class ProgressView(QWidget):
    """The page; give it the store with :meth:`set_store`, draw it with :meth:`refresh`.

    *background*: the whole-history figures and the charts are worked out on worker
    threads and drawn when they come (the window's way); otherwise :meth:`refresh` (and
    showing Charts) draws them before it returns.
    """

    #: A session was deleted, or history imported or deleted (the window refreshes lines
    #: that depend on it, such as the routine page's "last done").
    history_changed = Signal()

    def __init__(
        self,
        ask: Ask | None = None,
        parent: QWidget | None = None,
        *,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progress")
        self._ask = ask
        self.store: HistoryStore | None = None
        #: The page as last drawn whole (None until the whole-history figures came).
        self.progress: Progress | None = None
        self._today: date | None = None
        self._days: tuple[DayMinutes, ...] = ()
        #: The number of the latest ask for the figures: an answer to an older one is stale.
        self._asked = 0
        self._asked_pending = False
        self._worker: HistoryWorker[Totals] | None = (
            HistoryWorker(self._on_totals, "progress-totals") if background else None
        )
        self.title = QLabel(_("Progress"))
        self.title.setFont(scaled_font(self.font(), 34, bold=True))
        self.notice = QLabel()
        self.notice.setObjectName("progress_notice")
        self.notice.setWordWrap(True)
        self.notice.setFont(scaled_font(self.font(), 17))
        self.notice.hide()
        self.streak, self.streak_caption, streak_box = _figure(
            self, "current_streak", _("days in a row")
        )
        self.longest, _caption, longest_box = _figure(self, "longest_streak", _("longest run"))
        self.week, self.week_caption, week_box = _figure(self, "this_week", _("days this week"))
        self.total, self.total_caption, total_box = _figure(self, "sessions_total", _("sessions"))
        self.hours, _hours_caption, hours_box = _figure(self, "time_total", _("in all"))
        self.goal = QSpinBox()
        self.goal.setObjectName("weekly_goal")
        self.goal.setRange(1, 7)
        self._word_goal(self.goal.value())
        self.goal.setFont(scaled_font(self.font(), 18))
        self.goal.setAccessibleName(_("Weekly goal"))
        self.goal.setToolTip(_("Days a week you aim for: days off within it keep the streak"))
        goal_label = QLabel(_("Weekly goal"))
        goal_label.setFont(scaled_font(self.font(), 17))
        goal_label.setBuddy(self.goal)
        # One row on a wide window, wrapped onto more on a narrow one (never sideways).
        goal_box = QWidget(self)
        goal_column = QVBoxLayout(goal_box)
        goal_column.setContentsMargins(0, 0, 0, 0)
        goal_column.addWidget(goal_label)
        goal_column.addWidget(self.goal)
        figures = FlowLayout(h_spacing=40, v_spacing=12)
        self._figure_boxes = (streak_box, longest_box, week_box, total_box, hours_box)
        for box in (*self._figure_boxes, goal_box):
            figures.addWidget(box)

        self.overview = OverviewTab(self.font())
        self.charts = ChartsTab(self.font(), background=background)
        self.sessions = SessionsTab(self.font())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("progress_tabs")
        self.tabs.setFont(scaled_font(self.font(), 16))
        self.tabs.addTab(self.overview, _("Overview"))
        self.tabs.addTab(self.charts, _("Charts"))
        self.tabs.addTab(self.sessions, _("Sessions"))
        self.checkins = CheckInsTab(self.font())
        self.tabs.addTab(self.checkins, _("Check-ins"))
        self.body_map = BodyMapTab(self.font())
        self.tabs.addTab(self.body_map, _("Body map"))

        self.report_button = QPushButton(_("Report…"))
        self.report_button.setObjectName("report_history")
        self.report_button.setToolTip(
            _(
                "A report of your progress for your physiotherapist: preview it, save it as a "
                "PDF or print it"
            )
        )
        #: The window sets this: the programme followed and the day it began, for the report.
        self.followed_programme: FollowedProgramme | None = None
        self.report_dialog: QDialog | None = None
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setObjectName("export_history")
        self.export_button.setToolTip(_("Save all of your history as CSV or JSON Lines"))
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setObjectName("import_history")
        self.import_button.setToolTip(_("Add sessions exported on another computer"))
        self.delete_all = QPushButton(_("Delete all history…"))
        self.delete_all.setObjectName("delete_all_history")
        self.status = QLabel()
        self.status.setObjectName("progress_status")
        self.status.setWordWrap(True)
        self.status.setFont(scaled_font(self.font(), 15))
        # The buttons wrap onto a second row where a window is too narrow for them (longer
        # words than English: French and Spanish pushed "Delete all history" off at 800 px).
        buttons = FlowLayout(h_spacing=8, v_spacing=6)
        for button in (self.report_button, self.export_button, self.import_button, self.delete_all):
            button.setFont(scaled_font(self.font(), 16))
            buttons.addWidget(button)
        bottom = QVBoxLayout()
        bottom.addWidget(self.status)
        bottom.addLayout(buttons)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)  # narrow margins: room at 800 px
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addLayout(figures)
        layout.addWidget(line)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.goal.valueChanged.connect(self._word_goal)
        self.goal.valueChanged.connect(self._on_goal_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.sessions.delete_requested.connect(self.delete_selected)
        self.report_button.clicked.connect(self.open_report)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.delete_all.clicked.connect(self.delete_everything)
        self._set_enabled(False)

    # -- feeding it ----------------------------------------------------------------------
    def set_store(self, store: HistoryStore | None, notice: str | None = None) -> None:
        """Read from *store* (None: the history is not available, *notice* says why)."""
        self.store = store
        self.charts.set_store(store)
        self.sessions.set_store(store)
        self.body_map.set_store(store)
        self.checkins.set_store(store)
        self.set_notice(notice)
        self._set_enabled(store is not None)

    def open_report(self) -> None:
        """Progress → Report…: the report's dialog, with its preview."""
        if self.store is None:
            return
        from psoas_timer.ui.progress.report_dialog import ReportDialog

        dialog = self.report_dialog
        if not isinstance(dialog, ReportDialog) or dialog.store is not self.store:
            if dialog is not None:
                dialog.deleteLater()
            dialog = ReportDialog(self.store, self.followed_programme, self)
            screen = self.screen().availableGeometry()
            dialog.resize(min(1100, screen.width() - 40), min(800, screen.height() - 60))
            self.report_dialog = dialog
        else:
            dialog.update_preview()  # the history may have changed since
        dialog.open()

    def set_notice(self, text: str | None) -> None:
        self.notice.setText(text or "")
        set_text_color(self.notice, "warning")
        self.notice.setVisible(bool(text))

    def _set_enabled(self, on: bool) -> None:
        for widget in (
            self.tabs,
            self.goal,
            self.report_button,
            self.export_button,
            self.import_button,
        ):
            widget.setEnabled(on)
        self.delete_all.setEnabled(on)

    @property
    def working(self) -> bool:
        """The whole-history figures asked for last have not been drawn yet."""
        return self._asked_pending

    def refresh(self, today: date | None = None) -> None:
        """Draw the page from the history as it is now: the calendar and the newest
        sessions at once, the whole-history figures now or, in the background, when they
        come."""
        store = self.store
        if store is None:
            self.progress = None
            return
        today = today if today is not None else store.wall().date()
        try:
            days = tuple(store.day_minutes(today - timedelta(days=CALENDAR_DAYS - 1), today))
        except HistoryError as exc:
            self._unreadable(exc)
            return
        self._today, self._days = today, days
        self.overview.show_days(days, today)
        self.sessions.relist()
        self._asked += 1
        self._asked_pending = True
        if self._worker is not None:
            self._worker.ask(self._asked, store, lambda reader: reader.totals(today))
            self._draw_tabs()  # the body map and check-ins read what they show
            return
        try:
            totals = store.totals(today)
        except HistoryError as exc:
            self._unreadable(exc)
            return
        self._on_totals(self._asked, totals, None)

    def _unreadable(self, problem: object) -> None:
        log.error("could not read the history: %s", problem)
        self.set_notice(_("The history could not be read: {problem}").format(problem=problem))

    def _on_totals(self, number: int, totals: Totals | None, problem: str | None) -> None:
        """The whole-history figures asked for as *number* (or why there are none)."""
        if number != self._asked or self.store is None:
            return  # asked again since (a session deleted, the goal changed): stale
        self._asked_pending = False
        if totals is None:
            self._unreadable(problem)
            return
        self.progress = Progress.of(totals, self._days)
        streak = totals.streak
        # The number is drawn large over its caption, so the caption's noun agrees with it.
        self.streak.setText(str(streak.current))
        self.streak_caption.setText(ngettext("day in a row", "days in a row", streak.current))
        self.longest.setText(str(streak.longest))
        self.week.setText(_("{done} of {goal}").format(done=streak.this_week, goal=streak.goal))
        self.week_caption.setText(ngettext("day this week", "days this week", streak.goal))
        self.total.setText(str(totals.sessions))
        self.total_caption.setText(noun(totals.sessions, "session"))
        hours = totals.total_seconds / 3600
        self.hours.setText(
            _("{hours} h").format(hours=format_decimal(hours, digits=0))
            if hours >= 10
            else format_seconds(totals.total_seconds)
        )
        self.goal.blockSignals(True)
        self.goal.setValue(streak.goal)
        self.goal.blockSignals(False)
        self._word_goal(streak.goal)
        self.overview.show_routines(totals.routines, totals.today)
        self.charts.fill_choices(totals)
        self.charts.dirty = True
        if self.tabs.currentWidget() is self.charts:
            self.charts.draw()
        if self._worker is None:
            self._draw_tabs()
        else:  # drawn on a page already shown: lay the figures out for their new words now,
            # not a frame later (their boxes were sized for the dashes): each box, then the
            # rows they flow in
            for box in self._figure_boxes:
                box_layout = box.layout()
                if box_layout is not None:
                    box_layout.activate()
                box.updateGeometry()
            layout = self.layout()
            if layout is not None:
                layout.activate()

    def _draw_tabs(self) -> None:
        if self.tabs.currentWidget() is self.body_map:
            self.body_map.draw()
        if self.tabs.currentWidget() is self.checkins:
            self.checkins.draw()

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.charts and self.charts.dirty:
            self.charts.draw()
        if self.tabs.currentWidget() is self.body_map:
            self.body_map.draw()
        if self.tabs.currentWidget() is self.checkins:
            self.checkins.draw()

    def delete_selected(self) -> bool:
        """Delete the selected session, once the user says so."""
        chosen = self.sessions.selected()
        if chosen is None or self.store is None:
            return False
        session_id, what = chosen
        if not self._confirm(
            _("Delete this session?"),
            _("Delete {session}? This cannot be undone.").format(session=what),
        ):
            return False
        self.store.delete_session(session_id)
        self._changed(_("Deleted {session}.").format(session=what))
        return True

    # -- goal, export, import, delete all ------------------------------------------------
    def _word_goal(self, days: int) -> None:
        self.goal.setSuffix(ngettext(" day a week", " days a week", days))

    def _on_goal_changed(self, days: int) -> None:
        if self.store is None:
            return
        self.store.set_weekly_goal(days)
        self.refresh(self._today)

    def _confirm(self, title: str, question: str) -> bool:
        """A destructive question: No is its default, a stray Enter deletes nothing."""
        if self._ask is None:
            return True
        return self._ask(self, title, question, destructive=True)

    def _changed(self, status: str) -> None:
        self.status.setText(status)
        self.refresh(self._today)
        self.history_changed.emit()

    def export_to(self, path: Path) -> int | None:
        """Write all of the history to *path* (CSV for .csv, else JSON Lines)."""
        if self.store is None:
            return None
        try:
            count = self.store.export(path)
        except (OSError, HistoryError) as exc:
            log.exception("export failed")
            self.status.setText(
                _("Could not export to {path}: {problem}").format(path=path, problem=exc)
            )
            return None
        self.status.setText(
            ngettext(
                "Exported {count} session to {path}.", "Exported {count} sessions to {path}.", count
            ).format(count=count, path=path)
        )
        return count

    def import_from(self, path: Path) -> bool:
        """Merge the sessions in *path*; a bad file is refused whole, with its line."""
        if self.store is None:
            return False
        try:
            result = self.store.import_file(path)
        except HistoryImportError as exc:
            self.status.setText(_("Nothing was imported: {problem}").format(problem=exc))
            return False
        except (OSError, HistoryError) as exc:
            log.exception("import failed")
            self.status.setText(
                _("Nothing was imported from {path}: {problem}").format(path=path, problem=exc)
            )
            return False
        added = plural(result.added, "session")
        if result.already_there:
            text = _("Imported {sessions} from {file}, {count} already here.").format(
                sessions=added, file=path.name, count=result.already_there
            )
        else:
            text = _("Imported {sessions} from {file}.").format(sessions=added, file=path.name)
        self._changed(text)
        return True

    def delete_everything(self) -> bool:
        if self.store is None:
            return False
        count = self.store.count()
        if count == 0:
            self.status.setText(_("There is no history to delete."))
            return False
        question = ngettext(
            "Delete the one session, with its ratings and note? This cannot be undone. "
            "(Export first to keep a copy.)",
            "Delete all {count} sessions, with their ratings and notes? This cannot be "
            "undone. (Export first to keep a copy.)",
            count,
        ).format(count=count)
        if not self._confirm(_("Delete all history?"), question):
            return False
        again = _("Are you sure? Every session, rating and note goes for good.")  # asked twice
        if not self._confirm(_("Delete all history for good?"), again):
            return False
        deleted = self.store.delete_all()
        self._changed(
            _("Deleted all history ({sessions}).").format(sessions=plural(deleted, "session"))
        )
        return True

    def _on_export_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export history"),
            str(Path.home() / "psoas-timer-history.csv"),
            _("CSV (*.csv);;JSON Lines (*.jsonl)"),
        )
        if name:
            self.export_to(Path(name))

    def _on_import_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import history"), str(Path.home()), _("History (*.csv *.jsonl *.json)")
        )
        if name:
            self.import_from(Path(name))
