"""Translation: gettext in the user's language, and numbers and dates in the user's formats.

One mechanism for the whole app (core, history, practice, session, command line and window);
Qt-free, so the core can use it. Catalogs are GNU gettext files in ``psoas_timer/locale``:
the ``psoas_timer`` domain holds the program's own sentences, the ``content`` domain the
bundled routines' text (names, descriptions, instructions), extracted from their YAML::

    from psoas_timer.i18n import N_, _, ngettext, pgettext

    _("Hold {side} for {time}").format(side=..., time=...)   # named placeholders only
    ngettext("{count} step", "{count} steps", n).format(count=n)
    TITLE = N_("Library")      # a module constant: marked here, translated where shown

Every call looks the text up in the current language at that moment (nothing is cached at
import), so the language can be set once the settings are read. The language follows the
system (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, read as gettext reads them)
unless :func:`set_language` names one. Which one the window and the command line name is
decided by one rule, :func:`chosen_language`: the language kept in Menu → Language, unless
that is "System". Formats (:func:`format_decimal`, :func:`format_date`
...) come from Babel, imported on first use so that starting the app does not pay for it.

``docs/translating.md`` is the translators' side: ``tools/i18n.py extract|update|compile|
check``.
"""

from __future__ import annotations

import gettext as _gettext
import logging
import os
from typing import TYPE_CHECKING

from psoas_timer.i18n import catalogs

if TYPE_CHECKING:
    import datetime as dt

    from babel import Locale

__all__ = [
    "LANGUAGE_SETTING",
    "NP_",
    "N_",
    "_",
    "chosen_language",
    "content",
    "first_weekday",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_percent",
    "format_time",
    "is_rtl",
    "language",
    "languages",
    "ngettext",
    "npgettext",
    "pgettext",
    "set_cache_dir",
    "set_language",
    "system_languages",
    "upper_first",
]

DOMAIN = "psoas_timer"
CONTENT_DOMAIN = "content"
#: The language of the source text: always available, needs no catalog.
SOURCE_LANGUAGE = "en"

#: Native names of the languages that may be shipped; a code not listed here is named by
#: Babel (imported only then).
NATIVE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "pt_BR": "Português (Brasil)",
    "en@pseudo": "Pseudo (long)",
    "ar@pseudo": "Pseudo (RTL)",
}

#: Languages written right to left (by their base code). A catalog can also say so itself:
#: see :func:`is_rtl`.
_RTL = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "dv", "ug", "ckb", "sd"})

#: Where Menu → Language keeps its choice in the window's settings (QSettings key); "" is
#: "System". The command line reads it too (``psoas_timer.cli.kept_language``).
LANGUAGE_SETTING = "window/language"

_log = logging.getLogger(__name__)
_requested: str | None = None  # what set_language() was given; None follows the system
_state: dict[str, object] = {}  # the effective language and its loaded catalogs


def N_(message: str) -> str:
    """*message* unchanged: marks it for extraction, to be translated where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """*message* unchanged: marks it for extraction with *context* (as :func:`pgettext`
    looks it up), to be translated where it is shown with ``pgettext(context, message)``."""
    return message


def system_languages() -> list[str]:
    """The languages the environment asks for, best first, as gettext reads them: the first
    of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (``LANGUAGE`` may list
    several, separated by colons). Encodings are dropped (``de_DE.UTF-8`` -> ``de_DE``);
    ``C`` and ``POSIX`` read as English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            found = []
            for item in value.split(":"):
                code = _normalised(item)
                if code and code not in found:
                    found.append(code)
            if found:
                return found
    return [SOURCE_LANGUAGE]


def _normalised(code: str) -> str:
    """``de_DE.UTF-8`` -> ``de_DE``; ``sr_RS.UTF-8@latin`` -> ``sr_RS@latin``; ``C`` -> en."""
    code = code.strip()
    if not code:
        return ""
    base, _at, modifier = code.partition("@")
    base = base.split(".", 1)[0].replace("-", "_")
    if base in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    parts = base.split("_", 1)
    base = parts[0].lower() + ("_" + parts[1].upper() if len(parts) > 1 else "")
    return base + ("@" + modifier if modifier else "")


def _candidates(code: str) -> list[str]:
    """``pt_BR@x`` -> ``pt_BR@x``, ``pt_BR``, ``pt@x``, ``pt``: the catalogs that may serve it."""
    base, _at, modifier = code.partition("@")
    language_only = base.split("_", 1)[0]
    out = []
    for candidate in (
        code,
        base,
        f"{language_only}@{modifier}" if modifier else "",
        language_only,
    ):
        if candidate and candidate not in out:
            out.append(candidate)
    return out


