"""The safety notice: on first run, and before pressure-release routines until dismissed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from psoas_timer.core.safety import NOTICE_LINES, NOTICE_TITLE
from psoas_timer.i18n import _
from psoas_timer.ui.common.screen_fit import scroll_body
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["SafetyDialog"]


class SafetyDialog(QDialog):
    """The notice, with "Don't show this again before release routines"."""

    def __init__(self, parent: QWidget | None = None, *, offer_dismiss: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("safety_notice")
        self.setWindowTitle(_(NOTICE_TITLE))
        self.setModal(True)
        title = QLabel(_(NOTICE_TITLE))
        title.setFont(scaled_font(self.font(), 26, bold=True))
        body = QLabel("\n\n".join(f"• {_(line)}" for line in NOTICE_LINES))
        body.setObjectName("safety_text")
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setFont(scaled_font(self.font(), 17))
        body.setMinimumWidth(280)  # narrower than a line of 560 px on a small screen, scrolled
        self.dismiss = QCheckBox(_("Don't show this again before pressure-release routines"))
        self.dismiss.setObjectName("dismiss")
        self.dismiss.setVisible(offer_dismiss)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("I understand"))
        ok.setAccessibleName(_("I understand"))
        buttons.accepted.connect(self.accept)
        # Enter must mean "I understand" under every style: some (GTK's) would otherwise start
        # with the focus on the check box, where Enter would tick "don't show this again".
        ok.setDefault(True)
        ok.setFocus()
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        content = QWidget(self)
        words = QVBoxLayout(content)
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(title)
        words.addWidget(body)
        words.addStretch(1)
        self.body = scroll_body(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.dismiss)
        layout.addWidget(buttons)
        self.resize(self.sizeHint().expandedTo(QSize(640, 0)))
        self.setAccessibleName(_(NOTICE_TITLE))

    @property
    def dismissed(self) -> bool:
        return not self.dismiss.isHidden() and self.dismiss.isChecked()
