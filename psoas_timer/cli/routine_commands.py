"""The commands about the routines themselves: ``psoas-timer list [--json]`` (bundled and
user routines with their total time, the broken ones with their problems), ``psoas-timer
plan ROUTINE [--json]`` (the compiled timeline) and ``psoas-timer schema
[--library|--programme]`` (the JSON Schema of the format)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from psoas_timer.i18n import N_, _, ngettext, pgettext

from .common import catalog, print_problems, resolve

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
            said = ngettext(
                "{count} routine has problems:", "{count} routines have problems:", len(broken)
            )
            print("\n" + said.format(count=len(broken)))
        total = row["total_seconds"]
        # Translators: in 'psoas-timer list', the time of a routine that cannot be read
        time = format_clock(total) if isinstance(total, float) else _("broken")
        tags = printable(", ".join(row["tags"]))  # type: ignore[arg-type]
        source = (
            pgettext("routine source", "bundled")
            if entry.bundled
            else pgettext("routine source", "user")
        )
        print(f"{name:<{width}}  {time:>8}  {source:<7}  {tags}".rstrip())
        for problem in entry.problems:
            print(f"    {printable(str(problem))}")
    if known.library_problems:
        print("\n" + _("The exercise library has problems:"))
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

    n = len(plan.segments)
    lines = [
        # Translators: the heading of 'psoas-timer plan': a routine, its length, its segments
        ngettext(
            "{name} — {time} in {count} segment", "{name} — {time} in {count} segments", n
        ).format(name=plan.name, time=format_clock(plan.total), count=n)
    ]
    for choice in plan.choices:
        named = [
            _("{option} (default)").format(option=name) if i == choice.default else name
            for i, name in enumerate(choice.options)
        ]
        options = _(" or ").join(named)
        lines.append(
            "  "
            + _("asks at the start: {question} {options}").format(
                question=choice.question, options=options
            )
        )
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
                _sides().get(seg.side, seg.side) if seg.side else "",
                _("Set {set} of {sets}").format(set=seg.set, sets=seg.sets) if seg.sets > 1 else "",
                _("Rep {rep} of {reps}").format(rep=seg.rep, reps=seg.reps) if seg.reps else "",
                _(_PHASES[seg.phase]) if seg.phase in _PHASES else seg.phase or "",
                pgettext("an open hold", "open") if seg.open else "",
                rounds,
            )
            if part
        )
        lines.append(
            f"{_clock(seg.start):>8}  {_kind(seg.kind):<8} "
            f"{_clock(seg.duration):>6}  {seg.label}" + (f"  ({where})" if where else "")
        )
        lines += [_cue_line(at, cue) for at, cue in cues.get(seg.index, [])]
    lines += [_cue_line(at, cue) for at, cue in closing]
    return "\n".join(printable(line) for line in lines)


#: The kinds of segment and cue as 'psoas-timer plan' names them (marked; translated there).
_KINDS = {
    "prepare": N_("prepare"),
    "hold": N_("hold"),
    "rep": N_("rep"),
    "open": N_("open"),
    "breathe": N_("breathe"),
    "rest": N_("rest"),
    "switch": N_("switch"),
    "get_ready": N_("get ready"),
    "step": N_("step"),
    "side": N_("side"),
    "start": N_("start"),
    "rep_phase": N_("rep phase"),
    "end": N_("end"),
    "halfway": N_("halfway"),
    "ten_seconds": N_("ten seconds"),
    "countdown": N_("countdown"),
    "milestone": N_("milestone"),
    "prompt": N_("prompt"),
    "inhale": N_("inhale"),
    "exhale": N_("exhale"),
    "hold_breath": N_("hold breath"),
    # Translators: the question an open hold asks at its target ("Has it softened?"), not
    # the weekly check-in
    "check_in": N_("check in"),
    "next": N_("next"),
    "switch_sides": N_("switch sides"),
    "done": N_("done"),
}


def _kind(kind: str) -> str:
    """A segment's or cue's kind in words (``get_ready`` -> ``get ready``)."""
    # Translators: the kinds of segment and cue in 'psoas-timer plan' (a column, lower case)
    return _(_KINDS[kind]) if kind in _KINDS else kind.replace("_", " ")


#: A rep's phases as 'psoas-timer plan' names them beside a segment.
_PHASES = {"up": N_("up"), "hold": N_("hold"), "down": N_("down")}


def _sides() -> dict[str, str]:
    return {"left": _("Left"), "right": _("Right")}


def _cue_line(at: float, cue: Cue) -> str:
    """A cue under its segment: when it comes in the session, its kind and what it says."""
    what = _kind(cue.kind)
    return f"{'':>8}  {_clock(at):>8}  " + _("{kind}: {text}").format(kind=what, text=cue.text)


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
    json_help = _("print JSON (the same in every language)")
    p = sub.add_parser("list", help=_("list bundled and user routines"))
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("plan", help=_("print a routine's compiled timeline"))
    p.add_argument(
        "routine",
        metavar=pgettext("command line value", "ROUTINE"),
        help=_("a file, or the name of a known routine"),
    )
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(func=cmd_plan)
    p = sub.add_parser("schema", help=_("print the routine format's JSON Schema"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--library", action="store_true", help=_("the exercise library's schema"))
    which.add_argument("--programme", action="store_true", help=_("the programme format's schema"))
    p.set_defaults(func=cmd_schema)
