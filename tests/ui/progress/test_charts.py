"""The Progress page's charts: the area shown first is the one rated most recently (not the
first by name), two holds on one day are one point, and the charts draw at small sizes."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from psoas_timer.history import Area, HistoryStore
from psoas_timer.ui.progress.charts import ProgressChart
from psoas_timer.ui.progress.progress_view import ProgressView
from tests.history.conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 19, 0, tzinfo=CET)


def test_the_first_area_shown_is_the_one_rated_most_recently(qtbot: QtBot, tmp_path: Path) -> None:
    wall = Wall()
    with HistoryStore.open(tmp_path / "history.sqlite3", wall=wall) as store:
        first = record(store, wall, MON)
        store.rate(first, "before", {Area("low back"): 6})
        for day in (1, 2):
            sid = record(store, wall, MON + timedelta(days=day))
            store.rate(sid, "before", {Area("psoas", "right"): 5 - day})
        page = ProgressView()
        qtbot.addWidget(page)
        page.set_store(store)
        page.refresh(wall.now.date())
        page.tabs.setCurrentWidget(page.charts)
        assert page.charts.area_choice.currentText() == "Right psoas"  # not "Low back"
        pain = page.charts.pain_chart
        assert isinstance(pain, ProgressChart)
        assert [y for _, y in pain.points["Before"]] == [4, 3]
        assert pain.title() == "Right psoas: pain (0–10)"
        page.resize(640, 480)
        page.grab()


def test_two_holds_in_one_session_are_one_point(qtbot: QtBot, tmp_path: Path) -> None:
    twice = """\
name: Twice
steps:
  - use: psoas-ball-release
    name: Psoas release
    open: {min: 10, target: 30, max: 120}
    sets: 2
    prompts: []
    breathing: none
"""
    wall = Wall()
    with HistoryStore.open(tmp_path / "history.sqlite3", wall=wall) as store:
        for day in (0, 1):
            record(store, wall, MON + timedelta(days=day), text=twice, release_after=(20, 40))
        page = ProgressView()
        qtbot.addWidget(page)
        page.set_store(store)
        page.refresh(wall.now.date())
        page.tabs.setCurrentWidget(page.charts)
        chart = page.charts.release_chart
        assert isinstance(chart, ProgressChart)
        assert chart.chart is not None
        (line,) = chart.chart.lines
        assert [p.count for p in line.points] == [2, 2]  # two sets a day: one point each
        assert len(chart.points["Minutes to release"]) == 2
