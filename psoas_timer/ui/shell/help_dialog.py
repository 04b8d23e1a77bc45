"""Help (F1): the keys, working from afar (earbuds, media keys, a phone, a pedal), the routine
format in short, the safety notice, what Progress shows (which changes matter, and where that
threshold comes from), and About (version, licence, where the files are kept).

The keys are read from the window's own actions, so the list cannot drift from what the
keys do; the safety notice is the one the app shows before a session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from psoas_timer import APP_NAME, __version__
from psoas_timer.core.model import Step
from psoas_timer.core.safety import NOTICE_LINES, NOTICE_TITLE
from psoas_timer.core.value_types import declared_parts, field_words
from psoas_timer.i18n import N_, _, format_decimal, format_percent
from psoas_timer.ui.common.theme import scaled_font
from psoas_timer.ui.remote.help_text import from_afar_html
from psoas_timer.ui.remote.shortcuts import status_html

__all__ = ["LICENCE", "Folders", "HelpDialog"]

LICENCE = "GPL-3.0-or-later"

#: Keys that are not one of the window's actions (they belong to a page, a question or a
#: field); each is tested against the widget that answers it.
#: Marked only: translated where shown.
OTHER_KEYS = (
    ("F10", N_("Open the Menu")),
    (N_("↓ in the search"), N_("Go to the matching routines; Enter opens the first")),
    (N_("1 to 9"), N_("At an either/or question before a session: choose that answer")),
    ("Alt+D", N_("Dismiss the note that the sound is not working")),
)

FORMAT_EXAMPLE = """\
name: Evening release
defaults: {breathing: calm, rest: 15s}
steps:
  - use: psoas-ball-release        # an exercise from the library
  - name: Kneeling hip-flexor stretch
    kind: stretch
    hold: 30s                      # 30, "30s", "1m30s" or "1:30"
    sides: both                    # left, then right
  - name: Bridge
    reps: 10
    tempo: 2s
    sets: 2
