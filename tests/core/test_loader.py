"""Loading routines: every field, every default, and every kind of error with its position."""

from pathlib import Path
from textwrap import dedent

import pytest

from psoas_timer.core.breathing import NAMED_PATTERNS
from psoas_timer.core.breathing_setting import breathing_pattern
from psoas_timer.core.loader import Library, load_library, load_routine, load_routine_text
from psoas_timer.core.model import Kind, RepeatGroup, Routine, Step
from psoas_timer.core.problems import LoadError


def load(text: str, library: Library | None = None) -> Routine:
    return load_routine_text(dedent(text), "r.yaml", library)


def errors(text: str, library: Library | None = None) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(text, library)
    return [str(p) for p in info.value.problems]


def first_step(routine: Routine) -> Step:
    step = routine.steps[0]
    assert isinstance(step, Step)
    return step


def test_minimal_routine_takes_sensible_defaults() -> None:
    routine = load("""\
        name: Quick stretch
        steps:
          - name: Knee to chest
            hold: 15s
        """)
    assert routine.version == 1
    assert routine.description == ""
    assert routine.tags == []
    d = routine.defaults
    assert (
        d.prepare,
        d.rest,
        d.switch_sides,
        d.breathing,
        d.cue_style,
        d.halfway,
        d.countdown,
    ) == (10, 15, 5, "none", "both", True, 3)
    step = first_step(routine)
    assert step.kind is Kind.EXERCISE
    assert (step.hold, step.sets, step.sides, step.alternate) == (15, 1, "none", False)
    assert step.breathing is None
    assert step.instructions == step.safety == step.muscles == step.equipment == []


def test_every_field_is_read() -> None:
    routine = load("""\
        version: 1
        name: Full
        description: For testing.
        tags: [psoas, daily]
        defaults:
          prepare: 5
          rest: 20s
          switch_sides: 3
          breathing: box
          cue_style: voice
          halfway: false
          countdown: 5
        steps:
          - name: Psoas ball release
            kind: release
            instructions: |
              Lie face down.
              Put the ball at the hip crease.
            safety: [Move higher if it throbs.]
            image: ball.svg
            muscles: [psoas]
            equipment: [ball]
            open: {min: 60s, target: 1:30, max: 2m}
            sides: both
            switch_sides: 10
            rest_after: 30
            prepare: 15
            breathing: {inhale: 4, exhale: 6}
            milestones: [30, {at: 60, say: A little more pressure}]
            prompts: [{every: 20s, say: Keep breathing}, {at: 45, say: Soften the belly}]
          - repeat: 3
            name: Circuit
            rest_between: 45s
            steps:
              - name: Bridge
                reps: 10
                tempo: 2
                hold: 10s
                sets: 3
                rest_between_reps: 1
                rest_between_sets: 30
                halfway: true
                countdown: 2
              - {name: Side lunge, hold: 15, sides: both, alternate: true, sets: 3}
              - {name: Calm breathing, kind: breathing, breaths: 6, breathing: 4-7-8}
        """)
    assert routine.tags == ["psoas", "daily"]
    assert routine.defaults.breathing == "box"
    step = first_step(routine)
    assert step.kind is Kind.RELEASE
    assert step.instructions == ["Lie face down.", "Put the ball at the hip crease."]
    assert step.open is not None
    assert (step.open.min, step.open.target, step.open.limit) == (60, 90, 120)
    assert [(m.at, m.say) for m in step.milestones] == [(30, None), (60, "A little more pressure")]
    assert [(p.every, p.at) for p in step.prompts] == [(20, None), (None, 45)]
    assert breathing_pattern(step.breathing) is not None
    group = routine.steps[1]
    assert isinstance(group, RepeatGroup)
    assert (group.repeat, group.name, group.rest_between) == (3, "Circuit", 45)
    bridge, lunge, breath = group.steps
    assert isinstance(bridge, Step) and isinstance(lunge, Step) and isinstance(breath, Step)
    assert (bridge.reps, bridge.tempo, bridge.hold, bridge.sets) == (10, 2, 10, 3)
    assert lunge.alternate
    assert breathing_pattern(breath.breathing) == NAMED_PATTERNS["4-7-8"]


@pytest.mark.parametrize(
    ("text", "inhale", "hold_in", "exhale", "hold_out"),
    [
        ("calm", 4, 0, 6, 0),
        ("box", 4, 4, 4, 4),
        ("4-7-8", 4, 7, 8, 0),
        ("coherent", 5.5, 0, 5.5, 0),
        ("3-5", 3, 0, 5, 0),
        ("4-2-6-2", 4, 2, 6, 2),
    ],
)
def test_breathing_patterns(
    text: str, inhale: float, hold_in: float, exhale: float, hold_out: float
) -> None:
    routine = load(f"name: b\nsteps:\n  - {{name: x, hold: 60, breathing: '{text}'}}\n")
    pattern = breathing_pattern(first_step(routine).breathing)
    assert pattern is not None
    assert (pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out) == (
        inhale,
        hold_in,
        exhale,
        hold_out,
    )


