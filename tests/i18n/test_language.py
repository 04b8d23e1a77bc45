"""Which language the app speaks: from the environment as gettext reads it, or as chosen;
plural forms by the language's rule (three forms in the pseudo-language); placeholders kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from psoas_timer import i18n
from psoas_timer.i18n import catalogs
from psoas_timer.i18n.pseudo import CLOSE, OPEN

_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_locale_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(None)
    return monkeypatch


@pytest.mark.parametrize("variable", _VARIABLES)
def test_each_variable_chooses_the_language(
    no_locale_env: pytest.MonkeyPatch, variable: str
) -> None:
    no_locale_env.setenv(variable, "de_DE.UTF-8")
    i18n.set_language(None)
    assert i18n.language() == "de"


def test_the_variables_are_read_in_gettexts_order(no_locale_env: pytest.MonkeyPatch) -> None:
    no_locale_env.setenv("LANG", "fr_FR.UTF-8")
    no_locale_env.setenv("LC_MESSAGES", "es_ES.UTF-8")
    no_locale_env.setenv("LC_ALL", "pt_BR.UTF-8")
    no_locale_env.setenv("LANGUAGE", "xx:de")
    i18n.set_language(None)
    assert i18n.language() == "de"  # LANGUAGE's list, its first shipped entry
    no_locale_env.delenv("LANGUAGE")
    i18n.set_language(None)
    assert i18n.language() == "pt_BR"
    no_locale_env.delenv("LC_ALL")
    i18n.set_language(None)
    assert i18n.language() == "es"
    no_locale_env.delenv("LC_MESSAGES")
    i18n.set_language(None)
    assert i18n.language() == "fr"


def test_unshipped_and_c_locales_read_as_english(no_locale_env: pytest.MonkeyPatch) -> None:
    no_locale_env.setenv("LANG", "C.UTF-8")
    i18n.set_language(None)
    assert i18n.language() == "en"
    no_locale_env.setenv("LANG", "ja_JP.UTF-8")
    i18n.set_language(None)
    assert i18n.language() == "en"
    assert i18n._("Library") == "Library"


def test_a_region_falls_back_to_its_language(no_locale_env: pytest.MonkeyPatch) -> None:
    no_locale_env.setenv("LANG", "de_AT.UTF-8")
    i18n.set_language(None)
    assert i18n.language() == "de"
    i18n.set_language("pt_PT")  # no pt_PT, no pt: English
    assert i18n.language() == "en"


def test_the_setting_beats_the_environment(no_locale_env: pytest.MonkeyPatch) -> None:
    no_locale_env.setenv("LANGUAGE", "fr")
    i18n.set_language("es")
    assert i18n.language() == "es"
    i18n.set_language(None)
    assert i18n.language() == "fr"


def test_languages_lists_the_shipped_ones_by_native_name() -> None:
    listed = dict(i18n.languages())
    assert listed["en"] == "English"
    for code in ("de", "fr", "es", "pt_BR"):
        assert code in listed, code
    assert listed["de"] == "Deutsch"
    assert not any("@" in code for code in listed)


def test_text_is_looked_up_when_called_not_when_imported() -> None:
    i18n.set_language("en@pseudo")
    text = i18n.pgettext("text direction", "ltr")
    assert text == "ltr"
    marked = i18n.N_("Library")
    assert marked == "Library"
    i18n.set_language("en")


def test_pseudo_language_wraps_and_lengthens() -> None:
    template = catalogs.LOCALE_DIR / "psoas_timer.pot"
    from babel.messages.pofile import read_po

    with template.open("rb") as stream:
        messages = [m for m in read_po(stream) if m.id and isinstance(m.id, str)]
    i18n.set_language("en@pseudo")
    for message in messages[:50]:
        if message.context:
            continue
        shown = i18n._(message.id)
        assert OPEN in shown and CLOSE in shown, message.id
        words = re.sub(r"\{[^{}]*\}", "", message.id)
        if len(words.strip(" ,.:")) >= 5:  # "{name}, {details}" has nothing to lengthen
            assert len(re.sub(r"\{[^{}]*\}", "", shown)) >= len(words) * 1.3, (message.id, shown)


def test_plural_forms_in_a_catalog_with_three(tmp_path: object) -> None:
    import gettext
    from pathlib import Path

    from psoas_timer.i18n.build import compile_one

    pot = Path(str(tmp_path)) / "psoas_timer.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{count} day"\nmsgid_plural "{count} days"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    target = Path(str(tmp_path)) / "x.mo"
    compile_one(pot, target, "en@pseudo")
    with target.open("rb") as stream:
        catalog = gettext.GNUTranslations(stream)
    one, two, many = (catalog.ngettext("{count} day", "{count} days", n) for n in (1, 2, 7))
    assert len({one, two, many}) == 3
    assert "days" not in one.replace("á", "a") and "đáý" in one
    assert "{count}" in one and "{count}" in two and "{count}" in many
    compile_one(pot, target, "ar@pseudo")
    with target.open("rb") as stream:
        catalog = gettext.GNUTranslations(stream)
    assert (
        len({catalog.ngettext("{count} day", "{count} days", n) for n in (0, 1, 2, 3, 11, 100)})
        == 6
    )


def test_rtl_from_the_catalog() -> None:
    i18n.set_language("ar@pseudo")
    assert i18n.is_rtl()
    i18n.set_language("en@pseudo")
    assert not i18n.is_rtl()
    i18n.set_language("de")
    assert not i18n.is_rtl()


def test_formats_follow_the_systems_region(no_locale_env: pytest.MonkeyPatch) -> None:
    no_locale_env.setenv("LANG", "en_US.UTF-8")
    i18n.set_language(None)
    assert i18n.first_weekday() == 6  # Sunday
    assert i18n.format_time(dt.time(18, 0)) == "6:00\u202fPM"
    no_locale_env.setenv("LANGUAGE", "de")  # messages in German, formats still from LANG?
    i18n.set_language(None)
    assert i18n.language() == "de"
    assert i18n.format_decimal(1.5, digits=1) == "1,5"  # a US region does not speak German
    no_locale_env.setenv("LC_TIME", "de_AT.UTF-8")
    i18n.set_language(None)
    assert i18n.format_date(dt.date(2026, 1, 7), "long") == "7. Jänner 2026"  # Austrian


def test_content_is_unchanged_when_untranslated() -> None:
    i18n.set_language("de")
    assert i18n.content("My own routine, as I wrote it") == "My own routine, as I wrote it"
    assert i18n.content("") == ""
    assert i18n._("") == ""


def test_formats_follow_the_language() -> None:
    i18n.set_language("de")
    assert i18n.format_decimal(1.5, digits=1) == "1,5"
    assert i18n.first_weekday() == 0
    assert i18n.format_date(dt.date(2026, 12, 7), "long") == "7. Dezember 2026"
    i18n.set_language("en")
    assert i18n.format_decimal(1.5, digits=1) == "1.5"
    assert i18n.format_decimal(1234.5, digits=0) in ("1,234", "1,235")
    assert i18n.first_weekday() == 0  # the tests' LANG is en_GB: Monday
    assert i18n.format_time(dt.time(18, 0)) == "18:00"
    i18n.set_language("fr")
    assert i18n.format_decimal(2.25, digits=2) == "2,25"
    assert i18n.format_time(dt.time(14, 5)) == "14:05"


def test_a_stale_catalog_is_compiled_into_the_cache(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pathlib import Path

    locale = Path(str(tmp_path)) / "locale"
    folder = locale / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "psoas_timer.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'
        'msgid "Library"\nmsgstr "Bibliothek"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    catalogs.shipped_languages.cache_clear()
    i18n.set_cache_dir(Path(str(tmp_path)) / "cache")
    try:
        with caplog.at_level("INFO", logger="psoas_timer.i18n.catalogs"):
            i18n.set_language("de")
            assert i18n._("Library") == "Bibliothek"
        assert (
            Path(str(tmp_path)) / "cache" / "locale" / "de" / "LC_MESSAGES" / "psoas_timer.mo"
        ).is_file()
        assert not (folder / "psoas_timer.mo").exists()
    finally:
        i18n.set_cache_dir(None)
        catalogs.shipped_languages.cache_clear()


@pytest.mark.parametrize("code", ["en@pseudo", "ar@pseudo"])
def test_every_message_formats_in_the_pseudo_languages(code: str, tmp_path: object) -> None:
    """Each message with {placeholders}, as the pseudo-language writes it, takes the
    placeholders of its source and formats (a brace the transformation broke would raise
    where the window shows it)."""
    import gettext
    from pathlib import Path

    from babel.messages.pofile import read_po

    from psoas_timer.i18n.build import compile_one

    pot = catalogs.LOCALE_DIR / "psoas_timer.pot"
    target = Path(str(tmp_path)) / "p.mo"
    compile_one(pot, target, code)
    with target.open("rb") as stream:
        catalog = gettext.GNUTranslations(stream)
    with pot.open("rb") as stream:
        messages = [m for m in read_po(stream) if m.id]
    failed = []
    for message in messages:
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        names = {
            n.split(":")[0].split("!")[0]
            for i in ids
            for n in re.findall(r"(?<!\{)\{([^{}]*)\}", i)
        }
        if not names:
            continue
        values = {name: "x" for name in names if name}
        try:
            ids[0].format(**values)
        except (KeyError, ValueError, IndexError):
            continue  # braces that are text ("{range: 20-30s, use: 25s}"), never formatted
        for n in (1, 2, 5):
            if len(ids) == 2:
                shown = (
                    catalog.npgettext(message.context, ids[0], ids[1], n)
                    if message.context
                    else catalog.ngettext(ids[0], ids[1], n)
                )
            else:
                shown = (
                    catalog.pgettext(message.context, ids[0])
                    if message.context
                    else catalog.gettext(ids[0])
                )
            try:
                shown.format(**values)
            except (KeyError, ValueError, IndexError) as exc:
                failed.append(f"{ids[0]!r}: {exc}")
    assert not failed, "\n".join(failed)
