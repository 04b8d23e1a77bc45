"""The editor's undo: every edit is one :class:`Snapshot` of the document before and after.

A snapshot holds text, not a diff, so undo and redo restore exactly what was there, comments
and all. Typing into one field gives commands with the same *merge* key, which Qt merges
into one, so one undo takes back the whole word.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from psoas_timer.core.routine_edit import ContainerPath

__all__ = ["EditorState", "Snapshot"]

EditorState = tuple[str, ContainerPath, int]
"""The document's text, the group being edited, and the selected row."""


class Snapshot(QUndoCommand):
    """One edit: the document (and the selection) before and after.

    *show* puts a state on screen; its second argument says whether the document must be
    read back from the state's text (``False`` on the first redo, when the document already
    holds the change).
    """

    def __init__(
        self,
        show: Callable[[EditorState, bool], None],
        text: str,
        before: EditorState,
        after: EditorState,
        merge: str | None,
    ) -> None:
        super().__init__(text)
        self._show = show
        self.before = before
        self.after = after
        self.merge = merge
        self._first = True

    def id(self) -> int:
        return 1 if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Snapshot) or other.merge != self.merge or self.merge is None:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the document already holds the change
            self._first = False
            self._show(self.after, False)
            return
        self._show(self.after, True)

    def undo(self) -> None:
        self._show(self.before, True)
