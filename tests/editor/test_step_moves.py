"""Moving steps at any depth keeps the file readable: a step's heading comment goes with it,
indented for its new depth, and everything else stays where it was."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.routine_edit import ContainerPath, container, plain
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.ui.editor.step_moves import destination, is_move, move, steps_at

NESTED = """\
# Nested, by hand
version: 1
name: Nested
steps:
  # Warm up first
  - name: Warm up   # gently
    hold: 30s
  # The circuit
  - repeat: 2
    name: Circuit   # twice
    steps:
      # Plank heads the circuit
      - name: Plank
        hold: 30s
      - name: Bridge
        hold: 20s
        instructions: |
          Feet flat.
          Lift the hips.
      # end of the circuit

  # Cool down last
  - name: Cool down
    hold: 1m
"""


def _moved(text: str, source: ContainerPath, row: int, target: ContainerPath, before: int) -> str:
    document = RoutineDocument.from_text(text)
    assert move(document, source, row, target, before) is not None
    return document.dump()


def test_a_step_moves_into_a_group_with_its_heading_indented_to_match() -> None:
    text = _moved(NESTED, (), 0, (1,), 2)
    expected = """\
# Nested, by hand
version: 1
name: Nested
steps:
  # The circuit
  - repeat: 2
    name: Circuit   # twice
    steps:
      # Plank heads the circuit
      - name: Plank
        hold: 30s
      - name: Bridge
        hold: 20s
        instructions: |
          Feet flat.
          Lift the hips.
      # Warm up first
      - name: Warm up   # gently
        hold: 30s
      # end of the circuit

  # Cool down last
  - name: Cool down
    hold: 1m
"""
    assert text == expected


def test_a_step_moves_out_of_a_group_before_or_after_it() -> None:
    after = _moved(NESTED, (1,), 1, (), 2)
    bridge_after_the_group = """\
      # Plank heads the circuit
      - name: Plank
        hold: 30s
      # end of the circuit

  - name: Bridge
    hold: 20s
    instructions: |
      Feet flat.
      Lift the hips.
  # Cool down last
  - name: Cool down
"""
    assert bridge_after_the_group in after
    before = _moved(NESTED, (1,), 0, (), 1)
    plank_before_the_group = """\
  - name: Warm up   # gently
    hold: 30s
  # Plank heads the circuit
  - name: Plank
    hold: 30s
  # The circuit
  - repeat: 2