def _resolve(requested: str | None) -> str:
    wanted = [_normalised(requested)] if requested else system_languages()
    available = catalogs.available_languages()
    for code in wanted:
        for candidate in _candidates(code):
            if candidate == SOURCE_LANGUAGE or candidate in available:
                return candidate
    return SOURCE_LANGUAGE


def chosen_language(kept: object) -> str | None:
    """The language to speak, decided from *kept*, the choice Menu → Language keeps (as read
    from the settings; None when nothing is kept): that language, unless it is "System"
    (kept as ""), which follows the environment. Returned as :func:`set_language` takes it:
    the code, or None for the environment.

    A kept value that is not a language code the app has (a damaged or hand-edited settings
    file, a language no longer shipped) follows the environment too, with one log line.
    The window and the command line both decide by this, so they always speak alike."""
    if kept is None:
        return None
    if isinstance(kept, str):
        code = kept.strip()
        if not code or code.lower() == "system":
            return None
        code = _normalised(code)
        available = catalogs.available_languages()
        if any(c == SOURCE_LANGUAGE or c in available for c in _candidates(code)):
            return code
    _log.warning(
        "the language kept in the settings (%s) is %.60r, not one the app has: following "
        "the system's",
        LANGUAGE_SETTING,
        kept,
    )
    return None


def set_language(code: str | None) -> None:
    """Use *code* (``"de"``, ``"pt_BR"``, ``"de_AT.UTF-8"``...) from now on; ``None`` follows
    the system. A language with no catalog falls back the way gettext does (``pt_PT`` to
    ``pt``), then to English."""
    global _requested
    _requested = code or None
    _state.clear()


def set_cache_dir(path: str | os.PathLike[str] | None) -> None:
    """Where catalogs compiled at run time go (the app passes its cache folder)."""
    catalogs.set_cache_dir(path)
    _state.clear()


def language() -> str:
    """The effective language's code: ``"de"``, ``"pt_BR"``, ``"en"``..."""
    code = _state.get("language")
    if not isinstance(code, str):
        code = _resolve(_requested)
        _state["language"] = code
    return code


def languages() -> list[tuple[str, str]]:
    """The shipped languages as (code, native name), English first. Pseudo-languages (for
    tests) are not listed."""
    codes = sorted(c for c in catalogs.shipped_languages() if "@" not in c)
    return [(code, native_name(code)) for code in [SOURCE_LANGUAGE, *codes]]


def native_name(code: str) -> str:
    """*code*'s name in its own language ("Deutsch")."""
    name = NATIVE_NAMES.get(code)
    if name is None:
        try:
            from babel import Locale

            name = Locale.parse(code).get_display_name() or code
            name = name[:1].upper() + name[1:]
        except (ValueError, LookupError):
            name = code
    return name


def _translations(domain: str) -> _gettext.NullTranslations:
    key = "domain:" + domain
    found = _state.get(key)
    if not isinstance(found, _gettext.NullTranslations):
        code = language()
        found = catalogs.load(domain, code) if code != SOURCE_LANGUAGE else None
        if found is None:
            found = _gettext.NullTranslations()
        _state[key] = found
    return found


