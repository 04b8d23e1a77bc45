"""A shape that breathes: it grows on the inhale, rests on holds and shrinks on the exhale.

Every frame is drawn from the engine's clock, not from counted ticks: the guide is told the
segment's elapsed time at a clock reading, and each frame works out where the breath is
now from the pattern. While a session runs, an animation wakes the guide exactly when the
drawing next changes: when the shape's edge has moved half a pixel (antialiasing shows
half pixels), or the count or the word changes. That is every frame of the screen's rate
(at most one per :data:`FRAME_MS`) while the breath moves fast, fewer near its turns, and
once a second while it is held. Paused or hidden, nothing moves and nothing ticks.

A frame costs little: it repaints only the square around the shape, and the widget paints
its own background (a cached pixmap with the outline on it), so nothing behind it is
repainted; the word and the count are laid out once. The shape is filled with an opaque colour (the
translucent breath colour mixed over the window's): Qt's raster engine blends translucent
antialiased shapes on helper threads, and waking them for every frame cost more than the
drawing itself. Sizes, colours and type are worked out once per size and palette.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPauseAnimation, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.core.breathing import PHASE_WORDS, Pattern, Phase
from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import colors

__all__ = ["FRAME_MS", "MIN_STEP_PX", "BreathingGuide", "Frame", "over"]

#: The shape's radius with empty lungs, as a share of the full radius.
SMALLEST = 0.42
#: Extrapolate at most this far past the last word from the engine (if polls stall).
MAX_AHEAD = 0.3
#: Repaint the shape once its edge has moved this far (antialiasing shows half pixels).
MIN_STEP_PX = 0.5
#: The shortest time between two frames, in milliseconds (the screen's rate, 60 Hz).
FRAME_MS = 16
#: The shape's opacity with empty lungs, and what full lungs add.
ALPHA, ALPHA_FULL = 0.45, 0.25
#: Pixels of antialiased edge around a circle's radius.
_EDGE = 2
#: Pixels kept between the word's letters and the outline, across.
_WORD_MARGIN = 4
#: The guide's least side, whatever its words.
LEAST_SIDE = 96

Box = tuple[int, int, int, int]  # left, top, right, bottom (exclusive)


class Frame(NamedTuple):
    """What the guide shows: how full the lungs are (0..1), the word, and the count (the
    phase's seconds left)."""

    size: float
    word: str
    number: str


def _count(phase: Phase) -> int:
    return max(1, math.ceil(phase.remaining - 1e-6))


def _frame(phase: Phase, size: float) -> Frame:
    return Frame(size, phase.word, str(_count(phase)))


def _rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def _mix(
    front: tuple[int, int, int], alpha: float, back: tuple[int, int, int]
) -> tuple[int, int, int]:
    a = min(1.0, max(0.0, alpha))
    r, g, b = front
    br, bg, bb = back
    return round(r * a + br * (1 - a)), round(g * a + bg * (1 - a)), round(b * a + bb * (1 - a))


def over(color: QColor, alpha: float, background: QColor) -> QColor:
    """*color* at opacity *alpha* over an opaque *background*, as one opaque colour."""
    return QColor(*_mix(_rgb(color), alpha, _rgb(background)))


def _union(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


@dataclass
class _Text:
    """A word or a number laid out once, where it goes, and the pixels it covers."""

    static: QStaticText
    at: QPointF
    box: Box


@dataclass
class _Look:
    """Everything a frame needs that depends only on the size, palette and font."""

    side: int
    #: How much wider than high the outline and the shape are (1: a circle; more where a
    #: circle would be too narrow for the word).
    wide: float
    cx: float
    cy: float
    small: float
    big: float
    ratio: float
    backdrop: QPixmap  # the window's colour and the outline, opaque: one copy per paint
    word_pen: QPen
    number_pen: QPen
    word_font: QFont
    number_font: QFont
    word_metrics: QFontMetricsF
    number_metrics: QFontMetricsF
    breath_rgb: tuple[int, int, int]
    window_rgb: tuple[int, int, int]
    texts: dict[tuple[bool, str], _Text] = field(default_factory=dict)
    fills: dict[tuple[int, int, int], QBrush] = field(default_factory=dict)

    def radius(self, size: float) -> float:
        return self.small + (self.big - self.small) * size

    def square(self, radius: float) -> Box:
        """The pixels the shape *radius* high around the centre can touch."""
        r = radius + _EDGE
        across = radius * self.wide + _EDGE
        return (
            math.floor(self.cx - across),
            math.floor(self.cy - r),
            math.ceil(self.cx + across),
            math.ceil(self.cy + r),
        )

    def fill(self, size: float) -> QBrush:
        """The shape's colour: fuller as the lungs fill, mixed over the window's."""
        key = _mix(self.breath_rgb, ALPHA + ALPHA_FULL * size, self.window_rgb)
        found = self.fills.get(key)
        if found is None:
            found = self.fills[key] = QBrush(QColor(*key))
        return found

    def text(self, text: str, *, word: bool) -> _Text:
        """*text* in the word's type (centred above the middle) or the number's (below)."""
        found = self.texts.get((word, text))
        if found is None:
            if len(self.texts) > 64:
                self.texts.clear()
            font = self.word_font if word else self.number_font
            metrics = self.word_metrics if word else self.number_metrics
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=font)
            width, height = metrics.horizontalAdvance(text), metrics.height()
            middle = self.cy + _offset(
                self.side, self.word_metrics.height(), self.number_metrics.height(), word=word
            )
            left, top = self.cx - width / 2, middle - height / 2
            box = (
                math.floor(left) - 2,
                math.floor(top) - 2,
                math.ceil(left + width) + 2,
                math.ceil(top + height) + 2,
            )
            found = self.texts[(word, text)] = _Text(static, QPointF(left, top), box)
        return found


def _offset(side: float, word_high: float, number_high: float, *, word: bool) -> float:
    """How far below the centre the middle of the word (or the count) is: the word above
    the middle, the count below it, apart by their heights at least. In a small guide the
    word sits near the middle, where the circle is widest."""
    apart = max(side * 0.165, (word_high + number_high) / 2 + 2)
    above = max(side * 0.0325 - apart / 2, -word_high / 4)
    return above if word else above + apart


def _half_width(side: float, text: str, word: QFontMetricsF, number: QFontMetricsF) -> float:
    """How wide (half, across) the outline of a guide *side* high must be for *text*'s
    letters, in *word*'s type and placed as the guide places its word (the count below it
    in *number*'s type), to lie inside it: the outline is widened into an oval where a
    circle is too narrow for the word."""
    ink = word.tightBoundingRect(text)
    middle = _offset(side, word.height(), number.height(), word=True)
    baseline = middle - word.height() / 2 + word.ascent()
    left = -word.horizontalAdvance(text) / 2
    across = max(abs(left + ink.left()), abs(left + ink.right()))
    down = side / 2 - 2  # the outline's radius up and down
    needed = down
    for y in (baseline + ink.top(), baseline + ink.bottom()):
        share = min(0.9, abs(y) / down)  # a word's top at the very edge: 0.9 of it
        needed = max(needed, across / math.sqrt(1 - share * share))
    return needed + _WORD_MARGIN


class BreathingGuide(QWidget):
    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._pattern: Pattern | None = None
        self._elapsed = 0.0
        self._synced_at = 0.0
        self._running = False
        self._shown: Frame | None = None  # on screen, or asked for with update()
        self._look_cache: _Look | None = None
        self._least_px = 10
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._keep_words_inside()
        self.setAccessibleName(_("Breathing guide"))
        # Every paint fills its own background: nothing behind the guide is repainted.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # Waits until the drawing next changes; an animation, so that it runs on Qt's
        # animation clock with everything else that moves on screen.
        self._frames = QPauseAnimation(self)
        self._frames.finished.connect(self._on_tick)
        self._ticking = False  # the animation runs (kept here: asking Qt costs a call)

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    @property
    def animating(self) -> bool:
        return self._frames.state() == QPauseAnimation.State.Running

    @property
    def shown(self) -> Frame | None:
        """The frame on screen (or about to be, at the next paint)."""
        return self._shown

    def follow(self, pattern: Pattern | None, elapsed: float, *, running: bool) -> None:
        """Sync to the engine: *elapsed* seconds into the segment, now (on the clock)."""
        now = self._clock()
        running = running and pattern is not None
        if (
            pattern is self._pattern
            and running
            and self._running
            and self._ticking
            and abs(self._time(now) - elapsed) < 0.002
        ):
            # The breath is where the running animation expects it: only re-anchor.
            self._elapsed, self._synced_at = elapsed, now
            return
        self._pattern = pattern
        self._elapsed = elapsed
        self._synced_at = now
        self._running = running
        self.advance()

    def stop(self) -> None:
        self.follow(None, 0.0, running=False)

    def _time(self, now: float | None = None) -> float:
        """Seconds into the breathing at clock time *now* (default: the clock's now)."""
        t = self._elapsed
        if self._running:
            ahead = (self._clock() if now is None else now) - self._synced_at
            t += min(MAX_AHEAD, max(0.0, ahead))
        return t

    def phase(self) -> Phase | None:
        """Where the breath is now, by the clock."""
        if self._pattern is None:
            return None
        return self._pattern.phase_at(self._time())

    def _on_tick(self) -> None:
        self._ticking = False  # the wait is over
        self.advance()

    def advance(self) -> None:
        """Draw the breath as it is now, and wake again when that drawing next changes:
        what each frame does."""
        if self._ticking:
            self._ticking = False
            self._frames.stop()
        if self._pattern is None:
            self._show(None)
            return
        t = self._time()
        phase = self._pattern.phase_at(t)
        size = phase.size
        self._show(phase, size)
        if self._running and self._shown is not None and self.isVisible():
            wait = self._until_change(t, phase, size, self._shown)
            self._frames.setDuration(max(FRAME_MS, math.ceil(wait * 1000) + 1))
            self._frames.start()
            self._ticking = True

    @property
    def wait_ms(self) -> int | None:
        """Milliseconds from the last frame to the next (None: no frame is coming)."""
        return self._frames.duration() if self.animating else None

    def _show(self, phase: Phase | None, size: float = 0.0) -> None:
        """Draw *phase* (its *size* worked out already), repainting only what visibly
        changes."""
        new = _frame(phase, size) if phase is not None else None
        old = self._shown
        if new == old:
            return
        if old is None or new is None or not self.isVisible():
            self._shown = new
            self.update()
            return
        look = self._look()
        before, after = look.radius(old.size), look.radius(new.size)
        dirty: Box | None = None  # one rectangle: a many-sided clip blends on helper threads
        if abs(after - before) >= MIN_STEP_PX:
            dirty = look.square(max(before, after))
        else:
            new = new._replace(size=old.size)  # not a visible step yet: keep the drawn shape
        if new.word != old.word:
            dirty = _union(dirty, look.text(old.word, word=True).box)
            dirty = _union(dirty, look.text(new.word, word=True).box)
        if new.number != old.number:
            dirty = _union(dirty, look.text(old.number, word=False).box)
            dirty = _union(dirty, look.text(new.number, word=False).box)
        if dirty is None:
            return
        self._shown = new
        self.update(QRect(dirty[0], dirty[1], dirty[2] - dirty[0], dirty[3] - dirty[1]))

    # -- timing ------------------------------------------------------------------------
    def _until_change(self, t: float, phase: Phase, size: float, shown: Frame) -> float:
        """Seconds from breath time *t* (at *phase*, *size*) until the drawing differs from
        *shown*: the count's next turn (at 1, the phase's end), or sooner, the edge's next
        half-pixel step, at the speed the edge moves over the next frame."""
        assert self._pattern is not None
        turn = max(0.0, phase.remaining - (_count(phase) - 1))
        frame = FRAME_MS / 1000
        if turn <= frame:
            return turn
        look = self._look()
        to_go = MIN_STEP_PX / max(1.0, look.big - look.small) - abs(size - shown.size)
        if to_go <= 0:
            return 0.0
        speed = abs(self._pattern.phase_at(t + frame).size - size) / frame
        return turn if speed <= 0 else min(turn, to_go / speed)

    # -- showing and hiding, size, palette and type --------------------------------------
    def hideEvent(self, event: object) -> None:
        self._ticking = False
        self._frames.stop()

    def showEvent(self, event: object) -> None:
        phase = self.phase()
        shown = _frame(phase, phase.size) if phase is not None else None
        self._shown = shown  # a window shown is painted whole
        self.advance()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._look_cache = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._look_cache = None
        if kind in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self._keep_words_inside()

    def set_least_pixels(self, pixels: float) -> None:
        """Draw the word and the count no smaller than *pixels* (the player's caption size)."""
        least = max(10, round(pixels))
        if least != self._least_px:
            self._least_px = least
            self._look_cache = None
            self._keep_words_inside()
            self.update()

    def _keep_words_inside(self) -> None:
        """Ask for the room the word and the count take at their least size: as high as
        both need, and as wide as the widest breathing word needs to lie inside the outline
        (an oval where a circle of that height is too narrow). In a narrow window "Exhale"
        (German "Ausatmen") ran past the circle's edge; the word is never shrunk below the
        caption size, nor cut."""
        word = QFont(self.font())
        word.setBold(True)
        word.setPixelSize(max(12, self._least_px))
        number = QFont(self.font())
        number.setPixelSize(self._least_px)
        metrics, count = QFontMetricsF(word), QFontMetricsF(number)
        side = max(LEAST_SIDE, round(self._least_px * 3.4))  # the word and the count, down
        across = max(_half_width(side, w(), metrics, count) for w in PHASE_WORDS.values())
        self.setMinimumSize(max(side, math.ceil(2 * across) + 4) + 4, side + 4)

    def words_inside(self) -> bool:
        """Whether the word shown now, its letters as drawn, lies inside the outline."""
        frame = self._shown
        if frame is None:
            return True
        look = self._look()
        at = look.text(frame.word, word=True).at
        ink = look.word_metrics.tightBoundingRect(frame.word)
        ink.translate(at.x(), at.y() + look.word_metrics.ascent())
        corners = (ink.topLeft(), ink.topRight(), ink.bottomLeft(), ink.bottomRight())
        down = look.big - 2  # the outline is drawn on this radius (up and down)
        across = down * look.wide
        return all(
            ((c.x() - look.cx) / across) ** 2 + ((c.y() - look.cy) / down) ** 2 <= 1.0001
            for c in corners
        )

    def _look(self) -> _Look:
        look = self._look_cache
        if look is None:
            look = self._look_cache = self._make_look(self.devicePixelRatioF())
        return look

    def _make_look(self, ratio: float) -> _Look:
        side = min(self.width(), self.height()) - 4
        big = side / 2
        palette = colors(self.palette())
        window = self.palette().color(QPalette.ColorRole.Window)
        cx, cy = self.width() / 2, self.height() / 2
        word = QFont(self.font())
        word.setBold(True)
        word.setPixelSize(max(12, self._least_px, round(side * 0.15)))
        number = QFont(self.font())
        number.setPixelSize(max(self._least_px, round(side * 0.11)))
        metrics, count = QFontMetricsF(word), QFontMetricsF(number)
        across = max(_half_width(side, w(), metrics, count) for w in PHASE_WORDS.values())
        down = big - 2
        wide = max(1.0, min(across, self.width() / 2 - 3) / down) if down > 0 else 1.0
        backdrop = QPixmap(self.size() * ratio)
        backdrop.setDevicePixelRatio(ratio)
        backdrop.fill(window)
        painter = QPainter(backdrop)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.track, max(2.0, side * 0.01)))
        painter.drawEllipse(QPointF(cx, cy), down * wide, down)
        painter.end()
        return _Look(
            side=side,
            wide=wide,
            cx=cx,
            cy=cy,
            small=big * SMALLEST,
            big=big,
            ratio=ratio,
            backdrop=backdrop,
            word_pen=QPen(palette.text),
            number_pen=QPen(palette.muted),
            word_font=word,
            number_font=number,
            word_metrics=metrics,
            number_metrics=count,
            breath_rgb=_rgb(palette.breath),
            window_rgb=_rgb(window),
        )

    def type_pixels(self) -> dict[str, int]:
        """The pixel size of the word and of the count, as drawn."""
        look = self._look()
        return {"word": look.word_font.pixelSize(), "number": look.number_font.pixelSize()}

    def text_heights(self) -> dict[str, float]:
        """How tall the word and the count are drawn now (pixels, highest glyph to lowest)."""
        frame = self._shown
        if frame is None:
            return {"word": 0.0, "number": 0.0}
        look = self._look()
        return {
            "word": look.word_metrics.tightBoundingRect(frame.word).height(),
            "number": look.number_metrics.tightBoundingRect(frame.number).height(),
        }

    # -- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        look = self._look()
        if look.ratio != self.devicePixelRatioF():  # moved to another screen
            look = self._look_cache = self._make_look(self.devicePixelRatioF())
        p = QPainter(self)
        p.drawPixmap(0, 0, look.backdrop)  # clipped to what needs painting
        frame = self._shown
        if frame is not None:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setBrush(look.fill(frame.size))
            p.setPen(_NO_PEN)
            radius = look.radius(frame.size)
            p.drawEllipse(QPointF(look.cx, look.cy), radius * look.wide, radius)
            dirty = event.rect()
            left, top, right, bottom = dirty.left(), dirty.top(), dirty.right(), dirty.bottom()
            for text, word in ((frame.word, True), (frame.number, False)):
                shown = look.text(text, word=word)
                x0, y0, x1, y1 = shown.box
                if x0 <= right and left < x1 and y0 <= bottom and top < y1:
                    p.setFont(look.word_font if word else look.number_font)
                    p.setPen(look.word_pen if word else look.number_pen)
                    p.drawStaticText(shown.at, shown.static)
        p.end()


_NO_PEN = QPen(Qt.PenStyle.NoPen)
