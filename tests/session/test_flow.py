"""The steps around a session, walked without a window: each answer the user gives, the
step that follows, and what the history keeps, for every path from Start to the end."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from psoas_timer.core.catalog import Catalog, Entry, load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session, SessionRecord, State
from psoas_timer.history import HistoryStore
from psoas_timer.session.early_release import EARLY_RELEASE_WINDOW
from psoas_timer.session.flow import SessionFlow
from psoas_timer.session.recording import HistoryLink
from psoas_timer.session.steps import (
    Begin,
    Choice,
    Completion,
    EndHold,
    PressAgain,
    Rating,
    Resume,
    Safety,
)

ZONE = timezone(timedelta(hours=1))

RATED = """\
name: Evening release
defaults: {prepare: 3, rest: 4, switch_sides: 3}
steps:
  - name: Kneeling stretch
    kind: stretch
    hold: 20
    sides: both
    muscles: [hip flexors]
  - name: Psoas release
    kind: release
    open: {min: 10, target: 30, max: 60}
    sides: both
    breathing: none
    muscles: [psoas, low back]
"""

STRETCH = """\
name: Morning stretch
defaults: {prepare: 2}
steps:
  - name: Lunge
    kind: stretch
    hold: 10
    muscles: [hip flexors]
"""

HEAT_OR_ICE = """\
name: Heat or ice
defaults: {prepare: 2}
steps:
  - choose:
      - {name: Heat pack, kind: heat-ice, duration: 1m}
      - {name: Ice pack, kind: heat-ice, duration: 2m}
    default: Heat pack
    ask: Heat or ice today?
  - choose:
      - {name: Walk, kind: stretch, hold: 10}
      - {name: Sit, kind: stretch, hold: 20}
    default: Sit
"""


@dataclass
class Prefs:
    """The preferences, kept in memory as the window's are in its settings."""

    safety_seen: bool = False
    safety_release_dismissed: bool = False
    ask_ratings: bool = True
    off: set[str] = field(default_factory=set)
    choices: dict[str, list[str]] = field(default_factory=dict)

    def last_choices(self, routine: str) -> list[str]:
        return self.choices.get(routine, [])

    def remember_choices(self, routine: str, picked: list[str]) -> None:
        self.choices[routine] = list(picked)

    def ratings_for(self, routine: str) -> bool:
        return self.ask_ratings and routine not in self.off

    def routine_ratings(self, routine: str) -> bool:
        return routine not in self.off

    def set_routine_ratings(self, routine: str, on: bool) -> None:
        (self.off.discard if on else self.off.add)(routine)


class Wall:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 7, 0, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.now


class App:
    """Plays the window: the open routine, the session running, and what the flow shows."""

    def __init__(self, folders: tuple[Path, Path], store_path: Path, prefs: Prefs) -> None:
        self.clock = FakeClock()
        self.wall = Wall()
        self.prefs = prefs
        self.catalog: Catalog | None = load_catalog(*folders)
        self.entry: Entry | None = None
        self.session: Session | None = None
        self.history = HistoryLink(opener=lambda: HistoryStore.open(store_path, wall=self.wall))
        self.flow = SessionFlow(
            prefs,
            self.history,
            entry=lambda: self.entry,
            active=lambda: self.session is not None and self.session.active,
            catalog=lambda: self.catalog,
            clock=self.clock,
        )

    def open(self, key: str) -> None:
        assert self.catalog is not None
        self.entry = self.catalog.find(key)
        assert self.entry is not None

    def begin(self, step: object) -> Session:
        """Start the session a :class:`Begin` asks for, as the window does."""
        assert isinstance(step, Begin)
        self.entry = step.entry
        self.session = Session(step.plan, self.clock)
        self.flow.session_made(self.session)
        self.session.start(step.at)
        return self.session

    def run_to_end(self) -> SessionRecord:
        """Let the session run to its end, releasing each open hold at its target."""
        session = self.session
        assert session is not None
        while session.state is State.RUNNING:
            snap = session.snapshot()
            hold = snap.segment.open
            if hold is not None and snap.elapsed >= hold.target:
                session.release()
                continue
            self.clock.advance(0.5)
            self.wall.now += timedelta(seconds=0.5)
            session.poll()
        return session.record

    def press_released(self) -> EndHold | PressAgain | None:
        """Released was pressed: what the flow says, done as the window does it."""
        step = self.flow.release_pressed()
        if isinstance(step, EndHold):
            assert self.session is not None
            self.session.release()
        return step

    def to_open_hold(self, seconds: float) -> None:
        """Skip to the session's next open hold and hold it *seconds*."""
        session = self.session
        assert session is not None
        session.next()
        while session.snapshot().segment.open is None:
            session.next()
        self.clock.advance(seconds)
        session.poll()

    def in_open_hold(self) -> bool:
        assert self.session is not None
        return self.session.snapshot().segment.open is not None

    def stop(self) -> SessionRecord:
        assert self.session is not None
        self.session.stop()
        return self.session.record

    def ended(self, record: SessionRecord, *, closing: bool = False) -> object:
        assert self.session is not None
        return self.flow.ended(self.session.plan, record, closing=closing)

    @property
    def store(self) -> HistoryStore:
        self.history.open()
        assert self.history.store is not None
        return self.history.store


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    bundled.mkdir()
    user.mkdir()
    (user / "evening.yaml").write_text(RATED)
    (user / "morning.yaml").write_text(STRETCH)
    (user / "heat-or-ice.yaml").write_text(HEAT_OR_ICE)
    return bundled, user


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def prefs() -> Prefs:
    return Prefs(safety_seen=True, safety_release_dismissed=True)


