"""The completion page says how pain has changed since the first session, and marks only a
change that matters: "down 3 points since you started, 2 weeks ago"; a one-point change is
"no clear change yet", never an improvement. The area that changed most is charted with the
same chart as the Progress page."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow, Page
from tests.ui.progress.conftest import ZONE, Wall, rate, run_through


def _session(window: MainWindow, qtbot: QtBot, clock: FakeClock, before: list[str]) -> None:
    window.steps.start()
    rate(qtbot, window, before)
    run_through(window, clock)
    rate(qtbot, window, ["2", "2", "2", "2"])
    assert window.page is Page.COMPLETION


def test_a_change_that_matters_is_said_and_charted_and_a_small_one_is_not(
    hwindow: MainWindow, qtbot: QtBot, clock: FakeClock, wall: Wall
) -> None:
    window = hwindow
    assert window.open_routine("evening")
    # left psoas 7 → 6 → 4; right psoas 5 → 5 → 4; the low back 3 throughout
    for day, scores in ((0, ["7", "5", "3", "3"]), (7, ["6", "5", "3", "3"])):
        wall.set(datetime(2026, 3, 2, 7, 0, tzinfo=ZONE) + timedelta(days=day))
        _session(window, qtbot, clock, scores)
    assert window.completion.section("since_start")[0] == (
        "Left psoas: 7 → 6 since you started, 1 week ago: no clear change yet"
    )
    wall.set(datetime(2026, 3, 16, 7, 0, tzinfo=ZONE))
    _session(window, qtbot, clock, ["4", "4", "3", "3"])
    lines = window.completion.section("since_start")
    assert lines[:2] == [
        "Left psoas: down 3 points since you started, 2 weeks ago (7 → 4), a change that matters",
        "Right psoas: 5 → 4 since you started, 2 weeks ago: no clear change yet",
    ]
    assert not any("better" in line or "improv" in line for line in lines[1:])
    chart = window.completion.chart
    assert chart.isVisibleTo(window.completion)
    assert chart.title() == "Left psoas: pain (0–10)"
    assert "down 3 points, a change that matters" in chart.toolTip()
    window.grab()
