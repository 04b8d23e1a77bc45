"""A count of one on screen is a number ("1 Minute", "1 minuto"), while the voice still says
the word ("eine Minute", "un minuto"): the two were one catalog entry, so German and Spanish
showed "eine Minute" / "un minuto" under the Progress calendar. The voice's entries now have
the context "spoken cue". No Qt."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from psoas_timer.core.spoken import seconds_words
from psoas_timer.history.records import DayMinutes
from psoas_timer.i18n import set_language
from psoas_timer.ui.common.text import plural
from psoas_timer.ui.progress.words import calendar_words
from psoas_timer.ui.remote.words import released_words, time_words

#: language -> (shown: 1 minute, 2 minutes), (said: 1 minute, 1 second, 2 minutes 30)
COUNTS = {
    "en": (("1 minute", "2 minutes"), ("one minute", "One second", "Two minutes thirty")),
    "de": (("1 Minute", "2 Minuten"), ("eine Minute", "Eine Sekunde", "Zwei Minuten dreißig")),
    # French keeps a number and its unit together (a no-break space)
    "fr": (
        ("1\xa0minute", "2\xa0minutes"),
        ("une\xa0minute", "Une\xa0seconde", "Deux\xa0minutes trente"),
    ),
    "es": (("1 minuto", "2 minutos"), ("un minuto", "Un segundo", "Dos minutos treinta")),
    "pt_BR": (("1 minuto", "2 minutos"), ("um minuto", "Um segundo", "Dois minutos e trinta")),
}


@pytest.fixture
def in_language() -> Iterator[None]:
    yield
    set_language(None)


@pytest.mark.usefixtures("in_language")
@pytest.mark.parametrize("code", sorted(COUNTS))
def test_a_count_of_one_is_a_number_on_screen_and_a_word_in_the_voice(code: str) -> None:
    (one, two), (said_one, said_second, said_two) = COUNTS[code]
    set_language(code)
    assert plural(1, "minute") == one
    assert plural(2, "minute") == two
    # the line under the Progress calendar: one day with one minute in it
    line = calendar_words([DayMinutes(date(2026, 3, 2), 1.0, 1)], date(2026, 1, 1))
    assert one in line
    assert said_one not in line
    # the voice: a time confirmed from afar, and the milestones and countdowns of a hold
    assert time_words(60) == said_one
    assert said_one in released_words(60)
    assert seconds_words(1) == said_second
    assert seconds_words(150) == said_two
