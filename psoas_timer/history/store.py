"""The history store: every read the UI and the CLI make, and the few writes they need.

The UI never writes SQL: it reads through :class:`HistoryStore` and records through
:class:`~psoas_timer.history.recorder.Recorder`. One store is one connection; use it from
one thread (the recorder writes from its own).
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from psoas_timer.i18n import _

from . import journal
from .database import HistoryError, Opened, connect_reader, open_database
from .journal import STATEMENTS
from .localtime import WallClock, from_iso, local_now, to_iso
from .records import (
    IMPRESSIONS,
    ActivityScore,
    Area,
    CheckIn,
    DayMinutes,
    Ending,
    LastDone,
    Moment,
    PainSample,
    Point,
    Progress,
    Rating,
    Release,
    ReleaseEnding,
    ReleaseSample,
    RoutineSource,
    RoutineStats,
    SessionDetail,
    SessionSummary,
    Side,
    StepRecord,
    Streak,
    Totals,
    Unfinished,
    release_sql,
)
from .streaks import DEFAULT_GOAL, compute_streak

__all__ = ["HistoryStore", "ImportResult", "rating_statements"]

log = logging.getLogger(__name__)

_GOAL_KEY = "weekly_goal"
_Row = TypeVar("_Row")
_Value = TypeVar("_Value")
#: What a tampered row raises when it is decoded (a time that is not one, a wrong type).
_BAD_ROW = (ValueError, TypeError, KeyError, OverflowError, IndexError)

#: A session's summary columns, each named: rows are read by name, never by position.
_SUMMARY_COLUMNS = """
    s.id AS id, s.routine AS routine, s.routine_file AS routine_file,
    s.routine_hash AS routine_hash, s.started_at AS started_at, s.ended_at AS ended_at,
    s.planned_seconds AS planned_seconds, s.active_seconds AS active_seconds,
    s.paused_seconds AS paused_seconds, s.ending AS ending, s.note AS note,
    (SELECT count(*) FROM (SELECT step FROM steps WHERE session = s.key
        GROUP BY step HAVING min(done) = 1)) AS steps_done,
    (SELECT count(*) FROM (SELECT step FROM steps WHERE session = s.key
        GROUP BY step HAVING max(done) = 0)) AS steps_skipped,
    (SELECT count(*) FROM (SELECT step FROM steps WHERE session = s.key
        GROUP BY step HAVING min(done) = 0 AND max(done) = 1)) AS steps_partly,
    s.key AS key, s.planned_steps AS planned_steps
"""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: sessions added, and sessions already there (left as they were)."""

    added: int
    already_there: int


#: Saves one rating (session id, moment, area, side, score, position), replacing it.
_RATE = STATEMENTS["rate"]


def rating_statements(
    session_id: str, moment: Moment, scores: Mapping[Area, int]
) -> list[tuple[str, tuple[Any, ...]]]:
    """The one way ratings are written: the statements that save *scores* for
    *session_id* (run by :meth:`HistoryStore.rate`, or queued by the recorder), or
    ValueError saying what is wrong with them."""
    return [(_RATE, (session_id, *row)) for row in _rating_rows(moment, scores)]


def _rating_rows(
    moment: Moment, scores: Mapping[Area, int]
) -> list[tuple[str, str, str, int, int]]:
    """The rows for *scores* (moment, area, side, score, position), or ValueError saying
    what is wrong with them."""
    if moment not in ("before", "after"):
        raise ValueError(f"a rating is given before or after, not {moment!r}")
    rows: list[tuple[str, str, str, int, int]] = []
    for position, (area, score) in enumerate(scores.items()):
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
            raise ValueError(f"a rating is a whole number from 0 to 10, not {score!r}")
        if not area.name.strip():
            raise ValueError("a rated area needs a name")
        rows.append((moment, area.name, area.side or "", score, position))
    return rows


def _side(text: str) -> Side | None:
    return "left" if text == "left" else ("right" if text == "right" else None)


