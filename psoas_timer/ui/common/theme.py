"""Colours and type that follow the system's light or dark scheme (or the one the user chose:
:func:`apply_theme`) and scale with the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

__all__ = [
    "DISABLED_HIGH_CONTRAST",
    "THEMES",
    "Colors",
    "apply_theme",
    "colors",
    "contrast",
    "dark_palette",
    "edge_color",
    "follow_palette",
    "high_contrast",
    "high_contrast_palette",
    "is_dark",
    "light_palette",
    "scaled_font",
    "set_high_contrast",
    "set_pixel_size",
    "set_style_sheet",
    "set_text_color",
]

#: The theme choices: follow the system, or always light, or always dark.
THEMES = ("system", "light", "dark")
_chosen = "system"


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


_high_contrast = False
_saved_palette: QPalette | None = None

#: Disabled text and icons in high contrast: 6.3:1 on black, so a disabled control is still
#: seen, and 3.4:1 darker than the white of an enabled one, so it plainly looks disabled (the
#: grey it had, 10.6:1 on black, was only 2:1 from white: disabled buttons looked enabled).
DISABLED_HIGH_CONTRAST = "#8c8c8c"


def high_contrast() -> bool:
    """Whether the high-contrast theme is on."""
    return _high_contrast


def high_contrast_palette() -> QPalette:
    """White on black, yellow for what is selected: every pair well above 7:1."""
    palette = QPalette()
    roles, groups = QPalette.ColorRole, QPalette.ColorGroup
    black, white, grey = QColor("#000000"), QColor("#ffffff"), QColor("#b8b8b8")
    disabled = QColor(DISABLED_HIGH_CONTRAST)
    for role, color in {
        roles.Window: black,
        roles.WindowText: white,
        roles.Base: black,
        roles.AlternateBase: QColor("#1a1a1a"),
        roles.Text: white,
        roles.Button: black,
        roles.ButtonText: white,
        roles.BrightText: QColor("#ffeb3b"),
        roles.Highlight: QColor("#ffeb3b"),
        roles.Accent: QColor("#ffeb3b"),
        roles.HighlightedText: black,
        roles.ToolTipBase: black,
        roles.ToolTipText: white,
        roles.PlaceholderText: grey,
        roles.Link: QColor("#80d8ff"),
        roles.Light: white,
        roles.Midlight: grey,
        roles.Mid: grey,
        roles.Dark: grey,
        roles.Shadow: white,
    }.items():
        palette.setColor(role, color)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(groups.Disabled, role, disabled)
    return palette


class HighContrastStyle(QProxyStyle):
    """The app's style with edges that can be seen, in high contrast and in the light and
    dark themes the user chose.

    In high contrast: a border in the text's colour round every box that takes input (text,
    number and time fields, lists to pick from, check boxes and radio buttons) and every
    push button: Fusion draws them in the window's colour darkened, which on black is
    black, so the boxes lost their edges. Disabled ones get the disabled text's colour; the
    focused one the highlight's, twice as thick.

    In the light and dark themes (over Fusion, whose edges these are): an unticked check
    box's and radio button's edge in :func:`edge_color`, at least 3:1 against the window
    (WCAG 2.1 non-text contrast). Fusion's, the window's colour darkened, was 2.0:1 on the
    light grey and 1.3:1 on the dark one: a faint square with nothing to aim at."""

    def __init__(self, base: QStyle | None = None) -> None:
        if base is None:
            super().__init__()
        else:
            super().__init__(base)
        under = self.baseStyle()
        self.base_name = under.name() if under is not None else ""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        ticks = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        if not _high_contrast:
            if element in ticks and self.base_name.lower() == "fusion":
                round_ = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
                _edge(option, painter, round_=round_)
            return
        framed = (
            QStyle.PrimitiveElement.PE_FrameLineEdit,
            QStyle.PrimitiveElement.PE_PanelButtonCommand,
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        )
        if element in framed:
            _outline(option, painter)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            _outline(option, painter, round_=True)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        boxes = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)
        if _high_contrast and control in boxes and getattr(option, "frame", True):
            _outline(option, painter)


#: WCAG 2.1 success criterion 1.4.11: what shows a control's edge, 3:1 against what is next
#: to it (a little over, so rounding and antialiasing keep it above the line).
NON_TEXT = 3.0


def edge_color(palette: QPalette) -> QColor:
    """The edge of a check box or radio button on *palette*'s window: the window's colour
    moved towards the text's just far enough to be at least 3:1 against the window."""
    back = palette.color(QPalette.ColorRole.Window)
    ink = palette.color(QPalette.ColorRole.WindowText)
    for step in range(40, 101, 2):
        t = step / 100
        mixed = QColor.fromRgbF(
            back.redF() + (ink.redF() - back.redF()) * t,
            back.greenF() + (ink.greenF() - back.greenF()) * t,
            back.blueF() + (ink.blueF() - back.blueF()) * t,
        )
        if contrast(mixed, back) >= NON_TEXT + 0.3:
            return mixed
    return QColor(ink)


