"""Edits on a :class:`~psoas_timer.core.routine_io.RoutineDocument`, keeping hand-written files
readable: a new key goes to its place in the canonical order, a value equal to what the step
would get anyway (the model's default, or the library exercise's value) is removed rather
than written, and a value that means the same as what is written (``90s`` for 90) is left
as the author wrote it.

Steps are addressed by a *container path*: ``()`` is the routine's ``steps``; ``(2,)`` is the
``steps`` of the repeat group at index 2, and so on.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .duration import parse_duration
from .model import LENGTH_KEYS, TIMING_KEYS, Defaults, Kind, Step, gives_length, kept_under
from .routine_io import DURATION_KEYS, RoutineDocument, order_keys, to_node

__all__ = [
    "ContainerPath",
    "container",
    "defaults_of",
    "duplicate_item",
    "insert_item",
    "plain",
    "remove_item",
    "set_step_key",
    "set_value",
    "step_baseline",
]

ContainerPath = tuple[int, ...]

_STEP_DEFAULTS: dict[str, Any] = {
    name: (default.value if isinstance(default, Kind) else default)
    for name, field in Step.model_fields.items()
    if not field.is_required()
    for default in [field.get_default(call_default_factory=True)]
}
_STEP_DEFAULTS["kind"] = "exercise"
_GROUP_DEFAULTS: dict[str, Any] = {"name": None, "rest_between": None}


def defaults_of(kind: str) -> dict[str, Any]:
    """Values a key has when it is left out, for ``"step"``, ``"group"`` or ``"defaults"``."""
    if kind == "defaults":
        return Defaults().model_dump(mode="json")
    if kind == "group":
        return dict(_GROUP_DEFAULTS)
    return copy.deepcopy(_STEP_DEFAULTS)  # its lists are the caller's own


def step_baseline(
    step: Mapping[str, Any], library_raw: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """What each key of *step* would be if it were left out: the library exercise's value for
    a ``use`` step, else the model's default. A step that gives its own length (``hold``,
    ``reps``...) replaces the exercise's timing as a whole, as the loader reads it, so its
    timing keys then fall back to the model's defaults."""
    baseline = defaults_of("group" if "repeat" in step else "step")
    taken = kept_under(_exercise(step, library_raw), step)
    taken.pop("id", None)
    baseline.update(taken)
    return baseline


def _exercise(
    step: Mapping[str, Any], library_raw: Mapping[str, Mapping[str, Any]]
) -> Mapping[str, Any]:
    """The library exercise a ``use`` step takes (empty for any other step)."""
    ref = step.get("use")
    return library_raw[ref] if isinstance(ref, str) and ref in library_raw else {}


def set_step_key(
    step: CommentedMap, key: str, value: Any, library_raw: Mapping[str, Mapping[str, Any]]
) -> bool:
    """Set *key* of *step* as :func:`set_value` does, keeping what the step plays.

    On a ``use`` step, a new length (``hold``, ``reps``...) would replace the exercise's
    timing as a whole: changing the repetitions would drop its tempo and its hold at the top.
    So the first such edit writes the exercise's other timing values into the step beside the
    new one; and a timing that is the exercise's own again is left to the exercise (the keys
    go, as if never edited)."""
    exercise = _exercise(step, library_raw)
    taken = {k: plain(exercise[k]) for k in TIMING_KEYS if k in exercise}
    empty = value is None or value == ""
    if key in LENGTH_KEYS and not gives_length(step) and not empty and taken:
        for other in TIMING_KEYS:
            if other in taken and other != key and other not in step:
                set_value(step, other, taken[other])
    changed = set_value(step, key, value, baseline=step_baseline(step, library_raw))
    mine = {k: step[k] for k in TIMING_KEYS if k in step}
    if (
        taken
        and gives_length(step)
        and mine.keys() == taken.keys()
        and all(_same(k, mine[k], taken[k]) for k in mine)
    ):
        for k in mine:
            del step[k]
        changed = True
    return changed


