"""Numbers and times as the voice says them, in the current language: ``30`` ->
``"Thirty seconds"`` ("Dreißig Sekunden", "Trente secondes").

Numbers are worded by each language's own rules (num2words: German, French, Spanish,
Brazilian Portuguese, English and some fifty more); the sentences around them ("{count}
seconds", "Left side", "Next: {name}") come from the catalog, with each language's plural
forms. Nothing here is English but the source text of the catalog.

num2words words a number as counted ("un", "uno", "um", "eins"); said with a noun, the number
agrees with it: "soixante et une secondes", "veintiún segundos", "duas séries", "eine
Sekunde". :data:`GENDERS` gives each noun's gender per language and :data:`_AGREEMENT` holds
each language's rules over num2words' words, in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Literal

from psoas_timer.i18n import _, language, npgettext

__all__ = [
    "GENDERS",
    "next_words",
    "number_words",
    "seconds_words",
    "side_words",
    "words_language",
]

#: A noun a number is said with (the source's word for it). Times are said in words today;
#: reps, breaths and sets are shown in digits, their genders kept here for when they are not.
Noun = Literal["second", "minute", "rep", "breath", "set"]
Gender = Literal["m", "f"]

#: The grammatical gender of each noun a number is said with, by num2words' language (its
#: base language for a country's variant: "pt" serves "pt_BR"). A language not listed, or a
#: noun not listed for it, keeps num2words' words.
GENDERS: dict[str, dict[Noun, Gender]] = {
    # die Sekunde, die Minute, die Wiederholung, der Atemzug, der Satz
    "de": {"second": "f", "minute": "f", "rep": "f", "breath": "m", "set": "m"},
    # la seconde, la minute, la répétition, la respiration, la série
    "fr": {"second": "f", "minute": "f", "rep": "f", "breath": "f", "set": "f"},
    # el segundo, el minuto, la repetición, la respiración, la serie
    "es": {"second": "m", "minute": "m", "rep": "f", "breath": "f", "set": "f"},
    # o segundo, o minuto, a repetição, a respiração, a série
    "pt": {"second": "m", "minute": "m", "rep": "f", "breath": "f", "set": "f"},
}


def words_language(code: str | None = None) -> str:
    """num2words' name for the language *code* (the current one by default): ``"de_AT"`` ->
    ``"de"``, ``"pt_BR"`` stays, a pseudo-language is its base; ``"en"`` when it has none."""
    from num2words import CONVERTER_CLASSES

    code = code or language()
    base = code.split("@", 1)[0].split(".", 1)[0].replace("-", "_")
    for candidate in (base, base.split("_", 1)[0]):
        if candidate in CONVERTER_CLASSES:
            return candidate
    return "en"


def number_words(
    n: int, code: str | None = None, *, noun: Noun | None = None, noun_follows: bool = True
) -> str:
    """*n* in words in the language *code* (the current one by default); digits for a
    number no rule words (negative or huge).

    Without *noun*, as counted ("un", "uno", "eins"). With one, agreeing with it in the
    language ("une" seconde, "un" segundo, "eine" Sekunde); *noun_follows* False when the
    noun is understood, not said ("une minute trente et une": the seconds), where Spanish
    says "uno", not "un", and German "eins"."""
    if n < 0 or n >= 10**6:
        return str(n)
    lang = words_language(code)
    words = _worded(n, lang)
    base = lang.split("_", 1)[0]
    gender = GENDERS.get(base, {}).get(noun) if noun is not None else None
    agree = _AGREEMENT.get(base)
    if gender is None or agree is None:
        return words
    return agree(words, gender, noun_follows)


@cache
def _worded(n: int, lang: str) -> str:
    from num2words import num2words  # 50 ms to import: only once a number is said

    try:
        return str(num2words(n, lang=lang))
    except (NotImplementedError, OverflowError, ValueError, TypeError):
        return str(n)


def _last_word(words: str, table: dict[str, str]) -> str:
    """*words* with its last word (after a space or a hyphen) replaced as *table* says."""
    head, last = re.match(r"(.*?)([^ -]*)$", words, re.DOTALL).groups()  # type: ignore[union-attr]
    return head + table.get(last, last)


def _each_word(words: str, table: dict[str, str]) -> str:
    """*words* with every word found in *table* replaced as it says."""
    return re.sub(r"[^ -]+", lambda m: table.get(m.group(0), m.group(0)), words)


def _german(words: str, gender: Gender, noun_follows: bool) -> str:
    """Before a noun, "eins" is "eine Sekunde", "ein Satz"; "hunderteins" is "hundertein
    Sekunden" (Duden: uninflected, with the plural); "einundzwanzig" stays."""
    if not noun_follows or not words.endswith("eins"):
        return words
    if words == "eins":
        return "eine" if gender == "f" else "ein"
    return words[: -len("s")]


