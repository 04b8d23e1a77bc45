"""The Progress page's Check-ins tab: the weekly check-ins' activities charted over time (a
change of 2 points marked as one that matters), each check-in listed, and "Check in now…"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import HistoryStore
from psoas_timer.history.chart_series import activity_chart
from psoas_timer.i18n import _, format_date
from psoas_timer.ui.common.chart_view import ChartView
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["CheckInsTab"]


class CheckInsTab(QWidget):
    """Reads the store given with :meth:`set_store`; :meth:`draw` fills it."""

    def __init__(self, base: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: HistoryStore | None = None
        self.checkin_dialog: QDialog | None = None
        self.button = QPushButton(_("Check in now…"))
        self.button.setObjectName("progress_checkin")
        self.button.setFont(scaled_font(base, 16))
        self.button.setToolTip(
            _("Rate the activities that are hard, and how things are overall since you started")
        )
        self.summary = QLabel()
        self.summary.setObjectName("checkins_summary")
        self.summary.setWordWrap(True)
        self.summary.setFont(scaled_font(base, 16))
        self.chart = ChartView("activity_chart")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("checkins_table")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Activities (0–10)"), _("Overall")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFont(scaled_font(base, 15))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.table, 2)
        self.button.clicked.connect(self.open_checkin)

    def set_store(self, store: HistoryStore | None) -> None:
        self.store = store

    def draw(self) -> None:
        if self.store is None:
            return
        checkins = self.store.checkins()
        self.chart.set_chart(activity_chart(checkins))
        self.summary.setText(
            _(
                "Once a week: the activities that are hard (0 cannot do it, 10 as before) and "
                "how things are overall."
            )
            if checkins
            else _("No check-ins yet. The completion page offers one once a week.")
        )
        self.table.setRowCount(len(checkins))
        for row, checkin in enumerate(reversed(checkins)):
            cells = (
                format_date(checkin.taken, "medium"),
                "; ".join(f"{a.activity}: {a.score}" for a in checkin.activities) or "–",
                checkin.impression_label or _("not answered"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def open_checkin(self) -> None:
        """The weekly check-in, at any time; the tab follows when it is saved."""
        if self.store is None:
            return
        from psoas_timer.ui.progress.checkin_dialog import CheckInDialog

        dialog = CheckInDialog(self.store, None, self)
        self.checkin_dialog = dialog
        dialog.accepted.connect(self.draw)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
