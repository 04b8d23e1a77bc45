"""Beside the clock during an open hold: the hold's marks ("min 1:00 · target 1:30 · max
3:00"), always, and under them the Released button or, once the target is reached, in its
place the check-in: "Has it softened?" as large as the captions, how to answer, and its two
buttons (Release, +15 s).

The marks stay through the check-in, and the dial says how long until the maximum ends the
hold. The slot keeps its size when the check-in comes and goes, so the player never grows
with a phase. Its buttons only emit requests; the player forwards them.

On a narrow window the marks and the check-in's hint break between their parts onto a
second line rather than lose their ends to "…"; while the check-in shows so, it is
:attr:`OpenHoldControls.crowded`, and the player gives it the picture's place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.core.engine import Snapshot, State
from psoas_timer.i18n import N_, _, format_decimal
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.theme import set_pixel_size

__all__ = ["CHECK_IN_EXTRA", "CHECK_IN_QUESTION", "OpenHoldControls", "check_in_hint"]

#: Seconds the check-in's "+15 s" adds to an open hold.
CHECK_IN_EXTRA = 15.0
#: Marked only: translated where shown.
CHECK_IN_QUESTION = N_("Has it softened?")


def check_in_hint() -> str:
    return _("Enter releases · + holds {seconds} s more").format(
        seconds=format_decimal(CHECK_IN_EXTRA)
    )


def _big_button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter belong to the actions
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


class OpenHoldControls(QWidget):
    """The marks, and the Released button or the check-in in its place."""

    #: The user says the point has released.
    release_requested = Signal()
    #: The user wants more time in this open hold (seconds).
    extend_requested = Signal(float)
    #: :attr:`crowded` changed.
    crowded_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("open_controls")
        # Too long for a narrow window, the marks and the hint break between their parts
        # rather than lose their ends to "…" (at 800 × 600 the maximum was cut off).
        self.marks = FitLabel("open_marks", breaks=" · ")
        self.released = _big_button(
            _("Released"), "released", _("The point has released: end this hold (Enter)")
        )
        self.check_in = QFrame()
        self.check_in.setObjectName("check_in")
        self.check_in_label = FitLabel("check_in_question", bold=True)
        self.check_in_hint = FitLabel("check_in_hint", breaks=" · ")
        self.check_in_release = _big_button(
            _("Release"), "check_in_release", _("End this hold now (Enter)")
        )
        self.check_in_more = _big_button(
            _("+{seconds} s").format(seconds=format_decimal(CHECK_IN_EXTRA)),
            "check_in_more",
            _("Hold {seconds} seconds longer (+)").format(seconds=format_decimal(CHECK_IN_EXTRA)),
        )
        self._stack = QStackedWidget()
        self._crowded = False
        self._build()
        self.marks.broken_changed.connect(self._check_crowded)
        self.check_in_hint.broken_changed.connect(self._check_crowded)
        self.released.clicked.connect(self._on_released_clicked)
        self.check_in_release.clicked.connect(self._on_released_clicked)
        self.check_in_more.clicked.connect(self._on_check_in_more_clicked)

    def _build(self) -> None:
        self.check_in_label.set_text(_(CHECK_IN_QUESTION))
        self.check_in_hint.set_text(check_in_hint())
        check = QVBoxLayout(self.check_in)
        check.setContentsMargins(0, 0, 0, 0)
        check.setSpacing(4)
        check.addWidget(self.check_in_label)
        check.addWidget(self.check_in_hint)
        check.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_release)
        buttons.addWidget(self.check_in_more)
        check.addLayout(buttons)

        released_page = self._released_page = QWidget()
        released_box = QVBoxLayout(released_page)
        released_box.setContentsMargins(0, 0, 0, 0)
        released_box.addStretch(1)
        released_box.addWidget(self.released)
        self._stack.addWidget(released_page)
        self._stack.addWidget(self.check_in)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        box.addWidget(self.marks)
        box.addWidget(self._stack)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _on_released_clicked(self) -> None:
        self.release_requested.emit()

    def _on_check_in_more_clicked(self) -> None:
        self.extend_requested.emit(CHECK_IN_EXTRA)

    def follow(self, snap: Snapshot) -> None:
        """Shown during an open hold that is running or paused: the check-in once it asks,
        the Released button until then; the marks throughout."""
        is_open = snap.segment.open is not None and snap.state in (State.RUNNING, State.PAUSED)
        checking = is_open and snap.checking_in
        if self.isHidden() == is_open:
            self.setVisible(is_open)
        page = self.check_in if checking else self._released_page
        if self._stack.currentWidget() is not page:
            self._stack.setCurrentWidget(page)
        if not is_open:
            self.marks.set_text("")
        self._check_crowded()

    @property
    def crowded(self) -> bool:
        """The check-in shows, with its marks or hint broken onto more lines (a narrow
        window): it wants the room the picture beside it takes."""
        return self._crowded

    def _check_crowded(self, _broken: bool = False) -> None:
        checking = self._stack.currentWidget() is self.check_in
        # The slot keeps the check-in's room through the hold, so that nothing moves when
        # it comes; but where the marks need two lines the check-in takes the picture's
        # place when it comes, and until then that room goes to the picture and the notes.
        reserve = checking or not self.marks.broken
        policy = QSizePolicy.Policy.Preferred if reserve else QSizePolicy.Policy.Ignored
        if self.check_in.sizePolicy().verticalPolicy() != policy:
            self.check_in.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
            # a hidden page's change is not passed up by Qt: tell the slot and the column
            self._stack.updateGeometry()
            self.updateGeometry()
        crowded = (
            not self.isHidden() and checking and (self.marks.broken or self.check_in_hint.broken)
        )
        if crowded != self._crowded:
            self._crowded = crowded
            self.crowded_changed.emit(crowded)

    def set_question_color(self, color: QColor | None) -> None:
        """Draw the question in *color* (the hold's, as the captions are)."""
        self.check_in_label.set_color(color)

    def rescale(self, unit: float, least: float) -> None:
        """Type and button sizes from the player's type *unit* (pixels), none below its
        caption size *least*: the question as large as the captions (see :mod:`.banner_row`)."""
        self.marks.set_max_pixels(least, least=least)
        self.check_in_label.set_max_pixels(unit * 1.8, least=least)
        self.check_in_hint.set_max_pixels(least, least=least)
        for button in (self.released, self.check_in_release, self.check_in_more):
            set_pixel_size(button, least, bold=True)
            button.setMinimumHeight(round(max(unit * 2.2, least * 1.6)))
            button.setMinimumWidth(round(unit * 5))