@pytest.fixture
def app(folders: tuple[Path, Path], store_path: Path, prefs: Prefs) -> Iterator[App]:
    made = App(folders, store_path, prefs)
    yield made
    made.history.close()


def test_the_first_run_shows_the_notice_once_and_never_again(
    folders: tuple[Path, Path], store_path: Path
) -> None:
    prefs = Prefs()
    first = App(folders, store_path, prefs)
    assert first.flow.shown() == Safety(before_start=False)
    assert first.flow.shown() is None  # already on screen
    assert first.flow.safety_closed(True) is None  # nothing waited on it
    assert prefs.safety_seen
    first.history.close()
    again = App(folders, store_path, prefs)
    assert again.flow.shown() is None
    again.history.close()


def test_the_first_run_notice_closed_with_esc_is_not_read_and_comes_before_the_session(
    folders: tuple[Path, Path], store_path: Path
) -> None:
    prefs = Prefs(ask_ratings=False)
    app = App(folders, store_path, prefs)
    assert app.flow.shown() == Safety(before_start=False)
    assert app.flow.safety_closed(False) is None  # Esc
    assert not prefs.safety_seen  # not "I understand"
    app.open("morning")  # no release steps, but the notice was never read
    assert app.flow.start() == Safety(before_start=True)
    assert isinstance(app.flow.safety_closed(True), Begin)
    assert prefs.safety_seen
    app.history.close()


def test_a_release_routine_waits_on_the_notice_until_it_is_dismissed(
    folders: tuple[Path, Path], store_path: Path
) -> None:
    prefs = Prefs(safety_seen=True, ask_ratings=False)
    app = App(folders, store_path, prefs)
    app.open("morning")
    assert isinstance(app.flow.start(), Begin)  # no release steps: no notice
    app.open("evening")
    assert app.flow.start() == Safety(before_start=True)
    assert app.flow.start() is None  # the notice is on screen already
    assert app.flow.safety_closed(False) is None  # Esc: nothing starts, nothing recorded
    assert app.flow.start() == Safety(before_start=True)  # not read: shown again
    assert isinstance(app.flow.safety_closed(True), Begin)
    assert isinstance(app.flow.start(), Begin)  # read once: enough for this run
    app.history.close()
    later = App(folders, store_path, prefs)
    later.open("evening")
    assert later.flow.start() == Safety(before_start=True)  # a new run: again
    step = later.flow.safety_closed(True, dismissed=True)
    assert isinstance(step, Begin)  # accepted: the start goes on
    assert prefs.safety_release_dismissed
    later.history.close()
    last = App(folders, store_path, prefs)
    last.open("evening")
    assert isinstance(last.flow.start(), Begin)  # dismissed: not again
    last.history.close()


