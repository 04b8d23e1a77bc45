"""Routines as readable, stable YAML: read, edit and write them without losing a comment.

A :class:`RoutineDocument` is the YAML tree of one file as ruamel.yaml's round-trip loader
reads it: comments, key order, quoting, flow maps and block text of a hand-written file are
kept, so load → edit → save changes only what was edited. A routine built in code
(:func:`document_from_routine`) is written in a canonical order with the people's durations of
:func:`~psoas_timer.core.duration.format_duration` and without values equal to their defaults.

Hostile or malformed text is refused by the same bounded reader the loader uses before
ruamel.yaml sees it, and :meth:`RoutineDocument.validate` checks the text that would be saved
with the loader itself, so the editor shows exactly the messages loading would.

Saving, backups, the trash, import and export are :mod:`psoas_timer.core.routine_files`.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as pyyaml
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, SingleQuotedScalarString

from psoas_timer.i18n import _

from .amounts import RANGE_KEYS, SIDE_KEYS
from .breathing_setting import BreathingPattern
from .duration import format_duration
from .loader import Library, load_routine_text, read_source
from .model import FORMAT_VERSION, TIMING_KEYS, Choice, Defaults, RepeatGroup, Routine, Step
from .open_holds import OpenHold
from .problems import LoadError, Problem
from .rests import RestTime, RestWords
from .step_cues import Milestone, Prompt
from .tempo import Tempo
from .value_types import Duration, Seconds, SideSeconds
from .yamlsource import read_yaml

__all__ = [
    "DURATION_KEYS",
    "SMALL_MAPPINGS",
    "RoutineDocument",
    "document_from_routine",
    "new_document",
    "order_keys",
    "to_node",
]

_log = logging.getLogger(__name__)


def _in_order(*fields: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for keys in fields for key in keys))


#: Key order for files written from scratch, and where new keys go in hand-written ones: the
#: order the models declare their fields in (an either/or step's keys, then a repeat group's,
#: then a step's; a group's steps last).
ROUTINE_ORDER = tuple(Routine.model_fields)
STEP_ORDER = _in_order(
    Choice.model_fields,
    (k for k in RepeatGroup.model_fields if k != "steps"),
    Step.model_fields,
    ("steps",),
)
DEFAULTS_ORDER = tuple(Defaults.model_fields)


def _merged_order(*declared: Iterable[str]) -> tuple[str, ...]:
    """One order that keeps each of *declared* (key orders) as it is: a key comes as soon as
    every key declared before it somewhere has come. Raises :class:`ValueError` when two
    declarations order the same keys differently (no single order could keep both)."""
    before: dict[str, set[str]] = {}
    for keys in map(tuple, declared):
        for index, key in enumerate(keys):
            before.setdefault(key, set()).update(keys[:index])
    placed: list[str] = []
    while len(placed) < len(before):
        ready = next((k for k, ks in before.items() if k not in placed and ks <= {*placed}), None)
        if ready is None:
            stuck = sorted(k for k in before if k not in placed)
            raise ValueError(f"the format's small mappings order {stuck} differently")
        placed.append(ready)
    return tuple(placed)


#: The small mappings a step's values are written as, each with its keys in the order its
#: model declares them: a value per side, a range with the value to use, a rest with its
#: words, an open hold, a breathing pattern, a milestone and a prompt. (A tempo in phases is
#: not among them: the order of its phases is the rep's, kept as it comes.)
SMALL_MAPPINGS: tuple[tuple[str, ...], ...] = (
    SIDE_KEYS,
    RANGE_KEYS,
    *(
        tuple(model.model_fields)
        for model in (RestWords, OpenHold, BreathingPattern, Milestone, Prompt)
    ),
)
#: The keys of every small mapping in one order that keeps each mapping's own.
_SMALL_ORDER = _merged_order(*SMALL_MAPPINGS)
_ORDERS = {"routine": ROUTINE_ORDER, "step": STEP_ORDER, "defaults": DEFAULTS_ORDER}


def _duration_keys(*models: type[BaseModel]) -> frozenset[str]:
    """The keys whose values are durations (seconds, ranges of them, rests, tempos), found
    in the types the *models* declare them with, so that none is forgotten here."""
    kinds: tuple[Any, ...] = (Duration, Seconds, SideSeconds, RestTime, Tempo)
    marks = {id(kind.__metadata__[0]) for kind in kinds}  # each type's own validator

    def timed(annotation: Any) -> bool:
        if any(id(mark) in marks for mark in getattr(annotation, "__metadata__", ())):
            return True
        return any(timed(inner) for inner in typing.get_args(annotation))

    return frozenset(
        key
        for model in models
        for key, field in model.model_fields.items()
        if timed(field.annotation) or any(id(mark) in marks for mark in field.metadata)
    )


#: Keys written as people write durations (``90`` as ``1m30s``), wherever they stand.
DURATION_KEYS = _duration_keys(
    Step, Defaults, RepeatGroup, OpenHold, BreathingPattern, Milestone, Prompt
)
#: Lists written one item a line; other short lists of plain values are written inline.
_BLOCK_LISTS = frozenset({"instructions", "safety", "steps"})
_FLOW_LIMIT = 72


def order_keys(keys: Any, kind: str = "step") -> list[str]:
    """*keys* sorted by the canonical order of *kind*: ``routine``, ``step``, ``defaults``,
    or else a small mapping's (:data:`SMALL_MAPPINGS`); unknown keys last, as given."""
    order = _ORDERS.get(kind, _SMALL_ORDER)
    rank = {key: i for i, key in enumerate(order)}
    return sorted(keys, key=lambda k: rank.get(k, len(order)))


