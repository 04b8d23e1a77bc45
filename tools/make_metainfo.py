"""Brings the AppStream metainfo up to date with the two places it takes facts from:
``pyproject.toml`` (``[project.urls]``: homepage, bug tracker, help, source, and where the
screenshots are published) and ``CHANGELOG.md`` (one ``<release>`` per version, with its notes).

    python tools/make_metainfo.py            # rewrite packaging/linux/…metainfo.xml
    python tools/make_metainfo.py --check    # exit 1 if it is out of date (the tests do this)

Everything else in the file (captions, branding, content rating) is written there by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from html import escape
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
METAINFO = ROOT / "packaging" / "linux" / "io.github.psoastimer.PsoasTimer.metainfo.xml"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = parser.parse_args()
    old = METAINFO.read_text(encoding="utf-8")
    new = updated(old, project_urls(), releases())
    if args.check:
        if new != old:
            print(f"{METAINFO} is out of date: run python tools/make_metainfo.py", file=sys.stderr)
            return 1
        return 0
    METAINFO.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