def test_either_or_questions_come_one_by_one_and_their_answers_are_remembered(
    app: App,
) -> None:
    app.open("heat-or-ice")
    first = app.flow.start()
    assert isinstance(first, Choice)
    assert (first.number, first.count, first.marked) == (0, 2, 0)  # the default
    assert first.choice.ask == "Heat or ice today?"
    second = app.flow.chose(1)
    assert isinstance(second, Choice)
    assert (second.number, second.marked) == (1, 1)  # its default: Sit
    begin = app.flow.chose(0)
    assert isinstance(begin, Begin)
    assert [s.name for s in begin.plan.steps] == ["Ice pack", "Walk"]
    assert app.prefs.last_choices(str(app.entry.path if app.entry else "")) == [
        "Ice pack",
        "Walk",
    ]
    again = app.flow.start()
    assert isinstance(again, Choice)
    assert again.marked == 1  # last time's answer, marked
    assert app.flow.chose(None) is None  # cancelled: nothing starts
    asked = app.flow.start()  # and the next start asks from the first again
    assert isinstance(asked, Choice)
    assert asked.number == 0


def test_with_ratings_on_the_session_is_rated_before_and_after_and_recorded(app: App) -> None:
    app.open("evening")
    before = app.flow.start()
    assert isinstance(before, Rating)
    assert before.moment == "before"
    areas = before.areas
    assert areas
    assert app.flow.rating == "before"
    begin = app.flow.rated({areas[0]: 6}, "stiff this morning")
    assert isinstance(begin, Begin)
    assert begin.at == 0
    app.begin(begin)
    after = app.ended(app.run_to_end())
    assert after == Rating("after", areas)
    done = app.flow.rated({areas[0]: 3})
    assert isinstance(done, Completion)
    assert done.record is not None
    assert done.record.completed
    assert done.detail is not None
    assert done.detail.ratings_at("before") == {areas[0]: 6}
    assert done.detail.ratings_at("after") == {areas[0]: 3}
    assert done.previous is None  # the routine's first session
    assert [s.ending for s in app.store.sessions()] == ["completed"]


def test_with_ratings_off_the_session_goes_straight_to_the_player_and_is_still_kept(
    app: App,
) -> None:
    app.prefs.set_routine_ratings("Evening release", False)
    app.open("evening")
    begin = app.flow.start()
    assert isinstance(begin, Begin)
    app.begin(begin)
    done = app.ended(app.run_to_end())
    assert isinstance(done, Completion)
    assert done.detail is not None
    assert done.detail.ratings == ()
    assert app.store.count() == 1


def test_dont_ask_again_turns_the_routines_ratings_off_and_the_session_goes_on(
    app: App,
) -> None:
    app.open("evening")
    assert isinstance(app.flow.start(), Rating)
    begin = app.flow.rating_skipped(dont_ask=True)
    assert isinstance(begin, Begin)
    assert not app.prefs.ratings_for("Evening release")
    app.begin(begin)
    assert isinstance(app.ended(app.run_to_end()), Completion)  # no rating after either


def test_a_trial_from_the_editor_is_neither_rated_nor_recorded(
    app: App, folders: tuple[Path, Path]
) -> None:
    assert app.catalog is not None
    routine = app.catalog.find("evening")
    assert routine is not None
    assert routine.routine is not None
    app.entry = Entry(Path("Evening release.yaml"), bundled=False, routine=routine.routine)
    begin = app.flow.start()
    assert isinstance(begin, Begin)  # no rating before, ratings on or not
    app.begin(begin)
    done = app.ended(app.run_to_end())
    assert isinstance(done, Completion)
    assert done.record is not None
    assert done.detail is None
    assert app.store.count() == 0


def test_leaving_the_rating_before_starts_nothing_and_keeps_nothing(app: App) -> None:
    app.open("evening")
    before = app.flow.start()
    assert isinstance(before, Rating)
    app.flow.left_rating()  # the user went to the library instead
    assert app.flow.rating is None
    assert app.flow.rated({before.areas[0]: 2}) is None  # a late answer is not taken
    assert app.store.count() == 0
    assert isinstance(app.flow.start(), Rating)  # the next start asks again


def test_a_session_stopped_early_is_rated_and_recorded_as_stopped(app: App) -> None:
    app.open("evening")
    assert isinstance(app.flow.start(), Rating)
    session = app.begin(app.flow.rating_skipped())
    app.clock.advance(5)
    session.poll()
    assert app.flow.start() is None  # a session runs: Start does not start another
    after = app.ended(app.stop())
    assert isinstance(after, Rating)
    app.flow.left_rating()  # went elsewhere: the record is closed
    assert [s.ending for s in app.store.sessions()] == ["stopped"]


