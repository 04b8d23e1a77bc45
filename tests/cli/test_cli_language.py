"""The command line speaks the user's language (issue #26, item 2): its output, its problems
(``file:line:column:`` kept, the rest translated), its ``--help`` (argparse's own words
included); ``--json`` is the same in every language. Run as a user would, in a subprocess,
with ``LANGUAGE`` set: the pseudo-language (every text marked ⟦ ⟧) until the translations
are there, then each shipped language. No Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from .in_language import DAILY, cli

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALE = ROOT / "psoas_timer" / "locale"
SHIPPED = ("de", "fr", "es", "pt_BR")


def _translated(code: str, *messages: str | tuple[str, str]) -> bool:
    """Whether *code*'s catalog translates every one of *messages* (a message, or a message
    and its context; from its .po: the test does not depend on a build step)."""
    po = LOCALE / code / "LC_MESSAGES" / "psoas_timer.po"
    if not po.is_file():
        return False
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        catalog = read_po(stream, locale=code)
    for message in messages:
        text, context = message if isinstance(message, tuple) else (message, None)
        found = catalog.get(text, context=context)
        if found is None or not found.string or found.fuzzy:
            return False
    return True


def test_plan_prints_the_routine_in_the_language() -> None:
    english = cli("en", "plan", DAILY)
    pseudo = cli("en@pseudo", "plan", DAILY)
    assert english.returncode == pseudo.returncode == 0, pseudo.stderr
    heading = pseudo.stdout.splitlines()[0]
    assert heading.startswith("⟦") and "Daily psoas routine" not in heading
    assert english.stdout.splitlines()[0].startswith("Daily psoas routine — ")
    # the cues the voice says, and the bundled routine's step names, are translated too
    assert "Get ready" not in pseudo.stdout and "High knees" not in pseudo.stdout
    assert "Get ready" in english.stdout and "High knees" in english.stdout


def test_a_problem_keeps_its_location_and_translates_what_is_wrong(broken: Path) -> None:
    english = cli("en", "validate", str(broken))
    pseudo = cli("en@pseudo", "validate", str(broken))
    assert english.returncode == pseudo.returncode == 1
    first = english.stderr.splitlines()[0]
    assert first == f"{broken}:3:31: steps[0]: unknown key 'colour'"
    translated = pseudo.stderr.splitlines()[0]
    assert translated.startswith(f"{broken}:3:31: ")  # the location, as editors read it
    assert "unknown key" not in translated and "colour" in translated
    assert "⟦" in pseudo.stderr.splitlines()[-1]  # "1 of 1 file has problems"


def test_help_is_translated_with_argparses_own_words() -> None:
    english = cli("en", "plan", "--help")
    pseudo = cli("en@pseudo", "plan", "--help")
    assert english.stdout.startswith("usage: psoas-timer plan")
    assert "options:" in english.stdout and "show this help message and exit" in english.stdout
    assert not pseudo.stdout.startswith("usage:")
    assert "show this help message and exit" not in pseudo.stdout
    assert (
        "psoas-timer plan [-h] [--json] ⟦" in pseudo.stdout
    )  # the syntax stays, its value named in the language
    error = cli("en@pseudo", "plan")  # argparse's error, with %(prog)s filled in
    assert error.returncode == 2 and "psoas-timer plan" in error.stderr
    assert "the following arguments are required" not in error.stderr


@pytest.mark.parametrize("command", [("plan", DAILY, "--json"), ("list", "--json")])
def test_json_is_the_same_in_every_language(command: tuple[str, ...]) -> None:
    english = cli("en", *command)
    assert english.returncode == 0, english.stderr
    for code in ("en@pseudo", *SHIPPED):
        other = cli(code, *command)
        assert other.stdout == english.stdout, code


@pytest.mark.parametrize("code", SHIPPED)
def test_each_shipped_language_once_translated(code: str, broken: Path) -> None:
    """``LANGUAGE=de psoas-timer plan routines/daily-psoas.yaml`` and ``validate`` of a
    broken file print German (French, Spanish, Portuguese), once the catalog has them."""
    if not _translated(code, ("Get ready", "spoken cue"), "{where}: unknown key '{key}'"):
        pytest.skip(f"{code}: not translated yet")
    plan = cli(code, "plan", DAILY)
    assert plan.returncode == 0, plan.stderr
    assert "Get ready" not in plan.stdout
    problem = cli(code, "validate", str(broken)).stderr.splitlines()[0]
    assert problem.startswith(f"{broken}:3:31: ") and "unknown key" not in problem


def test_export_audio_speaks_the_language_asked_for(tmp_path: Path) -> None:
    """``export-audio --language de`` is German whatever the environment says (its counts
    at least, rendered for every language; the rest as the German clips are rendered)."""
    if not (ROOT / "assets" / "voice" / "de" / "manifest.json").is_file():
        pytest.skip("no German clips (python tools/render_voice.py --language de)")
    german, english = tmp_path / "de.wav", tmp_path / "en.wav"
    said = cli("en", "export-audio", DAILY, "--language", "de", "-o", str(german))
    assert said.returncode == 0, said.stderr
    assert cli("en", "export-audio", DAILY, "-o", str(english)).returncode == 0
    assert german.stat().st_size == english.stat().st_size  # the same session...
    assert german.read_bytes() != english.read_bytes()  # ...said in another language
    usage = cli("en@pseudo", "export-audio", "--help").stdout
    assert "--language" in usage and "de" in usage


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (("history", "report", "--help"), ("FILE", "DATE")),
        (("history", "import", "--help"), ("FILE",)),
        (("export-audio", "--help"), ("FILE", "LANG", "ROUTINE")),
        (("validate", "--help"), ("PATH",)),
    ],
)
def test_help_names_its_values_in_the_language(
    args: tuple[str, ...], english: tuple[str, ...]
) -> None:
    """``-o FILE``, ``--since DATE``: the values' names in --help are words too ("DATUM",
    as the German help's own sentences say)."""
    import re

    shown = cli("de", *args)
    assert shown.returncode == 0, shown.stderr
    left = [word for word in english if re.search(rf"\b{word}\b", shown.stdout)]
    assert not left, shown.stdout
