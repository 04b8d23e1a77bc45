"""A cache of checked routines, so a library whose files have not changed loads at once.

One file in the user's cache folder holds, for each routine file, what reading it gave (the
routine and its total time, or its problems), keyed by the file's path, size and times. The
whole cache counts only while everything it was read against is unchanged too: the exercise
libraries and picture folders (their paths, sizes and times), this code (the core's source
files) and the cache format; anything else and it starts afresh.

It is written atomically (a temporary file, then a rename) and only when something changed.
A cache that cannot be read (damaged, from another version, a file that is not ours) is
ignored and logged; it can never stop a routine from loading, only make it load slower.

The cache is a pickle, read only from the user's own cache folder: whoever can write there
can already run programs as the user.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["CACHE_FILE", "CACHE_VERSION", "RoutineCache"]

log = logging.getLogger(__name__)

#: Raise when what is cached changes shape in a way the source files' times would miss.
#: 2: the format's value types moved out of ``model.py`` (a pickle names each class's module).
CACHE_VERSION = 2
CACHE_FILE = f"routines-v{CACHE_VERSION}.pickle"
#: A file changed this recently (seconds) might change again within its time stamp's
#: resolution without its key changing: it is read again next time rather than cached.
SETTLE_SECONDS = 2.0

_CORE = Path(__file__).resolve().parent

Key = tuple[int, int, int]


def _key(stat: os.stat_result) -> Key:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _fingerprint(dependencies: Iterable[Path]) -> str:
    """What every cached entry depends on, as one string."""
    digest = hashlib.sha256()
    digest.update(f"{CACHE_VERSION}|{sys.version_info[:2]}".encode())
    for path in [*sorted(_CORE.glob("*.py")), *dependencies]:
        try:
            stat = path.stat()
            digest.update(f"|{path}|{_key(stat)}".encode())
        except OSError:
            digest.update(f"|{path}|missing".encode())
    return digest.hexdigest()


class RoutineCache:
    """Cached results by file; :meth:`open` one, :meth:`get` and :meth:`put`, then
    :meth:`save`. Without a folder it caches nothing."""

    def __init__(self, file: Path | None, fingerprint: str) -> None:
        self.file = file
        self.fingerprint = fingerprint
        self._entries: dict[str, tuple[Key, Any]] = {}
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
            with self.file.open("rb") as handle:
                stored = pickle.load(handle)
        except FileNotFoundError:
            return
        except Exception as exc:  # a damaged or foreign file: start afresh
            log.warning("ignoring the routine cache %s: %s", self.file, exc)
            self._changed = True
            return
        if (
            not isinstance(stored, dict)
            or stored.get("version") != CACHE_VERSION
            or not isinstance(stored.get("entries"), dict)
        ):
            log.warning("ignoring the routine cache %s: not a cache this version wrote", self.file)
            self._changed = True
            return
        if stored.get("fingerprint") != self.fingerprint:
            log.info("the routine cache is out of date (the libraries or the app changed)")
            self._changed = True
            return
        self._entries = stored["entries"]

    def get(self, path: Path, stat: os.stat_result) -> Any | None:
        """What was cached for *path* as it is now (per *stat*), or None."""
        found = self._entries.get(str(path))
        if not isinstance(found, tuple) or len(found) != 2 or found[0] != _key(stat):
            return None
        return found[1]

    def put(self, path: Path, stat: os.stat_result, value: Any) -> None:
        """Remember *value* (plain data, picklable) for *path* as it is now, unless it has
        only just changed."""
        if self.file is None or time.time() - stat.st_mtime < SETTLE_SECONDS:
            return
        stored = (_key(stat), value)
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
        """Write the cache if anything changed, atomically; a failure is logged, not raised."""
        if self.file is None or not self._changed:
            return
        stored = {
            "version": CACHE_VERSION,
            "fingerprint": self.fingerprint,
            "entries": self._entries,
        }
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".routines-", dir=self.file.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temp, self.file)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("cannot write the routine cache %s: %s", self.file, exc)
            return
        self._changed = False
