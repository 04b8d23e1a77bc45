"""Which changes matter: about 2 points or 30% of the start for pain, 2 points for an
activity; a smaller change is never better or worse."""

from __future__ import annotations

import pytest

from psoas_timer.history.change import activity_change, pain_change


@pytest.mark.parametrize(
    ("first", "last", "direction"),
    [
        (6, 4, "better"),  # 2 points
        (6, 5, "same"),  # 1 point, 17%: not an improvement
        (8, 7, "same"),
        (3, 2, "better"),  # 1 point is a third of 3
        (2, 1, "better"),
        (1, 0.5, "same"),  # under a point is never counted
        (0, 1, "same"),
        (4, 6, "worse"),
        (5, 5, "same"),
        (7.5, 5.0, "better"),
    ],
)
def test_pain_changes_matter_from_two_points_or_thirty_percent(
    first: float, last: float, direction: str
) -> None:
    change = pain_change(first, last)
    assert change.direction == direction
    assert change.meaningful == (direction != "same")
    assert change.delta == last - first


@pytest.mark.parametrize(
    ("first", "last", "direction"), [(3, 5, "better"), (3, 4, "same"), (6, 3, "worse")]
)
def test_activity_changes_matter_from_two_points(first: int, last: int, direction: str) -> None:
    assert activity_change(first, last).direction == direction
