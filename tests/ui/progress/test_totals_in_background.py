"""The Progress page opens without waiting on the figures over the whole history (the streak,
each routine's, sessions and time in all): in the window they are worked out on a worker
thread, and drawn when they come, the same figures as the history's. (A sixty-year history
held the window still for up to a second each time the page opened;
``benchmarks/progress_stall.py`` measures it.)"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.history import HistoryStore, Totals, compute_streak
from psoas_timer.ui.progress.progress_view import ProgressView

from .conftest import UNTIL


@pytest.fixture
def store(sample_history: HistoryStore) -> HistoryStore:
    return sample_history


class Gate:
    """Holds each :meth:`HistoryStore.totals`, worked out, until it is let go (or ten
    seconds pass): its answer is the history as it was when it was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reached = [threading.Event() for _ in range(3)]
        self.go = [threading.Event() for _ in range(3)]
        self.threads: list[str] = []
        real = HistoryStore.totals

        def held(store: HistoryStore, *args: Any, **kwargs: Any) -> Totals:
            n = len(self.threads)
            self.threads.append(threading.current_thread().name)
            found = real(store, *args, **kwargs)
            self.reached[n].set()
            self.go[n].wait(10)
            return found

        monkeypatch.setattr(HistoryStore, "totals", held)


def _page(qtbot: QtBot, store: HistoryStore, *, background: bool) -> ProgressView:
    view = ProgressView(background=background)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.set_store(store)
    return view


def _figures(view: ProgressView) -> list[str]:
    table = view.overview.routines
    routines = [
        table.item(row, column).text()
        for row in range(table.rowCount())
        for column in range(table.columnCount())
    ]
    return [
        view.streak.text(),
        view.streak_caption.text(),
        view.longest.text(),
        view.week.text(),
        view.total.text(),
        view.total_caption.text(),
        view.hours.text(),
        str(view.goal.value()),
        *routines,
        *(view.charts.area_choice.itemText(n) for n in range(view.charts.area_choice.count())),
        *(view.charts.point_choice.itemText(n) for n in range(view.charts.point_choice.count())),
        view.charts.area_choice.currentText(),
        view.charts.point_choice.currentText(),
    ]


def test_the_page_shows_while_the_totals_are_worked_out(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(monkeypatch)
    view = _page(qtbot, store, background=True)
    view.refresh(UNTIL)  # returns with the totals still held on the worker
    assert gate.reached[0].wait(10)
    assert gate.threads == ["progress-totals"]  # never on the window's thread
    assert view.working
    # What is bounded by what it shows is drawn already: the newest sessions, the calendar.
    newest = store.sessions(limit=1)[0]
    assert view.sessions.session_list.topLevelItemCount() > 0
    assert view.sessions.session_list.topLevelItem(0).text(1) == newest.routine.name
    assert view.overview.calendar_caption.text()
    assert view.total.text() == "–"  # the figures wait for the worker
    gate.go[0].set()
    qtbot.waitUntil(lambda: not view.working, timeout=10_000)
    assert view.total.text() == str(store.count())


def test_the_figures_drawn_later_are_the_history_s(qtbot: QtBot, store: HistoryStore) -> None:
    later = _page(qtbot, store, background=True)
    later.refresh(UNTIL)
    qtbot.waitUntil(lambda: not later.working, timeout=10_000)
    now = _page(qtbot, store, background=False)
    now.refresh(UNTIL)
    assert not now.working
    assert _figures(later) == _figures(now)
    # ...and those are the history's own, counted here another way.
    streak = compute_streak(store.session_days(), UNTIL, store.weekly_goal())
    assert later.total.text() == str(store.count())
    assert later.streak.text() == str(streak.current)
    assert later.longest.text() == str(streak.longest)
    assert later.overview.routines.rowCount() == len({s.routine.name for s in store.sessions()})
    assert later.progress is not None
    assert later.progress.total_seconds == pytest.approx(
        sum(s.active_seconds for s in store.sessions())
    )


def test_an_answer_overtaken_by_a_change_is_not_drawn(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(monkeypatch)
    view = _page(qtbot, store, background=True)
    view.refresh(UNTIL)
    assert gate.reached[0].wait(10)  # worked out, and held while the history changes
    before = store.count()
    store.delete_session(store.sessions(limit=1)[0].id)
    view.refresh(UNTIL)
    gate.go[0].set()  # the first answer comes while the second ask is worked out
    assert gate.reached[1].wait(10)
    qtbot.wait(100)  # the first answer reaches the window's thread, and is dropped
    assert view.total.text() == "–"
    assert view.working
    gate.go[1].set()
    qtbot.waitUntil(lambda: not view.working, timeout=10_000)
    assert view.total.text() == str(store.count()) == str(before - 1)


def test_a_history_that_cannot_be_read_is_said(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_store: HistoryStore) -> HistoryStore:
        raise OSError("the disk went away")

    monkeypatch.setattr(HistoryStore, "reader", broken)
    view = _page(qtbot, store, background=True)
    view.refresh(UNTIL)
    qtbot.waitUntil(lambda: not view.working, timeout=10_000)
    assert "the disk went away" in view.notice.text()
    assert view.total.text() == "–"


def test_figures_that_come_later_are_laid_out_whole_at_once(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures' boxes were sized for the dashes: when the totals come, the page is laid
    out for them before it is next painted (a frame showed "65700" cut to "570")."""
    gate = Gate(monkeypatch)
    view = _page(qtbot, store, background=True)
    view.refresh(UNTIL)
    assert gate.reached[0].wait(10)
    qtbot.wait(50)  # the page laid out and painted with its dashes
    totals = store.totals(UNTIL)  # (held too: let the worker's go first)
    gate.go[0].set()
    qtbot.waitUntil(lambda: not view.working, timeout=10_000)
    big = Totals(
        totals.today,
        dataclasses.replace(totals.streak, current=21900, longest=21900),
        totals.routines,
        totals.areas,
        totals.points,
        65700,
        84_834_000.0,
    )
    view._on_totals(view._asked, big, None)  # as the worker's answer comes, in one turn
    for label in (view.streak, view.longest, view.total, view.hours):
        assert label.width() >= label.sizeHint().width(), (label.text(), label.width())
