"""Move a step (or a repeat group) within its list, or into another list at any depth,
keeping the comments that describe it with it.

ruamel.yaml keeps a comment line between two steps as the tail of the step *above* it, so
moving nodes carries the comment that heads a step off with its neighbour, at that
neighbour's indentation. To keep a hand-written file readable, a move here works on the
saved text instead: the step's lines go, with the comment lines right above it (its
heading), to their new place, indented for their new depth. Comment lines under a step that
are indented no deeper than its dash, and blank lines, stay where they are: they head what
follows. The text is then read back, and the result is used only if it holds exactly what
moving the node would give; otherwise (flow-style ``steps: [...]``, an unusual layout) the
node is moved, which loses no comment but may leave one in an odd place.

Addresses are given as the document is *before* the move: the step at *row* of the list at
*source*, to go just before item *before* of the list at *target* (its length: at the end).
Nothing here knows about Qt.
"""

from __future__ import annotations

import re
from typing import Any

from psoas_timer.core.problems import LoadError
from psoas_timer.core.routine_edit import ContainerPath, container, plain
from psoas_timer.core.routine_io import RoutineDocument
from psoas_timer.core.yamlsource import Located, read_yaml

__all__ = ["destination", "move", "steps_at"]

_DASH = re.compile(r"^( *)- +$")


def steps_at(data: Any, path: ContainerPath) -> list[Any] | None:
    """The ``steps`` list at *path* of routine *data*, or ``None`` (never creates one)."""
    seq = data.get("steps") if isinstance(data, dict) else None
    for index in path:
        if not (isinstance(seq, list) and 0 <= index < len(seq) and isinstance(seq[index], dict)):
            return None
        seq = seq[index].get("steps")
    return seq if isinstance(seq, list) else None


def destination(
    source: ContainerPath, row: int, target: ContainerPath, before: int
) -> tuple[ContainerPath, int]:
    """Where the step ends up: its list's path and its row, once it has moved."""
    depth = len(source)
    if len(target) > depth and target[:depth] == source and target[depth] > row:
        target = (*target[:depth], target[depth] - 1, *target[depth + 1 :])
        return target, before
    if target == source and before > row:
        return target, before - 1
    return target, before


def is_move(data: Any, source: ContainerPath, row: int, target: ContainerPath, before: int) -> bool:
    """Whether the move changes anything and can be made: both lists exist, the step is not
    moved into itself, and it does not stay where it is."""
    seq, into = steps_at(data, source), steps_at(data, target)
    if seq is None or into is None or not 0 <= row < len(seq) or not 0 <= before <= len(into):
        return False
    if target[: len(source) + 1] == (*source, row):
        return False
    return not (target == source and before in (row, row + 1))


def move(
    document: RoutineDocument, source: ContainerPath, row: int, target: ContainerPath, before: int
) -> tuple[ContainerPath, int] | None:
    """Move the step; returns where it is now (see :func:`destination`), or ``None`` when
    :func:`is_move` says there is nothing to do."""
    if not is_move(document.data, source, row, target, before):
        return None
    where = destination(source, row, target, before)
    expected = document.copy()
    _move_node(expected, source, row, where)
    try:
        text = _moved_text(document.dump(), document.indent[2], source, row, target, before)
        moved = RoutineDocument.from_text(text)
    except (_LayoutError, LoadError, IndexError):  # a layout this does not know: move the node
        moved = None
    if moved is not None and plain(moved.data) == plain(expected.data):
        document.data = moved.data
    else:
        _move_node(document, source, row, where)
    return where


def _move_node(
    document: RoutineDocument, source: ContainerPath, row: int, where: tuple[ContainerPath, int]
) -> None:
    seq = container(document, source)
    item = seq[row]
    del seq[row]
    container(document, where[0]).insert(where[1], item)


class _LayoutError(Exception):
    """The text is not laid out one block step per line range; move the node instead."""


def _item_path(path: ContainerPath, row: int) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for index in (*path, row):
        parts += ["steps", index]
    return tuple(parts)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


