"""Compile the catalogs: every ``.po`` in ``psoas_timer/locale`` into its ``.mo``, and the
pseudo-languages from the ``.pot`` templates. Uses Babel (a dependency of the app)::

    python -m psoas_timer.i18n.build           # build in place (what run.sh/test.sh do)
    python -m psoas_timer.i18n.build --check   # also fail on a fuzzy-only or broken catalog

Run by ``tools/run.sh``, ``tools/test.sh``, ``build.spec`` and the wheel's build hook
(``hatch_build.py``); the app compiles a missing or stale one into its cache by itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from psoas_timer.i18n.catalogs import LOCALE_DIR
from psoas_timer.i18n.compiling import compile_one, pseudo_catalog
from psoas_timer.i18n.pseudo import PSEUDO_LANGUAGES

__all__ = ["compile_all", "compile_one", "pseudo_catalog"]

DOMAINS = ("psoas_timer", "content")


def compile_all(locale_dir: Path = LOCALE_DIR, *, pseudo_languages: bool = True) -> list[Path]:
    """Build every catalog under *locale_dir* in place; the paths written."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        code = po.parent.parent.name
        if code in PSEUDO_LANGUAGES:
            continue
        target = po.with_suffix(".mo")
        compile_one(po, target, code)
        written.append(target)
    if pseudo_languages:
        for domain in DOMAINS:
            template = locale_dir / f"{domain}.pot"
            if not template.is_file():
                continue
            for code in PSEUDO_LANGUAGES:
                target = locale_dir / code / "LC_MESSAGES" / f"{domain}.mo"
                compile_one(template, target, code)
                written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m psoas_timer.i18n.build", description=__doc__)
    parser.add_argument("--locale-dir", type=Path, default=LOCALE_DIR)
    parser.add_argument("--no-pseudo", action="store_true", help="leave out the pseudo-languages")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    written = compile_all(args.locale_dir, pseudo_languages=not args.no_pseudo)
    if not args.quiet:
        print(f"compiled {len(written)} catalogs in {args.locale_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
