"""``psoas-timer export-audio ROUTINE -o FILE``: a whole session, cues and all, rendered to
one WAV file (:mod:`psoas_timer.audio.export`), or MP3, Ogg or Opus made from it by FFmpeg
(:mod:`psoas_timer.audio.encode`): the format the file's name asks for, or a refusal naming
those it can write."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from psoas_timer.i18n import _, language, languages, pgettext, set_language

from .common import print_problems, resolve

__all__ = ["add_parser", "cmd_export_audio"]


def cmd_export_audio(args: argparse.Namespace) -> int:
    from psoas_timer.core.plan import compile_plan

    if args.language:  # what the session says, and the bundled routine's words, in it
        set_language(args.language)
    entry = resolve(args.routine)
    if entry.routine is None:
        print_problems(entry.problems)
        return 1
    try:
        from psoas_timer.audio.export import ExportTooLongError, export_session
    except ImportError as exc:  # pragma: no cover - only in a broken install
        said = _("psoas-timer: audio export is unavailable: {error}").format(error=exc)
        print(said, file=sys.stderr)
        return 1
    from psoas_timer.audio.encode import EncodeError, encode, format_for, writable_formats

    out = Path(args.output)
    fmt = format_for(out)
    can = ", ".join(f.suffix for f in writable_formats())
    if fmt is None or fmt not in writable_formats():
        why = (
            _(
                "{format} needs FFmpeg with its {encoder} encoder, which is not installed here"
            ).format(format=fmt.name, encoder=fmt.encoder)
            if fmt is not None
            else _("'{suffix}' is not a sound format it writes").format(
                suffix=out.suffix or out.name
            )
        )
        print(
            _("psoas-timer: cannot write {file}: {why}.").format(file=out, why=why), file=sys.stderr
        )
        print(_("It can write: {formats}").format(formats=can), file=sys.stderr)
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
        said = _("psoas-timer: cannot write {file}: {error}").format(file=out, error=exc)
        print(said, file=sys.stderr)
        return 1
    except ExportTooLongError as exc:
        said = _("psoas-timer: cannot export {routine}: {error}")
        print(said.format(routine=args.routine, error=exc), file=sys.stderr)
        return 1
    except OSError as exc:
        said = _("psoas-timer: cannot write {file}: {error}")
        print(said.format(file=args.output, error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(_("wrote {file}").format(file=args.output))
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export-audio",
        help=_("render a whole session to one sound file: WAV, or MP3, Ogg or Opus with FFmpeg"),
    )
    p.add_argument(
        "routine",
        metavar=pgettext("command line value", "ROUTINE"),
        help=_("a file, or the name of a known routine"),
    )
    codes = [code for code, _name in languages()]
    p.add_argument(
        "--language",
        metavar=pgettext("command line value", "LANG"),
        help=_(
            "the language the session speaks: {languages} (default: the current one, {current})"
        ).format(languages=", ".join(codes), current=language()),
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=pgettext("command line value", "FILE"),
        help=_("FILE.wav; FILE.mp3, FILE.ogg or FILE.opus where FFmpeg is installed"),
    )
    p.set_defaults(func=cmd_export_audio)
