"""The player: where the user is, how long is left and what comes next, readable from the mat.

A view only: :meth:`PlayerView.show_snapshot` draws an engine snapshot, and the buttons it
has emit requests for the window to route. Type sizes follow the window's size.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import Snapshot, State
from psoas_timer.core.plan import Plan, StepRun

from .breathing_guide import BreathingGuide
from .countdown import CountdownDial
from .image_view import ImageView
from .session_bar import SessionBar
from .text import KIND_WORDS, count_up, next_up, open_marks, step_timing, where_line
from .theme import colors, set_pixel_size

__all__ = ["CHECK_IN_EXTRA", "PlayerView"]

#: Seconds the check-in's "+15 s" adds to an open hold.
CHECK_IN_EXTRA = 15.0


def _label(name: str, *, wrap: bool = False, center: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName(name.replace("_", " ").capitalize())
    return label


def _set(label: QLabel, text: str) -> None:
    """Change a label only when its text changes, and hide it while empty."""
    if label.text() != text:
        label.setText(text)
        label.setAccessibleDescription(text)
    visible = bool(text)
    if label.isHidden() == visible:
        label.setVisible(visible)


def _big_button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter belong to the actions
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


class PlayerView(QWidget):
    """Draws a running session."""

    #: The user says the point has released (open hold).
    release_requested = Signal()
    #: The user wants more time in this open hold (seconds).
    extend_requested = Signal(float)

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self._plan: Plan | None = None
        self.heading = _label("heading")
        self.title = _label("step_name", wrap=True)
        self.where = _label("where")
        self.banner = _label("banner", center=True)
        self.dial = CountdownDial()
        self.dial.setAccessibleName("Time")
        self.breath = BreathingGuide(clock)
        self.image = ImageView()
        self.instructions = _label("instructions", wrap=True)
        self.safety = _label("safety", wrap=True)
        self.marks = _label("open_marks")
        self.released = _big_button(
            "Released", "released", "The point has released: end this hold (Enter)"
        )
        self.check_in = QFrame()
        self.check_in.setObjectName("check_in")
        self.check_in_label = _label("check_in_question")
        self.check_in_release = _big_button(
            "Release", "check_in_release", "End this hold now (Enter)"
        )
        self.check_in_more = _big_button(
            f"+{CHECK_IN_EXTRA:g} s", "check_in_more", "Hold 15 seconds longer"
        )
        self.next_label = _label("next_up", wrap=True)
        self.session_bar = SessionBar()
        self._build()
        self._connect_signals()

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.check_in_label.setText("Has it softened?")
        check = QHBoxLayout(self.check_in)
        check.setContentsMargins(16, 8, 16, 8)
        check.addWidget(self.check_in_label, 1)
        check.addWidget(self.check_in_release)
        check.addWidget(self.check_in_more)
        self.check_in.setFrameShape(QFrame.Shape.StyledPanel)

        side = QVBoxLayout()
        side.setSpacing(6)
        for widget in (self.heading, self.title, self.where, self.banner):
            side.addWidget(widget)
        side.addWidget(self.breath, 3)
        side.addWidget(self.image, 2)
        side.addWidget(self.instructions)
        side.addWidget(self.safety)
        side.addStretch(0)

        center = QHBoxLayout()
        center.setSpacing(32)
        center.addWidget(self.dial, 3)
        center.addLayout(side, 2)

        open_row = QHBoxLayout()
        open_row.addWidget(self.marks, 1)
        open_row.addWidget(self.released)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(center, 1)
        layout.addLayout(open_row)
        layout.addWidget(self.check_in)
        layout.addWidget(self.next_label)
        layout.addWidget(self.session_bar)
        for label in (
            self.heading,
            self.title,
            self.where,
            self.banner,
            self.instructions,
            self.safety,
            self.marks,
            self.next_label,
            self.check_in_label,
        ):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(0)
        hidden = (
            self.banner,
            self.breath,
            self.image,
            self.marks,
            self.released,
            self.safety,
            self.check_in,
        )
        for widget in hidden:
            widget.setVisible(False)

    def _connect_signals(self) -> None:
        self.released.clicked.connect(self._on_released_clicked)
        self.check_in_release.clicked.connect(self._on_released_clicked)
        self.check_in_more.clicked.connect(self._on_check_in_more_clicked)

    def _on_released_clicked(self) -> None:
        self.release_requested.emit()

    def _on_check_in_more_clicked(self) -> None:
        self.extend_requested.emit(CHECK_IN_EXTRA)

    # -- drawing ---------------------------------------------------------------------
    def set_plan(self, plan: Plan) -> None:
        self._plan = plan

    def show_snapshot(self, snap: Snapshot) -> None:
        plan = self._plan
        if plan is None:
            return
        seg, run = snap.segment, snap.run
        resting = seg.kind == "rest"
        coming = next_up(plan, snap)
        shown_run: StepRun = run
        if resting:
            upcoming = next((s for s in plan.segments[snap.index + 1 :] if s.is_work), None)
            shown_run = plan.steps[upcoming.step] if upcoming is not None else run
        self._show_heading(snap, coming, shown_run)
        self._show_clock(snap)
        self._show_open(snap)
        running = snap.state is State.RUNNING
        pattern = seg.breathing if (seg.is_work and snap.phase is not None) else None
        self.breath.setVisible(pattern is not None)
        self.breath.follow(pattern, snap.elapsed, running=running)
        step = shown_run.step
        self.image.setVisible(self.image.set_image(step.image))
        prefix = "Next: " if resting and shown_run is not run else ""
        _set(self.instructions, (prefix + " ".join(step.instructions)) if step.instructions else "")
        _set(self.safety, ("⚠ " + " ".join(step.safety)) if step.safety else "")
        if resting or coming is None:
            _set(self.next_label, "" if coming else "Last one")
        else:
            _set(self.next_label, f"Next up: {coming[0]} · {coming[1]}")
        left = format_clock(snap.session_remaining)
        self.session_bar.set_progress(snap.session_fraction, f"{left} left")

    def _show_heading(self, snap: Snapshot, coming: tuple[str, str] | None, shown: StepRun) -> None:
        seg = snap.segment
        heading = KIND_WORDS.get(seg.kind, "")
        if snap.state is State.PAUSED:
            banner = (
                "Paused after sleep · press Space to go on"
                if snap.slept
                else "Paused · press Space to go on"
            )
        else:
            banner = ""
        _set(self.banner, banner)
        if seg.kind == "rest":
            title = f"Next: {coming[0]}" if coming else "Rest"
            where = coming[1] if coming else ""
        elif seg.kind == "prepare":
            title, where = shown.name, step_timing(shown.step)
        else:
            title, where = snap.run.name, where_line(seg, snap.run)
        _set(self.heading, heading)
        _set(self.title, title)
        _set(self.where, where)
        color = colors(self.palette()).for_kind(seg.kind).name()
        self.heading.setStyleSheet(f"color: {color}")

    def _show_clock(self, snap: Snapshot) -> None:
        seg = snap.segment
        if seg.open is not None:
            o = seg.open
            limit = max(o.limit, snap.duration)
            marks = tuple(m / limit for m in (o.min, o.target) if 0 < m < limit)
            caption = "target reached" if snap.checking_in else f"of {format_clock(o.target)}"
            self.dial.show_time(
                count_up(snap.elapsed), snap.elapsed / limit, seg.kind, caption=caption, marks=marks
            )
        else:
            self.dial.show_time(
                format_clock(snap.remaining), snap.fraction, seg.kind, caption="left"
            )

    def _show_open(self, snap: Snapshot) -> None:
        seg = snap.segment
        is_open = seg.open is not None and snap.state in (State.RUNNING, State.PAUSED)
        checking = is_open and snap.checking_in
        self.released.setVisible(is_open and not checking)
        _set(self.marks, open_marks(seg) if is_open and not checking else "")
        self.check_in.setVisible(checking)

    # -- type that scales --------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        unit = max(8.0, min(self.height() / 26, self.width() / 44))
        set_pixel_size(self.heading, unit * 1.3, bold=True)
        set_pixel_size(self.title, unit * 2.2, bold=True)
        set_pixel_size(self.where, unit * 1.6, bold=True)
        set_pixel_size(self.banner, unit * 1.5, bold=True)
        set_pixel_size(self.instructions, unit * 1.15)
        set_pixel_size(self.safety, unit * 1.15)
        set_pixel_size(self.marks, unit * 1.1)
        set_pixel_size(self.next_label, unit * 1.2)
        set_pixel_size(self.check_in_label, unit * 1.8, bold=True)
        for button in (self.released, self.check_in_release, self.check_in_more):
            set_pixel_size(button, unit * 1.5, bold=True)
            button.setMinimumHeight(round(unit * 2.6))
        self.session_bar.setFixedHeight(round(max(28.0, unit * 1.8)))

    def stop(self) -> None:
        """The session is over: stop the breathing animation."""
        self.breath.stop()
