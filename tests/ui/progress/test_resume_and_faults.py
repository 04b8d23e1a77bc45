"""An interrupted session is offered at the next start (carry on, or keep it stopped); a
damaged history is moved aside and said once; a newer one is refused and the app carries on."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.history import HistoryStore, Recorder, RoutineSource
from psoas_timer.ui.shell.main_window import MainWindow, Page
from psoas_timer.ui.shell.settings import Preferences
from tests.ui.conftest import Asker
from tests.ui.progress.conftest import Told, Wall, run_through


def _killed_mid_session(
    routine_dirs: tuple[Path, Path], history_path: Path, clock: FakeClock, wall: Wall
) -> str:
    """A session of the rated routine recorded into its second step, then never ended
    (as when the app is killed): its recorder stops without the session's end."""
    entry = load_catalog(*routine_dirs).find("evening")
    assert entry is not None and entry.routine is not None
    with HistoryStore.open(history_path, wall=wall) as store:
        session = Session(entry.plan, clock)
        recorder = Recorder.begin(
            store, session, RoutineSource.from_file(entry.routine.name, entry.path)
        )
        session.start()
        while session.snapshot().segment.step == 0:
            clock.advance(0.5)
            session.poll()
        clock.advance(5)
        session.poll()
        recorder.close()  # no stop(): the session is left unfinished
        return recorder.session_id


def test_an_interrupted_session_carries_on_from_the_step_that_was_running(
    make_history_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    clock: FakeClock,
    wall: Wall,
    asker: Asker,
    qtbot: QtBot,
) -> None:
    history_services_ready = make_history_window  # writes the routine file first
    window = history_services_ready(preferences)
    window.close()
    session_id = _killed_mid_session(routine_dirs, history_path, clock, wall)
    asker.asked.clear()
    window = make_history_window(preferences)
    qtbot.waitUntil(lambda: window.controller.active)
    assert asker.asked == ["Carry on where you left off?"]
    # The question names the side it carries on from (#21 item 9).
    assert "Carry on from Psoas release, left side?" in asker.questions[0]
    assert window.page is Page.PLAYER
    snap = window.controller.snapshot()
    assert snap is not None
    assert window.entry is not None
    plan = window.entry.plan
    work = next(seg for seg in plan.segments[snap.index :] if seg.is_work)
    assert plan.steps[work.step].name == "Psoas release"  # the stretch was done before
    assert snap.index > 0
    run_through(window, clock)
    assert window.page is Page.RATING  # the rating after, as for any session
    window.rating.skipped.emit()
    assert window.page is Page.COMPLETION
    store = window.history.store
    assert store is not None
    sessions = store.sessions()
    assert [(s.id, s.ending) for s in sessions] == [(session_id, "completed")]
    assert store.unfinished() == []


def test_an_interrupted_session_can_be_kept_as_it_was(
    make_history_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    clock: FakeClock,
    wall: Wall,
    asker: Asker,
    qtbot: QtBot,
) -> None:
    make_history_window(preferences).close()
    session_id = _killed_mid_session(routine_dirs, history_path, clock, wall)
    asker.answer = False  # Esc: keep it as it was
    window = make_history_window(preferences)
    qtbot.waitUntil(lambda: "Carry on where you left off?" in asker.asked)
    assert not window.controller.active
    store = window.history.store
    assert store is not None
    assert [(s.id, s.ending) for s in store.sessions()] == [(session_id, "interrupted")]
    assert store.unfinished() == []


def test_an_edited_routine_cannot_carry_on_and_says_so(
    make_history_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    routine_dirs: tuple[Path, Path],
    history_path: Path,
    clock: FakeClock,
    wall: Wall,
    told: Told,
    asker: Asker,
    qtbot: QtBot,
) -> None:
    make_history_window(preferences).close()
    _killed_mid_session(routine_dirs, history_path, clock, wall)
    path = routine_dirs[1] / "evening.yaml"
    path.write_text(path.read_text() + "\n# edited\n")
    asker.asked.clear()
    window = make_history_window(preferences)
    qtbot.waitUntil(lambda: bool(told.said))
    assert "cannot be carried on because its file has changed" in told.said[0][1]
    assert asker.asked == []
    assert not window.controller.active


def test_a_damaged_history_is_moved_aside_said_once_and_a_new_one_records(
    make_history_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    history_path: Path,
    told: Told,
    clock: FakeClock,
) -> None:
    history_path.parent.mkdir(parents=True, exist_ok=True)
    history_path.write_bytes(b"this is not a database at all " * 200)
    window = make_history_window(preferences)
    assert len(told.said) == 1
    message = told.said[0][1]
    moved = [p for p in history_path.parent.iterdir() if ".damaged" in p.name]
    assert moved, "the damaged file is kept"
    assert str(moved[0]) in message
    assert window.history.available
    assert window.open_routine("simple")
    window.steps.start()
    run_through(window, clock)
    store = window.history.store
    assert store is not None
    assert store.count() == 1
    window.close()
    make_history_window(preferences)
    assert len(told.said) == 1  # not said again: the new file is fine


def test_a_newer_history_is_refused_and_the_app_carries_on(
    make_history_window: Callable[[Preferences], MainWindow],
    preferences: Preferences,
    history_path: Path,
    told: Told,
    clock: FakeClock,
) -> None:
    history_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(history_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    window = make_history_window(preferences)
    assert len(told.said) == 1
    assert "newer version of Psoas Timer" in told.said[0][1]
    assert not window.history.available
    assert window.open_routine("evening")
    assert window.routine.history.text() == ""
    window.steps.start()  # no rating asked: there is nowhere to keep it
    assert window.page is Page.PLAYER
    run_through(window, clock)
    assert window.page is Page.COMPLETION
    window.show_progress()
    assert window.progress.page.notice.isVisibleTo(window.progress.page)
    assert "newer version" in window.progress.page.notice.text()
    conn = sqlite3.connect(history_path)
    assert conn.execute("PRAGMA user_version").fetchone() == (999,)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    conn.close()


def test_the_carry_on_question_names_the_side_and_the_set() -> None:
    from datetime import date, datetime

    from psoas_timer.session.steps import Resume
    from psoas_timer.ui.shell.session_steps import resume_place

    when, today = datetime(2026, 3, 2, 7, 0), date(2026, 3, 2)
    offer = Resume("Evening", when, today, "Psoas release", side="right", set=2, sets=3)
    assert resume_place(offer) == "Psoas release, right side, set 2 of 3"
    assert resume_place(Resume("Evening", when, today, "Bridges")) == "Bridges"
    assert resume_place(Resume("Evening", when, today, "Lunge", side="left")) == "Lunge, left side"
