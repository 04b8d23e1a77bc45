"""Which step, and which of its settings, a ``line:column`` of a routine's text belongs to.

The loader places every problem with :class:`~psoas_timer.core.yamlsource.Located`: the
position of each value and key of the file, by data path (``("steps", 2, "steps", 0,
"hold")``). Reading the same text the same way turns a problem's position back into that
path, and the path into a step address the editor understands: the list the step is in
(a :data:`~psoas_timer.core.routine_edit.ContainerPath`), its row, and the key inside it.
Nothing here knows about Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psoas_timer.core.problems import LoadError
from psoas_timer.core.routine_edit import ContainerPath
from psoas_timer.core.yamlsource import Located, read_yaml
from psoas_timer.core.yamlsource import Path as DataPath

__all__ = ["DataPath", "Location", "data_path_at", "locate", "location_of"]


@dataclass(frozen=True)
class Location:
    """A place in a routine: the step at *row* of the list at *container* (``row`` is
    ``None`` for the routine itself), and *key*, the path inside it (``("open", "target")``;
    empty for the whole step)."""

    container: ContainerPath
    row: int | None
    key: DataPath = ()


def data_path_at(located: Located, line: int, column: int) -> DataPath | None:
    """The data path of the value (or else the key) that starts at *line*:*column*; failing
    that, of the last value that starts before it. The deepest wins a tie."""
    here = (line, column)
    for table in (located.values, located.keys):
        exact = [path for path, position in table.items() if position == here]
        if exact:
            return max(exact, key=len)
    before = [(position, len(path), path) for path, position in located.values.items()]
    before = [entry for entry in before if entry[0] <= here]
    if not before:
        return None
    return max(before, key=lambda entry: (entry[0], entry[1]))[2]


def location_of(path: DataPath, data: Any) -> Location:
    """The step (or the routine) that data *path* of the routine *data* falls in."""
    if len(path) < 2 or path[0] != "steps" or not isinstance(path[1], int):
        return Location((), None, path)
    container: ContainerPath = ()
    row, rest = path[1], path[2:]
    seq = data.get("steps") if isinstance(data, dict) else None
    while (
        len(rest) >= 2
        and rest[0] == "steps"
        and isinstance(rest[1], int)
        and isinstance(seq, list)
        and 0 <= row < len(seq)
        and isinstance(seq[row], dict)
        and "repeat" in seq[row]
    ):
        seq = seq[row].get("steps")
        container, row, rest = (*container, row), rest[1], rest[2:]
    return Location(container, row, rest)


def locate(text: str, line: int, column: int) -> Location | None:
    """Where *line*:*column* of the routine *text* is, or ``None`` when the text cannot be
    read (a YAML syntax error) or the position is before anything in it."""
    try:
        located = read_yaml(text, "<routine>")
    except LoadError:
        return None
    path = data_path_at(located, line, column)
    if path is None:
        return None
    return location_of(path, located.data)
