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
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.core.breathing import Pattern, Phase

from .theme import colors

__all__ = ["BreathingGuide"]

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
        self.update()

    def hideEvent(self, event: object) -> None:
        self._frames.stop()

    def showEvent(self, event: object) -> None:
        if self._running:
            self._frames.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        phase = self.phase()
        if phase is None:
            return
        palette = colors(self.palette())
        side = min(self.width(), self.height()) - 4
        big = side / 2
        small = big * 0.42
        radius = small + (big - small) * phase.size
        center = QRectF(self.rect()).center()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        guide = QPen(palette.track, max(2.0, side * 0.01), Qt.PenStyle.DashLine)
        p.setPen(guide)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(center, big - 2, big - 2)
        fill = QColor(palette.breath)
        fill.setAlphaF(0.28 + 0.22 * phase.size)
        p.setBrush(fill)
        p.setPen(QPen(palette.breath, max(3.0, side * 0.015)))
        p.drawEllipse(center, radius, radius)
        word = QFont(self.font())
        word.setBold(True)
        word.setPixelSize(max(12, round(side * 0.15)))
        p.setFont(word)
        p.setPen(palette.text)
        box = QRectF(center.x() - big, center.y() - side * 0.14, 2 * big, side * 0.18)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, phase.word)
        count = QFont(self.font())
        count.setPixelSize(max(10, round(side * 0.11)))
        p.setFont(count)
        p.setPen(palette.muted)
        below = QRectF(center.x() - big, center.y() + side * 0.05, 2 * big, side * 0.13)
        p.drawText(
            below, Qt.AlignmentFlag.AlignCenter, str(max(1, math.ceil(phase.remaining - 1e-6)))
        )
        p.end()