"""


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def format_help() -> str:
    """The Routines tab: the format in short, with an example (the YAML stays as written:
    its keys are the format's own words)."""
    return (
        _paragraphs(
            _(
                "A routine is a plain text file in YAML: a name, a few defaults and a list of "
                "steps. Save it (<code>.yaml</code>) in your routines folder and it appears in "
                "the list; if something is wrong, its page says where (line and column) and "
                "what."
            )
        )
        + f"<pre>{escape(FORMAT_EXAMPLE)}</pre>"
        + _paragraphs(
            _(
                "Each step has one kind of timing: <code>hold</code>, <code>duration</code>, "
                "<code>reps</code> (with <code>tempo</code>), <code>open</code> (a hold that "
                "lasts until the point releases: {example}) or <code>breaths</code>. Add "
                "<code>sets</code>, <code>sides</code>, <code>breathing</code>, "
                "<code>instructions</code>, <code>safety</code> and <code>image</code> as you "
                "need them; <code>repeat: 3</code> with <code>steps:</code> repeats a group."
            ).format(example="<code>{min: 60s, target: 90s, max: 3m}</code>"),
            _(
                "The whole format is in <code>docs/routine-format.md</code>. From a terminal, "
                "<code>psoas-timer validate FILE</code> checks a file and <code>psoas-timer "
                "schema</code> prints its JSON Schema for editors that complete YAML."
            ),
        )
    )


def progress_help() -> str:
    """The Progress tab: what the ratings mean, which change is called one that matters and
    where that threshold comes from, the weekly check-in and the report."""
    from psoas_timer.history.change import ACTIVITY_POINTS, PAIN_FRACTION, PAIN_POINTS

    points = format_decimal(PAIN_POINTS, digits=0)
    share = format_percent(PAIN_FRACTION)
    activity = format_decimal(ACTIVITY_POINTS, digits=0)
    return (
        _paragraphs(
            _(
                "Before and after a session you can rate how each area feels, from 0 (no "
                "pain) to 10 (the worst pain you can imagine). Progress shows the ratings over "
                "time, and the completion page says how they have changed since you started."
            )
        )
        + "<h3>{}</h3>".format(_("Which changes matter"))
        + _paragraphs(
            _(
                "A single rating moves a point or so from day to day for no particular "
                "reason. So the app calls a change in pain one that matters only when it is "
                "at least {points} points, or at least {share} of where you started (and never "
                "less than one point). That is about the change people with long-lasting pain "
                'say they notice as "much better": Farrar and colleagues found it on the 0–10 '
                "scale (Pain, 2001), and a consensus of back-pain researchers took the same "
                "{share} (Ostelo and colleagues, Spine, 2008). A smaller change is shown as "
                '"no clear change", never as an improvement.'
            ).format(points=points, share=share),
            _(
                "In the weekly check-in, an activity you rate from 0 (cannot do it) to 10 (as "
                "well as before the trouble) has changed in a way that matters at {points} "
                "points or more (Stratford and colleagues, 1995, who made this scale)."
            ).format(points=activity),
        )
        + "<h3>{}</h3>".format(_("The report"))
        + _paragraphs(
            _(
                "Progress → Report… makes a PDF of one to three pages for your "
                "physiotherapist: how often you practised against your weekly goal, your "
                "ratings, how long the points took to release, your check-ins and notes. From "
                "a terminal: <code>psoas-timer history report -o report.pdf</code>. The app is "
                "a timer: it does not diagnose or treat."
            )
        )
    )


def step_keys_html() -> str:
    """Every key a step may have, with what it does, then the keys inside those whose value
    is a mapping of its own (an open hold, a rest's words, a milestone, a prompt) with their
    labels and help: read from the format's models (the same words as the JSON Schema and
    the builder's fields), in the order a file is written in, so a key declared there is
    listed here without being written twice."""
    rows = "".join(
        f"<tr><td><code>{escape(key)}</code></td><td>{escape(_(field.description or ''))}</td></tr>"
        for key, field in Step.model_fields.items()
    )
    html = "<p>{}</p><table cellpadding='3'>{}</table>".format(escape(_("A step's keys:")), rows)
    for part, keys in declared_parts(Step).items():
        inside = ", ".join(f"<code>{escape(key)}</code>" for key in keys)
        rows = "".join(
            f"<tr><td><code>{escape(key)}</code></td><td><b>{escape(words.label)}</b></td>"
            f"<td>{escape(words.help)}</td></tr>"
            for key in part.model_fields
            for words in (field_words(part, key),)
        )
        # Translators: {keys} is a list of a step's keys, such as "rest_between_sets, rest_after"
        heading = escape(_("Inside {keys}:")).replace(escape("{keys}"), "{keys}")
        html += f"<p>{heading.format(keys=inside)}</p><table cellpadding='3'>{rows}</table>"
    return html


@dataclass(frozen=True)
class Folders:
    """Where the app keeps things, as shown in About."""

    routines: Path
    settings: str
    cache: Path | None = None
    history: Path | None = None
    log: Path | None = None


def _keys(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """One row per action: its first two keys (all it was made with, the player's letters
    too) and what it does."""
    from psoas_timer.ui.shell.actions import all_keys, is_single_key

    rows = []
    for action in actions:
        made = all_keys(action)
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in made[:2]]
        keys = [k for k in keys if k]
        if keys:
            what = action.statusTip() or action.text()
            if all(is_single_key(k) for k in made[:2]):
                # A single letter works while the player shows (a stray letter typed
                # elsewhere changes nothing).
                what = _("{what} (on the player)").format(what=what)
            shown = (
                _("{key} or {other}").format(key=keys[0], other=keys[1])
                if len(keys) == 2
                else keys[0]
            )
            rows.append((shown, what))
    return rows


def _browser(html: str, name: str) -> QTextBrowser:
    view = QTextBrowser()
    view.setObjectName(name)
    view.setOpenExternalLinks(False)
    view.setHtml(html)
    view.setFont(scaled_font(view.font(), 17))
    return view


class HelpDialog(QDialog):
    """Help, in tabs: Keys, From afar, Routines, Safety, Progress, About."""

    def __init__(
        self, actions: Iterable[QAction], folders: Folders, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.setWindowTitle(_("Help"))  # Qt adds " — Psoas Timer"
        self.resize(760, 620)
        self.tabs = QTabWidget()
        self.tabs.setFont(scaled_font(self.font(), 16))
        rows = [*_keys(actions), *((_(k), _(what)) for k, what in OTHER_KEYS)]
        keys = "".join(
            f"<tr><td style='padding:3px 18px 3px 0'><b>{escape(k)}</b></td>"
            f"<td style='padding:3px 0'>{escape(what)}</td></tr>"
            for k, what in rows
        )
        intro = _(
            "Everything works from the keyboard; a session needs no key at all once it has started."
        )
        self.keys = _browser(f"<p>{intro}</p><table>{keys}</table>", "help_keys")
        self.format = _browser(format_help() + step_keys_html(), "help_format")
        self.afar = _browser(from_afar_html(status_html()), "help_afar")
        safety = "".join(f"<li>{escape(_(line))}</li>" for line in NOTICE_LINES)
        self.safety = _browser(
            f"<h3>{escape(_(NOTICE_TITLE))}</h3><ul>{safety}</ul>", "help_safety"
        )
        self.tabs.addTab(self.keys, _("Keys"))
        self.tabs.addTab(self.afar, _("From afar"))
        self.tabs.addTab(self.format, _("Routines"))
        self.progress = _browser(progress_help(), "help_progress")
        self.tabs.addTab(self.safety, _("Safety"))
        self.tabs.addTab(self.progress, _("Progress"))
        self.tabs.addTab(self._about(folders), _("About"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _about(self, folders: Folders) -> QWidget:
        places = [
            (_("Your routines"), str(folders.routines)),
            (_("Settings"), folders.settings),
        ]
        if folders.history is not None:
            places.append((_("Your history"), str(folders.history)))
        if folders.log is not None:
            places.append((_("Log"), str(folders.log)))
        if folders.cache is not None:
            places.append((_("Cache (safe to delete)"), str(folders.cache)))
        rows = "".join(
            f"<tr><td style='padding:3px 18px 3px 0'>{escape(what)}</td>"
            f"<td style='padding:3px 0'><code>{escape(where)}</code></td></tr>"
            for what, where in places
        )
        self.about = _browser(
            f"<h2>{escape(APP_NAME)} {escape(__version__)}</h2>"
            + _paragraphs(
                _("A hands-free guided timer for psoas and iliacus routines."),
                _(
                    "Free software under the licence {licence}: you may use, study, share and "
                    "change it under its terms."
                ).format(licence=LICENCE),
            )
            + "<h3>{}</h3><table>{}</table>".format(_("Where your files are kept"), rows)
            + _paragraphs(
                _("Bundled routines are never changed; your own are plain files you can copy."),
                _(
                    "The theme (as the system, light or dark), the language and high contrast "
                    "are in the Menu ({key})."
                ).format(key="F10"),
            ),
            "help_about",
        )
        self.about.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return self.about
