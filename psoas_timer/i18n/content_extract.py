"""The bundled content's words, for the ``content`` catalog: extracted from the routine files.

Routine, step, exercise, programme and library names, descriptions, instructions, safety
notes, spoken lines (milestones, prompts, a rest's words), an either/or step's question and a
programme week's note: every string under one of :data:`CONTENT_KEYS` in ``routines/**/*.yaml``.
The same keys are what the loader looks up with :func:`psoas_timer.i18n.content` for a
bundled file (:func:`translate_content`), so what is extracted is exactly what is translated.

Standard library and PyYAML only (PyYAML's composer gives each value's line), no Qt::

    python -m psoas_timer.i18n.content_extract            # writes psoas_timer/locale/content.pot
    python -m psoas_timer.i18n.content_extract --check    # exit 1 if content.pot is out of date
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CONTENT_KEYS",
    "Message",
    "extract",
    "main",
    "render_pot",
    "translate_content",
]

#: The keys whose text is the bundled content's words (a string, or a list of strings).
#: What each is, for the translator's comment in the catalog.
CONTENT_KEYS: dict[str, str] = {
    "name": "a name, shown as a heading and said aloud (at most 80 characters)",
    "description": "a description, shown in the library",
    "instructions": "one line of an exercise's instructions, shown during it",
    "safety": "a safety note, shown before the routine starts",
    "say": "SPOKEN ALOUD by the voice at that moment (and shown): short, plain words",
    "ask": "the question of an either/or step, shown before the session",
    "note": "a programme week's note, shown for that week (at most 80 characters)",
}
#: Lists of words that stay as written in the loaded routine (the history keys body areas by
#: them) and are looked up with :func:`psoas_timer.i18n.content` only where they are shown.
LABEL_KEYS: dict[str, str] = {
    "tags": "a tag (one short keyword) shown on the library's cards and the routine page",
    "muscles": "a muscle or body area (lower case), shown with a side: 'left psoas'",
    "equipment": "a piece of equipment (lower case), shown in the exercise chooser",
}
#: The most characters the format allows under a key: a longer translation is not used (the
#: English stays), so a translation can never make a bundled file fail to load.
LIMITS = {"name": 80, "note": 80, "ask": 120}
#: Subtrees with no words in them (a figure's poses), skipped.
_SKIP = frozenset({"figure", "days", "image", "use", "id"})
_STR = "tag:yaml.org,2002:str"

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Message:
    """One text to translate and every place it is written."""

    text: str
    references: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _texts(node: Any, key: str | None = None) -> Iterator[tuple[str, str, int]]:
    """(key, text, line) for every content string under the composed YAML *node*."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(name, str) or name in _SKIP:
                continue
            if name in LABEL_KEYS:
                if isinstance(value, yaml.SequenceNode):
                    for item in value.value:
                        if isinstance(item, yaml.ScalarNode) and item.tag == _STR:
                            yield name, item.value, item.start_mark.line + 1
                continue
            if name in CONTENT_KEYS:
                if isinstance(value, yaml.ScalarNode) and value.tag == _STR:
                    yield name, value.value, value.start_mark.line + 1
                    continue
                if isinstance(value, yaml.SequenceNode):
                    for item in value.value:
                        if isinstance(item, yaml.ScalarNode) and item.tag == _STR:
                            yield name, item.value, item.start_mark.line + 1
                        else:
                            yield from _texts(item)
                    continue
            yield from _texts(value, name)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _texts(item, key)


