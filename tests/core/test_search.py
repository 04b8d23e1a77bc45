"""Search: every word must match; names first, then tags, then file names and descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field

from psoas_timer.core.search import rank


@dataclass
class R:
    name: str
    tags: list[str] = field(default_factory=list)
    description: str = ""
    file_name: str = "x.yaml"


ITEMS = [
    R("Desk break", ["quick", "psoas"], "Stand up and stretch the hip flexors."),
    R("Hip flexor stretch", ["stretch"]),
    R("Deep psoas release", ["release", "psoas"]),
    R("Psoas", ["short"]),
    R("Evening", ["calm"], "Psoas release before bed.", "psoas-evening.yaml"),
]


def names(query: str) -> list[str]:
    return [ITEMS[i].name for i in rank(ITEMS, query)]


def test_an_exact_name_comes_first_then_names_then_tags_then_the_rest() -> None:
    assert names("psoas") == ["Psoas", "Deep psoas release", "Desk break", "Evening"]


def test_every_word_must_match_somewhere() -> None:
    assert names("psoas release") == ["Deep psoas release", "Evening"]
    assert names("psoas nothing") == []


def test_no_words_keeps_the_given_order() -> None:
    assert names("  ") == [item.name for item in ITEMS]


def test_case_and_word_starts() -> None:
    assert names("HIP") == ["Hip flexor stretch", "Desk break"]
    assert names("flex")[0] == "Hip flexor stretch"
