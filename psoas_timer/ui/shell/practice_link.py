"""Daily practice in the main window: reminders, desk breaks and the programme.

:class:`PracticeLink` shows the practice's Today line over the routine list, puts its items
in the tray's menu, opens the routine it asks for (never in the middle of a session: the
status bar says it can start after), tells it each session's end, and opens the reminders'
dialog. It sees the window only as :class:`PracticeWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from psoas_timer.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from psoas_timer.core.catalog import Entry
    from psoas_timer.core.engine import SessionRecord
    from psoas_timer.ui.library.library_view import LibraryView
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.practice.host import PracticeHost
    from psoas_timer.ui.shell.tray import SessionTray

__all__ = ["PracticeLink", "PracticeWindow"]


class PracticeWindow(Protocol):
    """What daily practice needs of the main window."""

    @property
    def entry(self) -> Entry | None: ...

    def open_entry(
        self, entry: Entry, *, remember: bool = True, changes: list[str] | None = None
    ) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class PracticeLink(QObject):
    """*practice* in *host* (the widget raised when it opens a routine: *window*), with the
    Today line on *library*, sessions heard from *controller*, items in *tray*'s menu."""

    def __init__(
        self,
        host: PracticeWindow,
        window: QWidget,
        practice: PracticeHost,
        *,
        library: LibraryView,
        controller: SessionController,
        tray: SessionTray | None,
    ) -> None:
        super().__init__(window)
        self._host = host
        self._window = window
        self._practice = practice
        self._library = library
        self._controller = controller
        practice.open_requested.connect(self._on_open_requested)
        practice.changed.connect(self.show_today)
        library.today_chosen.connect(practice.open_today)
        controller.ended.connect(self._on_session_ended)
        if tray is not None:
            practice.add_menu(tray.menu, before=tray.close_to_tray_action)
            tray.message_clicked.connect(practice.controller.tray_message_clicked)
        self.show_today()

    def show_today(self) -> None:
        """The Today line, as the practice says it now."""
        text, openable = self._practice.today_text()
        self._library.set_today(text, openable)

    def open_dialog(self) -> None:
        """The reminders' dialog; the Today line follows what was changed there."""
        self._practice.open_dialog()
        self.show_today()

    def _on_open_requested(self, entry: Entry, changes: list[str]) -> None:
        from psoas_timer.ui.shell.single_instance import raise_window

        if self._controller.active:  # never in the middle of a session
            message = _("{routine} can start after this session.").format(routine=entry.name)
            self._host.statusBar().showMessage(message, 10000)
            return
        raise_window(self._window)
        self._host.open_entry(entry, remember=False, changes=changes)

    def _on_session_ended(self, record: SessionRecord) -> None:
        entry = self._host.entry
        if entry is not None:
            self._practice.session_finished(entry.path.stem, record.completed)
