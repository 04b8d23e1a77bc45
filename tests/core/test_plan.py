"""The plan: what happens when, for the engine, the export and ``psoas-timer plan``."""

from textwrap import dedent

import pytest

from .helpers import plan_of


def kinds(plan) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    return [(s.kind, s.duration) for s in plan.segments]


def test_prepare_hold_rest_and_total() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 10, rest: 15}
        steps:
          - {name: A, hold: 30}
          - {name: B, hold: 20}
        """)
    assert kinds(plan) == [("prepare", 10), ("hold", 30), ("rest", 15), ("hold", 20)]
    assert [s.start for s in plan.segments] == [0, 10, 40, 55]
    assert plan.total == 75


def test_sides_sets_and_switch_pause() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, switch_sides: 5}
        steps:
          - {name: Lunge, hold: 15, sets: 2, sides: both, rest_between_sets: 10}
        """)
    assert [(s.kind, s.side, s.set) for s in plan.segments] == [
        ("hold", "left", 1),
        ("rest", "left", 2),
        ("hold", "left", 2),
        ("switch", "right", 1),
        ("hold", "right", 1),
        ("rest", "right", 2),
        ("hold", "right", 2),
    ]
    switch = plan.segments[3]
    assert switch.duration == 5
    assert switch.cues[0].text == "Switch sides"
    assert "Right side" in [c.text for c in plan.segments[4].cues]


def test_alternating_sides() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - {name: Knee to chest, hold: 15, sets: 2, sides: both, alternate: true}
        """)
    assert [(s.side, s.set) for s in plan.segments if s.kind == "hold"] == [
        ("left", 1),
        ("right", 1),
        ("left", 2),
        ("right", 2),
    ]


def test_reps_with_tempo_hold_and_rest_between_reps() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - {name: Bridge, reps: 3, tempo: 2, hold: 10, rest_between_reps: 1}
        """)
    # a tempo in seconds with a hold: half up, the hold at the top, half down
    rep = [("rep", 1), ("rep", 10), ("rep", 1)]
    assert kinds(plan) == [*rep, ("rest", 1), *rep, ("rest", 1), *rep]
    assert [s.phase for s in plan.segments[:3]] == ["up", "hold", "down"]
    assert [s.rep for s in plan.segments if s.kind == "rep"] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert plan.total == 38


def test_repeat_groups_expand_with_rounds_and_rest_between() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 5}
        steps:
          - repeat: 3
            rest_between: 20
            steps:
              - {name: Plank, hold: 30}
              - {name: Crunch, reps: 15, tempo: 2}
        """)
    assert [(r.name, r.round, r.rounds) for r in plan.steps] == [
        ("Plank", 1, 3),
        ("Crunch", 1, 3),
        ("Plank", 2, 3),
        ("Crunch", 2, 3),
        ("Plank", 3, 3),
        ("Crunch", 3, 3),
    ]
    rests = [s.duration for s in plan.segments if s.kind == "rest"]
    assert rests == [5, 20, 5, 20, 5]


def test_open_hold_counts_at_target_and_is_marked_open() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - name: Psoas release
            kind: release
            open: {min: 60, target: 90, max: 120}
            milestones: [30, 60, 90]
        """)
    (seg,) = plan.segments
    assert (seg.kind, seg.duration, seg.is_open) == ("open", 90, True)
    data = plan.to_json()
    assert data["segments"][0]["open"] is True
    assert data["total_seconds"] == 90
    cues = [(c["at"], c["kind"], c["text"]) for c in data["cues"]]
    assert (30, "milestone", "Thirty seconds") in cues
    assert (60, "milestone", "Sixty seconds") in cues
    assert (90, "check_in", "Has it softened?") in cues


def test_breathing_paces_the_inside_of_a_hold() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, breathing: calm}
        steps:
          - {name: Hold, kind: release, hold: 20, halfway: false}
        """)
    breaths = [
        (c["at"], c["text"]) for c in plan.to_json()["cues"] if c["kind"] in ("inhale", "exhale")
    ]
    assert breaths == [(0, "Inhale"), (4, "Exhale"), (10, "Inhale"), (14, "Exhale")]
    assert plan.segments[0].breathing is not None


def test_cues_for_halfway_ten_seconds_countdown_milestones_and_prompts() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, countdown: 3}
        steps:
          - name: Hold
            kind: stretch
            hold: 60
            milestones: [{at: 30, say: A little more pressure}]
            prompts: [{every: 20, say: Keep breathing}, {at: 45, say: Soften}]
        """)
    cues = [(c["at"], c["kind"], c["text"]) for c in plan.to_json()["cues"]]
    assert cues == [
        (0, "start", "Hold"),
        (20, "prompt", "Keep breathing"),
        (30, "milestone", "A little more pressure"),
        (30, "halfway", "Halfway"),
        (40, "prompt", "Keep breathing"),
        (45, "prompt", "Soften"),
        (50, "ten_seconds", "Ten seconds"),
        (57, "countdown", "3"),
        (58, "countdown", "2"),
        (59, "countdown", "1"),
        (60, "end", "Release"),
        (60, "done", "Well done"),
    ]


