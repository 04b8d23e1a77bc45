"""A cache of checked routines, so a library whose files have not changed loads at once.

One JSON file in the user's cache folder holds, for each routine file, what the library list
shows of it (name, tags, description, total time) or its problems, keyed by the file's path,
size, times and the SHA-256 of its content. The routine itself is never cached: when one is
opened, its file is read and checked again, so nothing in the cache can make a routine that
is not on disk, and nothing in it can run code (it is plain JSON, no pickle).

The whole cache counts only while everything it was read against is unchanged too: the
exercise libraries and picture folders (their paths, sizes and times), this code (the core's
source files) and the cache format; anything else and it starts afresh.

What comes out of it is checked as strictly as a routine file: on any doubt (not JSON, not
a regular file, too big, a field of the wrong type or out of range) the whole cache is
ignored and rebuilt, with one log line, and every routine is read from its file. It can
never stop a routine from loading, only make it load slower.

It is written atomically (a temporary file, then a rename), only when something changed,
and never when the app runs as another user than the cache folder's owner (``sudo`` with a
user's HOME would leave a file the user cannot replace).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psoas_timer.atomic_file import atomic_write
from psoas_timer.i18n import language

from .file_reading import read_bytes, read_text
from .problems import Problem

__all__ = ["CACHE_FILE", "CACHE_VERSION", "Cached", "RoutineCache", "content_digest", "same_file"]

log = logging.getLogger(__name__)

#: Raise when what is cached changes shape in a way the source files' times would miss.
#: 3: JSON of plain values (the pickle is gone).
CACHE_VERSION = 3
CACHE_FILE = f"routines-v{CACHE_VERSION}.json"
#: A file changed this recently (seconds) might change again within its time stamp's
#: resolution without its key changing: it is read again next time rather than cached.
SETTLE_SECONDS = 2.0
#: A cache larger than this is not read (500 routines take about 200 KB).
MAX_CACHE_BYTES = 64 * 1024 * 1024
#: A routine file larger than this is not hashed for the cache (the loader refuses it).
MAX_ROUTINE_BYTES = 16 * 1024 * 1024
#: Bounds on what a cached entry may hold, as a routine file's own checks would give.
_MAX_TEXT = 100_000
_MAX_ITEMS = 10_000
_MAX_SECONDS = 1e9

_CORE = Path(__file__).resolve().parent

Key = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Cached:
    """What the cache keeps of one routine file: what the list shows, or its problems."""

    name: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    total: float | None = None
    problems: tuple[Problem, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        if self.problems is not None:
            return {"problems": [[p.file, p.line, p.column, p.message] for p in self.problems]}
        return {
            "name": self.name,
            "tags": list(self.tags),
            "description": self.description,
            "total": self.total,
        }

    @classmethod
    def from_json(cls, data: object) -> Cached:
        """The entry *data* holds, or ValueError saying what is wrong with it."""
        if not isinstance(data, dict):
            raise ValueError("an entry is not an object")
        if set(data) == {"problems"}:
            return cls(problems=tuple(_problem(p) for p in _list(data["problems"])))
        if set(data) != {"name", "tags", "description", "total"}:
            raise ValueError(f"an entry has the fields {sorted(data)}")
        total = data["total"]
        if total is not None and (
            isinstance(total, bool)
            or not isinstance(total, (int, float))
            or not (math.isfinite(total) and 0 <= total <= _MAX_SECONDS)
        ):
            raise ValueError(f"a total of {total!r} seconds")
        return cls(
            name=_text(data["name"]),
            tags=tuple(_text(t) for t in _list(data["tags"])),
            description=_text(data["description"]),
            total=float(total) if total is not None else None,
        )


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > _MAX_TEXT or "\x00" in value:
        raise ValueError(f"not a text: {str(value)[:40]!r}")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list) or len(value) > _MAX_ITEMS:
        raise ValueError("not a list")
    return value


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise ValueError(f"not a line or column number: {value!r}")
    return value


def _problem(value: object) -> Problem:
    items = _list(value)
    if len(items) != 4:
        raise ValueError("a problem is not [file, line, column, message]")
    return Problem(_text(items[0]), _count(items[1]), _count(items[2]), _text(items[3]))


def _key(stat: os.stat_result) -> Key:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def same_file(now: os.stat_result, then: os.stat_result) -> bool:
    """Whether a file's stat *now* is as *then* (its size and times: the cache's key)."""
    return _key(now) == _key(then)


def content_digest(path: Path) -> str | None:
    """The SHA-256 of *path*'s content (a regular file of reasonable size), or None."""
    try:
        return hashlib.sha256(read_bytes(path, max_bytes=MAX_ROUTINE_BYTES)).hexdigest()
    except OSError:
        return None


def _content_catalogs() -> list[Path]:
    """The current language's catalog of the bundled routines' words (source and compiled):
    a bundled routine's name and description are cached in that language."""
    folder = _CORE.parent / "locale" / language() / "LC_MESSAGES"
    return [folder / "content.po", folder / "content.mo"]


