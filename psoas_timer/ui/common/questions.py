"""The yes/no question the window asks through (a service, so tests answer it themselves)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

__all__ = ["Ask"]


class Ask(Protocol):
    """Ask *question* under *title*; True for yes. A *destructive* question (deleting what
    cannot be got back) has No as its default, so a stray Enter keeps everything."""

    def __call__(
        self, parent: QWidget, title: str, question: str, *, destructive: bool = False
    ) -> bool: ...
