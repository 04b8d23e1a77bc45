"""The player: where the user is, how long is left and what comes next, readable from the mat.

A view only: :meth:`PlayerView.show_snapshot` draws an engine snapshot, and its buttons
emit requests for the window to route. Type sizes follow the window's size.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
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
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.image_view import ImageView
from psoas_timer.ui.common.text import (
    KIND_WORDS,
    count_up,
    next_up,
    open_marks,
    step_timing,
    where_line,
)
from psoas_timer.ui.common.theme import colors, set_pixel_size
from psoas_timer.ui.player.breathing_guide import BreathingGuide
from psoas_timer.ui.player.countdown import CountdownDial
from psoas_timer.ui.player.session_bar import SessionBar

__all__ = ["CHECK_IN_EXTRA", "SHORT_REP", "PlayerView"]

#: Seconds the check-in's "+15 s" adds to an open hold.
CHECK_IN_EXTRA = 15.0
#: Reps shorter than this show the rep number in the dial instead of a blur of seconds.
SHORT_REP = 5.0


def _wrapped(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setAccessibleName(name.replace("_", " ").capitalize())
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _set(label: QLabel, text: str) -> None:
    """Change a label only when its text changes, and hide it while empty."""
    if label.text() != text:
        label.setText(text)
        label.setAccessibleDescription(text)
    if label.isHidden() == bool(text):
        label.setVisible(bool(text))


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
        self._kind = ""
        self._shown: tuple[object, ...] = ()
        self.heading = FitLabel("heading", bold=True)
        self.title = FitLabel("step_name", bold=True)
        self.where = FitLabel("where", bold=True)
        self.dial = CountdownDial()
        self.dial.setAccessibleName("Time")
        self.breath = BreathingGuide(clock)
        self.image = ImageView()
        self.instructions = _wrapped("instructions")
        self.safety = _wrapped("safety")
        self.marks = FitLabel("open_marks")
        self.released = _big_button(
            "Released", "released", "The point has released: end this hold (Enter)"
        )
        self.check_in = QFrame()
        self.check_in.setObjectName("check_in")
        self.check_in_label = FitLabel("check_in_question", bold=True)
        self.check_in_release = _big_button(
            "Release", "check_in_release", "End this hold now (Enter)"
        )
        self.check_in_more = _big_button(
            f"+{CHECK_IN_EXTRA:g} s", "check_in_more", "Hold 15 seconds longer"
        )
        self.next_label = FitLabel("next_up")
        self.session_bar = SessionBar()
        self._build()
        self._recolor()
        self._connect_signals()

    @property
    def banner(self) -> QLabel:
        """The heading: shown (as the pause notice) only while paused; the dial names the
        kind of segment otherwise."""
        return self.heading

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.check_in_label.set_text("Has it softened?  Enter releases · + adds time")
        check = QVBoxLayout(self.check_in)
        check.setContentsMargins(12, 8, 12, 8)
        check.addWidget(self.check_in_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_release)
        buttons.addWidget(self.check_in_more)
        check.addLayout(buttons)
        self.check_in.setFrameShape(QFrame.Shape.StyledPanel)

        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(self.image, 1)
        side.addWidget(self.marks)
        side.addWidget(self.released)
        side.addWidget(self.check_in)

        graphics = QHBoxLayout()
        graphics.setSpacing(24)
        graphics.addWidget(self.dial, 4)
        graphics.addWidget(self.breath, 3)
        graphics.addLayout(side, 3)

        texts = QHBoxLayout()
        texts.setSpacing(32)
        texts.addWidget(self.instructions, 1)
        texts.addWidget(self.safety, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addLayout(graphics, 1)
        layout.addLayout(texts)
        layout.addWidget(self.next_label)
        layout.addWidget(self.session_bar)
        hidden = (
            self.heading,
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
        self._shown = ()

    def show_snapshot(self, snap: Snapshot) -> None:
        plan = self._plan
        if plan is None:
            return
        seg = snap.segment
        self._show_clock(snap)
        pattern = seg.breathing if (seg.is_work and snap.phase is not None) else None
        if self.breath.isHidden() == (pattern is not None):
            self.breath.setVisible(pattern is not None)
        self.breath.follow(pattern, snap.elapsed, running=snap.state is State.RUNNING)
        left = format_clock(snap.session_remaining)
        self.session_bar.set_progress(snap.session_fraction, f"{left} to go")
        # The words change only with the segment or the state: skip them on other polls.
        key = (id(plan), snap.index, snap.state, snap.checking_in, snap.slept)
        if key != self._shown:
            self._shown = key
            self._show_words(plan, snap)

    def _show_words(self, plan: Plan, snap: Snapshot) -> None:
        seg, run = snap.segment, snap.run
        resting = seg.kind == "rest"
        coming = next_up(plan, snap)
        shown_run: StepRun = run
        if resting:
            upcoming = next((s for s in plan.segments[snap.index + 1 :] if s.is_work), None)
            shown_run = plan.steps[upcoming.step] if upcoming is not None else run
        self._show_heading(snap, coming, shown_run)
        self._show_open(snap)
        step = shown_run.step
        has_image = self.image.set_image(step.image)
        if self.image.isHidden() == has_image:
            self.image.setVisible(has_image)
        prefix = "Next: " if resting and shown_run is not run else ""
        # One action per line, as written: a glance from the mat finds the next one.
        lines = (
            [f"{prefix}{step.instructions[0]}", *step.instructions[1:]] if step.instructions else []
        )
        before = (self.instructions.text(), self.safety.text())
        _set(self.instructions, "\n".join(lines))
        _set(self.safety, "\n".join(f"⚠ {note}" for note in step.safety))
        if (self.instructions.text(), self.safety.text()) != before:
            self._fit_texts()
        if resting:
            self.next_label.set_text("")
        else:
            self.next_label.set_text(
                f"Next up: {coming[0]} · {coming[1]}" if coming else "Last one"
            )

    def _show_heading(self, snap: Snapshot, coming: tuple[str, str] | None, shown: StepRun) -> None:
        seg = snap.segment
        palette = colors(self.palette())
        if snap.state is State.PAUSED:
            heading = (
                "Paused after sleep · press Space to go on"
                if snap.slept
                else "Paused · press Space to go on"
            )
            kind = "paused"
            color = palette.warning
        else:
            heading, kind = KIND_WORDS.get(seg.kind, ""), seg.kind
            color = palette.for_kind(seg.kind)
        if kind != self._kind:
            self._kind = kind
            self.heading.set_color(color)
        self.heading.set_text(heading)
        paused = snap.state is State.PAUSED
        if self.heading.isHidden() == paused:
            self.heading.setVisible(paused)
        if seg.kind == "rest":
            title = f"Next: {coming[0]}" if coming else "Rest"
            where = coming[1] if coming else ""
        elif seg.kind == "prepare":
            title, where = shown.name, step_timing(shown.step)
        else:
            title, where = snap.run.name, where_line(seg, snap.run)
        self.title.set_text(title)
        self.where.set_text(where)

    def _show_clock(self, snap: Snapshot) -> None:
        seg = snap.segment
        label = "Paused" if snap.state is State.PAUSED else KIND_WORDS.get(seg.kind, "")
        if seg.open is not None:
            o = seg.open
            limit = max(o.limit, snap.duration)
            target = snap.target if snap.target is not None else o.target
            marks = tuple(m / limit for m in (o.min, target) if 0 < m < limit)
            caption = "target reached" if snap.checking_in else f"of {format_clock(target)}"
            self.dial.show_time(
                count_up(snap.elapsed),
                snap.elapsed / limit,
                seg.kind,
                caption=caption,
                label="Paused" if snap.state is State.PAUSED else "Hold",
                marks=marks,
            )
        elif seg.kind == "rep" and seg.duration < SHORT_REP:
            self.dial.show_time(
                str(seg.rep), snap.fraction, seg.kind, caption=f"of {seg.reps}", label="Rep"
            )
        else:
            self.dial.show_time(
                format_clock(snap.remaining), snap.fraction, seg.kind, caption="to go", label=label
            )

    def _show_open(self, snap: Snapshot) -> None:
        seg = snap.segment
        is_open = seg.open is not None and snap.state in (State.RUNNING, State.PAUSED)
        checking = is_open and snap.checking_in
        if self.released.isHidden() == (is_open and not checking):
            self.released.setVisible(is_open and not checking)
        if self.marks.isHidden() == (is_open and not checking):
            self.marks.setVisible(is_open and not checking)
        self.marks.set_text(open_marks(seg) if is_open else "")
        if self.check_in.isHidden() == checking:
            self.check_in.setVisible(checking)

    def _recolor(self) -> None:
        """Colours that come from the scheme: the safety note, and the heading next time."""
        warn = QPalette()
        warn.setColor(QPalette.ColorRole.WindowText, colors(self.palette()).warning)
        self.safety.setPalette(warn)
        self._kind = ""
        self._shown = ()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolor()

    # -- type that scales --------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        unit = max(8.0, min(self.height() / 26, self.width() / 44))
        self.heading.set_max_pixels(unit * 1.5)
        self.title.set_max_pixels(unit * 2.4)
        self.where.set_max_pixels(unit * 1.7)
        self.marks.set_max_pixels(unit * 1.1)
        self.next_label.set_max_pixels(unit * 1.1)
        self.check_in_label.set_max_pixels(unit * 1.7)
        self._unit = unit
        self._fit_texts()
        for button in (self.released, self.check_in_release, self.check_in_more):
            # The two check-in buttons share a narrower column: a little smaller, never clipped.
            set_pixel_size(button, unit * (1.4 if button is self.released else 1.15), bold=True)
            button.setMinimumHeight(round(unit * 2.4))
            button.setMinimumWidth(round(unit * 6))
        self.session_bar.setFixedHeight(round(max(28.0, unit * 1.5)))

    def _fit_texts(self) -> None:
        """Large type for a few lines; smaller, still readable, when a step has many."""
        unit = getattr(self, "_unit", 12.0)
        for label in (self.instructions, self.safety):
            count = max(1, label.text().count("\n") + 1)
            set_pixel_size(label, unit * 0.95 * min(1.0, 5 / (count + 0.5)) ** 0.5)

    def stop(self) -> None:
        """The session is over: stop the breathing animation."""
        self.breath.stop()
