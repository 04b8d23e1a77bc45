"""A broken routine file, told in the user's language: ``file:line:column: what is wrong``,
the parser's own words for the common mistakes translated too (they were English in every
language: "ungültiges YAML: did not find expected ',' or ']'")."""

from __future__ import annotations

import pytest

from psoas_timer import i18n
from psoas_timer.core.problems import LoadError
from psoas_timer.core.yamlsource import read_yaml


def _problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        read_yaml(text, "r.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "r.yaml:3:1: ungültiges YAML: ',' oder ']' fehlt (eine Liste in [ ] ist nicht"),
        ("fr", "r.yaml:3:1: YAML non valide\xa0: il manque ',' ou ']'"),
        ("en", "r.yaml:3:1: invalid YAML: did not find expected ',' or ']'"),
    ],
)
def test_an_open_list_is_told_in_the_language_spoken(language: str, expected: str) -> None:
    i18n.set_language(language)
    (message,) = _problems("name: x\nsteps: [1, 2\n")
    assert message.startswith(expected)
    assert "did not find" not in message or language == "en"


def test_a_colon_out_of_place_is_told_in_german_with_its_hint() -> None:
    i18n.set_language("de")
    (message,) = _problems("name: x\nsteps:\n  - name: a: b\n")
    assert message.startswith("r.yaml:3:")
    assert "hier ist kein ':' erlaubt" in message
    assert "not allowed" not in message
