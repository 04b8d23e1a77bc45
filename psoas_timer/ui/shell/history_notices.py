"""What the user is told while the session history opens and once it is open.

While another program keeps the history locked, the Progress page and the status bar say so
(the window works on; the history is tried again in the background). Once it is open, or
found unusable, the Progress page is given it, and what the user must know (a damaged file
moved aside, a newer one refused) is said once. :class:`HistoryNotices` sees the window only
as a plain ``QMainWindow`` (its status bar; the parent of the message).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMainWindow, QWidget

from psoas_timer.i18n import _

if TYPE_CHECKING:
    from psoas_timer.history import HistoryStore
    from psoas_timer.session.recording import Opened

__all__ = ["HistoryNotices", "NoticeBoard"]


class NoticeBoard(Protocol):
    """Where the history is shown, with a line above it (the Progress page's slot)."""

    def set_store(self, store: HistoryStore | None, notice: str | None) -> None: ...

    def set_notice(self, text: str) -> None: ...


class HistoryNotices:
    """Tells the user, in *window* and on *board*, how the history's opening goes;
    *inform* shows a message (the services'); *told_already*: the storage problem the window
    already said at start (nothing is said twice)."""

    def __init__(
        self,
        window: QMainWindow,
        board: NoticeBoard,
        inform: Callable[[QWidget, str, str], None],
        *,
        told_already: bool,
    ) -> None:
        self._window = window
        self._board = board
        self._inform = inform
        self._told_already = told_already

    def waiting(self, pause: float) -> None:
        """Another program keeps the history locked; the next try is in *pause* seconds."""
        text = _(
            "Your history is in use by another program (or another copy of Psoas Timer). "
            "Trying again in {seconds} s…"
        ).format(seconds=round(pause))
        self._board.set_notice(text)
        self._window.statusBar().showMessage(text, round(pause * 1000) + 5000)

    def opened(self, opened: Opened) -> None:
        """The history is open (or cannot be used): give it to the page that shows it and
        say once what the user must know."""
        notice = opened.message
        self._board.set_store(opened.store, notice)
        if notice and not self._told_already:  # that one already says it, once
            self._window.statusBar().showMessage(notice, 30000)
            self._inform(self._window, _("Your history"), notice)
