"""The recorder: listens to a running session's engine and writes what happens as it happens.

The engine stays the single source of what happened (its :class:`SessionEvent`); the
recorder groups its segments into one row per step, side and set, and commits each row when
that set ends, with the session's running totals, so a crash loses at most the set that was
running. Commits happen on a writer thread with its own connection: the event loop only
pays for a little arithmetic and a queue put (``benchmarks/history.py`` measures it).

Typical use (the window's session controller)::

    session = Session(plan, clock)
    recorder = Recorder.begin(store, session, RoutineSource.from_file(name, path))
    session.start()
    ...                          # the engine's events are recorded as they happen
    recorder.close()             # after the session ended: waits for the last commit
    detail = store.session(recorder.session_id)
"""

from __future__ import annotations

import atexit
import logging
import queue
import sqlite3
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from psoas_timer.core.engine import Session, SessionEvent
from psoas_timer.core.plan import Plan, Segment
from psoas_timer.i18n import _, ngettext

from . import journal
from .database import connect
from .journal import STATEMENTS, Statement
from .localtime import WallClock, to_iso
from .records import Area, Moment, ReleaseEnding, RoutineSource, Unfinished
from .store import HistoryStore, rating_statements

__all__ = ["CommitListener", "Recorder", "SetKey", "resume_at"]

log = logging.getLogger(__name__)

#: A set of a step on a side: (step run index, side or "", set number).
SetKey = tuple[int, str, int]
#: Called after each commit (on the writer thread) with the session's id and the sets it
#: wrote (none for the commit that creates the session).
CommitListener = Callable[[str, Sequence[SetKey]], None]

_Statement = Statement

#: A part (what a step is) is stored once; steps and releases refer to it.
ADD_PART = STATEMENTS["part"]
_UPSERT_STEP = STATEMENTS["step"]
_UPSERT_RELEASE = STATEMENTS["release"]
_UPDATE_SESSION = STATEMENTS["totals"]
_END_SESSION = STATEMENTS["end"]
#: A running set's time so far is written at most this often (session seconds), so that a
#: crash loses at most this much of the set that was running (:meth:`Recorder.checkpoint`).
CHECKPOINT_EVERY = 5.0
#: The first wait before a failed commit is tried again, and the longest (it doubles).
RETRY_FIRST = 0.25
RETRY_LONGEST = 5.0


def resume_at(
    plan: Plan, unfinished: Unfinished, source: RoutineSource | None = None
) -> int | None:
    """The segment of *plan* to carry *unfinished* on from, or None when it cannot be
    carried on with *plan*: the routine file's content changed since (pass the *source*
    read from the file now, e.g. :meth:`RoutineSource.from_file`), or the plan is too short.
    Offer only to keep it as it was (:meth:`HistoryStore.record_as_interrupted`) then."""
    recorded = unfinished.session.routine.content_hash
    if source is not None and source.content_hash != recorded:
        return None
    index = unfinished.resume_segment
    return index if 0 <= index < len(plan.segments) else None


@dataclass
class _Set:
    """One step's set on one side: the plan's segments in it and what happened to them."""

    key: SetKey
    name: str
    library_id: str | None
    kind: str
    first: int
    last: int
    planned: float
    segments: list[int]
    open: Segment | None = None
    actual: float = 0.0
    results: dict[int, bool] = field(default_factory=dict)
    release: tuple[float, ReleaseEnding] | None = None
    touched: bool = False
    #: Seconds of this set recorded before a crash (it is carried on from its start).
    carried: float = 0.0

    @property
    def done(self) -> bool:
        return all(self.results.get(i, False) for i in self.segments)


def _sets(plan: Plan) -> tuple[dict[SetKey, _Set], list[SetKey | None]]:
    """The plan's sets, and for each segment the set it belongs to (None: not work)."""
    sets: dict[SetKey, _Set] = {}
    owner: list[SetKey | None] = []
    for seg in plan.segments:
        if not seg.is_work:
            owner.append(None)
            continue
        key: SetKey = (seg.step, seg.side or "", seg.set)
        owner.append(key)
        found = sets.get(key)
        if found is None:
            run = plan.steps[seg.step]
            sets[key] = _Set(
                key,
                run.name,
                run.step.use,
                run.step.kind.value,
                seg.index,
                seg.index,
                seg.duration,
                [seg.index],
                seg if seg.open is not None else None,
            )
        else:
            found.last = seg.index
            found.planned += seg.duration
            found.segments.append(seg.index)
    return sets, owner


