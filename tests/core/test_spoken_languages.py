"""Numbers and times as the voice says them, in each language (issue #26, item 3): the
number by the language's own rules, the sentence around it from the catalog. No Qt."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from psoas_timer.core import spoken
from psoas_timer.core.spoken import next_words, number_words, seconds_words, side_words
from psoas_timer.i18n import set_language

CORE = Path(spoken.__file__).resolve().parent

NUMBERS = [
    ("en", 1, "one"),
    ("en", 21, "twenty-one"),
    ("en", 90, "ninety"),
    ("en", 101, "one hundred and one"),
    ("de", 1, "eins"),
    ("de", 21, "einundzwanzig"),
    ("de", 30, "dreißig"),
    ("de", 90, "neunzig"),
    ("fr", 21, "vingt et un"),
    ("fr", 70, "soixante-dix"),
    ("fr", 90, "quatre-vingt-dix"),
    ("es", 16, "dieciséis"),
    ("es", 21, "veintiuno"),
    ("es", 90, "noventa"),
    ("pt_BR", 21, "vinte e um"),
    ("pt_BR", 90, "noventa"),
    ("de_AT", 30, "dreißig"),  # a country's variant speaks its language
    ("en@pseudo", 30, "thirty"),
    ("xx", 30, "thirty"),  # a language with no rules: English words, never nothing
]


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language(None)


@pytest.mark.parametrize(("code", "n", "words"), NUMBERS)
def test_numbers_are_worded_by_each_languages_rules(code: str, n: int, words: str) -> None:
    assert number_words(n, code) == words


def test_the_current_language_words_the_numbers(language: None) -> None:
    set_language("en")
    assert seconds_words(30) == "Thirty seconds"
    assert seconds_words(1) == "One second"
    assert seconds_words(90) == "Ninety seconds"
    assert seconds_words(150) == "Two minutes thirty"
    assert seconds_words(120) == "Two minutes"
    assert side_words("left") == "Left side"
    assert next_words("Plank") == "Next: Plank"


def test_the_sentences_come_from_the_catalog(language: None) -> None:
    """The pseudo-language translates every catalog entry: a phrase made here in English
    would show unmarked."""
    set_language("en@pseudo")
    for said in (seconds_words(30), seconds_words(150), side_words("right"), next_words("X")):
        assert said.startswith("⟦") and said.endswith("⟧"), said
    assert "thirty" in seconds_words(30)  # the number in words, inside the sentence


def test_no_english_number_words_are_left_in_the_core() -> None:
    words = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docstrings:
                    continue
                assert not words & set(node.value.lower().split()), f"{path}: {node.value!r}"


def _translated(code: str, message: str, context: str | None = None) -> bool:
    from babel.messages.pofile import read_po

    po = CORE.parent / "locale" / code / "LC_MESSAGES" / "psoas_timer.po"
    if not po.is_file():
        return False
    with po.open("rb") as stream:
        found = read_po(stream, locale=code).get(message, context)
    if found is None or found.fuzzy:
        return False
    strings = found.string if isinstance(found.string, (list, tuple)) else [found.string]
    return all(strings)


@pytest.mark.parametrize(
    ("code", "thirty"),
    [("de", "dreißig"), ("fr", "trente"), ("es", "treinta"), ("pt_BR", "trinta")],
)
def test_a_phrase_in_each_language(code: str, thirty: str, language: None) -> None:
    """Once a language's catalog has the sentence: "Thirty seconds" in its words and its
    number ("Dreißig Sekunden", "Trente secondes"), "Left side" translated."""
    if not _translated(code, "{count} second", "spoken cue"):
        pytest.skip(f"{code}: '{{count}} seconds' not translated yet")
    set_language(code)
    said = seconds_words(30)
    assert thirty in said.lower() and "seconds" not in said
    assert said[0].isupper()
    if _translated(code, "Left side"):
        assert side_words("left") != "Left side"