def test_breathing_none_switches_off_the_routine_default() -> None:
    routine = load("""\
        name: b
        defaults: {breathing: calm}
        steps:
          - {name: x, hold: 60, breathing: none}
        """)
    assert breathing_pattern(first_step(routine).breathing) is None


ERROR_CASES = [
    (  # a cue after the end of its hold is refused, as on reps, not dropped without a word
        "name: r\nsteps:\n  - {name: x, hold: 20, prompts: [{at: 50s, say: Late}]}\n",
        [
            "r.yaml:3:34: steps[0].prompts: found a prompt at 50s, after the end of the hold "
            "(20s): it would never be said"
        ],
    ),
    (  # an open hold's cues may run to its maximum, not past it
        "name: r\nsteps:\n  - {name: x, open: {target: 60, max: 90}, milestones: [120]}\n",
        [
            "r.yaml:3:56: steps[0].milestones: found a milestone at 2m, after the hold's "
            "maximum (1m30s): it would never be said"
        ],
    ),
    (  # a hold of nothing
        "name: r\nsteps:\n  - {name: x, hold: 0}\n",
        ["r.yaml:3:15: steps[0]: 'hold' of 0 s would end as it begins; give it a length"],
    ),
    (  # a rest written as a key of a step: where a rest goes instead (not "did you mean
        # 'rest'?", a key of the defaults)
        "name: r\nsteps:\n  - {name: x, hold: 30}\n  - rest: 30\n",
        [
            "r.yaml:4:5: steps[1]: unknown key 'rest'; write 'rest_after: 30s' for a rest "
            "after this step, or a step of its own with 'kind: rest' and 'duration: 30s'"
        ],
    ),
    (  # and in a repeat group, the rest between rounds
        "name: r\nsteps:\n  - repeat: 2\n    rest: 10\n    steps: [{name: x, hold: 30}]\n",
        [
            "r.yaml:4:5: steps[0]: unknown key 'rest'; write 'rest_between: 30s' for a rest "
            "between rounds"
        ],
    ),
    (  # no steps at all, in plain words
        "name: r\nsteps: []\n",
        ["r.yaml:2:8: steps: needs at least one step"],
    ),
    (  # wrong type, with the field named and the value found
        "name: r\nsteps:\n  - name: x\n    hold: 30\n    sets: three\n",
        ["r.yaml:5:11: steps[0].sets: expected a whole number of sets, found 'three'"],
    ),
    (  # unknown key with a suggestion
        "name: r\nsteps:\n  - name: x\n    hodl: 30\n",
        ["r.yaml:4:5: steps[0]: unknown key 'hodl'; did you mean 'hold'?"],
    ),
    (  # negative time
        "name: r\nsteps:\n  - {name: x, hold: -30}\n",
        ["r.yaml:3:21: steps[0].hold: a duration cannot be negative, found -30"],
    ),
    (  # not a duration at all
        "name: r\nsteps:\n  - {name: x, hold: soon}\n",
        [
            "r.yaml:3:21: steps[0].hold: expected a duration like 90, '90s', '1m30s' or '1:30', found 'soon'"
        ],
    ),
    (  # a choice with a typo
        "name: r\nsteps:\n  - {name: x, hold: 3, sides: lfet}\n",
        [
            "r.yaml:3:31: steps[0].sides: expected 'none', 'left', 'right' or 'both', found 'lfet'; did you mean 'left'?"
        ],
    ),
    (  # missing name at the top
        "steps:\n  - {name: x, hold: 3}\n",
        ["r.yaml:1:1: missing required key 'name'"],
    ),
    (  # a rule between fields
        "name: r\nsteps:\n  - {name: x, hold: 3, duration: 4}\n",
        ["r.yaml:3:15: steps[0]: give either 'hold' or 'duration', not both"],
    ),
    (  # open hold in the wrong order
        "name: r\nsteps:\n  - name: x\n    open: {min: 100, target: 90}\n",
        ["r.yaml:4:11: steps[0].open: min must not be longer than target"],
    ),
    (  # unknown breathing pattern
        "name: r\nsteps:\n  - {name: x, hold: 30, breathing: slow}\n",
        [
            "r.yaml:3:36: steps[0].breathing: expected 'none', one of 'calm', 'box', '4-7-8', 'coherent', numbers like '4-6' or '4-4-4-4', or a mapping with inhale/exhale, found 'slow'"
        ],
    ),
    (  # the top level is not a mapping
        "- just\n- a list\n",
        ["r.yaml:1:1: expected a mapping with 'steps', found list"],
    ),
    (  # nested repeat errors are located too
        "name: r\nsteps:\n  - repeat: 0\n    steps:\n      - {name: x, reps: 3}\n",
        [
            "r.yaml:3:13: steps[0].repeat: expected greater than or equal to 1, found 0",
            "r.yaml:5:19: steps[0].steps[0]: 'reps' needs a 'tempo' (seconds per rep) or a 'hold' per rep",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ERROR_CASES)
def test_errors_name_file_line_column_field_expected_and_found(
    text: str, expected: list[str]
) -> None:
    assert errors(text) == expected


def test_all_problems_are_reported_at_once() -> None:
    found = errors(
        "name: r\nsteps:\n  - {name: a, hold: x}\n  - {name: b, hold: 3, sets: 0}\n  - {nme: c}\n"
    )
    assert [p.split(":", 3)[1:3] for p in found] == [["3", "21"], ["4", "30"], ["5", "6"]]


def test_newer_format_versions_are_refused_clearly() -> None:
    (message,) = errors("version: 7\nname: r\nsteps: [{name: x, hold: 3}]\n")
    assert message.startswith("r.yaml:1:10: this file uses routine format version 7")
    assert "update Psoas Timer" in message


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Library:
    path = write(
        tmp_path / "library" / "release.yaml",
        """\
        version: 1
        exercises:
          - id: psoas-ball
            name: Psoas ball release
            kind: release
            hold: 90s
            sides: both
            breathing: calm
            image: ball.svg
            milestones: [30, 60, 90]
          - id: knee-to-chest
            name: Knee to chest
            kind: stretch
            hold: 15
            sets: 3
        """,
    )
    return load_library(path)


def test_steps_use_library_entries_and_override_them(library: Library) -> None:
    routine = load(
        """\
        name: Custom
        steps:
          - use: psoas-ball
            hold: 2m
            sides: right
          - use: knee-to-chest
          - use: psoas-ball
            open: {target: 90, max: 120}
        """,
        library,
    )
    a, b, c = routine.steps
    assert isinstance(a, Step) and isinstance(b, Step) and isinstance(c, Step)
    assert (a.name, a.hold, a.sides, a.kind, a.use) == (
        "Psoas ball release",
        120,
        "right",
        Kind.RELEASE,
        "psoas-ball",
    )
    assert [m.at for m in a.milestones] == [30, 60, 90]
    assert (b.name, b.hold, b.sets) == ("Knee to chest", 15, 3)
    assert c.hold is None and c.open is not None and c.open.target == 90
    assert a.image is not None and a.image.endswith("library/ball.svg")


def test_unknown_library_ids_suggest_the_closest(library: Library) -> None:
    assert errors("name: r\nsteps:\n  - use: psoas-bal\n", library) == [
        "r.yaml:3:10: steps[0].use: unknown exercise 'psoas-bal'; did you mean 'psoas-ball'?"
    ]


def test_library_ids_must_be_unique(tmp_path: Path) -> None:
    path = write(
        tmp_path / "library" / "x.yaml",
        "exercises:\n  - {id: a, name: A, hold: 3}\n  - {id: a, name: B, hold: 3}\n",
    )
    with pytest.raises(LoadError) as info:
        load_library(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:3:10: exercises[1].id: duplicate id 'a'"
    ]


def test_missing_files_are_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_routine(tmp_path / "gone.yaml")
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'gone.yaml'}:1:1: file not found"
    ]


