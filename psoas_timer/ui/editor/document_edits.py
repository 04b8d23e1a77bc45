"""The editor's changes to a routine document, as functions the undo stack can record.

Each function here returns a *change*: a callable that edits a
:class:`~psoas_timer.core.routine_io.RoutineDocument` in place and returns ``False`` when
nothing changed (so no undo command is recorded), or the row to select afterwards, or
``True``/``None`` to keep the selection. :meth:`EditorView.edit` runs it between two
snapshots. Moving steps is in :mod:`.step_moves`. Nothing here knows about Qt; the rules
for keeping a hand-written file readable are in :mod:`psoas_timer.core.routine_edit`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from psoas_timer.core.model import LENGTH_KEYS, TIMING_KEYS
from psoas_timer.core.routine_edit import (
    ContainerPath,
    container,
    defaults_of,
    duplicate_item,
    insert_item,
    remove_item,
    set_step_key,
    set_value,
    step_baseline,
)
from psoas_timer.core.routine_io import RoutineDocument, order_keys

from .choices import timing_mode

__all__ = [
    "LENGTH_KEYS",
    "NEW_TIMING",
    "TIMING_KEYS",
    "Change",
    "add_items",
    "duplicate_step",
    "remove_step",
    "set_default",
    "set_group_value",
    "set_routine_value",
    "set_step_value",
    "set_timing",
]

Change = Callable[[RoutineDocument], "bool | int | None"]

#: What a step gets when its timing is switched to each mode.
NEW_TIMING: dict[str, dict[str, Any]] = {
    "hold": {"hold": 30},
    "reps": {"reps": 10, "tempo": 3},
    "open": {"open": {"min": 30, "target": 60, "max": 120}},
    "breaths": {"breaths": 6, "kind": "breathing"},
    "duration": {"duration": 60},
}


def _position(data: CommentedMap, key: str) -> int:
    return order_keys([*data.keys(), key], "routine").index(key)


def set_routine_value(key: str, value: Any) -> Change:
    """Set a key of the routine itself (name, description, tags)."""
    return lambda doc: set_value(
        doc.data, key, value, order="routine", baseline={"description": "", "tags": []}
    )


def set_default(key: str, value: Any) -> Change:
    """Set a key of the routine's ``defaults`` (made when needed, dropped when emptied)."""

    def change(doc: RoutineDocument) -> bool:
        data = doc.data
        if not isinstance(data.get("defaults"), dict):
            if value is None:
                return False
            data.insert(_position(data, "defaults"), "defaults", CommentedMap())
        changed = set_value(
            data["defaults"], key, value, baseline=defaults_of("defaults"), order="defaults"
        )
        if not data["defaults"]:
            del data["defaults"]
        return changed

    return change


def set_step_value(
    path: ContainerPath,
    row: int,
    key: str,
    value: Any,
    library_raw: Mapping[str, Mapping[str, Any]],
) -> Change:
    """Set *key* of the step at *row* of the list at *path*, as the step form emits it
    (``"cues"`` carries ``(milestones, prompts)``)."""

    def change(doc: RoutineDocument) -> bool:
        step = container(doc, path)[row]
        base = step_baseline(step, library_raw)
        if key == "cues":
            milestones, prompts = value
            a = set_value(step, "milestones", milestones, baseline=base)
            b = set_value(step, "prompts", prompts, baseline=base)
            return a or b
        if key == "name" and value is None and "use" in step:
            return set_value(step, "name", None)
        return set_step_key(step, key, value, library_raw)

    return change


def set_timing(
    path: ContainerPath,
    row: int,
    mode: str,
    library_raw: Mapping[str, Mapping[str, Any]] | None = None,
) -> Change:
    """Give the step a new kind of timing (one of :data:`NEW_TIMING`), dropping the old. A
    library step switched back to its exercise's own kind of timing takes the exercise's
    values again (not the starting values of :data:`NEW_TIMING`)."""

    def change(doc: RoutineDocument) -> bool:
        step = container(doc, path)[row]
        for key in TIMING_KEYS:
            if key in step:
                del step[key]
        ref = step.get("use")
        exercise = (library_raw or {}).get(ref) if isinstance(ref, str) else None
        if exercise is not None and timing_mode(exercise) == mode:
            return True
        for key, value in NEW_TIMING[mode].items():
            set_value(step, key, value)
        return True

    return change


def set_group_value(path: ContainerPath, row: int, key: str, value: Any) -> Change:
    """Set a key of the repeat group at *row* of the list at *path*."""
    return lambda doc: set_value(
        container(doc, path)[row], key, value, baseline=defaults_of("group")
    )


def add_items(path: ContainerPath, at: int, items: list[dict[str, Any]]) -> Change:
    """Insert *items* (plain data) at *at* in the list at *path* (made if missing, as part of
    this change); selects the last one."""

    def change(doc: RoutineDocument) -> int:
        seq = container(doc, path, create=True)
        for offset, item in enumerate(items):
            insert_item(seq, at + offset, item)
        return at + len(items) - 1

    return change


def duplicate_step(path: ContainerPath, row: int) -> Change:
    return lambda doc: duplicate_item(container(doc, path), row)


def remove_step(path: ContainerPath, row: int) -> Change:
    """Remove the item at *row*; selects the one that takes its place (or the one before)."""

    def change(doc: RoutineDocument) -> int:
        remove_item(container(doc, path), row)
        return max(0, row - 1) if row >= len(container(doc, path)) else row

    return change
