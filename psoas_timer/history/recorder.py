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
import uuid
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from psoas_timer.core.engine import Session, SessionEvent
from psoas_timer.core.plan import Plan, Segment

from .database import connect
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

_Statement = tuple[str, tuple[Any, ...]]

#: A part (what a step is) is stored once; steps and releases refer to it.
ADD_PART = (
    "INSERT INTO parts (name, library_id, kind, point) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (name, library_id, kind) DO NOTHING"
)
_SESSION_KEY = "(SELECT key FROM sessions WHERE id = ?)"
_PART_KEY = "(SELECT key FROM parts WHERE name = ? AND library_id = ? AND kind = ?)"
_UPSERT_STEP = (
    "INSERT INTO steps (session, step, side, set_no, part, planned_seconds, actual_seconds, "
    f"done) VALUES ({_SESSION_KEY}, ?, ?, ?, {_PART_KEY}, ?, ?, ?) "
    "ON CONFLICT (session, step, side, set_no) DO UPDATE SET "
    "actual_seconds = excluded.actual_seconds, done = excluded.done"
)
_UPSERT_RELEASE = (
    "INSERT INTO releases (session, step, side, set_no, part, seconds, min_seconds, "
    f"target_seconds, max_seconds, ending) VALUES ({_SESSION_KEY}, ?, ?, ?, {_PART_KEY}, "
    "?, ?, ?, ?, ?) ON CONFLICT (session, step, side, set_no) DO UPDATE SET "
    "seconds = excluded.seconds, ending = excluded.ending"
)
_UPDATE_SESSION = (
    "UPDATE sessions SET active_seconds = ?, paused_seconds = ?, position = ?, last_at = ? "
    "WHERE id = ?"
)
_END_SESSION = "UPDATE sessions SET ended_at = ?, ending = ? WHERE id = ?"


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
    """A thread with its own connection that runs each queued batch in one transaction."""

    def __init__(self, store: HistoryStore, on_commit: CommitListener | None) -> None:
        self._path = store.path
        self._queue: queue.SimpleQueue[
            tuple[list[_Statement], str, list[SetKey]] | threading.Event | None
        ] = queue.SimpleQueue()
        self._on_commit = on_commit
        self.error: BaseException | None = None
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
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(self._path, check_same_thread=True)
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if isinstance(item, threading.Event):
                    item.set()
                    continue
                statements, session_id, keys = item
                try:
                    _commit(conn, statements)
                except sqlite3.Error as exc:
                    self.error = exc
                    log.exception("could not record a step in the history")
                    continue
                if self._on_commit is not None:
                    self._on_commit(session_id, keys)
        except sqlite3.Error as exc:
            self.error = exc
            log.exception("the history writer could not open %s", self._path)
            # Keep answering flushes so nobody waits on a writer that is gone.
            while (item := self._queue.get()) is not None:
                if isinstance(item, threading.Event):
                    item.set()
        finally:
            if conn is not None:
                conn.close()


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
                (
                    "INSERT INTO sessions (id, routine, routine_file, routine_hash, started_at, "
                    "started_utc, local_date, planned_seconds, planned_steps, last_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                ),
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
            found.release = (event.seconds, ending)

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
        self._write(
            [("UPDATE sessions SET note = ? WHERE id = ?", (text.strip(), self.session_id))], []
        )

    # -- finishing -------------------------------------------------------------------
    @property
    def ended(self) -> bool:
        """Whether the session has ended (finished or stopped) and its end was queued."""
        return self._ended

    @property
    def error(self) -> BaseException | None:
        """The last error the writer met (it is logged too), or None."""
        return self._writer.error if self._writer is not None else None

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything so far is committed; False if *timeout* ran out."""
        return self._writer.flush(timeout) if self._writer is not None else True

    def close(self, timeout: float | None = 10.0) -> None:
        """Commit what is queued and stop the writer. A session that has not ended stays
        unfinished in the history (it is offered to resume next time)."""
        if self._writer is not None:
            self._writer.close(timeout)
            self._writer = None