class _Layout:
    """Where each step of a text sits: its dash line, its last line and its heading."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)
        self.located: Located = read_yaml(text, "<routine>")
        self._starts = sorted(
            (position, path)
            for table in (self.located.keys, self.located.values)
            for path, position in table.items()
        )

    def dash(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """The line (1-based) of the step's dash, and the dash's column (0-based)."""
        if path not in self.located.values:
            raise _LayoutError(path)
        line, column = self.located.values[path]
        match = _DASH.match(self.lines[line - 1][: column - 1])
        if match is None:
            raise _LayoutError(path)
        return line, len(match.group(1))

    def last_line(self, path: tuple[str | int, ...]) -> int:
        """The step's last line: up to what follows it, less the blank lines and the comments
        no deeper than its dash at its end (they head what follows)."""
        first, dash = self.dash(path)
        start = self.located.values[path]
        after = [
            position
            for position, other in self._starts
            if position > start and other[: len(path)] != path
        ]
        end = after[0][0] - 1 if after else len(self.lines)
        if after and after[0][0] == first:
            raise _LayoutError(path)
        while end > first and (
            _is_blank(self.lines[end - 1])
            or (_is_comment(self.lines[end - 1]) and _indent(self.lines[end - 1]) <= dash)
        ):
            end -= 1
        return end

    def first_line(self, path: tuple[str | int, ...]) -> int:
        """The first line of the step's heading: the comment lines right above its dash that
        are indented no deeper than it (its dash line when there are none)."""
        line, dash = self.dash(path)
        while (
            line > 1 and _is_comment(self.lines[line - 2]) and _indent(self.lines[line - 2]) <= dash
        ):
            line -= 1
        return line


def _shift(line: str, delta: int) -> str:
    if _is_blank(line) or delta == 0:
        return line
    if delta > 0:
        return " " * delta + line
    if _indent(line) >= -delta:
        return line[-delta:]
    if _is_comment(line):
        return line.lstrip(" ")
    raise _LayoutError(line)


def _list_key(layout: _Layout, path: ContainerPath) -> tuple[int, int]:
    """The line and the end column (0-based, just past ``steps``) of the list's key."""
    key = _item_path(path, 0)[:-1]
    if key not in layout.located.keys:
        raise _LayoutError(key)
    line, column = layout.located.keys[key]
    end = column - 1 + len("steps")
    if layout.lines[line - 1][end : end + 1] != ":":
        raise _LayoutError(key)
    return line, end


def _moved_text(
    text: str,
    offset: int,
    source: ContainerPath,
    row: int,
    target: ContainerPath,
    before: int,
) -> str:
    """*text* with the step's lines moved; *offset* is the file's dash offset (how far a
    list's dashes sit right of its key), for a list that was empty."""
    layout = _Layout(text)
    lines = layout.lines
    path = _item_path(source, row)
    first, last = layout.first_line(path), layout.last_line(path)
    into = steps_at(layout.located.data, target)
    if into is None:
        raise _LayoutError(target)
    if into:
        dash = layout.dash(_item_path(target, 0))[1]
        if before < len(into):
            anchor = layout.first_line(_item_path(target, before))
        else:
            anchor = layout.last_line(_item_path(target, len(into) - 1)) + 1
    else:  # "steps: []" becomes "steps:", with the step under it
        line, end = _list_key(layout, target)
        empty = re.match(r":[ \t]*\[[ \t]*\]", lines[line - 1][end:])
        if empty is None:
            raise _LayoutError(target)
        lines[line - 1] = lines[line - 1][: end + 1] + lines[line - 1][end + empty.end() :]
        dash, anchor = end - len("steps") + offset, line + 1
    if first <= anchor <= last:
        raise _LayoutError(anchor)
    if len(steps_at(layout.located.data, source) or []) == 1:  # "steps:" becomes "steps: []"
        line, end = _list_key(layout, source)
        lines[line - 1] = lines[line - 1][: end + 1] + " []" + lines[line - 1][end + 1 :]
    delta = dash - layout.dash(path)[1]
    block = [_shift(line, delta) for line in lines[first - 1 : last]]
    if not block[-1].endswith("\n"):
        block[-1] += "\n"
    rest = lines[: first - 1] + lines[last:]
    at = anchor - 1 - (len(block) if anchor > last else 0)
    if at > 0 and not rest[at - 1].endswith("\n"):
        rest[at - 1] += "\n"
    moved = "".join(rest[:at] + block + rest[at:])
    # A blank line that separated the step from the one above stays; not at the file's end.
    return moved if text.endswith("\n\n") else moved.rstrip("\n") + "\n"
