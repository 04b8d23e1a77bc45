"""The row at the top of the player where the pause notice and the captions take turns.

Every cue said aloud also shows here, as a large caption, for :data:`CAPTION_SECONDS` (timed
on the one clock the player is given); while paused, the pause notice takes the row. The row
is always there, so neither of them moves the rest of the player.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QSizePolicy, QStackedLayout, QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.theme import colors

__all__ = ["CAPTION_SECONDS", "BannerRow"]

#: Seconds a spoken cue stays on screen as a caption.
CAPTION_SECONDS = 4.0


class BannerRow(QWidget):
    """The heading (the pause notice) while paused, else the latest caption or nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner_row")
        self.heading = FitLabel("heading", bold=True)
        # broken only where that shows it whole: a step's name too long by itself is
        # shortened on one line, not given a second line it still does not fit
        self.caption = FitLabel("cue_caption", bold=True, breaks=" · ", whole_pieces=True)
        self.caption.setAccessibleName(_("Cue"))
        self._paused = False
        self._caption_at = float("-inf")
        self._tone = "hold"
        self.caption.broken_changed.connect(self._keep_height)
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.caption)
        self._stack.addWidget(self.heading)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    @property
    def caption_text(self) -> str:
        """The caption on screen now ("" when none)."""
        return "" if self._paused else self.caption.text()

    def set_paused(self, paused: bool) -> None:
        """Show the heading (as the pause notice) while *paused*."""
        self._paused = paused
        self._show()

    def show_caption(self, text: str, tone: str, now: float) -> None:
        """Show *text* from *now* (a time on the player's clock) in the scheme's colour
        *tone*: a segment's kind ("hold", "rest"...) or "warning"."""
        self._caption_at = now
        self._tone = tone
        self.caption.set_text(text)
        self.recolor()
        self._show()

    def recolor(self) -> None:
        """Take the caption's colour from the palette again (the theme changed): a colour
        kept from the scheme it was shown in could be yellow on a light grey."""
        shades = colors(self.palette())
        tone = self._tone
        self.caption.set_color(shades.warning if tone == "warning" else shades.for_kind(tone))

    def expire(self, now: float) -> None:
        """Clear the caption once its time is up."""
        if self.caption.text() and now - self._caption_at >= CAPTION_SECONDS:
            self.caption.set_text("")

    def clear_caption(self) -> None:
        self.caption.set_text("")
        self._caption_at = float("-inf")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.recolor()

    def _show(self) -> None:
        shown = self.heading if self._paused else self.caption
        if self._stack.currentWidget() is not shown:
            self._stack.setCurrentWidget(shown)

    def rescale(self, unit: float, least: float) -> None:
        """Type sizes from the player's type *unit* (pixels), none below its caption size
        *least* (a longer heading is shortened, a longer caption broken); the row is as high
        as the taller of its two lines."""
        self.heading.set_max_pixels(unit * 1.8, least=least)
        self.caption.set_max_pixels(unit * 1.8, least=least)
        self.setFixedHeight(max(self.heading.height(), self.caption.height()))

    def reset_height(self) -> None:
        """A new session: the row as high as its lines are now (a caption's second line is
        no longer kept)."""
        self.setFixedHeight(max(self.heading.height(), self.caption.height()))

    def _keep_height(self, broken: bool) -> None:
        """A caption broke onto more lines: the row grows to hold it, and stays so (it does
        not shrink back when the next caption is short)."""
        if broken and self.caption.height() > self.height():
            self.setFixedHeight(self.caption.height())
