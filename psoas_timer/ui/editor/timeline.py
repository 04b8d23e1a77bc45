"""A strip showing the plan: every prepare, hold, rest and switch in proportion to its time."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from psoas_timer.core.duration import format_clock
from psoas_timer.core.plan import Plan
from psoas_timer.i18n import _, ngettext
from psoas_timer.ui.common.theme import colors

__all__ = ["TimelineView"]


class TimelineView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: Plan | None = None
        self.setAccessibleName(_("Plan timeline"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(28)

    def sizeHint(self) -> QSize:
        return QSize(400, 28)

    def set_plan(self, plan: Plan | None) -> None:
        self._plan = plan
        if plan is None:
            self.setToolTip(_("Fix the problems below to see the plan"))
            self.setAccessibleDescription(_("No plan: the routine has problems"))
        else:
            work = sum(s.duration for s in plan.segments if s.is_work)
            parts = len(plan.segments)
            text = ngettext(
                "{count} part, {total} in all, {work} of it working",
                "{count} parts, {total} in all, {work} of it working",
                parts,
            ).format(count=parts, total=format_clock(plan.total), work=format_clock(work))
            self.setToolTip(text)
            self.setAccessibleDescription(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = colors(self.palette())
        rect = QRectF(self.rect()).adjusted(1, 4, -1, -4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.track)
        painter.drawRoundedRect(rect, 4, 4)
        plan = self._plan
        if plan is None or plan.total <= 0:
            return
        scale = rect.width() / plan.total
        for segment in plan.segments:
            x = rect.left() + segment.start * scale
            width = max(1.0, segment.duration * scale - 1)
            painter.setBrush(palette.for_kind(segment.kind))
            painter.drawRect(QRectF(x, rect.top(), width, rect.height()))
