"""What the loader makes of the routine being edited: the routine (or its problems), its plan,
and their place on screen (the total time, the timeline, the problems panel).

The check reads the text that would be saved, so its messages are the loader's, with the
same ``line:column`` a file opened later would give.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QLabel

from psoas_timer.core.duration import format_clock
from psoas_timer.core.loader import Library
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.core.problems import LoadError, Problem
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.i18n import _, ngettext

from .problems_panel import ProblemsPanel
from .timeline import TimelineView

__all__ = ["CheckedRoutine", "RoutineCheck"]


class CheckedRoutine(Protocol):
    """What the check reads of the routine being edited."""

    @property
    def document(self) -> RoutineDocument: ...

    @property
    def library(self) -> Library: ...

    @property
    def path(self) -> Path | None: ...

    def update_actions(self) -> None:
        """Enable what applies now that the check has changed."""


class RoutineCheck:
    """The last check of *view*'s document: :attr:`routine` and :attr:`plan` when it is
    ready to play, else ``None`` and the :attr:`problems`; shown in *problem_list*,
    *total_label* and *timeline*."""

    def __init__(
        self,
        view: CheckedRoutine,
        *,
        problem_list: ProblemsPanel,
        total_label: QLabel,
        timeline: TimelineView,
    ) -> None:
        self._view = view
        self._problems = problem_list
        self._total = total_label
        self._timeline = timeline
        self.routine: Routine | None = None
        self.plan: Plan | None = None
        self.problems: list[Problem] = []

    def validate(self) -> Routine | None:
        """Check the document with the loader; update problems, total and timeline."""
        view = self._view
        name = str(view.path) if view.path else "new routine"
        try:
            self.routine = view.document.validate(view.library, name)
            self.problems = []
        except LoadError as exc:
            self.routine = None
            self.problems = exc.problems
        self.plan = compile_plan(self.routine) if self.routine else None
        self._problems.show_problems(self.problems)
        if self.plan is not None:
            self._total.setText(_("Total {time}").format(time=format_clock(self.plan.total)))
        else:
            count = len(self.problems)
            self._total.setText(
                ngettext(
                    "{count} problem: a draft, not ready to start",
                    "{count} problems: a draft, not ready to start",
                    count,
                ).format(count=count)
            )
        self._timeline.set_plan(self.plan)
        view.update_actions()
        return self.routine

    def show_file_problems(self, exc: LoadError) -> None:
        """List the problems of a file that could not be opened or imported."""
        self.problems = exc.problems
        self._problems.show_file_problems(exc.problems)
