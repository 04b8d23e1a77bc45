"""The weekly check-in: up to three activities the user finds hard, each rated 0–10 (the
Patient-Specific Functional Scale), and how things are overall since starting (a global
impression of change, seven steps from "very much worse" to "very much improved").

The activities are filled in from the last check-in, so a week later only the numbers
change. Everything is typed or chosen from the keyboard; nothing is required.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from psoas_timer.history import IMPRESSIONS, ActivityScore, CheckIn, HistoryStore
from psoas_timer.i18n import N_, _, upper_first
from psoas_timer.ui.common.theme import scaled_font

__all__ = ["EXAMPLES", "CheckInDialog"]

log = logging.getLogger(__name__)

#: Shown as placeholders: the kind of activity the scale asks about.
EXAMPLES = (N_("Sitting for an hour"), N_("Putting on socks"), N_("Running for 20 minutes"))


class CheckInDialog(QDialog):
    """Ask, then record with :meth:`save` (the dialog's OK does it)."""

    def __init__(
        self, store: HistoryStore, session_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkin_dialog")
        self.setWindowTitle(_("Weekly check-in"))
        self.store = store
        self.session_id = session_id
        #: The check-in recorded by :meth:`save`, once it is.
        self.saved: CheckIn | None = None
        big = scaled_font(self.font(), 17)
        intro = QLabel(
            _(
                "Name up to three activities that are hard because of your hip or back, and rate "
                "each: 0 is “I cannot do it”, 10 is “as well as before the trouble began”."
            )
        )
        intro.setWordWrap(True)
        intro.setFont(big)
        grid = QGridLayout()
        self.activities: list[QLineEdit] = []
        self.scores: list[QSpinBox] = []
        last = store.last_checkin()
        for n in range(3):
            name = QLineEdit()
            name.setObjectName(f"checkin_activity_{n + 1}")
            name.setPlaceholderText(_("e.g. {example}").format(example=_(EXAMPLES[n])))
            name.setMaxLength(200)
            name.setAccessibleName(_("Activity {number}").format(number=n + 1))
            score = QSpinBox()
            score.setObjectName(f"checkin_score_{n + 1}")
            score.setRange(0, 10)
            score.setSpecialValueText(_("0 (cannot)"))
            score.setAccessibleName(_("Activity {number}: 0 to 10").format(number=n + 1))
            if last is not None and n < len(last.activities):
                name.setText(last.activities[n].activity)
                score.setValue(last.activities[n].score)
            for widget in (name, score):
                widget.setFont(big)
            label = QLabel(f"&{n + 1}.")
            label.setFont(big)
            label.setBuddy(name)
            grid.addWidget(label, n, 0)
            grid.addWidget(name, n, 1)
            grid.addWidget(score, n, 2)
            self.activities.append(name)
            self.scores.append(score)
        grid.setColumnStretch(1, 1)

        self.overall = QGroupBox(_("Overall, since you started the exercises, you are:"))
        self.overall.setFont(big)
        self.impression = QButtonGroup(self)
        column = QVBoxLayout(self.overall)
        for value in sorted(IMPRESSIONS, reverse=True):
            button = QRadioButton(upper_first(_(IMPRESSIONS[value])))
            button.setObjectName(f"impression_{value}")
            self.impression.addButton(button, value + 3)  # ids must not be negative
            column.addWidget(button)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Not now"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.overall)
        layout.addWidget(buttons)
        self.activities[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def answers(self) -> tuple[list[ActivityScore], int | None]:
        """The activities named (with their scores) and the impression (None if none)."""
        activities = [
            ActivityScore(name.text().strip(), score.value())
            for name, score in zip(self.activities, self.scores, strict=True)
            if name.text().strip()
        ]
        chosen = self.impression.checkedId()
        return activities, (chosen - 3 if chosen >= 0 else None)

    def save(self) -> bool:
        """Record the answers (nothing when nothing was answered); False, after saying
        why, when they cannot be."""
        activities, impression = self.answers()
        if not activities and impression is None:
            return True
        try:
            self.saved = self.store.add_checkin(activities, impression, session_id=self.session_id)
        except (ValueError, OSError, sqlite3.Error) as exc:
            log.warning("could not record the check-in: %s", exc)
            QMessageBox.warning(self, _("Check-in not saved"), str(exc))
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()