def content_files(routines: Path) -> list[Path]:
    """Every YAML file under *routines*, in a stable order (schemas are JSON: not read)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(routines):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if f.endswith((".yaml", ".yml"))]
    return found


def extract(routines: Path, relative_to: Path | None = None) -> list[Message]:
    """Every content text of the YAML files under *routines*, in order of first appearance,
    each with its ``#:`` references (``routines/x.yaml:line``, relative to *relative_to*)."""
    import yaml

    base = relative_to if relative_to is not None else routines.parent
    found: dict[str, Message] = {}
    for path in content_files(routines):
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        where = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
        for key, text, line in _texts(node):
            text = text.strip()
            if not text:
                continue
            message = found.setdefault(text, Message(text))
            message.references.append(f"{where}:{line}")
            comment = CONTENT_KEYS.get(key) or LABEL_KEYS[key]
            if comment not in message.comments:
                message.comments.append(comment)
    return list(found.values())


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    )
    return f'"{escaped}"'


def _wrap(keyword: str, text: str, width: int = 76) -> list[str]:
    """``msgid "…"`` on one line when it fits, else xgettext's style: ``""`` then pieces."""
    one = f"{keyword} {_quote(text)}"
    if len(one) <= width and "\n" not in text:
        return [one]
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current}{word} " if current or word else " "
        if current and len(_quote(candidate)) > width:
            pieces.append(current)
            current = f"{word} "
        else:
            current = candidate
    pieces.append(current[:-1] if current.endswith(" ") and not text.endswith(" ") else current)
    return [f'{keyword} ""', *(_quote(piece) for piece in pieces if piece)]


HEADER = """\
# The bundled routines' words (routines/**/*.yaml) for Psoas Timer.
# Made by python -m psoas_timer.i18n.content_extract (tools/i18n.py): do not edit by hand.
# This file is distributed under the same license as the psoas-timer package.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: psoas-timer\\n"
"Report-Msgid-Bugs-To: https://github.com/psoastimer/psoas-timer/issues\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language-Team: LANGUAGE <LL@li.org>\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


def render_pot(messages: Sequence[Message]) -> str:
    """The ``content.pot`` text for *messages* (no date in it, so it only changes with them)."""
    out = [HEADER.rstrip("\n")]
    for message in messages:
        out.append("")
        out += [f"#. {comment}" for comment in message.comments]
        line = "#:"
        for reference in message.references:
            if len(line) + 1 + len(reference) > 79 and line != "#:":
                out.append(line)
                line = "#:"
            line += f" {reference}"
        out.append(line)
        out += _wrap("msgid", message.text)
        out.append('msgstr ""')
    return "\n".join(out) + "\n"


def translate_content(data: Any, lookup: Callable[[str], str]) -> Any:
    """*data* (plain data read from a bundled file) with every string under a
    :data:`CONTENT_KEYS` key passed through *lookup*, in place; the same walk as
    :func:`extract`, so a text is translated exactly when it is in the catalog."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not isinstance(key, str) or key in _SKIP or key in LABEL_KEYS:
                continue
            if key in CONTENT_KEYS:
                limit = LIMITS.get(key)
                if isinstance(value, str):
                    data[key] = _looked_up(value, lookup, limit)
                    continue
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        if isinstance(item, str):
                            value[index] = _looked_up(item, lookup, limit)
                        else:
                            translate_content(item, lookup)
                    continue
            translate_content(value, lookup)
    elif isinstance(data, list):
        for item in data:
            translate_content(item, lookup)
    return data


def _looked_up(text: str, lookup: Callable[[str], str], limit: int | None = None) -> str:
    stripped = text.strip()
    if not stripped:
        return text
    translated = lookup(stripped)
    if translated == stripped or (limit is not None and len(translated) > limit):
        return text
    return translated


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Extract the bundled routines' words into the content catalog template."
    )
    parser.add_argument("--routines", type=Path, default=ROOT / "routines")
    parser.add_argument("--out", type=Path, default=ROOT / "psoas_timer" / "locale" / "content.pot")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is out of date")
    args = parser.parse_args(argv)
    text = render_pot(extract(args.routines, relative_to=args.routines.parent))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{args.out} is out of date: run python -m psoas_timer.i18n.content_extract")
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(text.splitlines())} lines, {text.count('msgid ') - 1} texts -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
