"""The Progress page's Sessions tab: every session, newest first, a page at a time ("Show
more"), and the selected one in full beside the list (its steps, releases, ratings and note).

Deleting is asked for here (the button, or Delete in the list) and done by the page, which
asks the user first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import HistoryStore, SessionSummary, format_seconds
from psoas_timer.history.format import ending_word
from psoas_timer.i18n import _, format_datetime
from psoas_timer.ui.common.theme import scaled_font
from psoas_timer.ui.progress.words import session_text

__all__ = ["PAGE", "SessionsTab"]

#: Sessions listed at first and added by "Show more".
PAGE = 100


class SessionsTab(QWidget):
    """Lists from the store given with :meth:`set_store`; its type is sized from
    *base* (the page's font)."""

    #: The user asks to delete the selected session.
    delete_requested = Signal()

    def __init__(self, base: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: HistoryStore | None = None
        self._listed = 0
        self.session_list = QTreeWidget()
        self.session_list.setObjectName("session_list")
        self.session_list.setHeaderLabels([_("When"), _("Routine"), _("Time"), _("How it ended")])
        self.session_list.setRootIsDecorated(False)
        self.session_list.setUniformRowHeights(True)
        self.session_list.setFont(scaled_font(base, 16))
        self.session_list.setAccessibleName(_("Sessions, newest first"))
        columns = self.session_list.header()
        columns.setStretchLastSection(False)
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, sample in ((0, "Wed 30 Sep 2026 07:00"), (2, "1:00:00"), (3, "interrupted")):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            width = self.session_list.fontMetrics().horizontalAdvance(sample) + 24
            columns.resizeSection(column, width)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("session_detail")
        self.detail.setReadOnly(True)
        self.detail.setFont(scaled_font(base, 16))
        self.more = QPushButton(_("Show more"))
        self.more.setObjectName("more_sessions")
        self.delete = QPushButton(_("Delete this session…"))
        self.delete.setObjectName("delete_session")
        self.delete.setToolTip(_("Delete the selected session (Delete)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.more)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        split = QSplitter()
        split.addWidget(self.session_list)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.session_list.currentItemChanged.connect(self._on_session_selected)
        self.more.clicked.connect(self.list_more)
        self.delete.clicked.connect(self._on_delete)
        delete_key = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.session_list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self._on_delete)

    def _on_delete(self) -> None:
        self.delete_requested.emit()

    def set_store(self, store: HistoryStore | None) -> None:
        self.store = store

    def relist(self) -> None:
        """List the newest sessions again, from the first page."""
        self.session_list.clear()
        self._listed = 0
        self.list_more()

    def list_more(self) -> None:
        """Add the next page of sessions to the list."""
        if self.store is None:
            return
        found = self.store.sessions(limit=PAGE, offset=self._listed)
        items = [self._session_item(s) for s in found]
        self.session_list.addTopLevelItems(items)
        self._listed += len(found)
        self.more.setEnabled(len(found) == PAGE)
        first = self.session_list.topLevelItem(0)
        if self.session_list.currentItem() is None and first is not None:
            self.session_list.setCurrentItem(first)

    def _session_item(self, s: SessionSummary) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                format_datetime(s.started, "EEE d MMM y HH:mm"),
                s.routine.name,
                format_seconds(s.active_seconds),
                ending_word(s.ending),
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, s.id)
        return item

    def listed_ids(self) -> list[str]:
        """The ids of the sessions listed, in order."""
        tree = self.session_list
        items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in items if item is not None]

    def selected(self) -> tuple[str, str] | None:
        """The selected session's id and how to name it ("Daily psoas on Mon 2 Mar 2026
        07:00"), or None."""
        item = self.session_list.currentItem()
        if item is None:
            return None
        return item.data(0, Qt.ItemDataRole.UserRole), _("{routine} on {when}").format(
            routine=item.text(1), when=item.text(0)
        )

    def _on_session_selected(self, current: QTreeWidgetItem | None, _old: object) -> None:
        if current is None or self.store is None:
            self.detail.clear()
            self.delete.setEnabled(False)
            return
        detail = self.store.session(current.data(0, Qt.ItemDataRole.UserRole))
        self.detail.setPlainText(session_text(detail) if detail else "")
        self.delete.setEnabled(detail is not None)
