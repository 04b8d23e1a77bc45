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
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from psoas_timer.core.engine import Session, SessionRecord, Snapshot
from psoas_timer.core.plan import Plan
from psoas_timer.history import (
    Area,
    HistoryError,
    HistoryLockedError,
    HistoryStore,
    Moment,
    NewerHistoryError,
    Recorder,
    RoutineSource,
    SessionDetail,
    Unfinished,
    resume_at,
)
from psoas_timer.history.resumed import whole_record
from psoas_timer.i18n import _

__all__ = ["RETRY_PAUSES", "HistoryLink", "Opened", "open_history", "open_patiently"]

log = logging.getLogger(__name__)


#: Pauses (seconds) between tries at a history another program keeps locked; each try
#: itself waits out SQLite's busy timeout (5 s) first. About 2 minutes in all, then the user
#: is told, and sessions run unrecorded.
RETRY_PAUSES: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 15.0, 30.0)
#: How long starting a session waits for a history still being opened in the background
#: (an open takes well under this unless the file is locked).
BEGIN_WAIT = 0.3


@dataclass(frozen=True)
class Opened:
    """The history as the app found it: the store (None when it cannot be used) and one
    sentence to tell the user once (a damaged file moved aside, a newer file refused).
    *locked*: another program held it locked (it may open on a later try)."""

    store: HistoryStore | None
    message: str | None = None
    locked: bool = False


def open_history(opener: Callable[[], HistoryStore]) -> Opened:
    """Open the history with *opener*; a fault becomes a message and no store, never an
    exception: sessions, routines and settings carry on without a history."""
    try:
        store = opener()
    except HistoryLockedError as exc:
        log.warning("history locked: %s", exc)
        message = _(
            "Your history cannot be opened: {reason}. Close the other program (or the other "
            "copy of Psoas Timer) and start Psoas Timer again to see and record your "
            "sessions; until then, sessions run as usual but are not recorded."
        ).format(reason=exc)
        return Opened(None, message, locked=True)
    except NewerHistoryError as exc:
        log.warning("history refused: %s", exc)
        return Opened(
            None, _("{exc} Until then, sessions run as usual but are not recorded.").format(exc=exc)
        )
    except HistoryError as exc:
        log.exception("history unavailable")
        return Opened(
            None, _("Your history cannot be opened, so nothing is recorded: {exc}").format(exc=exc)
        )
    return Opened(store, store.notice)


