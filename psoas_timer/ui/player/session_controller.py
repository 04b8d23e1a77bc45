"""Drives a :class:`~psoas_timer.core.engine.Session` from Qt: one timer, only while it runs.

The controller holds no rules of its own. It polls the engine, hands the fired cues and
a fresh snapshot to whoever listens, and starts or stops its single timer as the session
starts, pauses, sleeps, finishes or stops, so nothing ticks while nothing runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from psoas_timer.core.engine import FiredCue, Session, SessionRecord, Snapshot, State
from psoas_timer.core.plan import Plan

__all__ = ["POLL_MS", "SessionController"]

#: The longest wait between polls: the display updates at least 10 times a second. The
#: timer also wakes exactly when the next cue is due or the shown second changes.
POLL_MS = 100


class SessionController(QObject):
    """One session at a time, polled on a precise timer from the injected clock."""

    #: A new snapshot to draw.
    updated = Signal(object)
    #: Cues that came due (``list[FiredCue]``), in order.
    cues_fired = Signal(list)
    #: The session ended, finished or stopped (the :class:`SessionRecord`).
    ended = Signal(object)
    #: True while a session is running or paused.
    active_changed = Signal(bool)
    #: A new :class:`Session` was made, not yet started: listeners (the history's recorder)
    #: attach here so they hear its very first event.
    session_created = Signal(object)
    #: The user moved to another step (next, previous, the step again): what was said for
    #: the one left behind no longer applies. Emitted before the new step's cues.
    moved = Signal()

    def __init__(
        self,
        clock: Callable[[], float],
        parent: QObject | None = None,
        *,
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._session: Session | None = None
        self._reported = False
        # The next cue's clock time, kept between polls that change nothing but the time.
        self._due: tuple[int, float | None] | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("session-poll")
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._interval = interval_ms
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    # -- state -----------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self._session

    @property
    def plan(self) -> Plan | None:
        return self._session.plan if self._session else None

    @property
    def active(self) -> bool:
        return self._session is not None and self._session.active

    @property
    def running(self) -> bool:
        return self._session is not None and self._session.running

    @property
    def timer(self) -> QTimer:
        return self._timer

    def snapshot(self) -> Snapshot | None:
        return self._session.snapshot() if self._session else None

    def clock(self) -> float:
        return self._clock()

    # -- controls --------------------------------------------------------------------
    def begin(self, plan: Plan, at_segment: int = 0) -> None:
        """Start a new session of *plan* (ending any current one first), from its first
        segment or, carrying on an interrupted one, from *at_segment*."""
        if self.active:
            self.stop()
        self._session = Session(plan, self._clock)
        self._reported = False
        self._due = None
        self.session_created.emit(self._session)
        self.active_changed.emit(True)
        self._after(self._session.start(at_segment))

    def toggle(self) -> None:
        if self._session is not None:
            self._after(self._session.toggle())

    def next(self) -> None:
        if self._session is not None:
            self.moved.emit()
            self._after(self._session.next())

    def previous(self) -> None:
        if self._session is not None:
            self.moved.emit()
            self._after(self._session.previous())

    def restart_step(self) -> None:
        if self._session is not None:
            self.moved.emit()
            self._after(self._session.restart_step())

    def extend(self, seconds: float) -> None:
        if self._session is not None:
            self._session.extend(seconds)
            self._after([])

    def shorten(self, seconds: float) -> None:
        if self._session is not None:
            self._after(self._session.shorten(seconds))

    def release(self) -> None:
        """End the open hold now (whether a press may: the session flow's
        :meth:`~psoas_timer.session.flow.SessionFlow.release_pressed`)."""
        if self._session is not None:
            self._after(self._session.release())

    def stop(self) -> None:
        if self._session is not None and self._session.active:
            self._session.stop()
            self._after([])

    # -- time ------------------------------------------------------------------------
    def poll(self) -> None:
        """Advance to the clock's now (the timer calls this; tests may too)."""
        if self._session is not None:
            self._after(self._session.poll(), polled=True)

    def _next_due(self, session: Session, snap: Snapshot, *, keep: bool) -> float | None:
        """The session's next cue or segment end (clock time). A poll that fired nothing
        and stayed in its segment leaves it where it was, so *keep* reuses it."""
        if not (keep and self._due is not None and self._due[0] == snap.index):
            self._due = (snap.index, session.next_due())
        return self._due[1]

    def _delay(self, session: Session, snap: Snapshot, *, keep: bool = False) -> int:
        """Milliseconds to the next poll: the next cue, the next change of the shown second,
        or the longest wait, whichever is first."""
        waits = [self._interval / 1000]
        due = self._next_due(session, snap, keep=keep)
        if due is not None:
            waits.append(due - self._clock())
        rising, falling = snap.elapsed % 1.0, snap.remaining % 1.0
        waits.append(1.0 - rising)  # a count-up shows the next second
        waits.append(falling or 1.0)  # a countdown shows the next second
        return max(1, min(self._interval, math.ceil(min(waits) * 1000) + 1))

    def _after(self, fired: list[FiredCue], *, polled: bool = False) -> None:
        """Publish what changed and keep the timer running exactly while the session runs."""
        session = self._session
        assert session is not None
        if fired:
            self.cues_fired.emit(fired)
        snap = session.snapshot()
        if session.state is State.RUNNING:
            self._timer.start(self._delay(session, snap, keep=polled and not fired))
        else:
            self._due = None
            self._timer.stop()
        self.updated.emit(snap)
        if session.state in (State.FINISHED, State.STOPPED) and not self._reported:
            self._reported = True
            record: SessionRecord = session.record
            self.active_changed.emit(False)
            self.ended.emit(record)
