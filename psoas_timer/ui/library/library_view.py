"""The routine library: every routine, bundled and the user's, with a search box.

A file with problems is listed with its messages (``file:line:column: message``) and never
hides the others.

Keyboard: Ctrl+F (or /) goes to the search box; there ↓ goes to the matches and Enter opens
the highlighted one, which is always one that is shown. (Typing in the list does not search:
single letters are the window's shortcuts, M for mute among them.)
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.catalog import Catalog, Entry
from psoas_timer.core.duration import format_clock
from psoas_timer.core.search import rank
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["LibraryView", "RoutineCard"]

#: Routines listed at once when a catalog arrives; the rest follow a slice at a time, each
#: slice taking at most this long, so the event loop turns often (the window stays live).
FIRST_SLICE = 8
SLICE_SECONDS = 0.010
#: Cards given their total time per turn of the event loop.
TOTALS_SLICE = 40


class RoutineCard(QFrame):
    """One routine in the list: name, time, tags; or what is wrong with the file."""

    def __init__(self, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self._description = ""
        self._details = ""
        self._desc: QLabel | None = None
        palette = colors(self.palette())
        name = QLabel(entry.name)
        name.setObjectName("card_name")
        name.setFont(scaled_font(self.font(), 22, bold=True))
        time = QLabel("cannot be used" if not entry.ok else "…")
        time.setObjectName("card_time")
        self._time = time
        time.setFont(scaled_font(self.font(), 20, bold=entry.ok))
        if entry.ok:  # room for any time from the start: showing it later moves nothing
            time.setMinimumWidth(time.fontMetrics().horizontalAdvance("00:00:00"))
            time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(name, 1)
        top.addWidget(time)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        if entry.ok:
            source = "bundled" if entry.bundled else "your routine"
            details = " · ".join([*entry.tags, source])
            sub = QLabel(details)
            sub.setObjectName("card_tags")
            sub.setFont(scaled_font(self.font(), 15))
            sub.setStyleSheet(f"color: {palette.muted.name(QColor.NameFormat.HexArgb)}")
            layout.addWidget(sub)
            self._description = " ".join(entry.description.split())
            if self._description:
                self._desc = QLabel(self._description)
                self._desc.setObjectName("card_description")
                self._desc.setFont(scaled_font(self.font(), 15))
                self._desc.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                layout.addWidget(self._desc)
            self._details = details
            self.show_total()
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

    def show_total(self) -> None:
        """Show the routine's total time once it is known (it is worked out after the list
        is shown, when it was not cached)."""
        total = self.entry.known_total
        if not self.entry.ok or total is None:
            self.setAccessibleName(f"{self.entry.name}, {self._details}")
            return
        self._time.setText(format_clock(total))
        self.setAccessibleName(f"{self.entry.name}, {format_clock(total)}, {self._details}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._desc is not None:
            metrics = self._desc.fontMetrics()
            width = max(10, self._desc.width())
            self._desc.setText(
                metrics.elidedText(self._description, Qt.TextElideMode.ElideRight, width)
            )


#: Where an item's place in the list is kept: its rank for the search, else its place in the
#: catalog's order.
_ORDER = Qt.ItemDataRole.UserRole + 1


class _Item(QListWidgetItem):
    """A list item that sorts by its place (:data:`_ORDER`), not by its (empty) text."""

    def __lt__(self, other: QListWidgetItem) -> bool:
        mine, theirs = self.data(_ORDER), other.data(_ORDER)
        if isinstance(mine, int) and isinstance(theirs, int):
            return mine < theirs
        return super().__lt__(other)


_LIST_STYLE = (
    "QListWidget::item:selected { background: transparent;"
    " border: 3px solid palette(highlight); border-radius: 6px; }"
)


class LibraryView(QWidget):
    """Lists a catalog; emits :attr:`routine_chosen` with the entry the user picks."""

    routine_chosen = Signal(object)
    #: Every routine of the catalog last given is in the list.
    filled = Signal()
    #: A routine that cannot be used was picked: show what is wrong with it.
    problems_chosen = Signal(object)
    #: The "Today: ..." line of the programme the user follows was clicked.
    today_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("library")
        self._queue: list[tuple[int, Entry]] = []
        self._fills = 0
        self.today = QPushButton()
        self.today.setObjectName("today")
        self.today.setFont(scaled_font(self.font(), 18, bold=True))
        self.today.setFlat(True)
        self.today.setStyleSheet("text-align: left; padding: 6px 0;")
        self.today.setVisible(False)
        self.today.clicked.connect(self.today_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search routines by name, tag or description")
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
        self.list.setStyleSheet(_LIST_STYLE)
        self.empty = QLabel("No routine matches.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        title = QLabel("Routines")
        title.setFont(scaled_font(self.font(), 30, bold=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(title)
        layout.addWidget(self.today)
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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # A style sheet keeps the palette it was set with: set it again for the new one.
            self.list.setStyleSheet("")
            self.list.setStyleSheet(_LIST_STYLE)

    def set_today(self, text: str | None, openable: bool = True) -> None:
        """Show *text* (``Today: Core and glutes, week 3 (Plank 4 × 30 s)``) above the list,
        or nothing for ``None``; *openable*: clicking it opens that session."""
        self.today.setVisible(bool(text))
        self.today.setText(text or "")
        self.today.setEnabled(openable)
        self.today.setAccessibleName(f"{text}. Open it" if openable else (text or ""))
        self.today.setToolTip("Open today's session" if openable else "")

    def set_catalog(self, catalog: Catalog) -> None:
        """List *catalog*'s routines: the first at once, the rest a slice per turn of the
        event loop, so a large library never holds the window up (:attr:`filling`)."""
        self.list.clear()
        ordered = [catalog.entries[i] for i in self._catalog_order(catalog.entries)]
        self._queue = list(enumerate(ordered))
        self._queue.reverse()  # popped from the end: first place first
        self._fills += 1
        problems = catalog.library_problems
        self.notice.setText("Exercise library problems:\n" + "\n".join(str(p) for p in problems))
        self.notice.setStyleSheet(f"color: {colors(self.palette()).warning.name()}")
        self.notice.setVisible(bool(problems))
        self._fill_slice(self._fills, FIRST_SLICE)
        if self.list.count():
            self.list.setCurrentRow(0)

    @property
    def filling(self) -> bool:
        """Some routines are still to be added to the list."""
        return bool(self._queue)

    def _fill_slice(self, fill: int, at_least: int = 0) -> None:
        if fill != self._fills:
            return  # a newer catalog replaced this one
        deadline = time.perf_counter() + SLICE_SECONDS
        added = 0
        searching = bool(self.search.text().split())
        while self._queue and (added < at_least or time.perf_counter() < deadline):
            place, entry = self._queue.pop()
            card = RoutineCard(entry)
            item = _Item(self.list)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setData(_ORDER, place)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, card.accessibleName())
            item.setSizeHint(card.sizeHint() + QSize(0, 4))
            self.list.setItemWidget(item, card)
            item.setHidden(searching)  # shown, in its rank, once the list is complete
            added += 1
        if self._queue:
            QTimer.singleShot(0, self, lambda: self._fill_slice(fill))
            return
        if searching or at_least:
            self._on_search_text_changed(self.search.text())
        self.filled.emit()

    def show_totals(self, start: int = 0) -> None:
        """Show the totals worked out since the list was filled, a slice of cards per turn
        of the event loop."""
        end = min(self.list.count(), start + TOTALS_SLICE)
        for row in range(start, end):
            item = self.list.item(row)
            card = self.list.itemWidget(item)
            if isinstance(card, RoutineCard):
                card.show_total()
                item.setData(Qt.ItemDataRole.AccessibleTextRole, card.accessibleName())
        if end < self.list.count():
            fill = self._fills

            def more() -> None:
                if fill == self._fills:  # not if the list has been filled again since
                    self.show_totals(end)

            QTimer.singleShot(0, self, more)

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
        """Show the routines that match, the best match first and highlighted; with no
        words, every routine in the catalog's order."""
        items = [self.list.item(row) for row in range(self.list.count())]
        entries = [item.data(Qt.ItemDataRole.UserRole) for item in items]
        if text.split():
            best = {index: place for place, index in enumerate(rank(entries, text))}
        else:
            best = {index: place for place, index in enumerate(self._catalog_order(entries))}
        moved = False
        for index, item in enumerate(items):
            hidden = index not in best
            if item.isHidden() != hidden:
                item.setHidden(hidden)
            place = best.get(index, len(items) + index)
            if item.data(_ORDER) != place:
                item.setData(_ORDER, place)
                moved = True
        if moved:
            self.list.sortItems()
        self.empty.setVisible(not best and self.list.count() > 0)
        current = self.list.currentItem()
        if text.split() or current is None or current.isHidden():
            first = self._first_shown_row()
            if first >= 0:
                self.list.setCurrentRow(first)
                self.list.scrollToItem(self.list.item(first))

    @staticmethod
    def _catalog_order(entries: list[Entry]) -> list[int]:
        return sorted(
            range(len(entries)),
            key=lambda i: (not entries[i].ok, not entries[i].bundled, entries[i].name.lower()),
        )

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
        elif isinstance(entry, Entry):
            self.problems_chosen.emit(entry)