def _summary(row: sqlite3.Row) -> SessionSummary:
    return SessionSummary(
        id=row["id"],
        routine=RoutineSource(row["routine"], row["routine_file"], row["routine_hash"]),
        started=from_iso(row["started_at"]),
        ended=from_iso(row["ended_at"]) if row["ended_at"] is not None else None,
        planned_seconds=row["planned_seconds"],
        active_seconds=row["active_seconds"],
        paused_seconds=row["paused_seconds"],
        ending=cast("Ending | None", row["ending"]),
        note=row["note"],
        steps_done=row["steps_done"],
        steps_skipped=row["steps_skipped"],
        steps_planned=row["planned_steps"],
        steps_partly=row["steps_partly"],
    )


def _release(row: sqlite3.Row) -> Release:
    return Release(
        step=row["step"],
        name=row["name"],
        library_id=row["library_id"] or None,
        side=_side(row["side"]),
        set=row["set_no"],
        seconds=row["seconds"],
        min_seconds=row["min_seconds"],
        target_seconds=row["target_seconds"],
        max_seconds=row["max_seconds"],
        ending=cast("ReleaseEnding", row["ending"]),
    )


def _checkin(head: sqlite3.Row, scores: list[ActivityScore]) -> CheckIn:
    """The check-in of *head* (its first row) with the *scores* of all its rows."""
    return CheckIn(
        head["id"], from_iso(head["taken_at"]), tuple(scores), head["impression"], head["session"]
    )


