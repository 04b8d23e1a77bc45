"""Keep every window and dialog on its screen: never wider or taller than the space the desktop
leaves (title bar included), and a body that scrolls where its content is taller.

:func:`fit_to_screen` shrinks and moves one window. :class:`ScreenFit`
(:func:`install_screen_fit`) does that to every top-level window as it is shown, and again
once the window manager has put its frame around it (on X11 the frame's size is known only
after the window is mapped). :func:`scroll_body` wraps a dialog's content so its minimum size
is small and it scrolls where the screen is too small.

:class:`ScreenFit` watches the windows themselves, not the whole application: a filter on
the application is called, in Python, for every event of every object (each repaint, timer
and queued call of a running session), and was a fifth of the session's CPU. A window it
watches tells it of the windows that come after: a dialog made with that window as its
parent (``ChildPolished``, before the dialog is shown), and any other as it is shown modal
over it (``WindowBlocked``, before the dialog is mapped) or takes the focus from it
(``WindowDeactivate``); the new one is watched from then on.
"""

from __future__ import annotations

import logging
import time
import weakref

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "ScreenFit",
    "available_area",
    "fit_to_screen",
    "frame_margins",
    "install_screen_fit",
    "scroll_body",
    "scroll_to_top",
]

log = logging.getLogger(__name__)

#: For how long after a window is shown its frame is looked for, and a move or resize by the
#: window manager is fitted.
SETTLE_SECONDS = 3.0
#: How often a settling window's frame is looked at. On X11 the frame comes some time after
#: the window is mapped, and Qt tells of it by no event unless the window moves: a dialog
#: placed before its frame was known lies with its title bar above the screen until looked at
#: (fixed looks at 0, 60, 250, 600 and 1500 ms missed a frame that came between or after them).
LOOK_EVERY_MS = 50
#: A window that has its frame and has not moved or changed size (frame included) for this
#: long is looked at no more (a move or resize while it settles looks again): checking every
#: settling window 20 times a second for its whole 3 s kept an idle app busy.
STILL_SECONDS = 0.3