def _(message: str) -> str:
    """*message* in the current language (itself when untranslated)."""
    if not message:
        return message
    return _translations(DOMAIN).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of *singular*/*plural* for the number *n* by the language's plural rule."""
    return _translations(DOMAIN).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """*message* in the current language, told apart from the same words elsewhere by
    *context* (``pgettext("body side", "Left")``)."""
    if not message:
        return message
    return _translations(DOMAIN).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` with a context."""
    return _translations(DOMAIN).npgettext(context, singular, plural, n)


def content(text: str) -> str:
    """Bundled content (a routine's, step's or programme's name, description, instruction)
    in the current language; *text* unchanged when untranslated (a user's own text is)."""
    if not text:
        return text
    return _translations(CONTENT_DOMAIN).gettext(text)


def upper_first(text: str) -> str:
    """*text* with its first letter in upper case and the rest as written.

    ``str.capitalize`` lowers every other letter, which breaks a translation ("keine
    Veränderung" would become "Keine veränderung") and any proper name inside it."""
    return text[:1].upper() + text[1:]


def is_rtl() -> bool:
    """Whether the current language is written right to left: its catalog says so (the
    translation of ``"ltr"`` in context ``"text direction"`` is ``"rtl"``, as Qt's
    ``QT_LAYOUT_DIRECTION``), or the language is one known to be."""
    # Translators: "rtl" for a language written right to left, else "ltr". Not shown.
    if pgettext("text direction", "ltr").strip().lower() == "rtl":
        return True
    return language().split("@", 1)[0].split("_", 1)[0] in _RTL


# -- Formats (Babel, imported on first use) ------------------------------------------------


def _system_format_locale() -> str:
    """The locale the environment gives formats (``LC_ALL``, ``LC_TIME``, ``LANG``, as the C
    library reads them: ``LANGUAGE`` names languages for messages only)."""
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(variable)
        if value:
            return _normalised(value.split(":", 1)[0]).split("@", 1)[0]
    return ""


def _format_locale() -> Locale:
    """The Babel locale for formats: the system's own (``de_AT``, ``en_GB``) when it is in
    the language spoken, else that language's default (``de``, ``en`` as in the US);
    pseudo-languages format as their base language."""
    key = "format_locale"
    found = _state.get(key)
    if found is None:
        from babel import Locale, UnknownLocaleError

        base = language().split("@", 1)[0]
        system = _system_format_locale()
        candidates = [base]
        if system and system.split("_", 1)[0] == base.split("_", 1)[0] and "_" not in base:
            candidates.insert(0, system)
        for candidate in [*candidates, "en_US"]:
            try:
                found = Locale.parse("en_US" if candidate == "en" else candidate)
            except (ValueError, UnknownLocaleError):
                continue
            break
        _state[key] = found
    assert found is not None  # "en_US" always parses
    return found  # type: ignore[return-value]


def format_decimal(value: float, digits: int | None = None) -> str:
    """*value* with the locale's decimal separator ("1,5" in German); *digits* fixes the
    number of decimals, None shows what the value has (up to three)."""
    if (digits is None or digits == 0) and float(value).is_integer() and abs(value) < 1000:
        # A whole number below a thousand is written alike in every language shipped (no
        # separator, Latin digits): no need to load the locale's data for it (the window
        # shows "+15 s" as it loads).
        return str(int(value))
    from babel import numbers

    locale = _format_locale()
    if digits is None:
        return numbers.format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return numbers.format_decimal(
        value,
        format=pattern,
        locale=locale,
        decimal_quantization=True,
    )


def format_percent(value: float, digits: int = 0) -> str:
    """*value* (0.3) as the locale writes a percentage ("30%", "30 %")."""
    from babel import numbers

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return numbers.format_percent(
        value, format=pattern, locale=_format_locale(), decimal_quantization=True
    )


def format_date(value: dt.date, format: str = "medium") -> str:
    """*value* as the locale writes a date: ``format`` is short, medium, long, full or a
    Babel/CLDR pattern (``"EEE d MMM"``)."""
    from babel import dates

    return dates.format_date(value, format=format, locale=_format_locale())


def format_time(value: dt.time | dt.datetime, format: str = "short") -> str:
    """*value* as the locale writes a time of day (``"14:05"``, ``"2:05 PM"``)."""
    from babel import dates

    return dates.format_time(value, format=format, locale=_format_locale())


def format_datetime(value: dt.datetime, format: str = "medium") -> str:
    """*value* as the locale writes a date with its time."""
    from babel import dates

    return dates.format_datetime(value, format=format, locale=_format_locale())


def format_skeleton(skeleton: str, value: dt.date | dt.datetime | dt.time) -> str:
    """*value* by a CLDR skeleton (``"MMMd"``, ``"yMMM"``, ``"EEEd"``): the locale orders the
    parts and adds its own punctuation ("7 Dec" / "Dec 7" / "7. Dez.")."""
    from babel import dates

    return dates.format_skeleton(skeleton, value, locale=_format_locale())


def first_weekday() -> int:
    """The locale's first day of the week: 0 Monday ... 6 Sunday (as ``date.weekday()``)."""
    locale = _format_locale()
    return int(locale.first_week_day)


def month_name(month: int, width: str = "wide") -> str:
    """The name of *month* (1-12) as it stands alone (a calendar's heading)."""
    locale = _format_locale()
    names = locale.months["stand-alone"][width]
    return str(names[month])


def day_name(weekday: int, width: str = "abbreviated") -> str:
    """The name of *weekday* (0 Monday ... 6 Sunday) as it stands alone."""
    locale = _format_locale()
    names = locale.days["stand-alone"][width]
    return str(names[weekday])