def test_a_session_stopped_in_its_get_ready_is_kept_as_stopped_with_nothing_done(
    app: App,
) -> None:
    """Stop before the first step began: the session is still one the user started, so it
    is rated after (when asked) and kept, as stopped, with no time done."""
    app.open("evening")
    assert isinstance(app.flow.start(), Rating)
    session = app.begin(app.flow.rating_skipped())
    assert session.snapshot().segment.kind == "prepare"  # counting down to the first step
    after = app.ended(app.stop())
    assert isinstance(after, Rating)
    done = app.flow.rating_skipped()
    assert isinstance(done, Completion)
    assert done.detail is not None
    assert (done.detail.summary.ending, done.detail.summary.active_seconds) == ("stopped", 0)
    assert done.detail.summary.steps_done == 0
    assert [s.ending for s in app.store.sessions()] == ["stopped"]


def test_a_session_stopped_as_the_window_closes_shows_nothing_and_is_kept(app: App) -> None:
    app.open("evening")
    assert isinstance(app.flow.start(), Rating)
    app.begin(app.flow.rating_skipped())
    assert app.ended(app.stop(), closing=True) is None
    assert [s.ending for s in app.store.sessions()] == ["stopped"]


def _crashed(app: App) -> str:
    """Start a recorded session of the rated routine, run into its second step, and leave
    it unfinished (as when the app is killed)."""
    app.open("evening")
    assert isinstance(app.flow.start(), Rating)
    session = app.begin(app.flow.rating_skipped())
    while session.snapshot().segment.step == 0:
        app.clock.advance(0.5)
        session.poll()
    app.clock.advance(5)
    session.poll()
    recorder = app.history._recorder
    assert recorder is not None
    recorder.close()
    app.history._recorder = None
    assert app.history.session_id is not None
    return app.history.session_id


def test_after_a_crash_the_session_carries_on_from_the_step_that_was_running(
    app: App, folders: tuple[Path, Path], store_path: Path, prefs: Prefs
) -> None:
    session_id = _crashed(app)
    later = App(folders, store_path, prefs)
    assert not later.flow.resume_due()  # not shown yet
    assert later.flow.shown() is None
    assert not later.flow.resume_due()  # the history is not open yet
    later.history.open()
    assert later.flow.resume_due()
    assert not later.flow.resume_due()  # once
    offer = later.flow.offer_resume()
    assert isinstance(offer, Resume)
    assert (offer.name, offer.step) == ("Evening release", "Psoas release")
    begin = later.flow.resume_answered(True)
    assert isinstance(begin, Begin)
    assert begin.at > 0
    assert begin.entry.path.name == "evening.yaml"
    later.begin(begin)
    assert later.session is not None
    plan, at = later.session.plan, later.session.snapshot().index
    work = next(seg for seg in plan.segments[at:] if seg.is_work)
    assert plan.steps[work.step].name == "Psoas release"  # the stretch was done before
    after = later.ended(later.run_to_end())
    assert isinstance(after, Rating)  # the rating after, as for any session
    assert isinstance(later.flow.rating_skipped(), Completion)
    assert [(s.id, s.ending) for s in later.store.sessions()] == [(session_id, "completed")]
    assert later.store.unfinished() == []
    later.history.close()


def test_after_a_crash_the_session_can_be_kept_as_it_was(
    app: App, folders: tuple[Path, Path], store_path: Path, prefs: Prefs
) -> None:
    session_id = _crashed(app)
    later = App(folders, store_path, prefs)
    assert isinstance(later.flow.offer_resume(), Resume)
    assert later.flow.resume_answered(False) is None
    assert [(s.id, s.ending) for s in later.store.sessions()] == [(session_id, "interrupted")]
    assert later.flow.offer_resume() is None  # nothing left to offer
    later.history.close()


def test_after_a_crash_a_changed_routine_cannot_carry_on_and_is_kept_stopped(
    app: App, folders: tuple[Path, Path], store_path: Path, prefs: Prefs
) -> None:
    session_id = _crashed(app)
    evening = folders[1] / "evening.yaml"
    evening.write_text(RATED + "\n# edited\n")
    later = App(folders, store_path, prefs)
    offer = later.flow.offer_resume()
    assert offer is not None
    assert (offer.step, offer.missing) == (None, False)
    assert later.flow.resume_answered(True) is None  # nothing to carry on
    assert [(s.id, s.ending) for s in later.store.sessions()] == [(session_id, "interrupted")]
    later.history.close()


