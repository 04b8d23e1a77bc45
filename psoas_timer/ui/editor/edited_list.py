"""What the editor's commands need of the routine being edited: its document, the list shown
(a routine's steps or a repeat group's) and the row selected, and one way to change it.

:class:`~.editor_view.EditorView` provides it; the commands (:mod:`.edit_commands`,
:mod:`.move_commands`) see only this, never the view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from psoas_timer.core.loader import Library
from psoas_timer.core.routine_edit import ContainerPath
from psoas_timer.core.routine_io import RoutineDocument

__all__ = ["EditedList"]


class EditedList(Protocol):
    """The list of steps being edited, as the editor's commands change it."""

    @property
    def document(self) -> RoutineDocument: ...

    @property
    def library(self) -> Library: ...

    @property
    def container(self) -> ContainerPath:
        """Where the list shown is: () for the routine's, else a repeat group's."""

    @property
    def current_row(self) -> int: ...

    def items(self) -> Any:
        """The list shown (the document's own list, to read)."""

    def edit(
        self,
        text: str,
        change: Callable[[RoutineDocument], bool | int | None],
        merge: str | None = None,
        row: int | None = None,
        container: ContainerPath | None = None,
    ) -> bool:
        """Apply *change* as one undoable edit named *text* (see the view's ``edit``)."""

    def refresh(self, row: int | None = None) -> None:
        """Draw the list again from the document."""
