"""What the commands share: finding a routine as the window does, and printing counts and
problems the same way in every command."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer.i18n import _, format_decimal

# The core (and pydantic with it) is imported inside each function, so that opening the
# window, the most common use, does not pay for what only the commands need.
if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.core.problems import Problem

__all__ = ["catalog", "number", "print_problems", "resolve"]


def catalog() -> Catalog:
    """The bundled routines and the user's, as the window reads them."""
    from psoas_timer import paths
    from psoas_timer.core.catalog import load_catalog

    return load_catalog(paths.catalog_layout())


def resolve(key: str) -> Entry:
    """A routine given as a path, or as a name, file name or file stem from the catalog:
    :meth:`Catalog.resolve`, as the window does it."""
    found_in = catalog()
    found = found_in.resolve(key)
    if found is not None:
        return found
    from psoas_timer.core.problems import printable

    names = ", ".join(sorted(e.path.stem for e in found_in.entries))
    raise SystemExit(
        printable(
            _("psoas-timer: no routine named {name}").format(name=repr(key))
            + _closest(key, found_in)
        )
        + "\n"
        + _("known routines: {names}").format(names=printable(names))
    )


def _closest(key: str, catalog: Catalog) -> str:
    """``"; did you mean 'x'?"`` naming up to three routines, each once, in the form *key*
    was given in (a file name, a stem or a routine's name)."""
    from psoas_timer.core.problems import close_matches, suggestion

    owners: dict[str, Path] = {}
    for entry in catalog.entries:
        names = [entry.path.name, entry.path.stem, *([entry.routine.name] if entry.routine else [])]
        for name in names:
            owners.setdefault(name, entry.path)
    picked: dict[Path, str] = {}
    for match in close_matches(key, owners, n=len(owners), ignore_case=True):
        picked.setdefault(owners[match], match)
    return suggestion(list(picked.values())[:3])


def number(n: float) -> str:
    """*n* as the user's locale writes it (``1,234`` or ``1.234``; ``1.5`` or ``1,5``)."""
    return format_decimal(n)


def print_problems(problems: Sequence[Problem]) -> None:
    """Each problem on a line of its own, on stderr."""
    from psoas_timer.core.problems import printable

    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)
