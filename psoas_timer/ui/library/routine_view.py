"""A routine before it starts: its steps with their timing, instructions, safety and pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.catalog import Entry
from psoas_timer.core.duration import format_clock
from psoas_timer.core.plan import Plan, StepRun
from psoas_timer.i18n import _, content, ngettext
from psoas_timer.ui.common.image_view import ImageView
from psoas_timer.ui.common.text import run_time, step_timing
from psoas_timer.ui.common.theme import scaled_font, set_text_color

__all__ = ["RoutineView", "StepCard"]


def _text(text: str, size: int, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(scaled_font(label.font(), size, bold=bold))
    if name:
        label.setObjectName(name)
    return label


class StepCard(QFrame):
    """One step as the routine page lists it."""

    def __init__(
        self,
        number: int,
        run: StepRun,
        seconds: float,
        rounds_note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        step = run.step
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(16)
        head = _text(
            _("{number}. {step}").format(number=number, step=step.title),
            20,
            bold=True,
            name="step_title",
        )
        length = _text(format_clock(seconds), 18, bold=True, name="step_time")
        length.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        timing = " · ".join(x for x in (step_timing(step), rounds_note) if x)
        if run.breathing is not None:
            timing += " · " + _("breathing {pattern}").format(pattern=run.breathing.shown_label())
        column = QVBoxLayout()
        column.addWidget(head)
        column.addWidget(_text(timing, 15, name="step_timing"))
        if step.instructions:
            column.addWidget(_text("\n".join(step.instructions), 15, name="step_instructions"))
        if step.safety:
            safety = _text("⚠ " + "\n⚠ ".join(step.safety), 15, name="step_safety")
            set_text_color(safety, "warning")
            column.addWidget(safety)
        column.addStretch(1)
        grid.addLayout(column, 0, 0)
        self.image = ImageView(minimum=96)
        if self.image.set_image(step.image):
            self.image.setFixedSize(160, 120)
            grid.addWidget(self.image, 0, 1)
        else:
            self.image.hide()
        grid.addWidget(length, 0, 2)
        grid.setColumnStretch(0, 1)
        self.setAccessibleName(
            _("Step {number}: {step}, {timing}, {time}").format(
                number=number, step=step.title, timing=timing, time=format_clock(seconds)
            )
        )


class RoutineView(QWidget):
    """The routine page: its steps, the total time and a big Start button."""

    start_requested = Signal()
    #: The routine's own "ask how it feels" switch was turned on or off.
    ratings_toggled = Signal(bool)
    #: "Add to my routines", for a routine opened from a file outside the routine folders.
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routine")
        self.entry: Entry | None = None
        self.name = _text("", 34, bold=True, name="routine_name")
        self.summary = _text("", 18, name="routine_summary")
        self.description = _text("", 16, name="routine_description")
        #: When it was last done and how its points released then (from the history).
        self.history = _text("", 18, name="routine_history")
        self.history.hide()
        self.ask_ratings = QCheckBox(_("Ask how it feels before and after"))
        self.ask_ratings.setObjectName("routine_ask_ratings")
        self.ask_ratings.setFont(scaled_font(self.font(), 15))
        self.ask_ratings.hide()
        self.origin = _text("", 15, name="routine_origin")
        self.origin.hide()
        self.add_to_mine = QPushButton(_("Add to my routines"))
        self.add_to_mine.setObjectName("add_to_my_routines")
        self.add_to_mine.setToolTip(
            _("Copy this file into your routines folder (nothing is replaced)")
        )
        self.add_to_mine.setFont(scaled_font(self.font(), 18))
        self.add_to_mine.hide()
        self.add_to_mine.clicked.connect(self._on_add_to_mine_clicked)
        self.changes = _text("", 17, bold=True, name="routine_changes")
        self.changes.setVisible(False)
        self.start = QPushButton(_("Start"))
        self.start.setObjectName("start")
        self.start.setAccessibleName(_("Start the routine"))
        self.start.setToolTip(_("Start the routine ({key})").format(key=_("Space")))
        self.start.setFont(scaled_font(self.font(), 30, bold=True))
        self.start.setMinimumSize(260, 84)
        self.start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.steps = QWidget()
        self.steps_layout = QVBoxLayout(self.steps)
        self.steps_layout.setContentsMargins(0, 0, 8, 0)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.steps)
        header = QHBoxLayout()
        # The words in a widget of their own that takes the width beside Start (they were
        # once given their narrowest width, a word a line, and the page's height to match).
        self.about = QWidget()
        self.about.setObjectName("routine_about")
        self.about.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        text = QVBoxLayout(self.about)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.name)
        text.addWidget(self.summary)
        text.addWidget(self.description)
        text.addWidget(self.history)
        text.addWidget(self.ask_ratings)
        # A row of its own, shown only for a file from outside the routine folders: a nested
        # layout whose widgets were all hidden limited the words' column to its narrowest.
        self.origin_row = QWidget()
        origin = QHBoxLayout(self.origin_row)
        origin.setContentsMargins(0, 0, 0, 0)
        origin.addWidget(self.origin, 1)
        origin.addWidget(self.add_to_mine)
        self.origin_row.hide()
        text.addWidget(self.origin_row)
        text.addWidget(self.changes)
        header.addWidget(self.about, 1)
        header.addWidget(self.start, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.start.clicked.connect(self._on_start_clicked)
        self.ask_ratings.toggled.connect(self.ratings_toggled)

    def _on_start_clicked(self) -> None:
        self.start_requested.emit()

    def set_history(self, line: str) -> None:
        """Show *line* (when the routine was last done, its releases); empty hides it."""
        self.history.setText(line)
        self.history.setVisible(bool(line))

    def set_ratings_choice(self, shown: bool, on: bool) -> None:
        """Show the routine's own rating switch (*shown* when it has areas to rate)."""
        self.ask_ratings.blockSignals(True)
        self.ask_ratings.setChecked(on)
        self.ask_ratings.blockSignals(False)
        self.ask_ratings.setVisible(shown)

    def _on_add_to_mine_clicked(self) -> None:
        self.import_requested.emit()

    def set_entry(self, entry: Entry, changes: list[str] | None = None) -> None:
        """Show *entry*; *changes*: what changed from last week, when it is a programme's
        session."""
        self.entry = entry
        lines = changes or []
        self.changes.setText("\n".join([_("Since last week:"), *lines]) if lines else "")
        self.changes.setVisible(bool(lines))
        routine, plan = entry.routine, entry.plan
        assert routine is not None
        self.name.setText(routine.name)
        steps = sum(1 for run in plan.steps if run.round == 1)
        parts = [
            _("Total {time}").format(time=format_clock(plan.total)),
            ngettext("{count} step", "{count} steps", steps).format(count=steps),
            *(content(tag) if entry.bundled else tag for tag in routine.tags),
        ]
        self.summary.setText(" · ".join(parts))
        self.description.setText(routine.description.strip())
        self.description.setVisible(bool(routine.description.strip()))
        self.origin.setText(
            _("Opened from {path}: not in your routines yet.").format(path=entry.path)
        )
        self.origin.setVisible(entry.outside)
        self.add_to_mine.setVisible(entry.outside)
        self.origin_row.setVisible(entry.outside)
        self._fill_steps(plan)
        self.scroll_area.verticalScrollBar().setValue(0)  # a new page opens at its top

    def _fill_steps(self, plan: Plan) -> None:
        while self.steps_layout.count():
            item = self.steps_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        number = 0
        for run in plan.steps:
            if run.round > 1:
                continue
            number += 1
            seconds = run_time(plan, run) * run.rounds
            note = f"× {run.rounds} rounds" if run.rounds > 1 else ""
            if run.others:
                note = " · ".join(
                    x for x in (note, f"or {' or '.join(run.others)}: asked at the start") if x
                )
            self.steps_layout.addWidget(StepCard(number, run, seconds, note))
        self.steps_layout.addStretch(1)
