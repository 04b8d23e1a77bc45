"""The routines and exercise library that ship in ``routines/``: valid, complete and honest.

Qt-free: only the catalog loader and the plan compiler are used.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.model import Choice, Kind, RepeatGroup, Step
from psoas_timer.core.plan import compile_plan

ROOT = Path(__file__).resolve().parents[2]
ROUTINES = ROOT / "routines"
LIBRARY = ROUTINES / "library"

ROUTINE_SCHEMA_LINE = "# yaml-language-server: $schema=schema/routine.schema.json"
LIBRARY_SCHEMA_LINE = "# yaml-language-server: $schema=../schema/library.schema.json"

#: How far a routine's planned total may stray from the length its description claims.
TOLERANCE = 0.25

#: Every exercise issue 5 names, by library id. Removing or renaming one must fail a test.
ISSUE_EXERCISES = {
    # Strength and movement
    "cable-twist": Kind.EXERCISE,
    "hip-raise": Kind.EXERCISE,
    "weighted-hip-raise": Kind.EXERCISE,
    "plank": Kind.EXERCISE,
    "abdominal-crunch": Kind.EXERCISE,
    "high-knees": Kind.EXERCISE,
    "squat-toe-touch": Kind.EXERCISE,
    "side-lunge": Kind.STRETCH,
    "single-leg-bridge": Kind.EXERCISE,
    "side-lying-leg-raise": Kind.EXERCISE,
    # Release work
    "ball-roll": Kind.RELEASE,
    "psoas-ball-release": Kind.RELEASE,
    "iliacus-release": Kind.RELEASE,
    "deep-psoas-release": Kind.RELEASE,
    "foam-roll-back-hips": Kind.RELEASE,
    # Yoga and stretches
    "boat-pose": Kind.EXERCISE,
    "pigeon-pose": Kind.STRETCH,
    "triangle-pose": Kind.STRETCH,
    "side-lying-psoas-stretch": Kind.STRETCH,
    "kneeling-hip-flexor-stretch": Kind.STRETCH,
    "standing-hip-flexor-stretch": Kind.STRETCH,
    "knee-to-chest": Kind.STRETCH,
    "quad-stretch": Kind.STRETCH,
    "cat-cow": Kind.STRETCH,
    "cobra": Kind.STRETCH,
    "downward-dog": Kind.STRETCH,
    # Other
    "heat-pack": Kind.HEAT_ICE,
    "ice-pack": Kind.HEAT_ICE,
    "calm-breathing": Kind.BREATHING,
    "box-breathing": Kind.BREATHING,
    "breathing-4-7-8": Kind.BREATHING,
}

#: The routines the issue lists, by file stem.
ISSUE_ROUTINES = {
    "daily-psoas",
    "trigger-point-release",
    "core-strength",
    "hip-opening-yoga",
    "desk-break",
    "heat-or-ice",  # the heat and the ice routines, one routine that asks which
    "breathing",
    "before-run",
    "after-run",
}

_CLAIM = re.compile(r"\babout\s+(\d+(?:\.\d+)?)\s*(minutes?|mins?|seconds?|secs?)\b", re.IGNORECASE)


def claimed_seconds(description: str) -> float | None:
    """The length a description claims ("about 15 minutes" → 900), or None if it makes none."""
    found = _CLAIM.findall(description)
    if len(found) != 1:
        return None
    number, unit = found[0]
    return float(number) * (60 if unit.lower().startswith("min") else 1)


def flat_steps(items: list[Step | RepeatGroup | Choice]) -> list[Step]:
    steps: list[Step] = []
    for item in items:
        if isinstance(item, RepeatGroup):
            steps.extend(flat_steps(item.steps))
        elif isinstance(item, Choice):
            steps.extend(item.choose)
        else:
            steps.append(item)
    return steps


def raw_uses(path: Path) -> set[str]:
    """Every ``use:`` id written in a routine file (before the loader merges them away)."""
    import yaml

    def walk(items: object) -> set[str]:
        found: set[str] = set()
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str):  # an option of an either/or step
                found.add(item)
            elif isinstance(item, dict):
                if "repeat" in item:
                    found |= walk(item.get("steps"))
                elif "choose" in item:
                    found |= walk(item.get("choose"))
                elif isinstance(item.get("use"), str):
                    found.add(item["use"])
        return found

    return walk(yaml.safe_load(path.read_text(encoding="utf-8")).get("steps"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROUTINES)


def routine_paths() -> list[Path]:
    return sorted(ROUTINES.glob("*.yaml"))


def library_paths() -> list[Path]:
    return sorted(LIBRARY.glob("*.yaml"))


# --- the claim parser itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Warm up and stretch. About 15 minutes.", 900),
        ("about 1 minute", 60),
        ("takes about 90 seconds", 90),
        ("The usual 10 to 20 minutes of ice. About 15 minutes.", 900),
        ("No length here.", None),
        ("About 5 minutes, or about 10 minutes.", None),
    ],
)
def test_claim_parser(text: str, seconds: float | None) -> None:
    assert claimed_seconds(text) == seconds


# --- files and validation ------------------------------------------------------------------


def test_bundled_files_exist() -> None:
    assert len(library_paths()) >= 3
    stems = {p.stem for p in routine_paths()}
    assert stems >= ISSUE_ROUTINES, f"missing routines: {sorted(ISSUE_ROUTINES - stems)}"


def test_library_validates(catalog: Catalog) -> None:
    assert catalog.library_problems == [], "\n".join(map(str, catalog.library_problems))
    assert len(catalog.library.exercises) >= len(ISSUE_EXERCISES)


def test_every_routine_validates(catalog: Catalog) -> None:
    bundled = [e for e in catalog.entries if e.bundled]
    assert {e.path.resolve() for e in bundled} == {p.resolve() for p in routine_paths()}
    problems = [str(p) for e in bundled for p in e.problems]
    assert problems == [], "\n".join(problems)
    assert all(e.ok for e in bundled)


@pytest.mark.parametrize("path", routine_paths(), ids=lambda p: p.name)
def test_routine_file_starts_with_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == ROUTINE_SCHEMA_LINE


@pytest.mark.parametrize("path", library_paths(), ids=lambda p: p.name)
def test_library_file_starts_with_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == LIBRARY_SCHEMA_LINE


# --- library content -----------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", sorted(ISSUE_EXERCISES))
def test_issue_exercise_is_in_library(catalog: Catalog, exercise_id: str) -> None:
    step = catalog.library.exercises.get(exercise_id)
    assert step is not None, f"library exercise {exercise_id!r} has gone missing"
    assert step.kind is ISSUE_EXERCISES[exercise_id]


def test_library_entries_are_complete(catalog: Catalog) -> None:
    """Each entry has a name, instructions, safety notes, an image and its own timing."""
    for exercise_id, step in catalog.library.exercises.items():
        assert step.name, exercise_id
        assert step.instructions, f"{exercise_id}: no instructions"
        assert step.safety, f"{exercise_id}: no safety notes"
        assert step.image, f"{exercise_id}: no image"
        assert step.is_timed, f"{exercise_id}: no default timing"
        if step.kind is not Kind.BREATHING:
            assert step.muscles, f"{exercise_id}: no target muscles"


def test_instructions_read_from_across_the_room(catalog: Catalog) -> None:
    """One action per line, short lines: nothing a person on a mat has to squint at."""
    for exercise_id, step in catalog.library.exercises.items():
        assert len(step.instructions) <= 8, f"{exercise_id}: {len(step.instructions)} lines"
        for line in [*step.instructions, *step.safety]:
            assert len(line) <= 70, f"{exercise_id}: line too long: {line!r}"


def test_library_images_exist() -> None:
    import yaml

    for path in library_paths():
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["exercises"]:
            image = entry.get("image")
            assert image, f"{path.name}: {entry['id']} has no image"
            target = (path.parent / image).resolve()
            assert target.suffix == ".svg", target
            assert target.is_file(), f"{path.name}: {entry['id']}: missing {image}"
            text = target.read_text(encoding="utf-8")
            assert text.lstrip().startswith("<svg") and "</svg>" in text, target


def test_routine_step_images_exist(catalog: Catalog) -> None:
    for entry in catalog.entries:
        assert entry.routine is not None, entry.path
        for step in flat_steps(entry.routine.steps):
            if step.image is not None:
                assert Path(step.image).is_file(), f"{entry.path.name}: {step.title}: {step.image}"


def test_every_library_entry_is_used(catalog: Catalog) -> None:
    used: set[str] = set()
    for path in routine_paths():
        used |= raw_uses(path)
    unused = set(catalog.library.exercises) - used
    assert unused == set(), f"library entries no routine uses: {sorted(unused)}"


# --- timing facts from the articles --------------------------------------------------------


def test_article_timings(catalog: Catalog) -> None:
    ex = catalog.library.exercises
    assert (ex["hip-raise"].hold, ex["hip-raise"].reps, ex["hip-raise"].sets) == (10, 10, 3)
    assert (ex["plank"].hold, ex["plank"].rest_between_sets) == (30, 10)
    assert 3 <= ex["plank"].sets <= 4
    assert (ex["abdominal-crunch"].reps, ex["abdominal-crunch"].sets) == (15, 3)
    assert ex["squat-toe-touch"].reps == 6
    assert (ex["side-lunge"].hold, ex["side-lunge"].sets, ex["side-lunge"].sides) == (15, 3, "both")
    assert (ex["knee-to-chest"].hold, ex["knee-to-chest"].sets, ex["knee-to-chest"].sides) == (
        15,
        3,
        "both",
    )
    assert 10 <= ex["standing-hip-flexor-stretch"].hold <= 15
    assert 20 <= ex["kneeling-hip-flexor-stretch"].hold <= 30
    assert ex["kneeling-hip-flexor-stretch"].sides == "both"
    assert ex["foam-roll-back-hips"].hold == 30
    for pack in ("heat-pack", "ice-pack"):
        assert 10 * 60 <= ex[pack].duration <= 20 * 60
        assert any("towel" in line.lower() for line in [*ex[pack].instructions, *ex[pack].safety])


def test_psoas_release_at_the_hip_crease(catalog: Catalog) -> None:
    step = catalog.library.exercises["psoas-ball-release"]
    assert step.hold is not None and step.hold >= 90
    assert [m.at for m in step.milestones] == [30, 60, 90]
    assert step.breathing not in (None, "none")
    assert step.sides == "both"
    assert any("higher" in line for line in step.safety)


def test_deep_release_warns_about_organs(catalog: Catalog) -> None:
    step = catalog.library.exercises["deep-psoas-release"]
    assert any("organ" in line.lower() for line in step.safety)
    assert any("sharp" in line.lower() for line in step.safety)


def test_breathing_entries_use_their_patterns(catalog: Catalog) -> None:
    ex = catalog.library.exercises
    assert ex["calm-breathing"].breathing == "calm"
    assert ex["box-breathing"].breathing == "box"
    assert ex["breathing-4-7-8"].breathing == "4-7-8"


# --- routines ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", routine_paths(), ids=lambda p: p.name)
def test_total_matches_description(catalog: Catalog, path: Path) -> None:
    entry = catalog.find(str(path))
    assert entry is not None and entry.routine is not None, path
    claim = claimed_seconds(entry.routine.description)
    assert claim is not None, f"{path.name}: description must say 'about N minutes' exactly once"
    total = compile_plan(entry.routine).total
    assert abs(total - claim) <= TOLERANCE * claim, (
        f"{path.name}: planned {total / 60:.1f} min, description claims {claim / 60:.1f} min"
    )


@pytest.mark.parametrize("path", routine_paths(), ids=lambda p: p.name)
def test_routine_has_description_and_tags(catalog: Catalog, path: Path) -> None:
    entry = catalog.find(str(path))
    assert entry is not None and entry.routine is not None
    assert entry.routine.description.strip().lower().startswith(("for ", "only for "))
    assert entry.routine.tags


def test_trigger_point_session(catalog: Catalog) -> None:
    entry = catalog.find("trigger-point-release")
    assert entry is not None and entry.routine is not None
    steps = flat_steps(entry.routine.steps)
    names = {s.name for s in steps}
    assert {"Hip crease release", "Iliacus release", "Ball rolls"} <= names
    releases = [s for s in steps if s.kind is Kind.RELEASE]
    assert all(s.sides == "both" for s in releases)
    assert all(s.breathing not in (None, "none") for s in releases)
    assert any(s.open is not None and s.open.target >= 90 for s in releases), "no open-ended hold"
    assert all((s.hold or 0) >= 90 or s.open is not None for s in releases)
    plan = compile_plan(entry.routine)
    milestones = [c for _, c, _ in plan.cues() if c.kind == "milestone"]
    assert len(milestones) >= 6
    assert any(seg.is_open for seg in plan.segments)


def test_desk_break_is_standing_only(catalog: Catalog) -> None:
    entry = catalog.find("desk-break")
    assert entry is not None and entry.routine is not None
    for step in flat_steps(entry.routine.steps):
        assert "mat" not in step.equipment, f"{step.title} needs a mat"
        assert step.kind is not Kind.RELEASE
    assert compile_plan(entry.routine).total <= 6 * 60


def test_spoken_breath_prompts_are_not_doubled_by_pacing(catalog: Catalog) -> None:
    """A step that says its own "Inhale…"/"Exhale…" lines must not also get paced breathing cues."""
    for entry in catalog.entries:
        assert entry.routine is not None, entry.path
        for run in compile_plan(entry.routine).steps:
            spoken = [
                p.say for p in run.step.prompts if re.match(r"(inhale|exhale)\b", p.say, re.I)
            ]
            if spoken:
                assert run.breathing is None, f"{entry.path.name}: {run.name} is paced and prompted"
