"""Under the picture during an open hold: the Released button below the hold's marks, or in its
place, once the target is reached, the check-in ("Has it softened?", Release, +15 s).

One slot whose size does not change when the check-in comes and goes, so the player never
grows with a phase. Its buttons only emit requests; the player forwards them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.theme import set_pixel_size

__all__ = ["CHECK_IN_EXTRA", "OpenHoldControls"]

#: Seconds the check-in's "+15 s" adds to an open hold.
CHECK_IN_EXTRA = 15.0


def _big_button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter belong to the actions
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


class OpenHoldControls(QStackedWidget):
    """The Released button and its marks, or the check-in in their place."""

    #: The user says the point has released.
    release_requested = Signal()
    #: The user wants more time in this open hold (seconds).
    extend_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("open_controls")
        self.marks = FitLabel("open_marks")
        self.released = _big_button(
            "Released", "released", "The point has released: end this hold (Enter)"
        )
        self.check_in = QFrame()
        self.check_in.setObjectName("check_in")
        self.check_in_label = FitLabel("check_in_question", bold=True)
        self.check_in_release = _big_button(
            "Release", "check_in_release", "End this hold now (Enter)"
        )
        self.check_in_more = _big_button(
            f"+{CHECK_IN_EXTRA:g} s", "check_in_more", "Hold 15 seconds longer"
        )
        self._build()
        self.released.clicked.connect(self._on_released_clicked)
        self.check_in_release.clicked.connect(self._on_released_clicked)
        self.check_in_more.clicked.connect(self._on_check_in_more_clicked)

    def _build(self) -> None:
        self.check_in_label.set_text("Has it softened?  Enter releases · + adds time")
        check = QVBoxLayout(self.check_in)
        check.setContentsMargins(12, 8, 12, 8)
        check.addWidget(self.check_in_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_release)
        buttons.addWidget(self.check_in_more)
        check.addLayout(buttons)
        self.check_in.setFrameShape(QFrame.Shape.StyledPanel)

        released_page = self._released_page = QWidget()
        released_box = QVBoxLayout(released_page)
        released_box.setContentsMargins(0, 0, 0, 0)
        released_box.setSpacing(8)
        released_box.addStretch(1)
        released_box.addWidget(self.marks)
        released_box.addWidget(self.released)
        self.addWidget(released_page)
        self.addWidget(self.check_in)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _on_released_clicked(self) -> None:
        self.release_requested.emit()

    def _on_check_in_more_clicked(self) -> None:
        self.extend_requested.emit(CHECK_IN_EXTRA)

    def follow(self, snap: Snapshot) -> None:
        """Shown during an open hold that is running or paused: the check-in once it asks,
        the Released button (and its marks) until then."""
        is_open = snap.segment.open is not None and snap.state in (State.RUNNING, State.PAUSED)
        checking = is_open and snap.checking_in
        if self.isHidden() == is_open:
            self.setVisible(is_open)
        page = self.check_in if checking else self._released_page
        if self.currentWidget() is not page:
            self.setCurrentWidget(page)
        if not is_open:
            self.marks.set_text("")

    def rescale(self, unit: float) -> None:
        """Type and button sizes from the player's type *unit* (pixels)."""
        self.marks.set_max_pixels(unit * 1.1)
        self.check_in_label.set_max_pixels(unit * 1.2)
        for button in (self.released, self.check_in_release, self.check_in_more):
            # The two check-in buttons share a narrower column: a little smaller, never clipped.
            set_pixel_size(button, unit * (1.4 if button is self.released else 1.15), bold=True)
            button.setMinimumHeight(round(unit * 2.2))
            button.setMinimumWidth(round(unit * 6))
