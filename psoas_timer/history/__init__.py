"""The history: every session recorded as it happens, and what the Progress page shows.

Qt-free, on the standard library's sqlite3; it may use the core, and the core never uses it.
The window and the command line read through :class:`HistoryStore` and record through
:class:`Recorder`; nothing outside this package writes SQL.

- :class:`HistoryStore` (``store.py``): open the database, list and read sessions, the
  Progress page's figures, ratings and notes, unfinished sessions, delete, export, import.
- :class:`Recorder` (``recorder.py``): listens to a :class:`~psoas_timer.core.engine.Session`
  and commits each set of each step as it ends, on a writer thread.
- :func:`routine_areas` / :func:`wants_rating` (``areas.py``): what to rate for a routine.
- :func:`compute_streak` (``streaks.py``): streaks with a weekly goal, on local dates.
- :func:`rating_changes` (``summary.py``): the after ratings against the previous session.
- :func:`describe_releases` (``format.py``): "Psoas release: left released in 1:40, right in 2:10".
- ``records.py``: the frozen records all of these return.

How the window uses it::

    store = HistoryStore.open(paths.history_file())   # once; show store.notice if set
    # NewerHistoryError / HistoryError: carry on without a history, say why once.

    # At start-up: an interrupted session?
    for found in store.unfinished():
        at = resume_at(plan, found, RoutineSource.from_file(name, path))
        # offer "carry on from <plan.steps[plan.segments[at].step].name>" when at is not None:
        session = Session(plan, clock)
        recorder = Recorder.resume(store, session, found)
        session.start(at_segment=at)
        # or keep it as it was:
        store.record_as_interrupted(found.session.id)

    # A session: create the recorder between Session() and start().
    session = Session(plan, clock)
    recorder = Recorder.begin(store, session, RoutineSource.from_file(name, path))
    if wants_rating(routine):
        areas = routine_areas(routine)        # the prompt's rows, in order
        recorder.rate("before", {area: score, ...})
    session.start()
    ...                                       # ended: finished or stopped
    recorder.rate("after", {...}); recorder.note(text)
    recorder.close()                          # waits for the last commit
    detail = store.session(recorder.session_id)
    changes = rating_changes(detail, store.previous_session(recorder.session_id))

    # The routine page: store.last_done(routine.name), describe_releases(last.releases)
    # The Progress page: store.progress(), or store.day_minutes() now and, on a worker
    #   thread, store.reader().totals() (the figures over the whole history),
    #   store.sessions(limit=50, offset=n),
    #   store.session(id), store.pain_series(area), store.release_series(point),
    #   store.weekly_goal() / set_weekly_goal(n), delete_session(id), delete_all(),
    #   export(path), import_file(path) (HistoryImportError names the line).
    # The weekly check-in: store.add_checkin([ActivityScore("sitting an hour", 4)], 1),
    #   store.checkins(since=, until=), store.last_checkin().
"""

from .areas import routine_areas, wants_rating
from .database import (
    DATABASE_NAME,
    ForeignHistoryError,
    HistoryError,
    HistoryLockedError,
    NewerHistoryError,
)
from .exchange import HistoryImportError
from .format import describe_releases, format_seconds
from .localtime import WallClock, local_now
from .recorder import Recorder, resume_at
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
    content_hash,
)
from .store import HistoryStore, ImportResult
from .streaks import DEFAULT_GOAL, compute_streak
from .summary import Change, SinceStart, rating_changes, since_start

__all__ = [
    "DATABASE_NAME",
    "DEFAULT_GOAL",
    "IMPRESSIONS",
    "ActivityScore",
    "Area",
    "Change",
    "CheckIn",
    "DayMinutes",
    "Ending",
    "ForeignHistoryError",
    "HistoryError",
    "HistoryImportError",
    "HistoryLockedError",
    "HistoryStore",
    "ImportResult",
    "LastDone",
    "Moment",
    "NewerHistoryError",
    "PainSample",
    "Point",
    "Progress",
    "Rating",
    "Recorder",
    "Release",
    "ReleaseEnding",
    "ReleaseSample",
    "RoutineSource",
    "RoutineStats",
    "SessionDetail",
    "SessionSummary",
    "Side",
    "SinceStart",
    "StepRecord",
    "Streak",
    "Totals",
    "Unfinished",
    "WallClock",
    "compute_streak",
    "content_hash",
    "describe_releases",
    "format_seconds",
    "local_now",
    "rating_changes",
    "resume_at",
    "routine_areas",
    "since_start",
    "wants_rating",
]
