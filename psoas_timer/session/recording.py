"""The window's link to the history: opens it, records each session through a Recorder,
and keeps what the user rates for the session being recorded.

The history can be opened later than the link is made (:meth:`HistoryLink.open`): opening it
checks the whole file, which the window need not wait for before it lists the routines. A
session that begins before then opens it first, so it is recorded all the same.

No SQL here: reads go through :class:`HistoryStore` and writes through :class:`Recorder`.
Qt-free, so the shell can wire it and tests can drive it without a window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from psoas_timer.core.engine import Session
from psoas_timer.core.plan import Plan
from psoas_timer.history import (
    Area,
    HistoryError,
    HistoryStore,
    Moment,
    NewerHistoryError,
    Recorder,
    RoutineSource,
    SessionDetail,
    Unfinished,
    resume_at,
)

__all__ = ["HistoryLink", "Opened", "open_history"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Opened:
    """The history as the app found it: the store (None when it cannot be used) and one
    sentence to tell the user once (a damaged file moved aside, a newer file refused)."""

    store: HistoryStore | None
    message: str | None = None


def open_history(opener: Callable[[], HistoryStore]) -> Opened:
    """Open the history with *opener*; a fault becomes a message and no store, never an
    exception: sessions, routines and settings carry on without a history."""
    try:
        store = opener()
    except NewerHistoryError as exc:
        log.warning("history refused: %s", exc)
        return Opened(None, f"{exc} Until then, sessions run as usual but are not recorded.")
    except HistoryError as exc:
        log.exception("history unavailable")
        return Opened(None, f"Your history cannot be opened, so nothing is recorded: {exc}")
    return Opened(store, store.notice)


class HistoryLink:
    """Records the sessions the window runs, one at a time.

    Given an *opener* instead of a *store*, the history waits (:attr:`waiting`) until
    :meth:`open` is called, or a session begins; then *on_open*, if set, hears what was found.
    """

    def __init__(
        self,
        store: HistoryStore | None = None,
        *,
        opener: Callable[[], HistoryStore] | None = None,
        on_open: Callable[[Opened], None] | None = None,
    ) -> None:
        self.store = store
        self._opener = opener if store is None else None
        #: Told what :meth:`open` found, once, when it opens the history.
        self.on_open = on_open
        self._recorder: Recorder | None = None
        #: What of the last session could not be saved, to tell the user once (None: all).
        self.unsaved_notice: str | None = None
        self._resume: Unfinished | None = None
        self._pending: list[tuple[Moment, dict[Area, int], str]] = []
        #: The id of the session recorded last (or being recorded).
        self.session_id: str | None = None

    @property
    def available(self) -> bool:
        """The history is open and records (False while it waits to be opened)."""
        return self.store is not None

    @property
    def waiting(self) -> bool:
        """The history is still to be opened (see :meth:`open`)."""
        return self._opener is not None

    def open(self) -> Opened | None:
        """Open the history now if it waits; what was found (None: nothing waited).

        A fault is logged and said in :attr:`Opened.message`, never raised.
        """
        opener, self._opener = self._opener, None
        if opener is None:
            return None
        opened = open_history(opener)
        self.store = opened.store
        if self.on_open is not None:
            self.on_open(opened)
        return opened

    @property
    def recording(self) -> bool:
        return self._recorder is not None

    # -- a session -------------------------------------------------------------------
    def carry_on(self, unfinished: Unfinished) -> None:
        """Record the next session started as *unfinished* carried on."""
        self._resume = unfinished

    def resume_segment(self, plan: Plan, unfinished: Unfinished, path: Path | None) -> int | None:
        """Where *plan* carries *unfinished* on, or None when the routine changed since."""
        source = RoutineSource.from_file(unfinished.session.routine.name, path) if path else None
        return resume_at(plan, unfinished, source)

    def begin(self, session: Session, name: str, path: Path | None) -> None:
        """Record *session* (not yet started) of the routine *name* read from *path*; a
        history still waiting is opened first."""
        self.finish()
        self.open()
        if self.store is None:
            return
        if self.store.read_only is not None:  # said once when it opened
            log.info("not recording: the history is read-only (%s)", self.store.read_only)
            return
        resume, self._resume = self._resume, None
        try:
            if resume is not None:
                self._recorder = Recorder.resume(self.store, session, resume)
            else:
                source = (
                    RoutineSource.from_file(name, path)
                    if path is not None and path.is_file()
                    else RoutineSource(name)
                )
                self._recorder = Recorder.begin(self.store, session, source)
        except Exception:  # the session goes on unrecorded; the fault is logged
            log.exception("could not start recording the session")
            self._recorder = None
            return
        self.session_id = self._recorder.session_id
        pending, self._pending = self._pending, []
        for moment, scores, note in pending:
            self.rate(moment, scores, note)

    def rate(self, moment: Moment, scores: Mapping[Area, int], note: str = "") -> None:
        """Keep the user's *scores* (and *note*) for the session being recorded; before it
        has begun, they wait for :meth:`begin`."""
        if self._recorder is None:
            if self.store is not None or self.waiting:
                self._pending.append((moment, dict(scores), note))
            return
        try:
            if scores:
                self._recorder.rate(moment, scores)
            if note.strip():
                self._recorder.note(note)
        except ValueError:
            log.exception("a rating was refused")

    def forget_pending(self) -> None:
        """Drop ratings given for a session that was never started."""
        self._pending.clear()

    def finish(self) -> SessionDetail | None:
        """Commit everything queued and stop recording; the session as recorded."""
        recorder, self._recorder = self._recorder, None
        if recorder is None:
            return None
        recorder.close()
        self.unsaved_notice = recorder.unsaved_notice()
        if recorder.error is not None:
            log.error("the history could not record all of the session: %s", recorder.error)
        return self.detail()

    def detail(self) -> SessionDetail | None:
        """The last recorded session, read back (None without one)."""
        if self.store is None or self.session_id is None:
            return None
        if self._recorder is not None:
            self._recorder.flush()
        return self.store.session(self.session_id)

    def previous(self) -> SessionDetail | None:
        """The session of the same routine before the last recorded one."""
        if self.store is None or self.session_id is None:
            return None
        return self.store.previous_session(self.session_id)

    def close(self) -> None:
        """Stop recording and close the history; one still waiting is never opened."""
        self._opener = None
        self.finish()
        if self.store is not None:
            self.store.close()
            self.store = None
