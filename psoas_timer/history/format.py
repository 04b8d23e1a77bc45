"""Short plain sentences about recorded sessions, shared by the window, the CLI and the
report: one vocabulary everywhere.

The words (docs/history.md says the same):

- a session **finished** (ran to its end), was **stopped** (the user stopped it early), was
  **interrupted** (the app never saw its end and the user did not carry it on), or is
  **unfinished** (it has not ended yet: it is offered to carry on);
- a step was **done** (every side and set), **partly done** (some of them) or **skipped**
  (reached, none done);
- an open hold was **released** (a time to release: :func:`~.records.is_release`), **held to
  its limit**, **skipped** or **stopped** after so long.

"Completed" and "cut short" are retired: ``tests/history/test_vocabulary.py`` keeps them out
of what a user reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from psoas_timer.i18n import N_, _, npgettext, pgettext

from .records import Ending, Release, ReleaseEnding, SessionSummary, is_release

__all__ = [
    "ENDING_WORDS",
    "describe_releases",
    "ending_name",
    "ending_word",
    "first_releases",
    "format_seconds",
    "hold_words",
    "step_count_words",
    "step_counts",
]

#: How a session ended, in the one word used everywhere (None: it has not ended); as
#: written in files and JSON, untranslated (:func:`ending_word` translates it).
ENDING_WORDS: dict[str | None, str] = {
    "completed": N_("finished"),
    "stopped": N_("stopped"),
    "interrupted": N_("interrupted"),
    None: N_("unfinished"),
}


def ending_name(ending: Ending | str | None) -> str:
    """The word as files and JSON write it: ``"finished"``, ``"stopped"``... (untranslated)."""
    return ENDING_WORDS.get(ending, str(ending))


def ending_word(ending: Ending | str | None) -> str:
    """``"finished"``, ``"stopped"``, ``"interrupted"`` or ``"unfinished"``, translated."""
    return _(ending_name(ending))


def format_seconds(seconds: float) -> str:
    """``"1:40"``, ``"1:02:05"``: minutes and seconds (hours when there are some)."""
    total = round(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def step_counts(summary: SessionSummary) -> str:
    """``"2 of 8 steps done, 3 partly done, 3 skipped"``: the completion screen's way of
    counting (a step is done, partly done or skipped by its sides and sets)."""
    planned = summary.steps_planned or (
        summary.steps_done + summary.steps_partly + summary.steps_skipped
    )
    return step_count_words(
        summary.steps_done, planned, summary.steps_partly, summary.steps_skipped
    )


def step_count_words(done: int, planned: int, partly: int, skipped: int) -> str:
    """``"2 of 8 steps done, 3 partly done, 3 skipped"`` (the partly done and the skipped
    only when there are some): each number chooses the plural of its own words."""
    # Translators: the number of steps planned, put in "{done} of {steps} done" for {steps}
    steps = npgettext("step counts", "{count} step", "{count} steps", planned)
    counts = {
        "done": npgettext(
            "step counts",
            # Translators: {steps} is "8 steps" (its own plural); this form is chosen by
            # {done}, the number of steps done (0 too)
            "{done} of {steps} done",
            "{done} of {steps} done",
            done,
        ).format(done=done, steps=steps.format(count=planned)),
        "partly": npgettext(
            "step counts", "{count} partly done", "{count} partly done", partly
        ).format(count=partly),
        "skipped": npgettext("step counts", "{count} skipped", "{count} skipped", skipped).format(
            count=skipped
        ),
    }
    if partly and skipped:
        # Translators: the steps done, then partly done and skipped: "2 of 8 steps done, 3
        # partly done, 3 skipped"
        text = pgettext("step counts", "{done}, {partly}, {skipped}")
    elif partly:
        text = pgettext("step counts", "{done}, {partly}")
    elif skipped:
        text = pgettext("step counts", "{done}, {skipped}")
    else:
        text = "{done}"
    return text.format(**counts)


def hold_words(ending: ReleaseEnding | str, seconds: float) -> str:
    """How an open hold ended: ``"released in 1:40"`` (a time to release), ``"held to its
    limit (3:00)"``, ``"skipped after 0:01"``, ``"stopped after 0:40"``."""
    time = format_seconds(seconds)
    if ending == "extended":
        return _("released (after more time) in {time}").format(time=time)
    if is_release(ending):
        return _("released in {time}").format(time=time)
    if ending == "max":
        return _("held to its limit ({time})").format(time=time)
    if ending == "skipped":
        return _("skipped after {time}").format(time=time)
    return _("stopped after {time}").format(time=time)


def first_releases(releases: Iterable[Release]) -> dict[tuple[str, str | None], Release]:
    """Each point's (and side's) first hold ended by release, by (point key, side)."""
    found: dict[tuple[str, str | None], Release] = {}
    for r in releases:
        if r.released:
            found.setdefault((r.point.key, r.side), r)
    return found


def describe_releases(releases: Iterable[Release]) -> str:
    """``"Psoas release: left released in 1:40, right in 2:10"``: each point's first
    release, the point (its step) named once before its sides. A point none of whose holds
    ended by release says how its first one ended (``"skipped after 0:01"``), never
    "released"."""
    holds = list(releases)
    released = first_releases(holds)
    chosen: list[Release] = []
    seen: set[tuple[str, str | None]] = set()
    for release in holds:
        key = (release.point.key, release.point.side)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(released.get(key, release))
    parts: list[str] = []
    last_name: str | None = None
    last_released = False
    for release in chosen:
        point = release.point
        again = point.name == last_name and point.side is not None
        last_name = point.name
        where: str
        if again:
            where = point.side or ""
        elif point.side:
            where = f"{point.name}: {point.side}"
        else:
            where = point.name
        how = hold_words(release.ending, release.seconds)
        if again and last_released and release.ending == "released":
            # "left released in 1:40, right in 2:10"
            # Translators: the second side of a release, after the first ("left released in
            # 1:40, right in 2:10"): {time} is how long it took; "released" is understood
            how = _("in {time}").format(time=format_seconds(release.seconds))
        last_released = release.released
        parts.append(f"{where} {how}")
    return ", ".join(parts)
