"""Numbers as the voice prompts say them: ``30`` → ``"Thirty seconds"``."""

from __future__ import annotations

__all__ = ["seconds_words"]

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """English words for 0 ≤ n < 1000; digits beyond that."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")
    return str(n)


def seconds_words(seconds: float) -> str:
    """``"Thirty seconds"``, ``"Two minutes"``, ``"One minute thirty"``: how a coach says a time."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if whole < 120:
        text = f"{number_words(whole)} second" + ("" if whole == 1 else "s")
    elif secs == 0:
        text = f"{number_words(minutes)} minute" + ("" if minutes == 1 else "s")
    else:
        text = (
            f"{number_words(minutes)} minute"
            + ("" if minutes == 1 else "s")
            + f" {number_words(secs)}"
        )
    return text[0].upper() + text[1:]
