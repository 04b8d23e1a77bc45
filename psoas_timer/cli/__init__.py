"""The ``psoas-timer`` command. Its arguments and outputs are a public contract: keep them stable.

- ``psoas-timer [ROUTINE]`` opens the app (with that routine).
- ``psoas-timer validate PATH...`` checks files and folders; exit 0 valid, 1 problems, 2 usage.
- ``psoas-timer list [--json]`` lists bundled and user routines with their total time.
- ``psoas-timer plan ROUTINE [--json]`` prints the compiled timeline.
- ``psoas-timer schema [--library|--programme]`` prints the JSON Schema.
- ``psoas-timer today [--json] [--programme NAME]`` prints today's programme session.
- ``psoas-timer export-audio ROUTINE -o FILE.wav`` renders a session to one WAV file.
- ``psoas-timer history [export|import]`` lists, exports or imports the sessions done.

:func:`main` sends a command to its module (each adds its own arguments to the parser):
:mod:`.validate_command`, :mod:`.routine_commands` (list, plan, schema),
:mod:`.today_command`, :mod:`.audio_command` and :mod:`.history_command`; what they share is
in :mod:`.common`, and :mod:`.inert` keeps what they print from acting on the terminal.
Anything else opens the window. Every command speaks the language chosen in Menu → Language
(read by :mod:`.kept_language`, decided as the window decides); "System" follows the
environment.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from psoas_timer import __version__
from psoas_timer.i18n import N_, SOURCE_LANGUAGE, _, chosen_language, pgettext, set_language

from . import (
    argparse_words,
    audio_command,
    history_command,
    routine_commands,
    today_command,
    validate_command,
)
from .inert import inert_output
from .kept_language import kept_language

__all__ = ["main"]

COMMANDS = ("validate", "list", "plan", "schema", "export-audio", "history", "today")
VERBOSE = ("--verbose", "-v")
_VERBOSE_HELP = N_("print what the app logs to stderr too, in detail")
_VERSION_HELP = N_("show program's version number and exit")  # argparse's own words


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="psoas-timer",
        description=_("A hands-free guided timer for hip-flexor, psoas and iliacus routines."),
    )
    parser.add_argument(
        "--version", action="version", version=f"psoas-timer {__version__}", help=_(_VERSION_HELP)
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_(_VERBOSE_HELP))
    sub = parser.add_subparsers(dest="command", metavar=_command_word())
    validate_command.add_parser(sub)
    routine_commands.add_parsers(sub)
    today_command.add_parser(sub)
    audio_command.add_parser(sub)
    history_command.add_parser(sub)
    return parser


def _command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of *command* (``list``), whose usage an error about its arguments shows."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def _command_word() -> str:
    """The name the usage lines and the help give a command, in the user's language."""
    # Translators: stands for one of the commands (validate, list, plan...) in
    # `psoas-timer --help`; capitals, one word, as the other values of the command line
    return pgettext("command line value", "COMMAND")


def _app_parser() -> argparse.ArgumentParser:
    routine = pgettext("command line value", "ROUTINE")
    command = _command_word()
    parser = argparse.ArgumentParser(
        prog="psoas-timer",
        # the commands are listed in the description: a usage line naming each ran past
        # 80 columns
        usage=f"psoas-timer [--background] [{routine}] | psoas-timer {command} ...",
        description=_(
            "Open Psoas Timer, optionally with {routine}. Commands: {commands} (see "
            "'psoas-timer {command} -h')."
        ).format(routine=routine, commands=", ".join(COMMANDS), command=command),
    )
    parser.add_argument(
        "--version", action="version", version=f"psoas-timer {__version__}", help=_(_VERSION_HELP)
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_(_VERBOSE_HELP))
    parser.add_argument(
        "routine",
        nargs="?",
        metavar=routine,
        help=_("a routine file or name to open"),
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help=_("start in the tray, for reminders (what the start-at-login entry runs)"),
    )
    return parser


def _take_verbose(args: list[str]) -> tuple[list[str], bool]:
    """*args* without ``--verbose``/``-v`` (anywhere before ``--``), and whether it was there."""
    end = args.index("--") if "--" in args else len(args)
    kept = [a for a in args[:end] if a not in VERBOSE] + args[end:]
    return kept, len(kept) != len(args)


def main(argv: Sequence[str] | None = None) -> int:
    args_list, verbose = _take_verbose(list(sys.argv[1:] if argv is None else argv))
    language, said = _kept_choice()
    set_language(language)
    argparse_words.install()
    if args_list and args_list[0] in COMMANDS:
        if "--json" not in args_list[: args_list.index("--") if "--" in args_list else None]:
            return _command(args_list, verbose, said)
        # JSON is for programs: the same whatever the user's language (names, words and
        # numbers as written in the source), so a script reading it never breaks
        set_language(SOURCE_LANGUAGE)
        try:
            return _command(args_list, verbose, said)
        finally:
            set_language(language)
    return _window(args_list, verbose, said)


class _Held(logging.Handler):
    """What is logged before the log is set up, kept to be logged once it is."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _kept_choice() -> tuple[str | None, list[logging.LogRecord]]:
    """The language chosen in Menu → Language, decided as the window decides (None: the
    environment's), and what deciding it logged (a damaged choice), for :func:`_logged`
    once the log is set up."""
    held = _Held()
    package = logging.getLogger("psoas_timer")
    package.addHandler(held)
    try:
        return chosen_language(kept_language()), held.records
    finally:
        package.removeHandler(held)


def _logged(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def _command(args_list: list[str], verbose: bool, said: list[logging.LogRecord]) -> int:
    from psoas_timer import logs

    with inert_output():
        parser = _parser()
        args, extra = parser.parse_known_args(args_list)
        if extra:  # said by the command's own parser, with its own usage
            _command_parser(parser, args_list[0]).error(
                _("unrecognized arguments: {args}").format(args=" ".join(extra))
            )
        logs.setup(verbose=verbose)
        _logged(said)
        try:
            result: int = args.func(args)
            sys.stdout.flush()
        except BrokenPipeError:  # e.g. `psoas-timer plan x | head`: not worth a trace
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return result


def _window(args_list: list[str], verbose: bool, said: list[logging.LogRecord]) -> int:
    from psoas_timer import logs

    app_args = _app_parser().parse_args(args_list)
    logs.setup(verbose=verbose)
    _logged(said)
    try:
        from psoas_timer.ui.shell.app import run
    except ImportError as exc:
        print(_("psoas-timer: cannot start the window: {error}").format(error=exc), file=sys.stderr)
        print(_("Run 'psoas-timer --help' for the commands that work without it."), file=sys.stderr)
        return 1
    status: int = run(app_args.routine, background=app_args.background)
    return status
