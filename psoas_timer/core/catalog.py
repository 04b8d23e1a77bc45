"""Every routine the app knows: bundled and the user's, good or broken.

A broken file never hides the others: each entry carries either a routine or its problems,
whatever went wrong while reading it.

:class:`Layout` says where routines come from; :meth:`Catalog.resolve` is the one place a
routine named on the command line, in the window or by a dropped file is found, and
:meth:`Layout.image_roots` the one answer to which folders its pictures may come from.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from psoas_timer.i18n import _

from .catalog_cache import Cached, RoutineCache, content_digest, same_file
from .loader import (
    Library,
    is_library_file,
    is_programme_file,
    load_library,
    load_routine,
    reading,
    routine_files,
)
from .model import Routine
from .plan import Plan, compile_plan, plan_total
from .problems import LoadError, Problem

__all__ = ["Catalog", "Entry", "Layout", "load_catalog"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Layout:
    """Where routines live: the bundled ones (read-only, with their exercise library in
    ``library/``), the app's assets (pictures), the user's own folder, and a folder where a
    cache of checked routines may be kept (none: no cache)."""

    bundled: Path
    assets: Path | None = None
    user: Path | None = None
    cache: Path | None = None

    def image_roots(self) -> list[Path]:
        """Folders a routine's pictures may come from, besides the routine's own folder: the
        assets, the bundled routines and the user's routines (a picture of an exercise from
        either library, whichever folder the routine that uses it sits in)."""
        assets = self.assets if self.assets is not None else self.bundled.parent / "assets"
        return [assets, self.bundled, *([self.user] if self.user is not None else [])]

    def roots(self) -> list[tuple[Path, bool]]:
        """The routine folders that exist, each with whether it is the bundled one."""
        found = [(self.bundled, True)]
        if self.user is not None and self.user.is_dir():
            found.append((self.user, False))
        return found


class Entry:
    """One routine file: its routine, or what is wrong with it.

    From the cache, the routine itself is only unpacked when first asked for: the library
    list needs its name, tags, description and total time, which the cache keeps apart.
    """

    def __init__(
        self,
        path: Path,
        bundled: bool,
        routine: Routine | None = None,
        problems: list[Problem] | None = None,
        *,
        outside: bool = False,
    ) -> None:
        self.path = path
        self.bundled = bundled
        self.problems: list[Problem] = problems if problems is not None else []
        #: Read from a file outside the routine folders (given by path, or dropped).
        self.outside = outside
        self._routine = routine
        self._packed: _Packed | None = None
        self._plan: Plan | None = None
        self._total: float | None = None

    def __repr__(self) -> str:
        state = "ok" if self.ok else f"{len(self.problems)} problems"
        return f"Entry({str(self.path)!r}, bundled={self.bundled}, {state})"

    @property
    def routine(self) -> Routine | None:
        packed = self._packed
        if packed is not None:  # the routine first, then the flag: another thread may ask too
            try:
                self._routine = packed.unpack()
            except LoadError as exc:  # the cache was bad and the file has changed since
                self.problems = exc.problems
            self._packed = None
        return self._routine

    @routine.setter
    def routine(self, routine: Routine | None) -> None:
        self._packed = None
        self._routine = routine
        self._plan = self._total = None

    @property
    def ok(self) -> bool:
        return self._packed is not None or self._routine is not None

    @property
    def name(self) -> str:
        if self._packed is not None:
            return self._packed.name
        return self._routine.name if self._routine else self.path.stem

    @property
    def tags(self) -> list[str]:
        if self._packed is not None:
            return list(self._packed.tags)
        return list(self._routine.tags) if self._routine else []

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def description(self) -> str:
        if self._packed is not None:
            return self._packed.description
        return self._routine.description if self._routine else ""

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = compile_plan(self._usable())
            self._total = self._plan.total
        return self._plan

    def _usable(self) -> Routine:
        routine = self.routine
        if routine is None:
            raise ValueError(_("{path} has problems and cannot be planned").format(path=self.path))
        return routine

    @property
    def known_total(self) -> float | None:
        """The total time if it has been worked out (or cached), without working it out."""
        return self._total

    @property
    def total(self) -> float:
        """Seconds the routine takes (known without compiling it when it was cached).

        Worked out without keeping a plan: a library of hundreds of routines would
        otherwise hold every one's plan, cues and all, while only their times are shown.
        """
        if self._total is None:  # (a plan, once made, sets it)
            self._total = plan_total(self._usable())
        return self._total


@dataclass(frozen=True)
class _Packed:
    """A routine known from the cache: what the library list shows of it. The routine
    itself is read from its file when first asked for."""

    name: str
    tags: tuple[str, ...]
    description: str
    #: Reads the file (or raises :class:`LoadError`). It holds no reference to the entry:
    #: no cycle, so a catalog let go of is freed at once.
    reread: Callable[[], Routine]

    def unpack(self) -> Routine:
        return self.reread()


#: Bundled routines merged into another, by their former file stem and name: the heat pack
#: and ice pack timers are one routine that asks which (an either/or step).
REPLACED = {
    "heat": "heat-or-ice",
    "ice": "heat-or-ice",
    "heat pack timer": "heat-or-ice",
    "ice pack timer": "heat-or-ice",
}


@dataclass
class Catalog:
    library: Library
    entries: list[Entry]
    library_problems: list[Problem]
    layout: Layout | None = None
    _by_path: dict[Path, Entry] | None = field(default=None, repr=False)
    _cache: RoutineCache | None = field(default=None, repr=False)
    _stats: dict[Path, os.stat_result] = field(default_factory=dict, repr=False)
    #: Each file's content digest as it was read (None: not hashed), the cache's key too.
    _digests: dict[Path, str | None] = field(default_factory=dict, repr=False)
    #: Files read afresh, and those cached without their total: what the cache lacks.
    _unsaved: set[Path] = field(default_factory=set, repr=False)
    _untimed: set[Path] = field(default_factory=set, repr=False)

    def _lacks(self, entry: Entry) -> bool:
        return entry.path in self._unsaved or (
            entry.path in self._untimed and entry._total is not None
        )

    def work_out_totals(self, between: Callable[[], None] | None = None) -> None:
        """Work out every routine's total time that is not known yet (from the cache);
        *between*, when given, is called after each one."""
        with gc_paused():
            for entry in self.entries:
                if entry.ok and entry.known_total is None:
                    entry.total  # noqa: B018 - worked out and kept on first use
                    if between is not None:
                        between()

    def save_cache(self, between: Callable[[], None] | None = None) -> None:
        """Keep what was read (routines, their totals as far as known, problems) in the
        layout's cache folder, for the next load to skip the files that have not changed;
        *between*, when given, is called after each routine is packed (a worker thread
        packing hundreds would otherwise hold the window's thread up)."""
        cache = self._cache
        if cache is None:
            return
        for entry in self.entries:
            stat = self._stats.get(entry.path)
            if stat is not None and self._lacks(entry):
                cache.put(entry.path, stat, self._digest(entry.path, stat), _pack(entry))
                if between is not None:
                    between()
        self._unsaved.clear()
        self._untimed.clear()
        cache.keep_only(self._stats)
        cache.save()

    def _digest(self, path: Path, stat: os.stat_result) -> str | None:
        """The digest of *path*'s content as read (None: it has changed since)."""
        digest = self._digests.get(path)
        now = _stat(path)
        if digest is None and now is not None and same_file(now, stat):  # hash it now
            digest = content_digest(path)
        return digest

    def find(self, key: str) -> Entry | None:
        """An entry by path, file name or routine name (case-insensitive)."""
        wanted = key.strip().lower()
        for entry in self.entries:
            if wanted in (
                str(entry.path).lower(),
                entry.path.name.lower(),
                entry.path.stem.lower(),
            ):
                return entry
        for entry in self.entries:  # the name from the list: nothing is unpacked
            if entry.ok and entry.name.lower() == wanted:
                return entry
        return self._replacement(wanted)

    def _replacement(self, wanted: str) -> Entry | None:
        """The bundled routine that took the place of a former one (by its file name, or a
        path in the bundled folder, as a remembered last routine has it, or its name)."""
        old = Path(wanted)
        bundled = {str(e.path.parent).lower() for e in self.entries if e.bundled}
        if old.parent != Path() and str(old.parent) not in bundled:
            return None
        new = REPLACED.get(old.stem if old.suffix in (".yaml", ".yml") else wanted)
        return self.find(new) if new is not None else None

    def resolve(self, key: str) -> Entry | None:
        """The routine *key* stands for, wherever it was given (command line, window, a
        dropped file): an existing file, from the catalog when it is one of its routines and
        read on its own otherwise; else a routine's name, file name or file stem; else, for
        a path (it names a folder), the missing file's problem. None for an unknown name."""
        path = Path(key).expanduser()
        # os.path, not Path: a name too long for the file system is "not a file" there, as
        # a missing one is (Path.is_file raises OSError for it), and the reading says why.
        if os.path.isfile(path):
            known = self._entry_at(path)
            return known if known is not None else self.read_file(path)
        found = self.find(key)
        if found is not None:
            return found
        if path.parent != Path() or os.path.lexists(path):  # a broken link, a link loop
            return self.read_file(path)
        return None

    def image_roots(self) -> list[Path]:
        return self.layout.image_roots() if self.layout is not None else []

    def _entry_at(self, path: Path) -> Entry | None:
        if self._by_path is None:
            self._by_path = {_real(entry.path): entry for entry in self.entries}
        return self._by_path.get(_real(path))

    def read_file(self, path: Path) -> Entry:
        """An entry for a routine file outside the catalog, read against its library and
        with the layout's picture folders: the routine, or what is wrong with the file (a
        missing one included)."""
        entry = Entry(path, bundled=False, outside=True)
        try:
            with reading(str(path)):  # whatever fails, it is this file's problem only
                entry.routine = load_routine(path, self.library, allowed=self.image_roots())
        except LoadError as exc:
            entry.problems = exc.problems
        return entry


class _CollectorPause:
    """Counts the pauses under way; the collector runs again when the last one ends (if it
    ran before the first began). See :data:`gc_paused`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = True
        #: A large read's objects are frozen (until the next read begins).
        self.frozen = False

    @contextmanager
    def __call__(self, *, reading: bool = False) -> Iterator[None]:
        """Pause the collector; *reading* says a new catalog is being read (the one a
        freeze was made for is on its way out)."""
        with self.lock:
            if self.count == 0 and reading:
                self._thaw()
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.count += 1
        try:
            yield
        finally:
            with self.lock:
                self.count -= 1
                if self.count == 0 and self.was_enabled:
                    if gc.get_count()[0] > FREEZE_OVER:
                        gc.freeze()
                        self.frozen = True
                    gc.enable()

    def _thaw(self) -> None:
        """Give what the last large read froze back to the collector: the catalog it made
        is being replaced (and freed by reference counting as it is), and whatever became
        garbage in a cycle since, or already was at the freeze, is freed by the collector's
        next full pass, which then walks only what is still alive (collecting here, with
        the old catalog still held, took over a second for 500 routines)."""
        if self.frozen:
            self.frozen = False
            gc.unfreeze()
            log.debug("collector: what the last large read froze is collectable again")


#: Objects made during a pause past which they are frozen when it ends (see :data:`gc_paused`).
FREEZE_OVER = 50_000

gc_paused = _CollectorPause()
"""Hold off Python's cycle collector while a catalog is read or planned.

Reading keeps every routine it makes, so the collector, set off by every few hundred new
objects, walks the growing catalog again and again: with it, reading a large library took
over twice as long (``benchmarks/catalog_load.py``). What is made here holds no cycles that
need collecting, and reference counting still frees it all when it is let go. Nested and
concurrent pauses (a reload in a worker thread while the window plans a routine) end when the
last one does.

When the last pause ends after a large read (over :data:`FREEZE_OVER` new objects: 500
routines of 40 steps read afresh make about 250,000), what exists is frozen (``gc.freeze``)
before the collector runs again: otherwise its first full pass would walk all of it at once,
holding every thread up for 100 ms or more just as the window shows the list. The freeze lasts
until the next catalog read begins (which replaces that catalog): then everything is
given back to the collector, so garbage in cycles at the freeze, or made of frozen objects
since, is freed by its next full pass rather than kept for the life of the process. Smaller
reads (the bundled routines, a library read from the cache: about 10,000 objects) are left to
the collector as usual.
"""


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # a loop of links, say: compare it as written
        return path.absolute()


def read_libraries(
    paths: Iterable[Path], bundled: Iterable[Path] = ()
) -> tuple[Library, list[Problem]]:
    """The exercise libraries at *paths*, and their problems; those also in *bundled* with
    their words in the current language."""
    library = Library()
    problems: list[Problem] = []
    ours = set(bundled)
    for path in paths:
        try:
            load_library(path, into=library, bundled=path in ours)  # never raises anything else
        except LoadError as exc:
            problems.extend(exc.problems)
    return library, problems


def load_catalog(
    where: Layout | Path, user: Path | None = None, *, between: Callable[[], None] | None = None
) -> Catalog:
    """Read every routine of the layout *where* (or under the bundled folder *where* and the
    user's folder *user*), exercise libraries first (from ``library/`` folders).

    With a cache folder in the layout, a routine whose file (and every library file) is
    unchanged since :meth:`Catalog.save_cache` comes from the cache instead of being read
    again. Total times are worked out when first asked for (:attr:`Entry.total`).

    *between*, when given, is called between files (a worker thread uses it to let the
    window's thread run).
    """
    layout = where if isinstance(where, Layout) else Layout(where, user=user)
    with gc_paused(reading=True):
        return _load(layout, between or _nothing)


def _nothing() -> None:
    pass


def _load(layout: Layout, between: Callable[[], None]) -> Catalog:
    files = [(path, bundled) for root, bundled in layout.roots() for path in routine_files([root])]
    libraries = [path for path, _ in files if is_library_file(path)]
    library, library_problems = read_libraries(
        libraries, [path for path, bundled in files if bundled]
    )
    allowed = layout.image_roots()
    cache = RoutineCache.open(layout.cache, [*libraries, *allowed])
    catalog = Catalog(library, [], library_problems, layout)
    catalog._cache = cache
    for path, is_bundled in files:
        if is_library_file(path) or is_programme_file(path):  # programmes: psoas_timer.practice
            continue
        entry = Entry(path, is_bundled)
        stat = _stat(path)
        known = stat is not None and cache.knows(path, stat)
        digest = content_digest(path) if known else None  # others: hashed when saved
        cached = cache.get(path, stat, digest) if stat is not None else None
        if cached is not None and _unpack(entry, cached, library, allowed):
            if entry.ok and entry._total is None:
                catalog._untimed.add(path)
        else:
            try:
                with reading(str(path)):  # whatever fails, it is this file's problem only
                    entry.routine = load_routine(path, library, allowed=allowed, bundled=is_bundled)
            except LoadError as exc:
                entry.problems = exc.problems
            catalog._unsaved.add(path)
        if stat is not None:
            catalog._stats[path] = stat
            catalog._digests[path] = digest
        catalog.entries.append(entry)
        between()
    return catalog


def _pack(entry: Entry) -> Cached:
    """What the cache keeps of *entry*: what the list shows, or its problems."""
    packed = entry._packed
    if packed is not None:  # known from the cache: no need to read the file for it
        return Cached(packed.name, packed.tags, packed.description, entry._total)
    routine = entry.routine
    if routine is None:
        return Cached(problems=tuple(entry.problems))
    return Cached(routine.name, tuple(routine.tags), routine.description, entry._total)


def _unpack(entry: Entry, cached: Cached, library: Library, allowed: list[Path]) -> bool:
    """Fill *entry* from *cached* (checked when the cache was read); True."""
    if cached.problems is not None:
        entry.problems = list(cached.problems)
        return True
    path, bundled = entry.path, entry.bundled  # not the entry: a cycle would keep it

    def reread() -> Routine:
        return load_routine(path, library, allowed=allowed, bundled=bundled)

    entry._packed = _Packed(cached.name, cached.tags, cached.description, reread)
    entry._total = cached.total
    return True


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None  # the loader says what is wrong with it
