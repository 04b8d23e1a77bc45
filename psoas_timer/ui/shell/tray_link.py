"""The tray icon in the main window: pause or resume and the time left from the panel, the
window brought back or the app quit from its menu, and closing the window to the tray.

:class:`TrayLink` connects the :class:`~psoas_timer.ui.shell.tray.SessionTray` to the session
controller and says, when the window is closed, whether it only hides: while a session runs
(if the user chose so), or where reminders keep coming from the tray. It sees the window only
as a plain ``QWidget`` (to hide, close and raise it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from psoas_timer.i18n import _

if TYPE_CHECKING:
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.practice.host import PracticeHost
    from psoas_timer.ui.shell.tray import SessionTray

__all__ = ["TrayLink"]


class TrayLink(QObject):
    """*tray* for *window*, showing and driving *controller*'s session."""

    def __init__(self, window: QWidget, tray: SessionTray, controller: SessionController) -> None:
        super().__init__(window)
        self._window = window
        self._tray = tray
        self._controller = controller
        #: Quit was chosen from the tray's menu: the window closes for good.
        self.quitting = False
        tray.toggle_requested.connect(controller.toggle)
        tray.show_requested.connect(self._on_show_requested)
        tray.quit_requested.connect(self.quit)
        controller.updated.connect(tray.show_snapshot)
        controller.active_changed.connect(self._on_active_changed)
        tray.set_visible(True)

    def hides_on_close(self, practice: PracticeHost | None) -> bool:
        """The window is being closed: hide it to the tray instead (and say so) while a
        session runs and the user chose that, or where *practice*'s reminders keep coming
        from the tray; False when it closes for good."""
        if self.quitting:
            return False
        active = self._controller.active
        if self._tray.should_hide_on_close(active):
            self._window.hide()
            self._tray.notify_hidden()
            return True
        if practice is not None and practice.keep_in_tray and not active:
            self._window.hide()
            self._tray.notify_hidden(_("Reminders keep coming from here. Quit from this menu."))
            return True
        return False

    def _on_show_requested(self) -> None:
        from psoas_timer.ui.shell.single_instance import raise_window

        raise_window(self._window)

    def quit(self) -> None:
        """Close the window for good (Quit, from the tray's menu or the window's)."""
        self.quitting = True
        if not self._window.close():
            self.quitting = False

    def _on_active_changed(self, active: bool) -> None:
        if not active:
            self._tray.clear()
