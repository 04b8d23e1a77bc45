"""The small window a reminder opens where there is no notification service (or when a tray
message is clicked): what is due and its buttons, readable from across the room."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["ReminderPrompt"]


class ReminderPrompt(QDialog):
    """Asks about one reminder at a time; a newer one replaces the one shown."""

    #: (tag, action key) when a button is pressed.
    answered = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reminder"))  # the desktop adds " — Psoas Timer"
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.tag = ""
        self.setMinimumWidth(560)
        # A routine's name comes from a file: shown as written, never as markup.
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setFont(scaled_font(self.font(), 30, bold=True))
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setFont(scaled_font(self.font(), 19))
        self.body.setWordWrap(True)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(self.buttons)
        self.button_by_key: dict[str, QPushButton] = {}

    def ask(self, tag: str, title: str, body: str, actions: tuple[tuple[str, str], ...]) -> None:
        self.tag = tag
        self.title.setText(title)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        for button in self.button_by_key.values():
            self.buttons.removeWidget(button)
            button.deleteLater()
        self.button_by_key = {}
        for index, (key, label) in enumerate(actions):
            button = QPushButton(label, self)
            button.setFont(scaled_font(self.font(), 19, bold=index == 0))
            button.setMinimumHeight(48)
            button.setAutoDefault(index == 0)
            button.setDefault(index == 0)
            button.clicked.connect(lambda _=False, k=key: self._answer(k))
            self.buttons.addWidget(button)
            self.button_by_key[key] = button
        self.show()
        self.raise_()
        self.activateWindow()
        if actions:
            self.button_by_key[actions[0][0]].setFocus()

    def _answer(self, key: str) -> None:
        self.hide()
        self.answered.emit(self.tag, key)
