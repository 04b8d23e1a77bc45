"""The window as a remote sees it: the :class:`~psoas_timer.ui.remote.remote_control.RemoteSession`
of the main window, made of its own controls, and :func:`attach_remote`, which puts the app
on the session bus as an MPRIS media player.

Every call from afar goes through the window's own controls: Play is the Start button
(:class:`.SessionControls`, :class:`.SessionSteps` and the Qt-free
:class:`~psoas_timer.session.flow.SessionFlow` do the rest, as for a press), Next is Next,
Released is Released. Nothing here decides what a session does. It sees the window only as
:class:`RemoteWindow`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShortcutEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Entry
    from psoas_timer.core.engine import Snapshot
    from psoas_timer.core.plan import Plan
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.remote.mpris import MprisService
    from psoas_timer.ui.remote.remote_control import RemoteControl
    from psoas_timer.ui.shell.actions import Actions
    from psoas_timer.ui.shell.session_controls import SessionControls
    from psoas_timer.ui.shell.session_steps import SessionSteps
    from psoas_timer.ui.shell.settings import Preferences

__all__ = ["MediaKeys", "RemoteWindow", "WindowSession", "attach_remote"]

log = logging.getLogger(__name__)


class RemoteWindow(Protocol):
    """What a remote needs of the main window: its session, controls and questions."""

    @property
    def entry(self) -> Entry | None: ...

    @property
    def controller(self) -> SessionController: ...

    @property
    def commands(self) -> Actions: ...

    @property
    def controls(self) -> SessionControls: ...

    @property
    def steps(self) -> SessionSteps: ...

    @property
    def preferences(self) -> Preferences: ...

    def window(self) -> QWidget:
        """The window itself (Qt's own method), to raise and to own the remote."""


class WindowSession:
    """The main window's session, for a remote (see ``RemoteSession``)."""

    def __init__(self, window: RemoteWindow) -> None:
        self._w = window

    def snapshot(self) -> Snapshot | None:
        controller = self._w.controller
        return controller.snapshot() if controller.active else None

    @property
    def running(self) -> bool:
        return self._w.controller.running

    def plan(self) -> Plan | None:
        controller, entry = self._w.controller, self._w.entry
        if controller.active and controller.plan is not None:
            return controller.plan
        return entry.plan if entry is not None and entry.routine is not None else None

    def can_start(self) -> bool:
        return not self._w.controller.active and self._w.commands.start_pause.isEnabled()

    def start_pause(self) -> None:
        self._w.commands.start_pause.trigger()

    def next(self) -> None:
        self._w.commands.next.trigger()

    def previous(self) -> None:
        self._w.commands.previous.trigger()

    def add_time(self) -> None:
        self._w.commands.add_time.trigger()

    def release(self) -> float | None:
        return self._w.controls.release()

    def stop(self, *, ask: bool) -> None:
        self._w.controls.stop(ask=ask)

    def dialog_open(self) -> bool:
        return (
            QApplication.activeModalWidget() is not None
            or self._w.steps.safety_dialog is not None
            or self._w.steps.choice_dialog is not None
        )

    def answer_stop(self) -> bool:
        if not self._w.controls.asking_stop:
            return False
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.defaultButton() is not None:
            box.defaultButton().click()  # Yes: the same as Enter
            return True
        return False

    def stop_without_asking(self) -> bool:
        return self._w.preferences.remote_stop_unasked

    def raise_window(self) -> None:
        from psoas_timer.ui.shell.single_instance import raise_window

        raise_window(self._w.window())

    def quit(self) -> None:
        self._w.commands.quit.trigger()

    def say(self, text: str) -> None:
        self._w.controls.confirm(text)


Key = Qt.Key

#: Media keys, as the window gets them when it has the focus and no desktop service took them.
#: The play key toggles, as GNOME's and KDE's media keys make it do.
MEDIA_KEYS = {
    Key.Key_MediaTogglePlayPause: "PlayPause",
    Key.Key_MediaPlay: "PlayPause",
    Key.Key_MediaPause: "Pause",
    Key.Key_MediaNext: "Next",
    Key.Key_MediaPrevious: "Previous",
    Key.Key_MediaStop: "Stop",
}


class MediaKeys(QObject):
    """Media keys pressed in the window go the way of the desktop's (MPRIS) calls, so they
    are confirmed aloud as those are: the play keys are taken from the Start/Pause action's
    shortcuts before it acts, next, previous and stop have shortcuts of their own."""

    def __init__(self, window: RemoteWindow, act: Callable[[str], None]) -> None:
        super().__init__(window.window())
        self._act = act
        self._play = {QKeySequence(key): command for key, command in list(MEDIA_KEYS.items())[:3]}
        window.commands.start_pause.installEventFilter(self)
        self.shortcuts: list[QShortcut] = []
        for key, command in list(MEDIA_KEYS.items())[3:]:
            shortcut = QShortcut(QKeySequence(key), window.window())
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda command=command: self._act(command))
            self.shortcuts.append(shortcut)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and isinstance(event, QShortcutEvent):
            command = self._play.get(event.key())
            if command is not None:
                self._act(command)
                return True
        return super().eventFilter(watched, event)


def attach_remote(window: RemoteWindow, service: MprisService) -> RemoteControl:
    """Put *window* on the session bus through *service* (started here; the caller stops
    it): calls from afar act on it, and the desktop sees its session."""
    from psoas_timer.ui.remote.remote_control import RemoteControl
    from psoas_timer.ui.remote.shortcuts import GlobalShortcuts

    remote = RemoteControl(WindowSession(window), service, window.controller.clock, window.window())
    service.requested.connect(remote.act, Qt.ConnectionType.QueuedConnection)
    # The desktop's global shortcuts, where it has the portal, on the same connection.
    shortcuts = GlobalShortcuts(remote)
    service.link.add(shortcuts.part)
    shortcuts.activated.connect(remote.act)
    remote.shortcuts = shortcuts
    remote.media_keys = MediaKeys(window, remote.act)
    window.controller.updated.connect(remote.refresh)
    window.controller.active_changed.connect(remote.refresh)
    window.commands.start_pause.changed.connect(remote.refresh)
    remote.refresh()
    service.start()
    return remote
