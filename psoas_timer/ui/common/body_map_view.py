"""The body map: front and back outlines (drawn to the figure rig's proportions) with the
places that can hurt, each shaded by its
score (0–10) and showing the number, so it reads without colour too.

Click a place (or move to it with the arrow keys or Tab) to select it; when the map is
editable, type its score (0–9, or 1 then 0 for 10; Delete clears it). The places and what
they mean are :mod:`psoas_timer.history.body_map`; this only draws them and reports what the
user picks.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.core.figure.anthropometry import (
    ANKLE_HEIGHT,
    FOREARM,
    HEAD_RADIUS,
    HIP_HALF_SPACING,
    LOWER_TRUNK,
    SHANK,
    SHOULDER_HALF_WIDTH,
    THIGH,
    UPPER_ARM,
    UPPER_TRUNK,
)
from psoas_timer.history.body_map import PLACES, Place
from psoas_timer.i18n import _, upper_first
from psoas_timer.ui.common.theme import colors, scaled_font

__all__ = ["BodyMapView", "outline"]

#: The figure's height in its own units (eight heads), and its half width with the arms.
FIGURE_HEIGHT = 8.0
FIGURE_HALF_WIDTH = 1.35


def _y(height: float) -> float:
    """A landmark *height* above the floor (a fraction of standing height, as the figure
    rig's anthropometry gives it) as the map's y, down from the top of the head."""
    return FIGURE_HEIGHT * (1.0 - height)


#: The landmarks the outline follows, from :mod:`psoas_timer.core.figure.anthropometry`
#: (Winter's segment lengths): chin, shoulder, waist, hip, knee and ankle heights.
_CHIN = _y(0.870)
_SHOULDER = _y(UPPER_TRUNK + LOWER_TRUNK + THIGH + SHANK + ANKLE_HEIGHT)
_WAIST = _y(LOWER_TRUNK + THIGH + SHANK + ANKLE_HEIGHT)
_HIP = _y(THIGH + SHANK + ANKLE_HEIGHT)
_KNEE = _y(SHANK + ANKLE_HEIGHT)
_ANKLE = _y(ANKLE_HEIGHT)
_SHOULDER_X = FIGURE_HEIGHT * (SHOULDER_HALF_WIDTH + 0.02)  # to the outside of the deltoid
_HIP_X = FIGURE_HEIGHT * (HIP_HALF_SPACING + 0.05)  # the joint plus the flesh beside it
_HEAD = FIGURE_HEIGHT * HEAD_RADIUS
_ARM_END = _SHOULDER + FIGURE_HEIGHT * (UPPER_ARM + FOREARM)
#: The right half of the outline (x ≥ 0), from the neck round to the crotch.
_BODY = (
    (0.2, _CHIN), (_SHOULDER_X - 0.1, _SHOULDER), (_SHOULDER_X, _SHOULDER + 0.25),
    (0.78, _SHOULDER + 0.75), (0.7, _WAIST - 0.4), (0.62, _WAIST),
    (0.78, (_WAIST + _HIP) / 2), (_HIP_X + 0.04, _HIP + 0.15), (0.86, _HIP + 0.8),
    (0.72, (_HIP + _KNEE) / 2 + 0.4), (0.56, _KNEE), (0.6, (_KNEE + _ANKLE) / 2 - 0.2),
    (0.42, _ANKLE - 0.05), (0.5, FIGURE_HEIGHT - 0.05), (0.14, FIGURE_HEIGHT - 0.05),
    (0.16, _ANKLE - 0.05), (0.16, (_KNEE + _ANKLE) / 2 - 0.2), (0.2, _KNEE),
    (0.12, (_HIP + _KNEE) / 2), (0.04, _HIP + 0.55),
)  # fmt: skip
_ARM = (
    (_SHOULDER_X - 0.1, _SHOULDER), (_SHOULDER_X + 0.25, _SHOULDER + 0.75),
    (_SHOULDER_X + 0.32, _ARM_END - 0.9), (_SHOULDER_X + 0.28, _ARM_END),
    (_SHOULDER_X + 0.08, _ARM_END), (_SHOULDER_X + 0.04, _ARM_END - 0.9),
    (_SHOULDER_X - 0.06, _SHOULDER + 0.95), (_SHOULDER_X, _SHOULDER + 0.25),
)  # fmt: skip


def outline() -> QPainterPath:
    """The outline of the body, in figure units (x from -1.35 to 1.35, y from 0 to 8)."""
    path = QPainterPath()
    path.addEllipse(QPointF(0, _CHIN / 2), _HEAD * 0.8, _CHIN / 2)
    body = [QPointF(x, y) for x, y in _BODY] + [QPointF(-x, y) for x, y in reversed(_BODY)]
    path.moveTo(body[0])
    for point in body[1:]:
        path.lineTo(point)
    path.closeSubpath()
    for sign in (1.0, -1.0):
        arm = [QPointF(sign * x, y) for x, y in _ARM]
        path.moveTo(arm[0])
        for point in arm[1:]:
            path.lineTo(point)
        path.closeSubpath()
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


class BodyMapView(QWidget):
    """Front and back, side by side. :meth:`set_scores` shades the places; *editable* lets
    the user type scores (:attr:`score_changed`)."""

    #: A place was selected (clicked or reached with the keys).
    place_selected = Signal(object)
    #: A score was typed for a place (None: cleared), when editable.
    score_changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None, *, editable: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("body_map")
        self.setAccessibleName(_("Body map"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 240)
        self.editable = editable
        self.scores: dict[str, int] = {}
        self.selected: Place | None = None
        self._typed = ""

    def sizeHint(self) -> QSize:
        return QSize(520, 420)

    # -- what it shows -----------------------------------------------------------------
    def set_scores(self, scores: dict[str, int]) -> None:
        """Each place's score by key (places left out are not rated)."""
        self.scores = dict(scores)
        self._describe()
        self.update()

    def select(self, place: Place | None) -> None:
        self.selected = place
        self._typed = ""
        self._describe()
        self.update()
        if place is not None:
            self.place_selected.emit(place)

    def _describe(self) -> None:
        place = self.selected
        if place is None:
            self.setAccessibleDescription(_("No place selected: use the arrow keys"))
            return
        score = self.scores.get(place.key)
        said = _("{score} of 10").format(score=score) if score is not None else _("not rated")
        text = _("{place}: {score}").format(place=upper_first(place.label), score=said)
        self.setAccessibleDescription(text)
        self.setToolTip(text)

    # -- geometry ----------------------------------------------------------------------
    def _frames(self) -> list[tuple[str, QRectF, float, float]]:
        """For front and back: the name, the figure's box, its scale and its middle x."""
        caption = self.fontMetrics().height() * 1.6
        width = self.width() / 2
        height = self.height() - caption
        scale = max(1.0, min(width / (2 * FIGURE_HALF_WIDTH + 0.6), height / (FIGURE_HEIGHT + 0.3)))
        frames = []
        for n, name in enumerate(("front", "back")):
            middle = width * n + width / 2
            box = QRectF(
                middle - FIGURE_HALF_WIDTH * scale, caption, 2 * FIGURE_HALF_WIDTH * scale,
                FIGURE_HEIGHT * scale,
            )  # fmt: skip
            frames.append((name, box, scale, middle))
        return frames

    def _ellipse(self, place: Place) -> QRectF:
        for name, box, scale, middle in self._frames():
            if name != place.view:
                continue
            # The front faces the viewer: the person's left is on the viewer's right.
            toward = 1.0 if (place.side == "left") == (place.view == "front") else -1.0
            centre = QPointF(middle + toward * place.x * scale, box.top() + place.y * scale)
            return QRectF(
                centre.x() - place.rx * scale, centre.y() - place.ry * scale,
                2 * place.rx * scale, 2 * place.ry * scale,
            )  # fmt: skip
        return QRectF()

    def place_at(self, point: QPointF) -> Place | None:
        """The place under *point* (the nearest centre when ellipses overlap)."""
        best: tuple[float, Place] | None = None
        for place in PLACES:
            rect = self._ellipse(place)
            dx = (point.x() - rect.center().x()) / max(1.0, rect.width() / 2)
            dy = (point.y() - rect.center().y()) / max(1.0, rect.height() / 2)
            distance = dx * dx + dy * dy
            if distance <= 1.0 and (best is None or distance < best[0]):
                best = (distance, place)
        return best[1] if best else None

    # -- drawing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        palette = colors(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(scaled_font(self.font(), 15, bold=True))
        for name, box, scale, middle in self._frames():
            painter.setPen(palette.text)
            painter.drawText(
                QRectF(middle - self.width() / 4, 0, self.width() / 2, box.top()),
                Qt.AlignmentFlag.AlignCenter,
                _("Front (facing you)") if name == "front" else _("Back"),
            )
            painter.save()
            painter.translate(middle, box.top())
            painter.scale(scale, scale)
            fill = QColor(palette.track)
            fill.setAlpha(45)
            painter.setBrush(fill)
            painter.setPen(QPen(palette.muted, 2.0 / scale))
            painter.drawPath(outline())
            painter.restore()
        number_font = scaled_font(self.font(), 13, bold=True)
        for place in PLACES:
            rect = self._ellipse(place)
            score = self.scores.get(place.key)
            colour = QColor(palette.warning)
            colour.setAlpha(40 + round(21 * score) if score is not None else 0)
            painter.setBrush(colour)
            selected = place == self.selected
            pen = QPen(palette.text if selected else palette.muted, 3.0 if selected else 1.0)
            if score is None and not selected:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawEllipse(rect)
            if score is not None:
                painter.setFont(number_font)
                painter.setPen(palette.text)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(score))
        if self.hasFocus() and self.selected is None:
            painter.setPen(QPen(palette.text, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    # -- the user ----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        place = self.place_at(event.position())
        if place is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.select(place)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.selected is None and event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
        ):
            self.select(PLACES[0])
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        order = list(PLACES)
        at = order.index(self.selected) if self.selected in order else -1
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.select(order[(at + 1) % len(order)])
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.select(order[(at - 1) % len(order)])
            return
        if self.editable and self.selected is not None:
            text = event.text()
            if text.isdigit():
                typed = self._typed + text if self._typed == "1" and text == "0" else text
                self._typed = typed
                self._set(self.selected, int(typed))
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._set(self.selected, None)
                return
        super().keyPressEvent(event)

    def _set(self, place: Place, score: int | None) -> None:
        if score is None:
            self.scores.pop(place.key, None)
        else:
            self.scores[place.key] = score
        self._describe()
        self.update()
        self.score_changed.emit(place, score)
