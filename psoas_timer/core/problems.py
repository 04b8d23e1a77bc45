"""Problems found in a file, reported as ``file:line:column: message``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from psoas_timer.i18n import _

__all__ = ["LoadError", "Problem", "close_matches", "did_you_mean", "printable", "suggestion"]

#: Characters a terminal may act on instead of showing: C0 and C1 controls and DEL (escape
#: sequences can retitle the window or clear the screen), line and paragraph separators, and
#: the bidirectional overrides and isolates that make text read differently from its bytes.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, lines: bool = False) -> str:
    """*text* with every control character written as an escape (``\\x1b``, ``\\n``), so
    that a file name or a key from a file shows on a terminal as text and does nothing. With
    *lines*, line breaks are kept: for whole lines of output, whose breaks are the program's."""
    if lines:
        return "\n".join(_CONTROLS.sub(_escape, line) for line in text.split("\n"))
    return _CONTROLS.sub(_escape, text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file. Lines and columns count from 1, like editors do."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class LoadError(Exception):
    """A file could not be used. Carries every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    return suggestion(close_matches(word, choices))


def close_matches(
    word: str, choices: Iterable[str], n: int = 1, *, ignore_case: bool = False
) -> list[str]:
    """The choices closest to *word*, best first, at most *n* (none when nothing is close).
    With *ignore_case*, compared in lower case and returned as written."""
    if not ignore_case:
        return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    written: dict[str, str] = {}
    for choice in choices:
        written.setdefault(choice.lower(), choice)
    close = difflib.get_close_matches(word.lower(), list(written), n=n, cutoff=0.6)
    return [written[match] for match in close]


def suggestion(matches: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``, ``'x', 'y' or 'z'``) for *matches*,
    or an empty string for none: the one wording of every did-you-mean."""
    quoted = [f"'{match}'" for match in matches]
    if not quoted:
        return ""
    words = quoted[0]
    if len(quoted) > 1:
        # Translators: the last two of several suggestions: "'a', 'b' or 'c'"
        words = _("{several} or {last}").format(several=", ".join(quoted[:-1]), last=quoted[-1])
    return _("; did you mean {words}?").format(words=words)
