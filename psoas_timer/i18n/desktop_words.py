"""The desktop entry's and the AppStream metainfo's words, marked for the catalog.

``packaging/linux/io.github.psoastimer.PsoasTimer.desktop`` and ``….metainfo.xml`` are
written in English; ``python tools/make_metainfo.py`` merges each language's translations
of these texts into them (``Name[de]=``, ``<summary xml:lang="de">``) from the
``psoas_timer`` catalogs, and ``--check`` (a test) says when they are out of date. Each
text here is exactly as the file has it (a test holds that), so nothing is translated twice.
Nothing imports this module: it is read by the extraction only.
"""

from __future__ import annotations

from psoas_timer.i18n import N_

__all__ = ["DESKTOP_WORDS", "METAINFO_WORDS"]

DESKTOP_WORDS = (
    # Translators: the application's name in menus (Name=); keep it unless your language
    # writes it otherwise
    N_("Psoas Timer"),
    # Translators: the kind of application, in menus (GenericName=)
    N_("Stretching Timer"),
    # Translators: the menu entry's tooltip (Comment=)
    N_("Hands-free guided timer for hip-flexor, psoas and iliacus routines"),
    # Translators: search words for the menu (Keywords=): separated by semicolons, ending
    # with one; English ones may stay besides yours
    N_("psoas;iliacus;hip flexor;stretch;stretching;trigger point;exercise;timer;yoga;back pain;"),
    # Translators: the menu entry's action that opens the daily routine
    N_("Daily Psoas Routine"),
)

METAINFO_WORDS = (
    # Translators: software centres' one-line summary (at most 80 characters, no full stop)
    N_("Hands-free guided timer for hip-flexor and psoas routines"),
    # Translators: software centres' description of the app (a paragraph)
    N_(
        "Psoas Timer guides you through routines for tight hip flexors and low-back pain "
        "from psoas and iliacus trigger points. Pick a routine, press Start, and follow it "
        "from the mat without touching the computer."
    ),
    N_("A countdown you can read from two metres away"),
    N_("Breathing pacing you can see and hear"),
    N_("Spoken prompts for every hold, side, set, rest and milestone"),
    N_("Trigger-point holds of 90 seconds or more, with milestones and open holds"),
    N_("Your own routines as plain YAML files, checked with clear messages"),
    N_(
        "Psoas Timer is a timer, not medical advice. Stop at once on sharp pain, numbness or "
        "tingling, and see a doctor or physical therapist if pain lasts or returns."
    ),
    # Translators: captions of the screenshots in software centres (no full stop)
    N_("A trigger-point hold, paced by breathing, with its milestones"),
    N_("The routines, with their length and tags, ready to start"),
    N_("A routine's steps and total time before you start"),
    N_("An open hold asks whether the point has released"),
    N_("Progress: days in a row, the weekly goal and six months at a glance"),
    N_("The dark theme, read from across the room"),
)
