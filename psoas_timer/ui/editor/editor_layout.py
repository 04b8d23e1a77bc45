"""Where the editor's parts sit: the toolbar and a notice line on top; the routine's details,
the step list and its buttons on the left; the selected step's form on the right; the total
time, the timeline and the problems below.

:func:`build_layout` makes the parts on the :class:`~.editor_view.EditorView` (after
:func:`~.editor_actions.build_actions`, since the buttons and the list's menu use its
actions) and lays them out; what they do is wired in the view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .editor_actions import build_toolbar
from .problems_panel import ProblemsPanel
from .routine_details import RoutineDetails
from .selected_step import SelectedStep
from .step_list import StepDropButton, StepList
from .timeline import TimelineView

if TYPE_CHECKING:
    from .editor_view import EditorView

__all__ = ["action_button", "build_layout"]


def action_button(action: QAction) -> QPushButton:
    """A push button that triggers *action*, with its words (without the ``&``) and tip."""
    button = QPushButton(action.text().replace("&", ""))
    button.setToolTip(action.toolTip())
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    button.clicked.connect(action.trigger)
    return button


def _steps_pane(view: EditorView) -> QWidget:
    """The left pane: the routine's details, where the list is, the list and its buttons."""
    view.details = RoutineDetails()

    view.crumb = QLabel()
    view.step_list = StepList()
    view.back_button = StepDropButton("◀ Back to the routine", view.step_list)
    view.back_button.setAccessibleName("Back to the routine")
    view.back_button.setToolTip("Leave the group (drop a step here to move it out)")
    crumb_row = QHBoxLayout()
    crumb_row.addWidget(view.back_button)
    crumb_row.addWidget(view.crumb, 1)
    view.step_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for action in (
        view.act_up,
        view.act_down,
        view.act_into,
        view.act_out,
        view.act_dup_step,
        view.act_remove,
    ):
        view.step_list.addAction(action)
    # Three to a row: in one row of five the buttons alone made the list's side too wide
    # for the step's form to fit beside it in an 800 px window.
    buttons = QGridLayout()
    adds = (
        view.act_add,
        view.act_add_step,
        view.act_add_rest,
        view.act_add_breathing,
        view.act_add_group,
    )
    for n, action in enumerate(adds):
        buttons.addWidget(action_button(action), n // 3, n % 3)
    moves = QGridLayout()
    for n, action in enumerate((view.act_up, view.act_down, view.act_dup_step, view.act_remove)):
        moves.addWidget(action_button(action), n // 2, n % 2)
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(view.details)
    left_layout.addLayout(crumb_row)
    left_layout.addWidget(view.step_list, 1)
    left_layout.addLayout(buttons)
    left_layout.addLayout(moves)
    return left


def _selected_step_pane(view: EditorView) -> QScrollArea:
    """The right pane: the selected step's (or group's, or either/or's) form, scrolling."""
    view.forms = SelectedStep()
    view.step_form = view.forms.step_form
    view.group_form = view.forms.group_form
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    # Never cut off: in a narrow window the form scrolls sideways too.
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setWidget(view.forms)
    scroll.setAccessibleName("Selected step")
    return scroll


def build_layout(view: EditorView) -> None:
    """Make the editor's parts on *view* (``view.details``, ``view.step_list``,
    ``view.forms``, ``view.total_label``, ``view.problem_list``...) and lay them out."""
    view.toolbar = build_toolbar(view)

    left, right = _steps_pane(view), _selected_step_pane(view)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 2)
    splitter.setStretchFactor(1, 3)
    splitter.setChildrenCollapsible(False)

    # The plan and the problems.
    view.total_label = QLabel()
    view.total_label.setAccessibleName("Total time")
    font = view.total_label.font()
    font.setBold(True)
    view.total_label.setFont(font)
    view.total_label.setMinimumWidth(
        view.total_label.fontMetrics().horizontalAdvance("Total 0:00:00  ")
    )
    view.timeline = TimelineView()
    view.problem_list = ProblemsPanel()
    view.notice = QLabel()
    view.notice.setWordWrap(True)
    view.restore_button = QPushButton("Undo delete")
    view.restore_button.hide()
    notice_row = QHBoxLayout()
    notice_row.addWidget(view.notice, 1)
    notice_row.addWidget(view.restore_button)
    plan_row = QHBoxLayout()
    plan_row.addWidget(view.total_label)
    plan_row.addWidget(view.timeline, 1)

    layout = QVBoxLayout(view)
    layout.addWidget(view.toolbar)
    layout.addLayout(notice_row)
    layout.addWidget(splitter, 1)
    layout.addLayout(plan_row)
    layout.addWidget(view.problem_list)
