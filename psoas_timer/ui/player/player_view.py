"""The player: where the user is, how long is left and what comes next, readable from the mat.

A view only: :meth:`PlayerView.show_snapshot` draws an engine snapshot,
:meth:`PlayerView.show_cues` shows what was just said as a large caption (so a muted player,
or one without sound, still gives every cue), and its buttons emit requests for the window to
route. Type sizes follow the window's size.

Nothing in it changes its minimum size as the session moves on: the pause notice and the
captions share one row that is always there, and an open hold's check-in takes the place of
its Released button instead of adding to the column. The window never grows with a phase.

Its parts live beside it: the words it shows (:mod:`.words`) and the dial's reading
(:mod:`.dial_reading`), the row of the pause notice and captions (:mod:`.banner_row`), the
Released button or check-in (:mod:`.open_hold_controls`), the sound notice
(:mod:`.sound_notice`) and the muted mark (:mod:`.mute_mark`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import FiredCue, Snapshot, State
from psoas_timer.core.model import Kind
from psoas_timer.core.plan import Plan
from psoas_timer.i18n import _
from psoas_timer.ui.common.accessibility import announce
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.image_view import ImageView
from psoas_timer.ui.common.text import caption_for, open_marks
from psoas_timer.ui.common.theme import colors, set_pixel_size
from psoas_timer.ui.common.translation import keep_left_to_right
from psoas_timer.ui.player.banner_row import BannerRow
from psoas_timer.ui.player.breathing_guide import BreathingGuide
from psoas_timer.ui.player.countdown import CountdownDial
from psoas_timer.ui.player.dial_reading import dial_reading, open_target
from psoas_timer.ui.player.figure_view import FigureView
from psoas_timer.ui.player.mute_mark import MuteMark
from psoas_timer.ui.player.open_hold_controls import OpenHoldControls
from psoas_timer.ui.player.session_bar import SessionBar
from psoas_timer.ui.player.sound_notice import SoundNotice
from psoas_timer.ui.player.step_notes import StepNotes
from psoas_timer.ui.player.words import PAUSED, player_words

__all__ = ["LEAST_UNITS", "MIN_SIZE", "PULSE_SECONDS", "PlayerView"]

#: Seconds the ring pulses after a milestone.
PULSE_SECONDS = 1.2
#: The system font size (points) the player's type is drawn for: a larger one makes it
#: larger, as far as the window allows, and a smaller one smaller.
BASE_POINTS = 10.0
#: The player's minimum size, whatever it shows: its type shrinks to fit, so the window
#: never has to grow (past the screen) when a check-in or a notice appears.
MIN_SIZE = (480, 360)
#: The caption size, in the player's type units: the least type anything on the player is
#: drawn in (the line under the clock's time is this size too). At 1280 × 800 it is about
#: 37 px, capitals about 6 mm high on a 13-inch screen: from the mat, 2 m away, twice what
#: 20/20 vision resolves. What does not fit in it is shortened, never drawn smaller.
LEAST_UNITS = 1.5
#: The clock's largest share of the player's width: the time left is the largest thing on
#: it, read from the mat; the step's name, guide, picture and notes share the rest.
CLOCK_SHARE = 0.55


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
        #: The step whose breathing decided whether the guide keeps its place, and that.
        self._breath_step: tuple[int, int] | None = None
        self._breath_keeps_place = False
        self._clock = clock
        self._pulse_at = float("-inf")
        self._count_up = False
        self._announced = ""
        self.least_pixels = 9.0
        self.banner_row = BannerRow()
        self.title = FitLabel("step_name", bold=True)
        self.where = FitLabel("where", bold=True)
        self.dial = CountdownDial()
        keep_left_to_right(self.dial)  # a clock reads the same in a right-to-left language
        self.dial.setAccessibleName(_("Time"))
        self.breath = BreathingGuide(clock)
        self.image = ImageView()
        self.figure = FigureView(clock)
        self.notes = StepNotes()
        self.instructions = self.notes.instructions
        self.safety = self.notes.safety
        self.open_controls = OpenHoldControls()
        self.mute_mark = MuteMark()
        self.sound_notice = SoundNotice()
        self.release_hint = _wrapped("release_hint")
        self.release_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock_line = QWidget()
        self.clock_line.setObjectName("clock_line")
        self.clock_box = QWidget()
        self.clock_box.setObjectName("clock_box")
        self.next_label = FitLabel("next_up")
        self.session_bar = SessionBar()
        #: Whether the step has each of these to show (see :meth:`_place_pictures`).
        self._pictures: dict[QWidget, bool] = {
            self.breath: False,
            self.image: False,
            self.figure: False,
        }
        self._build()
        self._recolor()
        self._connect_signals()

    @property
    def banner(self) -> QLabel:
        """The heading: shown (as the pause notice) only while paused; the dial names the
        kind of segment otherwise."""
        return self.banner_row.heading

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        # Under the clock, a line that is always there: the muted mark and the early-release
        # hint.
        line = QHBoxLayout(self.clock_line)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.mute_mark)
        line.addWidget(self.release_hint, 1)
        self.clock_line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        clock = QVBoxLayout(self.clock_box)
        clock.setContentsMargins(0, 0, 0, 0)
        clock.setSpacing(4)
        clock.addWidget(self.dial, 1)
        clock.addWidget(self.clock_line)

        # Beside the clock, what the step is: its name and side, the breathing guide and
        # the picture, an open hold's marks and check-in, then the instructions.
        pictures = self._pictures_row = QHBoxLayout()
        pictures.setSpacing(16)
        pictures.addWidget(self.breath, 1)
        pictures.addWidget(self.image, 1)
        pictures.addWidget(self.figure, 1)
        step = self._step_column = QVBoxLayout()
        step.setSpacing(6)
        step.addWidget(self.title)
        step.addWidget(self.where)
        step.addLayout(pictures, 1)
        step.addWidget(self.open_controls)
        step.addWidget(self.notes, 1)

        body = self._body = QHBoxLayout()
        body.setSpacing(32)
        body.addWidget(self.clock_box)
        body.addLayout(step, 1)

        layout = self._outer = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(6)
        layout.addWidget(self.sound_notice)
        layout.addWidget(self.banner_row)
        layout.addLayout(body, 1)
        layout.addWidget(self.next_label)
        layout.addWidget(self.session_bar)
        self.setMinimumSize(*MIN_SIZE)
        for widget in (self.breath, self.image, self.figure, self.open_controls):
            widget.setVisible(False)

    def _connect_signals(self) -> None:
        self.open_controls.release_requested.connect(self._on_release_requested)
        self.open_controls.extend_requested.connect(self._on_extend_requested)
        self.open_controls.crowded_changed.connect(self._place_pictures)

    def _place_pictures(self, _crowded: bool = False) -> None:
        """Show the breathing guide, the figure and the picture the step has, unless a
        crowded check-in takes their place (a narrow window: its marks and hint whole)."""
        room = not self.open_controls.crowded
        # The breathing guide's place is kept while hidden (see show_snapshot), unless a
        # crowded check-in needs the room.
        keep = self._breath_keeps_place and room
        policy = self.breath.sizePolicy()
        if policy.retainSizeWhenHidden() != keep:
            policy.setRetainSizeWhenHidden(keep)
            self.breath.setSizePolicy(policy)
        for widget, wanted in self._pictures.items():
            if widget.isHidden() == (wanted and room):
                widget.setVisible(wanted and room)
        self._step_column.setStretchFactor(self._pictures_row, 1 if room else 0)

    def _on_release_requested(self) -> None:
        self.release_requested.emit()

    def _on_extend_requested(self, seconds: float) -> None:
        self.extend_requested.emit(seconds)

    # -- drawing ---------------------------------------------------------------------
    def set_plan(self, plan: Plan) -> None:
        self._plan = plan
        self._shown = ()
        self.banner_row.reset_height()
        self._breath_step = None

    def show_snapshot(self, snap: Snapshot) -> None:
        plan = self._plan
        if plan is None:
            return
        seg = snap.segment
        self._expire()
        self._show_clock(snap)
        if self._breath_step != (id(plan), seg.step):
            # A step whose work breathes keeps the guide's place from its get-ready on,
            # so the figure beside it does not jump to another size as the work starts
            # (and the drawings it made ahead at that size stay good).
            self._breath_step = (id(plan), seg.step)
            self._breath_keeps_place = any(
                s.breathing is not None for s in plan.segments if s.step == seg.step and s.is_work
            )
            self._place_pictures()
        pattern = seg.breathing if snap.phase is not None else None
        if self._pictures[self.breath] != (pattern is not None):
            self._pictures[self.breath] = pattern is not None
            self._place_pictures()
        self.breath.follow(
            pattern, seg.breath_start + snap.elapsed, running=snap.state is State.RUNNING
        )
        self.figure.follow(snap)
        left = format_clock(snap.session_remaining)
        self.session_bar.set_progress(snap.session_fraction, _("{time} to go").format(time=left))
        # The words change only with the segment or the state: skip them on other polls.
        key = (id(plan), snap.index, snap.state, snap.checking_in, snap.slept)
        if key != self._shown:
            self._shown = key
            self._show_words(plan, snap)

    def _show_words(self, plan: Plan, snap: Snapshot) -> None:
        words = player_words(plan, snap)
        if words.kind != self._kind:
            self._kind = words.kind
            palette = colors(self.palette())
            paused = words.kind == PAUSED
            self.banner_row.heading.set_color(
                palette.warning if paused else palette.for_kind(words.kind)
            )
            self.open_controls.set_question_color(palette.for_kind(words.kind))
        self.banner_row.heading.set_text(words.heading)
        self.banner_row.set_paused(snap.state is State.PAUSED)
        self.title.set_text(words.title)
        self.where.set_text(words.where)
        self.open_controls.follow(snap)
        # The rig's live figure where the step has one, else its picture.
        release = words.step.kind is Kind.RELEASE
        has_figure = self.figure.set_figure(words.step.figure, release=release)
        has_image = self.image.set_image(None if has_figure else words.step.image)
        self._pictures[self.figure] = has_figure
        self._pictures[self.image] = has_image
        self._place_pictures()
        _set(self.instructions, words.instructions)
        _set(self.safety, words.safety)
        self.notes.refit()
        if snap.state in (State.RUNNING, State.PAUSED) and words.announcement != self._announced:
            self._announced = words.announcement
            announce(self, words.announcement)
        self.next_label.set_text(words.next_line)

    def _show_clock(self, snap: Snapshot) -> None:
        seg = snap.segment
        reading = dial_reading(snap, count_up_holds=self._count_up)
        if seg.open is not None:
            self.open_controls.marks.set_text(open_marks(seg, open_target(snap)))
        self.dial.show_time(
            reading.text,
            reading.fraction,
            reading.kind,
            caption=reading.caption,
            label=reading.label,
            marks=reading.marks,
        )

    def set_count_up(self, on: bool) -> None:
        """On holds, show the time held counting up (*on*) or the time to go counting down;
        open holds always count up. Takes effect with the next snapshot."""
        self._count_up = on

    # -- sound -------------------------------------------------------------------------
    def set_muted(self, muted: bool) -> None:
        """Show the muted mark by the clock (the toolbar is easy to miss from the mat)."""
        self.mute_mark.set_muted(muted, *self._mute_mark_look())

    def _mute_mark_look(self) -> tuple[float, QColor, float]:
        unit = getattr(self, "_unit", 16.0)
        return unit, colors(self.palette()).warning, self.devicePixelRatioF()

    def show_sound_problem(self, message: str) -> None:
        """Say in one line what is wrong with the sound (the first sentence of *message*;
        the whole of it in the tooltip), until the user dismisses it. The same trouble,
        once dismissed, is not shown again."""
        self.sound_notice.show_problem(message)

    # -- beside the clock ----------------------------------------------------------------
    def show_release_hint(self, minimum: float | None) -> None:
        """While a second Enter would end an open hold before its *minimum*, say so beside
        the clock; None clears it."""
        text = (
            ""
            if minimum is None
            else _("Press Enter again to end it before the {time} minimum").format(
                time=format_clock(minimum)
            )
        )
        _set(self.release_hint, text)

    # -- captions: every cue said aloud, also shown ------------------------------------
    def show_cues(self, fired: Sequence[FiredCue]) -> None:
        """Show what was just said as a large caption for a few seconds (see
        :mod:`.banner_row`), and pulse the ring at a milestone. Sound or none, muted or not:
        the caption is the same."""
        text, pulse = caption_for(fired)
        now = self._clock()
        if pulse:
            self._pulse_at = now
            self.dial.set_pulse(1.0)
        if text:
            self.banner_row.show_caption(text, self._kind or "hold", now)

    def show_setting(self, text: str) -> None:
        """Say that a setting changed (*text*, see :func:`~.words.setting_caption`) as a
        caption, and to a screen reader: a key pressed by mistake is seen at once."""
        self.banner_row.show_caption(text, "warning", self._clock())
        announce(self, text)

    def clear_caption(self) -> None:
        """Take the caption down at once (the user moved on: it spoke of the step left)."""
        self.banner_row.clear_caption()

    def _expire(self) -> None:
        """Clear the caption and the pulse when their time is up (on the one clock)."""
        now = self._clock()
        self.banner_row.expire(now)
        pulse = max(0.0, 1.0 - (now - self._pulse_at) / PULSE_SECONDS)
        if pulse != self.dial.pulse:
            self.dial.set_pulse(pulse)

    @property
    def caption_text(self) -> str:
        """The caption on screen now ("" when none)."""
        return self.banner_row.caption_text

    def _recolor(self) -> None:
        """Colours that come from the scheme: the safety note, and the heading next time."""
        warn = QPalette()
        warn.setColor(QPalette.ColorRole.WindowText, colors(self.palette()).warning)
        self.safety.setPalette(warn)
        self.release_hint.setPalette(warn)
        self.sound_notice.message.setPalette(warn)
        if self.mute_mark.muted:
            self.mute_mark.draw(*self._mute_mark_look())
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
        least = self.least_pixels = unit * LEAST_UNITS
        self.banner_row.rescale(unit, least)
        self.title.set_max_pixels(unit * 2.2, least=least)
        self.where.set_max_pixels(least, least=least)
        self.next_label.set_max_pixels(least, least=least)
        self._unit = unit
        self.notes.set_max_pixels(least, least=least)
        self.open_controls.rescale(unit, least)
        self.session_bar.set_type_pixels(least)
        set_pixel_size(self.release_hint, least, bold=True)
        self.sound_notice.rescale(least)
        self.dial.set_least_pixels(least)
        # the guide's word and count, in that type, fit inside its circle (it says how much
        # room that takes): the pictures keep that room, and the notes (shortened) give it up
        self.breath.set_least_pixels(least)
        if self.mute_mark.muted:
            self.mute_mark.draw(*self._mute_mark_look())
        line = self.release_hint.fontMetrics().lineSpacing()
        self.clock_line.setFixedHeight(max(2 * line + 2, round(unit * 1.3)))  # two lines
        self._share_width()

    def _share_width(self) -> None:
        """The clock's column as wide as the ring can be high (it is round), up to
        :data:`CLOCK_SHARE` of the width; the step's column takes the rest."""
        margins = self._outer.contentsMargins()
        spacing = self._outer.spacing()
        rows = (self.sound_notice, self.banner_row, self.next_label, self.session_bar)
        taken = sum(w.height() + spacing for w in rows if not w.isHidden())
        high = self.height() - margins.top() - margins.bottom() - taken
        high -= self.clock_line.height() + 4
        wide = self.width() - margins.left() - margins.right() - self._body.spacing()
        clock = max(self.dial.minimumWidth(), min(round(high), round(wide * CLOCK_SHARE)))
        if self.clock_box.maximumWidth() != clock:
            self.clock_box.setMaximumWidth(clock)
            self._body.setStretch(0, clock)
            self._body.setStretch(1, max(1, wide - clock))

    def stop(self) -> None:
        """The session is over: stop the breathing animation, clear the caption."""
        self.breath.stop()
        self.figure.stop()
        self.show_release_hint(None)
        self.banner_row.clear_caption()
        self._pulse_at = float("-inf")
        self.dial.set_pulse(0.0)