def _fingerprint(dependencies: Iterable[Path]) -> str:
    """What every cached entry depends on, as one string: the app's core, *dependencies*,
    and the language (bundled routines are cached in it)."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_VERSION}|{sys.version_info[:2]}|{language()}".encode())
    for path in [*sorted(_CORE.glob("*.py")), *_content_catalogs(), *dependencies]:
        try:
            stat = path.stat()
            digest.update(f"|{path}|{_key(stat)}".encode())
        except OSError:
            digest.update(f"|{path}|missing".encode())
    return digest.hexdigest()


def _owned_by_us(folder: Path) -> bool:
    """Whether the nearest existing folder of *folder* belongs to the user the app runs as."""
    for candidate in (folder, *folder.parents):
        try:
            return candidate.stat().st_uid == os.geteuid()
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return False


class RoutineCache:
    """Cached results by file; :meth:`open` one, :meth:`get` and :meth:`put`, then
    :meth:`save`. Without a folder it caches nothing."""

    def __init__(self, file: Path | None, fingerprint: str) -> None:
        self.file = file
        self.fingerprint = fingerprint
        self._entries: dict[str, tuple[Key, str, Cached]] = {}
        self._changed = False

    @classmethod
    def open(cls, folder: Path | None, dependencies: Iterable[Path]) -> RoutineCache:
        """The cache in *folder* (none: a cache that keeps nothing), valid only while the
        files and folders in *dependencies* are unchanged."""
        if folder is None:
            return cls(None, "")
        cache = cls(folder / CACHE_FILE, _fingerprint(dependencies))
        cache._read()
        return cache

    def _read(self) -> None:
        assert self.file is not None
        try:
            stored = json.loads(read_text(self.file, max_bytes=MAX_CACHE_BYTES))
            if not isinstance(stored, dict) or stored.get("version") != CACHE_VERSION:
                raise ValueError("not a cache this version wrote")
            if stored.get("fingerprint") != self.fingerprint:
                log.info("the routine cache is out of date (the libraries or the app changed)")
                self._changed = True
                return
            entries = stored.get("entries")
            if not isinstance(entries, dict):
                raise ValueError("no entries")
            self._entries = {_text(name): _entry(value) for name, value in entries.items()}
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError) as exc:  # damaged, foreign or forged
            log.warning("ignoring the routine cache %s and rebuilding it: %s", self.file, exc)
            self._entries = {}
            self._changed = True

    def knows(self, path: Path, stat: os.stat_result) -> bool:
        """Whether something is cached for *path* as *stat* says it is (then its content's
        digest decides; a file not known is not hashed until its entry is saved)."""
        found = self._entries.get(str(path))
        return found is not None and found[0] == _key(stat)

    def get(self, path: Path, stat: os.stat_result, digest: str | None) -> Cached | None:
        """What was cached for *path* as it is now (per *stat* and its content's *digest*,
        see :func:`content_digest`), or None."""
        found = self._entries.get(str(path))
        if found is None or digest is None or found[0] != _key(stat) or found[1] != digest:
            return None
        return found[2]

    def put(self, path: Path, stat: os.stat_result, digest: str | None, value: Cached) -> None:
        """Remember *value* for *path* as it is now, unless it has only just changed."""
        if self.file is None or digest is None or time.time() - stat.st_mtime < SETTLE_SECONDS:
            return
        stored = (_key(stat), digest, value)
        if self._entries.get(str(path)) != stored:
            self._entries[str(path)] = stored
            self._changed = True

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget every file but *paths* (routines deleted since)."""
        wanted = {str(p) for p in paths}
        for name in [n for n in self._entries if n not in wanted]:
            del self._entries[name]
            self._changed = True

    def save(self) -> None:
        """Write the cache if anything changed, atomically; a failure is logged, not raised.
        Nothing is written when the app runs as another user than the folder's owner."""
        if self.file is None or not self._changed:
            return
        if not _owned_by_us(self.file.parent):
            log.warning(
                "not writing the routine cache %s: its folder belongs to another user", self.file
            )
            return
        stored = {
            "version": CACHE_VERSION,
            "fingerprint": self.fingerprint,
            "entries": {
                name: {"key": list(key), "sha256": digest, "value": value.to_json()}
                for name, (key, digest, value) in self._entries.items()
            },
        }
        text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"))
        try:
            atomic_write(self.file, text, mode=0o600)
        except OSError as exc:
            log.warning("cannot write the routine cache %s: %s", self.file, exc)
            return
        self._changed = False


def _entry(value: object) -> tuple[Key, str, Cached]:
    if not isinstance(value, dict) or set(value) != {"key", "sha256", "value"}:
        raise ValueError("an entry is not {key, sha256, value}")
    key = _list(value["key"])
    if len(key) != 3 or not all(
        isinstance(k, int) and not isinstance(k, bool) and k >= 0 for k in key
    ):
        raise ValueError(f"an entry's key is {key!r}")
    digest = value["sha256"]
    if not isinstance(digest, str) or len(digest) != 64:
        raise ValueError("an entry's sha256 is not one")
    return (key[0], key[1], key[2]), digest, Cached.from_json(value["value"])
