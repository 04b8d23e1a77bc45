"""Read routine and library files into models, reporting every problem with its position.

Nothing here raises anything but :class:`~psoas_timer.core.problems.LoadError`: malformed YAML,
wrong types, unknown keys, newer format versions, unknown exercise ids, hostile files and
missing files all become ``file:line:column: message`` problems. So does any failure no check
foresaw (it is logged with its traceback): one file can only ever break itself.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from psoas_timer.i18n import N_, _, content, format_decimal
from psoas_timer.i18n.content_extract import translate_content

from .amounts import RANGE_KEYS, SIDE_KEYS
from .breathing_setting import BreathingPattern
from .file_reading import RefusedFileError, read_bytes
from .limits import Size
from .model import (
    FORMAT_VERSION,
    Choice,
    Defaults,
    ExerciseLibrary,
    RepeatGroup,
    Routine,
    Step,
    kept_under,
)
from .open_holds import OpenHold
from .plan import SameSteps, plan_size_problem
from .problems import LoadError, Problem, did_you_mean
from .step_cues import Milestone, Prompt
from .yamlsource import MAX_BYTES, Located, read_yaml

__all__ = [
    "Library",
    "is_library_file",
    "is_programme_file",
    "load_library",
    "load_routine",
    "load_routine_text",
    "reading",
    "routine_files",
    "translated_content",
    "validate_model",
]

ModelT = TypeVar("ModelT", bound=BaseModel)

_log = logging.getLogger(__name__)

#: Every key the format knows, from the models that declare them, for "did you mean".
_ALL_KEYS = sorted(
    set().union(
        *(
            model.model_fields
            for model in (Routine, ExerciseLibrary, Step, RepeatGroup, Choice, Defaults)
        ),
        *(model.model_fields for model in (OpenHold, BreathingPattern, Milestone, Prompt)),
        SIDE_KEYS,
        RANGE_KEYS,
    )
)


@dataclass
class Library:
    """Exercises by id, from every library file read, bundled first then the user's."""

    exercises: dict[str, Step] = field(default_factory=dict)
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    origin: dict[str, Path] = field(default_factory=dict)
    #: Image paths already resolved while reading routines against this library: many
    #: steps share a picture, and resolving follows links on disk.
    resolved: dict[Path, Path] = field(default_factory=dict, repr=False, compare=False)

    resolved_in: dict[tuple[str, str], Path] = field(
        default_factory=dict, repr=False, compare=False
    )

    def resolve(self, path: Path) -> Path:
        """*path* made absolute with its links followed (remembered for this library)."""
        found = self.resolved.get(path)
        if found is None:
            found = self.resolved[path] = path.resolve()
        return found

    def resolve_in(self, folder: Path, name: str) -> Path:
        """The file *name* (relative to *folder*, or absolute) made absolute with its links
        followed; remembered by the two strings, as making paths of them for every step of
        a large library took longer than the rest of checking its pictures."""
        key = (os.fspath(folder), name)
        found = self.resolved_in.get(key)
        if found is None:
            found = self.resolved_in[key] = self.resolve(folder / name)
        return found

    #: The plan-size check's measure of each library step as used in a routine (by the
    #: exercise, its overrides and the routine's defaults: :func:`_same_steps`), so a step
    #: used by hundreds of routines is measured once; emptied when an exercise is added.
    measured: dict[Hashable, Size] = field(default_factory=dict, repr=False, compare=False)

    def add(self, path: Path, library: ExerciseLibrary, raw: Mapping[str, Any]) -> None:
        self.measured.clear()  # an exercise may be replaced: what was measured of it goes
        entries = raw.get("exercises", [])
        for step, entry in zip(library.exercises, entries, strict=False):
            assert step.id is not None
            self.exercises[step.id] = step
            self.raw[step.id] = dict(entry)
            self.origin[step.id] = path


