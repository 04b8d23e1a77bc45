"""Brings the AppStream metainfo up to date with the places it takes facts from:
``pyproject.toml`` (``[project.urls]``: homepage, bug tracker, help, source, and where the
screenshots are published), ``CHANGELOG.md`` (one ``<release>`` per version, with its notes)
and the translations (``psoas_timer/locale/<lang>/LC_MESSAGES/psoas_timer.po``): the name,
summary, description and captions of the metainfo, and the desktop entry's Name,
GenericName, Comment and Keywords, in every language translated (``xml:lang``,
``Name[de]=``), their English text marked in ``psoas_timer/i18n/desktop_words.py``.

    python tools/make_metainfo.py            # rewrite packaging/linux/…metainfo.xml and .desktop
    python tools/make_metainfo.py --check    # exit 1 if either is out of date

tools/release.sh runs it before it builds, so the packages carry every translation landed.

Everything else in the files (the English text, branding, content rating) is written there
by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from html import escape, unescape
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
METAINFO = ROOT / "packaging" / "linux" / "io.github.psoastimer.PsoasTimer.metainfo.xml"
DESKTOP = ROOT / "packaging" / "linux" / "io.github.psoastimer.PsoasTimer.desktop"
LOCALE = ROOT / "psoas_timer" / "locale"
#: The desktop entry's keys that have translations (in [Desktop Entry] and each action).
DESKTOP_KEYS = ("Name", "GenericName", "Comment", "Keywords")
_LOCALISED_KEY = re.compile(r"^[A-Za-z0-9-]+\[[^\]]+\]=")
_LOCALISED_ELEMENT = re.compile(r'^ *<(\w+) xml:lang="[^"]+">.*?</\1>\n', re.M)
_ELEMENT = re.compile(r"^( *)<(name|summary|p|li|caption)>(.*?)</\2>", re.M | re.S)
# AppStream's <url> types, from the keys of [project.urls].
URL_TYPES = {
    "homepage": "Homepage",
    "bugtracker": "Issues",
    "help": "Documentation",
    "vcs-browser": "Source",
}
_HEADING = re.compile(r"^## (\d+(?:\.\d+)+) - (\d{4}-\d\d-\d\d)\s*$")
_INLINE = re.compile(r"`([^`]*)`|\*\*([^*]*)\*\*")


def project_urls(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    urls: dict[str, str] = data["project"]["urls"]
    return urls


def releases(changelog: Path = ROOT / "CHANGELOG.md") -> list[tuple[str, str, list[str]]]:
    """(version, date, notes) for each released version in *changelog*, newest first; the
    Unreleased section is left out. A note is a ``- `` item with its continuation lines."""
    found: list[tuple[str, str, list[str]]] = []
    notes: list[str] | None = None
    for line in changelog.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            match = _HEADING.match(line)
            notes = None
            if match:
                notes = []
                found.append((match.group(1), match.group(2), notes))
        elif notes is not None and line.startswith("- "):
            notes.append(line[2:].strip())
        elif notes is not None and line.startswith("  ") and notes:
            notes[-1] += " " + line.strip()
    return found


def _plain(note: str) -> str:
    """A note as AppStream text: Markdown's code and bold marks dropped, XML escaped."""
    return escape(_INLINE.sub(lambda m: m.group(1) or m.group(2), note), quote=False)


def _releases_xml(entries: list[tuple[str, str, list[str]]]) -> str:
    lines = ["  <releases>"]
    for version, date, notes in entries:
        lines += [f'    <release version="{version}" date="{date}">', "      <description>"]
        lines += [
            "        <ul>",
            *(f"          <li>{_plain(n)}</li>" for n in notes),
            "        </ul>",
        ]
        lines += ["      </description>", "    </release>"]
    return "\n".join([*lines, "  </releases>"])


def updated(text: str, urls: dict[str, str], entries: list[tuple[str, str, list[str]]]) -> str:
    url_lines = "\n".join(
        f'  <url type="{kind}">{escape(urls[key])}</url>'
        for kind, key in URL_TYPES.items()
        if key in urls
    )
    text = re.sub(r'(  <url type="[^"]+">[^<]*</url>\n)+', url_lines + "\n", text, count=1)
    base = urls["Screenshots"]
    text = re.sub(
        r"<image>(?:[^<]*/)?([^/<]+\.png)</image>",
        lambda m: f"<image>{base}{m.group(1)}</image>",
        text,
    )
    return re.sub(r"  <releases>.*?</releases>", lambda _: _releases_xml(entries), text, flags=re.S)


def translations(locale: Path = LOCALE) -> dict[str, dict[str, str]]:
    """{language: {English: translation}} from each shipped ``psoas_timer.po`` (translated
    and not fuzzy; the pseudo-languages are for tests, never shipped)."""
    from babel.messages.pofile import read_po

    found: dict[str, dict[str, str]] = {}
    for po in sorted(locale.glob("*/LC_MESSAGES/psoas_timer.po")):
        code = po.parent.parent.name
        if "@" in code:
            continue
        with po.open("rb") as stream:
            catalog = read_po(stream, locale=code)
        found[code] = {
            m.id: m.string
            for m in catalog
            if isinstance(m.id, str)
            and m.id
            and isinstance(m.string, str)
            and m.string
            and not m.fuzzy
        }
    return found


def _plain_text(xml: str) -> str:
    return " ".join(unescape(xml).split())


def desktop_translated(text: str, found: dict[str, dict[str, str]]) -> str:
    """The desktop entry *text* with ``Key[lang]=`` after each translatable key, anew."""
    out: list[str] = []
    for line in text.splitlines():
        if _LOCALISED_KEY.match(line):
            continue  # made again below
        out.append(line)
        key, sep, value = line.partition("=")
        if not sep or key not in DESKTOP_KEYS:
            continue
        for code in sorted(found):
            said = " ".join(found[code].get(value, "").split())
            if said and said != value:
                if key == "Keywords" and not said.endswith(";"):
                    said += ";"
                out.append(f"{key}[{code}]={said}")
    return "\n".join(out) + "\n"


def metainfo_translated(text: str, found: dict[str, dict[str, str]]) -> str:
    """The metainfo *text* with an ``xml:lang`` sibling after each translated name, summary,
    paragraph, list item and caption, anew (release notes stay English)."""
    text = _LOCALISED_ELEMENT.sub("", text)

    def element(match: re.Match[str]) -> str:
        indent, tag, inner = match.groups()
        english = _plain_text(inner)
        lines = [match.group(0)]
        for code in sorted(found):
            said = found[code].get(english)
            if said and said != english:
                lines.append(
                    f'{indent}<{tag} xml:lang="{code}">{escape(said, quote=False)}</{tag}>'
                )
        return "\n".join(lines)

    head, sep, rest = text.partition("  <releases>")
    return _ELEMENT.sub(element, head) + sep + rest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    found = translations()
    old = METAINFO.read_text(encoding="utf-8")
    new = metainfo_translated(updated(old, project_urls(), releases()), found)
    old_desktop = DESKTOP.read_text(encoding="utf-8")
    new_desktop = desktop_translated(old_desktop, found)
    if args.check:
        stale = [
            p for p, a, b in ((METAINFO, old, new), (DESKTOP, old_desktop, new_desktop)) if a != b
        ]
        for path in stale:
            print(f"{path} is out of date: run python tools/make_metainfo.py", file=sys.stderr)
        return 1 if stale else 0
    METAINFO.write_text(new, encoding="utf-8")
    DESKTOP.write_text(new_desktop, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
