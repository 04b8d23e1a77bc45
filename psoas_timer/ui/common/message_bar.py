"""A status bar whose messages are never cut off unseen: one too long for the bar is
shortened with "…", and the whole of it is in the tooltip and told to a screen reader
(as the library's Today line). Qt's own cut a long message off at the bar's edge, mid-word
and with nothing to say there was more ("No sound: the sound player failed to start (…").
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QWidget

__all__ = ["MessageBar"]


class MessageBar(QStatusBar):
    """A :class:`QStatusBar` that shortens a long message with "…" and carries the whole of
    it in its tooltip and accessible description while it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.messageChanged.connect(self._on_message)

    def _on_message(self, text: str) -> None:
        self.setToolTip(text)
        self.setAccessibleDescription(text)

    def message_rect(self) -> QRect:
        """Where a message is written: the bar less the widgets that stay beside it and the
        size grip (as Qt places it)."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        left, right = 6, self.width() - 12
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not child.isVisible():
                continue
            if isinstance(child, QSizeGrip):
                if rtl:
                    left = max(left, child.x() + child.width())
                else:
                    right = min(right, child.x())
            elif rtl:
                left = max(left, child.x() + child.width() + 2)
            else:
                right = min(right, child.x() - 2)
        return QRect(left, 0, max(0, right - left), self.height())

    def shown_text(self) -> str:
        """The message as drawn: whole where it fits, else shortened with "…"."""
        text = self.currentMessage()
        if not text:
            return ""
        width = self.message_rect().width()
        return self.fontMetrics().elidedText(
            " ".join(text.split()), Qt.TextElideMode.ElideRight, width
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            self.message_rect(),
            Qt.AlignmentFlag.AlignLeading
            | Qt.AlignmentFlag.AlignVCenter
            | Qt.TextFlag.TextSingleLine,
            self.shown_text(),
        )
        painter.end()