def open_patiently(
    opener: Callable[[], HistoryStore],
    *,
    pauses: Sequence[float] = RETRY_PAUSES,
    waiting: Callable[[float], None] | None = None,
    stop: threading.Event | None = None,
) -> Opened:
    """:func:`open_history`, tried again after each of *pauses* while another program keeps
    the history locked (*waiting* hears each pause before it starts; *stop* ends the
    waiting early). Meant for a worker thread: it can take minutes."""
    stop = stop or threading.Event()
    for pause in (*pauses, None):
        opened = open_history(opener)
        if not opened.locked or pause is None or stop.is_set():
            return opened
        if waiting is not None:
            waiting(pause)
        if stop.wait(pause):
            return opened
    raise AssertionError("unreachable")  # pragma: no cover


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
        #: The session recorded last carried on one the app never saw end (a crash).
        self.resumed = False
        self._opening: threading.Thread | None = None
        self._opened: Opened | None = None  # found by the worker, not yet taken
        self._stop = threading.Event()
        self._background: tuple[Callable[[], None], Callable[[float], None] | None] | None = None

    @property
    def available(self) -> bool:
        """The history is open and records (False while it waits to be opened)."""
        return self.store is not None

    @property
    def waiting(self) -> bool:
        """The history is still to be opened (see :meth:`open`), or is being opened in the
        background (:attr:`opening`)."""
        return self._opener is not None or self._opening is not None

    @property
    def opening(self) -> bool:
        """The history is being opened on a worker thread (:meth:`start_opening`)."""
        return self._opening is not None

    def use_background(
        self, done: Callable[[], None], waiting: Callable[[float], None] | None = None
    ) -> None:
        """From now on open the history on a worker thread (:meth:`start_opening`), never on
        the caller's: the window's way, so that a locked or large file cannot hold it up.
        The opener must give a store that can change threads. *done* is called on the worker
        when it has an answer, *waiting* before each pause while the file is locked; neither
        may touch the window: its thread then calls :meth:`take_opened`."""
        self._background = (done, waiting)

    def open(self) -> Opened | None:
        """Open the history now if it waits; what was found (None: nothing waited).

        In the background (:meth:`use_background`) it starts the opening if need be and
        waits for it a moment (:data:`BEGIN_WAIT`) at most: None when it is not open by then.
        A fault is logged and said in :attr:`Opened.message`, never raised.
        """
        if self._background is not None:
            self.start_opening()
            if self._opening is not None:
                self._opening.join(BEGIN_WAIT)
            return self.take_opened()
        opener, self._opener = self._opener, None
        if opener is None:
            return None
        return self._take(open_history(opener))

    def _take(self, opened: Opened) -> Opened:
        self.store = opened.store
        if self.on_open is not None:
            self.on_open(opened)
        return opened

    def start_opening(self, *, pauses: Sequence[float] | None = None) -> bool:
        """Start opening the history on a worker thread, trying again after each of *pauses*
        (:data:`RETRY_PAUSES`) while another program keeps it locked (see
        :meth:`use_background`); False when nothing waited."""
        opener, self._opener = self._opener, None
        if opener is None or self._opening is not None or self._background is None:
            return False
        done, waiting = self._background
        pauses = RETRY_PAUSES if pauses is None else pauses

        def work() -> None:
            opened = open_patiently(opener, pauses=pauses, waiting=waiting, stop=self._stop)
            if self._stop.is_set() and opened.store is not None:
                opened.store.close()  # the link was closed meanwhile
                return
            self._opened = opened
            done()

        self._opening = threading.Thread(target=work, name="history-open", daemon=True)
        self._opening.start()
        return True

    def take_opened(self) -> Opened | None:
        """On the window's thread, once the worker said *done* (:meth:`use_background`):
        install what it found (the store, or why there is none) and tell :attr:`on_open`.
        None when it has nothing (yet, or any more)."""
        opened, self._opened = self._opened, None
        if opened is None:
            return None
        if self._opening is not None:
            self._opening.join()  # it has finished: it set what was found, then called done
            self._opening = None
        if self._stop.is_set():  # closed meanwhile: nothing is shown any more
            if opened.store is not None:
                opened.store.close()
            return None
        return self._take(opened)

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
        history still waiting is opened first. One still being opened in the background is
        waited for a moment (:data:`BEGIN_WAIT`), no longer: past that (another program
        keeps it locked) the session runs unrecorded, and :attr:`unsaved_notice` says so."""
        self.finish()
        self.open()
        if self.store is None and self._opening is not None:
            self.unsaved_notice = _(
                "This session was not recorded: your history was still being opened "
                "(another program keeps it locked)."
            )
            log.warning("session not recorded: the history is still being opened")
            return
        if self.store is None:
            return
        if self.store.read_only is not None:  # said once when it opened
            log.info("not recording: the history is read-only (%s)", self.store.read_only)
            return
        resume, self._resume = self._resume, None
        self.resumed = resume is not None
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

    def checkpoint(self, snapshot: Snapshot) -> None:
        """The session is at *snapshot*: the recorder writes the running set's time so far
        now and then (:meth:`Recorder.checkpoint`), so a crash loses little of it."""
        if self._recorder is not None:
            try:
                self._recorder.checkpoint(
                    snapshot.index, snapshot.elapsed, snapshot.session_elapsed
                )
            except Exception:  # the session goes on; the set is written when it ends
                log.exception("could not note the running set's time")

    def whole_record(
        self, plan: Plan, record: SessionRecord, detail: SessionDetail | None
    ) -> SessionRecord:
        """*record* (the engine's, of the session just ended, recorded as *detail*) as one
        session with what was done before a crash, when it carried such a session on
        (:func:`~psoas_timer.history.resumed.whole_record`)."""
        if not self.resumed or detail is None:
            return record
        return whole_record(plan, record, detail)

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
        """Stop recording and close the history; one still waiting is never opened (one
        being opened in the background is closed as soon as it opens)."""
        self._opener = None
        self._stop.set()
        found, self._opened = self._opened, None
        if found is not None and found.store is not None:
            found.store.close()  # opened in the background, never taken
        self._opening = None  # a worker still trying closes what it opens (see start_opening)
        self.finish()
        if self.store is not None:
            self.store.close()
            self.store = None
