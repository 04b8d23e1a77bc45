"""Where the compiled catalogs are, and compiling one that is missing or stale.

The ``.po`` files are the sources (in the repository, in ``psoas_timer/locale``); the ``.mo``
files next to them are built (``python -m psoas_timer.i18n.build``, which ``tools/run.sh``,
``tools/test.sh``, the wheel's build hook and ``build.spec`` run) and never committed. When
one is missing or older than its ``.po`` (a translator's checkout, a ``git pull``), it is
compiled into the user's cache folder instead, and that is logged once. The pseudo-languages
(``en@pseudo``, ``ar@pseudo``) are made from the ``.pot`` templates the same way.
"""

from __future__ import annotations

import gettext
import logging
import os
from functools import cache
from pathlib import Path

from psoas_timer import APP_ID, ORGANIZATION
from psoas_timer.i18n.pseudo import PSEUDO_LANGUAGES

__all__ = [
    "LOCALE_DIR",
    "PSEUDO_LANGUAGES",
    "available_languages",
    "cache_dir",
    "load",
    "set_cache_dir",
    "shipped_languages",
]

#: The catalogs: the package's own, or (for tests of catalogs not built in place) the folder
#: ``PSOAS_TIMER_LOCALE_DIR`` names.
LOCALE_DIR = Path(
    os.environ.get("PSOAS_TIMER_LOCALE_DIR") or Path(__file__).resolve().parent.parent / "locale"
)

_log = logging.getLogger(__name__)
_cache_override: Path | None = None
_logged: set[str] = set()


def set_cache_dir(path: str | os.PathLike[str] | None) -> None:
    global _cache_override
    _cache_override = Path(path) if path is not None else None


def cache_dir() -> Path:
    """Where catalogs compiled at run time go: the app's cache folder (``cache`` in
    ``PSOAS_TIMER_DATA_DIR`` when that is set), as :mod:`psoas_timer.paths` has it."""
    if _cache_override is not None:
        return _cache_override / "locale"
    override = os.environ.get("PSOAS_TIMER_DATA_DIR")
    if override:
        return Path(override) / "cache" / "locale"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / ORGANIZATION / APP_ID / "locale"


@cache
def shipped_languages() -> frozenset[str]:
    """The languages with a catalog of the program's text (a ``psoas_timer.po``, or a
    ``psoas_timer.mo`` where only compiled catalogs are shipped)."""
    found = set()
    if LOCALE_DIR.is_dir():
        for entry in LOCALE_DIR.iterdir():
            messages = entry / "LC_MESSAGES"
            if (messages / "psoas_timer.po").is_file() or (messages / "psoas_timer.mo").is_file():
                found.add(entry.name)
    return frozenset(found - set(PSEUDO_LANGUAGES))


def available_languages() -> frozenset[str]:
    """What :func:`psoas_timer.i18n.set_language` can switch to besides English."""
    return shipped_languages() | frozenset(PSEUDO_LANGUAGES)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _mo_file(domain: str, code: str) -> Path | None:
    """The compiled catalog of *domain* in *code*: the built one when it is up to date, else
    one compiled into the cache now. None when there is no source for it."""
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    built = folder / f"{domain}.mo"
    pseudo = code in PSEUDO_LANGUAGES  # made from the template
    source = LOCALE_DIR / f"{domain}.pot" if pseudo else folder / f"{domain}.po"
    built_time, source_time = _mtime(built), _mtime(source)
    if built_time is not None and (source_time is None or built_time >= source_time):
        return built
    if source_time is None:
        return None
    cached = cache_dir() / code / "LC_MESSAGES" / f"{domain}.mo"
    cached_time = _mtime(cached)
    if cached_time is not None and cached_time >= source_time:
        return cached
    from psoas_timer.i18n.compiling import compile_one

    try:
        compile_one(source, cached, code)
    except (OSError, ValueError) as exc:
        _log.warning("%s: cannot compile the %s catalog: %s", source, code, exc)
        return built if built_time is not None else None
    if "compiled" not in _logged:
        _logged.add("compiled")
        why = "older than its .po" if built_time is not None else "not built"
        _log.info(
            "translations: %s was %s; compiled into %s (run `python -m "
            "psoas_timer.i18n.build` to build them in place)",
            built,
            why,
            cached.parent.parent.parent,
        )
    return cached


def load(domain: str, code: str) -> gettext.GNUTranslations | None:
    """*domain*'s catalog in *code*, or None when there is none (or it cannot be read:
    logged, and the text stays English)."""
    path = _mo_file(domain, code)
    if path is None:
        return None
    try:
        with path.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        _log.warning("%s: unreadable catalog: %s", path, exc)
        return None