def _flow_length(value: Any) -> int:
    if isinstance(value, dict):
        return sum(len(str(k)) + 2 + _flow_length(v) + 2 for k, v in value.items()) + 2
    if isinstance(value, list):
        return sum(_flow_length(v) + 2 for v in value) + 2
    return len(str(value))


def _is_flat(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(not isinstance(v, (dict, list)) for v in items)


def to_node(value: Any, key: str | None = None, kind: str = "step") -> Any:
    """Plain data as ruamel nodes: canonical key order, durations written as people do, and
    short lists and maps of plain values written inline (``[30, 60]``, ``{at: 15s, say: ...}``).
    """
    if isinstance(value, dict):
        node = CommentedMap()
        order = kind if key is None else {"defaults": "defaults", "steps": "step"}.get(key, "small")
        for k in order_keys(value.keys(), order):
            node[k] = to_node(value[k], k)
        short = _is_flat(value) and _flow_length(value) <= _FLOW_LIMIT
        if key not in (None, "steps", "defaults") and short:
            node.fa.set_flow_style()
            for k, v in node.items():
                node[k] = _flow_safe(v)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(to_node(v, key or "item") for v in value)
        if key not in _BLOCK_LISTS and _is_flat(value) and _flow_length(value) <= _FLOW_LIMIT:
            seq.fa.set_flow_style()
            for index, v in enumerate(seq):
                seq[index] = _flow_safe(v)
        return seq
    if key in DURATION_KEYS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_duration(float(value))
    if isinstance(value, float) and value == int(value):
        return int(value)
    if isinstance(value, str):
        return _long_text(value) if _plain_is_text(value) else SingleQuotedScalarString(value)
    return value


_STR_TAG = "tag:yaml.org,2002:str"
_FLOW_PLAIN = re.compile(r"^\w[\w .'()!?/&+*-]*(?<! )$")


def _flow_safe(value: Any) -> Any:
    """Inside ``[...]`` and ``{...}`` quote any text but the plainest (ruamel.yaml would write
    ``[?0]``, which reads back as a mapping)."""
    quoted = isinstance(value, SingleQuotedScalarString)
    if isinstance(value, str) and not quoted and not _FLOW_PLAIN.match(value):
        return SingleQuotedScalarString(value)
    if isinstance(value, str) and not quoted and not _plain_is_text(value):
        return SingleQuotedScalarString(value)
    return value


def _plain_is_text(text: str) -> bool:
    """Whether *text* written without quotes reads back as text for PyYAML (YAML 1.1) too:
    ruamel.yaml writes YAML 1.2, where ``yes``, ``on`` and ``1:30`` need no quotes."""
    resolver: Any = pyyaml.resolver.Resolver()
    return bool(resolver.resolve(pyyaml.ScalarNode, text, (True, False)) == _STR_TAG)


_FOLDABLE = re.compile(r"^[^\s](?:[^\s]| (?! ))*[^\s]$")


def _long_text(text: str) -> str:
    """Long prose as a folded block (``>-``) wrapped near 80 columns; other text as it is."""
    if len(text) <= 80 or not _FOLDABLE.match(text) or not text.isprintable():
        return text
    folded = FoldedScalarString(text)
    positions: list[int] = []
    line_start = 0
    for index, char in enumerate(text):
        if char == " " and index - line_start > 72:
            positions.append(index)
            line_start = index
    folded.fold_pos = positions
    result: str = folded
    return result


@functools.lru_cache(maxsize=8)
def _yaml(indent: tuple[int, int, int] = (2, 4, 2)) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


_SEQ_INDENT = re.compile(r"^( *)- ", re.MULTILINE)
_KEY_LINE = re.compile(r"^( *)[^\s#-][^:\n]*:\s*(?:#.*)?$", re.MULTILINE)


def _guess_indent(text: str) -> tuple[int, int, int]:
    """Mapping indent, sequence indent and dash offset of a hand-written file."""
    mapping = 2
    for match in _KEY_LINE.finditer(text):
        rest = text[match.end() + 1 :]
        nxt = re.match(r"( *)\S", rest)
        if nxt and not rest.lstrip(" ").startswith("-") and len(nxt.group(1)) > len(match.group(1)):
            mapping = len(nxt.group(1)) - len(match.group(1))
            break
    for match in _KEY_LINE.finditer(text):
        rest = text[match.end() + 1 :]
        nxt = re.match(r"( *)- ", rest)
        if nxt:
            offset = len(nxt.group(1)) - len(match.group(1))
            return (mapping, offset + 2, offset)
    return (mapping, mapping + 2, mapping)


@dataclass
class RoutineDocument:
    """The YAML tree of one routine file, with the indentation it is written with."""

    data: CommentedMap
    indent: tuple[int, int, int] = (2, 4, 2)
    #: Why the file could not be kept as written, when it was opened as a rewritten copy
    #: (saving it then changes its layout and drops its comments, not what it says).
    rewritten: str | None = None

    @classmethod
    def from_text(cls, text: str | bytes, name: str = "<routine>") -> RoutineDocument:
        """Read *text*, refusing hostile or malformed YAML with :class:`LoadError`.

        Text that is well-formed but not a valid routine is read (as a draft to fix).
        """
        located = read_yaml(text, name)
        if not isinstance(located.data, dict):
            found = "an empty file" if located.data is None else type(located.data).__name__
            raise LoadError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        _("expected a mapping with 'steps', found {found}").format(found=found),
                    )
                ]
            )
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        indent = _guess_indent(text)
        try:
            document = cls(_yaml(indent).load(text), indent)
            if _same_data(read_yaml(document.dump(), name).data, located.data):
                return document
            reason = _("reading it for editing would change what it says")
        except Exception as exc:  # ruamel.yaml is stricter than the loader in places
            reason = _reason(exc)
        # The loader reads it, ruamel.yaml cannot keep it as written (a tab inside a plain
        # value, an anchor on an empty key...): edit what the loader reads, laid out afresh.
        _log.info("%s: editing a rewritten copy: %s", name, reason)
        document = cls(_plain_node(located.data))
        try:
            same = _same_data(read_yaml(document.dump(), name).data, located.data)
        except Exception as exc:
            _log.warning("%s: the editor cannot write this file back", name, exc_info=True)
            same, reason = False, _reason(exc)
        if not same:
            message = _("the editor cannot read this file as written ({reason})").format(
                reason=reason
            )
            raise LoadError([Problem(name, 1, 1, message)])
        document.rewritten = reason
        return document

    @classmethod
    def from_path(cls, path: Path) -> RoutineDocument:
        return cls.from_text(read_source(path), str(path))

    def dump(self) -> str:
        stream = io.StringIO()
        _yaml(self.indent).dump(self.data, stream)
        return stream.getvalue()

    def copy(self) -> RoutineDocument:
        """An independent copy. (Through text: ruamel.yaml's deepcopy loses comments when a
        copy is copied again.)"""
        return RoutineDocument(_yaml(self.indent).load(self.dump()), self.indent)

    def validate(self, library: Library | None = None, name: str = "<routine>") -> Routine:
        """The routine this document would load as, or :class:`LoadError` with every problem."""
        return load_routine_text(self.dump(), name, library)

    @property
    def name(self) -> str:
        value = self.data.get("name")
        return value if isinstance(value, str) and value else _("Untitled routine")


