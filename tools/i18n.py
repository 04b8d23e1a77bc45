#!/usr/bin/env python3
"""The translators' tool: extract the text, update the catalogs, compile and check them.

    python tools/i18n.py extract   # the code's text -> psoas_timer/locale/psoas_timer.pot,
                                   # the bundled routines' text -> content.pot
    python tools/i18n.py update    # merge the templates into every <lang>/LC_MESSAGES/*.po
                                   # (makes a missing one: python tools/i18n.py update --add it)
    python tools/i18n.py compile   # every .po -> .mo, and the pseudo-languages
    python tools/i18n.py check     # every catalog complete, every {placeholder} kept,
                                   # msgfmt --check where GNU gettext is installed

All of it with Babel (a dependency of the app); ``docs/translating.md`` tells the workflow.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from psoas_timer import __version__  # noqa: E402
from psoas_timer.i18n import build  # noqa: E402

LOCALE = ROOT / "psoas_timer" / "locale"
DOMAINS = ("psoas_timer", "content")
#: The languages shipped besides English (the source).
LANGUAGES = ("de", "fr", "es", "pt_BR")
BUGS = "https://github.com/psoastimer/psoas-timer/issues"
COPYRIGHT = "The Psoas Timer team"
#: gettext's plural rules as Weblate and GNU gettext write them (Babel's newer CLDR rules
#: give French, Spanish and Portuguese a third form for millions, which no one translates).
PLURAL_FORMS = {
    "de": (2, "(n != 1)"),
    "es": (2, "(n != 1)"),
    "fr": (2, "(n > 1)"),
    "pt_BR": (2, "(n > 1)"),
}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=path.stem)


def _write(catalog: Catalog, path: Path, **options: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, catalog, width=96, **options)  # type: ignore[arg-type]


def extract(args: argparse.Namespace) -> int:
    """The code's marked text into psoas_timer.pot; the content tool's into content.pot."""
    locale = Path(args.locale_dir) if args.locale_dir else LOCALE
    catalog = Catalog(
        project="Psoas Timer",
        version=__version__,
        msgid_bugs_address=BUGS,
        copyright_holder=COPYRIGHT,
        fuzzy=False,
    )
    method_map = [("**/locale/**", "ignore"), ("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "psoas_timer",
        method_map=method_map,
        keywords={**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)},
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        path = f"psoas_timer/{filename}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    _check_brace_style(catalog)
    target = locale / "psoas_timer.pot"
    if target.is_file():  # the same messages: keep the date, so the catalogs do not change
        old = _read(target)
        if _messages(old) == _messages(catalog):
            catalog.creation_date = old.creation_date
    _write(catalog, target, sort_by_file=True, omit_header=False)
    print(f"psoas_timer.pot: {len(catalog)} messages")
    content = ROOT / "psoas_timer" / "i18n" / "content_extract.py"
    if content.is_file() and not args.locale_dir:
        subprocess.run(
            [sys.executable, "-m", "psoas_timer.i18n.content_extract"], cwd=ROOT, check=True
        )
    return 0


def _messages(catalog: Catalog) -> list[tuple[object, object]]:
    return sorted((str(m.id), str(m.context)) for m in catalog if m.id)


def _formats(text: str) -> bool:
    """Whether *text* is a str.format template (``{routine}``), not braces that are text
    (``{range: 20-30s, use: 25s}``, a YAML example)."""
    names = {n.split(":")[0].split("!")[0] for n in _PLACEHOLDER.findall(text)}
    if not names:
        return False
    try:
        text.format(**{name: "x" for name in names if name})
    except (KeyError, ValueError, IndexError):
        return False
    return True


def _check_brace_style(catalog: Catalog) -> None:
    """Mark messages with {placeholders} python-brace-format so msgfmt --check checks them."""
    for message in catalog:
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        if message.id and _formats(ids[0]):
            message.flags.add("python-brace-format")


def update(args: argparse.Namespace) -> int:
    """Merge each template into its catalogs (a missing catalog is made, empty)."""
    languages = sorted(
        set(LANGUAGES)
        | {p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/*.po")}
        | set(args.add or ())
    )
    for domain in DOMAINS:
        template_path = LOCALE / f"{domain}.pot"
        if not template_path.is_file():
            continue
        template = _read(template_path)
        for code in languages:
            if "@" in code and code.endswith("pseudo"):
                continue
            path = LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                catalog = _read(path, code)
            else:
                catalog = Catalog(
                    locale=code,
                    domain=domain,
                    project="Psoas Timer",
                    version=__version__,
                    msgid_bugs_address=BUGS,
                    copyright_holder=COPYRIGHT,
                    language_team=f"{code} <{BUGS}>",
                    fuzzy=False,
                )
                if code in PLURAL_FORMS:
                    catalog._num_plurals, catalog._plural_expr = PLURAL_FORMS[code]
                print(f"{path.relative_to(ROOT)}: made")
            catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
            _write(catalog, path, ignore_obsolete=False, include_previous=True)
            done = sum(
                1 for m in catalog if m.id and m.string and not m.fuzzy and _complete(m.string)
            )
            total = sum(1 for m in catalog if m.id)
            print(f"{path.relative_to(ROOT)}: {done}/{total} translated")
    return 0


def _complete(string: object) -> bool:
    if isinstance(string, (list, tuple)):
        return all(string)
    return bool(string)


def compile_(_args: argparse.Namespace) -> int:
    written = build.compile_all(LOCALE)
    print(f"compiled {len(written)} catalogs")
    return 0


def problems(path: Path, *, complete: bool = True) -> list[str]:
    """What is wrong with the catalog at *path*: `file:line: what`, one a problem."""
    code = path.parent.parent.name
    catalog = _read(path, code)
    out = []
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno
        if message.fuzzy and complete:
            out.append(f"{rel}:{line}: fuzzy (check it, then remove the fuzzy flag)")
            continue
        if not _complete(message.string):
            if complete:
                out.append(f"{rel}:{line}: untranslated")
            continue
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        strings = (
            list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        )
        wanted = set(_PLACEHOLDER.findall(ids[0]))
        allowed = set().union(*(_PLACEHOLDER.findall(i) for i in ids))
        for i, string in enumerate(strings):
            found = set(_PLACEHOLDER.findall(string))
            unknown = found - allowed
            if unknown:
                out.append(
                    f"{rel}:{line}: unknown placeholder {sorted(unknown)} (keep {sorted(allowed)})"
                )
            missing = wanted - found if len(ids) == 1 else (allowed - found if i > 0 else set())
            # A plural's first form may leave the number out ("one step"); others keep all.
            if missing and len(ids) == 1:
                out.append(f"{rel}:{line}: placeholder {sorted(missing)} missing")
            elif missing and len(strings) > 1 and i > 0 and (allowed - found) - {"n", "count"}:
                out.append(f"{rel}:{line}: placeholder {sorted(missing)} missing in form {i}")
    return out


def check(args: argparse.Namespace) -> int:
    found = []
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
    for path in catalogs:
        found += problems(path, complete=not args.partial)
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        for path in catalogs:
            result = subprocess.run(
                [msgfmt, "--check", "-o", "/dev/null", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                found.append(result.stderr.strip())
    else:
        print("msgfmt is not installed (apt-get install gettext): skipped msgfmt --check")
    for line in found:
        print(line)
    print(f"{len(catalogs)} catalogs checked: {len(found)} problems")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ex = commands.add_parser("extract", help="the text into the .pot templates")
    ex.add_argument("--locale-dir", help="write psoas_timer.pot there (not content.pot)")
    ex.set_defaults(run=extract)
    up = commands.add_parser("update", help="the templates into every .po")
    up.add_argument("--add", action="append", metavar="LANG", help="make a new language's catalogs")
    up.set_defaults(run=update)
    commands.add_parser("compile", help="every .po into its .mo").set_defaults(run=compile_)
    ch = commands.add_parser("check", help="completeness, placeholders, msgfmt --check")
    ch.add_argument("--partial", action="store_true", help="untranslated text is not a problem")
    ch.set_defaults(run=check)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