def _french(words: str, gender: Gender, noun_follows: bool) -> str:
    """Feminine: the "un" that ends a number is "une" ("vingt et une", "quatre-vingt-une",
    "cent une"); "deux cents" has no gender."""
    return _last_word(words, {"un": "une"}) if gender == "f" else words


_SPANISH_FEMININE = {
    "uno": "una",
    "un": "una",
    "veintiuno": "veintiuna",
    "veintiún": "veintiuna",
    "doscientos": "doscientas",
    "trescientos": "trescientas",
    "cuatrocientos": "cuatrocientas",
    "quinientos": "quinientas",
    "seiscientos": "seiscientas",
    "setecientos": "setecientas",
    "ochocientos": "ochocientas",
    "novecientos": "novecientas",
}


def _spanish(words: str, gender: Gender, noun_follows: bool) -> str:
    """Feminine: "una", "veintiuna", "doscientas"... Masculine before its noun: "uno" drops
    its "o" ("un segundo", "veintiún segundos", "treinta y un segundos"); said alone it
    stays "uno"."""
    if gender == "f":
        return _each_word(words, _SPANISH_FEMININE)
    if noun_follows:
        return _last_word(words, {"uno": "un", "veintiuno": "veintiún"})
    return words


_PORTUGUESE_FEMININE = {
    "um": "uma",
    "dois": "duas",
    "duzentos": "duzentas",
    "trezentos": "trezentas",
    "quatrocentos": "quatrocentas",
    "quinhentos": "quinhentas",
    "seiscentos": "seiscentas",
    "setecentos": "setecentas",
    "oitocentos": "oitocentas",
    "novecentos": "novecentas",
}


def _portuguese(words: str, gender: Gender, noun_follows: bool) -> str:
    """Feminine: "uma", "duas", "vinte e duas", "duzentas"; num2words' words are the
    masculine ones."""
    return _each_word(words, _PORTUGUESE_FEMININE) if gender == "f" else words


#: Each language's agreement of num2words' words with a noun's gender (by base language).
_AGREEMENT: dict[str, Callable[[str, Gender, bool], str]] = {
    "de": _german,
    "fr": _french,
    "es": _spanish,
    "pt": _portuguese,
}


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def seconds_words(seconds: float) -> str:
    """``"Thirty seconds"``, ``"Two minutes"``, ``"One minute thirty"``: how a coach says a
    time, in the current language."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    # The voice's own entries (context "spoken cue"): a count shown on screen is a number
    # ("1 Minute"), one said is a word ("eine Minute"), and a form may put the word in.
    if whole < 120:
        n: int = whole
        noun: Noun = "second"
        # Translators: a time said aloud; {count} is the number in words ("thirty"). A
        # form may leave {count} out when the words differ ("Eine Sekunde").
        template = npgettext("spoken cue", "{count} second", "{count} seconds", n)
        english = "{count} second" if n == 1 else "{count} seconds"
    else:
        n, noun = minutes, "minute"
        # Translators: a time said aloud; {count} is the number in words ("two")
        template = npgettext("spoken cue", "{count} minute", "{count} minutes", n)
        english = "{count} minutes"
    # a sentence not translated yet is said in English throughout, never "Dreißig seconds"
    code = None if template != english else "en"
    text = template.format(count=number_words(n, code, noun=noun))
    if whole >= 120 and secs:
        # the seconds, their noun understood: "deux minutes trente et une"
        after = number_words(secs, code, noun="second", noun_follows=False)
        # Translators: a time said aloud: "One minute" then the seconds in words
        # ("thirty"), as a coach says "one minute thirty"
        text = _("{minutes} {seconds}").format(minutes=text, seconds=after)
    return _capitalized(text)


def side_words(side: str) -> str:
    """``"Left side"`` or ``"Right side"``, said as a side's sets begin."""
    return _("Left side") if side == "left" else _("Right side")


def next_words(name: str) -> str:
    """``"Next: Plank"``, said as a rest begins. The voice says the part before the colon and
    the name as two clips, so a translation keeps the colon."""
    # Translators: said aloud as a rest begins; keep the colon: the voice says the words
    # before it and the step's {name} as two recordings
    return _("Next: {name}").format(name=name)
