"""The editor's commands that move a step: up and down its list, into the group above,
out of a group, and by dragging (onto another row, onto a group, onto Back).

Each move is one undoable edit of the document (:mod:`.step_moves` does it at any depth);
a drop is followed a moment later, once the list has finished its own move.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from psoas_timer.core.routine_edit import ContainerPath
from psoas_timer.i18n import _

from . import step_moves
from .edited_list import EditedList
from .editor_actions import EditorActions
from .step_list import StepDropButton, StepList

__all__ = ["StepMoveCommands"]


class StepMoveCommands(QObject):
    """The moves of *view*'s selected or dragged step, shown in *step_list*."""

    def __init__(self, view: EditedList, step_list: StepList) -> None:
        super().__init__(step_list)
        self._view = view
        self._list = step_list

    def connect_signals(self, act: EditorActions, back_button: StepDropButton) -> None:
        act.up.triggered.connect(lambda: self.move_step(-1))
        act.down.triggered.connect(lambda: self.move_step(1))
        act.into.triggered.connect(self.move_into_group)
        act.out.triggered.connect(self.move_out_of_group)
        self._list.dropped_before.connect(self._on_step_dropped_before)
        self._list.dropped_into_group.connect(self._on_step_dropped_into_group)
        back_button.step_dropped.connect(self._on_step_dropped_on_back)
        self._list.model().rowsMoved.connect(self._on_step_rows_moved)

    def move_step(self, delta: int) -> None:
        """Move the selected step *delta* rows up or down its list; past the top or the end
        of a repeat group, out of it (just before or after the group)."""
        row, path = self._view.current_row, self._view.container
        target = row + delta
        if row < 0:
            return
        if 0 <= target < self._list.count():
            self._move(path, row, path, target if target < row else target + 1)
        elif path and target < 0:
            self._move(path, row, path[:-1], path[-1])
        elif path and target >= self._list.count():
            self._move(path, row, path[:-1], path[-1] + 1)
        self._list.setFocus()

    def move_into_group(self) -> None:
        """Move the selected step to the end of the repeat group just above it."""
        row, path = self._view.current_row, self._view.container
        above = self._view.items()[row - 1] if row > 0 else None
        if isinstance(above, dict) and "repeat" in above:
            self._move(path, row, (*path, row - 1), len(above.get("steps") or []))
            self._list.setFocus()

    def move_out_of_group(self) -> None:
        """Move the selected step out of the group being edited, to just after it."""
        row, path = self._view.current_row, self._view.container
        if path and row >= 0:
            self._move(path, row, path[:-1], path[-1] + 1)
            self._list.setFocus()

    def _move(
        self,
        source: ContainerPath,
        row: int,
        target: ContainerPath,
        before: int,
        *,
        follow: bool = True,
    ) -> bool:
        """Move the step at *row* of the list at *source* to just before item *before* of
        the list at *target* (addresses as they are now), as one undoable command. With
        *follow*, the list it went to is shown with it selected; else this list stays."""
        if not step_moves.is_move(self._view.document.data, source, row, target, before):
            return False
        where = step_moves.destination(source, row, target, before)
        if follow:
            shown, selected = where
        elif where[0] == source:
            shown, selected = source, where[1]
        elif len(where[0]) > len(source):  # into a group of this list: select the group
            shown, selected = source, where[0][len(source)]
        else:  # out of this list: keep the place in it
            shown, selected = source, row
        return self._view.edit(
            _("Move step"),
            lambda doc: step_moves.move(doc, source, row, target, before) is not None,
            row=selected,
            container=shown,
        )

    def _on_step_rows_moved(
        self, _parent: object, start: int, _end: int, _dest: object, row: int
    ) -> None:
        path = self._view.container

        def follow() -> None:
            if not self._move(path, start, path, row):
                self._view.refresh()  # put the row back

        # The list moved its row already; the document follows, then the list is redrawn.
        QTimer.singleShot(0, self, follow)

    def _on_step_dropped_before(self, row: int, before: int) -> None:
        path = self._view.container
        QTimer.singleShot(0, self, lambda: self._move(path, row, path, before))

    def _on_step_dropped_into_group(self, row: int, group: int) -> None:
        path = self._view.container
        items = self._view.items()
        if not (0 <= group < len(items) and isinstance(items[group], dict)):
            return
        end = len(items[group].get("steps") or [])
        QTimer.singleShot(0, self, lambda: self._move(path, row, (*path, group), end, follow=False))

    def _on_step_dropped_on_back(self, row: int) -> None:
        path = self._view.container
        if path:
            QTimer.singleShot(
                0, self, lambda: self._move(path, row, path[:-1], path[-1] + 1, follow=False)
            )