def _edge(option: QStyleOption, painter: QPainter, *, round_: bool) -> None:
    """Fusion's check box or radio button edge drawn again in :func:`edge_color` (not while
    it has the keyboard's focus: Fusion draws that edge in the highlight)."""
    state, flags = option.state, QStyle.StateFlag
    if state & flags.State_HasFocus and state & flags.State_KeyboardFocusChange:
        return
    palette: QPalette = option.palette
    color = edge_color(palette)
    if not state & QStyle.StateFlag.State_Enabled:
        color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if round_:
        # on Fusion's circle, centred on its pixels: the edge's left, right, top and bottom
        # are whole pixels in the colour, not half of one blended with the window
        painter.setPen(QPen(color, 1.5))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.drawEllipse(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5))
    else:
        painter.setPen(QPen(color, 1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
    painter.restore()


def _outline(option: QStyleOption, painter: QPainter, *, round_: bool = False) -> None:
    state = option.state
    enabled = bool(state & QStyle.StateFlag.State_Enabled)
    focused = enabled and bool(state & QStyle.StateFlag.State_HasFocus)
    palette: QPalette = option.palette
    group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
    role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Text
    width = 2 if focused else 1
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(palette.color(group, role), width))
    rect = option.rect.adjusted(width // 2, width // 2, -(width + 1) // 2, -(width + 1) // 2)
    if round_:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.drawEllipse(rect)
    else:
        painter.drawRect(rect)
    painter.restore()


def _base_name(app: QApplication) -> str:
    style = app.style()
    return style.base_name if isinstance(style, HighContrastStyle) else style.name()


def _use_edges(app: QApplication, on: bool) -> None:
    """Have the app draw with :class:`HighContrastStyle` over its own style, or without it."""
    style = app.style()
    if on == isinstance(style, HighContrastStyle):
        return
    base = QStyleFactory.create(_base_name(app))
    if on:
        app.setStyle(HighContrastStyle(base) if base is not None else HighContrastStyle())
    elif base is not None:
        app.setStyle(base)


def set_high_contrast(on: bool) -> None:
    """Switch the whole app to the high-contrast palette, or back to the one it had."""
    global _high_contrast, _saved_palette
    app = QApplication.instance()
    if on == _high_contrast or not isinstance(app, QApplication):
        return
    _cache.clear()
    if on:
        _saved_palette = QPalette(QApplication.palette())
        _high_contrast = True
        _use_edges(app, True)
        QApplication.setPalette(high_contrast_palette())
    else:
        _high_contrast = False
        _use_edges(app, _chosen != "system")
        QApplication.setPalette(_saved_palette if _saved_palette is not None else QPalette())
        _saved_palette = None


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette) -> bool:
    """Whether the scheme is dark: high contrast is; else the user's choice of theme; else the
    system's word where it has one; else the palette's."""
    if _high_contrast:
        return True
    if _chosen != "system":
        return _chosen == "dark"
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
    if _high_contrast:
        return Colors(
            text=QColor("#ffffff"),
            muted=QColor("#e0e0e0"),
            track=QColor("#5c5c5c"),
            work=QColor("#ffeb3b"),
            rest=QColor("#40c4ff"),
            prepare=QColor("#ffffff"),
            open_hold=QColor("#ff80ff"),
            breath=QColor("#64ffda"),
            warning=QColor("#ffab40"),
            done=QColor("#69f0ae"),
        )
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
        warning=QColor("#8f5000"),
        done=QColor("#2e7d32"),
    )


