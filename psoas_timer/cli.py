"""The ``psoas-timer`` command. Its arguments and outputs are a public contract: keep them stable.

- ``psoas-timer [ROUTINE]`` opens the app (with that routine).
- ``psoas-timer validate PATH...`` checks files and folders; exit 0 valid, 1 problems, 2 usage.
- ``psoas-timer list [--json]`` lists bundled and user routines with their total time.
- ``psoas-timer plan ROUTINE [--json]`` prints the compiled timeline.
- ``psoas-timer schema [--library|--programme]`` prints the JSON Schema.
- ``psoas-timer today [--json] [--programme NAME]`` prints today's programme session.
- ``psoas-timer export-audio ROUTINE -o FILE.wav`` renders a session to one WAV file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from psoas_timer import __version__

# The core (and pydantic with it) is imported inside each command, so that opening the
# window, the most common use, does not pay for what only the commands need.
if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.core.model import Routine
    from psoas_timer.core.plan import Plan
    from psoas_timer.core.problems import Problem
    from psoas_timer.history import HistoryStore, SessionDetail

__all__ = ["main"]

COMMANDS = ("validate", "list", "plan", "schema", "export-audio", "history", "today")
VERBOSE = ("--verbose", "-v")
_VERBOSE_HELP = "print what the app logs to stderr too, in detail"


def _catalog() -> Catalog:
    from psoas_timer import paths
    from psoas_timer.core.catalog import load_catalog

    return load_catalog(paths.catalog_layout())


def _resolve(key: str) -> Entry:
    """A routine given as a path, or as a name, file name or file stem from the catalog:
    :meth:`Catalog.resolve`, as the window does it."""
    catalog = _catalog()
    found = catalog.resolve(key)
    if found is not None:
        return found
    from psoas_timer.core.problems import printable

    names = ", ".join(sorted(e.path.stem for e in catalog.entries))
    raise SystemExit(
        printable(f"psoas-timer: no routine named {key!r}{_closest(key, catalog)}")
        + f"\nknown routines: {printable(names)}"
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


def _count(n: int, word: str) -> str:
    """``"1 file"``, ``"2 files"``: every count the commands print."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _print_problems(problems: Sequence[Problem]) -> None:
    from psoas_timer.core.problems import printable

    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)


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
    missing = [Problem(str(p), 1, 1, "file not found") for p in given if not os.path.lexists(p)]
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
    _print_problems(problems)
    bad = len({p.file for p in problems})
    if problems:
        verb = "has" if bad == 1 else "have"
        total = _count(checked + len(missing), "file")
        print(f"{bad} of {total} {verb} problems", file=sys.stderr)
        return 1
    print(f"{_count(checked, 'file')} valid")
    return 0


def _programme_problems(paths: list[Path], routines: dict[str, Routine]) -> list[Problem]:
    """What is wrong with the programmes at *paths*: their routines are looked for among
    *routines* (checked in the same run), then the bundled and the user's."""
    if not paths:
        return []
    from psoas_timer.core.problems import LoadError
    from psoas_timer.practice.programme import load_programme
    from psoas_timer.practice.programmes import routine_lookup, routine_names

    catalog = _catalog()
    lookup = routine_lookup(catalog, routines)
    names = sorted({*routine_names(catalog), *routines})
    problems: list[Problem] = []
    for path in paths:
        try:
            load_programme(path, lookup, names)
        except LoadError as exc:
            problems.extend(exc.problems)
    return problems


