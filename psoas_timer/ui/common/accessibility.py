"""Tell a screen reader what changed, where Qt can: announcement events (Qt 6.8 and later).

A phase change in the player is not a change of focus, so a screen reader would not say it
on its own; an announcement asks it to, without moving the user's focus. Where the running
Qt has no announcement events, nothing is sent (the accessible names and descriptions of
the player's labels still carry the same words).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent

__all__ = ["announce", "can_announce"]

log = logging.getLogger(__name__)

#: Qt 6.8 and later; None before.
_ANNOUNCEMENT: Any = getattr(QtGui, "QAccessibleAnnouncementEvent", None)


def _send(event: QAccessibleEvent) -> None:
    QAccessible.updateAccessibility(event)


def can_announce() -> bool:
    return _ANNOUNCEMENT is not None


def announce(source: QObject, text: str) -> bool:
    """Ask a screen reader to say *text* (politely: after what it is saying). Returns
    whether an announcement was sent."""
    if not text or _ANNOUNCEMENT is None:
        return False
    try:
        _send(_ANNOUNCEMENT(source, text))
    except RuntimeError:  # the source is being destroyed: nothing to announce it with
        log.warning("could not announce %r", text, exc_info=True)
        return False
    return True