def dark_palette() -> QPalette:
    """The dark palette, for a system that cannot switch its own."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in {
        roles.Window: "#1e1f22",
        roles.WindowText: "#eceff4",
        roles.Base: "#26282c",
        roles.AlternateBase: "#2d3035",
        roles.Text: "#eceff4",
        roles.Button: "#2d3035",
        roles.ButtonText: "#eceff4",
        roles.Highlight: "#3b5b82",
        roles.Accent: "#88c0d0",
        roles.HighlightedText: "#ffffff",
        roles.ToolTipBase: "#26282c",
        roles.ToolTipText: "#eceff4",
        roles.PlaceholderText: "#8a8f98",
        roles.Link: "#88c0d0",
    }.items():
        palette.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7079"))
    return palette


#: The light theme's selection: white on it 5.4:1 (Qt's #308cc6 was 3.7:1, under WCAG's
#: 4.5:1 for the selected row's words in the library, the step list and Progress's tables).
LIGHT_SELECTION = "#1f6fa8"


def light_palette(app: QApplication) -> QPalette:
    """The light palette: the style's own, with a selection its white words read on."""
    palette = QPalette(app.style().standardPalette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(LIGHT_SELECTION))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


def apply_theme(choice: str) -> str:
    """Show the app in *choice* (one of :data:`THEMES`; anything else is ``system``): the
    system's scheme, or light or dark whatever the system says. Returns what was applied.

    Qt is asked for the scheme where the platform can switch it, and the palette is set
    as well for the platforms that cannot (the choice must hold everywhere). While high
    contrast is on, the choice waits: it is the palette high contrast goes back to.
    """
    global _chosen, _saved_palette
    app = QApplication.instance()
    chosen = choice if choice in THEMES else "system"
    if not isinstance(app, QApplication) or chosen == _chosen:
        _chosen = chosen
        return chosen
    _chosen = chosen
    if not _high_contrast:  # high contrast keeps its edges; the choice waits, as below
        _use_edges(app, chosen != "system")
    if chosen == "system":
        palette = QPalette()  # no palette of our own: the system's again
    else:
        palette = dark_palette() if chosen == "dark" else light_palette(app)
    hints = app.styleHints()
    if chosen == "system":
        hints.unsetColorScheme()
    else:
        dark = chosen == "dark"
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    if _high_contrast:
        _saved_palette = palette
    else:
        app.setPalette(palette)
    _cache.clear()
    return chosen


#: What tells a widget that its colours may have changed: its own palette, or the system's
#: theme. A widget whose palette a style sheet has set hears of neither when the app's
#: palette changes, so the app's change is followed too (see :class:`_Hub`).
_PALETTE_EVENTS = frozenset({QEvent.Type.PaletteChange, QEvent.Type.ThemeChange})
_APP_EVENTS = frozenset({QEvent.Type.ApplicationPaletteChange, QEvent.Type.ThemeChange})


class _PaletteFollower(QObject):
    """Applies colours taken from a widget's palette again each time its palette, the app's
    or the system's theme changes (see :func:`follow_palette`)."""

    NAME = "psoas_palette_follower"

    def __init__(self, widget: QWidget, apply: Callable[[QWidget], None]) -> None:
        super().__init__(widget)
        self.setObjectName(self.NAME)
        self._widget = widget
        self._apply = apply
        self._busy = False
        widget.installEventFilter(self)

    def run(self) -> None:
        if self._busy:
            return
        self._busy = True  # what apply changes sends these events again: not followed
        try:
            self._apply(self._widget)
        finally:
            self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() in _PALETTE_EVENTS:
            self.run()
        return False


