"""The exercise's figure, drawn live with QPainter and moving with the session.

The figure rig (:mod:`psoas_timer.core.figure`) decides what to draw at each moment; this
view only asks it and paints the answer in the window's colours (light, dark or high
contrast). Reps move between their key poses in step with the rep's phases, holds breathe
with the breathing guide, release drills pulse the target. Every frame is worked out from
the engine's clock (the segment's elapsed time at a clock reading), never from counted
ticks; paused, hidden or with motion turned off, nothing ticks.

A frame repaints the figure only, at most :data:`FRAME_MS` apart while a rep moves and
:data:`SLOW_FRAME_MS` apart while a pose breathes or pulses (slow changes), and only when
the drawing differs from the one shown: the countdown beside it keeps its own pace. Each
drawing is painted once into an image and kept (up to :data:`PIXMAP_BUDGET` bytes): a rep's
frames repeat every rep, so after the first one a frame costs one copy of pixels. The
drawings of a rep are made ahead, one every :data:`AHEAD_MS`, while nothing moves (the
get-ready countdown, a rest, a hold): the first rep then costs what the others do, and no
drawing waits for the event loop longer than one drawing, so the countdown's repaint is
never held up by more than that.

Memory: the kept frames are the view's only cache, bounded by :data:`PIXMAP_BUDGET` and
dropped when the figure, the size or the colours change. Each frame covers only the band
the figure is drawn in (not the whole view) and lives in a memory mapping of its own,
handed back to the system the moment the frame is dropped. Frames of a few hundred KB
made in the C heap left it fragmented: every figure with more frames than any before
raised the resident memory for good, which over a day of sessions read as a slow leak.
The figure's geometry (:meth:`Motion.scene_at`) is worked out only for a frame not kept.
"""

from __future__ import annotations

import functools
import mmap
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, cast

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.core.engine import Snapshot, State
from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import colors

if TYPE_CHECKING:  # the rig is imported when a step first has a figure, not at start
    from psoas_timer.core.figure.model import Figure
    from psoas_timer.core.figure.motion import Moment, Motion
    from psoas_timer.core.figure.scene import Path, Scene

__all__ = ["FRAME_MS", "SLOW_FRAME_MS", "FigureView", "role_colours"]

#: Milliseconds between frames while a rep moves (25 frames a second).
FRAME_MS = 40
#: Milliseconds between frames while a held pose breathes or a target pulses.
SLOW_FRAME_MS = 80
#: Bytes of drawn frames kept for reuse (the frames of a rep and of a breath): the most
#: the figure view holds, whatever the routine.
PIXMAP_BUDGET = 24 * 1024 * 1024
#: Extrapolate at most this far past the engine's last word (if polls stall).
MAX_AHEAD = 0.3
#: Milliseconds between drawings made ahead (one at a time, a few milliseconds each).
AHEAD_MS = 30


def _mix(front: QColor, amount: float, back: QColor) -> QColor:
    a = min(1.0, max(0.0, amount))
    return QColor(
        round(front.red() * a + back.red() * (1 - a)),
        round(front.green() * a + back.green() * (1 - a)),
        round(front.blue() * a + back.blue() * (1 - a)),
    )


