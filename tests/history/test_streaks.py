"""Streaks with a weekly goal, on local dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from psoas_timer.history import compute_streak

MON = date(2026, 3, 2)  # a Monday


def days(*offsets: int) -> list[date]:
    return [MON + timedelta(days=n) for n in offsets]


def test_no_sessions_no_streak() -> None:
    s = compute_streak([], MON, 5)
    assert (s.current, s.longest, s.this_week, s.today_done) == (0, 0, 0, False)
    assert s.current_since is None and s.longest_since is None


def test_every_day_is_a_streak_of_every_day() -> None:
    s = compute_streak(days(*range(10)), MON + timedelta(days=9), 7)
    assert (s.current, s.longest, s.current_since, s.today_done) == (10, 10, MON, True)


def test_two_days_off_a_week_keep_a_five_day_goal_going() -> None:
    # Two weeks of Monday to Friday, weekends off: one streak of ten days.
    done = days(0, 1, 2, 3, 4, 7, 8, 9, 10, 11)
    s = compute_streak(done, MON + timedelta(days=11), 5)
    assert (s.current, s.longest, s.current_since) == (10, 10, MON)


def test_a_third_day_off_in_a_week_breaks_a_five_day_goal() -> None:
    done = days(0, 1, 2, 3, 7, 8)  # Mon–Thu, then Fri, Sat, Sun off
    s = compute_streak(done, MON + timedelta(days=8), 5)
    assert s.longest == 4
    assert (s.current, s.current_since) == (2, MON + timedelta(days=7))


def test_with_a_daily_goal_one_day_off_breaks_it() -> None:
    s = compute_streak(days(0, 1, 3, 4), MON + timedelta(days=4), 7)
    assert (s.current, s.longest) == (2, 2)


def test_today_without_a_session_yet_does_not_break_the_streak() -> None:
    s = compute_streak(days(0, 1, 2), MON + timedelta(days=3), 7)
    assert (s.current, s.today_done) == (3, False)


def test_the_days_off_since_the_last_session_can_end_the_current_streak() -> None:
    s = compute_streak(days(0, 1, 2), MON + timedelta(days=6), 5)  # Thu, Fri, Sat off
    assert (s.current, s.longest, s.current_since) == (0, 3, None)


def test_days_off_before_a_streak_began_do_not_count_against_it() -> None:
    # Starting on a Thursday: Mon–Wed were never part of it.
    done = days(3, 4, 5, 6, 7)
    s = compute_streak(done, MON + timedelta(days=7), 6)
    assert s.current == 5


def test_this_week_counts_days_not_sessions() -> None:
    s = compute_streak(days(0, 0, 2), MON + timedelta(days=3), 5)
    assert s.this_week == 2


def test_days_after_today_are_ignored() -> None:
    s = compute_streak(days(0, 1, 30), MON + timedelta(days=1), 7)
    assert (s.current, s.longest) == (2, 2)


@pytest.mark.parametrize("goal", [0, 8])
def test_a_goal_is_one_to_seven_days(goal: int) -> None:
    with pytest.raises(ValueError, match="1 to 7"):
        compute_streak([], MON, goal)


def test_the_longest_streak_is_remembered_after_it_breaks() -> None:
    done = days(*range(9), 20, 21)
    s = compute_streak(done, MON + timedelta(days=21), 7)
    assert (s.longest, s.longest_since, s.longest_until) == (9, MON, MON + timedelta(days=8))
    assert s.current == 2
