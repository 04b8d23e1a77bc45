"""Colours and type that follow the system's light or dark scheme and scale with the window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

__all__ = ["Colors", "colors", "is_dark", "scaled_font", "set_pixel_size"]


@dataclass(frozen=True)
class Colors:
    """Colours for the player, chosen to read from across a room in either scheme."""

    text: QColor
    muted: QColor
    track: QColor
    work: QColor
    rest: QColor
    prepare: QColor
    open_hold: QColor
    breath: QColor
    warning: QColor
    done: QColor

    def for_kind(self, kind: str) -> QColor:
        return {
            "prepare": self.prepare,
            "rest": self.rest,
            "switch": self.prepare,
            "open": self.open_hold,
            "breathe": self.breath,
        }.get(kind, self.work)


def is_dark(palette: QPalette) -> bool:
    """Whether the scheme is dark: the system's word where it has one, else the palette's."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


_cache: dict[int, Colors] = {}


def colors(palette: QPalette) -> Colors:
    """The player's colours for *palette* (cached per palette)."""
    key = palette.cacheKey()
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 32:
            _cache.clear()
        found = _cache[key] = _colors(palette)
    return found


def _colors(palette: QPalette) -> Colors:
    text = palette.color(QPalette.ColorRole.WindowText)
    muted = QColor(text)
    muted.setAlphaF(0.62)
    track = QColor(text)
    track.setAlphaF(0.12)
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        return Colors(
            text,
            muted,
            track,
            work=QColor("#ff8a65"),
            rest=QColor("#4fc3f7"),
            prepare=QColor("#ffd54f"),
            open_hold=QColor("#ce93d8"),
            breath=QColor("#80deea"),
            warning=QColor("#ffb74d"),
            done=QColor("#81c784"),
        )
    return Colors(
        text,
        muted,
        track,
        work=QColor("#d84315"),
        rest=QColor("#0277bd"),
        prepare=QColor("#b26a00"),
        open_hold=QColor("#7b1fa2"),
        breath=QColor("#00838f"),
        warning=QColor("#a65d00"),
        done=QColor("#2e7d32"),
    )


def scaled_font(base: QFont, pixels: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(9, round(pixels)))
    font.setBold(bold)
    return font


def set_pixel_size(widget: QWidget, pixels: float, *, bold: bool = False) -> None:
    """Give *widget* a font *pixels* high, only when it changes (no needless relayout)."""
    size = max(9, round(pixels))
    font = widget.font()
    if font.pixelSize() == size and font.bold() == bold:
        return
    widget.setFont(scaled_font(font, size, bold=bold))
