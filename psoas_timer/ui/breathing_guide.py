"""A shape that breathes: it grows on the inhale, rests on holds and shrinks on the exhale.

Every frame is drawn from the engine's clock, not from counted ticks: the guide is told the
segment's elapsed time at a clock reading, and each paint works out where the breath is
now from the pattern. An animation only asks for frames at the screen's rate while a
session runs; paused or hidden, nothing moves and nothing ticks.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.core.breathing import Pattern, Phase

from .theme import colors

__all__ = ["BreathingGuide"]

#: The shape's radius with empty lungs, as a share of the full radius.
SMALLEST = 0.42
#: Extrapolate at most this far past the last word from the engine (if polls stall).
MAX_AHEAD = 0.3


class BreathingGuide(QWidget):
    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._pattern: Pattern | None = None
        self._elapsed = 0.0
        self._synced_at = 0.0
        self._running = False
        self._painted: tuple[object, ...] = ()
        self._fonts: tuple[int, QFont, QFont] | None = None
        self._track_cache: tuple[tuple[int, int], QPixmap] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(140, 140)
        self.setAccessibleName("Breathing guide")
        self._frames = QVariantAnimation(self)
        self._frames.setStartValue(0.0)
        self._frames.setEndValue(1.0)
        self._frames.setDuration(1000)
        self._frames.setLoopCount(-1)
        self._frames.valueChanged.connect(self._on_frame)

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    @property
    def animating(self) -> bool:
        return self._frames.state() == QVariantAnimation.State.Running

    def follow(self, pattern: Pattern | None, elapsed: float, *, running: bool) -> None:
        """Sync to the engine: *elapsed* seconds into the segment, now (on the clock)."""
        self._pattern = pattern
        self._elapsed = elapsed
        self._synced_at = self._clock()
        self._running = running and pattern is not None
        should_run = self._running and self.isVisible()
        if should_run and not self.animating:
            self._frames.start()
        elif not should_run and self.animating:
            self._frames.stop()
        if not self.animating:
            self.update()

    def stop(self) -> None:
        self.follow(None, 0.0, running=False)

    def phase(self) -> Phase | None:
        """Where the breath is now, by the clock."""
        if self._pattern is None:
            return None
        t = self._elapsed
        if self._running:
            t += min(MAX_AHEAD, max(0.0, self._clock() - self._synced_at))
        return self._pattern.phase_at(t)

    def _on_frame(self, _value: object) -> None:
        # Ask for a paint only when the drawing would change: a growing shape moves a pixel
        # every frame or two; a held breath does not move at all.
        key = self._frame_key(self.phase())
        if key != self._painted:
            self.update()

    def _frame_key(self, phase: Phase | None) -> tuple[object, ...]:
        if phase is None:
            return ()
        travel = (min(self.width(), self.height()) - 4) / 2 * (1 - SMALLEST)
        steps = round(travel * phase.size)  # whole pixels of the radius
        return (phase.name, steps, math.ceil(phase.remaining - 1e-6))

    def hideEvent(self, event: object) -> None:
        self._frames.stop()

    def showEvent(self, event: object) -> None:
        if self._running:
            self._frames.start()

    def _track(self, side: int, color: QColor) -> QPixmap:
        key = (side, color.rgba())
        if self._track_cache is None or self._track_cache[0] != key:
            pixmap = QPixmap(side + 4, side + 4)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(color, max(2.0, side * 0.01)))
            painter.drawEllipse(QRectF(pixmap.rect()).center(), side / 2 - 2, side / 2 - 2)
            painter.end()
            self._track_cache = (key, pixmap)
        return self._track_cache[1]

    def _fonts_for(self, side: int) -> tuple[QFont, QFont]:
        if self._fonts is None or self._fonts[0] != side:
            word = QFont(self.font())
            word.setBold(True)
            word.setPixelSize(max(12, round(side * 0.15)))
            count = QFont(self.font())
            count.setPixelSize(max(10, round(side * 0.11)))
            self._fonts = (side, word, count)
        return self._fonts[1], self._fonts[2]

    def paintEvent(self, event: QPaintEvent) -> None:
        phase = self.phase()
        self._painted = self._frame_key(phase)
        if phase is None:
            return
        palette = colors(self.palette())
        side = min(self.width(), self.height()) - 4
        big = side / 2
        small = big * SMALLEST
        radius = small + (big - small) * phase.size
        center = QRectF(self.rect()).center()
        p = QPainter(self)
        # Antialiased circles cost most of a frame: the still outline is drawn once into a
        # pixmap, and the moving shape is one filled circle with no outline.
        track = self._track(side, palette.track)
        p.drawPixmap(
            round(center.x() - track.width() / 2), round(center.y() - track.height() / 2), track
        )
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(palette.breath)
        fill.setAlphaF(0.45 + 0.25 * phase.size)
        p.setBrush(fill)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(center, radius, radius)
        word, count = self._fonts_for(side)
        p.setFont(word)
        p.setPen(palette.text)
        box = QRectF(center.x() - big, center.y() - side * 0.14, 2 * big, side * 0.18)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, phase.word)
        p.setFont(count)
        p.setPen(palette.muted)
        below = QRectF(center.x() - big, center.y() + side * 0.05, 2 * big, side * 0.13)
        p.drawText(
            below, Qt.AlignmentFlag.AlignCenter, str(max(1, math.ceil(phase.remaining - 1e-6)))
        )
        p.end()
