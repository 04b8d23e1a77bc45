"""#21 item 9: a session carried on after a crash is one session. Before, the completion
screen counted only the part after the crash ("0:13 · 0 of 8 · 0%") and the history kept
only the time held after it of the set that was running (the right side recorded as 0:09 of
1:30 after about 26 s held); the question did not say which side it carried on from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from psoas_timer.core.engine import Session
from psoas_timer.core.summary import summarize
from psoas_timer.session.steps import Begin, Completion, Rating, Resume

from .test_flow import RATED, App, Prefs


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    bundled.mkdir()
    user.mkdir()
    (user / "evening.yaml").write_text(RATED)
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


def _poll(app: App, session: Session, seconds: float) -> None:
    """Let *seconds* pass as the window does: poll, and show the snapshot (which writes the
    running set's time now and then)."""
    left = seconds
    while left > 1e-9:
        app.clock.advance(0.5)
        session.poll()
        app.history.checkpoint(session.snapshot())
        left -= 0.5


def _to(app: App, session: Session, kind: str, side: str) -> None:
    while (session.snapshot().segment.kind, session.snapshot().segment.side) != (kind, side):
        _poll(app, session, 0.5)


def test_a_session_carried_on_after_a_crash_is_counted_and_recorded_whole(
    app: App, folders: tuple[Path, Path], store_path: Path, prefs: Prefs
) -> None:
    app.open("evening")
    assert isinstance(app.flow.start(), Rating)
    session = app.begin(app.flow.rating_skipped())
    _to(app, session, "open", "left")  # the stretch, both sides, done
    _poll(app, session, 15)
    session.release()  # the left point released in 15 s
    _to(app, session, "open", "right")
    _poll(app, session, 17)  # 17 s into the right hold, the app dies
    recorder = app.history._recorder
    assert recorder is not None
    recorder.close()  # no stop(): the session is left unfinished
    app.history._recorder = None
    before = app.store.unfinished()[0].session.active_seconds

    later = App(folders, store_path, prefs)
    later.history.open()
    offer = later.flow.offer_resume()
    assert isinstance(offer, Resume)
    assert (offer.step, offer.side, offer.set, offer.sets) == ("Psoas release", "right", 1, 1)
    begin = later.flow.resume_answered(True)
    assert isinstance(begin, Begin)
    resumed = later.begin(begin)
    _to(later, resumed, "open", "right")
    _poll(later, resumed, 9)
    resumed.release()  # released 9 s after carrying on: about 26 s held in all
    after = later.ended(later.run_to_end())
    assert isinstance(after, Rating)
    done = later.flow.rating_skipped()
    assert isinstance(done, Completion)
    assert done.plan is not None and done.record is not None and done.detail is not None

    # The completion screen counts the whole session.
    summary = summarize(done.plan, done.record)
    assert summary.done == ("Kneeling stretch", "Psoas release")
    assert summary.skipped == () and summary.partly == ()
    assert summary.share_done == 1.0 and summary.well_done
    assert summary.active_seconds == done.detail.summary.active_seconds
    assert summary.active_seconds >= before + 9  # before: up to the last write at the crash
    held = {(h.side, round(h.held)) for h in summary.holds}
    assert ("left", 15) in held
    right = next(h for h in summary.holds if h.side == "right")
    assert right.held >= 9 + 12  # what was held before the crash counts (written every 5 s)

    # The history has it whole too: one session, the right side's time before and after.
    detail = done.detail
    assert [s.id for s in later.store.sessions()] == [detail.summary.id]
    steps = {(s.name, s.side): s for s in detail.steps}
    assert all(s.done for s in detail.steps)
    assert steps[("Psoas release", "right")].actual_seconds >= 9 + 12
    releases = {r.side: r for r in detail.releases}
    assert releases["right"].ending == "released"
    assert releases["right"].seconds == right.held
    assert (detail.summary.steps_done, detail.summary.steps_planned) == (2, 2)
    later.history.close()