#: Writers still running, so that what they hold is committed when the program exits.
_RUNNING: weakref.WeakSet[_Writer] = weakref.WeakSet()


@atexit.register
def _flush_at_exit() -> None:
    for writer in list(_RUNNING):
        writer.close(timeout=5.0)


class _Writer:
    """A thread with its own connection that runs each queued batch in one transaction.

    A batch whose commit fails is tried again (after the database's own busy timeout, then
    after a pause that doubles up to :data:`RETRY_LONGEST`), and the batches after it wait:
    they are committed in order, so a session's end is never committed while a set before
    it is missing. When :meth:`close` runs out of time, what is still not committed is
    kept in a journal beside the history (:mod:`~psoas_timer.history.journal`), committed
    the next time the history is opened.
    """

    def __init__(self, store: HistoryStore, on_commit: CommitListener | None) -> None:
        self._path = store.path
        self._queue: queue.SimpleQueue[
            tuple[list[_Statement], str, list[SetKey]] | threading.Event | None
        ] = queue.SimpleQueue()
        self._on_commit = on_commit
        self.error: BaseException | None = None
        #: Sets not committed yet after a failure (kept in memory, retried), by session.
        self.waiting: list[SetKey] = []
        #: Where what could not be committed by the end was kept, if it was.
        self.journal: Path | None = None
        #: Sets not committed by the end: kept in the journal, or lost when it failed too.
        self.kept: list[SetKey] = []
        self.lost: list[SetKey] = []
        self._deadline: float | None = None
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
        self._thread.start()
        _RUNNING.add(self)

    def put(self, statements: list[_Statement], session_id: str, keys: list[SetKey]) -> None:
        self._queue.put((statements, session_id, keys))

    def flush(self, timeout: float | None = 10.0) -> bool:
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float | None = 10.0) -> None:
        _RUNNING.discard(self)
        self._deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        self._queue.put(None)
        self._wake.set()
        self._thread.join(timeout + 2.0 if timeout is not None else None)

    def _out_of_time(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        unsaved: list[tuple[list[_Statement], str, list[SetKey]]] = []
        try:
            conn = self._connect()
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if isinstance(item, threading.Event):
                    item.set()
                    continue
                if unsaved or conn is None or not self._commit_retrying(conn, item):
                    unsaved.append(item)
                    continue
                if self._on_commit is not None:
                    self._on_commit(item[1], item[2])
        finally:
            if unsaved:
                self._keep(unsaved)
            if conn is not None:
                conn.close()

    def _connect(self) -> sqlite3.Connection | None:
        delay = RETRY_FIRST
        while True:
            try:
                return connect(self._path, check_same_thread=True)
            except sqlite3.Error as exc:
                self.error = exc
                log.warning("the history writer cannot open %s yet: %s", self._path, exc)
            if not self._pause(delay):
                return None
            delay = min(delay * 2, RETRY_LONGEST)

    def _pause(self, delay: float) -> bool:
        """Wait *delay* seconds before trying again; False when out of time to try."""
        if self._out_of_time():
            return False
        if self._deadline is not None:
            delay = min(delay, max(0.0, self._deadline - time.monotonic()))
        self._wake.wait(delay)
        return not self._out_of_time()

    def _commit_retrying(
        self, conn: sqlite3.Connection, item: tuple[list[_Statement], str, list[SetKey]]
    ) -> bool:
        statements, _, keys = item
        delay = RETRY_FIRST
        first = True
        while True:
            try:
                _commit(conn, statements)
            except sqlite3.Error as exc:
                self.error = exc
                if first:
                    log.warning("could not record %d sets in the history yet, retrying: %s",
                                len(keys), exc)  # fmt: skip
                    self.waiting.extend(keys)
                    first = False
                if not self._pause(delay):
                    return False
                delay = min(delay * 2, RETRY_LONGEST)
                continue
            if not first:
                log.info("recorded the %d sets that had waited", len(keys))
                for key in keys:
                    if key in self.waiting:
                        self.waiting.remove(key)
            return True

    def _keep(self, unsaved: list[tuple[list[_Statement], str, list[SetKey]]]) -> None:
        """Keep what could not be committed in a journal beside the history."""
        keys = [key for _, _, batch_keys in unsaved for key in batch_keys]
        self.kept = keys
        by_session: dict[str, list[list[_Statement]]] = {}
        for statements, session_id, _keys in unsaved:
            by_session.setdefault(session_id, []).append(statements)
        try:
            for session_id, batches in by_session.items():
                self.journal = journal.write(self._path, session_id, batches)
        except (OSError, KeyError, ValueError) as exc:
            self.lost = keys
            log.error("could not keep %d unsaved sets beside the history either: %s",
                      len(keys), exc)  # fmt: skip
            return
        log.warning("kept %d sets that could not be recorded yet in %s", len(keys), self.journal)


def _reason(error: BaseException | None) -> str:
    """Why a commit failed, in words a user can act on."""
    text = str(error or "").lower()
    if "locked" in text or "busy" in text:
        # Translators: why sets were not saved, said inside brackets in a longer sentence
        return _("the history was busy: another program held it")
    if "full" in text:
        # Translators: why sets were not saved, said inside brackets in a longer sentence
        return _("the disk is full")
    if "readonly" in text or "read-only" in text:
        # Translators: why sets were not saved, said inside brackets in a longer sentence
        return _("the history cannot be written to")
    # Translators: why sets were not saved, said inside brackets; {error} is the system's
    return _("the history could not be written: {error}").format(error=error)


def _commit(conn: sqlite3.Connection, statements: list[_Statement]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sql, params in statements:
            conn.execute(sql, params)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Recorder:
    """Records one session of the engine into the history (see the module's docstring).

    Create it with :meth:`begin` (a new session) or :meth:`resume` (an unfinished one)
    before calling the engine's ``start``; it listens to the engine from then on.
    *background* False commits on the caller's thread through the store's connection
    (simpler to reason about in tests; slower on a slow disk).
    """

    def __init__(
        self,
        store: HistoryStore,
        session: Session,
        session_id: str,
        *,
        started: datetime,
        active: float = 0.0,
        paused: float = 0.0,
        background: bool = True,
        on_commit: CommitListener | None = None,
    ) -> None:
        self.session_id = session_id
        self._store = store
        self._wall: WallClock = store.wall
        self._plan = session.plan
        self._sets, self._owner = _sets(self._plan)
        # A rest between the reps of a set is inside the set: entering it does not end it.
        self._inside: dict[int, SetKey] = {
            i: found.key
            for found in self._sets.values()
            for i in range(found.first, found.last + 1)
            if self._owner[i] is None
        }
        self._started = started
        self._base_active = active
        self._base_paused = paused
        self._active = 0.0
        self._first_at: float | None = None
        self._last_at: float | None = None
        self._position = 0
        self._extended: set[int] = set()
        self._open: list[_Set] = []  # sets begun and not yet committed
        self._ended = False
        self._on_commit = on_commit
        self._writer = _Writer(store, on_commit) if background else None
        self._closed_writer: _Writer | None = None
        self._checkpoint_at: float | None = None
        session.listen(self.on_event)

    # -- creating --------------------------------------------------------------------
    @classmethod
    def begin(
        cls,
        store: HistoryStore,
        session: Session,
        source: RoutineSource,
        *,
        background: bool = True,
        on_commit: CommitListener | None = None,
    ) -> Recorder:
        """Record *session* (not yet started) of the routine *source* as a new session."""
        started = store.wall()
        session_id = uuid.uuid4().hex
        recorder = cls(
            store, session, session_id, started=started, background=background,
            on_commit=on_commit,
        )  # fmt: skip
        row = (
            session_id,
            source.name,
            source.file,
            source.content_hash,
            to_iso(started),
            started.timestamp(),
            started.date().isoformat(),
            session.plan.total,
            len({seg.step for seg in session.plan.segments if seg.is_work}),
            to_iso(started),
        )
        recorder._write(
            [
                (STATEMENTS["begin"], row),
                *recorder._parts(),
            ],
            [],
        )
        return recorder

    def _parts(self) -> list[_Statement]:
        """The plan's parts, so each set's row can refer to its part."""
        parts = {(s.name, s.library_id or "", s.kind) for s in self._sets.values()}
        return [(ADD_PART, (*part, part[1] or part[0])) for part in sorted(parts)]

    @classmethod
    def resume(
        cls,
        store: HistoryStore,
        session: Session,
        unfinished: Unfinished,
        *,
        background: bool = True,
        on_commit: CommitListener | None = None,
    ) -> Recorder:
        """Carry on recording *unfinished* with *session* (to be started at
        :func:`resume_at`); the sets already recorded stay, and its totals grow."""
        summary = unfinished.session
        recorder = cls(
            store,
            session,
            summary.id,
            started=summary.started,
            active=summary.active_seconds,
            paused=summary.paused_seconds,
            background=background,
            on_commit=on_commit,
        )
        recorder._write(recorder._parts(), [])
        detail = store.session(summary.id)
        if detail is not None:
            for step in detail.steps:
                found = recorder._sets.get((step.step, step.side or "", step.set))
                if found is not None:
                    found.actual = step.actual_seconds
                    found.results = dict.fromkeys(found.segments, step.done)
                    if not step.done:  # the set that was running: its time goes on from here
                        found.carried = step.actual_seconds
        return recorder

    # -- the engine's events ---------------------------------------------------------
    def on_event(self, event: SessionEvent) -> None:
        """The engine's listener: keep count, and commit each set as it ends."""
        if self._ended:
            return
        if self._first_at is None:
            self._first_at = event.at
        self._last_at = max(self._last_at or event.at, event.at)
        kind = event.kind
        seg = event.segment
        if kind == "entered":
            self._extended.discard(seg.index)
            self._entered(seg)
        elif kind == "ended":
            self._segment_ended(event)
        elif kind == "extended":
            self._extended.add(seg.index)
        elif kind in ("finished", "stopped"):
            self._end("completed" if kind == "finished" else "stopped")

    def _entered(self, seg: Segment) -> None:
        index = seg.index
        key = self._owner[index] or self._inside.get(index)
        here = self._sets.get(key) if key is not None else None
        self._position = here.first if here is not None else index
        leaving = [s for s in self._open if s is not here]
        if leaving:
            self._commit(leaving)
        if here is not None and here not in self._open:
            self._open.append(here)
            here.touched = True

    def _segment_ended(self, event: SessionEvent) -> None:
        self._active += event.seconds
        key = self._owner[event.segment.index]
        if key is None:
            return
        found = self._sets[key]
        if found not in self._open:
            self._open.append(found)
        found.touched = True
        found.actual += event.seconds
        index = event.segment.index
        # Done once stays done (a replay skipped later does not undo it), as the engine counts.
        found.results[index] = event.done or found.results.get(index, False)
        if event.segment.open is not None and event.how != "left":
            ending: ReleaseEnding
            if event.how == "ran":
                ending = "max"
            elif event.how == "released":
                ending = "extended" if event.segment.index in self._extended else "released"
            elif event.how == "skipped":
                ending = "skipped"
            else:
                ending = "stopped"
            # A hold carried on after a crash counts the time held before it too.
            found.release = (found.carried + event.seconds, ending)

    def checkpoint(self, index: int, elapsed: float, session_elapsed: float) -> bool:
        """The session is *elapsed* seconds into segment *index* (*session_elapsed* into the
        session): write the running set's time so far and the session's totals, at most every
        :data:`CHECKPOINT_EVERY` seconds, so that a crash loses at most that much of the set
        (a set is otherwise written when it ends). Carried on, the set goes on from there.
        The window calls it as the session's display updates. True when written."""
        if self._ended or not 0 <= index < len(self._owner):
            return False
        last = self._checkpoint_at
        if last is not None and 0 <= session_elapsed - last < CHECKPOINT_EVERY:
            return False
        key = self._owner[index]
        found = self._sets.get(key) if key is not None else None
        if found is None:
            return False
        self._checkpoint_at = session_elapsed
        step, side, set_no = found.key
        part = (found.name, found.library_id or "", found.kind)
        live = round(found.actual + max(0.0, elapsed), 3)
        _active, paused, moment = self._totals()
        active = round(self._base_active + self._active + max(0.0, elapsed), 3)
        sid = self.session_id
        self._write(
            [
                (
                    _UPSERT_STEP,
                    (sid, step, side, set_no, *part, found.planned, live, int(found.done)),
                ),
                (_UPDATE_SESSION, (active, paused, self._position, to_iso(moment), sid)),
            ],
            [],
        )
        return True

    # -- writing ---------------------------------------------------------------------
    def _totals(self) -> tuple[float, float, datetime]:
        elapsed = 0.0
        if self._first_at is not None and self._last_at is not None:
            elapsed = self._last_at - self._first_at
        active = round(self._base_active + self._active, 3)
        paused = round(self._base_paused + max(0.0, elapsed - self._active), 3)
        offset = self._wall().utcoffset()
        span = timedelta(seconds=max(0.0, active + paused))
        moment = (self._started + span).astimezone(timezone(offset or timedelta(0)))
        return active, paused, moment

    def _commit(self, sets: list[_Set], ending: str | None = None) -> None:
        statements: list[_Statement] = []
        sid = self.session_id
        for s in sets:
            step, side, set_no = s.key
            part = (s.name, s.library_id or "", s.kind)
            statements.append(
                (
                    _UPSERT_STEP,
                    (sid, step, side, set_no, *part, s.planned, round(s.actual, 3), int(s.done)),
                )
            )
            if s.release is not None and s.open is not None and s.open.open is not None:
                hold = s.open.open
                seconds, how = s.release
                statements.append(
                    (
                        _UPSERT_RELEASE,
                        (sid, step, side, set_no, *part, round(seconds, 3), hold.min, hold.target,
                         hold.limit, how),
                    )
                )  # fmt: skip
            if s in self._open:
                self._open.remove(s)
        active, paused, moment = self._totals()
        stamp = to_iso(moment)
        statements.append((_UPDATE_SESSION, (active, paused, self._position, stamp, sid)))
        if ending is not None:
            statements.append((_END_SESSION, (stamp, ending, sid)))
        self._write(statements, [s.key for s in sets])

    def _end(self, ending: str) -> None:
        self._commit(list(self._open), ending)
        self._ended = True

    def _write(self, statements: list[_Statement], keys: list[SetKey]) -> None:
        if self._writer is not None:
            self._writer.put(statements, self.session_id, keys)
            return
        try:
            _commit(self._store.connection, statements)
        except sqlite3.Error:
            log.exception("could not record a step in the history")
            return
        if self._on_commit is not None:
            self._on_commit(self.session_id, keys)

    # -- what the user adds ------------------------------------------------------------
    def rate(self, moment: Moment, scores: Mapping[Area, int]) -> None:
        """Save the 0–10 *scores* for this session, *moment* before or after it (replacing
        that moment's earlier scores for the same areas). Queued with the recorder's other
        writes, so it can be called before the first step, while the session runs, or after
        it ended (before :meth:`close`). Raises ValueError for a score out of range."""
        self._write(rating_statements(self.session_id, moment, scores), [])

    def note(self, text: str) -> None:
        """Set this session's free-text note (empty clears it), queued like :meth:`rate`."""
        self._write([(STATEMENTS["note"], (text.strip(), self.session_id))], [])

    # -- finishing -------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        """Whether the session has ended (finished or stopped) and its end was queued."""
        return self._ended

    @property
    def error(self) -> BaseException | None:
        """The last error the writer met (it is logged too), or None."""
        return self._writer.error if self._writer is not None else None

    def unsaved_notice(self) -> str | None:
        """After :meth:`close`: one plain sentence for the user saying what of this session
        could not be saved and why, or None when everything was saved."""
        writer = self._closed_writer
        if writer is None or not (writer.journal or writer.lost):
            return None
        sets = len(set(writer.kept)) or 1
        why = _reason(writer.error)
        if writer.lost:
            return ngettext(
                "{count} set of this session could not be saved in your history ({why}) "
                "and could not be kept for later either: it is not in your history.",
                "{count} sets of this session could not be saved in your history ({why}) "
                "and could not be kept for later either: they are not in your history.",
                sets,
            ).format(count=sets, why=why)
        return ngettext(
            "{count} set of this session could not be saved in your history yet ({why}). "
            "It is kept in {path} and will be added the next time Psoas Timer opens your "
            "history.",
            "{count} sets of this session could not be saved in your history yet ({why}). "
            "They are kept in {path} and will be added the next time Psoas Timer opens your "
            "history.",
            sets,
        ).format(count=sets, why=why, path=writer.journal)

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything so far is committed; False if *timeout* ran out."""
        return self._writer.flush(timeout) if self._writer is not None else True

    def close(self, timeout: float | None = 10.0) -> None:
        """Commit what is queued and stop the writer. A session that has not ended stays
        unfinished in the history (it is offered to resume next time)."""
        if self._writer is not None:
            self._writer.close(timeout)
            self._closed_writer, self._writer = self._writer, None
