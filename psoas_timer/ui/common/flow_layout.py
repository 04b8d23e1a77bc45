"""A layout that places its items in a row and wraps onto further rows where the width is
short, like words in a line (Qt's own Flow Layout example, in Python). A row of figures laid
out with it never makes its page wider than the window."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

__all__ = ["FlowLayout"]


class FlowLayout(QLayout):
    def __init__(
        self,
        parent: QWidget | None = None,
        h_spacing: int = 24,
        v_spacing: int = 12,
        *,
        centered: bool = False,
    ) -> None:
        """Items *h_spacing* apart in a row, rows *v_spacing* apart; *centered* puts each
        row in the middle of the width rather than at its left."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h, self._v = h_spacing, v_spacing
        self._centered = centered
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """All in one row."""
        width = sum(i.sizeHint().width() for i in self._items) + self._h * max(
            0, len(self._items) - 1
        )
        height = max((i.sizeHint().height() for i in self._items), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest item: the rest go to rows below."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if rows[-1] and x + hint.width() > area.right() + 1:  # the next row
                rows.append([])
                x = area.x()
            rows[-1].append((item, hint))
            x += hint.width() + self._h
        y = area.y()
        for row in rows:
            if not row:
                continue
            width = sum(hint.width() for _, hint in row) + self._h * (len(row) - 1)
            x = area.x() + (max(0, area.width() - width) // 2 if self._centered else 0)
            height = max(hint.height() for _, hint in row)
            if move:
                for item, hint in row:
                    item.setGeometry(QRect(QPoint(x, y), hint))
                    x += hint.width() + self._h
            y += height + self._v
        if any(rows):
            y -= self._v
        return y - rect.y() + m.bottom()
