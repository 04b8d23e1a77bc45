"""A shape that breathes: it grows on the inhale, rests on holds and shrinks on the exhale.

Every frame is drawn from the engine's clock, not from counted ticks: the guide is told the
segment's elapsed time at a clock reading, and each frame works out where the breath is
now from the pattern. While a session runs, an animation wakes the guide exactly when the
drawing next changes: when the shape's edge has moved half a pixel (antialiasing shows
half pixels), or the count or the word changes. That is every frame of the screen's rate
(capped at :data:`FRAME_MS`) while the breath moves fast, fewer near its turns, and once a
second while it is held. Paused or hidden, nothing moves and nothing ticks.

A frame costs little: it repaints only the square around the shape (the widget paints its
own background, so nothing behind it is repainted); the still outline is a cached pixmap;
the word and the count are laid out once and drawn only when the paint touches them. The
shape is filled with an opaque colour (the translucent breath colour mixed over the
window's): Qt's raster engine blends translucent antialiased shapes on helper threads, and
waking them for every frame cost more than the drawing itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import (
    QEvent,
    QPauseAnimation,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
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

from psoas_timer.core.breathing import Pattern, Phase

from .theme import colors

__all__ = ["FRAME_MS", "MIN_STEP_PX", "BreathingGuide", "Frame", "over"]

#: The shape's radius with empty lungs, as a share of the full radius.
SMALLEST = 0.42
#: Extrapolate at most this far past the last word from the engine (if polls stall).
MAX_AHEAD = 0.3
#: Repaint the shape once its edge has moved this far (antialiasing shows half pixels).
MIN_STEP_PX = 0.5
#: The shortest time between two frames, in milliseconds (the screen's rate, 60 Hz).
FRAME_MS = 16
#: Pixels of antialiased edge around a circle's radius.
_EDGE = 2


class Frame(NamedTuple):
    """What the guide shows: how full the lungs are (0..1), the word and the count (in
    seconds left of the phase)."""

    size: float
    word: str
    number: str


def _count(phase: Phase) -> int:
    return max(1, math.ceil(phase.remaining - 1e-6))


def _frame(phase: Phase) -> Frame:
    return Frame(phase.size, phase.word, str(_count(phase)))


def over(color: QColor, alpha: float, background: QColor) -> QColor:
    """*color* at opacity *alpha* over an opaque *background*, as one opaque colour."""
    a = min(1.0, max(0.0, alpha))
    return QColor.fromRgbF(
        color.redF() * a + background.redF() * (1 - a),
        color.greenF() * a + background.greenF() * (1 - a),
        color.blueF() * a + background.blueF() * (1 - a),
    )


class BreathingGuide(QWidget):
    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._pattern: Pattern | None = None
        self._elapsed = 0.0
        self._synced_at = 0.0
        self._running = False
        self._shown: Frame | None = None  # on screen, or asked for with update()
        self._fonts: tuple[int, QFont, QFont, QFontMetricsF, QFontMetricsF] | None = None
        self._texts: dict[tuple[int, str], tuple[QStaticText, QRectF]] = {}
        self._geo: tuple[QPointF, float, float] | None = None
        self._track_cache: tuple[tuple[int, int, float], QPixmap] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(140, 140)
        self.setAccessibleName("Breathing guide")
        # Every paint fills its own background: nothing behind the guide is repainted.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # Waits until the drawing next changes; an animation, so that it runs on Qt's
        # animation clock with everything else that moves on screen.
        self._frames = QPauseAnimation(self)
        self._frames.finished.connect(self._on_frame)

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
        self._pattern = pattern
        self._elapsed = elapsed
        self._synced_at = self._clock()
        self._running = running and pattern is not None
        self._on_frame()

    def stop(self) -> None:
        self.follow(None, 0.0, running=False)

    def _time(self) -> float:
        """Seconds into the breathing now, by the clock."""
        t = self._elapsed
        if self._running:
            t += min(MAX_AHEAD, max(0.0, self._clock() - self._synced_at))
        return t

    def phase(self) -> Phase | None:
        """Where the breath is now, by the clock."""
        if self._pattern is None:
            return None
        return self._pattern.phase_at(self._time())

    def _on_frame(self) -> None:
        """Draw the breath as it is now, and wake again when that drawing next changes."""
        self._frames.stop()
        if self._pattern is None:
            self._show(None)
            return
        t = self._time()
        phase = self._pattern.phase_at(t)
        self._show(phase)
        if self._running and self.isVisible() and self._shown is not None:
            wait = self._until_change(t, phase, self._shown)
            self._frames.setDuration(max(FRAME_MS, math.ceil(wait * 1000) + 1))
            self._frames.start()

    def advance(self) -> None:
        """Bring the drawing up to the clock (what each frame does)."""
        self._show(self.phase())

    def _show(self, phase: Phase | None) -> None:
        """Draw *phase*, repainting only what visibly changes."""
        new = _frame(phase) if phase is not None else None
        old = self._shown
        if new == old:
            return
        if old is None or new is None or not self.isVisible():
            self._shown = new
            self.update()
            return
        center, small, big = self._geometry()
        before = small + (big - small) * old.size
        after = small + (big - small) * new.size
        dirty = QRect()
        if abs(after - before) >= MIN_STEP_PX:
            dirty = _square(center, max(before, after))
        else:
            new = new._replace(size=old.size)  # not a visible step yet: keep the drawn shape
        # One rectangle, never a region: a many-sided clip sends blending to helper threads.
        if new.word != old.word:
            dirty |= self._text(old.word, word=True)[1].toAlignedRect()
            dirty |= self._text(new.word, word=True)[1].toAlignedRect()
        if new.number != old.number:
            dirty |= self._text(old.number, word=False)[1].toAlignedRect()
            dirty |= self._text(new.number, word=False)[1].toAlignedRect()
        if dirty.isEmpty():
            return
        self._shown = new
        self.update(dirty.adjusted(-1, -1, 1, 1))

    # -- timing ------------------------------------------------------------------------
    def _until_change(self, t: float, phase: Phase, shown: Frame) -> float:
        """Seconds from breath time *t* (at *phase*) until the drawing differs from
        *shown*: the count's next turn (at 1, the phase's end), or sooner, the edge's next
        half-pixel step, at the speed the edge moves over the next frame."""
        assert self._pattern is not None
        turn = max(0.0, phase.remaining - (_count(phase) - 1))
        frame = FRAME_MS / 1000
        if turn <= frame:
            return turn
        _, small, big = self._geometry()
        size = phase.size
        to_go = MIN_STEP_PX / max(1.0, big - small) - abs(size - shown.size)
        if to_go <= 0:
            return 0.0
        speed = abs(self._pattern.phase_at(t + frame).size - size) / frame
        return turn if speed <= 0 else min(turn, to_go / speed)

    def hideEvent(self, event: object) -> None:
        self._frames.stop()

    def showEvent(self, event: object) -> None:
        phase = self.phase()
        self._shown = _frame(phase) if phase is not None else None  # shown whole, now
        self._on_frame()

    # -- geometry ----------------------------------------------------------------------
    def _side(self) -> int:
        return min(self.width(), self.height()) - 4

    def _geometry(self) -> tuple[QPointF, float, float]:
        """The centre, and the shape's radius with empty and with full lungs."""
        if self._geo is None:
            big = self._side() / 2
            self._geo = (QRectF(self.rect()).center(), big * SMALLEST, big)
        return self._geo

    def _text(self, text: str, *, word: bool) -> tuple[QStaticText, QRectF]:
        """*text* laid out once in the word's or the count's type, and where it goes:
        centred on its line (the word above the middle, the count below)."""
        side = self._side()
        key = (side, ("w:" if word else "c:") + text)
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) > 64 or any(k[0] != side for k in self._texts):
                self._texts.clear()
            font, metrics = self._type(side, word=word)
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=font)
            width, height = metrics.horizontalAdvance(text), metrics.height()
            center, _, _ = self._geometry()
            # The middle of the line the text was drawn centred in before.
            y = center.y() + (side * (-0.14 + 0.09) if word else side * (0.05 + 0.065))
            found = (static, QRectF(center.x() - width / 2, y - height / 2, width, height))
            self._texts[key] = found
        return found

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._geo = None
        self._texts.clear()

    # -- drawing -----------------------------------------------------------------------
    def _track(self, side: int, color: QColor) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (side, color.rgba(), ratio)
        if self._track_cache is None or self._track_cache[0] != key:
            pixmap = QPixmap(QSize(side + 4, side + 4) * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(color, max(2.0, side * 0.01)))
            middle = (side + 4) / 2
            painter.drawEllipse(QPointF(middle, middle), side / 2 - 2, side / 2 - 2)
            painter.end()
            self._track_cache = (key, pixmap)
        return self._track_cache[1]

    def _type(self, side: int, *, word: bool) -> tuple[QFont, QFontMetricsF]:
        if self._fonts is None or self._fonts[0] != side:
            bold = QFont(self.font())
            bold.setBold(True)
            bold.setPixelSize(max(12, round(side * 0.15)))
            count = QFont(self.font())
            count.setPixelSize(max(10, round(side * 0.11)))
            self._fonts = (side, bold, count, QFontMetricsF(bold), QFontMetricsF(count))
        _, bold, count, bold_metrics, count_metrics = self._fonts
        return (bold, bold_metrics) if word else (count, count_metrics)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fonts = None
            self._texts.clear()

    def paintEvent(self, event: QPaintEvent) -> None:
        dirty = event.rect()
        p = QPainter(self)
        window = self.palette().color(QPalette.ColorRole.Window)
        p.fillRect(dirty, window)
        frame = self._shown
        if frame is None:
            p.end()
            return
        palette = colors(self.palette())
        side = self._side()
        center, small, big = self._geometry()
        radius = small + (big - small) * frame.size
        half = (side + 4) / 2
        p.drawPixmap(
            round(center.x() - half), round(center.y() - half), self._track(side, palette.track)
        )
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(over(palette.breath, 0.45 + 0.25 * frame.size, window))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(center, radius, radius)
        for text, word, color in (
            (frame.word, True, palette.text),
            (frame.number, False, palette.muted),
        ):
            static, where = self._text(text, word=word)
            if dirty.intersects(where.toAlignedRect()):
                p.setFont(self._type(side, word=word)[0])
                p.setPen(color)
                p.drawStaticText(where.topLeft(), static)
        p.end()


def _square(center: QPointF, radius: float) -> QRect:
    """The pixels a circle of *radius* around *center* can touch, antialiasing included."""
    r = radius + _EDGE
    return QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r).toAlignedRect()
