"""Every routine the app knows: bundled and the user's, good or broken.

A broken file never hides the others: each entry carries either a routine or its problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .loader import Library, is_library_file, load_library, load_routine, routine_files
from .model import Routine
from .plan import Plan, compile_plan
from .problems import LoadError, Problem

__all__ = ["Catalog", "Entry", "load_catalog"]


@dataclass
class Entry:
    path: Path
    bundled: bool
    routine: Routine | None = None
    problems: list[Problem] = field(default_factory=list)
    _plan: Plan | None = None

    @property
    def ok(self) -> bool:
        return self.routine is not None

    @property
    def name(self) -> str:
        return self.routine.name if self.routine else self.path.stem

    @property
    def plan(self) -> Plan:
        if self.routine is None:
            raise ValueError(f"{self.path} has problems and cannot be planned")
        if self._plan is None:
            self._plan = compile_plan(self.routine)
        return self._plan


@dataclass
class Catalog:
    library: Library
    entries: list[Entry]
    library_problems: list[Problem]

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
        for entry in self.entries:
            if entry.routine is not None and entry.routine.name.lower() == wanted:
                return entry
        return None

    def read_file(self, path: Path, allowed: Iterable[Path] = ()) -> Entry:
        """An entry for a routine file outside the catalog, read against its library: the
        routine, or what is wrong with the file (a missing one included)."""
        entry = Entry(path, bundled=False)
        try:
            entry.routine = load_routine(path, self.library, allowed=allowed)
        except LoadError as exc:
            entry.problems = exc.problems
        return entry


def read_libraries(paths: Iterable[Path]) -> tuple[Library, list[Problem]]:
    library = Library()
    problems: list[Problem] = []
    for path in paths:
        try:
            load_library(path, into=library)
        except LoadError as exc:
            problems.extend(exc.problems)
    return library, problems


def load_catalog(bundled: Path, user: Path | None = None) -> Catalog:
    """Read every routine under *bundled* and *user* (libraries first, from ``library/``)."""
    roots = [(bundled, True)] + ([(user, False)] if user is not None and user.is_dir() else [])
    files = [(path, is_bundled) for root, is_bundled in roots for path in routine_files([root])]
    library, library_problems = read_libraries(path for path, _ in files if is_library_file(path))
    allowed = [bundled.parent / "assets", bundled]
    entries: list[Entry] = []
    for path, is_bundled in files:
        if is_library_file(path):
            continue
        entry = Entry(path, is_bundled)
        try:
            entry.routine = load_routine(path, library, allowed=allowed)
        except LoadError as exc:
            entry.problems = exc.problems
        entries.append(entry)
    return Catalog(library, entries, library_problems)
