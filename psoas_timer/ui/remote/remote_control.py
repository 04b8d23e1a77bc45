"""What a call from afar does to the session, and what the desktop is shown of it.

:class:`RemoteControl` takes each call the MPRIS player accepted (:class:`.MprisService`,
a global shortcut...) and does what the window's own control does, through the narrow
:class:`RemoteSession` the window gives it: Play goes through exactly what Start does (the
safety notice, the either/or questions, the rating), Next during an open hold means
"released" (two presses before its minimum), Stop asks first unless the user said not to.
Each action is confirmed aloud and as a caption ("Paused", "Next: Psoas release, right
side", "Released at one minute forty"). A call while a dialog is open, or with nothing to
act on, does nothing (it is logged), so a session is never left half started.

It also keeps the desktop's view up to date: :meth:`RemoteControl.refresh` turns the
session's state into a :class:`.PlayerState` (published only when more than the running
time changed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot

from psoas_timer.i18n import _
from psoas_timer.ui.remote.mpris import PlayerState
from psoas_timer.ui.remote.words import (
    ANSWER_ON_SCREEN,
    ASK_STOP,
    MORE,
    PAUSED,
    PRESS_AGAIN,
    RESUMED,
    STOPPED,
    back_words,
    next_words,
    part_title,
    released_words,
)

if TYPE_CHECKING:
    from psoas_timer.core.engine import Snapshot
    from psoas_timer.core.plan import Plan
    from psoas_timer.ui.remote.shortcuts import GlobalShortcuts

__all__ = ["Publisher", "RemoteControl", "RemoteSession"]

log = logging.getLogger(__name__)


class RemoteSession(Protocol):
    """What a remote may do with the window's session (the window's adapter gives it)."""

    def snapshot(self) -> Snapshot | None:
        """The session's state while one is running or paused, else None."""
        ...

    @property
    def running(self) -> bool: ...

    def plan(self) -> Plan | None:
        """The session's plan while one runs, else the open routine's (what Play starts)."""
        ...

    def can_start(self) -> bool:
        """Start can be pressed now (a routine is open, on its page or the completion)."""
        ...

    def start_pause(self) -> None:
        """Press Start / Pause / Resume."""
        ...

    def next(self) -> None: ...

    def add_time(self) -> None:
        """Press +10 s."""
        ...

    def previous(self) -> None: ...

    def release(self) -> float | None:
        """Press Released: the hold's minimum when this press only asks for a second one."""
        ...

    def stop(self, *, ask: bool) -> None:
        """Stop the session; with *ask*, only once the user says yes to the question."""
        ...

    def dialog_open(self) -> bool:
        """A dialog waits for an answer (nothing from afar may act behind it)."""
        ...

    def answer_stop(self) -> bool:
        """If the "Stop the session?" question is open, answer yes; whether it was."""
        ...

    def stop_without_asking(self) -> bool:
        """The user asked for Stop from afar to stop at once."""
        ...

    def raise_window(self) -> None: ...

    def quit(self) -> None:
        """Quit as Ctrl+Q does (which may ask first)."""
        ...

    def say(self, text: str) -> None:
        """Say *text* and show it as a caption (a confirmation)."""
        ...


class Publisher(Protocol):
    def publish(self, state: PlayerState) -> None: ...


@lru_cache(maxsize=64)
def _picture(path: str) -> str:
    return path if path and Path(path).is_file() else ""


def player_state(session: RemoteSession, now: float) -> PlayerState:
    """What the desktop is shown of *session* at clock time *now*."""
    snap = session.snapshot()
    if snap is None:
        plan = session.plan()
        return PlayerState(
            title=_name(plan),
            album=_name(plan),
            length=plan.total if plan is not None else 0.0,
            at=now,
            can_play=session.can_start(),
        )
    step = snap.run.step
    return PlayerState(
        status="Playing" if session.running else "Paused",
        title=part_title(snap),
        album=_name(session.plan()),
        length=snap.session_total,
        position=snap.session_elapsed,
        at=now,
        art=_picture(step.image or ""),
        part=snap.index,
        can_play=True,
        can_pause=True,
        can_go_next=True,
        can_go_previous=True,
    )


def _name(plan: Plan | None) -> str:
    return plan.name if plan is not None else ""


class RemoteControl(QObject):
    """Calls from afar onto *session*, and the session's state out to *publisher*."""

    def __init__(
        self,
        session: RemoteSession,
        publisher: Publisher,
        clock: Callable[[], float],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._publisher = publisher
        self._clock = clock
        #: The calls acted on and ignored, in order (for the log and for tests).
        self.done: list[str] = []
        self.ignored: list[str] = []
        #: The desktop's global shortcuts, where they are asked for, and the window's media
        #: keys (see attach_remote).
        self.shortcuts: GlobalShortcuts | None = None
        self.media_keys: QObject | None = None

    @Slot()
    def refresh(self, *_changed: object) -> None:
        """Show the desktop the session as it is now (connect any signal that says it
        changed)."""
        self._publisher.publish(player_state(self._session, self._clock()))

    @Slot(str)
    def act(self, command: str) -> None:
        """Do what *command* (an MPRIS method's name) asks, if it can be done now."""
        s = self._session
        if command == "Raise":
            s.raise_window()
        elif command == "Quit":
            s.quit()
        elif command == "PlayPause" and s.answer_stop():
            pass  # the Stop question was open: play said yes
        elif s.dialog_open():
            self._ignore(command, "a dialog is open")
            return
        elif s.snapshot() is None:
            if command not in ("PlayPause", "Play"):
                self._ignore(command, "no session is running")
                return
            if not s.can_start():
                self._ignore(command, "no routine is open to start")
                return
            s.start_pause()  # exactly what Start does
            if s.snapshot() is None and s.dialog_open():
                s.say(_(ANSWER_ON_SCREEN))
        elif not self._act_on_session(command):
            return
        self.done.append(command)
        self.refresh()

    def _act_on_session(self, command: str) -> bool:
        s = self._session
        snap = s.snapshot()
        assert snap is not None
        if command == "PlayPause" or (command == "Play" and not s.running):
            s.start_pause()
            s.say(_(RESUMED) if s.running else _(PAUSED))
        elif command == "Pause" and s.running:
            s.start_pause()
            s.say(_(PAUSED))
        elif command == "Next" and snap.segment.open is not None:
            held = snap.elapsed
            if s.release() is not None:
                s.say(_(PRESS_AGAIN))
            else:
                s.say(released_words(held))
        elif command == "Next":
            s.next()
            self._say_where(next_words)
        elif command == "More":
            s.add_time()
            s.say(_(MORE))
        elif command == "Previous":
            s.previous()
            self._say_where(back_words)
        elif command == "Stop":
            if s.stop_without_asking():
                s.stop(ask=False)
                s.say(_(STOPPED))
            else:
                s.say(_(ASK_STOP))
                s.stop(ask=True)
        else:
            self._ignore(command, "nothing to do now")
            return False
        return True

    def _say_where(self, words: Callable[[Snapshot], str]) -> None:
        snap = self._session.snapshot()
        if snap is not None:
            self._session.say(words(snap))

    def _ignore(self, command: str, why: str) -> None:
        self.ignored.append(command)
        log.info("remote %s ignored: %s", command, why)
