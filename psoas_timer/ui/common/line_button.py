"""A flat, left-aligned button of one line of words (a link-like line such as the library's
"Today: ..."), cut short with "…" where the room is short rather than widening its window.

:meth:`QPushButton.text` keeps the whole text; the whole text is also its tooltip and what a
screen reader says. It is drawn in the palette's own colours (no style sheet), so it reads
in light, dark and high contrast themes alike.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

__all__ = ["LineButton"]

#: Room above and below the words, and before them.
PAD_V, PAD_H = 6, 2
#: The least width it asks for: a few words, then "…".
MIN_WIDTH = 120


class LineButton(QPushButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_line(self, text: str, tip: str = "") -> None:
        """Show *text*; its tooltip is the whole text, then *tip* (what a click does)."""
        self.setText(text)
        self.setToolTip("\n".join(part for part in (text, tip) if part))

    def shown_text(self) -> str:
        """The words as drawn now: the whole text, or its start and "…"."""
        room = max(0, self.contentsRect().width() - 2 * PAD_H)
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def is_cut(self) -> bool:
        return self.shown_text() != self.text()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(
            metrics.horizontalAdvance(self.text()) + 2 * PAD_H + 2,
            metrics.height() + 2 * PAD_V,
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(min(MIN_WIDTH, self.sizeHint().width()), self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        option.icon = type(option.icon)()
        painter.drawControl(QStyle.ControlElement.CE_PushButtonBevel, option)
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, QPalette.ColorRole.WindowText))
        area = self.contentsRect().adjusted(PAD_H, 0, -PAD_H, 0)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.drawText(area, int(flags), self.shown_text())
        if self.hasFocus():
            focus = QStyleOptionButton(option)
            focus.rect = area.adjusted(-1, 2, 1, -2)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)