def cmd_list(args: argparse.Namespace) -> int:
    """Routines that load first (bundled, then the user's), then the broken ones, each with
    its problems right under it (and the exercise library's problems last)."""
    from psoas_timer.core.duration import format_clock
    from psoas_timer.core.problems import printable

    catalog = _catalog()
    entries = sorted(catalog.entries, key=lambda e: (not e.ok, not e.bundled))  # stable
    rows = []
    for entry in entries:
        rows.append(
            {
                "name": entry.name,
                "path": str(entry.path),
                "source": "bundled" if entry.bundled else "user",
                "tags": entry.tags,
                "total_seconds": round(entry.total, 3) if entry.ok else None,
                "problems": [str(p) for p in entry.problems],
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    names = [printable(str(row["name"])) for row in rows]
    width = max((len(name) for name in names), default=10)
    broken = [entry for entry in entries if not entry.ok]
    for row, entry, name in zip(rows, entries, names, strict=True):
        if entry is (broken[0] if broken else None):
            verb = "has" if len(broken) == 1 else "have"
            print(f"\n{_count(len(broken), 'routine')} {verb} problems:")
        total = row["total_seconds"]
        time = format_clock(total) if isinstance(total, float) else "broken"
        tags = printable(", ".join(row["tags"]))  # type: ignore[arg-type]
        print(f"{name:<{width}}  {time:>8}  {row['source']:<7}  {tags}".rstrip())
        for problem in entry.problems:
            print(f"    {printable(str(problem))}")
    if catalog.library_problems:
        print("\nThe exercise library has problems:")
        for problem in catalog.library_problems:
            print(f"    {printable(str(problem))}")
    catalog.save_cache()  # the totals are known now: the next start need not work them out
    return 0


def _plan_text(plan: Plan) -> str:
    from psoas_timer.core.duration import format_clock
    from psoas_timer.core.problems import printable

    count = _count(len(plan.segments), "segment")
    lines = [f"{plan.name} — {format_clock(plan.total)} in {count}"]
    for choice in plan.choices:
        options = " or ".join(
            f"{name} (default)" if i == choice.default else name
            for i, name in enumerate(choice.options)
        )
        lines.append(f"  asks at the start: {choice.question} {options}")
    for seg in plan.segments:
        rounds = plan.steps[seg.step].rounds_label()
        where = " · ".join(
            part
            for part in (
                seg.side.capitalize() if seg.side else "",
                f"Set {seg.set} of {seg.sets}" if seg.sets > 1 else "",
                f"Rep {seg.rep} of {seg.reps}" if seg.reps else "",
                seg.phase or "",
                "open" if seg.open else "",
                rounds,
            )
            if part
        )
        lines.append(
            f"{format_clock(seg.start):>8}  {seg.kind:<8} "
            f"{format_clock(seg.duration):>6}  {seg.label}" + (f"  ({where})" if where else "")
        )
    return "\n".join(printable(line) for line in lines)


def cmd_plan(args: argparse.Namespace) -> int:
    from psoas_timer.core.plan import compile_plan

    entry = _resolve(args.routine)
    if entry.routine is None:
        _print_problems(entry.problems)
        return 1
    plan = compile_plan(entry.routine)
    print(json.dumps(plan.to_json(), indent=2) if args.json else _plan_text(plan))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from psoas_timer.core.schema import schema_text

    if args.programme:
        from psoas_timer.practice.programme import programme_schema

        sys.stdout.write(json.dumps(programme_schema(), indent=2) + "\n")
        return 0
    sys.stdout.write(schema_text(library=args.library))
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    """Today's session of the programme the user follows (or of ``--programme``, as if
    started today)."""
    from datetime import date

    from psoas_timer import paths
    from psoas_timer.practice.programmes import load_programmes
    from psoas_timer.practice.store import load_practice

    catalog = _catalog()
    programmes = load_programmes(
        catalog,
        [(paths.bundled_routines_dir(), True), (paths.user_routines_dir(), False)],
    )
    data = load_practice(paths.user_data_dir())
    if args.programme:
        entry = programmes.find(args.programme)
        if entry is None:
            names = ", ".join(sorted(e.key for e in programmes.entries))
            print(f"psoas-timer: no programme named {args.programme!r}", file=sys.stderr)
            print(f"known programmes: {names}", file=sys.stderr)
            return 1
        if entry.key != data.programme:
            data.programme, data.programme_start = entry.key, None
    elif data.programme is None:
        print(
            "No programme followed yet: choose one in Reminders (in the app), or try "
            "'psoas-timer today --programme NAME'.",
            file=sys.stderr,
        )
        print(
            "programmes: " + ", ".join(sorted(e.key for e in programmes.entries)),
            file=sys.stderr,
        )
        return 1
    entry = programmes.find(data.programme or "")
    if entry is None or entry.programme is None:
        print(f"psoas-timer: the programme {data.programme!r} cannot be used:", file=sys.stderr)
        _print_problems(entry.problems if entry else [])
        return 1
    done = None
    try:
        from psoas_timer.history import HistoryError, HistoryStore
        from psoas_timer.practice.history_log import HistoryDoneLog

        store = HistoryStore.open(paths.history_file())
        done = HistoryDoneLog(store)
    except HistoryError as exc:  # a week counted by sessions then counts none
        print(f"psoas-timer: the history cannot be read ({exc})", file=sys.stderr)
    today = programmes.today(data, date.today(), done)
    if done is not None:
        done.store.close()
    assert today is not None
    if args.json:
        print(json.dumps({"date": date.today().isoformat(), **today.to_json()}, indent=2))
    else:
        print(f"Today: {today.label()}")
        for line in today.since_last_week:
            print(f"  since last week: {line}")
    return 0


def cmd_export_audio(args: argparse.Namespace) -> int:
    from psoas_timer.core.plan import compile_plan

    entry = _resolve(args.routine)
    if entry.routine is None:
        _print_problems(entry.problems)
        return 1
    try:
        from psoas_timer.audio.export import ExportTooLongError, export_session
    except ImportError as exc:  # pragma: no cover - only in a broken install
        print(f"psoas-timer: audio export is unavailable: {exc}", file=sys.stderr)
        return 1
    try:
        export_session(compile_plan(entry.routine), Path(args.output))
    except ExportTooLongError as exc:
        print(f"psoas-timer: cannot export {args.routine}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"psoas-timer: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


def _open_history() -> HistoryStore | None:
    """The user's history, or None after saying why it cannot be opened."""
    from psoas_timer import paths
    from psoas_timer.history import HistoryError, HistoryStore

    try:
        store = HistoryStore.open(paths.history_file())
    except HistoryError as exc:
        print(f"psoas-timer: {exc}", file=sys.stderr)
        return None
    if store.notice:
        print(f"psoas-timer: {store.notice}", file=sys.stderr)
    return store


def _session_json(detail: SessionDetail) -> dict[str, object]:
    s = detail.summary
    return {
        "id": s.id,
        "routine": s.routine.name,
        "routine_file": s.routine.file,
        "routine_hash": s.routine.content_hash,
        "started_at": s.started.isoformat(),
        "ended_at": s.ended.isoformat() if s.ended else None,
        "ending": s.ending,
        "planned_seconds": round(s.planned_seconds, 3),
        "active_seconds": round(s.active_seconds, 3),
        "paused_seconds": round(s.paused_seconds, 3),
        "steps_planned": s.steps_planned,
        "steps_done": s.steps_done,
        "steps_skipped": s.steps_skipped,
        "note": s.note,
        "steps": [
            {
                "step": st.step,
                "name": st.name,
                "library_id": st.library_id,
                "kind": st.kind,
                "side": st.side,
                "set": st.set,
                "planned_seconds": round(st.planned_seconds, 3),
                "actual_seconds": round(st.actual_seconds, 3),
                "done": st.done,
            }
            for st in detail.steps
        ],
        "releases": [
            {
                "step": r.step,
                "point": r.point.key,
                "name": r.name,
                "library_id": r.library_id,
                "side": r.side,
                "set": r.set,
                "seconds": round(r.seconds, 3),
                "min_seconds": r.min_seconds,
                "target_seconds": r.target_seconds,
                "max_seconds": r.max_seconds,
                "ending": r.ending,
            }
            for r in detail.releases
        ],
        "ratings": [
            {"moment": r.moment, "area": r.area.name, "side": r.area.side, "score": r.score}
            for r in detail.ratings
        ],
    }


def cmd_history(args: argparse.Namespace) -> int:
    from psoas_timer.history import HistoryError, format_seconds

    store = _open_history()
    if store is None:
        return 1
    with store:
        if args.history_command == "export":
            try:
                count = store.export(Path(args.output))
            except OSError as exc:
                print(f"psoas-timer: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
                return 1
            print(f"wrote {_count(count, 'session')} to {args.output}")
            return 0
        if args.history_command == "import":
            try:
                result = store.import_file(Path(args.file))
            except HistoryError as exc:
                print(f"psoas-timer: {exc}", file=sys.stderr)
                print("Nothing was imported.", file=sys.stderr)
                return 1
            print(
                f"imported {_count(result.added, 'session')} from {args.file}"
                + (f" ({result.already_there} already there)" if result.already_there else "")
            )
            return 0
        sessions = store.sessions(since=args.since)
        if args.json:
            details = [store.session(s.id) for s in sessions]
            print(json.dumps([_session_json(d) for d in details if d is not None], indent=2))
            return 0
        if not sessions:
            print("No sessions recorded" + (f" since {args.since}." if args.since else " yet."))
            return 0
        width = max(len(s.routine.name) for s in sessions)
        for s in sessions:
            ending = s.ending or "unfinished"
            steps = f"{s.steps_done} of {_count(s.steps_planned, 'step')} done" + (
                f", {s.steps_skipped} skipped" if s.steps_skipped else ""
            )
            print(
                f"{s.started:%Y-%m-%d %H:%M}  {s.routine.name:<{width}}  "
                f"{format_seconds(s.active_seconds):>7}  {ending:<11}  {steps}"
            )
        streak = store.streak()
        print(
            f"\n{_count(len(sessions), 'session')}; current streak {_count(streak.current, 'day')}"
            f", longest {_count(streak.longest, 'day')} (goal: {streak.goal} days a week)"
        )
        print(f"History file: {store.path}")
    return 0


def _date(text: str) -> object:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-03-29: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="psoas-timer",
        description="A hands-free guided timer for hip-flexor, psoas and iliacus routines.",
    )
    parser.add_argument("--version", action="version", version=f"psoas-timer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_VERBOSE_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("validate", help="check routine and library files")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, or folders to search for *.yaml"
    )
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("list", help="list bundled and user routines")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("plan", help="print a routine's compiled timeline")
    p.add_argument("routine", metavar="ROUTINE", help="a file, or the name of a known routine")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_plan)
    p = sub.add_parser("schema", help="print the routine format's JSON Schema")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--library", action="store_true", help="the exercise library's schema")
    which.add_argument("--programme", action="store_true", help="the programme format's schema")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("today", help="print today's session of your programme")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--programme", metavar="NAME", help="a programme to show (as if started today)")
    p.set_defaults(func=cmd_today)
    p = sub.add_parser("export-audio", help="render a whole session to one WAV file")
    p.add_argument("routine", metavar="ROUTINE")
    p.add_argument("-o", "--output", required=True, metavar="FILE.wav")
    p.set_defaults(func=cmd_export_audio)
    p = sub.add_parser("history", help="list, export or import the sessions you have done")
    p.add_argument("--json", action="store_true", help="print JSON, with every step")
    p.add_argument("--since", type=_date, metavar="DATE", help="only sessions from DATE on")
    p.set_defaults(func=cmd_history, history_command=None)
    history = p.add_subparsers(dest="history_command", metavar="ACTION")
    h = history.add_parser("export", help="write every session to a CSV or JSON Lines file")
    h.add_argument("-o", "--output", required=True, metavar="FILE", help="*.csv or *.jsonl")
    h = history.add_parser("import", help="merge a file exported on another computer")
    h.add_argument("file", metavar="FILE")
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="psoas-timer",
        usage="psoas-timer [--background] [ROUTINE] | psoas-timer {validate,list,plan,schema,"
        "export-audio,history,today} ...",
        description="Open Psoas Timer, optionally with ROUTINE. Commands: validate, list, "
        "plan, schema, export-audio, history, today (see 'psoas-timer COMMAND -h').",
    )
    parser.add_argument("--version", action="version", version=f"psoas-timer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=_VERBOSE_HELP)
    parser.add_argument(
        "routine", nargs="?", metavar="ROUTINE", help="a routine file or name to open"
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray, for reminders (what the start-at-login entry runs)",
    )
    return parser


class _Inert:
    """A text stream that writes every control character but the line break as an escape:
    whatever a command prints (a file name, a key or a routine's name from a file, an error
    that quotes one), nothing reaches the terminal that it would act on instead of show."""

    def __init__(self, stream: TextIO) -> None:
        from psoas_timer.core.problems import printable

        self._stream = stream
        self._printable = printable

    def write(self, text: str) -> int:
        self._stream.write(self._printable(text, lines=True))
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, fileno, encoding...
        return getattr(self._stream, name)


@contextlib.contextmanager
def _inert_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Inert(out), _Inert(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _take_verbose(args: list[str]) -> tuple[list[str], bool]:
    """*args* without ``--verbose``/``-v`` (anywhere before ``--``), and whether it was there."""
    end = args.index("--") if "--" in args else len(args)
    kept = [a for a in args[:end] if a not in VERBOSE] + args[end:]
    return kept, len(kept) != len(args)


def main(argv: Sequence[str] | None = None) -> int:
    from psoas_timer import logs

    args_list, verbose = _take_verbose(list(sys.argv[1:] if argv is None else argv))
    if args_list and args_list[0] in COMMANDS:
        with _inert_output():
            args = _parser().parse_args(args_list)
            logs.setup(verbose=verbose)
            try:
                result: int = args.func(args)
                sys.stdout.flush()
            except BrokenPipeError:  # e.g. `psoas-timer plan x | head`: not worth a trace
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 1
        return result
    app_args = _app_parser().parse_args(args_list)
    logs.setup(verbose=verbose)
    try:
        from psoas_timer.ui.shell.app import run
    except ImportError as exc:
        print(f"psoas-timer: cannot start the window: {exc}", file=sys.stderr)
        print("Run 'psoas-timer --help' for the commands that work without it.", file=sys.stderr)
        return 1
    status: int = run(app_args.routine, background=app_args.background)
    return status
