"""Numbers and times as the voice says them, in the current language: ``30`` ->
``"Thirty seconds"`` ("Dreißig Sekunden", "Trente secondes").

Numbers are worded by each language's own rules (num2words: German, French, Spanish,
Brazilian Portuguese, English and some fifty more); the sentences around them ("{count}
seconds", "Left side", "Next: {name}") come from the catalog, with each language's plural
forms. Nothing here is English but the source text of the catalog.
"""

from __future__ import annotations

from functools import cache

from psoas_timer.i18n import _, language, ngettext

__all__ = ["next_words", "number_words", "seconds_words", "side_words", "words_language"]


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


def number_words(n: int, code: str | None = None) -> str:
    """*n* in words in the language *code* (the current one by default); digits for a
    number no rule words (negative or huge)."""
    if n < 0 or n >= 10**6:
        return str(n)
    return _worded(n, words_language(code))


@cache
def _worded(n: int, lang: str) -> str:
    from num2words import num2words  # 50 ms to import: only once a number is said

    try:
        return str(num2words(n, lang=lang))
    except (NotImplementedError, OverflowError, ValueError, TypeError):
        return str(n)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def seconds_words(seconds: float) -> str:
    """``"Thirty seconds"``, ``"Two minutes"``, ``"One minute thirty"``: how a coach says a
    time, in the current language."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if whole < 120:
        # Translators: a time said aloud; {count} is the number in words ("thirty"). A
        # form may leave {count} out when the words differ ("Eine Sekunde").
        singular, plural, n = "{count} second", "{count} seconds", whole
    else:
        # Translators: a time said aloud; {count} is the number in words ("two")
        singular, plural, n = "{count} minute", "{count} minutes", minutes
    template = ngettext(singular, plural, n)
    # a sentence not translated yet is said in English throughout, never "Dreißig seconds"
    code = None if template != (singular if n == 1 else plural) else "en"
    text = template.format(count=number_words(n, code))
    if whole >= 120 and secs:
        # Translators: a time said aloud: "One minute" then the seconds in words
        # ("thirty"), as a coach says "one minute thirty"
        text = _("{minutes} {seconds}").format(minutes=text, seconds=number_words(secs, code))
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
