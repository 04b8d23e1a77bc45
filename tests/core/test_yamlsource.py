"""Hostile and malformed YAML gets one clear, located problem each; never an exception."""

import pytest

from psoas_timer.core.problems import LoadError
from psoas_timer.core.yamlsource import MAX_BYTES, MAX_DEPTH, read_yaml


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(LoadError) as info:
        read_yaml(text, "r.yaml")
    return [str(p) for p in info.value.problems]


def test_positions_of_values_and_keys_are_one_based() -> None:
    located = read_yaml("name: x\nsteps:\n  - hold: 30\n", "r.yaml")
    assert located.data == {"name": "x", "steps": [{"hold": 30}]}
    assert located.values[("steps", 0, "hold")] == (3, 11)
    assert located.keys[("steps", 0, "hold")] == (3, 5)
    assert located.position(("steps", 0, "missing")) == (3, 5)


def test_python_tags_never_construct_objects() -> None:
    assert problems("a: !!python/object/apply:os.system ['echo hi']\n") == [
        "r.yaml:1:4: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
        "write plain values"
    ]


def test_duplicate_keys_are_refused_at_the_second_key() -> None:
    assert problems("name: a\nhold: 1\nname: b\n") == ["r.yaml:3:1: duplicate key 'name'"]


def test_billion_laughs_is_stopped() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (message,) = problems("\n".join(lines))
    assert "too many values" in message


def test_deep_nesting_is_refused() -> None:
    (message,) = problems("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    assert f"nesting is deeper than {MAX_DEPTH} levels" in message


def test_huge_files_are_refused_before_parsing() -> None:
    (message,) = problems("a: " + "x" * (MAX_BYTES + 1))
    assert message.startswith("r.yaml:1:1: file is too large")


def test_syntax_errors_point_at_the_problem() -> None:
    assert problems("name: x\nsteps: [1, 2\n") == [
        "r.yaml:3:1: invalid YAML: did not find expected ',' or ']'"
    ]


def test_bad_utf8_is_located() -> None:
    assert problems(b"name: ok\nb: \xff\n") == ["r.yaml:2:4: file is not valid UTF-8 text"]


def test_several_documents_are_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "r.yaml:3:1: expected one YAML document, found several"
    ]


def test_empty_file_reads_as_nothing() -> None:
    assert read_yaml("", "r.yaml").data is None