def test_after_a_crash_a_routine_that_is_gone_says_so(
    app: App, folders: tuple[Path, Path], store_path: Path, prefs: Prefs
) -> None:
    _crashed(app)
    (folders[1] / "evening.yaml").unlink()
    later = App(folders, store_path, prefs)
    offer = later.flow.offer_resume()
    assert offer is not None
    assert (offer.step, offer.missing) == (None, True)
    later.history.close()


# -- Released during the session: before an open hold's minimum, a second press ends it ----
@pytest.fixture
def holding(app: App) -> App:
    """A session of the evening routine, 3 s into its first open hold (minimum 10 s)."""
    app.prefs.set_routine_ratings("Evening release", False)
    app.open("evening")
    app.begin(app.flow.start())
    app.to_open_hold(3)
    return app


def test_before_the_minimum_the_first_press_asks_for_a_second_that_ends_the_hold(
    holding: App,
) -> None:
    assert holding.flow.release_hint() is None
    assert holding.press_released() == PressAgain(10, EARLY_RELEASE_WINDOW)
    assert holding.in_open_hold()
    assert holding.flow.release_hint() == 10  # shown beside the clock
    holding.clock.advance(EARLY_RELEASE_WINDOW - 0.5)
    assert holding.press_released() == EndHold()
    assert not holding.in_open_hold()
    assert holding.flow.release_hint() is None


def test_a_second_press_too_late_asks_again(holding: App) -> None:
    assert isinstance(holding.press_released(), PressAgain)
    holding.clock.advance(EARLY_RELEASE_WINDOW + 0.1)
    assert holding.session is not None
    holding.session.poll()
    assert holding.flow.release_hint() is None  # the hint has gone
    assert isinstance(holding.press_released(), PressAgain)  # a fresh first press
    assert holding.in_open_hold()


def test_past_the_minimum_one_press_ends_the_hold(holding: App) -> None:
    holding.clock.advance(7)
    assert holding.session is not None
    holding.session.poll()
    assert holding.press_released() == EndHold()
    assert not holding.in_open_hold()


def test_a_first_press_counts_only_in_its_own_hold(holding: App) -> None:
    """Pressed in the left hold, then on to the right one: the next press there is a first."""
    assert isinstance(holding.press_released(), PressAgain)
    holding.to_open_hold(1)  # the right side's hold
    assert holding.flow.release_hint() is None
    assert isinstance(holding.press_released(), PressAgain)
    assert holding.in_open_hold()


def test_a_first_press_is_forgotten_with_its_session(holding: App) -> None:
    assert isinstance(holding.press_released(), PressAgain)
    holding.ended(holding.stop())
    assert holding.flow.release_hint() is None
    assert holding.press_released() is None  # no session runs: nothing to end
    holding.begin(holding.flow.start())
    holding.to_open_hold(3)
    assert holding.press_released() == PressAgain(10, EARLY_RELEASE_WINDOW)  # a first again


def test_sets_that_could_not_be_saved_are_said_once_on_the_completion_page(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 22, item 1: what cannot be saved by the session's end is said to the user once,
    plainly: the completion says which sets and why, and the next completion says nothing
    of it again. (The data folder is full for the whole session here.)"""
    import sqlite3

    from psoas_timer.history import database
    from psoas_timer.history import recorder as recorder_module

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(recorder_module, "RETRY_FIRST", 0.02)
    monkeypatch.setattr(recorder_module, "RETRY_LONGEST", 0.05)
    real_close = recorder_module.Recorder.close

    def close_soon(self: recorder_module.Recorder, timeout: float | None = 10.0) -> None:
        real_close(self, 0.3)  # the session's end waits a moment, not ten seconds

    monkeypatch.setattr(recorder_module.Recorder, "close", close_soon)
    real_commit = recorder_module._commit
    full = {"on": True}

    def commit(conn: sqlite3.Connection, statements: object) -> None:
        if full["on"]:
            raise sqlite3.OperationalError("database or disk is full")
        real_commit(conn, statements)  # type: ignore[arg-type]

    monkeypatch.setattr(recorder_module, "_commit", commit)
    app.prefs.set_routine_ratings("Morning stretch", False)
    app.open("morning")
    app.begin(app.flow.start())
    done = app.ended(app.run_to_end())
    assert isinstance(done, Completion)
    assert done.unsaved is not None
    assert done.unsaved.startswith(
        "1 set of this session could not be saved in your history yet (the disk is full). "
        "It is kept in "
    )
    full["on"] = False
    app.begin(app.flow.start())
    again = app.ended(app.run_to_end())
    assert isinstance(again, Completion)
    assert again.unsaved is None  # said once
