"""argparse's own words ("usage:", "options", "the following arguments are required") in
the user's language.

argparse looks its words up with :func:`gettext.gettext` in gettext's global domain, which
this app does not use; :func:`install` points argparse at the app's catalog instead, where
the words below are marked (argparse's exact text, ``%`` placeholders and all: translations
keep every ``%(name)s`` and ``%s``). Qt-free.
"""

from __future__ import annotations

import argparse
import re

from psoas_timer.i18n import N_, _, ngettext

__all__ = ["ARGPARSE_WORDS", "install"]

#: What argparse (Python 3.10 to 3.13) says that a user of the command line may see.
ARGPARSE_WORDS = (
    # Translators: argparse's heading of a usage line; keep the colon and the space
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("can't open '%(filename)s': %(error)s"),
    # Translators: how argparse reports a wrong command line; keep the newline at the end
    N_("%(prog)s: error: %(message)s\n"),
)


_PERCENT = re.compile(r"%(?:\([^)]*\))?[sdr%]")


def _kept(source: str, translated: str) -> str:
    """*translated*, or *source* when the translation lost or changed a ``%`` placeholder:
    argparse fills them in, and a missing one would crash the command instead of helping."""
    return (
        translated
        if sorted(_PERCENT.findall(source)) == sorted(_PERCENT.findall(translated))
        else source
    )


def _said(message: str | None) -> str | None:
    if not message:  # argparse asks for a missing description too
        return message
    return _kept(message, _(message))


def _plural(singular: str, plural: str, n: int) -> str:
    return _kept(plural, ngettext(singular, plural, n))


def _marked_plurals() -> None:  # pragma: no cover - never called: marks argparse's plurals
    ngettext("expected %s argument", "expected %s arguments", 1)
    ngettext("conflicting option string: %s", "conflicting option strings: %s", 1)


def install() -> None:
    """From now on argparse says its words in the current language (looked up when said)."""
    argparse._ = _said  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
