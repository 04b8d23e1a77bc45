"""The commands about the routines themselves: ``psoas-timer list [--json]`` (bundled and
user routines with their total time, the broken ones with their problems), ``psoas-timer
plan ROUTINE [--json]`` (the compiled timeline) and ``psoas-timer schema
[--library|--programme]`` (the JSON Schema of the format)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from .common import catalog, count, print_problems, resolve

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Entry
    from psoas_timer.core.plan import Cue, Plan

__all__ = ["add_parsers", "cmd_list", "cmd_plan", "cmd_schema"]


def cmd_list(args: argparse.Namespace) -> int:
    """Routines that load first (bundled, then the user's), then the broken ones, each with
    its problems right under it (and the exercise library's problems last)."""
    from psoas_timer.core.duration import format_clock
    from psoas_timer.core.problems import printable

    known = catalog()
    entries = sorted(known.entries, key=lambda e: (not e.ok, not e.bundled))  # stable
    rows: list[dict[str, object]] = []
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
        _add_files(rows, entries)
        print(json.dumps(rows, indent=2))
        return 0
    names = [printable(str(row["name"])) for row in rows]
    width = max((len(name) for name in names), default=10)
    broken = [entry for entry in entries if not entry.ok]
    for row, entry, name in zip(rows, entries, names, strict=True):
        if entry is (broken[0] if broken else None):
            verb = "has" if len(broken) == 1 else "have"
            print(f"\n{count(len(broken), 'routine')} {verb} problems:")
        total = row["total_seconds"]
        time = format_clock(total) if isinstance(total, float) else "broken"
        tags = printable(", ".join(row["tags"]))  # type: ignore[arg-type]
        print(f"{name:<{width}}  {time:>8}  {row['source']:<7}  {tags}".rstrip())
        for problem in entry.problems:
            print(f"    {printable(str(problem))}")
    if known.library_problems:
        print("\nThe exercise library has problems:")
        for problem in known.library_problems:
            print(f"    {printable(str(problem))}")
    known.save_cache()  # the totals are known now: the next start need not work them out
    return 0


def _add_files(rows: list[dict[str, object]], entries: list[Entry]) -> None:
    """Each routine's pictures and voice clips (and lines said without a clip) in *rows*."""
    from psoas_timer import paths
    from psoas_timer.audio.assets import Assets

    from .routine_files import RoutineFiles, routine_files

    assets = Assets(paths.assets_dir())
    for row, entry in zip(rows, entries, strict=True):
        files = RoutineFiles()
        if entry.ok and entry.routine is not None:
            files = routine_files(entry.routine, assets)
        row["pictures"] = files.pictures
        row["voice_clips"] = files.voice_clips
        row["spoken_without_clip"] = files.spoken_without_clip


def _plan_text(plan: Plan) -> str:
    from psoas_timer.core.duration import format_clock
    from psoas_timer.core.problems import printable

    segments = count(len(plan.segments), "segment")
    lines = [f"{plan.name} — {format_clock(plan.total)} in {segments}"]
    for choice in plan.choices:
        options = " or ".join(
            f"{name} (default)" if i == choice.default else name
            for i, name in enumerate(choice.options)
        )
        lines.append(f"  asks at the start: {choice.question} {options}")
    cues: dict[int, list[tuple[float, Cue]]] = {}
    closing: list[tuple[float, Cue]] = []
    for at, cue, where_said in plan.cues():
        if where_said is None:
            closing.append((at, cue))
        else:
            cues.setdefault(where_said.index, []).append((at, cue))
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
            f"{_clock(seg.start):>8}  {seg.kind:<8} "
            f"{_clock(seg.duration):>6}  {seg.label}" + (f"  ({where})" if where else "")
        )
        lines += [_cue_line(at, cue) for at, cue in cues.get(seg.index, [])]
    lines += [_cue_line(at, cue) for at, cue in closing]
    return "\n".join(printable(line) for line in lines)


def _cue_line(at: float, cue: Cue) -> str:
    """A cue under its segment: when it comes in the session, its kind and what it says."""
    return f"{'':>8}  {_clock(at):>8}  {cue.kind.replace('_', ' ')}: {cue.text}"


def _clock(seconds: float) -> str:
    """``1:30``; with tenths when the time is not whole (``0:01.5``), so the times add up."""
    from psoas_timer.core.duration import format_clock

    whole = round(seconds)
    if abs(seconds - whole) < 0.05:
        return format_clock(whole)
    minutes, rest = divmod(round(seconds, 1), 60)
    return f"{int(minutes)}:{rest:04.1f}"


def cmd_plan(args: argparse.Namespace) -> int:
    from psoas_timer.core.plan import compile_plan

    entry = resolve(args.routine)
    if entry.routine is None:
        print_problems(entry.problems)
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


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``list``, ``plan`` and ``schema``, in that order."""
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
