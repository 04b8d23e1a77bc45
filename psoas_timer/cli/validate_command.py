"""``psoas-timer validate PATH...``: check routine, library and programme files, and folders
of them; exit 0 when all are valid, 1 when any has problems (each printed as
``file:line:column: what is wrong``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer.i18n import _, ngettext, pgettext

from .common import catalog, print_problems

if TYPE_CHECKING:
    from psoas_timer.core.model import Routine
    from psoas_timer.core.problems import Problem

__all__ = ["add_parser", "cmd_validate"]


def cmd_validate(args: argparse.Namespace) -> int:
    from psoas_timer import paths
    from psoas_timer.core.catalog import read_libraries
    from psoas_timer.core.loader import (
        is_library_file,
        is_programme_file,
        library_dir,
        load_routine,
        routine_files,
    )
    from psoas_timer.core.problems import LoadError, Problem

    given = [Path(p) for p in args.paths]
    files = routine_files(given)
    # A link that leads nowhere, or round in a loop, is there: reading it says what is wrong.
    missing = [Problem(str(p), 1, 1, _("file not found")) for p in given if not os.path.lexists(p)]
    files = [f for f in files if os.path.lexists(f)]
    libraries = [f for f in files if is_library_file(f)]
    bundled = library_dir(paths.bundled_routines_dir())
    base = routine_files([bundled]) if bundled.is_dir() else []
    library, problems = read_libraries(
        [*[b for b in base if b.resolve() not in {x.resolve() for x in libraries}], *libraries]
    )
    problems = [p for p in problems if any(p.file == str(lib) for lib in libraries)] + missing
    checked = 0
    programmes: list[Path] = []
    routines: dict[str, Routine] = {}
    for path in files:
        checked += 1
        if path in libraries:
            continue
        if is_programme_file(path):
            programmes.append(path)
            continue
        try:
            routines[path.stem] = load_routine(
                path, library, allowed=paths.catalog_layout().image_roots()
            )
        except LoadError as exc:
            problems.extend(exc.problems)
    problems.extend(_programme_problems(programmes, routines))
    print_problems(problems)
    bad = len({p.file for p in problems})
    if problems:
        total = checked + len(missing)
        checked_files = ngettext("{count} file", "{count} files", total).format(count=total)
        # Translators: {bad} of {files} ("2 files") checked have problems; the form
        # follows {bad}
        said = ngettext("{bad} of {files} has problems", "{bad} of {files} have problems", bad)
        print(said.format(bad=bad, files=checked_files), file=sys.stderr)
        return 1
    print(ngettext("{count} file valid", "{count} files valid", checked).format(count=checked))
    return 0


def _programme_problems(paths: list[Path], routines: dict[str, Routine]) -> list[Problem]:
    """What is wrong with the programmes at *paths*: their routines are looked for among
    *routines* (checked in the same run), then the bundled and the user's."""
    if not paths:
        return []
    from psoas_timer.core.problems import LoadError
    from psoas_timer.practice.programme import load_programme
    from psoas_timer.practice.programmes import routine_lookup, routine_names

    known = catalog()
    lookup = routine_lookup(known, routines)
    names = sorted({*routine_names(known), *routines})
    problems: list[Problem] = []
    for path in paths:
        try:
            load_programme(path, lookup, names)
        except LoadError as exc:
            problems.extend(exc.problems)
    return problems


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    help_text = _("check routine, library and programme files")
    p = sub.add_parser("validate", help=help_text, description=help_text)
    p.add_argument(
        "paths",
        nargs="+",
        metavar=pgettext("command line value", "PATH"),
        help=_("files, or folders to search for *.yaml"),
    )
    p.set_defaults(func=cmd_validate)
