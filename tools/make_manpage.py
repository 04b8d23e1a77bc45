"""Writes the manual page ``psoas-timer.1`` from the command line's own help (argparse), so
the page cannot drift from what ``psoas-timer --help`` and ``psoas-timer COMMAND -h`` say.

    python tools/make_manpage.py [-o psoas-timer.1]     (stdout without -o)

tools/build_deb.py puts it in the Debian package as /usr/share/man/man1/psoas-timer.1.gz.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from psoas_timer import __version__  # noqa: E402
from psoas_timer.cli import _app_parser, _parser  # noqa: E402

__all__ = ["manpage"]


def _roff(text: str) -> str:
    """*text* safe in a roff line: backslashes, hyphens, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            metavar = ""
            if action.nargs != 0:
                metavar = " " + str(action.metavar or action.dest.upper())
            names = ", ".join(f"\\fB{_roff(o)}\\fR{_roff(metavar)}" for o in action.option_strings)
        else:
            names = f"\\fI{_roff(str(action.metavar or action.dest))}\\fR"
        lines += [".TP", names, _roff(action.help or "")]
    return lines


def _subcommands(
    parser: argparse.ArgumentParser,
) -> list[tuple[str, str, argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                found.append((name, helps.get(name, ""), sub))
    return found


def _usage(parser: argparse.ArgumentParser) -> str:
    return " ".join(parser.format_usage().removeprefix("usage:").split())


def _command(name: str, help_text: str, parser: argparse.ArgumentParser) -> list[str]:
    lines = [".SS " + _roff(name), f"\\fB{_roff(_usage(parser))}\\fR", ".PP"]
    lines.append(_roff(help_text[:1].upper() + help_text[1:] + "." if help_text else ""))
    if parser.description:
        lines += [".PP", _roff(parser.description)]
    lines += [".RS", *_options(parser), ".RE"]
    for sub_name, sub_help, sub in _subcommands(parser):
        lines += _command(f"{name} {sub_name}", sub_help, sub)
    return lines


def manpage(date: dt.date | None = None) -> str:
    """The page, in roff. *date* defaults to SOURCE_DATE_EPOCH's day (reproducible builds)."""
    if date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        date = (
            dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
            if epoch
            else dt.date.today()
        )
    app, commands = _app_parser(), _parser()
    lines = [
        f'.TH PSOAS\\-TIMER 1 "{date.isoformat()}" "psoas\\-timer {__version__}" "User Commands"',
        ".SH NAME",
        "psoas\\-timer \\- "
        + _roff("hands-free guided timer for hip-flexor, psoas and iliacus routines"),
        ".SH SYNOPSIS",
        "\\fBpsoas\\-timer\\fR [\\fB\\-\\-background\\fR] [\\fIROUTINE\\fR]",
        ".br",
        "\\fBpsoas\\-timer\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
        _roff(app.description or ""),
        ".PP",
        _roff(
            "Without a command it opens the window, with ROUTINE (a file, or the name or "
            "file name of a known routine) ready to start. The commands below work without a "
            "display and print to standard output."
        ),
        ".SH OPTIONS",
        *_options(app),
        ".SH COMMANDS",
    ]
    for name, help_text, sub in _subcommands(commands):
        lines += _command(name, help_text, sub)
    lines += [
        ".SH EXIT STATUS",
        _roff("0 on success; validate exits 1 when a file has problems; 2 on a usage error."),
        ".SH FILES",
        ".TP",
        "\\fI~/.local/share/PsoasTimer/psoas\\-timer/\\fR",
        _roff("your routines (routines/), history (history.sqlite3) and reminders."),
        ".TP",
        "\\fI~/.config/autostart/io.github.psoastimer.PsoasTimer.desktop\\fR",
        _roff("written by the Start at login option; it runs psoas-timer --background."),
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBPSOAS_TIMER_DATA_DIR\\fR",
        _roff("use this folder for routines, history and reminders instead."),
        ".SH SAFETY",
        _roff(
            "Psoas Timer is a timer, not medical advice. Stop at once on sharp pain, numbness, "
            "tingling or a throbbing pulse under the pressure."
        ),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="write here (default: stdout)")
    args = parser.parse_args()
    text = manpage()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
