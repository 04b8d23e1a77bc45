"""The routine library: every routine, bundled and the user's, with a search box.

A file with problems is listed with its messages (``file:line:column: message``) and never
hides the others.

The list is a :class:`QListView` over a :class:`RoutineModel` whose cards a
:class:`RoutineDelegate` paints: no widget per routine, so a library of hundreds of routines
is listed at once without holding the window up (each card is laid out only when painted,
and the view lays the rows out a batch per turn of the event loop).

Keyboard: Ctrl+F (or /) goes to the search box; there ↓ goes to the matches and Enter opens
the highlighted one, which is always one that is shown. (Typing in the list does not search:
single letters are the window's shortcuts, M for mute among them.)
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.catalog import Catalog, Entry
from psoas_timer.core.duration import format_clock
from psoas_timer.core.search import rank
from psoas_timer.i18n import _, content, ngettext
from psoas_timer.ui.common.line_button import LineButton
from psoas_timer.ui.common.theme import colors, scaled_font, set_text_color

__all__ = ["LibraryView", "Roles", "RoutineDelegate", "RoutineModel"]

#: Rows the view lays out per turn of the event loop while a catalog is listed.
LAYOUT_BATCH = 40


class Roles:
    """What :class:`RoutineModel` gives for each routine, besides its name (display role)
    and what a screen reader says (accessible text role)."""

    ENTRY = Qt.ItemDataRole.UserRole  # the catalog Entry
    TIME = Qt.ItemDataRole.UserRole + 1  # "8:25", "…" while not worked out, "cannot be used"
    DETAILS = Qt.ItemDataRole.UserRole + 2  # "psoas · quick · bundled"
    DESCRIPTION = Qt.ItemDataRole.UserRole + 3  # on one line
    PROBLEMS = Qt.ItemDataRole.UserRole + 4  # one "file:line:column: message" a line


def _time_text(entry: Entry) -> str:
    if not entry.ok:
        return _("cannot be used")
    total = entry.known_total
    return "…" if total is None else format_clock(total)


def _details(entry: Entry) -> str:
    # A bundled routine's tags are in the content catalog; a user's are shown as written.
    tags = [content(tag) for tag in entry.tags] if entry.bundled else list(entry.tags)
    return " · ".join([*tags, _("bundled") if entry.bundled else _("your routine")])


def _accessible(entry: Entry) -> str:
    if not entry.ok:
        count = len(entry.problems)
        return ngettext(
            "{name} cannot be used: {count} problem",
            "{name} cannot be used: {count} problems",
            count,
        ).format(name=entry.name, count=count)
    total = entry.known_total
    if total is None:
        return _("{name}, {details}").format(name=entry.name, details=_details(entry))
    return _("{name}, {time}, {details}").format(
        name=entry.name, time=format_clock(total), details=_details(entry)
    )


def catalog_order(entries: list[Entry]) -> list[int]:
    """The library's order: usable before broken, bundled before the user's, then by name."""
    return sorted(
        range(len(entries)),
        key=lambda i: (not entries[i].ok, not entries[i].bundled, entries[i].name.lower()),
    )


class RoutineModel(QAbstractListModel):
    """The catalog's routines that are shown, in the order shown (see :meth:`show`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._shown: list[int] = []

    def set_entries(self, entries: list[Entry]) -> None:
        """Every routine, in the library's order, all shown."""
        self.beginResetModel()
        self._entries = [entries[i] for i in catalog_order(entries)]
        self._shown = list(range(len(self._entries)))
        self.endResetModel()

    def show(self, order: list[int]) -> None:
        """Show only the routines at *order* (places in :attr:`entries`), in that order."""
        if order == self._shown:
            return
        self.beginResetModel()
        self._shown = list(order)
        self.endResetModel()

    @property
    def entries(self) -> list[Entry]:
        """Every routine, shown or not, in the library's order."""
        return self._entries

    def shown(self) -> list[Entry]:
        return [self._entries[i] for i in self._shown]

    def totals_changed(self) -> None:
        """The routines' total times are known now: show them."""
        if self._shown:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self._shown) - 1),
                [Roles.TIME, Qt.ItemDataRole.AccessibleTextRole],
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        entry = self._entries[self._shown[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role == Roles.ENTRY:
            return entry
        if role == Roles.TIME:
            return _time_text(entry)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _accessible(entry)
        if role == Roles.DETAILS:
            return _details(entry) if entry.ok else ""
        if role == Roles.DESCRIPTION:
            return " ".join(entry.description.split()) if entry.ok else ""
        if role == Roles.PROBLEMS:
            return "\n".join(str(p) for p in entry.problems)
        return None


class RoutineDelegate(QStyledItemDelegate):
    """Paints a routine as a card: its name large, its total time on the right, its tags and
    description below; or, for a file that cannot be used, what is wrong with it."""

    MARGIN_X = 14
    MARGIN_Y = 10
    SPACING = 6
    GAP = 12  # between the name and the time
    FRAME = 3  # the highlight's width

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        # By the view's font (its key): the view asks every row's size while it lays a
        # large library out, and making five fonts and their metrics each time held the
        # window's thread up for tens of milliseconds per batch of rows.
        self._font_sets: dict[str, tuple[QFont, QFont, QFont, QFont, QFont]] = {}
        self._heights: dict[tuple[str, bool], int] = {}

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont, QFont, QFont]:
        key = base.key()
        found = self._font_sets.get(key)
        if found is None:
            found = self._font_sets[key] = (
                scaled_font(base, 22, bold=True),  # name
                scaled_font(base, 20, bold=True),  # time
                scaled_font(base, 20),  # "cannot be used"
                scaled_font(base, 15),  # tags, description
                scaled_font(base, 14),  # problems
            )
        return found

    def _card_height(self, base: QFont, described: bool) -> int:
        """The height of a usable routine's card: the name and time, the tags, and the
        description when it has one."""
        key = (base.key(), described)
        height = self._heights.get(key)
        if height is None:
            name, time, _plain, small, _tiny = self._fonts(base)
            line = QFontMetrics(small).height()
            height = 2 * self.MARGIN_Y + self._top_height(name, time) + self.SPACING + line
            if described:
                height += self.SPACING + line
            self._heights[key] = height
        return height

    def _top_height(self, name: QFont, time: QFont) -> int:
        return max(QFontMetrics(name).height(), QFontMetrics(time).height())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        entry = index.data(Roles.ENTRY)
        if not isinstance(entry, Entry):
            return super().sizeHint(option, index)
        width = self._view.viewport().width()
        if entry.ok:
            return QSize(
                width // 2, self._card_height(option.font, bool(entry.description.strip()))
            )
        name, _time, plain, _small, tiny = self._fonts(option.font)
        height = 2 * self.MARGIN_Y + self._top_height(name, plain)
        problems = QFontMetrics(tiny).boundingRect(
            QRect(0, 0, max(40, width - 2 * self.MARGIN_X), 100_000),
            Qt.TextFlag.TextWordWrap,
            str(index.data(Roles.PROBLEMS)),
        )
        height += self.SPACING + problems.height()
        return QSize(width // 2, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry = index.data(Roles.ENTRY)
        if not isinstance(entry, Entry):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        palette = option.palette
        state = option.state
        theme = colors(palette)
        name_font, time_font, plain_font, small_font, tiny_font = self._fonts(option.font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if state & QStyle.StateFlag.State_MouseOver and not state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.track)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
        # The highlight is a frame, not a fill, so every card's text (warnings included)
        # keeps its colours and stays readable when selected, in light and dark themes.
        if state & QStyle.StateFlag.State_Selected:
            pen = QPen(palette.color(palette.ColorRole.Highlight), self.FRAME)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = (self.FRAME + 1) // 2
            painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), 6, 6)
        inner = rect.adjusted(self.MARGIN_X, self.MARGIN_Y, -self.MARGIN_X, -self.MARGIN_Y)
        time_text = str(index.data(Roles.TIME))
        time_font = time_font if entry.ok else plain_font
        time_metrics = QFontMetrics(time_font)
        top = self._top_height(name_font, time_font)
        time_width = time_metrics.horizontalAdvance(time_text)
        if entry.ok:  # room for any time: showing it later moves nothing
            time_width = max(time_width, time_metrics.horizontalAdvance("00:00:00"))
        top_rect = QRect(inner.left(), inner.top(), inner.width(), top)
        painter.setFont(time_font)
        painter.setPen(theme.text if entry.ok else theme.warning)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(top_rect, int(right), time_text)
        name_rect = top_rect.adjusted(0, 0, -(time_width + self.GAP), 0)
        painter.setFont(name_font)
        painter.setPen(theme.text)
        name = QFontMetrics(name_font).elidedText(
            entry.name, Qt.TextElideMode.ElideRight, max(10, name_rect.width())
        )
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(name_rect, int(left), name)
        y = top_rect.bottom() + 1 + self.SPACING
        if entry.ok:
            metrics = QFontMetrics(small_font)
            painter.setFont(small_font)
            lines = [(str(index.data(Roles.DETAILS)), theme.muted)]
            description = str(index.data(Roles.DESCRIPTION))
            if description:
                lines.append((description, theme.text))
            for text, color in lines:
                painter.setPen(color)
                line = QRect(inner.left(), y, inner.width(), metrics.height())
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
                painter.drawText(line, int(left), shown)
                y += metrics.height() + self.SPACING
        else:
            painter.setFont(tiny_font)
            painter.setPen(theme.warning)
            area = QRect(inner.left(), y, inner.width(), max(0, inner.bottom() - y + 1))
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(
                area, int(flags) | int(Qt.TextFlag.TextWordWrap), str(index.data(Roles.PROBLEMS))
            )
        painter.restore()


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
        # One line, cut short with "…" on a narrow window: it never widens the window.
        self.today = LineButton()
        self.today.setObjectName("today")
        self.today.setFont(scaled_font(self.font(), 18, bold=True))
        self.today.setVisible(False)
        self.today.clicked.connect(self.today_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search routines by name, tag or description"))
        self.search.setAccessibleName(_("Search routines"))
        self.search.setClearButtonEnabled(True)
        self.search.setFont(scaled_font(self.font(), 18))
        self.notice = QLabel()
        self.notice.setObjectName("library_problems")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.model = RoutineModel(self)
        self.list = QListView()
        self.list.setObjectName("routines")
        self.list.setAccessibleName(_("Routines"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(RoutineDelegate(self.list))
        self.list.setSpacing(4)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMouseTracking(True)  # a card under the pointer is shaded
        # Rows are laid out a batch per turn of the event loop, and again on a resize (the
        # problems of a broken file wrap to the width).
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(LAYOUT_BATCH)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.empty = QLabel(_("No routine matches."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setVisible(False)
        title = QLabel(_("Routines"))
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
        self.list.clicked.connect(self._on_activated)
        self.list.activated.connect(self._on_activated)

    def set_today(self, text: str | None, openable: bool = True) -> None:
        """Show *text* (``Today: Core and glutes, week 3 (Plank 4 × 30 s)``) above the list,
        or nothing for ``None``; *openable*: clicking it opens that session."""
        self.today.setVisible(bool(text))
        self.today.setText(text or "")
        self.today.setEnabled(openable)
        self.today.set_line(text or "", _("Open today's session") if openable else "")
        self.today.setAccessibleName(
            _("{today}. Open it").format(today=text) if openable else (text or "")
        )

    def set_catalog(self, catalog: Catalog) -> None:
        """List *catalog*'s routines (they are painted as they scroll into view, so even a
        large library is listed at once), matching what the search box holds."""
        self.model.set_entries(catalog.entries)
        problems = catalog.library_problems
        self.notice.setText(
            "\n".join([_("Exercise library problems:"), *(str(p) for p in problems)])
        )
        set_text_color(self.notice, "warning")
        self.notice.setVisible(bool(problems))
        self._on_search_text_changed(self.search.text())
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.set_current_row(0)
        self.filled.emit()

    @property
    def filling(self) -> bool:
        """Some routines are still to be added to the list (never: they all are at once)."""
        return False

    def show_totals(self) -> None:
        """Show the total times worked out since the list was filled."""
        self.model.totals_changed()

    def entries(self) -> list[Entry]:
        """The routines listed, in the order shown (only the matches while searching)."""
        return self.model.shown()

    def visible_names(self) -> list[str]:
        return [entry.name for entry in self.model.shown()]

    def row_data(self, row: int, role: int) -> object:
        """What the model gives for the routine at *row* in *role* (see :class:`Roles`)."""
        return self.model.index(row).data(role)

    def current_entry(self) -> Entry | None:
        entry = self.list.currentIndex().data(Roles.ENTRY)
        return entry if isinstance(entry, Entry) else None

    def set_current_row(self, row: int) -> None:
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search_text_changed(self, text: str) -> None:
        """Show the routines that match, the best match first and highlighted; with no
        words, every routine in the library's order."""
        current = self.current_entry()
        entries = self.model.entries
        searching = bool(text.split())
        order = rank(entries, text) if searching else list(range(len(entries)))
        self.model.show(order)
        shown = self.model.shown()
        self.empty.setVisible(not shown and bool(entries))
        if not shown:
            return
        if searching or current is None or current not in shown:
            self.set_current_row(0)
        elif not self.list.currentIndex().isValid():  # the list was reset: the same again
            self.set_current_row(next(i for i, e in enumerate(shown) if e is current))

    def _on_search_return_pressed(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self._on_activated(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.search and event.key() == Qt.Key.Key_Down:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _on_activated(self, index: QModelIndex) -> None:
        entry = index.data(Roles.ENTRY)
        if isinstance(entry, Entry) and entry.ok:
            self.routine_chosen.emit(entry)
        elif isinstance(entry, Entry):
            self.problems_chosen.emit(entry)
