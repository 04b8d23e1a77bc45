"""From a problem to its place: the step it is about is selected (the repeat groups it is in
opened) and the cursor put in the field in error, or in the routine's details.

:mod:`.locations` turns the problem's ``line:column`` into a :class:`~.locations.Location`;
this shows that location in the editor (what it needs of it: :class:`ProblemPlaces`).
"""

from __future__ import annotations

from typing import Any, Protocol

from psoas_timer.core.problems import Problem
from psoas_timer.core.routine_edit import ContainerPath
from psoas_timer.core.routine_io import RoutineDocument

from .locations import Location, locate
from .routine_details import RoutineDetails
from .selected_step import SelectedStep
from .step_list import StepList

__all__ = ["ProblemPlaces", "go_to", "show_problem"]


class ProblemPlaces(Protocol):
    """Where a problem can be shown: the routine's details, its lists, the step's form."""

    @property
    def document(self) -> RoutineDocument: ...

    @property
    def details(self) -> RoutineDetails: ...

    @property
    def step_list(self) -> StepList: ...

    @property
    def forms(self) -> SelectedStep: ...

    def show_list(self, path: ContainerPath, row: int | None = None) -> None:
        """Show the list at *path* with *row* selected."""


def show_problem(view: ProblemPlaces, problem: Problem) -> bool:
    """Select and show the step *problem* is about (opening the repeat groups it is in),
    and put the cursor in the field in error when the form has one. ``False`` when the
    problem cannot be placed in the routine being edited."""
    where = locate(view.document.dump(), problem.line, problem.column)
    return where is not None and go_to(view, where)


def go_to(view: ProblemPlaces, where: Location) -> bool:
    """Show the step at *where* and focus the field for its key; see :func:`show_problem`."""
    if where.row is None:
        if where.key[:1] == ("steps",):
            view.show_list(())
            view.step_list.setFocus()
            return True
        return view.details.focus_key(where.key)
    seq: Any = view.document.data.get("steps")
    for index in where.container:
        if not (isinstance(seq, list) and 0 <= index < len(seq)):
            return False
        group = seq[index]
        seq = group.get("steps") if isinstance(group, dict) else None
    if not (isinstance(seq, list) and 0 <= where.row < len(seq)):
        return False
    view.show_list(where.container, where.row)
    view.step_list.scrollToItem(view.step_list.currentItem())
    if not view.forms.focus_key(where.key):
        view.step_list.setFocus()
    return True
