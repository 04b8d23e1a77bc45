"""``psoas-timer export-audio ROUTINE -o FILE``: a whole session, cues and all, rendered to
one WAV file (:mod:`psoas_timer.audio.export`), or MP3, Ogg or Opus made from it by FFmpeg
(:mod:`psoas_timer.audio.encode`): the format the file's name asks for, or a refusal naming
those it can write."""

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
    from psoas_timer.audio.encode import EncodeError, encode, format_for, writable_formats

    out = Path(args.output)
    fmt = format_for(out)
    can = ", ".join(f.suffix for f in writable_formats())
    if fmt is None or fmt not in writable_formats():
        why = (
            f"{fmt.name} needs FFmpeg with its {fmt.encoder} encoder, which is not installed here"
            if fmt is not None
            else f"'{out.suffix or out.name}' is not a sound format it writes"
        )
        print(f"psoas-timer: cannot write {out}: {why}.", file=sys.stderr)
        print(f"It can write: {can}", file=sys.stderr)
        return 1
    try:
        if fmt.encoder:  # the WAV first, beside the target, then encoded
            import tempfile

            with tempfile.TemporaryDirectory(dir=out.parent if out.parent.is_dir() else None) as d:
                wav = Path(d) / "session.wav"
                export_session(compile_plan(entry.routine), wav)
                encode(wav, out, fmt)
        else:
            export_session(compile_plan(entry.routine), out)
    except EncodeError as exc:
        print(f"psoas-timer: cannot write {out}: {exc}", file=sys.stderr)
        return 1
    except ExportTooLongError as exc:
        print(f"psoas-timer: cannot export {args.routine}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"psoas-timer: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export-audio",
        help="render a whole session to one sound file: WAV, or MP3, Ogg or Opus with FFmpeg",
    )
    p.add_argument("routine", metavar="ROUTINE")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="FILE.wav; FILE.mp3, FILE.ogg or FILE.opus where FFmpeg is installed",
    )
    p.set_defaults(func=cmd_export_audio)
