"""Progress → Charts opens without waiting on the charts' series: in the window each chart's
series is read, and its points worked out, on a worker thread, and drawn when it comes; until
then the chart says it is reading (never another area's chart), and an answer overtaken by
another choice is not drawn. (Sixty years of history held the window still for 0.3-0.4 s each
time Charts opened; ``benchmarks/progress_stall.py`` measures it.)"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.history import HistoryStore, PainSample, ReleaseSample
from psoas_timer.ui.progress.charts import ProgressChart
from psoas_timer.ui.progress.progress_view import ProgressView

from .conftest import UNTIL
from .test_totals_in_background import _page

pytestmark = pytest.mark.gui

READING = "Reading the history…"


class SeriesGate:
    """Holds each series read (pain or release), worked out, until let go (or ten seconds
    pass); records the thread each ran on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.threads: list[str] = []
        self.reached = threading.Semaphore(0)
        self.go = threading.Event()
        pain, release = HistoryStore.pain_series, HistoryStore.release_series

        def held_pain(store: HistoryStore, *args: Any, **kwargs: Any) -> list[PainSample]:
            return self._held(pain(store, *args, **kwargs))

        def held_release(store: HistoryStore, *args: Any, **kwargs: Any) -> list[ReleaseSample]:
            return self._held(release(store, *args, **kwargs))

        monkeypatch.setattr(HistoryStore, "pain_series", held_pain)
        monkeypatch.setattr(HistoryStore, "release_series", held_release)

    def _held(self, found: Any) -> Any:
        self.threads.append(threading.current_thread().name)
        self.reached.release()
        if threading.current_thread() is not threading.main_thread():
            self.go.wait(10)
        return found


def _charts(view: ProgressView) -> tuple[ProgressChart, ProgressChart]:
    pain, release = view.charts.pain_chart, view.charts.release_chart
    assert isinstance(pain, ProgressChart)
    assert isinstance(release, ProgressChart)
    return pain, release


def _of(chart: ProgressChart, label: str) -> bool:
    """Whether *chart* is the chart of the area or point *label* (its title names it)."""
    return chart.title().lower().startswith(label.lower() + ":")


def _opened(qtbot: QtBot, store: HistoryStore, *, background: bool) -> ProgressView:
    view = _page(qtbot, store, background=background)
    view.refresh(UNTIL)
    qtbot.waitUntil(lambda: not view.working, timeout=10_000)
    return view


def test_the_charts_are_read_off_the_window_thread_and_say_so_meanwhile(
    qtbot: QtBot, sample_history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _opened(qtbot, sample_history, background=True)
    gate = SeriesGate(monkeypatch)
    view.tabs.setCurrentWidget(view.charts)  # returns with both series held on workers
    for _ in range(2):
        assert gate.reached.acquire(timeout=10)
    assert sorted(gate.threads) == ["progress-pain-chart", "progress-release-chart"]
    pain, release = _charts(view)
    assert view.charts.working
    assert pain.title() == release.title() == READING
    assert pain.points == release.points == {}
    gate.go.set()
    qtbot.waitUntil(lambda: not view.charts.working, timeout=10_000)
    # the same charts as drawn at once, from the history's own series
    now = _opened(qtbot, sample_history, background=False)
    now.tabs.setCurrentWidget(now.charts)
    for later, at_once in zip(_charts(view), _charts(now), strict=True):
        assert later.chart == at_once.chart
        assert later.points == at_once.points
    assert _of(pain, view.charts.area_choice.currentText())
    assert pain.points["Before"]
    assert release.points


def test_another_area_chosen_while_one_is_read_draws_only_the_last(
    qtbot: QtBot, sample_history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _opened(qtbot, sample_history, background=True)
    view.tabs.setCurrentWidget(view.charts)
    qtbot.waitUntil(lambda: not view.charts.working, timeout=10_000)
    areas = view.charts.area_choice
    assert areas.count() >= 2
    first = areas.currentIndex()
    gate = SeriesGate(monkeypatch)
    other = (first + 1) % areas.count()
    areas.setCurrentIndex(other)
    assert gate.reached.acquire(timeout=10)
    pain, _release = _charts(view)
    assert pain.title() == READING  # not the chart of the area chosen before
    areas.setCurrentIndex(first)  # chosen back while the other is still read
    gate.go.set()
    qtbot.waitUntil(lambda: not view.charts.working, timeout=10_000)
    assert _of(pain, areas.itemText(first))
    assert not _of(pain, areas.itemText(other))


def test_a_refresh_keeps_the_chart_shown_until_the_new_one_comes(
    qtbot: QtBot, sample_history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _opened(qtbot, sample_history, background=True)
    view.tabs.setCurrentWidget(view.charts)
    qtbot.waitUntil(lambda: not view.charts.working, timeout=10_000)
    pain, _release = _charts(view)
    shown = pain.title()
    gate = SeriesGate(monkeypatch)
    view.refresh(UNTIL)  # the same area, drawn again once the figures come
    qtbot.waitUntil(lambda: not view.working, timeout=10_000)
    assert gate.reached.acquire(timeout=10)
    assert view.charts.working
    assert pain.title() == shown  # no flash of "reading" over the same chart
    gate.go.set()
    qtbot.waitUntil(lambda: not view.charts.working, timeout=10_000)
    assert pain.title() == shown


def test_a_chart_that_cannot_be_read_says_so(
    qtbot: QtBot, sample_history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _opened(qtbot, sample_history, background=True)

    def broken(_store: HistoryStore) -> HistoryStore:
        raise OSError("the disk went away")

    monkeypatch.setattr(HistoryStore, "reader", broken)
    view.tabs.setCurrentWidget(view.charts)
    qtbot.waitUntil(lambda: not view.charts.working, timeout=10_000)
    pain, release = _charts(view)
    assert "the disk went away" in pain.title()
    assert "the disk went away" in release.title()