def test_rests_announce_whats_next() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 10}
        steps:
          - {name: A, hold: 5}
          - {name: Pigeon pose, hold: 5}
        """)
    rest = plan.segments[1]
    assert rest.kind == "rest"
    assert "Next: Pigeon pose" in [c.text for c in rest.cues]


def test_explicit_rest_steps_replace_automatic_rests() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 10}
        steps:
          - {name: A, hold: 5}
          - {name: Long rest, kind: rest, duration: 60}
          - {name: B, hold: 5}
        """)
    assert kinds(plan) == [("hold", 5), ("rest", 60), ("hold", 5)]


def test_breathing_step_by_breaths() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - {name: Box breathing, kind: breathing, breathing: box, breaths: 5}
        """)
    assert kinds(plan) == [("breathe", 80)]


@pytest.mark.parametrize("count", [0, 5])
def test_countdown_length_is_configurable(count: int) -> None:
    plan = plan_of(
        f"name: r\ndefaults: {{prepare: 0, countdown: {count}}}\nsteps: [{{name: A, hold: 30}}]\n"
    )
    assert sum(c.kind == "countdown" for c in plan.segments[0].cues) == count


def test_cues_at_one_instant_come_in_a_fixed_order() -> None:
    """The end of a hold (a milestone at that very moment said as its words), then what
    comes next."""
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, switch_sides: 5}
        steps:
          - name: Release
            kind: release
            hold: 90
            sides: both
            breathing: calm
            milestones: [{at: 90, say: Ninety. Ease off slowly}, 30]
        """)
    at_end = [(c.kind, c.text) for at, c, _ in plan.cues() if at == 90]
    assert at_end == [("end", "Ninety. Ease off slowly"), ("switch_sides", "Switch sides")]
    # a breath inside the hold goes first, on its beat; at the start it follows "Hold"
    at_30 = [c.kind for at, c, _ in plan.cues() if at == 30]
    assert at_30 == ["inhale", "milestone"]
    at_start = [c.kind for at, c, _ in plan.cues() if at == 0]
    assert at_start == ["side", "start", "inhale"]


def test_a_run_knows_every_group_level_with_its_name_and_round() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 0}
        steps:
          - repeat: 2
            name: Outer
            steps:
              - repeat: 3
                name: Core circuit
                steps:
                  - {name: Plank, hold: 10}
              - {name: Crunch, hold: 5}
        """)
    labels = [(r.name, r.rounds_label()) for r in plan.steps]
    assert labels[:4] == [
        ("Plank", "Outer · round 1 of 2 · Core circuit · round 1 of 3"),
        ("Plank", "Outer · round 1 of 2 · Core circuit · round 2 of 3"),
        ("Plank", "Outer · round 1 of 2 · Core circuit · round 3 of 3"),
        ("Crunch", "Outer · round 1 of 2"),
    ]
    assert [(r.round, r.rounds) for r in plan.steps[:4]] == [(1, 3), (2, 3), (3, 3), (1, 2)]
    first = plan.to_json()["segments"][0]
    assert first["groups"] == [
        {"name": "Outer", "round": 1, "rounds": 2},
        {"name": "Core circuit", "round": 1, "rounds": 3},
    ]


def test_an_unnamed_group_says_round_alone() -> None:
    plan = plan_of("""\
        name: r
        steps:
          - repeat: 2
            steps: [{name: Plank, hold: 10}]
        """)
    assert plan.steps[1].rounds_label() == "Round 2 of 2"


def test_named_rests_are_shown_and_said_by_their_name() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 5}
        steps:
          - name: Ball rolls
            hold: 30
            sets: 2
            rest_between_sets: {duration: 20s, name: Move the ball}
            rest_after: {duration: 10, name: Sit up slowly, say: Roll to your side and sit up}
          - name: Bridge
            reps: 2
            tempo: 2
            rest_between_reps: {duration: 3, name: Breathe out}
          - repeat: 2
            rest_between: {duration: 30s, name: Walk about}
            steps: [{name: Plank, hold: 10}]
        """)
    rests = [
        (s.label, s.heading, s.duration, [c.text for c in s.cues if c.kind == "rest"])
        for s in plan.segments
        if s.kind == "rest"
    ]
    assert rests == [
        ("Move the ball", "Move the ball", 20, ["Move the ball"]),
        ("Sit up slowly", "Sit up slowly", 10, ["Roll to your side and sit up"]),
        ("Breathe out", "Breathe out", 3, ["Breathe out"]),
        ("Rest", None, 5, ["Rest"]),
        ("Walk about", "Walk about", 30, ["Walk about"]),
    ]
    assert plan.to_json()["segments"][1]["heading"] == "Move the ball"


