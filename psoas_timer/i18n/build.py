"""Compile the catalogs: every ``.po`` in ``psoas_timer/locale`` into its ``.mo``, and the
pseudo-languages from the ``.pot`` templates. Uses Babel (a dependency of the app)::

    python -m psoas_timer.i18n.build           # build in place (what run.sh/test.sh do)
    python -m psoas_timer.i18n.build --check   # also fail on a fuzzy-only or broken catalog

Run by ``tools/run.sh``, ``tools/test.sh``, ``build.spec`` and the wheel's build hook
(``hatch_build.py``); the app compiles a missing or stale one into its cache by itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer.i18n.catalogs import LOCALE_DIR, PSEUDO_LANGUAGES
from psoas_timer.i18n.pseudo import PLURAL_FORMS, pseudo

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["compile_all", "compile_one", "pseudo_catalog"]

DOMAINS = ("psoas_timer", "content")


def _read(path: Path) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream, locale=None, domain=path.stem, abort_invalid=True)


def pseudo_catalog(template: Catalog, code: str) -> Catalog:
    """*template* (a ``.pot``) translated into the pseudo-language *code*."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(domain=template.domain, project="Psoas Timer", fuzzy=False)
    forms, expression = _plural_parts(code)
    # Babel takes the plural rule from a locale; a pseudo-language has none: set it as
    # reading a catalog's Plural-Forms header does.
    vars(catalog).update(_num_plurals=forms, _plural_expr=expression)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            singular, plural = message.id[0], message.id[1]
            string: str | tuple[str, ...] = tuple(
                pseudo(singular if i == 0 else plural, code, i) for i in range(forms)
            )
        elif message.context == "text direction" and message.id == "ltr":
            string = "rtl" if code.startswith("ar") else "ltr"
        else:
            string = pseudo(message.id, code)
        catalog.add(message.id, string, context=message.context)
    return catalog


def _plural_parts(code: str) -> tuple[int, str]:
    header = PLURAL_FORMS[code]
    count, expr = header.split(";", 1)
    return int(count.split("=")[1]), expr.strip().removeprefix("plural=").rstrip(";")


def _write_mo(catalog: Catalog, target: Path) -> None:
    from babel.messages.mofile import write_mo

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write_mo(stream, catalog, use_fuzzy=False)
        os.replace(name, target)  # atomic: a reader never sees half a catalog
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def compile_one(source: Path, target: Path, code: str) -> None:
    """Compile *source* (a ``.po``, or for a pseudo-language the ``.pot``) into *target*."""
    catalog = _read(source)
    if code in PSEUDO_LANGUAGES:
        _write_mo(pseudo_catalog(catalog, code), target)
    else:
        _write_mo(catalog, target)


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
