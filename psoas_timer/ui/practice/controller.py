"""Reminders and desk breaks in the running app: polls the Qt-free schedule and timer, shows
what is due, and turns the user's answers back into schedule calls.

How a reminder reaches the user, best first (:attr:`PracticeController.path`):

1. a desktop notification with Start now / In 10 minutes / Skip today buttons
   (:class:`~.desktop_notifications.DesktopNotifications`);
2. a tray message; clicking it opens the small prompt window with the same three buttons;
3. the prompt window alone, where there is neither (it still comes, nothing crashes).

Nothing here counts ticks: each poll reads the injected clocks, so a poll that comes late
(after sleep) sees the whole gap.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from psoas_timer.core.model import Routine
from psoas_timer.i18n import N_, _, format_time, ngettext
from psoas_timer.practice import autostart
from psoas_timer.practice.clocks import Clocks, SystemClocks
from psoas_timer.practice.deskbreak import DeskBreakSettings, DeskBreakTimer, Event
from psoas_timer.practice.programme import LoadedProgramme, Today
from psoas_timer.practice.programmes import Programmes
from psoas_timer.practice.schedule import (
    PROGRAMME_TARGET,
    DoneLog,
    Due,
    NoHistory,
    ReminderSchedule,
)
from psoas_timer.practice.store import PracticeData, load_practice, save_practice

from .desktop_notifications import DesktopNotifications
from .prompt import ReminderPrompt

__all__ = ["NotificationPath", "PracticeController", "PracticeOptions", "TrayMessages"]

log = logging.getLogger(__name__)

POLL_MS = 15_000
SNOOZE_MINUTES = 10
RETRY_SECONDS = 300

#: A notification's buttons: (key, label); the labels are marked, translated when shown.
REMINDER_ACTIONS = (
    ("start", N_("Start now")),
    ("later", N_("In 10 minutes")),
    ("skip", N_("Skip today")),
)
DESK_ACTIONS = (("start", N_("Start")), ("snooze", N_("Snooze 5 min")), ("skip", N_("Skip")))


def _labels(actions: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """*actions* with their labels in the user's language."""
    return tuple((key, _(label)) for key, label in actions)


class TrayMessages(Protocol):
    """The tray, as far as reminders need it (the shell's tray icon)."""

    def can_show_messages(self) -> bool: ...

    def show_message(self, title: str, body: str, *, icon: str | None = None) -> None: ...


class NotificationPath(enum.Enum):
    DESKTOP = "desktop"
    TRAY = "tray"
    WINDOW = "window"


@dataclass(frozen=True)
class PracticeOptions:
    """The practice settings kept in the settings registry (the shell reads and writes them)."""

    keep_in_tray: bool = False
    start_at_login: bool = False
    desk_break: DeskBreakSettings = field(default_factory=DeskBreakSettings)


@dataclass(frozen=True)
class _Shown:
    kind: str  # "reminder" or "desk"
    routine: str
    reminder_id: str = ""


