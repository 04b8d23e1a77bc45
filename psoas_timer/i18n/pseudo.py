"""The pseudo-languages: every string of a template, changed so that a look (or a test) tells
what was translated, what is cut off and what a right-to-left layout does.

- ``en@pseudo``: accented letters, lengthened by about 40% and wrapped in ``⟦ ⟧``; three
  plural forms (1, 2, other) so that a plural handled as "one or many" shows.
- ``ar@pseudo``: the text reversed (a right-to-left override) between ``⟦ ⟧``, with the
  catalog saying "rtl" so that the layout mirrors; Arabic's six plural forms.

Placeholders (``{name}``, ``{0:.1f}``), markup (``<b>``, ``&amp;``), Qt's ``%1`` and the
mnemonic ``&`` are kept as they are.
"""

from __future__ import annotations

import math
import re

__all__ = ["CLOSE", "OPEN", "PLURAL_FORMS", "PSEUDO_LANGUAGES", "pseudo"]

OPEN, CLOSE = "⟦", "⟧"
PLURAL_FORMS = {
    "en@pseudo": "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);",
    "ar@pseudo": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    ),
}
#: The pseudo-languages, made from the templates for tests and for looking at layouts:
#: lengthened text with three plural forms, and right-to-left text.
PSEUDO_LANGUAGES = tuple(PLURAL_FORMS)
#: Added to plural forms past the second so that a test tells them apart.
FORM_MARK = ("", "", "³", "⁴", "⁵", "⁶")

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁßÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)
# What must stay as written: placeholders, tags, entities, Qt's %1, a mnemonic's letter.
_KEEP = re.compile(r"\{\{|\}\}|\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|&#?\w+;|%\d+|%[a-z]|&.|\\n|\n")


def _pieces(text: str) -> list[tuple[bool, str]]:
    """*text* as (changeable, piece) pairs."""
    out: list[tuple[bool, str]] = []
    at = 0
    for match in _KEEP.finditer(text):
        if match.start() > at:
            out.append((True, text[at : match.start()]))
        out.append((False, match.group()))
        at = match.end()
    if at < len(text):
        out.append((True, text[at:]))
    return out


def _long(text: str) -> str:
    pieces = _pieces(text)
    letters = sum(len(p) for changeable, p in pieces if changeable)
    body = "".join(p.translate(_ACCENTED) if changeable else p for changeable, p in pieces)
    padding = "·" * max(0, math.ceil(letters * 0.4) - 2)
    if padding:
        body = f"{body} {padding}" if body and not body[-1].isspace() else body + padding
    return body


def _reversed(text: str) -> str:
    # RLO ... PDF shows the Latin letters right to left; what must stay readable (a
    # placeholder's value, a tag) is kept out of the override.
    parts = []
    for changeable, piece in _pieces(text):
        parts.append(f"\u202e{piece}\u202c" if changeable and piece.strip() else piece)
    return "".join(parts)


def pseudo(text: str, code: str, form: int = 0) -> str:
    """*text* in the pseudo-language *code* (plural *form* past the second gets a mark)."""
    if not text:
        return text
    body = _long(text) if code == "en@pseudo" else _reversed(text)
    # A rich text's markers go inside its outer tag pair, where a label shows them.
    match = re.fullmatch(r"(?s)(\s*<(?:html|qt|p)[^>]*>)(.*?)(</(?:html|qt|p)>\s*)", body)
    mark = FORM_MARK[form] if form < len(FORM_MARK) else str(form)
    if match:
        return f"{match.group(1)}{OPEN}{match.group(2)}{mark}{CLOSE}{match.group(3)}"
    return f"{OPEN}{body}{mark}{CLOSE}"
