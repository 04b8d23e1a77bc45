"""The Progress page: did I do it, does it still hurt, is the point releasing faster.

Three tabs: *Overview* (streak and weekly goal, a calendar of the last months shaded by
minutes, each routine's figures), *Charts* (pain before and after for an area, time to
release for a point, over time), *Sessions* (every session, newest first, with its steps,
releases, ratings and note; delete one). Export, Import and "Delete all history" sit
below. Everything is read through :class:`HistoryStore`; the page holds no SQL and no rules.

Drawing is kept to what shows: one ``progress()`` call and the first page of sessions;
a session's detail when it is selected; the charts when their tab is first shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import (
    Area,
    HistoryError,
    HistoryImportError,
    HistoryStore,
    Point,
    Progress,
    SessionDetail,
    SessionSummary,
    format_seconds,
)
from psoas_timer.ui.common.theme import colors, scaled_font
from psoas_timer.ui.progress.calendar_view import MonthsCalendar
from psoas_timer.ui.progress.words import day_words, rating_lines, release_lines

__all__ = ["ProgressView", "session_text"]

log = logging.getLogger(__name__)

#: Sessions listed at first and added by "Show more".
PAGE = 100
#: Days the calendar shows.
CALENDAR_DAYS = 183

ENDINGS = {"completed": "done", "stopped": "stopped", "interrupted": "interrupted", None: "…"}


def session_text(detail: SessionDetail) -> str:
    """A session in full, as plain text: when, how long, steps, releases, ratings, note."""
    s = detail.summary
    lines = [
        f"{s.routine.name}, {s.started:%A %d %B %Y, %H:%M}",
        f"{ENDINGS.get(s.ending, s.ending)} · {format_seconds(s.active_seconds)} active"
        f" of {format_seconds(s.planned_seconds)} planned"
        + (f" · paused {format_seconds(s.paused_seconds)}" if s.paused_seconds >= 1 else ""),
        f"Steps done {s.steps_done}, skipped or cut short {s.steps_skipped}",
    ]
    before, after = detail.ratings_at("before"), detail.ratings_at("after")
    if before:
        lines += ["", "Before:", *("  " + x for x in rating_lines(before))]
    if after:
        lines += ["", "After:", *("  " + x for x in rating_lines(after, before))]
    if detail.releases:
        lines += ["", "Releases:", *("  " + x for x in release_lines(detail.releases))]
    if s.note:
        lines += ["", f"Note: {s.note}"]
    if detail.steps:
        lines += ["", "Steps:"]
        for step in detail.steps:
            where = f" · {step.side}" if step.side else ""
            where += f" · set {step.set}" if step.set > 1 else ""
            state = "done" if step.done else "skipped"
            lines.append(
                f"  {step.name}{where}: {format_seconds(step.actual_seconds)} of "
                f"{format_seconds(step.planned_seconds)}, {state}"
            )
    return "\n".join(lines)


def _figure(parent: QWidget, name: str, caption: str) -> tuple[QLabel, QLabel, QWidget]:
    box = QWidget(parent)
    value = QLabel("–", box)
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
    """The page; give it the store with :meth:`set_store`, draw it with :meth:`refresh`."""

    #: A session was deleted, or history imported or deleted (the window refreshes lines
    #: that depend on it, such as the routine page's "last done").
    history_changed = Signal()

    def __init__(
        self,
        ask: Callable[[QWidget, str, str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progress")
        self._ask = ask
        self.store: HistoryStore | None = None
        self.progress: Progress | None = None
        self._today: date | None = None
        self._charts_dirty = True
        self._listed = 0
        self.title = QLabel("Progress")
        self.title.setFont(scaled_font(self.font(), 34, bold=True))
        self.notice = QLabel()
        self.notice.setObjectName("progress_notice")
        self.notice.setWordWrap(True)
        self.notice.setFont(scaled_font(self.font(), 17))
        self.notice.hide()
        self.streak, _, streak_box = _figure(self, "current_streak", "days in a row")
        self.longest, _, longest_box = _figure(self, "longest_streak", "longest run")
        self.week, self.week_caption, week_box = _figure(self, "this_week", "this week")
        self.total, _, total_box = _figure(self, "sessions_total", "sessions")
        self.hours, _, hours_box = _figure(self, "time_total", "in all")
        self.goal = QSpinBox()
        self.goal.setObjectName("weekly_goal")
        self.goal.setRange(1, 7)
        self.goal.setSuffix(" days a week")
        self.goal.setFont(scaled_font(self.font(), 18))
        self.goal.setAccessibleName("Weekly goal")
        self.goal.setToolTip("Days a week you aim for: days off within it keep the streak")
        goal_label = QLabel("Weekly goal")
        goal_label.setFont(scaled_font(self.font(), 17))
        goal_label.setBuddy(self.goal)
        figures = QHBoxLayout()
        figures.setSpacing(40)
        for box in (streak_box, longest_box, week_box, total_box, hours_box):
            figures.addWidget(box)
        goal_column = QVBoxLayout()
        goal_column.addWidget(goal_label)
        goal_column.addWidget(self.goal)
        figures.addSpacing(24)
        figures.addLayout(goal_column)
        figures.addStretch(1)

        # -- overview ------------------------------------------------------------------
        self.calendar = MonthsCalendar()
        self.calendar_caption = QLabel()
        self.calendar_caption.setFont(scaled_font(self.font(), 15))
        self.routines = QTableWidget(0, 4)
        self.routines.setObjectName("routine_stats")
        self.routines.setHorizontalHeaderLabels(
            ["Routine", "Times done", "Last done", "Average length"]
        )
        self.routines.verticalHeader().hide()
        self.routines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.routines.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.routines.setFont(scaled_font(self.font(), 16))
        header = self.routines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        calendar_title = QLabel("Minutes each day, the last six months")
        calendar_title.setFont(scaled_font(self.font(), 18, bold=True))
        overview_layout.addWidget(calendar_title)
        overview_layout.addWidget(self.calendar)
        overview_layout.addWidget(self.calendar_caption)
        routines_title = QLabel("Each routine")
        routines_title.setFont(scaled_font(self.font(), 18, bold=True))
        overview_layout.addSpacing(8)
        overview_layout.addWidget(routines_title)
        overview_layout.addWidget(self.routines, 1)

        # -- charts --------------------------------------------------------------------
        self.area_choice = QComboBox()
        self.area_choice.setObjectName("area_choice")
        self.area_choice.setAccessibleName("Area to chart")
        self.point_choice = QComboBox()
        self.point_choice.setObjectName("point_choice")
        self.point_choice.setAccessibleName("Point to chart")
        for combo in (self.area_choice, self.point_choice):
            combo.setFont(scaled_font(self.font(), 16))
            combo.setMinimumContentsLength(18)
        self.charts = QWidget()
        self._charts_layout = QGridLayout(self.charts)
        area_label = QLabel("Pain for")
        area_label.setBuddy(self.area_choice)
        point_label = QLabel("Time to release for")
        point_label.setBuddy(self.point_choice)
        for label in (area_label, point_label):
            label.setFont(scaled_font(self.font(), 16))
        choose = QHBoxLayout()
        choose.addWidget(area_label)
        choose.addWidget(self.area_choice)
        choose.addSpacing(24)
        choose.addWidget(point_label)
        choose.addWidget(self.point_choice)
        choose.addStretch(1)
        self._charts_layout.addLayout(choose, 0, 0, 1, 2)
        self.pain_chart: QWidget | None = None
        self.release_chart: QWidget | None = None

        # -- sessions ------------------------------------------------------------------
        self.sessions = QTreeWidget()
        self.sessions.setObjectName("session_list")
        self.sessions.setHeaderLabels(["When", "Routine", "Time", "How it ended"])
        self.sessions.setRootIsDecorated(False)
        self.sessions.setUniformRowHeights(True)
        self.sessions.setFont(scaled_font(self.font(), 16))
        self.sessions.setAccessibleName("Sessions, newest first")
        columns = self.sessions.header()
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((0, "Wed 30 Sep 2026 07:00"), (2, "1:00:00"), (3, "interrupted")):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            width = self.sessions.fontMetrics().horizontalAdvance(sample) + 24
            columns.resizeSection(column, width)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("session_detail")
        self.detail.setReadOnly(True)
        self.detail.setFont(scaled_font(self.font(), 16))
        self.more = QPushButton("Show more")
        self.more.setObjectName("more_sessions")
        self.delete = QPushButton("Delete this session…")
        self.delete.setObjectName("delete_session")
        self.delete.setToolTip("Delete the selected session (Delete)")
        session_buttons = QHBoxLayout()
        session_buttons.addWidget(self.more)
        session_buttons.addStretch(1)
        session_buttons.addWidget(self.delete)
        split = QSplitter()
        split.addWidget(self.sessions)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        sessions_page = QWidget()
        sessions_layout = QVBoxLayout(sessions_page)
        sessions_layout.addWidget(split, 1)
        sessions_layout.addLayout(session_buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("progress_tabs")
        self.tabs.setFont(scaled_font(self.font(), 16))
        self.tabs.addTab(overview, "Overview")
        self.tabs.addTab(self.charts, "Charts")
        self.tabs.addTab(sessions_page, "Sessions")

        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("export_history")
        self.export_button.setToolTip("Save all of your history as CSV or JSON Lines")
        self.import_button = QPushButton("Import…")
        self.import_button.setObjectName("import_history")
        self.import_button.setToolTip("Add sessions exported on another computer")
        self.delete_all = QPushButton("Delete all history…")
        self.delete_all.setObjectName("delete_all_history")
        self.status = QLabel()
        self.status.setObjectName("progress_status")
        self.status.setWordWrap(True)
        self.status.setFont(scaled_font(self.font(), 15))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.export_button, self.import_button, self.delete_all):
            button.setFont(scaled_font(self.font(), 16))
            bottom.addWidget(button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addLayout(figures)
        layout.addWidget(line)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.goal.valueChanged.connect(self._on_goal_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.area_choice.currentIndexChanged.connect(self._on_area_chosen)
        self.point_choice.currentIndexChanged.connect(self._on_point_chosen)
        self.sessions.currentItemChanged.connect(self._on_session_selected)
        self.more.clicked.connect(self._list_more)
        self.delete.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.delete_all.clicked.connect(self.delete_everything)
        delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.sessions)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        self._set_enabled(False)

    # -- feeding it ----------------------------------------------------------------------
    def set_store(self, store: HistoryStore | None, notice: str | None = None) -> None:
        """Read from *store* (None: the history is not available, *notice* says why)."""
        self.store = store
        self.set_notice(notice)
        self._set_enabled(store is not None)

    def set_notice(self, text: str | None) -> None:
        self.notice.setText(text or "")
        self.notice.setStyleSheet(f"color: {colors(self.palette()).warning.name()}")
        self.notice.setVisible(bool(text))

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.tabs, self.goal, self.export_button, self.import_button):
            widget.setEnabled(on)
        self.delete_all.setEnabled(on)

    def refresh(self, today: date | None = None) -> None:
        """Draw the page from the history as it is now."""
        store = self.store
        if store is None:
            self.progress = None
            return
        try:
            progress = store.progress(today, days=CALENDAR_DAYS)
        except HistoryError as exc:
            log.exception("could not read the history")
            self.set_notice(f"The history could not be read: {exc}")
            return
        self.progress = progress
        self._today = progress.today
        streak = progress.streak
        self.streak.setText(str(streak.current))
        self.longest.setText(str(streak.longest))
        self.week.setText(f"{streak.this_week} of {streak.goal}")
        self.week_caption.setText("days this week")
        self.total.setText(str(progress.sessions))
        hours = progress.total_seconds / 3600
        self.hours.setText(
            f"{hours:.0f} h" if hours >= 10 else format_seconds(progress.total_seconds)
        )
        self.goal.blockSignals(True)
        self.goal.setValue(streak.goal)
        self.goal.blockSignals(False)
        self.calendar.set_days(progress.days, progress.today)
        active = [d for d in progress.days if d.sessions]
        minutes = sum(d.minutes for d in progress.days)
        self.calendar_caption.setText(
            f"{len(active)} days with a session, {round(minutes)} minutes in all. "
            "Darker means more minutes."
        )
        self._fill_routines(progress)
        self._fill_choices(progress)
        self.sessions.clear()
        self._listed = 0
        self._list_more()
        self._charts_dirty = True
        if self.tabs.currentWidget() is self.charts:
            self._draw_charts()

    def _fill_routines(self, progress: Progress) -> None:
        table = self.routines
        table.setRowCount(len(progress.routines))
        for row, stats in enumerate(progress.routines):
            when = stats.last_done
            last = f"{day_words(when.date(), progress.today)}, {when:%H:%M}"
            cells = [
                stats.routine,
                str(stats.sessions),
                last,
                format_seconds(stats.average_seconds),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)

    def _fill_choices(self, progress: Progress) -> None:
        for combo, items in (
            (self.area_choice, progress.areas),
            (self.point_choice, progress.points),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                combo.addItem(item.label.capitalize(), item)
            index = combo.findData(chosen) if chosen is not None else -1
            combo.setCurrentIndex(max(0, index) if items else -1)
            combo.blockSignals(False)

    # -- sessions ------------------------------------------------------------------------
    def _list_more(self) -> None:
        if self.store is None:
            return
        found = self.store.sessions(limit=PAGE, offset=self._listed)
        items = [self._session_item(s) for s in found]
        self.sessions.addTopLevelItems(items)
        self._listed += len(found)
        self.more.setEnabled(len(found) == PAGE)
        first = self.sessions.topLevelItem(0)
        if self.sessions.currentItem() is None and first is not None:
            self.sessions.setCurrentItem(first)

    def _session_item(self, s: SessionSummary) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                f"{s.started:%a %d %b %Y %H:%M}",
                s.routine.name,
                format_seconds(s.active_seconds),
                ENDINGS.get(s.ending, str(s.ending)),
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, s.id)
        return item

    def listed_ids(self) -> list[str]:
        items = (self.sessions.topLevelItem(i) for i in range(self.sessions.topLevelItemCount()))
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def _selected_id(self) -> str | None:
        item = self.sessions.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_session_selected(self, current: QTreeWidgetItem | None, _old: object) -> None:
        if current is None or self.store is None:
            self.detail.clear()
            self.delete.setEnabled(False)
            return
        detail = self.store.session(current.data(0, Qt.ItemDataRole.UserRole))
        self.detail.setPlainText(session_text(detail) if detail else "")
        self.delete.setEnabled(detail is not None)

    def delete_selected(self) -> bool:
        """Delete the selected session, once the user says so."""
        session_id = self._selected_id()
        if session_id is None or self.store is None:
            return False
        item = self.sessions.currentItem()
        what = f"{item.text(1)} on {item.text(0)}" if item is not None else "this session"
        if not self._confirm("Delete this session?", f"Delete {what}? This cannot be undone."):
            return False
        self.store.delete_session(session_id)
        self._changed(f"Deleted {what}.")
        return True

    # -- charts --------------------------------------------------------------------------
    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.charts and self._charts_dirty:
            self._draw_charts()

    def _ensure_charts(self) -> None:
        if self.pain_chart is None:
            from psoas_timer.ui.progress.charts import ProgressChart

            self.pain_chart = ProgressChart("pain_chart")
            self.release_chart = ProgressChart("release_chart")
            self._charts_layout.addWidget(self.pain_chart, 1, 0)
            self._charts_layout.addWidget(self.release_chart, 1, 1)
            self._charts_layout.setRowStretch(1, 1)
            self._charts_layout.setColumnStretch(0, 1)
            self._charts_layout.setColumnStretch(1, 1)

    def _draw_charts(self) -> None:
        self._ensure_charts()
        self._charts_dirty = False
        self._on_area_chosen()
        self._on_point_chosen()

    def _on_area_chosen(self, _index: int = 0) -> None:
        if self.pain_chart is None or self.store is None:
            return
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(self.pain_chart, ProgressChart)
        area = self.area_choice.currentData()
        if isinstance(area, Area):
            self.pain_chart.show_pain(area.label, self.store.pain_series(area))
        else:
            self.pain_chart.show_pain("pain", [])
            self.pain_chart.chart().setTitle("No ratings yet: they are asked before and after")

    def _on_point_chosen(self, _index: int = 0) -> None:
        if self.release_chart is None or self.store is None:
            return
        from psoas_timer.ui.progress.charts import ProgressChart

        assert isinstance(self.release_chart, ProgressChart)
        point = self.point_choice.currentData()
        if isinstance(point, Point):
            self.release_chart.show_releases(point.label, self.store.release_series(point))
        else:
            self.release_chart.show_releases("points", [])
            self.release_chart.chart().setTitle("No open holds recorded yet")

    # -- goal, export, import, delete all ------------------------------------------------
    def _on_goal_changed(self, days: int) -> None:
        if self.store is None:
            return
        self.store.set_weekly_goal(days)
        self.refresh(self._today)

    def _confirm(self, title: str, question: str) -> bool:
        return self._ask(self, title, question) if self._ask is not None else True

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
            self.status.setText(f"Could not export to {path}: {exc}")
            return None
        self.status.setText(f"Exported {count} sessions to {path}.")
        return count

    def import_from(self, path: Path) -> bool:
        """Merge the sessions in *path*; a bad file is refused whole, with its line."""
        if self.store is None:
            return False
        try:
            result = self.store.import_file(path)
        except HistoryImportError as exc:
            self.status.setText(f"Nothing was imported: {exc}")
            return False
        except (OSError, HistoryError) as exc:
            log.exception("import failed")
            self.status.setText(f"Nothing was imported from {path}: {exc}")
            return False
        there = f", {result.already_there} already here" if result.already_there else ""
        self._changed(f"Imported {result.added} sessions from {path.name}{there}.")
        return True

    def delete_everything(self) -> bool:
        if self.store is None:
            return False
        count = self.store.count()
        question = (
            f"Delete all {count} sessions, with their ratings and notes? This cannot be "
            "undone. (Export first to keep a copy.)"
        )
        if not self._confirm("Delete all history?", question):
            return False
        deleted = self.store.delete_all()
        self._changed(f"Deleted all history ({deleted} sessions).")
        return True

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export history",
            str(Path.home() / "psoas-timer-history.csv"),
            "CSV (*.csv);;JSON Lines (*.jsonl)",
        )
        if name:
            self.export_to(Path(name))

    def _on_import_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import history", str(Path.home()), "History (*.csv *.jsonl *.json)"
        )
        if name:
            self.import_from(Path(name))
