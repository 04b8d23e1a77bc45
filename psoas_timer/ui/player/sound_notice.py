"""The line at the top of the player that says what is wrong with the sound, until dismissed.

It says the first sentence of the problem (the whole of it in the tooltip); the same trouble,
once dismissed, is not shown again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.common.fit_label import FitLabel
from psoas_timer.ui.common.theme import set_pixel_size

__all__ = ["SoundNotice", "sound_notice_line"]


def sound_notice_line(message: str) -> str:
    """The notice's one line for *message*: its first sentence, saying it is about sound and,
    when the message says so, that cues show on screen."""
    first = message.strip().split(". ")[0].rstrip(".") + "."
    # Translators: these three must be the words the sound messages use (they are looked
    # for in them): the notice says a message is about sound unless it starts so.
    sound, no_sound, on_screen = _("sound"), _("no sound"), _("on screen")
    if not first.lower().startswith((no_sound.lower(), sound.lower())):
        first = _("Sound: {message}").format(message=first)
    if on_screen in message and on_screen not in first:
        first = _("{message} Cues show on screen.").format(message=first)
    return first


class SoundNotice(QFrame):
    """Hidden until :meth:`show_problem`; its Dismiss button (Alt+D) hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sound_notice")
        self.message = FitLabel("sound_notice_text")
        self.dismiss = QPushButton(_("&Dismiss"))
        self.dismiss.setObjectName("sound_notice_dismiss")
        self.dismiss.setAccessibleName(_("Dismiss the sound notice"))
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+D
        self._dismissed: set[str] = set()
        self._shown = ""
        notice = QHBoxLayout(self)
        notice.setContentsMargins(12, 4, 4, 4)
        notice.addWidget(self.message, 1)
        notice.addWidget(self.dismiss)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setVisible(False)
        self.dismiss.clicked.connect(self._on_dismiss_clicked)

    def _on_dismiss_clicked(self) -> None:
        self._dismissed.add(self._shown)
        self.setVisible(False)

    def show_problem(self, message: str) -> None:
        """Say *message* in one line, unless the user has dismissed it before."""
        if message in self._dismissed:
            return
        self._shown = message
        self.message.set_text(sound_notice_line(message))
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        self.setVisible(True)

    def rescale(self, pixels: float) -> None:
        """Type *pixels* high (the player's caption size): the line is shortened, not shrunk,
        where it is too long (the whole of it in the tooltip)."""
        self.message.set_max_pixels(pixels, least=pixels)
        set_pixel_size(self.dismiss, pixels)