def _brief(exc: BaseException) -> str:
    try:
        text = f"{type(exc).__name__}: {exc}"
    except Exception:  # an exception that cannot even say what it is
        text = type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn any failure other than :class:`LoadError` inside the block into one for *name*,
    logged with its traceback: a bug, or a case no check foresaw, breaks only that file."""
    try:
        yield
    except LoadError:
        raise
    except Exception as exc:
        _log.error("unexpected failure while reading %s", name, exc_info=True)
        message = _("cannot read this file ({error})").format(error=_brief(exc))
        raise LoadError([Problem(name, 1, 1, message)]) from None


def read_source(path: Path) -> bytes:
    """The bytes of the file at *path*, or :class:`LoadError` saying why it cannot be read.

    Read with the app's one bounded reader (:mod:`~psoas_timer.core.file_reading`): only a
    regular file is read (a link to one is fine): a named pipe would block forever and a
    device such as ``/dev/zero`` never ends, so neither is even opened. At most
    :data:`MAX_BYTES` plus one byte is read, however large the file says it is.
    """
    name = str(path)

    def problem(message: str) -> LoadError:
        return LoadError([Problem(name, 1, 1, message)])

    try:
        return read_bytes(path, max_bytes=MAX_BYTES)
    except RefusedFileError as exc:
        if exc.too_large and exc.size is not None:
            message = _("file is too large ({size} bytes; the limit is {limit})").format(
                size=format_decimal(exc.size), limit=format_decimal(MAX_BYTES)
            )
        elif exc.too_large:
            message = _("file is too large (over {limit} bytes, the limit)").format(
                limit=format_decimal(MAX_BYTES)
            )
        elif exc.kind == "a folder":
            message = _("is a folder, not a file")
        elif exc.kind is not None:
            # Translators: {kind} is "a named pipe", "a device"...
            message = _("is {kind}, not a regular file").format(kind=_(exc.kind))
        else:
            message = exc.reason
        raise problem(message) from None
    except FileNotFoundError:
        raise problem(_("file not found")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise problem(_("is a symbolic link that leads round in a loop")) from None
        raise problem(_("cannot read file: {error}").format(error=exc.strerror or exc)) from None


def _read(path: Path) -> Located:
    return read_yaml(read_source(path), str(path))


def _check_top(located: Located, name: str, required: str) -> dict[str, Any]:
    data = located.data
    if not isinstance(data, dict):
        found = _("an empty file") if data is None else f"{type(data).__name__}"
        message = _("expected a mapping with '{key}', found {found}").format(
            key=required, found=found
        )
        raise LoadError([Problem(name, 1, 1, message)])
    version = data.get("version", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        line, column = located.position(("version",))
        raise LoadError(
            [
                Problem(
                    name,
                    line,
                    column,
                    _(
                        "this file uses routine format version {version}, but this Psoas Timer "
                        "reads version {supported} and older; update Psoas Timer to open it"
                    ).format(version=version, supported=FORMAT_VERSION),
                )
            ]
        )
    return data


def _path_label(path: tuple[Any, ...]) -> str:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


_UNION_TAGS = ("step", "repeat", "choose")
_BREATHING_TAGS = ("text", "pattern")
_OPEN_TAGS = ("plain", "sides")


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop pydantic's union tags from *loc*, keeping only real keys and indexes."""
    path: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        if part in _UNION_TAGS and i > 0 and isinstance(loc[i - 1], int):
            continue
        if part in _BREATHING_TAGS and i > 0 and loc[i - 1] == "breathing":
            continue
        if part in _OPEN_TAGS and i > 0 and loc[i - 1] == "open":
            continue
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        else:
            path.append(part)
            node = None
    return tuple(path)


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _("a mapping") if isinstance(value, dict) else _("a list")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: What a key people write in a step by mistake is written as instead.
_STEP_KEY_HINTS = {
    "rest": N_(
        "write 'rest_after: 30s' for a rest after this step, or a step of its own "
        "with 'kind: rest' and 'duration: 30s'"
    ),
}


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at *path* in *data*, or an empty mapping when there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


_QUOTED = re.compile(r"'([a-z_]+)")


def _first_key_named(text: str, mapping: dict[Any, Any]) -> str | None:
    """The first key *text* names in quotes (``'hold'``) that *mapping* has, if any."""
    for match in _QUOTED.finditer(text):
        if match.group(1) in mapping:
            return match.group(1)
    return None


def _located(where: str, message: str) -> str:
    """``"steps[2].hold: message"``, or the message alone at the top of the file."""
    # Translators: where in the file (steps[2].hold) and what is wrong there
    return _("{where}: {problem}").format(where=where, problem=message) if where else message


#: Pydantic's messages by error type, in words a person reading a routine file knows; the
#: placeholders are the error's own context values.
_PYDANTIC_MESSAGES = {
    "int_parsing": N_("expected a whole number"),
    "int_type": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "float_parsing": N_("expected a number"),
    "float_type": N_("expected a number"),
    "bool_parsing": N_("expected true or false"),
    "bool_type": N_("expected true or false"),
    "string_type": N_("expected text"),
    "list_type": N_("expected a list"),
    "dict_type": N_("expected a mapping"),
    "model_type": N_("expected a mapping"),
    "model_attributes_type": N_("expected a mapping"),
    "literal_error": N_("expected {expected}"),
    "enum": N_("expected {expected}"),
    "greater_than": N_("expected a number greater than {gt}"),
    "greater_than_equal": N_("expected a number of at least {ge}"),
    "less_than": N_("expected a number less than {lt}"),
    "less_than_equal": N_("expected a number of at most {le}"),
    "string_too_short": N_("expected at least {min_length} characters"),
    "string_too_long": N_("expected at most {max_length} characters"),
    "too_short": N_("expected at least {min_length} items"),
    "too_long": N_("expected at most {max_length} items"),
}