def test_a_named_rest_needs_a_duration_and_a_name() -> None:
    from psoas_timer.core.problems import LoadError

    with pytest.raises(LoadError) as caught:
        plan_of("""\
            name: r
            steps:
              - {name: A, hold: 3, sets: 2, rest_between_sets: {name: Move the ball}}
            """)
    assert "t.yaml:3:" in str(caught.value)
    assert "duration" in str(caught.value)


def test_per_side_hold_open_and_sets_keep_the_switch_pause() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, switch_sides: 5, rest: 3}
        steps:
          - {name: Lunge, hold: {left: 30s, right: 45s}, sides: both, sets: {left: 1, right: 2}}
          - name: Ball
            kind: release
            sides: both
            open: {left: {target: 60s}, right: {min: 30, target: 90s, max: 2m}}
        """)
    assert [(s.kind, s.side, s.duration, s.set, s.sets) for s in plan.segments[:6]] == [
        ("hold", "left", 30, 1, 1),
        ("switch", "right", 5, 1, 2),
        ("hold", "right", 45, 1, 2),
        ("rest", "right", 3, 2, 2),
        ("hold", "right", 45, 2, 2),
        ("rest", None, 3, 1, 1),
    ]
    left, switch, right = plan.segments[6:9]
    assert (left.side, left.open.target, left.open.limit) == ("left", 60, 120)
    assert switch.kind == "switch" and switch.duration == 5
    assert (right.side, right.open.min, right.open.target, right.open.limit) == (
        "right",
        30,
        90,
        120,
    )


def test_per_side_sets_alternate_until_each_side_is_done() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - {name: K, hold: 10, sides: both, alternate: true, sets: {left: 1, right: 2}}
        """)
    assert [(s.side, s.set) for s in plan.segments if s.kind == "hold"] == [
        ("left", 1),
        ("right", 1),
        ("right", 2),
    ]


def test_a_value_per_side_needs_both_sides() -> None:
    from psoas_timer.core.problems import LoadError

    with pytest.raises(LoadError) as caught:
        plan_of("""\
            name: r
            steps:
              - {name: A, hold: {left: 30s, right: 45s}}
              - {name: B, hold: {left: 30s}, sides: both}
            """)
    text = str(caught.value)
    assert "t.yaml:3:" in text and "needs 'sides: both'" in text
    assert "t.yaml:4:" in text and "'right' is missing" in text


