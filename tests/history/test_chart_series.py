"""What a chart shows: one point a day (mean and range), date labels that follow the span and
never repeat, and the change that matters marked only when it does."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from psoas_timer.history import ActivityScore, CheckIn, PainSample, ReleaseSample
from psoas_timer.history.chart_series import (
    activity_chart,
    by_day,
    date_ticks,
    pain_chart,
    release_chart,
)

from .conftest import CET

DAY = datetime(2026, 12, 7, 8, 0, tzinfo=CET)


def test_several_values_on_one_day_are_one_point_with_their_range() -> None:
    samples = [
        ReleaseSample("a", DAY, 60, 90, "released"),
        ReleaseSample("a", DAY + timedelta(minutes=3), 120, 90, "released"),
        ReleaseSample("b", DAY + timedelta(days=1), 90, 90, "released"),
    ]
    chart = release_chart("left psoas", samples)
    (line,) = chart.lines
    assert [(p.day, p.mean, p.low, p.high, p.count) for p in line.points] == [
        (DAY.date(), 1.5, 1.0, 2.0, 2),
        (DAY.date() + timedelta(days=1), 1.5, 1.5, 1.5, 1),
    ]


def test_sessions_on_one_day_give_one_label_not_five() -> None:
    samples = [PainSample(str(n), DAY + timedelta(hours=n), 5, 3) for n in range(3)]
    chart = pain_chart("low back", samples)
    assert [t.label for t in chart.ticks] == ["7 Dec"]
    assert all(len(line.points) == 1 for line in chart.lines)


@pytest.mark.parametrize(
    ("days", "kind"),
    [
        (1, "day"),
        (6, "day"),
        (12, "day"),
        (40, "week"),
        (70, "week"),
        (200, "month"),
        (700, "month"),
        (3650, "year"),
    ],
)
def test_date_labels_follow_the_span_and_never_repeat(days: int, kind: str) -> None:
    first = date(2026, 3, 5)
    ticks = date_ticks(first, first + timedelta(days=days))
    labels = [t.label for t in ticks]
    assert 1 <= len(labels) <= 6
    assert len(set(labels)) == len(labels), labels
    assert [t.day for t in ticks] == sorted(t.day for t in ticks)
    assert all(first <= t.day <= first + timedelta(days=days) for t in ticks)
    if kind == "week":
        assert all(t.day.weekday() == 0 for t in ticks)
    if kind == "month":
        assert all(t.day.day == 1 for t in ticks)
    if kind == "year":
        assert all(t.label.isdigit() for t in ticks)


def test_a_change_that_matters_is_marked_and_a_small_one_is_not() -> None:
    falling = [PainSample(str(n), DAY + timedelta(days=n), 7 - n, None) for n in range(4)]
    chart = pain_chart("left psoas", falling)
    assert chart.change is not None and chart.change.direction == "better"
    assert chart.change.delta == -3 and chart.change_line == "before"
    small = [PainSample(str(n), DAY + timedelta(days=n), 7 - n % 2, None) for n in range(4)]
    assert pain_chart("left psoas", small).change is None


def test_activity_chart_marks_the_largest_change_that_matters() -> None:
    checkins = [
        CheckIn(str(n), DAY + timedelta(days=7 * n),
                (ActivityScore("Sitting", 3 + 2 * n), ActivityScore("Socks", 5)), n)
        for n in range(3)
    ]  # fmt: skip
    chart = activity_chart(checkins)
    assert [line.name for line in chart.lines] == ["Sitting", "Socks"]
    assert chart.change is not None and chart.change.delta == 4
    assert chart.change.direction == "better"


def test_by_day_groups_by_local_date() -> None:
    late = datetime(2026, 12, 7, 23, 30, tzinfo=CET)
    assert len(by_day([(late, 1.0), (late + timedelta(hours=1), 3.0)])) == 2
