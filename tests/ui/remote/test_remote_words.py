"""The words that confirm an action from afar, and the desktop's title for a part."""

from __future__ import annotations

import pytest

from psoas_timer.ui.remote.mpris import PlayerState, changed_properties, jumped, metadata
from psoas_timer.ui.remote.words import released_words, time_words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "one second"),
        (40, "forty seconds"),
        (60, "one minute"),
        (100, "one minute forty"),
        (125.4, "two minutes five"),
        (180, "three minutes"),
    ],
)
def test_a_time_held_as_a_coach_says_it(seconds: float, words: str) -> None:
    assert time_words(seconds) == words


def test_released_at() -> None:
    assert released_words(100) == "Released at one minute forty"


def test_metadata_names_the_part_and_no_part_when_stopped() -> None:
    idle = metadata(PlayerState(title="Daily", album="Daily", length=300))
    assert idle["mpris:trackid"] == ("o", "/org/mpris/MediaPlayer2/TrackList/NoTrack")
    assert idle["mpris:length"] == ("x", 300_000_000)
    assert "mpris:artUrl" not in idle
    part = metadata(PlayerState(status="Playing", title="Bridge", part=7, art="/p/b.png"))
    assert part["mpris:trackid"] == ("o", "/io/github/psoastimer/PsoasTimer/part/7")
    assert part["mpris:artUrl"] == ("s", "file:///p/b.png")


def test_time_running_on_changes_nothing_and_a_jump_is_a_seek() -> None:
    a = PlayerState(status="Playing", title="Bridge", length=300, position=10, at=100.0, part=1)
    b = PlayerState(status="Playing", title="Bridge", length=300, position=15, at=105.0, part=1)
    assert changed_properties(a, b) == {}
    assert not jumped(a, b)
    c = PlayerState(status="Playing", title="Rest", length=300, position=40, at=106.0, part=2)
    assert jumped(b, c)
    assert set(changed_properties(b, c)) == {"Metadata"}
    paused = PlayerState(status="Paused", title="Rest", length=300, position=40, at=300.0)
    assert paused.position_at(900.0) == 40