def test_ranges_use_the_lower_end_unless_use_picks_another() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 0}
        steps:
          - {name: Stretch, hold: 20-30s, sets: 3–4}
          - {name: Ice, duration: {range: 10-20m, use: 15m}}
          - {name: Raise, reps: {range: 8-12, use: 10}, tempo: 2}
        """)
    holds = [s for s in plan.segments if s.label == "Stretch" and s.kind == "hold"]
    assert [s.duration for s in holds] == [20, 20, 20]
    assert [s.duration for s in plan.segments if s.label == "Ice"] == [900]
    assert len([s for s in plan.segments if s.label == "Raise"]) == 10
    hold = plan.steps[0].step.hold
    assert (hold, hold.low, hold.high) == (20, 20, 30)  # type: ignore[union-attr]


def test_a_range_out_of_order_or_a_use_outside_it_is_refused_at_its_line() -> None:
    from psoas_timer.core.problems import LoadError

    with pytest.raises(LoadError) as caught:
        plan_of("""\
            name: r
            steps:
              - {name: A, hold: 30-20s}
              - {name: B, hold: {range: 20-30s, use: 35s}}
            """)
    text = str(caught.value)
    assert "t.yaml:3:" in text and "smaller to the larger" in text
    assert "t.yaml:4:" in text and "within the range" in text


CHOICE = """\
    name: r
    defaults: {prepare: 0, rest: 5}
    steps:
      - repeat: 2
        steps:
          - choose:
              - {name: Heat pack, duration: 10m}
              - {name: Ice pack, duration: 15m}
            default: Ice pack
      - choose: [{name: A, hold: 10}, {name: B, hold: 20}]
    """


def test_an_either_or_step_plans_its_default_or_the_pick() -> None:
    from psoas_timer.core.loader import load_routine_text
    from psoas_timer.core.plan import compile_plan

    routine = load_routine_text(dedent(CHOICE), "t.yaml")
    assert [c.question for c in routine.choices()] == ["Heat pack or Ice pack?", "A or B?"]
    plan = compile_plan(routine)
    assert [r.name for r in plan.steps] == ["Ice pack", "Ice pack", "A"]
    assert plan.to_json()["choices"][0] == {
        "ask": "Heat pack or Ice pack?",
        "options": ["Heat pack", "Ice pack"],
        "default": "Ice pack",
        "chosen": "Ice pack",
    }
    picked = compile_plan(routine, {0: 0, 1: 1})
    assert [r.name for r in picked.steps] == ["Heat pack", "Heat pack", "B"]
    assert [s.duration for s in picked.segments if s.kind == "rest"] == [5, 5]
    assert compile_plan(routine, {0: 7}).steps[0].name == "Ice pack"


def test_an_either_or_default_must_be_one_of_its_options() -> None:
    from psoas_timer.core.problems import LoadError

    with pytest.raises(LoadError) as caught:
        plan_of("""\
            name: r
            steps:
              - choose: [{name: A, hold: 10}, {name: B, hold: 20}]
                default: C
              - choose: [not-in-the-library, {name: B, hold: 20}]
            """)
    text = str(caught.value)
    assert "t.yaml:4:" in text and "'default' must be one of 'A', 'B', found 'C'" in text
    assert "t.yaml:5:" in text and "unknown exercise 'not-in-the-library'" in text


def test_the_total_alone_matches_the_plan_for_every_kind_of_step_and_choice() -> None:
    """Reps in phases, per-side holds and sets, named rests, ranges, groups with rests
    between rounds and either/or steps (each option): the library's total is the plan's."""
    from psoas_timer.core.loader import load_routine_text
    from psoas_timer.core.plan import compile_plan, plan_total

    routine = load_routine_text(
        dedent(
            """\
            name: Everything
            defaults: {prepare: 5, rest: 7, switch_sides: 3}
            steps:
              - name: Bridge
                reps: 5
                tempo: {up: 1.5, hold: 10, down: 2.5}
                rest_between_reps: 2
                sets: 2
                rest_between_sets: {duration: 20s, name: Move the ball}
                breathing: calm
                milestones: [30]
              - name: Lunge
                hold: {left: 30s, right: 45s}
                sets: {left: 2, right: 3}
                sides: both
                alternate: true
              - name: Ball
                open: {min: 60, target: 90, max: 180}
                sides: both
                prompts: [{every: 20, say: Keep breathing}]
              - repeat: 3
                rest_between: 15
                steps:
                  - {name: Plank, hold: 20-30s}
                  - choose:
                      - {name: Heat, duration: 10m}
                      - {name: Ice, duration: 15m}
                    default: Ice
                  - {name: Breathe, kind: breathing, breaths: 6, breathing: box}
            """
        ),
        "t.yaml",
    )
    for picks in (None, {0: 0}, {0: 1}):
        assert plan_total(routine, picks) == compile_plan(routine, picks).total


def test_the_total_alone_matches_the_plan_for_every_bundled_routine() -> None:
    from pathlib import Path

    from psoas_timer.core.catalog import load_catalog
    from psoas_timer.core.plan import compile_plan, plan_total

    catalog = load_catalog(Path(__file__).resolve().parents[2] / "routines")
    assert len(catalog.entries) >= 10
    for entry in catalog.entries:
        assert entry.routine is not None, entry.problems
        routine = entry.routine
        options = [None] + [
            {n: i} for n, c in enumerate(routine.choices()) for i in range(len(c.choose))
        ]
        for picks in options:
            assert plan_total(routine, picks) == compile_plan(routine, picks).total, entry.path


def test_a_bare_milestone_at_the_end_of_a_hold_is_said_with_release() -> None:
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - {name: Iliacus, kind: release, hold: 90, milestones: [30, 60, 90]}
          - {name: Plank, kind: exercise, hold: 30, milestones: [{at: 30, say: Down you come}]}
        """)
    said = [(at, c.kind, c.text) for at, c, _ in plan.cues() if c.kind in ("milestone", "end")]
    assert said == [
        (30, "milestone", "Thirty seconds"),
        (60, "milestone", "Sixty seconds"),
        (90, "end", "Ninety seconds. Release"),
        (plan.total, "end", "Down you come"),
    ]


def test_a_named_rest_step_is_shown_and_said_by_its_name() -> None:
    """The format says a rest step's name is shown and said: "Drink some water", not
    "Rest"; a nameless one is "Rest"."""
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0}
        steps:
          - {name: A, hold: 5}
          - {name: Drink some water, kind: rest, duration: 60}
          - {name: B, hold: 5}
          - {kind: rest, duration: 30}
          - {name: C, hold: 5}
        """)
    named, plain = [s for s in plan.segments if s.kind == "rest"]
    assert named.heading == "Drink some water"
    assert [c.text for c in named.cues if c.kind == "rest"] == ["Drink some water"]
    assert plain.heading in (None, "")
    assert [c.text for c in plain.cues if c.kind == "rest"] == ["Rest"]
