"""A number said with a noun agrees with it (issue #26): "soixante et une secondes",
"veintiún segundos", "duas séries", "eine Sekunde"; counted alone it stays as num2words
words it ("un", "uno", "um", "eins"). No Qt."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from psoas_timer.core.spoken import GENDERS, number_words, seconds_words
from psoas_timer.i18n import set_language

AGREEING = [
    # French: the nouns said are feminine
    ("fr", "second", 1, "une"),
    ("fr", "second", 2, "deux"),
    ("fr", "second", 21, "vingt et une"),
    ("fr", "second", 31, "trente et une"),
    ("fr", "second", 61, "soixante et une"),
    ("fr", "second", 71, "soixante et onze"),
    ("fr", "second", 81, "quatre-vingt-une"),
    ("fr", "second", 101, "cent une"),
    ("fr", "minute", 121, "cent vingt et une"),
    ("fr", "minute", 200, "deux cents"),
    ("fr", "set", 201, "deux cent une"),
    # Spanish: "uno" drops its o before a masculine noun; feminine forms
    ("es", "second", 1, "un"),
    ("es", "second", 2, "dos"),
    ("es", "second", 21, "veintiún"),
    ("es", "second", 31, "treinta y un"),
    ("es", "second", 61, "sesenta y un"),
    ("es", "minute", 101, "ciento un"),
    ("es", "minute", 200, "doscientos"),
    ("es", "rep", 1, "una"),
    ("es", "rep", 21, "veintiuna"),
    ("es", "rep", 31, "treinta y una"),
    ("es", "rep", 61, "sesenta y una"),
    ("es", "rep", 200, "doscientas"),
    ("es", "breath", 500, "quinientas"),
    ("es", "set", 701, "setecientas una"),
    ("es", "set", 900, "novecientas"),
    # Brazilian Portuguese: masculine as num2words says it; feminine um/uma, dois/duas
    ("pt_BR", "second", 1, "um"),
    ("pt_BR", "second", 2, "dois"),
    ("pt_BR", "second", 21, "vinte e um"),
    ("pt_BR", "minute", 200, "duzentos"),
    ("pt_BR", "rep", 1, "uma"),
    ("pt_BR", "rep", 2, "duas"),
    ("pt_BR", "rep", 12, "doze"),
    ("pt_BR", "rep", 21, "vinte e uma"),
    ("pt_BR", "rep", 22, "vinte e duas"),
    ("pt_BR", "rep", 31, "trinta e uma"),
    ("pt_BR", "breath", 61, "sessenta e uma"),
    ("pt_BR", "set", 200, "duzentas"),
    ("pt_BR", "set", 302, "trezentas e duas"),
    ("pt_BR", "set", 500, "quinhentas"),
    ("pt_BR", "set", 900, "novecentas"),
    # German: ein/eine for one; "einundzwanzig" stays
    ("de", "second", 1, "eine"),
    ("de", "second", 2, "zwei"),
    ("de", "second", 21, "einundzwanzig"),
    ("de", "second", 61, "einundsechzig"),
    ("de", "second", 101, "einhundertein"),  # "hundertein Sekunden" (Duden)
    ("de", "set", 1, "ein"),
    ("de", "second", 200, "zweihundert"),
]


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language(None)


@pytest.mark.parametrize(("code", "noun", "n", "words"), AGREEING)
def test_a_number_agrees_with_its_noun(code: str, noun: str, n: int, words: str) -> None:
    assert number_words(n, code, noun=noun) == words  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "n", "words"),
    [
        ("fr", 1, "un"),
        ("fr", 21, "vingt et un"),
        ("es", 1, "uno"),
        ("es", 21, "veintiuno"),
        ("pt_BR", 2, "dois"),
        ("de", 1, "eins"),
        ("en", 21, "twenty-one"),
    ],
)
def test_a_number_counted_alone_is_as_counted(code: str, n: int, words: str) -> None:
    assert number_words(n, code) == words


def test_every_language_gives_every_noun_a_gender() -> None:
    nouns = {noun for table in GENDERS.values() for noun in table}
    for code, table in GENDERS.items():
        assert set(table) == nouns, code


@pytest.mark.parametrize(
    ("code", "seconds", "said"),
    [
        ("fr", 1, "Une seconde"),
        ("fr", 61, "Soixante et une secondes"),
        ("fr", 81, "Quatre-vingt-une secondes"),
        ("fr", 151, "Deux minutes trente et une"),  # the seconds understood
        ("fr", 3660, "Soixante et une minutes"),
        ("es", 1, "Un segundo"),
        ("es", 21, "Veintiún segundos"),
        ("es", 61, "Sesenta y un segundos"),
        ("es", 151, "Dos minutos treinta y uno"),  # the noun understood: "uno"
        ("es", 1860, "Treinta y un minutos"),
        ("pt_BR", 1, "Um segundo"),
        ("pt_BR", 61, "Sessenta e um segundos"),
        ("de", 1, "Eine Sekunde"),
        ("de", 21, "Einundzwanzig Sekunden"),
        ("de", 101, "Einhundertein Sekunden"),
    ],
)
def test_a_time_is_said_with_agreeing_numbers(
    code: str, seconds: int, said: str, language: None
) -> None:
    set_language(code)
    assert seconds_words(seconds).replace("\xa0", " ") == said  # French: a no-break space


def test_french_says_zero_seconds_not_one(language: None) -> None:
    """French takes the singular for 0 as for 1 ("zéro seconde"): the singular keeps its
    number, worded by the rule, instead of always saying "une"."""
    set_language("fr")
    assert seconds_words(0).replace("\xa0", " ") == "Zéro seconde"
    assert seconds_words(1).replace("\xa0", " ") == "Une seconde"


def test_the_remote_says_times_with_agreeing_numbers(language: None) -> None:
    from psoas_timer.ui.remote.words import time_words

    set_language("fr")
    assert time_words(41).replace("\xa0", " ") == "quarante et une secondes"
    assert time_words(61).replace("\xa0", " ") == "une minute une"  # the seconds understood
    assert time_words(151).replace("\xa0", " ") == "deux minutes trente et une"
    set_language("es")
    assert time_words(21) == "veintiún segundos"
    assert time_words(61) == "un minuto uno"
