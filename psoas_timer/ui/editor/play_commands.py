"""Playing from the editor: Try step plays the selected step or repeat group on its own, as
it is now; Start routine saves the routine if it needs saving, then plays it from its file.

Both only ask the window to play (the view's ``try_routine`` and ``start_routine``
signals); the player is not the editor's to reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from psoas_timer.core.model import Choice, RepeatGroup, Routine, Step

if TYPE_CHECKING:
    from .editor_view import EditorView

__all__ = ["PlayCommands"]


class PlayCommands(QObject):
    """Try step and Start routine for *view*."""

    def __init__(self, view: EditorView) -> None:
        super().__init__(view)
        self._view = view

    def connect_signals(self) -> None:
        self._view.act_try.triggered.connect(self._on_try_triggered)
        self._view.act_start.triggered.connect(self._on_start_triggered)

    def selected_routine(self) -> Routine | None:
        """The routine with only the selected step, or repeat group (all its rounds), in it,
        at any depth: its defaults (breathing and all) are kept, so the step is timed as in
        the routine. ``None`` when the routine has problems or nothing is selected."""
        view = self._view
        if view.routine is None:
            return None
        items: list[Step | RepeatGroup | Choice] = view.routine.steps
        for index in view.container:
            group = items[index] if 0 <= index < len(items) else None
            if not isinstance(group, RepeatGroup):
                return None
            items = group.steps
        row = view.current_row
        if not 0 <= row < len(items):
            return None
        return view.routine.model_copy(update={"steps": [items[row]]})

    def _on_try_triggered(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self._view.try_routine.emit(routine)

    def _on_start_triggered(self) -> None:
        view = self._view
        if view.routine is None:
            view.notify("Fix the problems listed below before starting.")
            return
        if (view.dirty or view.path is None) and not view.files.save():
            return
        view.start_routine.emit(view.path)
