"""Programmes beside the routine catalog: finding them, reading them, and today's session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from psoas_timer.core.catalog import Catalog
from psoas_timer.core.model import Routine
from psoas_timer.core.problems import LoadError, Problem

from .programme import (
    LoadedProgramme,
    Progress,
    RoutineLookup,
    Today,
    load_programme,
    programme_files,
)
from .schedule import PROGRAMME_TARGET, DoneLog, NoHistory, Resolver
from .store import PracticeData

__all__ = ["ProgrammeEntry", "Programmes", "load_programmes", "routine_lookup"]


def routine_lookup(catalog: Catalog, extra: dict[str, Routine] | None = None) -> RoutineLookup:
    """A :data:`~.programme.RoutineLookup` over *catalog* (and *extra* routines by key)."""

    def lookup(name: str) -> tuple[str, Routine] | list[Problem] | None:
        if extra and name in extra:
            return name, extra[name]
        entry = catalog.find(name)
        if entry is None:
            return None
        return (entry.path.stem, entry.routine) if entry.routine is not None else entry.problems

    return lookup


def routine_names(catalog: Catalog) -> list[str]:
    return sorted({e.path.stem for e in catalog.entries})


@dataclass
class ProgrammeEntry:
    path: Path
    bundled: bool
    programme: LoadedProgramme | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.path.stem

    @property
    def name(self) -> str:
        return self.programme.name if self.programme else self.path.stem


@dataclass
class Programmes:
    entries: list[ProgrammeEntry]

    def find(self, key: str) -> ProgrammeEntry | None:
        wanted = key.strip().lower()
        for entry in self.entries:
            if wanted in (entry.key.lower(), entry.path.name.lower(), entry.name.lower()):
                return entry
        return None

    def today(self, data: PracticeData, day: date, done: DoneLog | None = None) -> Today | None:
        """Where *data*'s programme is on *day*, or ``None`` if none is followed (or it is
        missing or broken)."""
        if data.programme is None:
            return None
        entry = self.find(data.programme)
        if entry is None or entry.programme is None:
            return None
        start = data.programme_start or day
        return Progress(entry.programme, start, done or NoHistory()).today(day)

    def resolver(self, data: PracticeData, done: DoneLog | None = None) -> Resolver:
        """A reminder target resolver: the programme's routine for a day, or the target."""

        def resolve(target: str, day: date) -> str | None:
            if target != PROGRAMME_TARGET:
                return target
            today = self.today(data, day, done)
            return today.routine if today else None

        return resolve


def load_programmes(catalog: Catalog, roots: Iterable[tuple[Path, bool]]) -> Programmes:
    """Every programme under *roots* (``(folder, bundled)``), read against *catalog*."""
    lookup = routine_lookup(catalog)
    names = routine_names(catalog)
    entries: list[ProgrammeEntry] = []
    for root, bundled in roots:
        for path in programme_files([root]):
            entry = ProgrammeEntry(path, bundled)
            try:
                entry.programme = load_programme(path, lookup, names, bundled=bundled)
            except LoadError as exc:
                entry.problems = exc.problems
            entries.append(entry)
    return Programmes(entries)