"""
    assert plank_before_the_group in before


def test_moving_within_a_list_keeps_each_heading_above_its_step() -> None:
    text = _moved(NESTED, (), 2, (), 0)
    assert text.startswith(
        "# Nested, by hand\nversion: 1\nname: Nested\nsteps:\n"
        "  # Cool down last\n  - name: Cool down\n    hold: 1m\n"
        "  # Warm up first\n  - name: Warm up   # gently\n"
    )
    assert text.endswith("      # end of the circuit\n")  # no blank line left at the end
    names = [s.name for s in load_routine_text(text, "x").steps]
    assert names == ["Cool down", "Warm up", "Circuit"]


def test_other_indentation_styles_are_kept() -> None:
    flush = (
        "name: Flush\nsteps:\n# first\n- name: A\n  hold: 1\n- repeat: 2\n  steps:\n"
        "  - name: B\n    hold: 2\n"
    )
    text = _moved(flush, (), 0, (1,), 1)
    assert text == (
        "name: Flush\nsteps:\n- repeat: 2\n  steps:\n  - name: B\n    hold: 2\n"
        "  # first\n  - name: A\n    hold: 1\n"
    )


def test_flow_style_steps_are_moved_as_nodes() -> None:
    text = _moved("name: Flow\nsteps: [{name: A, hold: 1}, {name: B, hold: 2}]\n", (), 0, (), 2)
    assert [s.name for s in load_routine_text(text, "x").steps] == ["B", "A"]


def test_what_is_no_move() -> None:
    data = RoutineDocument.from_text(NESTED).data
    assert not is_move(data, (), 0, (), 0)  # where it is
    assert not is_move(data, (), 0, (), 1)  # just after itself: where it is
    assert not is_move(data, (), 1, (1,), 0)  # into itself
    assert not is_move(data, (), 5, (), 0)  # no such step
    assert not is_move(data, (), 0, (0,), 0)  # a step is not a group
    assert is_move(data, (), 0, (), 2)
    assert destination((), 0, (), 2) == ((), 1)
    assert destination((), 0, (1,), 0) == ((0,), 0)  # the group moved up one
    assert destination((1,), 0, (), 3) == ((), 3)


# -- any routine, any move ---------------------------------------------------------------


@dataclass
class _Item:
    name: str
    children: list[_Item] | None = None  # a repeat group when not None
    heading: bool = False
    inline: bool = False
    blank_before: bool = False


@dataclass
class _Tree:
    items: list[_Item] = field(default_factory=list)
    count: int = 0


@st.composite
def _trees(draw: st.DrawFn) -> _Tree:
    tree = _Tree()

    def items(depth: int) -> list[_Item]:
        out = []
        for _ in range(draw(st.integers(1 if depth else 2, 4))):
            tree.count += 1
            group = depth < 2 and draw(st.booleans())
            out.append(
                _Item(
                    f"{'G' if group else 'S'}{tree.count}",
                    items(depth + 1) if group else None,
                    heading=draw(st.booleans()),
                    inline=draw(st.booleans()),
                    blank_before=draw(st.booleans()),
                )
            )
        return out

    tree.items = items(0)
    return tree


def _render(items: list[_Item], dash: int, lines: list[str]) -> None:
    pad = " " * dash
    for item in items:
        if item.blank_before:
            lines.append("")
        if item.heading:
            lines.append(f"{pad}# about {item.name}")
        inline = f"   # {item.name} inline" if item.inline else ""
        if item.children is None:
            lines += [f"{pad}- name: {item.name}{inline}", f"{pad}  hold: 5"]
        else:
            lines += [f"{pad}- repeat: 2", f"{pad}  name: {item.name}{inline}", f"{pad}  steps:"]
            _render(item.children, dash + 4, lines)
            lines.append(f"{pad}    # end of {item.name}")


def _lists(data: object, path: ContainerPath = ()) -> list[ContainerPath]:
    seq = steps_at(data, path) or []
    found = [path]
    for index, item in enumerate(seq):
        if "repeat" in item:
            found += _lists(data, (*path, index))
    return found


@settings(max_examples=150, deadline=None)
@given(tree=_trees(), picks=st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)))
def test_any_move_keeps_every_comment_and_every_heading_above_its_step(
    tree: _Tree, picks: tuple[int, int, int]
) -> None:
    lines = ["# A routine", "version: 1", "name: Any", "steps:"]
    _render(tree.items, 2, lines)
    text = "\n".join(lines) + "\n"
    document = RoutineDocument.from_text(text)
    lists = _lists(document.data)
    moves = [
        (source, row, target, before)
        for source in lists
        for row in range(len(steps_at(document.data, source) or []))
        for target in lists
        for before in range(len(steps_at(document.data, target) or []) + 1)
        if is_move(document.data, source, row, target, before)
    ]
    source, row, target, before = moves[(picks[0] * 10000 + picks[1] * 100 + picks[2]) % len(moves)]
    expected = document.copy()
    item = container(expected, source)[row]
    del container(expected, source)[row]
    where = destination(source, row, target, before)
    container(expected, where[0]).insert(where[1], item)

    assert move(document, source, row, target, before) == where
    moved = document.dump()
    assert plain(document.data) == plain(expected.data)
    assert sorted(re.findall(r"#.*", moved)) == sorted(re.findall(r"#.*", text))
    assert RoutineDocument.from_text(moved).dump() == moved  # (a group emptied is a draft)
    out = moved.splitlines()
    for index, line in enumerate(out):
        heading = re.fullmatch(r"( *)# about (\w+)", line)
        if heading:
            dash, name = heading.groups()
            assert re.fullmatch(rf"{dash}- (name: {name}\b.*|repeat: 2)", out[index + 1]), moved
            if out[index + 1].endswith("repeat: 2"):
                assert out[index + 2].startswith(f"{dash}  name: {name}")