def pydantic_message(kind: str, context: Mapping[str, Any], english: str) -> str:
    """Pydantic's message of type *kind* in the user's language, or its English one made
    plainer ("Input should be" -> "expected") for a type not listed or not translated (so
    English keeps pydantic's own wording)."""
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is not None and _(template) != template:
        try:
            return _(template).format(**{k: str(v) for k, v in context.items()})
        except (KeyError, IndexError, ValueError):
            pass
    text = english.replace("Input should be", "expected").replace("Field required", "missing")
    return text.replace("List should have", "expected").replace("String should have", "expected")


def _problems(exc: ValidationError, located: Located, name: str) -> Iterator[Problem]:
    for error in exc.errors(include_url=False):
        path = _data_path(tuple(error["loc"]), located.data)
        kind = error["type"]
        label = _path_label(path)
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(path[-1])
            line, column = located.position(path, key=True)
            message = _("{where}: unknown key '{key}'").format(
                where=_path_label(path[:-1]) or _("top level"), key=key
            )
            in_step = "steps" in path[:-1] or "choose" in path[:-1]
            if in_step and key == "rest" and "repeat" in _at(located.data, path[:-1]):
                message += "; " + _("write 'rest_between: 30s' for a rest between rounds")
            elif in_step and key in _STEP_KEY_HINTS:
                message += "; " + _(_STEP_KEY_HINTS[key])
            else:  # a key of another place (a step's in the defaults, say) is no typo
                message += did_you_mean(key, [k for k in _ALL_KEYS if k != key])
        elif kind == "missing":
            line, column = located.position(path[:-1])
            parent = _path_label(path[:-1])
            missing = _("missing required key '{key}'").format(key=path[-1])
            message = _located(parent, missing)
        else:
            line, column = located.position(path)
            text = str(error["msg"])
            if kind in {"value_error", "assertion_error"}:
                text = (
                    text.split(", ", 1)[1]
                    if text.startswith(("Value error", "Assertion"))
                    else text
                )
                in_list = bool(path) and isinstance(path[-1], int)
                if in_list and isinstance(value, dict):  # a rule between a step's keys: at
                    named = _first_key_named(text, value)  # the key it names first
                    if named is not None:
                        line, column = located.position((*path, named), key=True)
                found = (
                    ""
                    if _("found") in text or "found" in text or isinstance(value, dict)
                    else _(", found {value}").format(value=_describe(value))
                )
            else:
                text = pydantic_message(kind, error.get("ctx") or {}, text)
                found = _(", found {value}").format(value=_describe(value))
            if kind == "too_short" and path and path[-1] == "steps":
                text, found = _("needs at least one step"), ""
            if kind in ("literal_error", "enum") and isinstance(value, str):
                expected = str(error.get("ctx", {}).get("expected", ""))
                choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
                found += did_you_mean(value, choices)
            message = _located(label, text + found)
        yield Problem(name, line, column, message)


def _validate(
    model: type[ModelT], located: Located, name: str, extra: Iterable[Problem] = ()
) -> ModelT:
    problems = list(extra)
    try:
        result = model.model_validate(located.data)
    except ValidationError as exc:
        problems.extend(_problems(exc, located, name))
        raise LoadError(problems) from None
    if problems:
        raise LoadError(problems)
    return result


def validate_model(
    model: type[ModelT], located: Located, name: str, extra: Iterable[Problem] = ()
) -> ModelT:
    """*located* data as *model*, or :class:`LoadError` with pydantic's errors (and *extra*)
    as ``file:line:column`` problems: the one way files of every kind are checked."""
    return _validate(model, located, name, extra)


