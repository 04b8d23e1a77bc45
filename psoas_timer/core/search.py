"""Finding routines by what the user types: every word must match, and the best match is first.

A word found in a routine's name counts for more than one found in its tags, which counts for
more than one found in its file name or description; a name that is the whole query, or
starts with it, comes before all of those. Routines that match equally well keep the order
they were given in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = ["Searchable", "rank"]


class Searchable(Protocol):
    """What search reads of a routine (a catalog :class:`~psoas_timer.core.catalog.Entry`)."""

    @property
    def name(self) -> str: ...

    @property
    def tags(self) -> list[str]: ...

    @property
    def description(self) -> str: ...

    @property
    def file_name(self) -> str: ...


# How well one word matched, best (lowest) first.
_NAME_WORD, _NAME, _TAG, _TAG_PART, _FILE, _DESCRIPTION = range(6)


def _word_rank(
    word: str, name_words: list[str], name: str, tags: list[str], item: Searchable
) -> int:
    if any(w.startswith(word) for w in name_words):
        return _NAME_WORD
    if word in name:
        return _NAME
    if word in tags:
        return _TAG
    if any(word in tag for tag in tags):
        return _TAG_PART
    if word in item.file_name.lower():
        return _FILE
    if word in item.description.lower():
        return _DESCRIPTION
    return -1


def score(item: Searchable, query: str) -> tuple[int, int, int] | None:
    """How well *item* matches *query* (lower is better), or None when some word is missing."""
    words = query.lower().split()
    if not words:
        return (0, 0, 0)
    name = item.name.lower()
    name_words = name.replace("-", " ").split()
    tags = [tag.lower() for tag in item.tags]
    ranks = []
    for word in words:
        found = _word_rank(word, name_words, name, tags, item)
        if found < 0:
            return None
        ranks.append(found)
    phrase = " ".join(words)
    whole = 0 if name == phrase else 1 if name.startswith(phrase) else 2 if phrase in name else 3
    return (whole, max(ranks), sum(ranks))


def rank(items: Sequence[Searchable], query: str) -> list[int]:
    """The indexes of the *items* that match *query*, best match first."""
    scored = [(found, index) for index, item in enumerate(items) if (found := score(item, query))]
    return [index for _, index in sorted(scored)]
