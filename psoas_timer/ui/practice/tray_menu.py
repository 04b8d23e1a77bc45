"""The practice items of the tray menu: Reminders…, and pausing all reminders for an hour,
for the rest of the day, or until turned back on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from psoas_timer.i18n import _

from .controller import PracticeController

__all__ = ["PracticeMenu"]


class PracticeMenu(QObject):
    """Adds its items to *menu* (before *before*, if given) and keeps them current."""

    def __init__(
        self,
        menu: QMenu,
        controller: PracticeController,
        open_dialog: Callable[[], None],
        before: QAction | None = None,
    ) -> None:
        super().__init__(menu)
        self.controller = controller
        self.status = QAction(_("Reminders are on"), self)
        self.status.setEnabled(False)
        self.reminders = QAction(_("Reminders…"), self)
        self.pause_hour = QAction(_("Pause reminders for 1 hour"), self)
        self.pause_day = QAction(_("Pause reminders for the rest of the day"), self)
        self.pause_forever = QAction(_("Pause reminders until I turn them back on"), self)
        self.resume = QAction(_("Turn reminders back on"), self)
        self.actions_in_order = [
            self.status,
            self.reminders,
            self.pause_hour,
            self.pause_day,
            self.pause_forever,
            self.resume,
        ]
        separator = QAction(self)
        separator.setSeparator(True)
        menu.insertActions(before, [*self.actions_in_order, separator])  # type: ignore[arg-type]
        self.reminders.triggered.connect(open_dialog)
        self.pause_hour.triggered.connect(controller.pause_hour)
        self.pause_day.triggered.connect(controller.pause_rest_of_day)
        self.pause_forever.triggered.connect(controller.pause_until_resumed)
        self.resume.triggered.connect(controller.resume)
        controller.changed.connect(self.refresh)
        menu.aboutToShow.connect(self.refresh)  # a pause for an hour ends on its own
        self.refresh()

    def refresh(self) -> None:
        paused = self.controller.schedule.paused
        self.status.setText(self.controller.pause_text())
        for action in (self.pause_hour, self.pause_day, self.pause_forever):
            action.setVisible(not paused)
            action.setEnabled(self.controller.has_reminders)
        self.resume.setVisible(paused)
