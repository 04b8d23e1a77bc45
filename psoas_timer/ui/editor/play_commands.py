"""Playing from the editor: Try step plays the selected step or repeat group on its own, as
it is now; Start routine saves the routine if it needs saving, then plays it from its file.

Both only ask the window to play (through *play_step* and *play_file*: the view's
``try_routine`` and ``start_routine`` signals); the player is not the editor's to reach.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject

from psoas_timer.core.model import Choice, RepeatGroup, Routine, Step
from psoas_timer.core.routine_edit import ContainerPath
from psoas_timer.i18n import _

from .editor_actions import EditorActions

__all__ = ["PlayCommands", "PlayedRoutine"]


class PlayedRoutine(Protocol):
    """What playing from the editor reads of the routine being edited."""

    @property
    def routine(self) -> Routine | None: ...

    @property
    def container(self) -> ContainerPath: ...

    @property
    def current_row(self) -> int: ...

    @property
    def dirty(self) -> bool: ...

    @property
    def path(self) -> Path | None: ...

    def notify(self, text: str) -> None: ...


class PlayCommands(QObject):
    """Try step and Start routine for *view*: *save* saves it (False: it was not),
    *play_step* plays a routine as it is, *play_file* the routine saved at a path."""

    def __init__(
        self,
        view: PlayedRoutine,
        *,
        save: Callable[[], bool],
        play_step: Callable[[Routine], None],
        play_file: Callable[[Path | None], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._save = save
        self._play_step = play_step
        self._play_file = play_file

    def connect_signals(self, act: EditorActions) -> None:
        act.try_.triggered.connect(self._on_try_triggered)
        act.start.triggered.connect(self._on_start_triggered)

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
            self._play_step(routine)

    def _on_start_triggered(self) -> None:
        view = self._view
        if view.routine is None:
            view.notify(_("Fix the problems listed below before starting."))
            return
        if (view.dirty or view.path is None) and not self._save():
            return
        self._play_file(view.path)
