"""The routine library: every routine, bundled and the user's, with a search box.

A file with problems is listed with its messages (``file:line:column: message``) and never
hides the others.

Keyboard: Ctrl+F (or /) goes to the search box; there ↓ goes to the matches and Enter opens
the highlighted one, which is always one that is shown. (Typing in the list does not search:
single letters are the window's shortcuts, M for mute among them.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.catalog import Catalog, Entry
from psoas_timer.core.duration import format_clock
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["LibraryView", "RoutineCard"]


class RoutineCard(QFrame):
    """One routine in the list: name, time, tags; or what is wrong with the file."""

    def __init__(self, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self._description = ""
        self._desc: QLabel | None = None
        palette = colors(self.palette())
        name = QLabel(entry.name)
        name.setObjectName("card_name")
        name.setFont(scaled_font(self.font(), 22, bold=True))
        time = QLabel(format_clock(entry.plan.total) if entry.ok else "cannot be used")
        time.setObjectName("card_time")
        time.setFont(scaled_font(self.font(), 20, bold=entry.ok))
        top = QHBoxLayout()
        top.addWidget(name, 1)
        top.addWidget(time)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        if entry.routine is not None:
            source = "bundled" if entry.bundled else "your routine"
            details = " · ".join([*entry.routine.tags, source])
            sub = QLabel(details)
            sub.setObjectName("card_tags")
            sub.setFont(scaled_font(self.font(), 15))
            sub.setStyleSheet(f"color: {palette.muted.name(QColor.NameFormat.HexArgb)}")
            layout.addWidget(sub)
            self._description = " ".join(entry.routine.description.split())
            if self._description:
                self._desc = QLabel(self._description)
                self._desc.setObjectName("card_description")
                self._desc.setFont(scaled_font(self.font(), 15))
                self._desc.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                layout.addWidget(self._desc)
            self.setAccessibleName(f"{entry.name}, {format_clock(entry.plan.total)}, {details}")
        else:
            time.setStyleSheet(f"color: {palette.warning.name()}")
            problems = QLabel("\n".join(str(p) for p in entry.problems))
            problems.setObjectName("card_problems")
            problems.setWordWrap(True)
            problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            problems.setFont(scaled_font(self.font(), 14))
            problems.setStyleSheet(f"color: {palette.warning.name()}")
            layout.addWidget(problems)
            self.setAccessibleName(f"{entry.name} cannot be used: {len(entry.problems)} problems")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._desc is not None:
            metrics = self._desc.fontMetrics()
            width = max(10, self._desc.width())
            self._desc.setText(
                metrics.elidedText(self._description, Qt.TextElideMode.ElideRight, width)
            )

    def matches(self, words: list[str]) -> bool:
        entry = self.entry
        routine = entry.routine
        haystack = " ".join(
            [
                entry.name,
                entry.path.name,
                *(routine.tags if routine else []),
                routine.description if routine else "",
            ]
        ).lower()
        return all(word in haystack for word in words)


class LibraryView(QWidget):
    """Lists a catalog; emits :attr:`routine_chosen` with the entry the user picks."""

    routine_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search routines by name or tag")
        self.search.setAccessibleName("Search routines")
        self.search.setClearButtonEnabled(True)
        self.search.setFont(scaled_font(self.font(), 18))
        self.notice = QLabel()
        self.notice.setObjectName("library_problems")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.list = QListWidget()
        self.list.setObjectName("routines")
        self.list.setAccessibleName("Routines")
        self.list.setSpacing(4)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        # The highlight is a frame, not a fill, so every card's text (warnings included)
        # keeps its colours and stays readable when selected, in light and dark themes.
        self.list.setStyleSheet(
            "QListWidget::item:selected { background: transparent;"
            " border: 3px solid palette(highlight); border-radius: 6px; }"
        )
        self.empty = QLabel("No routine matches.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        title = QLabel("Routines")
        title.setFont(scaled_font(self.font(), 30, bold=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.notice)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)
        for keys in (QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("/")):
            find = QShortcut(keys, self)
            find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            find.activated.connect(self.focus_search)
        self.list.itemClicked.connect(self._on_item_activated)
        self.list.itemActivated.connect(self._on_item_activated)

    def set_catalog(self, catalog: Catalog) -> None:
        self.list.clear()
        ordered = sorted(catalog.entries, key=lambda e: (not e.ok, not e.bundled, e.name.lower()))
        for entry in ordered:
            card = RoutineCard(entry)
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, card.accessibleName())
            item.setSizeHint(card.sizeHint() + QSize(0, 4))
            self.list.setItemWidget(item, card)
        problems = catalog.library_problems
        self.notice.setText("Exercise library problems:\n" + "\n".join(str(p) for p in problems))
        self.notice.setStyleSheet(f"color: {colors(self.palette()).warning.name()}")
        self.notice.setVisible(bool(problems))
        self._on_search_text_changed(self.search.text())
        if self.list.count():
            self.list.setCurrentRow(0)

    def cards(self) -> list[RoutineCard]:
        found = []
        for row in range(self.list.count()):
            widget = self.list.itemWidget(self.list.item(row))
            if isinstance(widget, RoutineCard):
                found.append(widget)
        return found

    def visible_names(self) -> list[str]:
        return [
            card.entry.name
            for row, card in enumerate(self.cards())
            if not self.list.item(row).isHidden()
        ]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _first_shown_row(self) -> int:
        for row in range(self.list.count()):
            if not self.list.item(row).isHidden():
                return row
        return -1

    def _on_search_text_changed(self, text: str) -> None:
        words = text.lower().split()
        shown = 0
        for row, card in enumerate(self.cards()):
            hit = card.matches(words)
            self.list.item(row).setHidden(not hit)
            shown += hit
        self.empty.setVisible(shown == 0 and self.list.count() > 0)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            first = self._first_shown_row()
            if first >= 0:
                self.list.setCurrentRow(first)

    def _on_search_return_pressed(self) -> None:
        current = self.list.currentItem()
        if current is not None and not current.isHidden():
            self._on_item_activated(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.search and event.key() == Qt.Key.Key_Down:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        entry = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(entry, Entry) and entry.ok:
            self.routine_chosen.emit(entry)
