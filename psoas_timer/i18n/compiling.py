"""Compiling one catalog: a ``.po`` into its ``.mo``, or a pseudo-language's ``.mo`` made
from the ``.pot`` template (:mod:`.pseudo`). Uses Babel (a dependency of the app).

What the app runs when a built catalog is missing or stale (:mod:`.catalogs`), and what
``python -m psoas_timer.i18n.build`` runs for every catalog (:mod:`.build`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer.atomic_file import atomic_writer
from psoas_timer.i18n.pseudo import PLURAL_FORMS, PSEUDO_LANGUAGES, pseudo

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["compile_one", "pseudo_catalog"]


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
    """Write *catalog* to *target* whole, as every file is saved: a reader never sees half
    a catalog, and a power cut leaves the old one or the new one."""
    from babel.messages.mofile import write_mo

    with atomic_writer(target) as stream:
        write_mo(stream, catalog, use_fuzzy=False)


def compile_one(source: Path, target: Path, code: str) -> None:
    """Compile *source* (a ``.po``, or for a pseudo-language the ``.pot``) into *target*."""
    catalog = _read(source)
    if code in PSEUDO_LANGUAGES:
        _write_mo(pseudo_catalog(catalog, code), target)
    else:
        _write_mo(catalog, target)
