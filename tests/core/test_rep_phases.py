"""Reps in phases (Up, Hold, Down): the format, the plan, and what is said."""

from textwrap import dedent

import pytest

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import Plan, compile_plan
from psoas_timer.core.problems import LoadError


def plan_of(text: str) -> Plan:
    return compile_plan(load_routine_text(dedent(text), "r.yaml"))


def errors(text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_routine_text(dedent(text), "r.yaml")
    return [str(p) for p in info.value.problems]


REPS_IN_PHASES = """\
    name: r
    defaults: {prepare: 0, breathing: calm}
    steps:
      - name: Hip raise
        reps: 3
        tempo: {up: 1, hold: 10, down: 2}
        milestones: [30]
        prompts: [{at: 5s, say: Squeeze your buttocks}, {every: 20s, say: Keep breathing}]
      - {name: Plank, hold: 30}
    """


def test_a_rep_in_phases_is_a_segment_per_phase_said_with_the_rep_number() -> None:
    plan = plan_of(REPS_IN_PHASES)
    reps = [s for s in plan.segments if s.kind == "rep"]
    assert [(s.rep, s.phase, s.duration) for s in reps[:3]] == [
        (1, "up", 1),
        (1, "hold", 10),
        (1, "down", 2),
    ]
    assert len(reps) == 9 and plan.segments[9].kind == "rest"
    said = [(round(at, 3), c.text) for at, c, _ in plan.cues() if c.kind in ("rep", "rep_phase")]
    assert said[:5] == [(0, "1"), (0, "Up"), (1, "Hold"), (11, "Down"), (13, "2")]
    # the same in the written forms
    for tempo in ("1-10-2", "{up: 1, hold: 10, down: 2}"):
        text = REPS_IN_PHASES.replace("{up: 1, hold: 10, down: 2}", tempo)
        assert [s.duration for s in plan_of(text).segments] == [s.duration for s in plan.segments]
    down_first = plan_of(
        REPS_IN_PHASES.replace("{up: 1, hold: 10, down: 2}", "{down: 2, hold: 10, up: 1}")
    )
    assert [s.phase for s in down_first.segments[:3]] == ["down", "hold", "up"]


def test_prompts_and_milestones_on_reps_run_from_the_start_of_the_set() -> None:
    """They were accepted by validate, then dropped by the plan."""
    plan = plan_of(REPS_IN_PHASES)
    words = [
        (round(at, 3), c.text) for at, c, _ in plan.cues() if c.kind in ("milestone", "prompt")
    ]
    assert words == [
        (5, "Squeeze your buttocks"),
        (20, "Keep breathing"),
        (30, "Thirty seconds"),
    ]
    # each sits in the segment it falls in
    at_30 = next(s for s in plan.segments if s.start <= 30 < s.end)
    assert any(c.kind == "milestone" and c.offset == 30 - at_30.start for c in at_30.cues)


def test_breathing_runs_on_through_the_reps_of_a_set() -> None:
    """Calm is in 4, out 6: the breath does not start again at each phase or rep."""
    plan = plan_of(REPS_IN_PHASES)
    breaths = [(round(at, 3), c.kind) for at, c, _ in plan.cues() if c.kind in ("inhale", "exhale")]
    assert breaths[:6] == [
        (0, "inhale"),
        (4, "exhale"),
        (10, "inhale"),
        (14, "exhale"),
        (20, "inhale"),
        (24, "exhale"),
    ]
    assert [s.breath_start for s in plan.segments[:4]] == [0, 1, 11, 13]


@pytest.mark.parametrize(
    ("tempo", "message"),
    [
        ("{up: 1, hld: 10}", "r.yaml:5:12: steps[0].tempo: a rep's phases are 'up', 'hold' and 'down', found 'hld'"),
        ("{up: 0.1, down: 2}", "r.yaml:5:12: steps[0].tempo: a rep's phase must last at least 0.5 s or be left out (0), found up: 0.1"),
        ("0-0", "r.yaml:5:12: steps[0].tempo: a rep in phases needs at least one phase longer than 0, found '0-0'"),
    ],
)  # fmt: skip
def test_a_bad_tempo_is_refused_at_its_line(tempo: str, message: str) -> None:
    text = f"name: r\nsteps:\n  - name: a\n    reps: 3\n    tempo: {tempo}\n"
    assert errors(text) == [message]


def test_a_hold_beside_a_tempo_in_phases_is_refused_not_ignored() -> None:
    (problem,) = errors("name: r\nsteps:\n  - {name: a, reps: 3, tempo: 1-10-2, hold: 5}\n")
    assert problem.startswith("r.yaml:3:24: steps[0]: a 'tempo' in phases is the whole rep")


def test_a_tempo_in_seconds_keeps_its_meaning() -> None:
    plan = plan_of("name: r\ndefaults: {prepare: 0}\nsteps:\n  - {name: a, reps: 3, tempo: 2}\n")
    assert [(s.duration, s.phase) for s in plan.segments] == [(2, None)] * 3


def test_rests_are_paced_by_the_steps_breathing() -> None:
    """Issue 13 item 4: rests between sets and after a step breathe with the step's pattern
    (the first in-breath is shown, and heard from the next phase on)."""
    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 15, breathing: calm}
        steps:
          - {name: Plank, hold: 20, sets: 2, rest_between_sets: 12}
          - {name: Bridge, hold: 10, breathing: none}
        """)
    rests = [s for s in plan.segments if s.kind == "rest"]
    assert [(s.label, s.duration) for s in rests] == [("Rest between sets", 12), ("Rest", 15)]
    for rest in rests:
        assert rest.breathing is not None and rest.breathing.name == "calm"
        breaths = [(c.offset, c.kind) for c in rest.cues if c.kind in ("inhale", "exhale")]
        assert breaths[:2] == [(4, "exhale"), (10, "inhale")]
    assert plan.segments[-1].breathing is None  # its own "none" wins


def test_a_milestone_after_the_end_of_a_set_is_refused_at_its_line() -> None:
    """Never dropped without a word: on reps they count from the set's start."""
    text = "name: r\nsteps:\n  - name: a\n    reps: 3\n    tempo: 2\n    milestones: [5, 30]\n"
    assert errors(text) == [
        "r.yaml:6:17: steps[0].milestones: a milestone on reps counts from the start of each "
        "set and must fall within it (3 reps: 6s), found one at 30s"
    ]
    prompts = (
        "name: r\nsteps:\n  - {name: a, reps: 3, tempo: 1-10-2, prompts: [{at: 40, say: Up}]}\n"
    )
    (problem,) = errors(prompts)
    assert "a prompt on reps counts from the start of each set" in problem
    assert "(3 reps: 39s), found one at 40s" in problem


def test_a_rep_in_phases_counts_once_on_the_completion_screen() -> None:
    from psoas_timer.core.clock import FakeClock
    from psoas_timer.core.engine import Session
    from psoas_timer.core.summary import summarize

    plan = plan_of("""\
        name: r
        defaults: {prepare: 0, rest: 5, countdown: 0}
        steps:
          - {name: Bridge, reps: 4, tempo: 1-3-1, sets: 2, rest_between_sets: 5}
          - {name: Stretch, hold: 20}
        """)
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    for _ in range(20 + 5):  # the first set (4 reps of 5 s) and the rest
        clock.advance(1)
        session.poll()
    assert session.segment.set == 2
    session.next()  # the second set skipped
    while session.active:
        clock.advance(1)
        session.poll()
    (part,) = summarize(plan, session.record).partly
    assert (part.name, part.done, part.total, part.unit) == ("Bridge", 4, 8, "reps")