def _resolve_uses(
    steps: Any,
    path: tuple[Any, ...],
    library: Library,
    located: Located,
    name: str,
    uses: dict[tuple[Any, ...], Hashable] | None = None,
) -> Iterator[Problem]:
    """Replace each ``use: id`` step's raw mapping with the library entry plus its overrides;
    *uses* gets each one's path and what makes it (the id and the overrides, as a key)."""
    if not isinstance(steps, list):
        return
    for index, item in enumerate(steps):
        if not isinstance(item, dict):
            continue
        here = (*path, index)
        if "repeat" in item:
            yield from _resolve_uses(
                item.get("steps"), (*here, "steps"), library, located, name, uses
            )
            continue
        if "choose" in item:
            yield from _resolve_options(
                item.get("choose"), (*here, "choose"), library, located, name, uses
            )
            continue
        ref = item.get("use")
        if ref is None:
            continue
        if not isinstance(ref, str) or ref not in library.raw:
            line, column = located.position((*here, "use"))
            hint = did_you_mean(ref, library.raw) if isinstance(ref, str) else ""
            message = _("{where}: unknown exercise {id}").format(
                where=_path_label((*here, "use")), id=repr(ref)
            )
            yield Problem(name, line, column, message + hint)
            continue
        # A shallow copy will do: nothing changes the library's values in place (validation
        # builds new ones), and the overrides replace whole keys.
        merged = kept_under(library.raw[ref], item)
        merged.pop("id", None)
        merged.update(item)
        image = merged.get("image")
        origin = library.origin.get(ref)
        if isinstance(image, str) and "image" not in item and origin is not None:
            merged["image"] = str(library.resolve_in(origin.parent, image))
        if uses is not None:
            uses[here] = (ref, _frozen(item))
        steps[index] = merged


