"""The end of a session: how long it took, what was done and what was skipped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from psoas_timer.core.engine import SessionRecord
from psoas_timer.core.plan import Plan
from psoas_timer.ui.common.text import count_up
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["CompletionView", "summary_lines"]


def summary_lines(plan: Plan, record: SessionRecord) -> tuple[str, str, list[str]]:
    """(time taken, steps done, the details) in words."""
    worked = [
        run.index
        for run in plan.steps
        if any(s.step == run.index and s.is_work for s in plan.segments)
    ]
    done = [i for i in worked if i in record.done]
    skipped = [plan.steps[i].name for i in worked if i in record.skipped]
    taken = count_up(record.active_seconds)
    steps = f"{len(done)} of {len(worked)} steps done"
    details: list[str] = []
    if skipped:
        details.append("Skipped: " + ", ".join(skipped))
    for step, side, held in record.open_holds:
        where = f" · {side.capitalize()}" if side else ""
        details.append(f"{plan.steps[step].name}{where}: held {count_up(held)}")
    return taken, steps, details


class CompletionView(QWidget):
    again_requested = Signal()
    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("completion")
        self.heading = QLabel()
        self.heading.setObjectName("completion_heading")
        self.heading.setFont(scaled_font(self.font(), 48, bold=True))
        self.time = QLabel()
        self.time.setObjectName("time_taken")
        self.time.setFont(scaled_font(self.font(), 96, bold=True))
        self.steps = QLabel()
        self.steps.setObjectName("steps_done")
        self.steps.setFont(scaled_font(self.font(), 32))
        self.details = QLabel()
        self.details.setObjectName("completion_details")
        self.details.setWordWrap(True)
        self.details.setFont(scaled_font(self.font(), 22))
        for label in (self.heading, self.time, self.steps, self.details):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.again = QPushButton("Do it again")
        self.again.setObjectName("again")
        self.back = QPushButton("Routines")
        self.back.setObjectName("to_library")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.again, self.back):
            button.setFont(scaled_font(self.font(), 22, bold=True))
            button.setMinimumHeight(64)
            button.setMinimumWidth(220)
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.time)
        layout.addWidget(self.steps)
        layout.addWidget(self.details)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.again.clicked.connect(self.again_requested)
        self.back.clicked.connect(self.library_requested)

    def show_record(self, plan: Plan, record: SessionRecord) -> None:
        taken, steps, details = summary_lines(plan, record)
        self.heading.setText(
            f"{plan.name}: well done" if record.completed else f"{plan.name}: stopped"
        )
        palette = colors(self.palette())
        self.heading.setStyleSheet(
            f"color: {(palette.done if record.completed else palette.warning).name()}"
        )
        self.time.setText(taken)
        self.time.setAccessibleName(f"Time taken {taken}")
        self.steps.setText(steps)
        self.details.setText("\n".join(details))
        self.details.setVisible(bool(details))
