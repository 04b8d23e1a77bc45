"""Python's cycle collector, held off while the window fills and lets go once the routine
list has been painted.

Nearly everything made while the window starts lives as long as the app: modules and their
classes, the pages' widgets, the routines. The collector, set off by every few hundred new
objects, walks them again and again meanwhile: some 130 young, a dozen middle and one full
pass before the list shows, 60-120 ms of the start (counted with ``gc.callbacks``). So
:func:`~psoas_timer.ui.shell.app.load_window` holds it off, and lets it go just after the list
has been painted, with what else waits for the list (:mod:`.after_listing`), at the latest
after :data:`LATEST_S`, or when the window closes. Nothing is frozen: what became garbage
meanwhile is collected then, as ever. A collector switched off before (by the caller) stays
off.
"""

from __future__ import annotations

import gc
import logging

__all__ = ["LATEST_S", "CollectorHold"]

log = logging.getLogger(__name__)

#: The longest the collector is held off, in seconds, should the list never be painted.
LATEST_S = 20.0


class CollectorHold:
    """Holds Python's cycle collector off from :meth:`hold` until :meth:`let_go`."""

    def __init__(self) -> None:
        self._was_enabled: bool | None = None

    @property
    def holding(self) -> bool:
        return self._was_enabled is not None

    def hold(self) -> None:
        """Hold the collector off (again nothing, while held)."""
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
            gc.disable()

    def let_go(self) -> None:
        """Let the collector run again, as it was before :meth:`hold` (once; again, nothing)."""
        was_enabled, self._was_enabled = self._was_enabled, None
        if was_enabled:
            gc.enable()
            log.debug("collector: running again after the start")
