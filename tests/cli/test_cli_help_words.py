"""``psoas-timer --help`` and every command's ``--help`` in each shipped language: the values
of the usage lines (``COMMAND``, ``N``, ``ROUTINE``...) are named in the language, the help
sentences name them as the usage line does, and every line fits a terminal of 80 columns
(issue #26). In-process (argparse prints and exits), so the whole sweep stays quick."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator

import pytest

from psoas_timer import cli
from psoas_timer.cli import argparse_words
from psoas_timer.i18n import pgettext, set_language

SHIPPED = ("de", "fr", "es", "pt_BR")
#: Every value the command line names in a usage line (argparse's metavars).
VALUES = ("COMMAND", "ROUTINE", "N", "PATH", "NAME", "LANG", "FILE", "DATE", "ACTION", "TEXT")
HELPS = (
    (),
    ("validate",),
    ("list",),
    ("plan",),
    ("schema",),
    ("export-audio",),
    ("today",),
    ("history",),
    ("history", "export"),
    ("history", "import"),
    ("history", "report"),
)


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language(None)


def help_text(code: str, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    os.environ["LANGUAGE"] = code  # the tests' own, put back after each (conftest)
    with pytest.raises(SystemExit) as ended:
        cli.main([*command, "--help"])
    assert ended.value.code == 0
    return capsys.readouterr().out


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize("code", SHIPPED)
def test_usage_lines_name_their_values_in_the_language(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language(code)
    own = {value: pgettext("command line value", value) for value in VALUES}
    assert own["COMMAND"] != "COMMAND" and own["N"] != "N"  # translated in every language
    for command in HELPS:
        text = help_text(code, command, capsys)
        for value, word in own.items():
            if word != value:
                found = re.findall(rf"(?<![\w-]){value}(?![\w-])", text)
                assert not found, f"{code} {' '.join(command)} --help says {value}:\n{text}"
    main_help = help_text(code, (), capsys)
    usage, _blank, description = main_help.partition("\n\n")
    command_word = own["COMMAND"]
    assert f"psoas-timer {command_word} ..." in usage
    # the sentence names the value as the usage line does
    assert f"psoas-timer {command_word} -h" in " ".join(description.split())
    assert f"[--limit {own['N']}]" in " ".join(help_text(code, ("history",), capsys).split())


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize("code", ["en", *SHIPPED])
def test_every_help_fits_80_columns(
    code: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for command in HELPS:
        for line in help_text(code, command, capsys).splitlines():
            assert len(line) <= 80, f"{code} {' '.join(command)} --help: {line!r}"


def _helps(parser: argparse.ArgumentParser, where: str) -> Iterator[tuple[str, str | None]]:
    """(where, help) of every argument and command of *parser* and of its commands' parsers,
    walked as argparse builds them (the help a user reads with ``-h``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:  # the command lines under COMMAND
                yield f"{where} {choice.dest}", choice.help
            for name, command in action.choices.items():
                yield from _helps(command, f"{where} {name}")
        else:
            name = "/".join(action.option_strings) or str(action.metavar or action.dest)
            yield f"{where} {name}", action.help


def _all_helps() -> dict[str, str | None]:
    """Every argument's help, of the commands' parser and the window's, in the current language
    (argparse's own ``-h`` help too, as :func:`cli.main` has argparse say it)."""
    argparse_words.install()
    return dict(
        [*_helps(cli._parser(), "psoas-timer"), *_helps(cli._app_parser(), "psoas-timer(app)")]
    )


@pytest.mark.usefixtures("language")
def test_every_argument_and_command_has_help() -> None:
    set_language("en")
    helps = _all_helps()
    assert len(helps) > 30  # the walk reached every command's own arguments
    missing = [where for where, text in helps.items() if not text or text == argparse.SUPPRESS]
    assert not missing, f"arguments without help: {missing}"


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize("code", SHIPPED)
def test_every_argument_help_is_translated(code: str) -> None:
    set_language("en")
    english = _all_helps()
    set_language(code)
    # argument keys use metavars, which are translated too: compare in walk order
    shown = list(_all_helps().values())
    assert len(shown) == len(english)
    untranslated = [
        where
        for (where, source), text in zip(english.items(), shown, strict=True)
        if source and text == source
    ]
    assert not untranslated, f"{code}: help left in English: {untranslated}"
