"""Safe, bounded YAML reading that remembers where every value came from.

Only plain data is built (mappings, lists, strings, numbers, booleans, null): no tag can
construct a Python object. Hostile input is refused with a clear problem each: files over
:data:`MAX_BYTES`, more than :data:`MAX_NODES` values after alias expansion ("billion
laughs"), nesting deeper than :data:`MAX_DEPTH`, and duplicate keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import LoadError, Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Located", "Path", "read_yaml"]

MAX_BYTES = 1024 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 40

Path = tuple[str | int, ...]

try:  # libyaml's C parser when present: same safety, several times faster.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class Located:
    """Plain data read from YAML, with the position of every value and key by path."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of *path*, or of its nearest known parent."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and end == len(path) and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.count = 0
        self.located = Located(None)
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, message))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _AbortError(node, f"too many values (over {MAX_NODES}, counting aliases)")
        if depth > MAX_DEPTH:
            raise _AbortError(node, f"nesting is deeper than {MAX_DEPTH} levels")
        mark = node.start_mark
        self.located.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(node, f"tag {node.tag!r} is not allowed; write plain values")
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        raise _AbortError(node, f"unsupported YAML node {type(node).__name__}")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag.startswith("tag:yaml.org,2002:") and tag.rsplit(":", 1)[1] in _PLAIN_TAGS:
            loader = _Loader("")
            try:
                return loader.construct_object(node, deep=True)
            except yaml.YAMLError as exc:
                self.problem(node, f"cannot read value: {exc}")
                return None
            finally:
                loader.dispose()
        self.problem(node, f"tag {tag!r} is not allowed; write plain values")
        return None

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self.problem(node, f"tag {node.tag!r} is not allowed; write plain values")
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "merge keys ('<<') are not supported")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a key must be plain text")
                continue
            key = self.scalar(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                self.problem(key_node, "a key must be plain text")
                continue
            mark = key_node.start_mark
            if key in result:
                self.problem(key_node, f"duplicate key '{key}'")
                continue
            here: Path = (*path, key if isinstance(key, (str, int)) else str(key))
            self.located.keys[here] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, here, depth + 1)
        return result


_PLAIN_TAGS = {"str", "int", "float", "bool", "null", "timestamp", "binary"}


class _AbortError(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node = node
        self.message = message


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
                    f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})",
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
                [Problem(filename, line, column, "file is not valid UTF-8 text")]
            ) from None
    loader = _Loader(text)
    try:
        nodes = []
        while loader.check_node():
            nodes.append(loader.get_node())
            if len(nodes) > 1:
                mark = nodes[1].start_mark  # type: ignore[union-attr]
                raise LoadError(
                    [
                        Problem(
                            filename,
                            mark.line + 1,
                            mark.column + 1,
                            "expected one YAML document, found several",
                        )
                    ]
                )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        raise LoadError([Problem(filename, line, column, f"invalid YAML: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(filename, 1, 1, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise LoadError(
            [Problem(filename, 1, 1, f"nesting is deeper than {MAX_DEPTH} levels")]
        ) from None
    finally:
        loader.dispose()
    if not nodes:
        return Located(None, {(): (1, 1)})
    builder = _Builder(filename)
    try:
        builder.located.data = builder.build(nodes[0], (), 0)  # type: ignore[arg-type]
    except _AbortError as abort:
        builder.problem(abort.node, abort.message)
    except RecursionError:
        builder.problems.append(
            Problem(filename, 1, 1, f"nesting is deeper than {MAX_DEPTH} levels")
        )
    if builder.problems:
        raise LoadError(builder.problems)
    return builder.located
