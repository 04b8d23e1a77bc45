"""``psoas-timer export-audio ROUTINE -o FILE.wav``: a whole session, cues and all, rendered
to one WAV file (:mod:`psoas_timer.audio.export`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import print_problems, resolve

__all__ = ["add_parser", "cmd_export_audio"]


def cmd_export_audio(args: argparse.Namespace) -> int:
    from psoas_timer.core.plan import compile_plan

    entry = resolve(args.routine)
    if entry.routine is None:
        print_problems(entry.problems)
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


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export-audio", help="render a whole session to one WAV file")
    p.add_argument("routine", metavar="ROUTINE")
    p.add_argument("-o", "--output", required=True, metavar="FILE.wav")
    p.set_defaults(func=cmd_export_audio)