class HistoryStore:
    """The history database, opened (see :func:`HistoryStore.open`)."""

    def __init__(self, opened: Opened, *, wall: WallClock = local_now) -> None:
        self._conn = opened.connection
        self.path = opened.path
        #: Where a damaged file was moved, if it was (see :attr:`notice`).
        self.moved_to = opened.moved_to
        #: One plain sentence to show once when a damaged file was moved aside, or the file
        #: is read-only, else None.
        self.notice = opened.notice
        #: Why nothing can be recorded (the history was opened read-only), else None.
        self.read_only = opened.read_only
        self.wall = wall
        #: Rows skipped because they could not be read (a tampered or damaged value).
        self.skipped_rows = 0

    @classmethod
    def open(cls, path: Path, *, wall: WallClock = local_now, shared: bool = False) -> HistoryStore:
        """Open the history at *path* (``paths.history_file()`` in the app), creating it.

        A damaged file is moved aside and a fresh one started (:attr:`notice` says so).
        Raises :class:`~psoas_timer.history.database.NewerHistoryError` for a database from a
        newer app (left untouched), :class:`~psoas_timer.history.database.HistoryError` when
        the history cannot be used at all. Sets a session could not save earlier (kept in a
        journal beside the file, see :mod:`~psoas_timer.history.journal`) are added now.
        Raises :class:`~psoas_timer.history.database.HistoryLockedError` when another program
        keeps the file locked. *shared*: it may be opened on one thread and then used on
        another (never on both at once).
        """
        store = cls(open_database(path, shared=shared), wall=wall)
        if store.read_only is not None:
            return store  # shown as it is; sets kept from earlier wait for a writable file
        try:
            journal.replay(store.connection, store.path)
        except sqlite3.Error as exc:  # the sets stay in their journal for the next time
            log.warning("cannot add the sets kept from an earlier session yet: %s", exc)
        return store

    def reader(self) -> HistoryStore:
        """A second store on the same file, that only reads, for one worker thread (the
        whole-history figures: :meth:`totals`); close it when done. Raises
        :class:`~psoas_timer.history.database.HistoryError` when it cannot be opened."""
        try:
            conn = connect_reader(self.path, read_only=self.read_only is not None)
        except sqlite3.Error as exc:
            raise HistoryError(
                _("cannot read the history file {path}: {exc}").format(path=self.path, exc=exc)
            ) from exc
        return HistoryStore(Opened(conn, self.path, read_only=self.read_only), wall=self.wall)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read within sees the history as it was at its first read (one read
        transaction): figures worked out together agree with each other."""
        self._conn.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection itself, for the history package's own modules and tests."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it, or none of it."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _decoded(self, rows: Iterable[_Row], decode: Callable[[_Row], _Value]) -> list[_Value]:
        """*decode* of each row; a row that cannot be decoded is skipped and counted
        (:attr:`skipped_rows`), logged once per read, never fatal."""
        found: list[_Value] = []
        bad = 0
        for row in rows:
            try:
                found.append(decode(row))
            except _BAD_ROW as exc:
                bad += 1
                if bad == 1:
                    log.warning("skipping a history row that cannot be read: %s", exc)
        if bad:
            self.skipped_rows += bad
            log.warning("skipped %d history rows that cannot be read", bad)
        return found

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run *sql*; its rows are read by column name (:class:`sqlite3.Row`)."""
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params)

    def _today(self, today: date | None) -> date:
        return today if today is not None else self.wall().date()

    # -- sessions --------------------------------------------------------------------
    def sessions(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        routine: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SessionSummary]:
        """Sessions, newest first, optionally from local date *since* to *until* (both
        included), of one *routine* (by name), a page of *limit* after *offset*."""
        where: list[str] = ["1"]
        params: list[str | int] = []
        if since is not None:
            where.append("s.local_date >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("s.local_date <= ?")
            params.append(until.isoformat())
        if routine is not None:
            where.append("s.routine = ?")
            params.append(routine)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions s WHERE {' AND '.join(where)} "
            "ORDER BY s.started_utc DESC, s.id"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self._decoded(self._rows(sql, params), _summary)

    def count(self, *, since: date | None = None, until: date | None = None) -> int:
        """How many sessions there are (from local date *since* to *until*, when given)."""
        return int(
            self._conn.execute(
                "SELECT count(*) FROM sessions WHERE local_date BETWEEN ? AND ?",
                ((since or date.min).isoformat(), (until or date.max).isoformat()),
            ).fetchone()[0]
        )

    def session(self, session_id: str) -> SessionDetail | None:
        """One session with its steps, releases and ratings, or None if there is none."""
        row = self._rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions s WHERE s.id = ?", (session_id,)
        ).fetchone()
        summary = self._decoded([row] if row is not None else [], _summary)
        if not summary:
            return None
        key = row["key"]
        steps = tuple(
            StepRecord(
                step=r["step"],
                name=r["name"],
                library_id=r["library_id"] or None,
                kind=r["kind"],
                side=_side(r["side"]),
                set=r["set_no"],
                planned_seconds=r["planned_seconds"],
                actual_seconds=r["actual_seconds"],
                done=bool(r["done"]),
            )
            for r in self._rows(
                "SELECT st.step, p.name, p.library_id, p.kind, st.side, st.set_no, "
                "st.planned_seconds, st.actual_seconds, st.done "
                "FROM steps st JOIN parts p ON p.key = st.part WHERE st.session = ? "
                "ORDER BY st.step, st.set_no, st.side",
                (key,),
            )
        )
        return SessionDetail(summary[0], steps, self._releases(key), self._ratings(key))

    def _releases(self, key: int) -> tuple[Release, ...]:
        return tuple(
            _release(r)
            for r in self._rows(
                "SELECT r.step, p.name, p.library_id, r.side, r.set_no, r.seconds, "
                "r.min_seconds, r.target_seconds, r.max_seconds, r.ending "
                "FROM releases r JOIN parts p ON p.key = r.part WHERE r.session = ? "
                "ORDER BY r.step, r.set_no, r.side",
                (key,),
            )
        )

    def _ratings(self, key: int) -> tuple[Rating, ...]:
        return tuple(
            Rating(cast("Moment", r["moment"]), Area(r["area"], _side(r["side"])), r["score"])
            for r in self._rows(
                "SELECT moment, area, side, score FROM ratings WHERE session = ? "
                "ORDER BY moment DESC, position, area, side",
                (key,),
            )
        )

    def previous_session(self, session_id: str) -> SessionDetail | None:
        """The session of the same routine (by name) just before *session_id*, if any: for
        "the change since the previous session"."""
        row = self._conn.execute(
            "SELECT p.id FROM sessions s JOIN sessions p ON p.routine = s.routine "
            "AND (p.started_utc < s.started_utc "
            "     OR (p.started_utc = s.started_utc AND p.id < s.id)) "
            "WHERE s.id = ? ORDER BY p.started_utc DESC, p.id DESC LIMIT 1",
            (session_id,),
        ).fetchone()
        return self.session(row[0]) if row else None

    def last_done(self, routine: str) -> LastDone | None:
        """The last ended session of *routine* (by name), with its releases and ratings: for
        the routine's page ("done yesterday; Psoas release: left released in 1:40")."""
        row = self._rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions s "
            "WHERE s.routine = ? AND s.ending IS NOT NULL "
            "ORDER BY s.started_utc DESC, s.id DESC LIMIT 1",
            (routine,),
        ).fetchone()
        summary = self._decoded([row] if row is not None else [], _summary)
        if row is None or not summary:
            return None
        return LastDone(summary[0], self._releases(row["key"]), self._ratings(row["key"]))

    # -- the Progress page -----------------------------------------------------------
    def day_minutes(self, since: date, until: date) -> list[DayMinutes]:
        """Minutes of active time per local date from *since* to *until* (days without a
        session left out), oldest first."""
        return self._decoded(
            self._rows(
                "SELECT local_date, sum(active_seconds) AS seconds, count(*) AS sessions "
                "FROM sessions WHERE local_date BETWEEN ? AND ? "
                "GROUP BY local_date ORDER BY local_date",
                (since.isoformat(), until.isoformat()),
            ),
            lambda r: DayMinutes(
                date.fromisoformat(r["local_date"]), r["seconds"] / 60.0, r["sessions"]
            ),
        )

    def session_days(self) -> list[date]:
        """Every local date with a session, oldest first."""
        return self._decoded(
            self._conn.execute("SELECT DISTINCT local_date FROM sessions ORDER BY local_date"),
            lambda r: date.fromisoformat(r[0]),
        )

    def streak(self, today: date | None = None, goal: int | None = None) -> Streak:
        """The current and longest streak as of *today* (the wall clock's date by default),
        with *goal* days a week (the stored :meth:`weekly_goal` by default)."""
        return compute_streak(
            self.session_days(),
            self._today(today),
            goal if goal is not None else self.weekly_goal(),
        )

    def routine_stats(self) -> list[RoutineStats]:
        """Per routine name: sessions, completed ones, last done, average active seconds of
        the completed ones (of all, when none was completed); most recently done first."""
        rows = self._rows(
            # With max(), SQLite takes started_at from the row that has the maximum.
            "SELECT s.routine AS routine, count(*) AS sessions, "
            "sum(s.ending = 'completed') AS finished, "
            "coalesce(avg(CASE WHEN s.ending = 'completed' THEN s.active_seconds END), "
            "         avg(s.active_seconds)) AS average, "
            "s.started_at AS started_at, max(s.started_utc) AS latest "
            "FROM sessions s GROUP BY s.routine ORDER BY latest DESC"
        )
        return self._decoded(
            rows,
            lambda r: RoutineStats(
                r["routine"],
                r["sessions"],
                int(r["finished"] or 0),
                from_iso(r["started_at"]),
                float(r["average"] or 0),
            ),
        )

    def rated_areas(self) -> list[Area]:
        """Every area that has a rating, by name then side."""
        return [
            Area(row["area"], _side(row["side"]))
            for row in self._rows("SELECT DISTINCT area, side FROM ratings ORDER BY area, side")
        ]

    def last_rated_area(self) -> Area | None:
        """The area rated in the latest session with ratings (the first one asked), or None."""
        # The newest session with a rating, found by walking the sessions from the newest
        # (bounded by what is shown, not by the history's age), then its first area.
        row = self._rows(
            "SELECT r.area AS area, r.side AS side FROM ratings r WHERE r.session = ("
            "SELECT s.key FROM sessions s WHERE EXISTS "
            "(SELECT 1 FROM ratings x WHERE x.session = s.key) "
            "ORDER BY s.started_utc DESC LIMIT 1) "
            "ORDER BY r.moment = 'before' DESC, r.position LIMIT 1"
        ).fetchone()
        return Area(row["area"], _side(row["side"])) if row else None

    def last_released_point(self) -> Point | None:
        """The point of the latest open hold ended by release (:func:`is_release`), or None."""
        # The newest session with a release, walking the sessions from the newest (bounded
        # by what is shown, not by the history's age), then its first release.
        released = release_sql("r.ending")
        row = self._rows(
            "SELECT p.point AS point, p.name AS name, r.side AS side "
            "FROM releases r JOIN parts p ON p.key = r.part "
            f"WHERE {released} AND r.session = (SELECT s.key FROM sessions s WHERE EXISTS "
            f"(SELECT 1 FROM releases r WHERE r.session = s.key AND {released}) "
            "ORDER BY s.started_utc DESC LIMIT 1) ORDER BY r.step, r.set_no LIMIT 1"
        ).fetchone()
        return Point(row["point"], row["name"], _side(row["side"])) if row else None

    def pain_series(self, area: Area, *, since: date | None = None) -> list[PainSample]:
        """An area's before and after ratings, one sample per session, oldest first."""
        rows = self._rows(
            "SELECT s.id AS id, s.started_at AS started_at, "
            "max(CASE WHEN r.moment = 'before' THEN r.score END) AS before, "
            "max(CASE WHEN r.moment = 'after' THEN r.score END) AS after "
            "FROM ratings r JOIN sessions s ON s.key = r.session "
            "WHERE r.area = ? AND r.side = ? AND s.local_date >= ? "
            "GROUP BY s.key ORDER BY s.started_utc",
            (area.name, area.side or "", (since or date.min).isoformat()),
        )
        return self._decoded(
            rows,
            lambda r: PainSample(r["id"], from_iso(r["started_at"]), r["before"], r["after"]),
        )

    def release_points(self) -> list[Point]:
        """Every point with a hold ended by release (:func:`is_release`), by name then side."""
        return [
            Point(row["point"], row["name"], _side(row["side"]))
            for row in self._rows(
                "SELECT p.point AS point, max(p.name) AS name, r.side AS side "
                f"FROM (SELECT DISTINCT part, side FROM releases WHERE {release_sql('ending')}) r "
                "JOIN parts p ON p.key = r.part GROUP BY p.point, r.side "
                "ORDER BY max(p.name), r.side"
            )
        ]

    def release_series(self, point: Point, *, since: date | None = None) -> list[ReleaseSample]:
        """A point's time to release in each session (each set), oldest first: only holds
        ended by release (:func:`is_release`); skipped, stopped and maximum-reached holds are
        not times to release."""
        rows = self._rows(
            "SELECT s.id AS id, s.started_at AS started_at, r.seconds AS seconds, "
            "r.target_seconds AS target_seconds, r.ending AS ending "
            "FROM parts p JOIN releases r ON r.part = p.key "
            "JOIN sessions s ON s.key = r.session "
            "WHERE p.point = ? AND r.side = ? AND s.local_date >= ? "
            f"AND {release_sql('r.ending')} "
            "ORDER BY s.started_utc, r.step, r.set_no",
            (point.key, point.side or "", (since or date.min).isoformat()),
        )
        return self._decoded(
            rows,
            lambda r: ReleaseSample(
                r["id"],
                from_iso(r["started_at"]),
                r["seconds"],
                r["target_seconds"],
                cast("ReleaseEnding", r["ending"]),
            ),
        )

    def totals(self, today: date | None = None) -> Totals:
        """The figures over the whole history, read together (:meth:`snapshot`): what
        costs more the older the history is. Meant for a worker thread (:meth:`reader`)."""
        today = self._today(today)
        with self.snapshot():
            sums = self._rows(
                "SELECT count(*) AS count, coalesce(sum(active_seconds), 0) AS total FROM sessions"
            ).fetchone()
            count, total = sums["count"], sums["total"]
            return Totals(
                today=today,
                streak=self.streak(today),
                routines=tuple(self.routine_stats()),
                areas=tuple(self.rated_areas()),
                points=tuple(self.release_points()),
                sessions=int(count),
                total_seconds=float(total),
                latest_area=self.last_rated_area(),
                latest_point=self.last_released_point(),
            )

    def progress(self, today: date | None = None, *, days: int = 183) -> Progress:
        """What the Progress page draws: minutes per day over the last *days* days (cheap:
        bounded by *days*), and the whole-history :meth:`totals`."""
        today = self._today(today)
        totals = self.totals(today)
        return Progress.of(totals, tuple(self.day_minutes(today - timedelta(days=days - 1), today)))

    # -- settings --------------------------------------------------------------------
    def weekly_goal(self) -> int:
        """Days a week the user aims for (1–7; 5 until set)."""
        row = self._conn.execute(
            "SELECT value FROM settings WHERE key = ?", (_GOAL_KEY,)
        ).fetchone()
        try:
            goal = int(row[0]) if row else DEFAULT_GOAL
        except ValueError:
            log.warning("ignoring a weekly goal that is not a number: %r", row[0])
            return DEFAULT_GOAL
        return goal if 1 <= goal <= 7 else DEFAULT_GOAL

    def set_weekly_goal(self, days: int) -> None:
        if not 1 <= days <= 7:
            raise ValueError("the weekly goal is 1 to 7 days")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_GOAL_KEY, str(days)),
            )

    # -- ratings and notes -----------------------------------------------------------
    def rate(self, session_id: str, moment: Moment, scores: Mapping[Area, int]) -> None:
        """Save the 0–10 *scores* given *moment* (before or after) *session_id*, replacing
        that moment's earlier scores for the same areas. While a session is being recorded,
        use :meth:`Recorder.rate <psoas_timer.history.recorder.Recorder.rate>` instead (it
        keeps the order of the recorder's writes)."""
        statements = rating_statements(session_id, moment, scores)
        with self.transaction() as conn:
            self._key(session_id)
            for sql, params in statements:
                conn.execute(sql, params)

    def set_note(self, session_id: str, note: str) -> None:
        """Set the session's free-text note (empty to clear it)."""
        with self.transaction() as conn:
            self._key(session_id)
            conn.execute("UPDATE sessions SET note = ? WHERE id = ?", (note.strip(), session_id))

    def _key(self, session_id: str) -> int:
        row = self._conn.execute("SELECT key FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise KeyError(f"no session {session_id!r} in the history")
        return int(row[0])

    # -- weekly check-ins ------------------------------------------------------------
    def add_checkin(
        self,
        activities: Sequence[ActivityScore],
        impression: int | None,
        *,
        session_id: str | None = None,
        taken: datetime | None = None,
    ) -> CheckIn:
        """Record a check-in (up to three activities rated 0–10, an impression from -3 to
        +3 or None), taken now (the wall clock) unless *taken* says when; returns it.
        ValueError says what is wrong with the answers, and nothing is recorded."""
        if len(activities) > 3:
            raise ValueError("a check-in rates up to three activities")
        for item in activities:
            if not item.activity.strip() or len(item.activity) > 200:
                raise ValueError("an activity needs a name of 1 to 200 characters")
            if isinstance(item.score, bool) or not isinstance(item.score, int):
                raise ValueError(f"an activity is rated 0 to 10, not {item.score!r}")
            if not 0 <= item.score <= 10:
                raise ValueError(f"an activity is rated 0 to 10, not {item.score!r}")
        if impression is not None and impression not in IMPRESSIONS:
            raise ValueError(f"the impression of change is -3 to 3, not {impression!r}")
        moment = taken if taken is not None else self.wall()
        checkin = CheckIn(
            uuid.uuid4().hex,
            moment,
            tuple(ActivityScore(a.activity.strip(), a.score) for a in activities),
            impression,
            session_id,
        )
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO checkins (id, taken_at, taken_utc, local_date, impression, session) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    checkin.id,
                    to_iso(moment),
                    moment.timestamp(),
                    moment.date().isoformat(),
                    impression,
                    session_id,
                ),
            )
            conn.executemany(
                "INSERT INTO checkin_activities (checkin, position, activity, score) "
                "VALUES (?, ?, ?, ?)",
                [
                    (cursor.lastrowid, n, a.activity, a.score)
                    for n, a in enumerate(checkin.activities)
                ],
            )
        return checkin

    def checkins(self, *, since: date | None = None, until: date | None = None) -> list[CheckIn]:
        """Check-ins from local date *since* to *until* (both included), oldest first."""
        rows = self._rows(
            "SELECT c.key AS key, c.id AS id, c.taken_at AS taken_at, c.impression AS impression, "
            "c.session AS session, a.activity AS activity, a.score AS score "
            "FROM checkins c LEFT JOIN checkin_activities a ON a.checkin = c.key "
            "WHERE c.local_date BETWEEN ? AND ? ORDER BY c.taken_utc, c.key, a.position",
            ((since or date.min).isoformat(), (until or date.max).isoformat()),
        )
        found: list[CheckIn] = []
        last_key = None
        scores: list[ActivityScore] = []
        head: sqlite3.Row | None = None
        for row in rows:
            if row["key"] != last_key:
                if head is not None:
                    found.append(_checkin(head, scores))
                last_key, head, scores = row["key"], row, []
            if row["activity"] is not None:
                scores.append(ActivityScore(row["activity"], int(row["score"])))
        if head is not None:
            found.append(_checkin(head, scores))
        return found

    def last_checkin(self) -> CheckIn | None:
        """The newest check-in, or None before the first."""
        row = self._conn.execute(
            "SELECT local_date FROM checkins ORDER BY taken_utc DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        day = date.fromisoformat(row[0])
        return self.checkins(since=day, until=day)[-1]

    # -- unfinished sessions ---------------------------------------------------------
    def unfinished(self) -> list[Unfinished]:
        """Sessions that never ended (the app was killed or crashed), newest first.

        Call this at start-up, before recording anything new: each is offered to carry on
        (:meth:`Recorder.resume <psoas_timer.history.recorder.Recorder.resume>`) or to
        keep as it is (:meth:`record_as_interrupted`).
        """

        def decode(row: sqlite3.Row) -> Unfinished:
            step = self._rows(
                "SELECT st.step AS step, p.name AS name FROM steps st "
                "JOIN parts p ON p.key = st.part "
                "WHERE st.session = ? ORDER BY st.step DESC, st.set_no DESC LIMIT 1",
                (row["key"],),
            ).fetchone()
            return Unfinished(
                session=_summary(row),
                resume_segment=int(row["position"]),
                step=step["step"] if step else None,
                step_name=step["name"] if step else None,
                last_activity=from_iso(row["last_at"]),
            )

        return self._decoded(
            self._rows(
                f"SELECT {_SUMMARY_COLUMNS}, s.position AS position, s.last_at AS last_at "
                "FROM sessions s WHERE s.ending IS NULL ORDER BY s.started_utc DESC"
            ).fetchall(),
            decode,
        )

    def record_as_interrupted(self, session_id: str) -> None:
        """Close an unfinished session as it stands: ending "interrupted", ended at its
        last recorded step. Does nothing to a session that has ended."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE sessions SET ending = 'interrupted', ended_at = last_at "
                "WHERE id = ? AND ending IS NULL",
                (session_id,),
            )

    # -- deleting --------------------------------------------------------------------
    def delete_session(self, session_id: str) -> bool:
        """Delete one session and all recorded in it; False if there was none."""
        with self.transaction() as conn:
            cursor = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return cursor.rowcount > 0

    def delete_all(self) -> int:
        """Delete every session and check-in (settings such as the weekly goal stay);
        returns how many sessions."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM checkins")
            cursor = conn.execute("DELETE FROM sessions")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return cursor.rowcount

    # -- moving history between computers --------------------------------------------
    def export(self, path: Path) -> int:
        """Write everything to *path*: CSV for ``.csv``, else JSON Lines; returns how many
        sessions. The file is written whole or not at all."""
        from .exchange import export_history

        return export_history(self._conn, path)

    def import_file(self, path: Path) -> ImportResult:
        """Merge *path* (an export, CSV or JSON Lines) by session id: a session already here
        is left as it is, so importing twice adds nothing. All or nothing: a bad file raises
        :class:`~psoas_timer.history.exchange.HistoryImportError` naming its line, and nothing is
        added."""
        from .exchange import import_history

        added, skipped = import_history(self._conn, path)
        return ImportResult(added, skipped)
