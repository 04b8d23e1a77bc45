"""When pain rose over a session: by 2 or more on the 0–10 scale, in an area rated twice."""

from __future__ import annotations

from psoas_timer.history.pain_rise import Rise, rises
from psoas_timer.history.records import Area

BACK, LEFT = Area("low back"), Area("psoas", "left")


def test_a_rise_of_two_or_more_counts_the_largest_first() -> None:
    before = {BACK: 3, LEFT: 4, Area("glutes"): 5}
    after = {BACK: 5, LEFT: 8, Area("glutes"): 6, Area("neck"): 9}
    assert rises(before, after) == [Rise(LEFT, 4, 8), Rise(BACK, 3, 5)]


def test_no_rise_no_warning() -> None:
    assert rises({BACK: 3}, {BACK: 4}) == []
    assert rises({BACK: 6}, {BACK: 2}) == []
    assert rises({}, {BACK: 9}) == []  # rated only after: nothing to compare
