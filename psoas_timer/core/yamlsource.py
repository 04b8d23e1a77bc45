"""Safe, bounded YAML reading that remembers where every value came from.

Only plain data is built (mappings, lists, strings, numbers, booleans, null): no tag can
construct a Python object. Hostile input is refused with a clear problem each: files over
:data:`MAX_BYTES`, more than :data:`MAX_NODES` values after alias expansion ("billion
laughs"), nesting deeper than :data:`MAX_DEPTH`, and duplicate keys.
"""

from __future__ import annotations

from typing import Any, ClassVar

import yaml
import yaml.constructor

from psoas_timer.i18n import N_, _, format_decimal

from .problems import LoadError, Problem
from .yamlhints import hint

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_NUMBER_LENGTH",
    "Located",
    "Path",
    "read_yaml",
]

MAX_BYTES = 1024 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 40
#: Longer numbers are typos or hostile input (Python refuses to read decimal ones over 4,300
#: digits, and reading the longest hexadecimal or base-60 ones takes seconds).
MAX_NUMBER_LENGTH = 40

Path = tuple[str | int, ...]

try:  # libyaml's C parser when present: same safety, several times faster.
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

#: Plain values at most this long have the tag they resolve to remembered.
_REMEMBER_LENGTH = 40
#: How many resolved values are remembered before starting afresh.
_REMEMBER_COUNT = 4096


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader, remembering which tag each short plain value resolves to.

    The parser asks for every value (which of null, bool, int, float, timestamp or text a
    plain ``30s`` or ``both`` is), and answering tries a row of patterns each time: a third
    of the parse of a large library. Routines repeat the same keys and short values over and
    over, so the answers are kept, by the value and how it was written, for every file
    read. No path resolvers are registered, so the answer depends on nothing else.
    """

    _tags: ClassVar[dict[tuple[Any, Any, Any], str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if value is not None and len(value) > _REMEMBER_LENGTH:
            return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]
        key = (kind, value, implicit)
        tags = _Loader._tags
        tag = tags.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(tags) >= _REMEMBER_COUNT:
                tags.clear()
            tags[key] = tag
        return tag


class Located:
    """Plain data read from YAML, with the position of every value and key by path.

    Positions are worked out on first use, from the parsed document kept for that purpose:
    most files have no problem to report, and reading them should not pay for positions.
    """

    def __init__(
        self,
        data: Any,
        values: dict[Path, tuple[int, int]] | None = None,
        keys: dict[Path, tuple[int, int]] | None = None,
        *,
        root: yaml.Node | None = None,
    ) -> None:
        self.data = data
        self._values = values
        self._keys = keys
        self._root = root

    @property
    def values(self) -> dict[Path, tuple[int, int]]:
        """Line and column (1-based) of every value, by its path in :attr:`data`."""
        if self._values is None:
            self._locate()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path, tuple[int, int]]:
        """Line and column (1-based) of every mapping key, by the path of its value."""
        if self._keys is None:
            self._locate()
        assert self._keys is not None
        return self._keys

    def _locate(self) -> None:
        builder = _Builder("", track=True)
        if self._root is not None:
            builder.build(self._root, (), 0)
        self._values, self._keys = builder.values, builder.keys
        self._root = None  # the positions are all that was kept it for

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of *path*, or of its nearest known parent."""
        values, keys = self.values, self.keys
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and end == len(path) and prefix in keys:
                return keys[prefix]
            if prefix in values:
                return values[prefix]
        return (1, 1)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _Builder:
    """Plain data from a composed document, checking the limits as it goes; with *track*,
    it also records where each value and key starts."""

    def __init__(self, filename: str, *, track: bool = False) -> None:
        self.filename = filename
        self.track = track
        self.count = 0
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, message))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _AbortError(
                node,
                _("too many values (over {max_nodes}, counting aliases)").format(
                    max_nodes=MAX_NODES
                ),
            )
        if depth > MAX_DEPTH:
            raise _AbortError(
                node, _("nesting is deeper than {max_depth} levels").format(max_depth=MAX_DEPTH)
            )
        if self.track:
            mark = node.start_mark
            self.values[path] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.scalar(node)  # type: ignore[arg-type]
        if kind is yaml.SequenceNode:
            if node.tag != _SEQ:
                self.problem(
                    node,
                    _("tag {tag} is not allowed; write plain values").format(tag=repr(node.tag)),
                )
            if self.track:
                return [
                    self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)
                ]
            return [self.build(item, path, depth + 1) for item in node.value]
        if kind is yaml.MappingNode:
            return self.mapping(node, path, depth)  # type: ignore[arg-type]
        raise _AbortError(
            node, _("unsupported YAML node {kind}").format(kind=kind.__name__)
        )  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag.startswith("tag:yaml.org,2002:") and tag.rsplit(":", 1)[1] in _PLAIN_TAGS:
            value = node.value
            if tag.rsplit(":", 1)[1] in ("int", "float") and len(value) > MAX_NUMBER_LENGTH:
                self.problem(
                    node,
                    _("this number is too long ({value} characters)").format(
                        value=format_decimal(len(value))
                    ),
                )
                return None
            try:
                if tag == "tag:yaml.org,2002:int" and value.isascii() and value.isdigit():
                    result = int(value)
                else:
                    result = self.constructor.construct_object(node, deep=True)
            except yaml.YAMLError as exc:
                self.problem(node, _("cannot read value: {exc}").format(exc=exc))
                return None
            except (ValueError, OverflowError) as exc:  # e.g. a date such as 2001-02-30
                self.problem(
                    node, _("cannot read {value}: {exc}").format(value=repr(value), exc=exc)
                )
                return None
            if isinstance(result, int) and result.bit_length() > 64:  # 0x and 1:2:3 forms
                self.problem(node, _("the number {value} is too large").format(value=repr(value)))
                return None
            return result
        self.problem(node, _("tag {tag} is not allowed; write plain values").format(tag=repr(tag)))
        return None

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            self.problem(
                node, _("tag {tag} is not allowed; write plain values").format(tag=repr(node.tag))
            )
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, _("merge keys ('<<') are not supported"))
                continue
            if type(key_node) is not yaml.ScalarNode:
                self.problem(key_node, _("a key must be plain text"))
                continue
            key = self.scalar(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                self.problem(key_node, _("a key must be plain text"))
                continue
            if key in result:
                self.problem(key_node, _("duplicate key '{key}'").format(key=key))
                continue
            if self.track:
                here: Path = (*path, key if isinstance(key, (str, int)) else str(key))
                mark = key_node.start_mark
                self.keys[here] = (mark.line + 1, mark.column + 1)
                result[key] = self.build(value_node, here, depth + 1)
            else:
                result[key] = self.build(value_node, path, depth + 1)
        return result


_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "binary"}


