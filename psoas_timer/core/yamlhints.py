"""Plain words for the YAML mistakes people make most, beside the parser's own message.

The parser says what it could not make sense of ("mapping values are not allowed in this
context") at the point it gave up, which is often a line after the mistake. :func:`hint`
looks at the text around that point for the usual causes: a tab used to indent, a quote
never closed, a key with no space after its colon, a value with a colon in it that needs
quotes, and lines that do not line up.
"""

from __future__ import annotations

import re

from psoas_timer.i18n import _

__all__ = ["Hint", "hint"]

#: A key written straight after a dash or at the start of a line, with no space after its
#: colon (``name:Bridge``); ``name: 1:30`` and ``image: http://x`` do not match.
_GLUED_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?=[^\s:/])(.*?)\s*$")
#: A ``key: value`` whose value has ``: `` in it too.
_COLON_IN_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+[^\"'\s].*?:(\s|$)")

_INDENTATION = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "could not find expected ':'",
    "expected <block end>",
)


class Hint:
    """What to tell the user, and where the mistake most likely is (1-based)."""

    def __init__(self, text: str, line: int, column: int) -> None:
        self.text = text
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Hint({self.text!r}, {self.line}, {self.column})"


def hint(
    text: str,
    line: int,
    column: int,
    problem: str,
    context: str = "",
    context_at: tuple[int, int] | None = None,
) -> Hint | None:
    """A plain-words hint for the parser's *problem* (and *context*, opened at
    *context_at*) reported at *line*:*column* of *text*; None when the cause is not one of
    the common ones."""
    lines = text.splitlines()

    def source(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    for number in (line, line - 1):
        indent = re.match(r"[ \t]*", source(number))
        if indent is not None and "\t" in indent.group(0):
            return Hint(
                _("line {number} is indented with a tab: YAML needs spaces").format(number=number),
                number,
                1,
            )
    if "quoted scalar" in context and context_at is not None:
        quote_line, quote_column = context_at
        quote = source(quote_line)[quote_column - 1 : quote_column] or "quote"
        return Hint(
            _("the {quote} opened on line {quote_line} is never closed").format(
                quote=quote, quote_line=quote_line
            ),
            quote_line,
            quote_column,
        )
    for number in range(line, max(0, line - 3), -1):
        glued = _GLUED_KEY.match(source(number))
        if glued is not None:
            key, rest = glued.group(1), glued.group(2)
            return Hint(
                _(
                    "put a space after the colon on line {number}: '{key}: {rest}', "
                    "not '{key}:{rest}'"
                ).format(number=number, key=key, rest=rest),
                number,
                glued.start(1) + 1,
            )
    if any(problem.startswith(p) for p in _INDENTATION):
        if problem.startswith("mapping values") and _COLON_IN_VALUE.match(source(line)):
            return Hint(
                _(
                    "the value on line {line} has a colon in it: put it in quotes "
                    '(name: "Stretch: left side")'
                ).format(line=line),
                line,
                column,
            )
        return Hint(
            _(
                "check the indentation around here: the keys of one step line up under each "
                "other, and so do the dashes of one list"
            ),
            line,
            column,
        )
    return None
