"""What the session's controls do: Start/Pause, Previous, Next, Restart step, Released,
more or less time, and Stop; and which controls can be used, and what Start/Pause says,
as the session and the page change.

The main window owns one :class:`SessionControls`; it passes each press to the session
controller (dropping the voice lines queued for a part left behind) and shows what the
controller reports on the player, in sound, and in the screensaver's inhibition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from psoas_timer.ui.shell.window_parts import Page

if TYPE_CHECKING:
    from psoas_timer.core.engine import FiredCue, Snapshot
    from psoas_timer.ui.shell.main_window import MainWindow
    from psoas_timer.ui.sound.output import CueOutput

__all__ = ["EXTEND_SECONDS", "SessionControls"]

#: What More time and Less time add or take, in seconds.
EXTEND_SECONDS = 10.0


class SessionControls(QObject):
    """The session's controls in *window* (which owns this)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._action_state: tuple[object, ...] = ()
        #: The "Stop the session?" question is open.
        self.asking_stop = False

    @property
    def _audio(self) -> CueOutput:
        return self._w.parts.services.audio

    def connect_signals(self) -> None:
        a, w = self._w.commands, self._w
        a.start_pause.triggered.connect(self._on_start_pause_triggered)
        a.previous.triggered.connect(self._on_previous_triggered)
        a.next.triggered.connect(self._on_next_triggered)
        a.add_time.triggered.connect(self._on_add_time_triggered)
        a.take_time.triggered.connect(self._on_take_time_triggered)
        a.restart_step.triggered.connect(self._on_restart_step_triggered)
        a.released.triggered.connect(self._on_released_triggered)
        a.stop.triggered.connect(self._on_stop_triggered)
        w.player.release_requested.connect(self._on_released_triggered)
        w.player.extend_requested.connect(w.controller.extend)
        w.controller.updated.connect(self._on_updated)
        w.controller.cues_fired.connect(self._on_cues_fired)
        w.controller.moved.connect(w.player.clear_caption)
        w.controller.active_changed.connect(self._on_active_changed)

    def sync_actions(self, snap: Snapshot | None = None) -> None:
        snap = snap or self._w.controller.snapshot()
        active = self._w.controller.active
        state = snap.state if (snap is not None and active) else None
        is_open = bool(active and snap is not None and snap.segment.open is not None)
        key = (active, state, is_open, self._w.page, self._w.entry is not None)
        if key == self._action_state:
            return
        self._action_state = key
        a = self._w.commands
        for action in a.session_only():
            action.setEnabled(active)
        a.released.setEnabled(is_open)
        a.back.setEnabled(not active and self._w.page != Page.LIBRARY)
        a.new_routine.setEnabled(self._w.parts.services.folders is not None and not active)
        a.edit_routine.setEnabled(
            self._w.parts.services.folders is not None
            and not active
            and self._w.entry is not None
            and self._w.page in (Page.ROUTINE, Page.COMPLETION)
        )
        a.progress.setEnabled(not active)
        can_start = active or (
            self._w.page in (Page.ROUTINE, Page.COMPLETION) and self._w.entry is not None
        )
        a.start_pause.setEnabled(can_start)
        from psoas_timer.ui.common.icons import icon as themed_icon

        if active and self._w.controller.running:
            text, icon = "Pause", "media-playback-pause"
        elif active:  # paused
            text, icon = "Resume", "media-playback-start"
        else:
            text, icon = "Start", "media-playback-start"
        a.start_pause.setText(text)
        a.start_pause.setIcon(themed_icon(icon))

    def _on_start_pause_triggered(self) -> None:
        if self._w.controller.active:
            self._w.controller.toggle()
            if not self._w.controller.running:
                self._audio.stop_all()  # a paused session is silent: drop queued voice lines
        else:
            self._w.start_session()

    # Jumping drops what was queued for the part left behind, so no stale line plays.

    def _on_previous_triggered(self) -> None:
        self._audio.stop_all()
        self._w.controller.previous()

    def _on_next_triggered(self) -> None:
        self._audio.stop_all()
        self._w.controller.next()

    def _on_restart_step_triggered(self) -> None:
        self._audio.stop_all()
        self._w.controller.restart_step()

    def _on_released_triggered(self) -> None:
        """End an open hold; before its minimum the controller waits for a second press,
        and the player says so beside the clock while it counts, and aloud."""
        if self.release() is not None:
            from psoas_timer.ui.remote.words import PRESS_AGAIN

            self.confirm(PRESS_AGAIN)

    def release(self) -> float | None:
        """Released: the hold's minimum when this press only asks for a second one."""
        return self._w.controller.request_release()

    def _on_add_time_triggered(self) -> None:
        self._w.controller.extend(EXTEND_SECONDS)

    def _on_take_time_triggered(self) -> None:
        self._w.controller.shorten(EXTEND_SECONDS)

    def _on_stop_triggered(self) -> None:
        """Stop, once the user says so: a stray Esc must not throw a session away."""
        self.stop(ask=True)

    def stop(self, *, ask: bool) -> None:
        """Stop the session; with *ask*, only once the user says yes to the question
        (:attr:`asking_stop` is true while it is open)."""
        if not self._w.controller.active:
            return
        if ask:
            question = "Stop this session now?\n\nEnter stops it; Esc keeps it going."
            self.asking_stop = True
            try:
                if not self._w.parts.services.ask(self._w, "Stop the session?", question):
                    return
            finally:
                self.asking_stop = False
        self._audio.stop_all()
        self._w.controller.stop()

    def confirm(self, text: str) -> None:
        """Say *text* and show it as a caption: what was just done from afar (or what a
        first press of an early release asks for)."""
        from psoas_timer.core.engine import FiredCue
        from psoas_timer.core.plan import Cue

        fired = [FiredCue(Cue("prompt", text), self._w.controller.clock(), None)]
        self._on_cues_fired(fired)

    def _on_updated(self, snap: Snapshot) -> None:
        if self._w.controller.active:
            self._w.player.show_snapshot(snap)
        self._w.player.show_release_hint(self._w.controller.early_release_minimum())
        self.sync_actions(snap)

    def _on_cues_fired(self, fired: list[FiredCue]) -> None:
        self._w.player.show_cues(fired)  # seen as well as heard, with sound or without
        plan = self._w.controller.plan
        style = plan.cue_style if plan is not None else "both"
        for cue in fired:
            self._audio.play(cue, style)

    def _on_active_changed(self, active: bool) -> None:
        if active:
            self._w.parts.services.inhibitor.inhibit()
        else:
            self._w.parts.services.inhibitor.release()
