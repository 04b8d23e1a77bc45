"""The Progress page's place among the window's pages, made the first time it is asked for.

Its tabs, charts, body map and calendar (with the language's date data) cost the start some
80 ms and 7 MB, and most starts never open it; the user needs the list and Start first. Until
the page is made, a placeholder keeps its place in the stack and the slot keeps what the page
was told (the history and a notice, the programme followed); the page made later is given
all of it, so it shows the same as a page made at the start would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

from psoas_timer.ui.shell.window_parts import scrolled

if TYPE_CHECKING:
    from psoas_timer.history import HistoryStore
    from psoas_timer.ui.progress.progress_view import ProgressView
    from psoas_timer.ui.progress.report_dialog import FollowedProgramme

__all__ = ["ProgressSlot"]


class ProgressSlot:
    """The Progress page at the next place of *pages*, made by *make* when first asked for."""

    def __init__(self, pages: QStackedWidget, make: Callable[[], ProgressView]) -> None:
        self._pages = pages
        self._make = make
        self._placeholder: QWidget | None = QWidget()
        self._index = pages.addWidget(self._placeholder)
        self._made: ProgressView | None = None
        self._store: HistoryStore | None = None
        self._notice: str | None = None
        self._programme: FollowedProgramme | None = None

    @property
    def made(self) -> bool:
        return self._made is not None

    @property
    def page(self) -> ProgressView:
        """The page, made now if it was not yet (in the placeholder's place, still shown
        when the placeholder was)."""
        if self._made is None:
            page = self._make()
            page.set_store(self._store, self._notice)
            page.followed_programme = self._programme
            pages, placeholder = self._pages, self._placeholder
            shown = pages.currentIndex() == self._index
            pages.insertWidget(self._index, scrolled(page))  # never makes the window larger
            if shown:
                pages.setCurrentIndex(self._index)
            if placeholder is not None:
                pages.removeWidget(placeholder)
                placeholder.deleteLater()
                self._placeholder = None
            self._made = page
        return self._made

    def set_store(self, store: HistoryStore | None, notice: str | None) -> None:
        """The history the page draws from, and what to say above it (``None``: nothing)."""
        self._store, self._notice = store, notice
        if self._made is not None:
            self._made.set_store(store, notice)

    def set_notice(self, text: str) -> None:
        """Say *text* above the page (the history is still opening, say)."""
        self._notice = text
        if self._made is not None:
            self._made.set_notice(text)

    def set_programme(self, programme: FollowedProgramme | None) -> None:
        """How to find the programme followed, for the report."""
        self._programme = programme
        if self._made is not None:
            self._made.followed_programme = programme
