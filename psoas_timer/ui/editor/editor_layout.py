"""Where the editor's parts sit: the toolbar and a notice line on top; the routine's details,
the step list and its buttons on the left; the selected step's form on the right; the total
time, the timeline and the problems below.

:func:`build_layout` makes the parts inside a widget (the editor view), with the buttons and
the list's menu on the :class:`~.editor_actions.EditorActions` made before, lays them out,
and returns them as one :class:`EditorParts`; what they do is wired in the view.
"""

from __future__ import annotations

from dataclasses import dataclass

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

from psoas_timer.i18n import _

from .editor_actions import EditorActions, EditorToolbar, build_toolbar
from .problems_panel import ProblemsPanel
from .routine_details import RoutineDetails
from .selected_step import SelectedStep
from .step_list import StepDropButton, StepList
from .timeline import TimelineView

__all__ = ["EditorParts", "action_button", "build_layout"]


@dataclass(frozen=True)
class EditorParts:
    """The editor's parts, as :func:`build_layout` made and laid them out."""

    toolbar: EditorToolbar
    details: RoutineDetails
    crumb: QLabel
    step_list: StepList
    back_button: StepDropButton
    forms: SelectedStep
    total_label: QLabel
    timeline: TimelineView
    problem_list: ProblemsPanel
    notice: QLabel
    restore_button: QPushButton


@dataclass(frozen=True)
class _StepsPane:
    widget: QWidget
    details: RoutineDetails
    crumb: QLabel
    step_list: StepList
    back_button: StepDropButton


def action_button(action: QAction) -> QPushButton:
    """A push button that triggers *action*, with its words (without the ``&``) and tip."""
    button = QPushButton(action.text().replace("&", ""))
    button.setToolTip(action.toolTip())
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    button.clicked.connect(action.trigger)
    return button


def _steps_pane(act: EditorActions) -> _StepsPane:
    """The left pane: the routine's details, where the list is, the list and its buttons."""
    details = RoutineDetails()

    crumb = QLabel()
    step_list = StepList()
    back_button = StepDropButton(_("◀ Back to the routine"), step_list)
    back_button.setAccessibleName(_("Back to the routine"))
    back_button.setToolTip(_("Leave the group (drop a step here to move it out)"))
    crumb_row = QHBoxLayout()
    crumb_row.addWidget(back_button)
    crumb_row.addWidget(crumb, 1)
    step_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for action in (
        act.up,
        act.down,
        act.into,
        act.out,
        act.dup_step,
        act.remove,
    ):
        step_list.addAction(action)
    # Three to a row: in one row of five the buttons alone made the list's side too wide
    # for the step's form to fit beside it in an 800 px window.
    buttons = QGridLayout()
    adds = (
        act.add,
        act.add_step,
        act.add_rest,
        act.add_breathing,
        act.add_group,
    )
    for n, action in enumerate(adds):
        buttons.addWidget(action_button(action), n // 3, n % 3)
    moves = QGridLayout()
    for n, action in enumerate((act.up, act.down, act.dup_step, act.remove)):
        moves.addWidget(action_button(action), n // 2, n % 2)
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(details)
    left_layout.addLayout(crumb_row)
    left_layout.addWidget(step_list, 1)
    left_layout.addLayout(buttons)
    left_layout.addLayout(moves)
    return _StepsPane(left, details, crumb, step_list, back_button)


def _selected_step_pane(forms: SelectedStep) -> QScrollArea:
    """The right pane: the selected step's (or group's, or either/or's) form, scrolling."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    # Never cut off: in a narrow window the form scrolls sideways too.
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setWidget(forms)
    scroll.setAccessibleName(_("Selected step"))
    return scroll


def build_layout(view: QWidget, act: EditorActions) -> EditorParts:
    """Make the editor's parts (the details, the step list, the forms, the total, the
    problems...) and lay them out in *view*."""
    toolbar = build_toolbar(view, act)
    steps, forms = _steps_pane(act), SelectedStep()
    left, right = steps.widget, _selected_step_pane(forms)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 2)
    splitter.setStretchFactor(1, 3)
    splitter.setChildrenCollapsible(False)

    # The plan and the problems.
    total_label = QLabel()
    total_label.setAccessibleName(_("Total time"))
    font = total_label.font()
    font.setBold(True)
    total_label.setFont(font)
    total_label.setMinimumWidth(
        total_label.fontMetrics().horizontalAdvance(_("Total {time}").format(time="0:00:00") + "  ")
    )
    timeline = TimelineView()
    problem_list = ProblemsPanel()
    notice = QLabel()
    notice.setTextFormat(Qt.TextFormat.PlainText)  # names a routine: never markup
    notice.setWordWrap(True)
    restore_button = QPushButton(_("Undo delete"))
    restore_button.hide()
    notice_row = QHBoxLayout()
    notice_row.addWidget(notice, 1)
    notice_row.addWidget(restore_button)
    plan_row = QHBoxLayout()
    plan_row.addWidget(total_label)
    plan_row.addWidget(timeline, 1)

    layout = QVBoxLayout(view)
    layout.addWidget(toolbar.bar)
    layout.addLayout(notice_row)
    layout.addWidget(splitter, 1)
    layout.addLayout(plan_row)
    layout.addWidget(problem_list)
    return EditorParts(
        toolbar=toolbar,
        details=steps.details,
        crumb=steps.crumb,
        step_list=steps.step_list,
        back_button=steps.back_button,
        forms=forms,
        total_label=total_label,
        timeline=timeline,
        problem_list=problem_list,
        notice=notice,
        restore_button=restore_button,
    )