def plain(value: Any) -> Any:
    """A ruamel node as plain Python data (dicts, lists, scalars)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


#: Keys inside a value that hold an amount of the value's own kind: a side's hold is a
#: duration as the hold is (``hold: {left: 30s, right: 45s}``), a range's value to use too.
_AMOUNT_PARTS = frozenset({"left", "right", "use"})


def _part_key(key: str, part: str) -> str:
    """The key whose kind of value *part* of a value of *key* has."""
    return key if part in _AMOUNT_PARTS else part


def _same(key: str, old: Any, new: Any) -> bool:
    old, new = plain(old), plain(new)
    if key in DURATION_KEYS and not isinstance(old, dict) and not isinstance(new, dict):
        try:
            return parse_duration(old) == parse_duration(new)
        except ValueError:
            return False
    if isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys():
        return all(_same(_part_key(key, k), old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return all(_same(key, a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new and type(old) is type(new)) or (
        isinstance(old, (int, float))
        and isinstance(new, (int, float))
        and not isinstance(old, bool)
        and not isinstance(new, bool)
        and old == new
    )


def _as_written(key: str, old: Any, new: Any) -> Any:
    """*new*, with each part that means what the same part of *old* means written as *old*
    has it: editing one side of ``{left: 30s, right: 45s}`` leaves ``45s`` as it is."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return new
    kept: dict[str, Any] = {}
    for part, value in new.items():
        sub = _part_key(key, part)
        if part in old and _same(sub, old[part], value):
            kept[part] = old[part]
        else:
            kept[part] = _as_written(sub, old.get(part), value)
    return kept


def set_value(
    mapping: CommentedMap,
    key: str,
    value: Any,
    *,
    baseline: Mapping[str, Any] | None = None,
    order: str = "step",
) -> bool:
    """Set *key* to *value* (plain data; durations in seconds). Returns whether anything changed.

    ``None``, an empty list or text, or a value equal to ``baseline[key]`` removes the key.
    """
    empty = value is None or value == [] or value == ""
    redundant = baseline is not None and key in baseline and _same(key, baseline[key], value)
    if empty or redundant:
        if key in mapping:
            del mapping[key]
            return True
        return False
    if key in mapping and _same(key, mapping[key], value):
        return False
    if key in mapping:
        value = _as_written(key, plain(mapping[key]), value)
    node = to_node(value, key)
    if key in mapping:
        mapping[key] = node
        return True
    ranked = order_keys([*mapping.keys(), key], order)
    position = ranked.index(key)
    mapping.insert(position, key, node)
    return True


def container(
    document: RoutineDocument, path: ContainerPath, *, create: bool = False
) -> CommentedSeq:
    """The ``steps`` list at *path*.

    Reading changes nothing: a list that is missing (or is not a list) reads as a new empty
    one that is *not* part of the document. An edit that adds to the list passes *create*:
    the list is then made, in its place in the key order, as part of that edit (and only
    once every index of *path* is found). An index outside its list raises
    :class:`IndexError`, an item that is not a mapping :class:`TypeError`.
    """
    owner: Any = document.data
    order = "routine"
    for index in path:
        owner, order = _steps_of(owner)[index], "step"
    return _steps_of(owner, order if create else None)


def _steps_of(owner: Any, create_in: str | None = None) -> CommentedSeq:
    """The ``steps`` list of *owner*; a missing one is made there when *create_in* (the key
    order of *owner*) is given, else a detached empty list."""
    if not isinstance(owner, CommentedMap):
        raise TypeError(f"expected a mapping with 'steps', found {type(owner).__name__}")
    seq = owner.get("steps")
    if isinstance(seq, CommentedSeq):
        return seq
    seq = CommentedSeq()
    if create_in is not None:
        if "steps" in owner:
            owner["steps"] = seq
        else:
            owner.insert(
                order_keys([*owner.keys(), "steps"], create_in).index("steps"), "steps", seq
            )
    return seq


def insert_item(seq: CommentedSeq, index: int, item: Mapping[str, Any]) -> int:
    """Insert a step or group (plain data) at *index* (clamped); returns where it went."""
    index = max(0, min(index, len(seq)))
    node = item if isinstance(item, CommentedMap) else to_node(dict(item), "steps")
    seq.insert(index, node)
    return index


def remove_item(seq: CommentedSeq, index: int) -> Any:
    item = seq[index]
    del seq[index]
    return item


def duplicate_item(seq: CommentedSeq, index: int) -> int:
    """Put a copy of the item at *index* right after it; returns the copy's index."""
    copied = copy.deepcopy(seq[index])
    if isinstance(copied, CommentedMap) and "id" in copied:
        del copied["id"]
    seq.insert(index + 1, copied)
    return index + 1
