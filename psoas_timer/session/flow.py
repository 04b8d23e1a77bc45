"""What happens around a session, decided without a window.

The safety notice (once, and before pressure-release routines until dismissed), the
either/or steps' questions (the last answers marked, and remembered), the rating before,
the session, the rating after, the completion, and, once the window is shown, the offer to
carry on a session the app never saw end. :class:`SessionFlow` keeps the state between
those steps; each method is one thing that happened (the user pressed Start, answered a
question, rated, the session ended) and returns the next :mod:`step <.steps>` to show, or
None when there is nothing to show.

During the session it keeps one rule: ending an open hold before its minimum takes a
second press (:meth:`SessionFlow.release_pressed`, with :mod:`.early_release`).

The window (or anything else: a test, a media key) shows each step and reports the answer;
the flow records the session through the :class:`~.recording.HistoryLink`. One way: the
window asks, the flow decides, the history keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from psoas_timer.core.catalog import Catalog, Entry
from psoas_timer.core.engine import Session, SessionRecord
from psoas_timer.core.model import Routine
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.core.safety import needs_release_notice
from psoas_timer.history import (
    Area,
    Moment,
    Unfinished,
    routine_areas,
    since_start,
    wants_rating,
)
from psoas_timer.history.chart_series import pain_chart
from psoas_timer.history.checkin import checkin_due

from . import early_release
from .early_release import EarlyRelease
from .recording import HistoryLink
from .steps import (
    Begin,
    Choice,
    Completion,
    EndHold,
    PressAgain,
    Rating,
    Resume,
    Safety,
    Step,
)

__all__ = ["FlowPreferences", "SessionFlow", "offers_ratings"]


class FlowPreferences(Protocol):
    """The preferences the flow reads and keeps."""

    safety_seen: bool
    safety_release_dismissed: bool

    def last_choices(self, routine: str) -> list[str]: ...

    def remember_choices(self, routine: str, picked: list[str]) -> None: ...

    def ratings_for(self, routine: str) -> bool: ...

    def routine_ratings(self, routine: str) -> bool: ...

    def set_routine_ratings(self, routine: str, on: bool) -> None: ...


def offers_ratings(routine: Routine) -> bool:
    """Whether *routine* is one whose sessions can be rated (its page offers the switch)."""
    return wants_rating(routine) and bool(routine_areas(routine))


@dataclass
class _Offer:
    """The interrupted session being offered, and where it would carry on."""

    unfinished: Unfinished
    entry: Entry
    at: int


class SessionFlow:
    """The steps around the sessions of the routine open now.

    *entry* gives the open routine's entry, *active* whether a session runs (or is paused),
    *catalog* the routines as listed (None until they are); *preferences* keeps what the
    user chose; *history* records; *clock* is the sessions' (for the second press).
    """

    def __init__(
        self,
        preferences: FlowPreferences,
        history: HistoryLink,
        *,
        entry: Callable[[], Entry | None],
        active: Callable[[], bool],
        catalog: Callable[[], Catalog | None],
        clock: Callable[[], float],
    ) -> None:
        self._prefs = preferences
        self.history = history
        self._entry = entry
        self._active = active
        self._catalog = catalog
        self._notice_shown = False  # this run
        self._notice_open = False
        self._pending_start = False  # Start waits on the notice
        # The either/or walk: answers so far (None: not asked); complete, for the next start.
        self._asking: dict[int, int] | None = None
        self._picks: dict[int, int] | None = None
        self._resume_at = 0
        self._rating: Moment | None = None
        self._ended: tuple[Plan | None, SessionRecord] | None = None
        self._shown = False
        self._resume_offered = False
        self._offer: _Offer | None = None
        self._session: Session | None = None  # the one made last
        self._early = EarlyRelease(clock)

    # -- the window ----------------------------------------------------------------------
    def shown(self) -> Safety | None:
        """The window is on screen: the safety notice, the first time the app runs."""
        show = not self._prefs.safety_seen and not self._notice_open and not self._notice_shown
        self._shown = True
        return self._safety(before_start=False) if show else None

    def resume_due(self) -> bool:
        """Whether to offer to carry on now (True once): the window is shown, the routines
        are listed and the history is open."""
        if self._resume_offered or not self._shown or self._catalog() is None:
            return False
        if not self.history.available:
            return False
        self._resume_offered = True
        return True

    # -- starting ------------------------------------------------------------------------
    def start(self) -> Safety | Choice | Rating | Begin | None:
        """The user asked to start the open routine: the release notice first where it
        applies, then its either/or questions, then the rating before, then the session."""
        entry = self._entry()
        if entry is None or entry.routine is None or self._active():
            return None
        self.history.open()  # started before it opened on its own: the rating and record
        routine = entry.routine
        unread = not self._prefs.safety_seen  # closed with Esc before: not read yet
        if (
            unread or (needs_release_notice(routine) and not self._prefs.safety_release_dismissed)
        ) and not self._notice_shown:
            self._pending_start = True
            return self._safety(before_start=True)
        if routine.choices() and self._picks is None:
            self._asking = {}
            return self._choice(entry, 0)
        self._resume_at = 0
        areas = self._areas(entry)
        if areas:
            self._rating = "before"
            return Rating("before", areas)
        return self._begin(entry)

    def _safety(self, *, before_start: bool) -> Safety | None:
        if self._notice_open:
            return None  # already on screen
        self._notice_open = True
        return Safety(before_start)

    def safety_closed(self, accepted: bool, *, dismissed: bool = False) -> Step | None:
        """The notice was closed (*accepted* with OK; *dismissed*: not again before release
        routines): a start waiting on it goes on when accepted."""
        self._notice_open = False
        start, self._pending_start = self._pending_start, False
        if not accepted:  # Esc: not read; it shows again before the next session
            return None
        self._notice_shown = True
        self._prefs.safety_seen = True
        if dismissed:
            self._prefs.safety_release_dismissed = True
        return self.start() if start else None

    def _choice(self, entry: Entry, number: int) -> Choice:
        assert entry.routine is not None
        choices = entry.routine.choices()
        choice = choices[number]
        last = self._prefs.last_choices(str(entry.path))
        keys = choice.option_keys()
        marked = (
            keys.index(last[number])
            if number < len(last) and last[number] in keys
            else choice.default_index
        )
        return Choice(number, len(choices), choice, marked)

    def chose(self, picked: int | None) -> Step | None:
        """The user answered the either/or question asked last with option *picked*, or
        cancelled it (None: back to the routine page, nothing started)."""
        picks, self._asking = self._asking, None
        entry = self._entry()
        if picked is None or picks is None or entry is None or entry.routine is None:
            return None
        choices = entry.routine.choices()
        picks[len(picks)] = picked
        if len(picks) < len(choices):
            self._asking = picks
            return self._choice(entry, len(picks))
        self._prefs.remember_choices(
            str(entry.path), [c.option_keys()[picks[n]] for n, c in enumerate(choices)]
        )
        self._picks = picks
        return self.start()

    def _begin(self, entry: Entry) -> Begin | None:
        """Start *entry*'s session now (from :attr:`_resume_at`), with the answers just given
        to its either/or steps, or else the last ones remembered for it (a session carried
        on after the app closed)."""
        routine = entry.routine
        if routine is None or self._active():
            return None
        choices = routine.choices()
        picks, self._picks = self._picks, None
        if choices and picks is None:
            last = self._prefs.last_choices(str(entry.path))
            picks = {
                n: c.option_keys().index(last[n])
                for n, c in enumerate(choices)
                if n < len(last) and last[n] in c.option_keys()
            }
        plan = compile_plan(routine, picks) if choices else entry.plan
        at, self._resume_at = self._resume_at, 0
        return Begin(entry, plan, at)

    # -- ratings -------------------------------------------------------------------------
    def _areas(self, entry: Entry) -> list[Area]:
        """The areas to rate for *entry*'s routine; none when not asked for."""
        routine = entry.routine
        if routine is None or not self.history.available:
            return []
        if not entry.path.is_file():  # a one-step trial from the editor is not recorded
            return []
        if not self._prefs.ratings_for(routine.name) or not wants_rating(routine):
            return []
        return routine_areas(routine)

    @property
    def rating(self) -> Moment | None:
        """The moment being rated now, if any."""
        return self._rating

    def rated(
        self, scores: Mapping[Area, int], note: str = "", *, dont_ask: bool = False
    ) -> Begin | Completion | None:
        """The user gave *scores* (and *note*); *dont_ask*: not again for this routine."""
        moment = self._rating
        if moment is None:
            return None
        self.history.rate(moment, scores, note)
        return self._rated(moment, dont_ask)

    def rating_skipped(self, *, dont_ask: bool = False) -> Begin | Completion | None:
        """The user went on without rating (*dont_ask*: not again for this routine)."""
        moment = self._rating
        return self._rated(moment, dont_ask) if moment is not None else None

    def _rated(self, moment: Moment, dont_ask: bool) -> Begin | Completion | None:
        self._rating = None
        entry = self._entry()
        if dont_ask and entry is not None and entry.routine is not None:
            self._prefs.set_routine_ratings(entry.routine.name, False)
        if moment == "after":
            return self._completion()
        return self._begin(entry) if entry is not None else None

    def left_rating(self) -> None:
        """The user went elsewhere from the rating prompt: before, the session is not
        started (its rating is dropped); after, the session's record is closed."""
        moment, self._rating = self._rating, None
        if moment == "before":
            self.history.forget_pending()
        elif moment == "after":
            self._ended = None
            self.history.finish()

    def set_ratings(self, on: bool) -> None:
        """The user switched the open routine's ratings on or off."""
        entry = self._entry()
        if entry is not None and entry.routine is not None:
            self._prefs.set_routine_ratings(entry.routine.name, on)

    # -- the session ---------------------------------------------------------------------
    def session_made(self, session: Session) -> None:
        """A session of the open routine was made (not yet started): record it, unless it
        is a trial of one step from the editor, which is not a session to keep."""
        self._session = session
        self._early.reset()
        entry = self._entry()
        if entry is None or entry.routine is None:
            return
        if not entry.path.is_file():
            self.history.forget_pending()
            return
        self.history.begin(session, entry.routine.name, entry.path)

    def ended(
        self, plan: Plan | None, record: SessionRecord, *, closing: bool = False
    ) -> Rating | Completion | None:
        """The session of *plan* ended (finished or stopped) as *record*: the rating after
        when asked for, then the completion; nothing when the window is *closing*."""
        self._early.reset()
        self._ended = (plan, record)
        if closing:
            self._ended = None
            self.history.finish()
            return None
        entry = self._entry()
        areas = self._areas(entry) if entry is not None else []
        if self.history.recording and areas:
            self._rating = "after"
            return Rating("after", areas)
        return self._completion()

    def _completion(self) -> Completion:
        ended, self._ended = self._ended, None
        plan, record = ended if ended is not None else (None, None)
        detail = self.history.finish()
        if plan is not None and record is not None:  # carried on after a crash: all of it
            record = self.history.whole_record(plan, record, detail)
        previous = self.history.previous() if detail is not None else None
        unsaved, self.history.unsaved_notice = self.history.unsaved_notice, None  # said once
        store = self.history.store
        if detail is None or store is None:
            return Completion(plan, record, detail, previous, unsaved=unsaved)
        found = tuple(since_start(store, detail))
        chart = None
        if found:  # the area that changed most since the start, over time
            most = max(found, key=lambda item: item.change.points)
            chart = pain_chart(most.area.label, store.pain_series(most.area))
        due = checkin_due(store, detail.summary.local_date)
        first = due and store.last_checkin() is None
        return Completion(
            plan, record, detail, previous, found, chart, due, unsaved, first_checkin=first
        )

    def release_pressed(self) -> EndHold | PressAgain | None:
        """Released was pressed (a key, a button, a remote): end the open hold, or, before
        its minimum, only ask for a second press (a stray Enter must not end a hold that has
        barely begun). None: no session runs."""
        session = self._session
        if session is None or not session.active:
            return None
        minimum = self._early.press(session.snapshot())
        if minimum is None:
            return EndHold()
        return PressAgain(minimum, early_release.EARLY_RELEASE_WINDOW)

    def release_hint(self) -> float | None:
        """The open hold's minimum while a second press would end it before then (shown
        beside the clock), else None: no first press, the hold ended, or the moment passed."""
        session = self._session
        if session is None or not session.active:
            return None
        return self._early.minimum(session.snapshot())

    # -- carrying on ---------------------------------------------------------------------
    def offer_resume(self) -> Resume | None:
        """Offer (once) to carry on a session the app never saw end (a crash, a kill, a power
        cut): from the start of the set that was running, or keep it as it was. Older ones
        are kept as they were; one whose routine is gone or changed is said and kept."""
        self.history.open()
        store, catalog = self.history.store, self._catalog()
        if store is None or self._active() or catalog is None:
            return None
        self._resume_offered = True  # once: the window offers it of its own accord too
        unfinished = store.unfinished()
        if not unfinished:
            return None
        newest, *older = unfinished
        for old in older:
            store.record_as_interrupted(old.session.id)
        summary = newest.session
        file = summary.routine.file
        entry = catalog.find(file) if file else None
        if entry is None:
            entry = catalog.find(summary.routine.name)
        today = store.wall().date()
        at = None
        if entry is not None and entry.routine is not None:
            at = self.history.resume_segment(entry.plan, newest, entry.path)
        if entry is None or entry.routine is None or at is None:
            store.record_as_interrupted(summary.id)
            return Resume(summary.routine.name, summary.started, today, None, entry is None)
        plan = entry.plan
        work = next((seg for seg in plan.segments[at:] if seg.is_work), plan.segments[at])
        self._offer = _Offer(newest, entry, at)
        return Resume(
            summary.routine.name,
            summary.started,
            today,
            plan.steps[work.step].name,
            side=work.side,
            set=work.set,
            sets=work.sets,
        )

    def resume_answered(self, carry_on: bool) -> Begin | None:
        """The user answered the offer: carry on (the session starts where it was cut), or
        keep it as it was, interrupted."""
        offer, self._offer = self._offer, None
        if offer is None:
            return None
        store = self.history.store
        if not carry_on:
            if store is not None:
                store.record_as_interrupted(offer.unfinished.session.id)
            return None
        self.history.carry_on(offer.unfinished)
        self._resume_at = offer.at
        return self._begin(offer.entry)
