"""What the session's controls do: Start/Pause, Previous, Next, Restart step, Released,
more or less time, and Stop; and which controls can be used, and what Start/Pause says,
as the session and the page change.

The main window owns one :class:`SessionControls`; it passes each press to the session
controller (dropping the voice lines queued for a part left behind) and shows what the
controller reports on the player, in sound, and in the screensaver's inhibition. Start goes
to the window (:class:`ControlsHost`), which starts through the session's steps. Whether a
press of Released ends the hold is the session flow's to say (:class:`ReleaseRule`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from psoas_timer.i18n import _
from psoas_timer.session.steps import PressAgain
from psoas_timer.ui.shell.window_parts import Page

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Entry
    from psoas_timer.core.engine import FiredCue, Snapshot
    from psoas_timer.session.steps import EndHold
    from psoas_timer.ui.player.player_view import PlayerView
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.shell.actions import Actions
    from psoas_timer.ui.shell.window_parts import Services

__all__ = ["EXTEND_SECONDS", "ControlsHost", "ReleaseRule", "SessionControls"]

#: What More time and Less time add or take, in seconds.
EXTEND_SECONDS = 10.0


class ControlsHost(Protocol):
    """What the controls need of the window: where it is, and the routines to search."""

    @property
    def page(self) -> Page: ...

    @property
    def entry(self) -> Entry | None: ...

    def search_routines(self) -> None: ...


class ReleaseRule(Protocol):
    """Whether a press of Released ends the open hold (the session flow keeps the rule)."""

    def release_pressed(self) -> EndHold | PressAgain | None: ...

    def release_hint(self) -> float | None: ...


class SessionControls(QObject):
    """The session's *commands* for *host* (the parent of its question, *parent*), driving
    *controller* and drawn on *player*, with the *services*' sound and screensaver; *rule*
    says what a press of Released does, *start* starts the open routine (with its steps)."""

    def __init__(
        self,
        host: ControlsHost,
        parent: QWidget,
        *,
        commands: Actions,
        controller: SessionController,
        player: PlayerView,
        services: Services,
        rule: ReleaseRule,
        start: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._start = start
        self._parent = parent
        self._commands = commands
        self._controller = controller
        self._player = player
        self._services = services
        self._audio = services.audio
        self._rule = rule
        # Wakes when a second press of Released no longer counts, so its hint goes (paused too).
        self._hint_expiry = QTimer(self)
        self._hint_expiry.setSingleShot(True)
        self._hint_expiry.timeout.connect(self._show_release_hint)
        self._action_state: tuple[object, ...] = ()
        #: The "Stop the session?" question is open.
        self.asking_stop = False

    def connect_signals(self) -> None:
        a, controller, player = self._commands, self._controller, self._player
        a.start_pause.triggered.connect(self._on_start_pause_triggered)
        a.previous.triggered.connect(self._on_previous_triggered)
        a.next.triggered.connect(self._on_next_triggered)
        a.add_time.triggered.connect(self._on_add_time_triggered)
        a.take_time.triggered.connect(self._on_take_time_triggered)
        a.restart_step.triggered.connect(self._on_restart_step_triggered)
        a.released.triggered.connect(self._on_released_triggered)
        a.stop.triggered.connect(self._on_stop_triggered)
        a.search.triggered.connect(self._on_search_triggered)
        player.release_requested.connect(self._on_released_triggered)
        player.extend_requested.connect(controller.extend)
        controller.updated.connect(self._on_updated)
        controller.cues_fired.connect(self._on_cues_fired)
        controller.moved.connect(player.clear_caption)
        controller.active_changed.connect(self._on_active_changed)

    def sync_actions(self, snap: Snapshot | None = None) -> None:
        snap = snap or self._controller.snapshot()
        active = self._controller.active
        state = snap.state if (snap is not None and active) else None
        is_open = bool(active and snap is not None and snap.segment.open is not None)
        key = (active, state, is_open, self._host.page, self._host.entry is not None)
        if key == self._action_state:
            return
        self._action_state = key
        a = self._commands
        self._letters_on_player_only()
        a.search.setEnabled(not active)
        for action in a.session_only():
            action.setEnabled(active)
        a.released.setEnabled(is_open)
        a.back.setEnabled(not active and self._host.page != Page.LIBRARY)
        a.new_routine.setEnabled(self._services.folders is not None and not active)
        a.edit_routine.setEnabled(
            self._services.folders is not None
            and not active
            and self._host.entry is not None
            and self._host.page in (Page.ROUTINE, Page.COMPLETION)
        )
        a.progress.setEnabled(not active)
        can_start = active or (
            self._host.page in (Page.ROUTINE, Page.COMPLETION) and self._host.entry is not None
        )
        a.start_pause.setEnabled(can_start)
        from psoas_timer.ui.common.icons import icon as themed_icon

        if active and self._controller.running:
            text, icon = _("Pause"), "media-playback-pause"
        elif active:  # paused
            text, icon = _("Resume"), "media-playback-start"
        else:
            text, icon = _("Start"), "media-playback-start"
        a.start_pause.setText(text)
        a.start_pause.setIcon(themed_icon(icon))

    def _letters_on_player_only(self) -> None:
        """Single-letter keys (C, M, F, H, T, R) act only while the player shows: a word
        typed with no box to take it changes nothing. Their menu entries and buttons work
        everywhere."""
        from psoas_timer.ui.shell.actions import all_keys, is_single_key

        on_player = self._host.page is Page.PLAYER
        for action in self._commands.all():
            keys = all_keys(action)
            wanted = keys if on_player else [k for k in keys if not is_single_key(k)]
            if action.shortcuts() != wanted:
                action.setShortcuts(wanted)

    def _on_search_triggered(self) -> None:
        """Ctrl+F or /, from any page but a session's: the routines, typing in the search."""
        if not self._controller.active:
            self._host.search_routines()

    def _on_start_pause_triggered(self) -> None:
        if self._controller.active:
            self._controller.toggle()
            if not self._controller.running:
                self._audio.stop_all()  # a paused session is silent: drop queued voice lines
        else:
            self._start()

    # Jumping drops what was queued for the part left behind, so no stale line plays.

    def _on_previous_triggered(self) -> None:
        self._audio.stop_all()
        self._controller.previous()

    def _on_next_triggered(self) -> None:
        self._audio.stop_all()
        self._controller.next()

    def _on_restart_step_triggered(self) -> None:
        self._audio.stop_all()
        self._controller.restart_step()

    def _on_released_triggered(self) -> None:
        """End an open hold; before its minimum the flow waits for a second press, and the
        player says so beside the clock while it counts, and aloud."""
        if self.release() is not None:
            from psoas_timer.ui.remote.words import PRESS_AGAIN

            self.confirm(_(PRESS_AGAIN))

    def release(self) -> float | None:
        """Released: the hold's minimum when this press only asks for a second one (shown
        beside the clock until the second press no longer counts), else None."""
        step = self._rule.release_pressed()
        if isinstance(step, PressAgain):
            self._hint_expiry.start(math.ceil(step.seconds * 1000) + 1)
            self._show_release_hint()
            return step.minimum
        self._hint_expiry.stop()
        if step is not None:
            self._controller.release()
        return None

    def _show_release_hint(self) -> None:
        self._player.show_release_hint(self._rule.release_hint())

    def _on_add_time_triggered(self) -> None:
        """More time: while an open hold's check-in asks, what it says + gives (15 s)."""
        from psoas_timer.ui.player.open_hold_controls import CHECK_IN_EXTRA

        snap = self._controller.snapshot()
        checking = snap is not None and snap.checking_in
        self._controller.extend(CHECK_IN_EXTRA if checking else EXTEND_SECONDS)

    def _on_take_time_triggered(self) -> None:
        self._controller.shorten(EXTEND_SECONDS)

    def _on_stop_triggered(self) -> None:
        """Stop, once the user says so: a stray Esc must not throw a session away."""
        self.stop(ask=True)

    def stop(self, *, ask: bool) -> None:
        """Stop the session; with *ask*, only once the user says yes to the question
        (:attr:`asking_stop` is true while it is open)."""
        if not self._controller.active:
            return
        if ask:
            question = _("Stop this session now?\n\nEnter stops it; Esc keeps it going.")
            self.asking_stop = True
            try:
                if not self._services.ask(self._parent, _("Stop the session?"), question):
                    return
            finally:
                self.asking_stop = False
        self._audio.stop_all()
        self._controller.stop()

    def confirm(self, text: str) -> None:
        """Say *text* and show it as a caption: what was just done from afar (or what a
        first press of an early release asks for)."""
        from psoas_timer.core.engine import FiredCue
        from psoas_timer.core.plan import Cue

        fired = [FiredCue(Cue("prompt", text), self._controller.clock(), None)]
        self._on_cues_fired(fired)

    def _on_updated(self, snap: Snapshot) -> None:
        if self._controller.active:
            self._player.show_snapshot(snap)
        self._show_release_hint()
        self.sync_actions(snap)

    def _on_cues_fired(self, fired: list[FiredCue]) -> None:
        self._player.show_cues(fired)  # seen as well as heard, with sound or without
        plan = self._controller.plan
        style = plan.cue_style if plan is not None else "both"
        for cue in fired:
            self._audio.play(cue, style)

    def _on_active_changed(self, active: bool) -> None:
        if active:
            self._services.inhibitor.inhibit()
        else:
            self._hint_expiry.stop()  # the hint it would clear is gone with the session
            self._services.inhibitor.release()