def test_images_resolve_next_to_the_routine_and_may_not_escape(tmp_path: Path) -> None:
    good = write(
        tmp_path / "r" / "a.yaml", "name: a\nsteps:\n  - {name: x, hold: 3, image: pics/x.svg}\n"
    )
    step = load_routine(good).steps[0]
    assert isinstance(step, Step)
    assert step.image == str((tmp_path / "r" / "pics" / "x.svg").resolve())
    bad = write(
        tmp_path / "r" / "b.yaml",
        "name: b\nsteps:\n  - {name: x, hold: 3, image: ../../etc/passwd}\n",
    )
    with pytest.raises(LoadError) as info:
        load_routine(bad)
    assert [str(p) for p in info.value.problems] == [
        f"{bad}:3:31: steps[0].image: image '../../etc/passwd' is outside the routine's folder"
    ]


def test_a_rest_step_needs_no_name_and_a_range_or_side_allows_cues_to_its_longest() -> None:
    routine = load("""\
        name: r
        steps:
          - {name: Plank, hold: 20-30s, milestones: [25]}
          - {kind: rest, duration: 45s}
          - {name: Lunge, hold: {left: 20, right: 40}, sides: both, milestones: [30]}
        """)
    rest = routine.steps[1]
    assert isinstance(rest, Step) and rest.title == "Rest"