def role_colours(palette: QPalette) -> dict[str, QColor]:
    """The colour of each role of a drawing (:data:`psoas_timer.core.figure.scene.ROLES`)
    on *palette*: the body a tint of the text colour over the window's, so it reads in
    light, dark and high-contrast themes alike."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    dark = window.lightness() < 128
    theme = colors(palette)
    body = QColor("#8fa3b3")
    return {
        "floor": _mix(text, 0.55, window),
        "mat": _mix(QColor("#26a69a"), 0.45, window),
        "far": _mix(body, 0.75 if not dark else 0.55, window),
        "skin": _mix(body, 0.25 if not dark else 0.85, window),
        "hair": _mix(QColor("#5d4037") if not dark else text, 0.9 if not dark else 0.55, window),
        "line": _mix(text, 0.9, window),
        "joint": _mix(text, 0.9, window),
        "bone": _mix(QColor("#a1663f"), 0.9, window),
        "target": theme.work,
        "prop": _mix(QColor("#fafafa"), 0.9, window),
        "prop_dark": _mix(QColor("#78909c"), 0.9, window),
        "ball": QColor("#d32f2f"),
        "wood": _mix(QColor("#a1887f"), 0.85, window),
        "metal": _mix(QColor("#9e9e9e"), 0.9, window),
        "heat": QColor("#ef6c00"),
        "ice": QColor("#0288d1") if not dark else QColor("#4fc3f7"),
        "cushion": _mix(QColor("#ba68c8"), 0.8, window),
        "towel": _mix(QColor("#f0d78c"), 0.85, window),
        "sign": theme.rest,
        "ghost": _mix(text, 0.2, window),
    }


def _motion(figure: Figure, *, release: bool) -> Motion:
    from psoas_timer.core.figure.motion import Motion

    return Motion(figure, release=release, tight=True)


_XY = tuple[float, float]


def qpath(path: Path, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0) -> QPainterPath:
    """*path* as a QPainterPath in pixels: figure units times *scale*, y turned down,
    then moved by (*dx*, *dy*). (Scaling the painter instead makes Qt's stroker work in
    tiny units, many times slower.) Each point goes straight to Qt as numbers: a drawing
    not seen before is made of a few hundred of them, and a QPointF apiece cost as much as
    Qt's drawing of them."""
    out = QPainterPath()
    for command in path.commands:
        op = command[0]
        if op == "C":
            (x1, y1), (x2, y2), (x3, y3) = cast("tuple[_XY, _XY, _XY]", command[1:4])
            out.cubicTo(
                x1 * scale + dx,
                dy - y1 * scale,
                x2 * scale + dx,
                dy - y2 * scale,
                x3 * scale + dx,
                dy - y3 * scale,
            )
        elif op == "L":
            x, y = cast("_XY", command[1])
            out.lineTo(x * scale + dx, dy - y * scale)
        elif op == "M":
            x, y = cast("_XY", command[1])
            out.moveTo(x * scale + dx, dy - y * scale)
        elif op == "Z":
            out.closeSubpath()
    return out


def fitted(scene: Scene, rect: QRectF) -> tuple[float, float, float]:
    """Where *scene* goes in *rect*, keeping its shape: its scale and its top-left corner."""
    frame = scene.frame
    scale = min(rect.width() / frame.width, rect.height() / frame.height)
    ox = rect.x() + (rect.width() - frame.width * scale) / 2
    oy = rect.y() + (rect.height() - frame.height * scale) / 2
    return scale, ox, oy


def paint_scene(p: QPainter, scene: Scene, rect: QRectF, roles: dict[str, QColor]) -> None:
    """Paint *scene* to fit *rect*, keeping its shape, in the colours of *roles*."""
    frame = scene.frame
    scale, ox, oy = fitted(scene, rect)
    dx, dy = ox - frame.left * scale, oy + frame.top * scale
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setClipRect(rect)
    for shape in scene.shapes:
        path = qpath(shape.path, scale, dx, dy)
        if shape.fill:
            colour = QColor(roles[shape.fill])
            if shape.alpha < 1:
                colour.setAlphaF(shape.alpha)
            if shape.gradient:
                box = path.boundingRect()
                centre = QPointF(box.left() + box.width() * 0.35, box.top() + box.height() * 0.3)
                gradient = QRadialGradient(centre, box.width() * 0.75)
                gradient.setColorAt(0.0, _mix(QColor("white"), 0.55, colour))
                gradient.setColorAt(0.6, colour)
                gradient.setColorAt(1.0, colour.darker(130))
                p.setBrush(QBrush(gradient))
            else:
                p.setBrush(colour)
        else:
            p.setBrush(Qt.BrushStyle.NoBrush)
        if shape.stroke:
            line = QColor(roles[shape.stroke])
            if shape.alpha < 1:
                line.setAlphaF(shape.alpha)
            pen = QPen(line, max(1.0, shape.width * scale))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if shape.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
        else:
            p.setPen(Qt.PenStyle.NoPen)
        p.drawPath(path)
    p.restore()
    for label in scene.labels:
        x = ox + (label.at[0] - frame.left) * scale
        y = oy + (frame.top - label.at[1]) * scale
        size = max(6.0, label.size * scale)
        font = QFont(p.font())
        font.setPixelSize(round(size))
        font.setBold(True)
        p.setFont(font)
        p.setPen(roles[label.role])
        box = QRectF(x - size * 2, y - size * 0.6, size * 4, size * 1.2)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, label.text)


class _Frame(NamedTuple):
    """A drawing painted once: the image, where it goes in the view, and the memory it is
    painted in (a mapping of its own, handed back to the system when the frame goes)."""

    image: QImage
    at: QPointF
    memory: mmap.mmap


def _blank_frame(width: int, height: int) -> tuple[QImage, mmap.mmap]:
    """An image of *width* x *height* pixels in an anonymous mapping of its own; opaque,
    as the window's colour is painted under the figure (so it is copied to the screen
    without blending, as the QPixmap it replaces was)."""
    memory = mmap.mmap(-1, max(1, width * height * 4))
    image = QImage(memoryview(memory), width, height, QImage.Format.Format_RGB32)
    return image, memory


