"""Reading the routines for the main window's list: in the background at start (a large
library must not hold the window up), or at once (tests, tools, Reload); saying so in the
status bar; and a routine asked for before the list is there, opened once it is.

:class:`RoutineListing` runs a :class:`~psoas_timer.ui.shell.catalog_loader.CatalogLoader`
and hands each catalog read to the window (:meth:`ListingWindow.show_catalog`), which lists
it and shows afresh what was open. It sees the window through :class:`ListingWindow` only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QStatusBar, QWidget

from psoas_timer.i18n import N_, _

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog
    from psoas_timer.ui.shell.catalog_loader import CatalogLoader

__all__ = ["READING", "ListedIn", "ListingWindow", "RoutineListing"]

#: Said in the status bar while the routines are read in the background.
READING = N_("Reading your routines…")


class ListingWindow(Protocol):
    """What the listing needs of the main window."""

    @property
    def catalog(self) -> Catalog | None: ...

    def reload(self) -> None: ...

    def show_catalog(self, catalog: Catalog) -> None: ...

    def open_routine(self, key: str) -> bool: ...

    def statusBar(self) -> QStatusBar: ...


class ListedIn(Protocol):
    """The list the routines go into (the library page)."""

    @property
    def filled(self) -> SignalInstance: ...

    @property
    def filling(self) -> bool: ...

    def show_totals(self) -> None: ...


class RoutineListing(QObject):
    """The routines read for *window* (a child of *parent*); see the module's text."""

    #: The routines could not be read: there is no list to wait for.
    unreadable = Signal()

    def __init__(self, window: ListingWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = window
        self._loader: CatalogLoader | None = None
        self._list: ListedIn | None = None
        self._pending: str | None = None

    def start(self, load: Callable[..., Catalog], into: ListedIn, *, background: bool) -> None:
        """Read the routines with *load* (given ``between=``, called between files, in the
        background) and list them *into* the library page: in the background when
        *background*, else now."""
        self._list = into
        if not background:
            self._window.reload()
            self.open_pending()
            return
        from psoas_timer.ui.shell.catalog_loader import CatalogLoader

        loader = CatalogLoader(lambda between: load(between=between), self)
        loader.read.connect(self._on_read)
        loader.totals.connect(self._on_totals)
        loader.failed.connect(self._on_failed)
        into.filled.connect(loader.listed)
        self._loader = loader
        loader.start()
        self._window.statusBar().showMessage(_(READING))

    @property
    def loading(self) -> bool:
        """The routines are still being read or listed."""
        loader = self._loader
        return (
            self._window.catalog is None
            or (loader is not None and loader.busy)
            or (self._list is not None and self._list.filling)
        )

    def wait_to_open(self, key: str) -> None:
        """Open the routine *key* once the routines are listed (a later request replaces it)."""
        self._pending = key

    def open_pending(self) -> None:
        """Open the routine asked for while the routines were being read, if any."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._window.open_routine(pending)

    def stop(self) -> None:
        """The window closes: stop reading (nothing read is handed over after this)."""
        if self._loader is not None:
            self._loader.stop()

    def _on_read(self, catalog: Catalog) -> None:
        status = self._window.statusBar()
        if status.currentMessage() == _(READING):
            status.clearMessage()
        self._window.show_catalog(catalog)
        self.open_pending()

    def _on_totals(self, catalog: Catalog) -> None:
        if catalog is self._window.catalog and self._list is not None:
            self._list.show_totals()

    def _on_failed(self, message: str) -> None:
        self._window.statusBar().showMessage(
            _("Cannot read the routines: {problem}").format(problem=message)
        )
        self.unreadable.emit()