def _frozen(value: Any) -> Hashable:
    """Plain data read from YAML as a key, equal only for the same data of the same types
    (``1``, ``1.0`` and ``true`` are three keys)."""
    if isinstance(value, dict):
        return (dict, tuple((_frozen(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (list, tuple(_frozen(v) for v in value))
    return (type(value), value)


def _same_steps(
    routine: Routine, uses: Mapping[tuple[Any, ...], Hashable], defaults: Any, library: Library
) -> SameSteps | None:
    """The library steps of *routine* as the plan-size check may measure once for all the
    routines read with *library*: each keyed by what it was made of (*uses*, by path) and the
    routine's raw *defaults*, the only other thing its measure reads."""
    if not uses:
        return None
    context = _frozen(defaults)
    keys: dict[int, Hashable] = {}

    def walk(items: Iterable[Step | RepeatGroup | Choice], path: tuple[Any, ...]) -> None:
        for index, item in enumerate(items):
            here = (*path, index)
            if isinstance(item, RepeatGroup):
                walk(item.steps, (*here, "steps"))
            elif isinstance(item, Choice):
                walk(item.choose, (*here, "choose"))
            else:
                made = uses.get(here)
                if made is not None:
                    keys[id(item)] = (made, context)

    walk(routine.steps, ("steps",))
    return SameSteps(keys, library.measured)


def _resolve_options(
    options: Any,
    path: tuple[Any, ...],
    library: Library,
    located: Located,
    name: str,
    uses: dict[tuple[Any, ...], Hashable] | None = None,
) -> Iterator[Problem]:
    """An either/or step's options: a library id stands for ``{use: id}``."""
    if not isinstance(options, list):
        return
    for index, option in enumerate(options):
        if isinstance(option, str):
            if option not in library.raw:
                line, column = located.position((*path, index))
                hint = did_you_mean(option, library.raw)
                label = _path_label((*path, index))
                message = _("{where}: unknown exercise {id}").format(where=label, id=repr(option))
                yield Problem(name, line, column, message + hint)
                options[index] = {"name": option, "duration": 1}  # reported: a stand-in
                continue
            options[index] = {"use": option}
    yield from _resolve_uses(options, path, library, located, name, uses)


def load_routine_text(text: str | bytes, name: str, library: Library | None = None) -> Routine:
    """Validate routine *text* (named *name* in messages) against *library*."""
    with reading(name):
        located = read_yaml(text, name)
        return _finish_routine(located, name, library or Library(), base=None)


def load_routine(
    path: Path,
    library: Library | None = None,
    allowed: Iterable[Path] = (),
    *,
    bundled: bool = False,
) -> Routine:
    """Read and validate the routine at *path*; raise :class:`LoadError` with every problem.

    Image references resolve relative to the file and must stay inside its folder or one of
    *allowed*. A *bundled* routine's words (names, descriptions, instructions, spoken lines)
    are in the current language (:func:`translated_content`); a user's stay as written.
    """
    name = str(path)
    with reading(name):
        located = _read(path)
        return _finish_routine(
            located, name, library or Library(), base=path.parent, allowed=allowed, bundled=bundled
        )


def translated_content(data: Any) -> Any:
    """A bundled file's plain *data* with its words in the current language (in place): every
    text the ``content`` catalog has, as ``python -m psoas_timer.i18n.content_extract``
    extracts it."""
    return translate_content(data, content)


def _finish_routine(
    located: Located,
    name: str,
    library: Library,
    base: Path | None,
    allowed: Iterable[Path] = (),
    *,
    bundled: bool = False,
) -> Routine:
    data = _check_top(located, name, "steps")
    if bundled:
        translated_content(data)
    uses: dict[tuple[Any, ...], Hashable] = {}
    problems = list(_resolve_uses(data.get("steps"), ("steps",), library, located, name, uses))
    routine = _validate(Routine, located, name, problems)
    if base is not None:
        _check_images(routine.steps, ("steps",), located, name, base, allowed, library)
    same = _same_steps(routine, uses, data.get("defaults"), library)
    too_large = plan_size_problem(routine, same)
    if too_large is not None:
        line, column = located.position(too_large.path, key=too_large.path[-1] == "repeat")
        raise LoadError([Problem(name, line, column, too_large.message)])
    return routine


def _check_images(
    items: list[Step | RepeatGroup] | list[Step | RepeatGroup | Choice] | list[Step],
    path: tuple[Any, ...],
    located: Located,
    name: str,
    base: Path,
    allowed: Iterable[Path],
    library: Library,
) -> None:
    roots = [str(library.resolve(base)), *(str(library.resolve(Path(p))) for p in allowed)]
    inside = tuple(root.rstrip(os.sep) + os.sep for root in roots)
    problems: list[Problem] = []
    for index, item in enumerate(items):
        here = (*path, index)
        if isinstance(item, (RepeatGroup, Choice)):
            inner, key = (
                (item.steps, "steps") if isinstance(item, RepeatGroup) else (item.choose, "choose")
            )
            try:
                _check_images(inner, (*here, key), located, name, base, allowed, library)
            except LoadError as exc:
                problems.extend(exc.problems)
            continue
        if item.image is None:
            continue
        target = library.resolve_in(base, item.image)
        if str(target) not in roots and not str(target).startswith(inside):
            line, column = located.position((*here, "image"))
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    _("{where}: image {file} is outside the routine's folder").format(
                        where=_path_label((*here, "image")), file=repr(item.image)
                    ),
                )
            )
            continue
        item.image = str(target)
    if problems:
        raise LoadError(problems)


def load_library(path: Path, into: Library | None = None, *, bundled: bool = False) -> Library:
    """Read the exercise library at *path* into *into* (a new :class:`Library` by default);
    a *bundled* one's words in the current language, as :func:`load_routine`."""
    with reading(str(path)):
        return _load_library(path, into, bundled)


def _load_library(path: Path, into: Library | None, bundled: bool = False) -> Library:
    name = str(path)
    located = _read(path)
    data = _check_top(located, name, "exercises")
    if bundled:
        translated_content(data)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    entries = data.get("exercises")
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                if entry["id"] in seen:
                    line, column = located.position(("exercises", index, "id"))
                    problems.append(
                        Problem(
                            name,
                            line,
                            column,
                            _("{where}: duplicate id '{id}'").format(
                                where=f"exercises[{index}].id", id=entry["id"]
                            ),
                        )
                    )
                seen[entry["id"]] = index
            if isinstance(entry, dict) and "use" in entry:
                line, column = located.position(("exercises", index, "use"), key=True)
                problems.append(
                    Problem(
                        name,
                        line,
                        column,
                        _("{where}: 'use' is for routines, not library entries").format(
                            where=f"exercises[{index}]"
                        ),
                    )
                )
    library = _validate(ExerciseLibrary, located, name, problems)
    result = into if into is not None else Library()
    result.add(path, library, data)
    return result


#: The folder, inside a routines folder, that holds its exercise libraries.
LIBRARY_DIR = "library"


def library_dir(routines: Path) -> Path:
    """The exercise library folder of the routines folder *routines*."""
    return routines / LIBRARY_DIR


def is_library_file(path: Path) -> bool:
    """Whether *path* is an exercise library: library files live in :data:`LIBRARY_DIR`."""
    return path.parent.name == LIBRARY_DIR


def is_programme_file(path: Path) -> bool:
    """Whether *path* is a programme (weeks of routines): they live in ``programmes/``."""
    return path.parent.name == "programmes"


def routine_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file named in *paths*, searching folders recursively."""
    found: list[Path] = []
    for path in paths:
        if os.path.isdir(path):  # False for a name too long, as for a missing one
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files) if f.endswith((".yaml", ".yml")))
        else:
            found.append(path)
    return found
