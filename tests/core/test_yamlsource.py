"""Hostile and malformed YAML gets one clear, located problem each; never an exception."""

import datetime

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: x\nsteps:\n\t- name: a\n",
            "r.yaml:3:1: invalid YAML: found character that cannot start any token; "
            "line 3 is indented with a tab: YAML needs spaces",
        ),
        (
            "name: x\nsteps:\n  - name: a\n  \thold: 3\n",
            "r.yaml:4:1: invalid YAML: found a tab character that violates indentation; "
            "line 4 is indented with a tab: YAML needs spaces",
        ),
        (
            "name: x\nsteps:\n  - name:Bridge\n    hold: 30\n",
            "r.yaml:3:5: invalid YAML: mapping values are not allowed in this context; "
            "put a space after the colon on line 3: 'name: Bridge', not 'name:Bridge'",
        ),
        (
            "name:Evening\nsteps:\n  - name: a\n",
            "r.yaml:1:1: invalid YAML: mapping values are not allowed in this context; "
            "put a space after the colon on line 1: 'name: Evening', not 'name:Evening'",
        ),
        (
            "name: x\nsteps:\n  - name: a\n    hold:30\n    sides: both\n",
            "r.yaml:4:5: invalid YAML: could not find expected ':'; "
            "put a space after the colon on line 4: 'hold: 30', not 'hold:30'",
        ),
        (
            'name: "Evening\nsteps:\n  - name: a\n',
            "r.yaml:1:7: invalid YAML: found unexpected end of stream; "
            'the " opened on line 1 is never closed',
        ),
        (
            "name: x\nsteps:\n  - name: a\n     hold: 30\n",
            "r.yaml:4:10: invalid YAML: mapping values are not allowed in this context; "
            "check the indentation around here: the keys of one step line up under each "
            "other, and so do the dashes of one list",
        ),
        (
            "name: x\nsteps:\n  - name: a\n    hold: 30\n - name: b\n",
            "r.yaml:5:2: invalid YAML: did not find expected key; check the indentation "
            "around here: the keys of one step line up under each other, and so do the "
            "dashes of one list",
        ),
        (
            "name: x\nsteps:\n  - name: Stretch: left\n",
            "r.yaml:3:18: invalid YAML: mapping values are not allowed in this context; "
            'the value on line 3 has a colon in it: put it in quotes (name: "Stretch: left side")',
        ),
    ],
    ids=[
        "tab",
        "tab-in-indent",
        "glued-colon",
        "glued-top",
        "glued-then",
        "quote",
        "deeper",
        "shallower",
        "colon-in-value",
    ],
)
def test_common_syntax_mistakes_get_a_plain_words_hint(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_times_and_addresses_are_not_mistaken_for_a_missing_space() -> None:
    assert read_yaml("hold: 1:30\nimage: http://example.org/a.svg\n", "r.yaml").data == {
        "hold": 90,
        "image": "http://example.org/a.svg",
    }


def test_remembered_tags_keep_quoted_and_plain_values_apart() -> None:
    """Plain ``30`` is a number and quoted ``'30'`` text, whichever is read first, in any
    file after (the parser's answers are remembered by value and by how it was written)."""
    text = "a: 30\nb: '30'\nc: yes\nd: 'yes'\ne: ~\nf: '~'\ng: 1.5\nh: \"1.5\"\ni: 2001-01-01\n"
    for _ in range(3):
        data = read_yaml(text, "x.yaml").data
        assert data == {
            "a": 30,
            "b": "30",
            "c": True,
            "d": "yes",
            "e": None,
            "f": "~",
            "g": 1.5,
            "h": "1.5",
            "i": datetime.date(2001, 1, 1),
        }
    reversed_text = "b: '30'\na: 30\nd: 'yes'\nc: yes\n"
    assert read_yaml(reversed_text, "y.yaml").data == {"b": "30", "a": 30, "d": "yes", "c": True}


def test_a_file_of_many_different_values_does_not_grow_what_is_remembered() -> None:
    from psoas_timer.core import yamlsource

    text = "".join(f"k{n}: v{n}\n" for n in range(12_000))
    assert len(read_yaml(text, "many.yaml").data) == 12_000
    assert len(yamlsource._Loader._tags) <= yamlsource._REMEMBER_COUNT