class _Hub(QObject):
    """Hears the app's palette change (light ↔ dark, high contrast, the system's scheme) and,
    once the widgets have theirs, has every follower apply its colours again.

    It listens on a hidden widget of its own, which Qt tells of every change of the app's
    palette, and to the system's colour scheme: not with a filter on the whole app, which
    took every event of every object through Python (a tenth of the app's CPU during a
    session)."""

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self.followers: list[_PaletteFollower] = []
        self._due = False
        self._ear = QWidget()  # never shown; told of ApplicationPaletteChange like any widget
        self._ear.setObjectName("psoas_palette_ear")
        self._ear.installEventFilter(self)
        self.destroyed.connect(self._ear.deleteLater)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._ear and event.type() in _APP_EVENTS:
            self._changed()
        return False

    def _changed(self) -> None:
        if not self._due:
            self._due = True
            QTimer.singleShot(0, self._rerun)

    def _rerun(self) -> None:
        self._due = False
        self.followers = [f for f in self.followers if shiboken6.isValid(f)]
        for follower in list(self.followers):
            follower.run()


_hub: _Hub | None = None


def _follow_app(follower: _PaletteFollower) -> None:
    global _hub
    app = QApplication.instance()
    if app is None:
        return
    if _hub is None or not shiboken6.isValid(_hub) or _hub.parent() is not app:
        _hub = _Hub(app)
    followers = _hub.followers
    if len(followers) >= 64 and len(followers) & (len(followers) - 1) == 0:
        # at each power of two: those whose widget has gone are let go, so a page built
        # again and again does not keep a list that only grows
        followers[:] = [f for f in followers if shiboken6.isValid(f)]
    followers.append(follower)


def follow_palette(widget: QWidget, apply: Callable[[QWidget], None] | None) -> None:
    """Call *apply* on *widget* now and again whenever its palette or the system's theme
    changes (light ↔ dark, high contrast), so colours taken from the palette never go stale;
    None stops following. One follower a widget: a new one replaces the last."""
    old = widget.findChild(
        _PaletteFollower, _PaletteFollower.NAME, Qt.FindChildOption.FindDirectChildrenOnly
    )
    if old is not None:
        widget.removeEventFilter(old)
        old.setParent(None)
        old.deleteLater()
    if apply is not None:
        follower = _PaletteFollower(widget, apply)
        _follow_app(follower)
        follower.run()


def set_text_color(widget: QWidget, name: str | None) -> None:
    """Draw *widget*'s text in the scheme's colour *name* (a field of :class:`Colors`:
    ``"warning"``, ``"done"``...), taken again from the palette whenever it changes; None:
    the palette's own text colour.
    Never a style sheet with a colour in it: that would keep the colour of the scheme it
    was written in."""
    widget.setStyleSheet("")
    if name is None:
        follow_palette(widget, None)
        widget.setPalette(QPalette())
        return

    def apply(target: QWidget) -> None:
        palette = QPalette(target.palette())
        color = getattr(colors(palette), name)
        assert isinstance(color, QColor), name
        if palette.color(QPalette.ColorRole.WindowText) != color:
            palette.setColor(QPalette.ColorRole.WindowText, color)
            palette.setColor(QPalette.ColorRole.Text, color)
            target.setPalette(palette)

    follow_palette(widget, apply)


def set_style_sheet(widget: QWidget, sheet: Callable[[QPalette], str]) -> None:
    """Give *widget* the style sheet *sheet* writes for its palette, written again whenever
    the palette changes (a sheet's colours, even ``palette(highlight)``, are read once, when
    it is set)."""

    def apply(target: QWidget) -> None:
        # A sheet sets the widget's own palette from the one it had: cleared, the widget
        # takes its parent's again, and the sheet (palette(...) in it too) is read anew.
        target.setStyleSheet("")
        target.setPalette(QPalette())
        parent = target.parentWidget()
        target.setStyleSheet(sheet(parent.palette() if parent is not None else target.palette()))

    follow_palette(widget, apply)


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