def available_area(window: QWidget) -> QRect | None:
    """The screen area the window may use (without panels and docks), if there is a screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def _margins_of(window: QWidget) -> QMargins | None:
    frame, inner = window.frameGeometry(), window.geometry()
    if frame == inner:
        return None
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if min(margins.left(), margins.top(), margins.right(), margins.bottom()) < 0:
        return None  # a frame not yet made (Qt gives one pixel as it maps the window)
    return margins


def frame_margins(window: QWidget) -> QMargins:
    """The window's frame (title bar and borders): its own once the window manager has drawn
    it, else that of another window on screen (they share a window manager), else none."""
    own = _margins_of(window)
    if own is not None:
        return own
    for other in QApplication.topLevelWidgets():
        if other is not window and other.isVisible() and other.isWindow():
            margins = _margins_of(other)
            if margins is not None:
                return margins
    return QMargins()


def fit_to_screen(window: QWidget) -> bool:
    """Shrink and move *window*, frame included, into its screen's available area.

    Returns whether anything changed. A window that fits is left alone; a maximised or full
    screen one is the window manager's to place.
    """
    area = available_area(window)
    if area is None or area.isEmpty() or window.isFullScreen() or window.isMaximized():
        return False
    margins = frame_margins(window)
    extra_w = margins.left() + margins.right()
    extra_h = margins.top() + margins.bottom()
    inner = window.geometry()
    width = min(inner.width(), area.width() - extra_w)
    height = min(inner.height(), area.height() - extra_h)
    width = max(width, window.minimumWidth())
    height = max(height, window.minimumHeight())
    changed = (width, height) != (inner.width(), inner.height())
    if changed:
        window.resize(width, height)
    frame_w, frame_h = width + extra_w, height + extra_h
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame_w)
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame_h)
    x, y = max(area.left(), x), max(area.top(), y)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)  # move() places the frame's top left corner
        changed = True
    return changed


class ScreenFit(QObject):
    """Fits every top-level window to its screen when it is shown, and again when its frame
    arrives (the window manager's title bar and borders, on X11 known only after the window
    is mapped). Popups, menus and tooltips are left to Qt, and so is a size given later: only
    a frame that changed since the last fit fits the window again.

    It filters the events of the windows it watches (:meth:`watch`), never the whole
    application's, and finds each new window through one it watches already (see the
    module's docstring)."""

    #: The events of a watched window that matter: its own showing, moving and resizing,
    #: and those that tell of a new window (a child added, a modal one over it, the focus
    #: gone to another).
    _SIZE_EVENTS = frozenset({QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize})
    _NEWS_EVENTS = frozenset(
        {QEvent.Type.ChildPolished, QEvent.Type.WindowBlocked, QEvent.Type.WindowDeactivate}
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Windows shown lately: until when their frame may still arrive, and the frame
        #: they were last fitted with.
        self._settling: dict[int, tuple[weakref.ref[QWidget], float, QMargins]] = {}
        #: Settling windows' shape (frame, inside, the frame's margins) as last looked at,
        #: and since when it has been so.
        self._shapes: dict[int, tuple[tuple[object, ...], float]] = {}

    def watch(self, window: QWidget) -> None:
        """Fit *window* as it is shown (once: watching it again does nothing)."""
        if window.property(_WATCHED) or self._skipped(window):
            return
        window.setProperty(_WATCHED, True)  # kept on the window: gone with it
        window.installEventFilter(self)

    def watch_new(self) -> None:
        """Watch every top-level window not yet watched, fitting those already shown (a
        window found as it is shown, through another)."""
        for window in QApplication.topLevelWidgets():
            if window.property(_WATCHED) or not window.isWindow() or self._skipped(window):
                continue
            self.watch(window)
            if window.isVisible() and self._settling_of(window) is None:
                self._shown(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in self._SIZE_EVENTS:
            if isinstance(watched, QWidget) and watched.isWindow():
                if kind == QEvent.Type.Show:
                    self._shown(watched)
                elif self._frame_came(watched):
                    self._look_later(watched, LOOK_EVERY_MS)  # moving: its frame may follow
        elif kind == QEvent.Type.ChildPolished:
            # polished as it is first shown (or sooner), before its Show: a dialog made on
            # this window (ChildAdded comes while the child is still being made)
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and child.isWindow():
                self.watch(child)
        elif kind in self._NEWS_EVENTS:
            self.watch_new()
        return False

    def _shown(self, window: QWidget) -> None:
        now = time.monotonic()
        self._settling = {k: v for k, v in self._settling.items() if v[1] > now and v[0]()}
        self._shapes = {k: v for k, v in self._shapes.items() if k in self._settling}
        self._shapes.pop(id(window), None)
        # A dialog Qt places over its window (none the app placed itself) is kept there
        # while it settles; marked on the dialog, so no other window is taken for it.
        over_parent = (
            isinstance(window, QDialog)
            and window.parentWidget() is not None
            and not window.testAttribute(Qt.WidgetAttribute.WA_Moved)
        )
        window.setProperty(_OVER_PARENT, False)
        if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
            _natural_size(window)
        self._fit(window, now + SETTLE_SECONDS)
        window.setProperty(_OVER_PARENT, over_parent)
        self._look_later(window, 0)

    def _look_later(self, window: QWidget, delay: int) -> None:
        """Look at *window*'s frame in *delay* ms (once: a look already due is kept)."""
        if window.property(_LOOK_DUE):
            return
        window.setProperty(_LOOK_DUE, True)
        QTimer.singleShot(delay, window, lambda w=window: self._look(w))

    def _look(self, window: QWidget) -> None:
        """Fit *window* if its frame came, and look again a moment later while it settles
        and is not yet still with its frame."""
        window.setProperty(_LOOK_DUE, False)
        if not self._frame_came(window):
            self._shapes.pop(id(window), None)
        elif not self._still(window):
            self._look_later(window, LOOK_EVERY_MS)

    def _still(self, window: QWidget) -> bool:
        """Whether *window* has its frame and has kept its shape for STILL_SECONDS: nothing
        left to wait for. A window with no frame yet is never still (on X11 the frame may
        come late, with no event); it is looked at until it settles."""
        now = time.monotonic()
        margins = _margins_of(window)
        sides = None
        if margins is not None:
            sides = (margins.left(), margins.top(), margins.right(), margins.bottom())
        shape = (window.frameGeometry(), window.geometry(), sides)
        last = self._shapes.get(id(window))
        if last is None or last[0] != shape:
            self._shapes[id(window)] = (shape, now)
            return False
        return margins is not None and now - last[1] >= STILL_SECONDS

    def _fit(self, window: QWidget, until: float) -> None:
        fit_to_screen(window)
        self._settling[id(window)] = (weakref.ref(window), until, frame_margins(window))

    def _settling_of(self, window: QWidget) -> tuple[float, QMargins] | None:
        """Until when *window* settles and the frame it was fitted with; ``None`` when it
        is not settling (an entry kept under its id for a window gone since is not its)."""
        entry = self._settling.get(id(window))
        if entry is None or entry[0]() is not window:
            return None
        return entry[1], entry[2]

    def _frame_came(self, window: QWidget) -> bool:
        """Fit *window* again if its frame changed since it was fitted (it has just come);
        whether it still settles."""
        settling = self._settling_of(window)
        if settling is None or not window.isVisible():
            return False
        until, margins = settling
        if time.monotonic() > until:
            del self._settling[id(window)]
            self._shapes.pop(id(window), None)
            window.setProperty(_OVER_PARENT, False)
            return False
        if _margins_of(window) is not None and frame_margins(window) != margins:
            self._fit(window, until)
        if window.property(_OVER_PARENT):
            _centre_over_parent(window)  # placed by the window manager elsewhere
        _move_inside(window)  # placed by the window manager partly off the screen
        return True

    @staticmethod
    def _skipped(window: QWidget) -> bool:
        kind = window.windowType()
        return kind in (
            Qt.WindowType.Popup,
            Qt.WindowType.ToolTip,
            Qt.WindowType.SplashScreen,
            Qt.WindowType.Desktop,
        ) or window.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)


def _centre_over_parent(window: QWidget, tolerance: int = 24) -> None:
    """Move the dialog *window* back over the middle of its parent's window, where Qt put
    it, if the window manager placed it elsewhere: openbox at times put the "Stop the
    session?" question in the screen's top left corner, far from the player it asks about."""
    parent = window.parentWidget()
    least = window.minimumSizeHint()
    if parent is None or not parent.window().isVisible():
        return
    if window.width() < least.width() or window.height() < least.height():
        return  # not given its size yet: centred once it has it (its resize comes here too)
    margins = frame_margins(window)  # the frame as it is or will be (its size may lag)
    width = window.width() + margins.left() + margins.right()
    height = window.height() + margins.top() + margins.bottom()
    target = parent.window().frameGeometry().center()
    x, y = target.x() - width // 2, target.y() - height // 2
    area = available_area(window)
    if area is not None:
        x = max(area.left(), min(x, area.right() + 1 - width))
        y = max(area.top(), min(y, area.bottom() + 1 - height))
    at = window.frameGeometry().topLeft()
    if abs(x - at.x()) > tolerance or abs(y - at.y()) > tolerance:
        window.move(x, y)


def _move_inside(window: QWidget) -> None:
    """Move *window* onto its screen's available area where it fits there but lies partly
    outside (its size is left as it is)."""
    area = available_area(window)
    frame = window.frameGeometry()
    if area is None or area.contains(frame) or window.isFullScreen() or window.isMaximized():
        return
    if frame.width() > area.width() or frame.height() > area.height():
        return
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    window.move(x, y)


def _natural_size(window: QWidget) -> None:
    """A window nobody sized: as large as its content asks, where the screen has room (Qt's
    own first size stops at two thirds of the screen, which scrolls dialogs for nothing)."""
    area = available_area(window)
    if area is None:
        return
    margins = frame_margins(window)
    hint = window.sizeHint()
    width = min(hint.width(), area.width() - margins.left() - margins.right())
    height = min(hint.height(), area.height() - margins.top() - margins.bottom())
    size = QSize(width, height).expandedTo(window.minimumSize()).expandedTo(window.size())
    if size != window.size():
        window.resize(size)
        centre = window.parentWidget() or None
        target = centre.window().frameGeometry().center() if centre else area.center()
        frame = window.frameGeometry()
        window.move(target.x() - frame.width() // 2, target.y() - frame.height() // 2)


#: The property a watched window carries.
_WATCHED = "psoas_screen_fit"
#: The property of a dialog kept over its window while it settles.
_OVER_PARENT = "psoas_over_parent"
#: The property of a window whose next look at its frame is due.
_LOOK_DUE = "psoas_fit_look_due"

_installed: list[ScreenFit] = []


def install_screen_fit(app: QApplication | None = None) -> ScreenFit:
    """Fit every window of *app* (the running one by default) to its screen as it is shown:
    the top-level windows there are now, and every window that comes after them. Installing
    it again makes no second fitter; it watches the windows made since."""
    if not _installed:
        _installed.append(ScreenFit(app or QApplication.instance()))
    fitter = _installed[0]
    fitter.watch_new()
    return fitter


class _Holder(QWidget):
    """What a scrolled body sits in. Asked by its scroll area how high it must be at a width,
    it answers with the least its content needs there; the content itself answers how high
    it would like to be, so any line that wraps (a notice, a field's help) made the scroll
    area scroll a body that fitted: the builder at 800 × 600 hid its total, its timeline and
    its problems below the window's edge though its least height was 546 px of 553."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().heightForWidth(width)
        return layout.totalMinimumHeightForWidth(width)

    def preferred_height(self, width: int) -> int:
        """How high the content would like to be at *width* (its opening size)."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return self.sizeHint().height()
        return layout.totalHeightForWidth(width)


class _BodyArea(QScrollArea):
    """A frameless scroll area as large as its content wants, no smaller than a few lines
    need: its dialog opens at the content's size where the screen has room."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        hint = inner.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        width = max(hint.width(), self.width() - bar if self.isVisible() else 0)
        if isinstance(inner, _Holder):
            height = inner.preferred_height(width)
        else:
            height = inner.heightForWidth(width) if inner.hasHeightForWidth() else hint.height()
        return QSize(width + bar, max(height, hint.height()))

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = 0 if inner is None else min(inner.minimumSizeHint().width(), 320)
        return QSize(width, 80)


def scroll_to_top(page: QWidget) -> None:
    """Scroll *page* and the scroll areas in it back to their top left corner (a page opens at
    its top, not where it was last left). Lists keep their place: they are not scroll areas."""
    areas = page.findChildren(QScrollArea)
    if isinstance(page, QScrollArea):
        areas.insert(0, page)
    for area in areas:
        area.verticalScrollBar().setValue(area.verticalScrollBar().minimum())
        area.horizontalScrollBar().setValue(area.horizontalScrollBar().minimum())


def scroll_body(content: QWidget) -> QScrollArea:
    """*content* in a frameless area that scrolls where the screen is smaller than it (a
    dialog's buttons stay below it, always on screen)."""
    area = _BodyArea()
    area.setObjectName("scroll_body")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    holder = _Holder()
    holder.setObjectName("scroll_body_holder")
    holder_layout = QVBoxLayout(holder)
    holder_layout.setContentsMargins(0, 0, 0, 0)
    holder_layout.addWidget(content)
    area.setWidget(holder)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