class FigureView(QWidget):
    """The figure of the step being done; hidden for a step without one."""

    def __init__(self, clock: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figure")
        self.setAccessibleName(_("Exercise figure"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 90)
        # It paints every pixel (the window's colour under the figure): nothing behind it
        # is repainted with it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._clock = clock
        self._figure: Figure | None = None
        self._motion: Motion | None = None
        self._moving = True
        self._roles: dict[str, QColor] | None = None
        self._kind = "prepare"
        self._phase: str | None = None
        self._elapsed = 0.0
        self._duration = 0.0
        self._synced_at = 0.0
        self._running = False
        self._pattern: object | None = None
        self._breath_start = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._painted_key: object = None
        self._pixmaps: dict[object, _Frame] = {}
        #: Bytes of the frames kept (at most PIXMAP_BUDGET).
        self._pixmap_bytes = 0
        #: Drawings of a rep still to make ahead of it, and the timer that makes them.
        self._pending: list[tuple[int, int, int]] = []
        self._ahead = QTimer(self)
        self._ahead.setInterval(AHEAD_MS)
        self._ahead.timeout.connect(self._draw_ahead)
        #: Frames painted, drawings made (each painted into a pixmap) and of those the
        #: ones made ahead (for the benchmark and tests).
        self.frames = 0
        self.drawings = 0
        self.drawn_ahead = 0

    def sizeHint(self) -> QSize:
        return QSize(320, 240)

    # -- what to show ------------------------------------------------------------------
    def set_figure(self, figure: Figure | None, *, release: bool = False) -> bool:
        """Show *figure* (a release drill's target pulses); returns whether there is one."""
        if figure is not self._figure:
            self._figure = figure
            self._forget()
            self._motion = _motion(figure, release=release) if figure is not None else None
            self._plan_ahead()
            self.update()
        elif self._motion is not None:
            self._motion.release = release
        self._retime()
        return self._motion is not None

    def set_motion(self, on: bool) -> None:
        """Move with the session, or show still key poses (the motion setting)."""
        self._moving = on
        self._plan_ahead()
        self._retime()
        self.update()

    @property
    def motion(self) -> bool:
        return self._moving

    def follow(self, snap: Snapshot) -> None:
        """Sync to the engine's *snap* (its segment's elapsed time, now on the clock)."""
        seg = snap.segment
        self._kind = str(seg.kind)
        self._phase = seg.phase
        self._elapsed = snap.elapsed
        self._duration = snap.duration
        self._synced_at = self._clock()
        self._running = snap.state is State.RUNNING
        self._pattern = seg.breathing if snap.phase is not None else None
        self._breath_start = seg.breath_start
        self._retime()

    def stop(self) -> None:
        self._running = False
        self._retime()

    # -- time --------------------------------------------------------------------------
    def moment(self) -> Moment:
        """Where the session is now, as the figure needs it."""
        t = self._elapsed
        if self._running:
            t += min(MAX_AHEAD, max(0.0, self._clock() - self._synced_at))
        fraction = t / self._duration if self._duration > 0 else 1.0
        breath = None
        pattern = self._pattern
        if pattern is not None:
            breath = pattern.phase_at(self._breath_start + t).size  # type: ignore[attr-defined]
        from psoas_timer.core.figure.motion import Moment

        return Moment(self._kind, self._phase, fraction, t, breath)

    def _interval(self) -> int | None:
        """Milliseconds between frames now (None: nothing moves)."""
        motion = self._motion
        if motion is None or not self._moving or not self._running or not self.isVisible():
            return None
        if self._kind == "rep" and motion.moves:
            return FRAME_MS if self._phase != "hold" else None
        if self._kind in ("hold", "open", "breathe"):
            return SLOW_FRAME_MS
        return None

    def _retime(self) -> None:
        interval = self._interval()
        if interval is None:
            if self._timer.isActive():
                self._timer.stop()
                self.update()
        else:
            if self._timer.interval() != interval:
                self._timer.setInterval(interval)
            if not self._timer.isActive():
                self._timer.start()
        self._retime_ahead()

    # -- drawing ahead -----------------------------------------------------------------
    def _plan_ahead(self) -> None:
        """List the drawings of a rep to make ahead (none if motion is off)."""
        motion = self._motion
        self._pending = motion.rep_keys() if motion is not None and self._moving else []
        self._retime_ahead()

    def _retime_ahead(self) -> None:
        """Make drawings ahead only while visible and not moving at a rep's frame rate
        (then each frame draws what it needs itself)."""
        idle = not (self._timer.isActive() and self._timer.interval() == FRAME_MS)
        if self._pending and idle and self.isVisible() and self.width() > 0:
            if not self._ahead.isActive():
                self._ahead.start()
        elif self._ahead.isActive():
            self._ahead.stop()

    def _draw_ahead(self) -> None:
        """Make one pending drawing (a few milliseconds), then give the event loop back."""
        motion = self._motion
        while self._pending and motion is not None:
            key = self._pending.pop(0)
            if key in self._pixmaps:
                continue
            if self._pixmap_bytes + self._pixmap_size() > PIXMAP_BUDGET:
                self._pending.clear()  # no room to keep more: drawn when needed
                break
            self._frame(key, functools.partial(motion.scene_at, key))
            self.drawn_ahead += 1
            break
        if not self._pending:
            self._ahead.stop()

    @property
    def drawing_ahead(self) -> bool:
        """Whether drawings of a rep are still to be made ahead."""
        return bool(self._pending)

    def _pixmap_size(self) -> int:
        """The most a frame takes at this size (the whole view; a frame holds its band)."""
        ratio = self.devicePixelRatioF()
        return round(self.width() * ratio) * round(self.height() * ratio) * 4

    def _tick(self) -> None:
        """A frame: repaint only when the drawing differs from the one shown."""
        motion = self._motion
        if motion is not None and motion.key(self.moment()) != self._painted_key:
            self.update()

    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    # -- drawing -----------------------------------------------------------------------
    def scene(self) -> Scene | None:
        """The drawing for now (or None without a figure)."""
        motion = self._motion
        if motion is None:
            return None
        moment = self.moment()
        return motion.scene(moment) if self._moving else motion.still(moment)

    def _forget(self) -> None:
        self._pixmaps.clear()
        self._pixmap_bytes = 0
        self._painted_key = None

    def _frame(self, key: object, make: Callable[[], Scene]) -> _Frame:
        """The drawing known by *key* painted at this size: kept, or made from *make*'s
        scene (and kept while the budget allows)."""
        found = self._pixmaps.get(key)
        if found is not None:
            return found
        scene = make()
        if self._roles is None:
            self._roles = role_colours(self.palette())
        view = QRectF(self.rect())
        scale, _left, oy = fitted(scene, view)
        # Only the band the figure is drawn in: its frame's height (a pixel more each side
        # for antialiasing) across the whole width (the floor runs from side to side); the
        # view's colour above and below it is filled as it is painted.
        top = max(0.0, float(int(oy) - 1))
        bottom = min(view.height(), oy + scene.frame.height * scale + 2)
        box = QRectF(0.0, top, view.width(), max(1.0, bottom - top)).toAlignedRect()
        ratio = self.devicePixelRatioF()
        width, height = max(1, round(box.width() * ratio)), max(1, round(box.height() * ratio))
        image, memory = _blank_frame(width, height)
        image.setDevicePixelRatio(ratio)
        image.fill(self.palette().color(QPalette.ColorRole.Window))
        self.drawings += 1
        p = QPainter(image)
        p.translate(-box.x(), -box.y())
        paint_scene(p, scene, view, self._roles)
        p.end()
        frame = _Frame(image, QPointF(box.topLeft()), memory)
        size = width * height * 4
        if self._pixmap_bytes + size <= PIXMAP_BUDGET:
            self._pixmaps[key] = frame
            self._pixmap_bytes += size
        return frame

    def paintEvent(self, event: QPaintEvent) -> None:
        motion = self._motion
        p = QPainter(self)
        window = self.palette().color(QPalette.ColorRole.Window)
        if motion is None:
            p.fillRect(self.rect(), window)
            return
        moment = self.moment()
        if self._moving:
            key: object = motion.key(moment)
            frame = self._frame(key, lambda: motion.scene(moment))
        else:
            key = ("still", motion.progress(moment) >= 0.5)
            frame = self._frame(key, lambda: motion.still(moment))
        self._painted_key = key
        band = QRectF(frame.at, frame.image.deviceIndependentSize())
        width, height = float(self.width()), float(self.height())
        p.fillRect(QRectF(0.0, 0.0, width, band.top()), window)  # above the figure's band
        p.fillRect(QRectF(0.0, band.bottom(), width, height - band.bottom()), window)  # below
        p.drawImage(frame.at, frame.image)
        p.end()
        self.frames += 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._forget()
        self._plan_ahead()  # the drawings kept were for the old size
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._roles = None
            self._forget()
            self._plan_ahead()
            self.update()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        self._retime()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()
        self._ahead.stop()
