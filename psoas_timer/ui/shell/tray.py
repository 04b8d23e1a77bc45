"""An optional tray icon: pause or resume the running session and see the time left.

:class:`SessionTray` knows nothing of the main window. It is fed the session's state
(:meth:`SessionTray.show_snapshot`, or :meth:`SessionTray.set_session` with plain values) and
asks for things through signals (:attr:`toggle_requested`, :attr:`show_requested`,
:attr:`quit_requested`). Its menu and actions exist whether or not the desktop has a tray, so
they work (and are tested) offscreen; the :class:`QSystemTrayIcon` itself is only made where
:meth:`QSystemTrayIcon.isSystemTrayAvailable` says there is a tray.

Closing to the tray during a session is a setting, off by default
(:attr:`~psoas_timer.ui.shell.settings.Preferences.close_to_tray`);
:meth:`SessionTray.should_hide_on_close` answers the window's ``closeEvent``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from psoas_timer import APP_NAME
from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import Snapshot, State
from psoas_timer.i18n import _
from psoas_timer.ui.shell.settings import Preferences

__all__ = ["SessionTray"]


class SessionTray(QObject):
    """The tray icon and its menu. Pass *preferences* to remember the close-to-tray choice."""

    #: Pause a running session or resume a paused one.
    toggle_requested = Signal()
    #: Bring the window back (tray click, or "Show Psoas Timer").
    show_requested = Signal()
    #: Quit the app from the tray (the window decides whether to ask first).
    quit_requested = Signal()
    #: The close-to-tray setting changed.
    close_to_tray_changed = Signal(bool)
    #: A message shown with :meth:`show_message` was clicked.
    message_clicked = Signal()

    def __init__(
        self,
        icon: QIcon,
        preferences: Preferences | None = None,
        parent: QObject | None = None,
        *,
        available: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._available = (
            QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        )
        self._active = False
        self._paused = False
        self._tooltip = APP_NAME

        self.menu = QMenu()
        self.show_action = QAction(_("Show {app}").format(app=APP_NAME), self)
        self.status_action = QAction(_("No session running"), self)
        self.status_action.setEnabled(False)
        self.toggle_action = QAction(_("Pause"), self)
        self.toggle_action.setEnabled(False)
        self.close_to_tray_action = QAction(_("Keep running in the tray when closed"), self)
        self.close_to_tray_action.setCheckable(True)
        self.close_to_tray_action.setChecked(preferences is not None and preferences.close_to_tray)
        self.quit_action = QAction(_("Quit"), self)
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.menu.addAction(self.status_action)
        self.menu.addAction(self.toggle_action)
        self.menu.addSeparator()
        self.menu.addAction(self.close_to_tray_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

        self.show_action.triggered.connect(self.show_requested)
        self.toggle_action.triggered.connect(self._on_toggle_triggered)
        self.quit_action.triggered.connect(self.quit_requested)
        self.close_to_tray_action.toggled.connect(self._on_close_to_tray_toggled)

        self.icon: QSystemTrayIcon | None = None
        if self._available:
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.setContextMenu(self.menu)
            self.icon.setToolTip(self._tooltip)
            self.icon.activated.connect(self._on_icon_activated)
            self.icon.messageClicked.connect(self.message_clicked)

    # -- state ------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Whether the desktop shows tray icons (never offscreen)."""
        return self._available

    @property
    def active(self) -> bool:
        return self._active

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def tooltip(self) -> str:
        return self._tooltip

    @property
    def close_to_tray(self) -> bool:
        """The setting (off by default)."""
        return self.close_to_tray_action.isChecked()

    @close_to_tray.setter
    def close_to_tray(self, value: bool) -> None:
        self.close_to_tray_action.setChecked(value)

    def should_hide_on_close(self, session_active: bool) -> bool:
        """Whether closing the window should hide it to the tray instead: only during a
        session, only when the setting is on, and only where there is a tray to come back
        from."""
        return session_active and self.close_to_tray and self._available

    # -- input ------------------------------------------------------------------------------
    def set_visible(self, visible: bool) -> None:
        """Show or hide the icon (nothing happens without a tray)."""
        if self.icon is not None:
            self.icon.setVisible(visible)

    def show_snapshot(self, snap: Snapshot | None) -> None:
        """Follow the session: a snapshot while one runs, ``None`` (or a finished or stopped
        one) when there is none."""
        if snap is None or snap.state not in (State.RUNNING, State.PAUSED):
            self.clear()
            return
        self.set_session(
            paused=snap.state is State.PAUSED,
            label=snap.segment.label,
            step_left=snap.remaining,
            session_left=snap.session_remaining,
        )

    def set_session(
        self, *, paused: bool, label: str, step_left: float, session_left: float
    ) -> None:
        """A session is running (or paused): what is on and how long is left."""
        self._active = True
        self._paused = paused
        left = format_clock(session_left)
        status = _("{step}: {time}").format(step=label, time=format_clock(step_left))
        if paused:
            status = _("Paused · {status}").format(status=status)
        self.status_action.setText(_("{status} · {time} left").format(status=status, time=left))
        self.toggle_action.setText(_("Resume") if paused else _("Pause"))
        self.toggle_action.setEnabled(True)
        self._set_tooltip(
            "\n".join([APP_NAME, status, _("{time} left in the session").format(time=left)])
        )

    def clear(self) -> None:
        """No session."""
        self._active = False
        self._paused = False
        self.status_action.setText(_("No session running"))
        self.toggle_action.setText(_("Pause"))
        self.toggle_action.setEnabled(False)
        self._set_tooltip(APP_NAME)

    def notify_hidden(self, text: str = "") -> None:
        """Tell the user the window went to the tray and what goes on there."""
        text = text or _("The session goes on here. Click the icon to bring the window back.")
        if self.can_show_messages():
            self.show_message(APP_NAME, text, 4000)

    def can_show_messages(self) -> bool:
        """Whether :meth:`show_message` shows anything (a visible icon that supports it)."""
        return self.icon is not None and self.icon.isVisible() and self.icon.supportsMessages()

    def show_message(
        self, title: str, body: str, msecs: int = 10000, *, icon: str | None = None
    ) -> None:
        """A message from the tray icon (reminders use it where notifications are missing),
        with the picture file *icon* where given (a routine's first exercise)."""
        if self.icon is None:
            return
        picture = QIcon(icon) if icon else QIcon()
        if not picture.isNull():
            self.icon.showMessage(title, body, picture, msecs)
        else:
            self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, msecs)

    # -- internals --------------------------------------------------------------------------
    def _set_tooltip(self, text: str) -> None:
        if text == self._tooltip:
            return
        self._tooltip = text
        if self.icon is not None:
            self.icon.setToolTip(text)

    def _on_close_to_tray_toggled(self, on: bool) -> None:
        if self._preferences is not None:
            self._preferences.close_to_tray = on
        self.close_to_tray_changed.emit(on)

    def _on_toggle_triggered(self) -> None:
        if self._active:
            self.toggle_requested.emit()

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()
        elif reason is QSystemTrayIcon.ActivationReason.MiddleClick:
            self._on_toggle_triggered()
