"""Whatever the loader reads, the editor opens (issue 15, item 5).

The loader reads YAML with PyYAML; the editor with ruamel.yaml, which is stricter in places
(a tab inside a plain value, an anchor on an empty key). A file the loader reads must open in
the editor, saying the same thing, and any file at all may only ever be refused with a
:class:`LoadError`. The fuzz test runs a fixed number of examples in CI; set
``PSOAS_TIMER_FUZZ`` to a number to run that many (``PSOAS_TIMER_FUZZ=20000``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from psoas_timer.core.problems import LoadError
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.core.yamlsource import read_yaml

FUZZ_EXAMPLES = int(os.environ.get("PSOAS_TIMER_FUZZ", "0") or 0) or 300

VALID = """\
name: Evening
# a comment
steps:
  - name: Kneeling stretch
    kind: stretch
    hold: 30s
    sides: both
"""

#: Files the loader reads and the editor could not open before (from the issue's probe).
REPROS = {
    "tab inside a plain value": "name: Even\ting\nsteps:\n  - name: a\tb\n    kind: stretch\n    hold: 30s\n",
    "anchor on an empty key": VALID + "    &x: 1\n",
    "anchor on an empty first key": "&x: 1\n" + VALID,
    "tab after a key's colon in flow": "name: r\nsteps: [{name: a\tb, kind: stretch, hold: 30s}]\n",
}

_PIECES = st.sampled_from(
    [
        "\t",
        " ",
        "  ",
        "\n",
        "\n  ",
        "\n    ",
        ":",
        ": ",
        "-",
        "- ",
        "&x",
        "&x ",
        "*x",
        "!",
        "!!str ",
        "?",
        "? ",
        "#",
        " #c",
        "'",
        '"',
        "|",
        ">",
        "{",
        "}",
        "[",
        "]",
        ",",
        "%",
        "@",
        "`",
        "name",
        "steps",
        "hold",
        "30s",
        "1:30",
        "yes",
        "no",
        "on",
        "null",
        "~",
        "0o17",
        "0x1F",
        "1e3",
        ".nan",
        "-.inf",
        "2001-02-03",
        "é",
        "\u00a0",
        "\ufeff",
        "\\",
        "\\t",
        "=",
        "<<",
        "...",
        "---",
    ]
)


def _mutate(data: st.DataObject) -> str:
    text = VALID
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        piece = data.draw(st.one_of(_PIECES, st.text(max_size=4)))
        text = text[:at] + piece + text[at + cut :]
    return text


def _check(text: str) -> None:
    """Either the editor opens *text* saying what the loader reads, or it refuses it with a
    LoadError, and then only if the loader cannot read it as a mapping either."""
    try:
        readable = isinstance(read_yaml(text, "f.yaml").data, dict)
    except LoadError:
        readable = False
    try:
        document = RoutineDocument.from_text(text, "f.yaml")
    except LoadError as exc:
        assert not readable, f"the loader reads it, the editor refused it: {exc}"
        return
    assert readable
    reread = read_yaml(document.dump(), "f.yaml").data
    assert repr(reread) == repr(read_yaml(text, "f.yaml").data)


@pytest.mark.parametrize("text", REPROS.values(), ids=REPROS.keys())
def test_the_editor_opens_what_the_loader_reads(text: str) -> None:
    document = RoutineDocument.from_text(text, "f.yaml")
    assert repr(read_yaml(document.dump(), "f.yaml").data) == repr(read_yaml(text, "f.yaml").data)
    assert document.rewritten  # and it says why it lays the file out afresh


def test_a_file_ruamel_reads_keeps_its_comments() -> None:
    document = RoutineDocument.from_text(VALID, "f.yaml")
    assert document.rewritten is None
    assert document.dump() == VALID


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
@example(None)
def test_fuzz_open_in_editor(data: st.DataObject | None) -> None:
    for text in REPROS.values() if data is None else [_mutate(data)]:
        _check(text)