class _AbortError(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node = node
        self.message = message


#: The parser's own words for the mistakes people make most, marked so they are said in the
#: user's language too (in English they stay the parser's words, as ever).
_PARSER_WORDS = frozenset(
    {
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected key"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected node content"),
        N_("mapping values are not allowed in this context"),
        N_("found character that cannot start any token"),
        N_("found a tab character that violates indentation"),
        N_("could not find expected ':'"),
        N_("found unexpected end of stream"),
    }
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, filename: str) -> Problem:
    """The parser's message, with a plain-words hint where the cause is a common one (and
    then at the mistake, which can be a line or more before where the parser gave up)."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = exc.problem or exc.context or _("invalid YAML")
    context = exc.context_mark
    found = hint(
        text,
        line,
        column,
        reason,
        exc.context or "",
        (context.line + 1, context.column + 1) if context is not None else None,
    )
    shown = _(reason) if reason in _PARSER_WORDS else reason
    if found is None:
        return Problem(filename, line, column, _("invalid YAML: {reason}").format(reason=shown))
    return Problem(
        filename,
        found.line,
        found.column,
        _("invalid YAML: {reason}; {text}").format(reason=shown, text=found.text),
    )


def read_yaml(text: str | bytes, filename: str) -> Located:
    """Parse *text* into :class:`Located` data, or raise :class:`LoadError`."""
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_BYTES:
        raise LoadError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    _("file is too large ({size} bytes; the limit is {max_bytes})").format(
                        size=format_decimal(size), max_bytes=format_decimal(MAX_BYTES)
                    ),
                )
            ]
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raw: bytes = exc.object
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise LoadError(
                [Problem(filename, line, column, _("file is not valid UTF-8 text"))]
            ) from None
    loader = _Loader(text)
    try:
        nodes = []
        while loader.check_node():
            nodes.append(loader.get_node())
            if len(nodes) > 1:
                mark = nodes[1].start_mark
                raise LoadError(
                    [
                        Problem(
                            filename,
                            mark.line + 1,
                            mark.column + 1,
                            _("expected one YAML document, found several"),
                        )
                    ]
                )
    except yaml.MarkedYAMLError as exc:
        raise LoadError([_syntax_problem(exc, text, filename)]) from None
    except yaml.YAMLError as exc:
        raise LoadError(
            [Problem(filename, 1, 1, _("invalid YAML: {exc}").format(exc=exc))]
        ) from None
    except RecursionError:
        raise LoadError(
            [
                Problem(
                    filename,
                    1,
                    1,
                    _("nesting is deeper than {max_depth} levels").format(max_depth=MAX_DEPTH),
                )
            ]
        ) from None
    finally:
        loader.dispose()
    if not nodes:
        return Located(None, {(): (1, 1)}, {})
    builder = _Builder(filename)
    data = None
    try:
        data = builder.build(nodes[0], (), 0)
    except _AbortError as abort:
        builder.problem(abort.node, abort.message)
    except RecursionError:
        builder.problems.append(
            Problem(
                filename,
                1,
                1,
                _("nesting is deeper than {max_depth} levels").format(max_depth=MAX_DEPTH),
            )
        )
    if builder.problems:
        raise LoadError(builder.problems)
    return Located(data, root=nodes[0])