def _reason(exc: BaseException) -> str:
    """A one-line account of why ruamel.yaml refused a text."""
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if isinstance(problem, str) and mark is not None:
        return _("{problem} at line {value}, column {value2}").format(
            problem=problem, value=mark.line + 1, value2=mark.column + 1
        )
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _same_data(a: Any, b: Any) -> bool:
    """Equal plain data (NaN equals NaN; 1 and True and 1.0 are told apart)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return bool(b != b)
    return bool(a == b)


def _plain_node(value: Any) -> Any:
    """Plain data (as the loader reads it) as ruamel nodes, in its own order, text quoted
    wherever YAML 1.1 would read it as something else."""
    if isinstance(value, dict):
        return CommentedMap((_plain_node(k), _plain_node(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_plain_node(v) for v in value)
    if isinstance(value, str) and not _plain_is_text(value):
        return SingleQuotedScalarString(value)
    return value


def document_from_routine(routine: Routine, library: Library | None = None) -> RoutineDocument:
    """*routine* as a canonical document: sensible key order, no values equal to defaults.

    A step that uses a library exercise keeps its ``use`` and only what differs from the
    exercise; without the exercise in *library* it is written out in full.
    """
    raw = routine.model_dump(mode="json", exclude_defaults=True)
    raw["version"] = routine.version or FORMAT_VERSION
    raw["steps"] = _plain_items(routine.steps, library or Library())
    return RoutineDocument(to_node(raw, None, "routine"))


def _plain_items(
    items: list[Step | RepeatGroup | Choice] | list[Step | RepeatGroup], library: Library
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Choice):
            choice = item.model_dump(mode="json", exclude_defaults=True, exclude={"choose"})
            options: list[Any] = []
            for option in item.choose:
                plain = _plain_step(option, library)
                options.append(plain["use"] if list(plain) == ["use"] else plain)
            out.append({"choose": options, **choice})
        elif isinstance(item, RepeatGroup):
            group = item.model_dump(mode="json", exclude_defaults=True, exclude={"steps"})
            group["steps"] = _plain_items(item.steps, library)
            out.append(group)
        else:
            out.append(_plain_step(item, library))
    return out


def _milestones(data: dict[str, Any]) -> None:
    milestones = data.get("milestones")
    if not isinstance(milestones, list):
        return
    plain: list[Any] = []
    for m in milestones:
        if isinstance(m, dict) and m.get("say") is None:
            plain.append(m["at"])
        else:
            plain.append(m)
    data["milestones"] = plain


def _plain_step(step: Step, library: Library) -> dict[str, Any]:
    base = library.exercises.get(step.use) if step.use else None
    if base is None:
        data: dict[str, Any] = step.model_dump(mode="json", exclude_defaults=True, exclude={"use"})
        _milestones(data)
        return data
    full = step.model_dump(mode="json")
    lib = base.model_dump(mode="json", exclude={"id"})
    data = {"use": step.use}
    if any(full[k] != lib[k] for k in TIMING_KEYS):
        data.update({k: full[k] for k in TIMING_KEYS if full[k] is not None})
    for key, value in full.items():
        if key in TIMING_KEYS or key in ("use", "id") or value == lib.get(key):
            continue
        if key == "image" and base.image and value and Path(value).name == Path(base.image).name:
            continue
        data[key] = value
    _milestones(data)
    return data


def new_document(
    name: str | None = None, steps: Sequence[Mapping[str, Any]] = ()
) -> RoutineDocument:
    """A new routine named *name* ("My routine" in the user's language by default) with
    *steps* (none by default: the user adds the first; until then the routine is a draft
    that says it needs one)."""
    raw: dict[str, Any] = {"version": FORMAT_VERSION, "name": name or _("My routine")}
    if steps:
        raw["steps"] = [dict(step) for step in steps]
    return RoutineDocument(to_node(raw, None, "routine"))
