import pytest

from psoas_timer.core.duration import format_clock, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        (90, 90),
        (7.5, 7.5),
        ("90", 90),
        ("90s", 90),
        ("90 sec", 90),
        ("1m30s", 90),
        ("1m 30s", 90),
        ("2m", 120),
        ("2 min", 120),
        ("1:30", 90),
        ("0:05", 5),
        ("1:00:00", 3600),
        ("1h", 3600),
        ("1.5m", 90),
        (" 45s ", 45),
    ],
)
def test_people_write_durations_many_ways(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "cannot be negative"),
        (-5, "cannot be negative"),
        ("abc", "expected a duration"),
        ("", "expected a duration"),
        ("1:75", "expected a duration"),
        ("5 parsecs", "expected a duration"),
        (True, "expected a duration"),
        ([1], "expected a duration"),
        (float("nan"), "expected a duration"),
        ("25h", "at most 24 hours"),
    ],
)
def test_bad_durations_say_what_was_expected(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_duration(value)


@pytest.mark.parametrize(
    ("seconds", "written"),
    [(45, 45), (90, "1m30s"), (120, "2m"), (3600, "1h"), (3725, "1h2m5s"), (7.5, 7.5)],
)
def test_saved_durations_read_naturally_and_parse_back(seconds: float, written: object) -> None:
    assert format_duration(seconds) == written
    assert parse_duration(written) == seconds


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.2, "0:01"), (9, "0:09"), (9.01, "0:10"), (90, "1:30"), (3723, "1:02:03")],
)
def test_countdown_display_rounds_up(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_texts_read_before_give_the_same_seconds_and_mistakes_are_refused_every_time() -> None:
    for _ in range(3):
        assert parse_duration("1m30s") == 90.0
        assert parse_duration("1:30") == 90.0
        with pytest.raises(ValueError, match="cannot be negative"):
            parse_duration("-5s")
        with pytest.raises(ValueError, match="at most 24 hours"):
            parse_duration("25h")
        with pytest.raises(ValueError, match="expected a duration"):
            parse_duration("soon")
