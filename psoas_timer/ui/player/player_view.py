"""The player: where the user is, how long is left and what comes next, readable from the mat.

A view only: :meth:`PlayerView.show_snapshot` draws an engine snapshot,
:meth:`PlayerView.show_cues` shows what was just said as a large caption (so a muted player,
or one without sound, still gives every cue), and its buttons emit requests for the window to
route. Type sizes follow the window's size.

Nothing in it changes its minimum size as the session moves on: the pause notice and the
captions share one row that is always there, and an open hold's check-in takes the place of
its Released button instead of adding to the column. The window never grows with a phase.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap, QPolygonF, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import FiredCue, Snapshot, State
from psoas_timer.core.plan import Plan, StepRun
from psoas_timer.ui.common.accessibility import announce
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.image_view import ImageView
from psoas_timer.ui.common.text import (
    KIND_WORDS,
    caption_for,
    count_up,
    doing_word,
    next_up,
    open_marks,
    step_timing,
    where_line,
)
from psoas_timer.ui.common.theme import colors, set_pixel_size
from psoas_timer.ui.player.breathing_guide import BreathingGuide
from psoas_timer.ui.player.countdown import CountdownDial
from psoas_timer.ui.player.session_bar import SessionBar

__all__ = [
    "CAPTION_SECONDS",
    "CHECK_IN_EXTRA",
    "MIN_SIZE",
    "PULSE_SECONDS",
    "SHORT_REP",
    "PlayerView",
]

#: Seconds the check-in's "+15 s" adds to an open hold.
CHECK_IN_EXTRA = 15.0
#: Reps shorter than this show the rep number in the dial instead of a blur of seconds.
SHORT_REP = 5.0
#: Seconds a spoken cue stays on screen as a caption.
CAPTION_SECONDS = 4.0
#: Seconds the ring pulses after a milestone.
PULSE_SECONDS = 1.2
#: The system font size (points) the player's type is drawn for: a larger one makes it
#: larger, as far as the window allows, and a smaller one smaller.
BASE_POINTS = 10.0
#: The player's minimum size, whatever it shows: its type shrinks to fit, so the window
#: never has to grow (past the screen) when a check-in or a notice appears.
MIN_SIZE = (480, 360)


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


def muted_pixmap(side: int, color: QColor, ratio: float = 1.0) -> QPixmap:
    """A loudspeaker with a cross: drawn here, so it is there whatever the icon theme."""
    pixmap = QPixmap(round(side * ratio), round(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(side)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    body = [(0.08, 0.36), (0.28, 0.36), (0.52, 0.14), (0.52, 0.86), (0.28, 0.64), (0.08, 0.64)]
    p.drawPolygon(QPolygonF([QPointF(x * s, y * s) for x, y in body]))
    pen = QPen(color, max(2.0, s * 0.09))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(0.64 * s, 0.36 * s), QPointF(0.92 * s, 0.64 * s))
    p.drawLine(QPointF(0.92 * s, 0.36 * s), QPointF(0.64 * s, 0.64 * s))
    p.end()
    return pixmap


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
        self._clock = clock
        self._caption_at = float("-inf")
        self._pulse_at = float("-inf")
        self._paused = False
        self._count_up = False
        self._announced = ""
        self.heading = FitLabel("heading", bold=True)
        self.caption = FitLabel("cue_caption", bold=True)
        self.caption.setAccessibleName("Cue")
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
        self.open_controls = QStackedWidget()
        self.open_controls.setObjectName("open_controls")
        self.check_in = QFrame()
        self.check_in.setObjectName("check_in")
        self.check_in_label = FitLabel("check_in_question", bold=True)
        self.check_in_release = _big_button(
            "Release", "check_in_release", "End this hold now (Enter)"
        )
        self.check_in_more = _big_button(
            f"+{CHECK_IN_EXTRA:g} s", "check_in_more", "Hold 15 seconds longer"
        )
        self.mute_mark = QLabel()
        self.mute_mark.setObjectName("mute_mark")
        self.mute_mark.setAccessibleName("Muted")
        self.mute_mark.setToolTip("Sound is muted: cues show on screen only (M unmutes)")
        self.mute_mark.setVisible(False)
        self._muted = False
        self.sound_notice = QFrame()
        self.sound_notice.setObjectName("sound_notice")
        self.sound_notice_text = FitLabel("sound_notice_text")
        self.sound_notice_dismiss = QPushButton("&Dismiss")
        self.sound_notice_dismiss.setObjectName("sound_notice_dismiss")
        self.sound_notice_dismiss.setAccessibleName("Dismiss the sound notice")
        self.sound_notice_dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+D
        self._dismissed: set[str] = set()
        self._sound_message = ""
        self.release_hint = _wrapped("release_hint")
        self.release_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock_line = QWidget()
        self.clock_line.setObjectName("clock_line")
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

        # The Released button and its marks, or the check-in in their place: one slot whose
        # size does not change when the check-in comes and goes.
        released_page = self._released_page = QWidget()
        released_box = QVBoxLayout(released_page)
        released_box.setContentsMargins(0, 0, 0, 0)
        released_box.setSpacing(8)
        released_box.addStretch(1)
        released_box.addWidget(self.marks)
        released_box.addWidget(self.released)
        self.open_controls.addWidget(released_page)
        self.open_controls.addWidget(self.check_in)
        self.open_controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(self.image, 1)
        side.addWidget(self.open_controls)

        # Under the clock, a line that is always there: the early-release hint.
        line = QHBoxLayout(self.clock_line)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.mute_mark)
        line.addWidget(self.release_hint, 1)
        self.clock_line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        clock = QVBoxLayout()
        clock.setSpacing(4)
        clock.addWidget(self.dial, 1)
        clock.addWidget(self.clock_line)

        graphics = QHBoxLayout()
        graphics.setSpacing(24)
        graphics.addLayout(clock, 4)
        graphics.addWidget(self.breath, 3)
        graphics.addLayout(side, 3)

        texts = QHBoxLayout()
        texts.setSpacing(32)
        texts.addWidget(self.instructions, 1)
        texts.addWidget(self.safety, 1)

        # The pause notice and the captions take turns in one row that is always there, so
        # neither moves the rest of the player.
        self.banner_row = QWidget()
        self.banner_row.setObjectName("banner_row")
        self._banner_stack = QStackedLayout(self.banner_row)
        self._banner_stack.setContentsMargins(0, 0, 0, 0)
        self._banner_stack.addWidget(self.caption)
        self._banner_stack.addWidget(self.heading)
        self.banner_row.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

        notice = QHBoxLayout(self.sound_notice)
        notice.setContentsMargins(12, 4, 4, 4)
        notice.addWidget(self.sound_notice_text, 1)
        notice.addWidget(self.sound_notice_dismiss)
        self.sound_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.sound_notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.sound_notice.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(6)
        layout.addWidget(self.sound_notice)
        layout.addWidget(self.banner_row)
        layout.addWidget(self.title)
        layout.addWidget(self.where)
        layout.addLayout(graphics, 1)
        layout.addLayout(texts)
        layout.addWidget(self.next_label)
        layout.addWidget(self.session_bar)
        self.setMinimumSize(*MIN_SIZE)
        hidden = (
            self.breath,
            self.image,
            self.safety,
            self.open_controls,
        )
        for widget in hidden:
            widget.setVisible(False)

    def _connect_signals(self) -> None:
        self.released.clicked.connect(self._on_released_clicked)
        self.check_in_release.clicked.connect(self._on_released_clicked)
        self.check_in_more.clicked.connect(self._on_check_in_more_clicked)
        self.sound_notice_dismiss.clicked.connect(self._on_sound_notice_dismiss_clicked)

    def _on_released_clicked(self) -> None:
        self.release_requested.emit()

    def _on_check_in_more_clicked(self) -> None:
        self.extend_requested.emit(CHECK_IN_EXTRA)

    def _on_sound_notice_dismiss_clicked(self) -> None:
        self._dismissed.add(self._sound_message)
        self.sound_notice.setVisible(False)

    # -- drawing ---------------------------------------------------------------------
    def set_plan(self, plan: Plan) -> None:
        self._plan = plan
        self._shown = ()

    def show_snapshot(self, snap: Snapshot) -> None:
        plan = self._plan
        if plan is None:
            return
        seg = snap.segment
        self._expire()
        self._show_clock(snap)
        pattern = seg.breathing if snap.phase is not None else None
        if self.breath.isHidden() == (pattern is not None):
            self.breath.setVisible(pattern is not None)
        self.breath.follow(
            pattern, seg.breath_start + snap.elapsed, running=snap.state is State.RUNNING
        )
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
        if snap.state in (State.RUNNING, State.PAUSED):
            self._announce(snap)
        if resting:
            self.next_label.set_text("")
        else:
            self.next_label.set_text(
                f"Next up: {coming[0]} · {coming[1]}" if coming else "Last one"
            )

    def _announce(self, snap: Snapshot) -> None:
        """Tell a screen reader the new phase: what to do, what and where."""
        if snap.state is State.PAUSED:
            text = self.heading.text()
        else:
            kind = "Target reached. Has it softened?" if snap.checking_in else ""
            heading = snap.segment.heading or KIND_WORDS.get(snap.segment.kind, "")
            words = [heading, self.title.text(), self.where.text()]
            text = ". ".join(w for w in [*words, kind] if w)
        if text != self._announced:
            self._announced = text
            announce(self, text)

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
            heading, kind = seg.heading or KIND_WORDS.get(seg.kind, ""), seg.kind
            color = palette.for_kind(seg.kind)
        if kind != self._kind:
            self._kind = kind
            self.heading.set_color(color)
        self.heading.set_text(heading)
        self._paused = snap.state is State.PAUSED
        self._show_banner()
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
        label = (
            "Paused" if snap.state is State.PAUSED else seg.heading or KIND_WORDS.get(seg.kind, "")
        )
        if seg.open is not None:
            o = seg.open
            limit = max(o.limit, snap.duration)
            target = snap.target if snap.target is not None else o.target
            marks = tuple(m / limit for m in (o.min, target) if 0 < m < limit)
            caption = "target reached" if snap.checking_in else f"of {format_clock(target)}"
            self.marks.set_text(open_marks(seg, target))
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
                str(seg.rep),
                snap.fraction,
                seg.kind,
                caption=f"of {seg.reps}",
                label="Paused" if snap.state is State.PAUSED else (doing_word(seg) or "Rep"),
            )
        elif seg.phase is not None:  # a long phase of a rep (a hold at the top): its time
            self.dial.show_time(
                format_clock(snap.remaining),
                snap.fraction,
                seg.kind,
                caption=f"rep {seg.rep} of {seg.reps}",
                label="Paused" if snap.state is State.PAUSED else doing_word(seg),
            )
        elif seg.kind == "hold" and self._count_up:
            self.dial.show_time(
                count_up(snap.elapsed),
                snap.fraction,
                seg.kind,
                caption=f"held of {format_clock(snap.duration)}",
                label=label,
            )
        else:
            self.dial.show_time(
                format_clock(snap.remaining), snap.fraction, seg.kind, caption="to go", label=label
            )

    def _show_open(self, snap: Snapshot) -> None:
        seg = snap.segment
        is_open = seg.open is not None and snap.state in (State.RUNNING, State.PAUSED)
        checking = is_open and snap.checking_in
        if self.open_controls.isHidden() == is_open:
            self.open_controls.setVisible(is_open)
        page = self.check_in if checking else self._released_page
        if self.open_controls.currentWidget() is not page:
            self.open_controls.setCurrentWidget(page)
        if not is_open:
            self.marks.set_text("")

    def set_count_up(self, on: bool) -> None:
        """On holds, show the time held counting up (*on*) or the time to go counting down;
        open holds always count up. Takes effect with the next snapshot."""
        self._count_up = on

    # -- sound -------------------------------------------------------------------------
    def set_muted(self, muted: bool) -> None:
        """Show the muted mark by the clock (the toolbar is easy to miss from the mat)."""
        self._muted = muted
        self._draw_mute_mark()
        if self.mute_mark.isHidden() == muted:
            self.mute_mark.setVisible(muted)

    def _draw_mute_mark(self) -> None:
        side = max(16, round(getattr(self, "_unit", 16.0) * 1.25))
        color = colors(self.palette()).warning
        self.mute_mark.setPixmap(muted_pixmap(side, color, self.devicePixelRatioF()))

    def show_sound_problem(self, message: str) -> None:
        """Say in one line what is wrong with the sound (the first sentence of *message*;
        the whole of it in the tooltip), until the user dismisses it. The same trouble,
        once dismissed, is not shown again."""
        if message in self._dismissed:
            return
        first = message.strip().split(". ")[0].rstrip(".") + "."
        if not first.lower().startswith(("no sound", "sound")):
            first = f"Sound: {first}"
        if "on screen" in message and "on screen" not in first:
            first += " Cues show on screen."
        self._sound_message = message
        self.sound_notice_text.set_text(first)
        self.sound_notice.setToolTip(message)
        self.sound_notice.setAccessibleDescription(message)
        self.sound_notice.setVisible(True)

    # -- beside the clock ----------------------------------------------------------------
    def show_release_hint(self, minimum: float | None) -> None:
        """While a second Enter would end an open hold before its *minimum*, say so beside
        the clock; None clears it."""
        text = (
            ""
            if minimum is None
            else f"Press Enter again to end it before the {format_clock(minimum)} minimum"
        )
        _set(self.release_hint, text)

    # -- captions: every cue said aloud, also shown ------------------------------------
    def show_cues(self, fired: Sequence[FiredCue]) -> None:
        """Show what was just said as a large caption for :data:`CAPTION_SECONDS`, and pulse
        the ring at a milestone. Sound or none, muted or not: the caption is the same."""
        text, pulse = caption_for(fired)
        now = self._clock()
        if pulse:
            self._pulse_at = now
            self.dial.set_pulse(1.0)
        if text:
            self._caption_at = now
            self.caption.set_text(text)
            self.caption.set_color(colors(self.palette()).for_kind(self._kind or "hold"))
            self._show_banner()

    def _expire(self) -> None:
        """Clear the caption and the pulse when their time is up (on the one clock)."""
        now = self._clock()
        if self.caption.text() and now - self._caption_at >= CAPTION_SECONDS:
            self.caption.set_text("")
        pulse = max(0.0, 1.0 - (now - self._pulse_at) / PULSE_SECONDS)
        if pulse != self.dial.pulse:
            self.dial.set_pulse(pulse)

    def _show_banner(self) -> None:
        """The pause notice while paused, else the latest caption (or an empty row)."""
        shown = self.heading if self._paused else self.caption
        if self._banner_stack.currentWidget() is not shown:
            self._banner_stack.setCurrentWidget(shown)

    @property
    def caption_text(self) -> str:
        """The caption on screen now ("" when none)."""
        return "" if self._paused else self.caption.text()

    def _recolor(self) -> None:
        """Colours that come from the scheme: the safety note, and the heading next time."""
        warn = QPalette()
        warn.setColor(QPalette.ColorRole.WindowText, colors(self.palette()).warning)
        self.safety.setPalette(warn)
        self.release_hint.setPalette(warn)
        self.sound_notice_text.setPalette(warn)
        if self._muted:
            self._draw_mute_mark()
        self._kind = ""
        self._shown = ()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolor()
        elif event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self._rescale()

    # -- type that scales --------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    @staticmethod
    def type_scale() -> float:
        """How much larger than usual the system's font is (0.8 to 2)."""
        font = QApplication.font()
        points = font.pointSizeF()
        if points <= 0:  # a font set in pixels
            points = font.pixelSize() * 72 / 96
        return min(2.0, max(0.8, points / BASE_POINTS))

    def _rescale(self) -> None:
        """Type sizes from the window's size and the system's font size; the window caps
        them, so a large system font never pushes the player off its screen."""
        fit = min(self.height() / 28, self.width() / 44)
        unit = max(8.0, min(fit * self.type_scale(), self.height() / 22, self.width() / 34))
        self.heading.set_max_pixels(unit * 1.8)
        self.caption.set_max_pixels(unit * 1.8)
        self.banner_row.setFixedHeight(max(self.heading.height(), self.caption.height()))
        self.title.set_max_pixels(unit * 2.4)
        self.where.set_max_pixels(unit * 1.7)
        self.marks.set_max_pixels(unit * 1.1)
        self.next_label.set_max_pixels(unit * 1.1)
        self.check_in_label.set_max_pixels(unit * 1.2)
        self._unit = unit
        self._fit_texts()
        for button in (self.released, self.check_in_release, self.check_in_more):
            # The two check-in buttons share a narrower column: a little smaller, never clipped.
            set_pixel_size(button, unit * (1.4 if button is self.released else 1.15), bold=True)
            button.setMinimumHeight(round(unit * 2.2))
            button.setMinimumWidth(round(unit * 6))
        self.session_bar.setFixedHeight(round(max(28.0, unit * 1.5)))
        set_pixel_size(self.release_hint, unit * 0.85, bold=True)
        self.sound_notice_text.set_max_pixels(unit * 0.9)
        set_pixel_size(self.sound_notice_dismiss, unit * 0.8)
        if self._muted:
            self._draw_mute_mark()
        line = self.release_hint.fontMetrics().lineSpacing()
        self.clock_line.setFixedHeight(max(2 * line + 2, round(unit * 1.3)))  # two lines

    def _fit_texts(self) -> None:
        """Large type for a few lines; smaller, still readable, when a step has many."""
        unit = getattr(self, "_unit", 12.0)
        for label in (self.instructions, self.safety):
            count = max(1, label.text().count("\n") + 1)
            set_pixel_size(label, unit * 0.95 * min(1.0, 5 / (count + 0.5)) ** 0.5)

    def stop(self) -> None:
        """The session is over: stop the breathing animation, clear the caption."""
        self.breath.stop()
        self.show_release_hint(None)
        self.caption.set_text("")
        self._caption_at = self._pulse_at = float("-inf")
        self.dial.set_pulse(0.0)
