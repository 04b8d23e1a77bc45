"""The editor in a window of its own, beside the player's window."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from psoas_timer.ui.common.message_bar import MessageBar
from psoas_timer.ui.common.screen_fit import scroll_body

from .editor_view import EditorView

__all__ = ["EditorWindow"]


class EditorWindow(QMainWindow):
    """:class:`EditorView` in a window of its own, asking about unsaved changes on close
    (from the title bar, or the view's Close: Ctrl+W or Esc)."""

    def __init__(self, view: EditorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        # On a screen shorter than the editor's least height (1920x1080 at twice the pixel
        # density is 960x540) it scrolls rather than reaching below the screen.
        self.setCentralWidget(scroll_body(view))
        self.resize(1100, 760)
        self.setWindowTitle(view.windowTitle())
        view.windowTitleChanged.connect(self.setWindowTitle)
        # Made now, not at the first message: then the body shrank under what it had just
        # scrolled into sight (the problems of a file not imported).
        self.setStatusBar(MessageBar(self))  # a long message shortened with "…", not cut off
        view.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        view.close_requested.connect(self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.view.files.maybe_discard():
            event.accept()
        else:
            event.ignore()
