"""A one-line label whose type is as large as asked, or smaller so the line fits, but never
smaller than its least size: a line still too long there is shortened with "…", the whole
of it in the tooltip and to a screen reader. Given *breaks* (a separator such as " · "), a
line too long at its least size is broken there onto more lines instead, each whole (the
label grows to hold them); only a piece too long by itself is shortened (with *whole_pieces*,
such a line is not broken at all: one line, shortened)."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from psoas_timer.i18n import N_, _

__all__ = ["FitLabel"]

#: What a screen reader calls each label, by its object name.
_ACCESSIBLE = {
    # Translators: a screen reader's name for the line of an open hold's times ("min 0:30 ·
    # target 1:30 · max 3:00")
    "open_marks": N_("Open hold times"),
    # Translators: a screen reader's name for the question an open hold asks at its target
    # ("Has it softened?"; not the weekly check-in)
    "check_in_question": N_("Open hold question"),
    # Translators: a screen reader's name for the keys under that question ("Enter releases
    # · + holds 15 s more")
    "check_in_hint": N_("Open hold question keys"),
    "sound_notice_text": N_("Sound notice text"),
    "step_name": N_("Step name"),
    "where": N_("Where"),
    "next_up": N_("Next up"),
    "heading": N_("Heading"),
    "cue_caption": N_("Cue caption"),
}


class FitLabel(QLabel):
    #: The line was broken onto more lines (True), or fits on one again (False).
    broken_changed = Signal(bool)

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        bold: bool = False,
        breaks: str | None = None,
        whole_pieces: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        said = _ACCESSIBLE.get(name)
        self.setAccessibleName(_(said) if said else name.replace("_", " ").capitalize())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._bold = bold
        self._max_px = 16
        self._least_px = 9
        self._elided = False
        self._color: QColor | None = None
        self._breaks = breaks
        #: Break only where every piece then fits whole (else one line, shortened).
        self._whole_pieces = whole_pieces
        #: The lines drawn when the text is broken at *breaks* (empty: one line).
        self._lines: tuple[str, ...] = ()
        self._one_line = 16

    def set_max_pixels(self, pixels: float, *, least: float | None = None) -> None:
        """Type *pixels* high where the line fits; down to *least* (9 if None) where it
        does not, and shortened below that."""
        self._max_px = max(9, round(pixels))
        self._least_px = min(self._max_px, max(9, round(least or 9)))
        font = self.font()
        font.setBold(self._bold)
        font.setPixelSize(self._max_px)
        self._one_line = math.ceil(QFontMetricsF(font).height())
        self.setFixedHeight(self._one_line * max(1, len(self._lines)))
        self._fit()

    @property
    def least_pixels(self) -> int:
        """The smallest type the line shrinks to before it is shortened."""
        return self._least_px

    @property
    def elided(self) -> bool:
        """Whether the line is shortened ("…") because even its least type is too wide."""
        return self._elided

    @property
    def broken(self) -> bool:
        """Whether the line is drawn broken onto more lines (see *breaks*)."""
        return len(self._lines) > 1

    def set_color(self, color: QColor | None) -> None:
        """Draw the text in *color* (None: the palette's own)."""
        if color == self._color:
            return
        self._color = color
        palette = QPalette(self.palette())
        if color is not None:
            palette.setColor(QPalette.ColorRole.WindowText, color)
            self.setPalette(palette)
        else:
            self.setPalette(QPalette())

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
            self.setAccessibleDescription(text)
            self._fit()

    def _line_height(self) -> int:
        return self.minimumHeight() or math.ceil(self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        return QSize(100, self._line_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(10, self._line_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        font = self.font()
        font.setBold(self._bold)
        font.setPixelSize(self._max_px)
        width = QFontMetricsF(font).horizontalAdvance(self.text()) + 2
        available = max(1, self.width())
        if width > available:
            font.setPixelSize(max(self._least_px, math.floor(self._max_px * available / width)))
        metrics = QFontMetricsF(font)
        elided = metrics.horizontalAdvance(self.text()) + 2 > available
        # Broken only where it shows: a hidden label's width is not yet the one it gets.
        lines = self._broken_lines(metrics, available) if elided and self.isVisible() else ()
        if lines:
            cut = any(metrics.horizontalAdvance(line) + 2 > available for line in lines)
            if cut and self._whole_pieces:
                lines = ()  # a second line would still leave a piece cut: one line
            else:
                elided = cut
        if lines != self._lines:
            was = self.broken
            self._lines = lines
            self.setFixedHeight(self._one_line * max(1, len(lines)))
            self.update()
            if self.broken != was:
                self.broken_changed.emit(self.broken)
        if font != self.font():
            self.setFont(font)
        if elided != self._elided:
            self._elided = elided
            self.setToolTip(self.text() if elided else "")
            self.update()
        elif elided and self.toolTip() != self.text():
            self.setToolTip(self.text())

    def _broken_lines(self, metrics: QFontMetricsF, available: int) -> tuple[str, ...]:
        """The text broken at the separator into as few lines as fit *available* pixels
        (a piece too long by itself keeps a line of its own); () without a separator."""
        if not self._breaks or self._breaks not in self.text():
            return ()
        lines: list[str] = []
        for piece in self.text().split(self._breaks):
            joined = f"{lines[-1]}{self._breaks}{piece}" if lines else piece
            if lines and metrics.horizontalAdvance(joined) + 2 <= available:
                lines[-1] = joined
            else:
                lines.append(piece)
        return tuple(lines) if len(lines) > 1 else ()

    def shown_text(self) -> str:
        """The text as drawn: whole, broken onto lines (one "\n" between each), or
        shortened with "…" to the label's width."""
        lines = self._lines or (self.text(),)
        if not self._elided:
            return "\n".join(lines)
        width = max(0, self.contentsRect().width() - 2)
        metrics = self.fontMetrics()
        return "\n".join(
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._elided and not self._lines:
            super().paintEvent(event)
            return
        p = QPainter(self)
        rect = self.contentsRect()
        lines = self.shown_text().split("\n")
        high = rect.height() / len(lines)
        for n, line in enumerate(lines):
            self.style().drawItemText(
                p,
                QRect(rect.left(), round(rect.top() + n * high), rect.width(), round(high)),
                int(self.alignment()),
                self.palette(),
                self.isEnabled(),
                line,
                self.foregroundRole(),
            )
        p.end()