class PracticeController(QObject):
    """Owns the reminder schedule and the desk-break timer for the window."""

    #: Open routine *key* ready to start (Start now, or a desk break's Start).
    start_requested = Signal(str)
    #: Reminders, the pause or the programme changed: refresh menus and labels.
    changed = Signal()

    def __init__(
        self,
        data_dir: Path,
        programmes: Callable[[], Programmes],
        routine_name: Callable[[str], str | None],
        *,
        clocks: Clocks | None = None,
        done: DoneLog | None = None,
        notifications: DesktopNotifications | None = None,
        tray: TrayMessages | None = None,
        idle: Callable[[], float | None] | None = None,
        session_running: Callable[[], bool] = lambda: False,
        fullscreen: Callable[[], bool] = lambda: False,
        quiet: Callable[[], bool] = lambda: False,
        options: PracticeOptions | None = None,
        save_options: Callable[[PracticeOptions], None] | None = None,
        prompt_parent: QWidget | None = None,
        routine_icon: Callable[[str], str | None] = lambda _key: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._dir = data_dir
        self._programmes = programmes
        self._routine_name = routine_name
        #: A picture file of routine *key*'s first exercise (or None) for its notification.
        self._routine_icon = routine_icon
        self.clocks = clocks or SystemClocks()
        self.done = done or NoHistory()
        self.notifications = notifications
        self.tray = tray
        self._session_running = session_running
        self._fullscreen = fullscreen
        self._quiet = quiet
        #: Reminders that came due during Do Not Disturb, by tag: each offered once after.
        self._held: dict[str, Due] = {}
        self._prompt_parent = prompt_parent
        self.options = options or PracticeOptions()
        self._save_options = save_options
        self.data = load_practice(data_dir)
        self.schedule = ReminderSchedule(self.clocks, self.done, self._resolve)
        self.schedule.restore(self.data.schedule_state)
        self.schedule.set_reminders(self.data.reminders)
        self.desk = DeskBreakTimer(
            self.options.desk_break, self.clocks.monotonic, idle or (lambda: None)
        )
        self._shown: dict[str, _Shown] = {}
        self._last_retry: float | None = None
        self._last_tray_tag: str | None = None
        self.prompt: ReminderPrompt | None = None
        self._saved_state = self.schedule.state()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._desktop_there = False
        if notifications is not None:
            notifications.action_invoked.connect(self.answer)
            notifications.failed.connect(self._desktop_failed)
            notifications.answered.connect(self._desktop_answered)

    # -- running ---------------------------------------------------------------------------
    def start(self, *, look_now: bool = True) -> None:
        """Start polling (and take the first look now, unless *look_now* is false: the
        caller then polls when it is ready)."""
        self._timer.start()
        if look_now:
            self.poll()

    def stop(self) -> None:
        self._timer.stop()
        self._save()

    @property
    def has_reminders(self) -> bool:
        return bool(self.data.reminders) or self.options.desk_break.enabled

    @property
    def path(self) -> NotificationPath:
        if self.notifications is not None and self.notifications.available:
            return NotificationPath.DESKTOP
        if self.tray is not None and self.tray.can_show_messages():
            return NotificationPath.TRAY
        return NotificationPath.WINDOW

    def path_text(self) -> str:
        """Which way reminders come, in words for the dialog."""
        path = self.path
        if path is NotificationPath.DESKTOP:
            server = self.notifications.server if self.notifications else None
            if server:
                return _(
                    "Reminders come as desktop notifications ({server}), with Start now, "
                    "In 10 minutes and Skip today buttons."
                ).format(server=server)
            return _(
                "Reminders come as desktop notifications, with Start now, In 10 minutes and "
                "Skip today buttons."
            )
        if path is NotificationPath.TRAY:
            return _(
                "No notification service here: reminders come as tray messages. Click one for "
                "Start now, In 10 minutes or Skip today."
            )
        return _(
            "No notification service and no tray here: reminders open a small window with "
            "Start now, In 10 minutes and Skip today."
        )

    # -- the user's settings ---------------------------------------------------------------
    def apply(self, data: PracticeData, options: PracticeOptions) -> None:
        """Use what the Reminders dialog says from now on, and keep it."""
        if data.programme != self.data.programme:
            data = replace(
                data, programme_start=self.clocks.now().date() if data.programme else None
            )
        self.data = data
        self.schedule.set_reminders(data.reminders)
        if options.desk_break != self.options.desk_break:
            self.desk.settings = options.desk_break
            self.desk.reset()
        if options.start_at_login != self.options.start_at_login:
            try:
                if options.start_at_login:
                    autostart.enable()
                else:
                    autostart.disable()
            except OSError:
                log.exception("could not change the autostart entry")
                options = replace(options, start_at_login=autostart.enabled())
        self.options = options
        if self._save_options is not None:
            self._save_options(options)
        self._save(force=True)
        self.changed.emit()

    # -- pausing (the tray menu) -----------------------------------------------------------
    def pause_hour(self) -> None:
        self.schedule.pause_for(3600)
        self._paused_changed()

    def pause_rest_of_day(self) -> None:
        self.schedule.pause_rest_of_day()
        self._paused_changed()

    def pause_until_resumed(self) -> None:
        self.schedule.pause_until_resumed()
        self._paused_changed()

    def resume(self) -> None:
        self.schedule.resume()
        self._paused_changed()

    def pause_text(self) -> str:
        if not self.schedule.paused:
            return _("Reminders are on")
        until = self.schedule.paused_until
        if until is None:
            return _("Reminders paused until you turn them back on")
        return _("Reminders paused until {time}").format(time=format_time(until))

    def _paused_changed(self) -> None:
        self._save(force=True)
        self.changed.emit()

    # -- programme -------------------------------------------------------------------------
    def programmes(self) -> Programmes:
        """The programmes there are (bundled and the user's), as the window last read them."""
        return self._programmes()

    def today(self, day: date | None = None) -> Today | None:
        """Today's session of the programme the user follows, if any."""
        return self._programmes().today(self.data, day or self.clocks.now().date(), self.done)

    def followed_programme(self) -> tuple[LoadedProgramme, date | None] | None:
        """The programme the user follows and the day it was begun (for the report), or
        None when none is followed or it cannot be read."""
        entry = self._programmes().find(self.data.programme or "")
        if entry is None or entry.programme is None:
            return None
        return entry.programme, self.data.programme_start

    def programme_routine(self, key: str) -> tuple[Routine, list[str]] | None:
        """Routine *key* as today's programme session has it (this week's changes applied),
        with what changed from last week; ``None`` if it is not today's session."""
        today = self.today()
        if today is None or today.routine != key:
            return None
        entry = self._programmes().find(self.data.programme or "")
        if entry is None or entry.programme is None:
            return None
        return entry.programme.routine_for(key, today.week), today.since_last_week

    def _resolve(self, target: str, day: date) -> str | None:
        resolve = self._programmes().resolver(self.data, self.done)
        result: str | None = resolve(target, day)
        return result

    # -- polling ---------------------------------------------------------------------------
    def poll(self) -> None:
        """Show what is due. While the desktop is in Do Not Disturb nothing pops up: the
        reminders that came due wait and are offered once when it ends, and a desk break
        waits as it does behind a full-screen window (then comes, once)."""
        self._retry_notifications()
        quiet = self._quiet()
        for due in self.schedule.poll():
            if quiet:
                log.info("practice: %s held during Do Not Disturb", due.routine)
                self._held[f"reminder:{due.reminder.id}"] = due
            else:
                self._show_reminder(due)
        if not quiet and self._held:
            held, self._held = self._held, {}
            for due in held.values():
                self._show_reminder(due)
        event = self.desk.poll(
            session_running=self._session_running(),
            fullscreen=self._fullscreen() or quiet,
            paused=self.schedule.paused,
        )
        if event is not None:
            self._show_desk_break(event)
        self._save()

    def _retry_notifications(self) -> None:
        """At login the notification service may come up after the app. One that takes
        its name is heard at once; one that can only be started by the bus (activatable)
        is looked for again now and then (every few minutes) while there is none. Asking
        never waits: the answer comes as ``answered``."""
        notes = self.notifications
        if notes is None or notes.available or notes.asking:
            return
        now = self.clocks.monotonic()
        if self._last_retry is not None and now - self._last_retry < RETRY_SECONDS:
            return
        if self._last_retry is not None:
            notes.start()
        self._last_retry = now

    def _desktop_answered(self, available: bool) -> None:
        if available == self._desktop_there:
            return
        self._desktop_there = available
        if available and self.notifications is not None:
            log.info("desktop notifications are there now: %s", self.notifications.reason)
        self.changed.emit()

    def _show_reminder(self, due: Due) -> None:
        name = self._routine_name(due.routine) or due.routine
        lines = [_("Your {time} reminder.").format(time=format_time(due.at))]
        if due.snoozed:  # it comes later than its time: named by the time it was set for
            lines = [_("Your {time} reminder, snoozed.").format(time=format_time(due.reminder.at))]
        if due.late:
            lines = [
                _("Missed at {time} while the computer was asleep or off.").format(
                    time=format_time(due.at)
                )
            ]
        today = self.today(due.day) if due.reminder.target == PROGRAMME_TARGET else None
        if today is not None and today.routine == due.routine:
            lines.append(_("Today: {session}").format(session=today.label()))
        tag = f"reminder:{due.reminder.id}"
        self._shown[tag] = _Shown("reminder", due.routine, due.reminder.id)
        self._show(
            tag,
            _("Time for {routine}").format(routine=name),
            "\n".join(lines),
            REMINDER_ACTIONS,
            icon=self._routine_icon(due.routine),
        )

    def _show_desk_break(self, event: Event) -> None:
        routine = self.options.desk_break.routine
        name = self._routine_name(routine) or routine
        self._shown["desk"] = _Shown("desk", routine)
        if event is Event.NOTICE:
            seconds = round(self.options.desk_break.notice_seconds)
            title = ngettext(
                "A desk break in {count} second", "A desk break in {count} seconds", seconds
            ).format(count=seconds)
        else:
            title = _("Time for a desk break")
        body = _("{routine}: stand up and move.").format(routine=name)
        self._show("desk", title, body, DESK_ACTIONS, icon=self._routine_icon(routine))

    def _show(
        self,
        tag: str,
        title: str,
        body: str,
        actions: tuple[tuple[str, str], ...],
        *,
        icon: str | None = None,
    ) -> None:
        log.info("practice: %s (%s)", title, tag)
        actions = _labels(actions)
        notes = self.notifications
        if (
            notes is not None
            and notes.available
            and notes.notify(tag, title, body, actions, icon=icon)
        ):
            return
        if self.tray is not None and self.tray.can_show_messages():
            self.tray.show_message(title, body, icon=icon)
            self._last_tray_tag = tag
            return
        self._open_prompt(tag, title, body, actions)

    def _desktop_failed(self, tag: str) -> None:
        shown = self._shown.get(tag)
        if shown is None:
            return
        actions = REMINDER_ACTIONS if shown.kind == "reminder" else DESK_ACTIONS
        name = self._routine_name(shown.routine) or shown.routine
        title = _("Time for {routine}").format(routine=name)
        self._open_prompt(tag, title, "", _labels(actions))

    def tray_message_clicked(self) -> None:
        """The tray message was clicked: offer its choices in the prompt window."""
        tag, self._last_tray_tag = self._last_tray_tag, None
        shown = self._shown.get(tag or "")
        if tag is None or shown is None:
            return
        actions = REMINDER_ACTIONS if shown.kind == "reminder" else DESK_ACTIONS
        name = self._routine_name(shown.routine) or shown.routine
        title = _("Time for {routine}").format(routine=name)
        self._open_prompt(tag, title, "", _labels(actions))

    def _open_prompt(
        self, tag: str, title: str, body: str, actions: tuple[tuple[str, str], ...]
    ) -> None:
        if self.prompt is None:
            self.prompt = ReminderPrompt(self._prompt_parent)
            self.prompt.answered.connect(self.answer)
        self.prompt.ask(tag, title, body, actions)

    # -- answers ---------------------------------------------------------------------------
    def answer(self, tag: str, action: str) -> None:
        """The user's answer *action* to the notification *tag*."""
        shown = self._shown.get(tag)
        if shown is None:
            return
        if shown.kind == "reminder":
            if action in ("start", "default"):
                self.start_requested.emit(shown.routine)
            elif action == "later":
                self.schedule.snooze(shown.reminder_id, SNOOZE_MINUTES)
            elif action == "skip":
                self.schedule.skip_today(shown.reminder_id)
            else:
                return
        else:
            if action in ("start", "default"):
                self.desk.started()
                self.start_requested.emit(shown.routine)
            elif action == "snooze":
                self.desk.snooze()
            elif action == "skip":
                self.desk.skip()
            else:
                return
        del self._shown[tag]
        if self.notifications is not None:
            self.notifications.close(tag)
        self._save(force=True)

    # -- keeping ---------------------------------------------------------------------------
    def _save(self, force: bool = False) -> None:
        state = self.schedule.state()
        if not force and state == self._saved_state:
            return
        self.data.schedule_state = state
        try:
            save_practice(self._dir, self.data)
        except OSError:
            log.exception("could not save the reminders to %s", self._dir)
            return
        self._saved_state = state
