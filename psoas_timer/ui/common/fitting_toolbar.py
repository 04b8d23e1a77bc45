"""A toolbar that puts nothing into its overflow (») while its words can make room, and
whose buttons do not pile up connections as their actions change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QActionEvent, QResizeEvent
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

__all__ = ["FittingToolBar"]

#: The overflow button Qt adds to a toolbar: never restyled.
_OVERFLOW = "qt_toolbar_ext_button"


class FittingToolBar(QToolBar):
    """Words beside the icons when the whole row fits that way, else under them while that
    fits, and icons alone in a narrower row still (their words are in tooltips and for
    screen readers). With *fit_itself* it fits its own width as it is resized; else its
    owner calls :meth:`fit` with the width it will have."""

    def __init__(self, title: str, parent: QWidget | None = None, *, fit_itself: bool = False):
        super().__init__(title, parent)
        self._fit_itself = fit_itself

    def actionEvent(self, event: QActionEvent) -> None:
        """As Qt does, and: a button whose action changed gets that action afresh.

        Qt 6.11's tool button gains one more connection to its action's ``changed()`` each
        time the action changes (text, icon, enabled, shortcuts) and never lets go of them:
        Start/Pause changes at every step of a session, so over a day the window held
        thousands, and every change called each of them (memory and CPU that only grew).
        Setting the button's action afresh drops them all and shows the same text, icon
        and state."""
        super().actionEvent(event)
        if event.type() != QEvent.Type.ActionChanged:
            return
        action = event.action()
        button = self.widgetForAction(action)
        if isinstance(button, QToolButton) and button.defaultAction() is action:
            button.setDefaultAction(None)  # type: ignore[arg-type]
            button.setDefaultAction(action)

    def _lay_out(self, style: Qt.ToolButtonStyle) -> None:
        """Show every button's words in *style*: the actions' and the widgets' put on the
        bar (a menu's button)."""
        self.setToolButtonStyle(style)
        for button in self.findChildren(
            QToolButton, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if button.objectName() != _OVERFLOW:
                button.setToolButtonStyle(style)

    def width_in(self, style: Qt.ToolButtonStyle) -> int:
        """The row's width with its words laid out in *style*, measured now: the buttons
        take *style* for a moment and the layout is asked afresh (it keeps its last answer
        until it is invalidated, and before the window is first shown nothing else does)."""
        shown = self.toolButtonStyle()
        if style != shown:
            self._lay_out(style)
        layout = self.layout()
        assert layout is not None  # a toolbar always has its own
        layout.invalidate()
        width = layout.sizeHint().width()
        if style != shown:
            self._lay_out(shown)
            layout.invalidate()
        return width

    def fit(self, width: int) -> None:
        """Lay the words out in the widest style whose row fits in *width*."""
        style = Qt.ToolButtonStyle
        wanted = style.ToolButtonIconOnly
        for choice in (style.ToolButtonTextBesideIcon, style.ToolButtonTextUnderIcon):
            if self.width_in(choice) <= width:
                wanted = choice
                break
        if self.toolButtonStyle() != wanted:
            self._lay_out(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_itself and event.size().width() != event.oldSize().width():
            self.fit(event.size().width())
