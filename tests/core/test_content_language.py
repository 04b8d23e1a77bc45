"""Bundled content in the user's language (issue #26, item 2): names, descriptions,
instructions and spoken lines of the bundled routines, libraries and programmes come from
the ``content`` catalog; a user's own routine stays as written. No Qt."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from psoas_timer.core.catalog import Layout, load_catalog
from psoas_timer.core.plan import compile_plan
from psoas_timer.i18n import languages, set_language
from psoas_timer.practice.programmes import load_programmes

ROOT = Path(__file__).resolve().parent.parent.parent
ROUTINES = ROOT / "routines"
PSEUDO = "en@pseudo"  # every text lengthened and wrapped in ⟦ ⟧, made from the templates


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language(None)


def test_a_bundled_routine_is_in_the_language_and_a_users_as_written(
    tmp_path: Path, language: None
) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    shutil.copy(ROUTINES / "daily-psoas.yaml", user / "my-daily.yaml")
    set_language(PSEUDO)
    catalog = load_catalog(Layout(ROUTINES, user=user))
    by_file = {entry.path.name: entry for entry in catalog.entries}
    bundled, mine = by_file["daily-psoas.yaml"], by_file["my-daily.yaml"]
    assert bundled.routine is not None and mine.routine is not None
    assert bundled.routine.name.startswith("⟦") and "⟧" in bundled.routine.name
    assert mine.routine.name == "Daily psoas routine"  # the user's own words
    assert mine.routine.description.startswith("For anyone with tight hip flexors")
    # what a bundled exercise says is translated wherever it is used: it is bundled text
    said = [cue.text for _, cue, _ in compile_plan(bundled.routine).cues() if cue.kind == "prompt"]
    assert said and all(text.startswith("⟦") for text in said)


def test_the_cache_keeps_each_language_apart(tmp_path: Path, language: None) -> None:
    layout = Layout(ROUTINES, cache=tmp_path / "cache")
    first = load_catalog(layout)
    first.save_cache()
    set_language(PSEUDO)
    again = load_catalog(layout)
    names = {entry.path.name: entry.name for entry in again.entries}
    assert names["daily-psoas.yaml"].startswith("⟦")  # not the English cached before
    set_language("en")
    english = load_catalog(layout)
    assert {e.path.name: e.name for e in english.entries}["daily-psoas.yaml"] == (
        "Daily psoas routine"
    )


@pytest.mark.parametrize("code", [PSEUDO, *(code for code, _ in languages())])
def test_every_bundled_file_loads_in_every_language(code: str, language: None) -> None:
    """A translation longer than a field allows (a name over 80 characters) would break the
    routine in that language: every one reads without a problem in each."""
    set_language(code)
    catalog = load_catalog(ROUTINES)
    assert [(e.path.name, e.problems) for e in catalog.entries if not e.ok] == []
    programmes = load_programmes(catalog, [(ROUTINES, True)])
    assert [(p.path.name, p.problems) for p in programmes.entries if p.programme is None] == []
