"""The question an either/or step asks as a session starts ("Heat or ice today?").

Big enough to read from the mat: the question and one large button per option, numbered;
a number key picks that option, Enter the one already marked (the last answer, or the
routine's default), Esc goes back without starting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from psoas_timer.core.model import Choice
from psoas_timer.i18n import _
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["ChoiceDialog"]


class ChoiceDialog(QDialog):
    """Asks *choice*'s question; :attr:`chosen` is the option picked (an index)."""

    def __init__(self, choice: Choice, marked: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choice_dialog")
        self.setWindowTitle(choice.question)
        self.setModal(True)
        self.chosen = marked
        question = QLabel(choice.question)
        question.setObjectName("choice_question")
        question.setWordWrap(True)
        question.setFont(scaled_font(self.font(), 30, bold=True))
        count = len(choice.choose)
        marked_title = choice.choose[marked].title
        if count == 2:
            hint_text = _("Press 1 or 2, or Enter for {choice}").format(choice=marked_title)
        else:
            hint_text = _("Press 1 to {last}, or Enter for {choice}").format(
                last=count, choice=marked_title
            )
        hint = QLabel(hint_text)
        hint.setObjectName("choice_hint")
        hint.setFont(scaled_font(self.font(), 17))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(question)
        self.buttons: list[QPushButton] = []
        for index, step in enumerate(choice.choose):
            button = QPushButton(f"{index + 1}   {step.title}")
            button.setObjectName(f"choice_{index + 1}")
            button.setAccessibleName(step.title)
            button.setFont(scaled_font(self.font(), 24, bold=True))
            button.setMinimumHeight(72)
            button.clicked.connect(lambda _=False, i=index: self.pick(i))
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addWidget(hint)
        marked_button = self.buttons[marked]
        marked_button.setDefault(True)
        marked_button.setFocus()
        self.setAccessibleName(choice.question)

    def pick(self, index: int) -> None:
        self.chosen = index
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self.buttons):
            self.pick(int(text) - 1)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = [i for i, b in enumerate(self.buttons) if b.hasFocus()]
            self.pick(focused[0] if focused else self.chosen)
            return
        super().keyPressEvent(event)
