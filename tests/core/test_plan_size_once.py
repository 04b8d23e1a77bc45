"""The plan-size check measures a library step once for every routine that uses it alike
(the same exercise, the same overrides, the same defaults): a large library of routines made
of the same exercises was measured step by step, a fifth of reading it
(``benchmarks/catalog_load.py``). What the loader accepts and refuses is unchanged: a step
used with other overrides or other defaults is measured for itself, and a library read again
is measured afresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from psoas_timer.core import plan
from psoas_timer.core.loader import Library, load_library, load_routine_text
from psoas_timer.core.plan import plan_size
from psoas_timer.core.problems import LoadError

#: Ten minutes a side: 36 sets of it on both sides make 12 hours, 72 make a day and more.
EXERCISES = """\
version: 1
exercises:
  - id: long-hold
    name: Long hold
    kind: stretch
    hold: 600
    sides: both
"""


def _library(folder: Path, text: str = EXERCISES, into: Library | None = None) -> Library:
    path = folder / "library" / f"exercises-{len(list(folder.rglob('*.yaml')))}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_library(path, into=into)


def _routine(uses: int, step: str = "{use: long-hold}", defaults: str = "{}") -> str:
    steps = "".join(f"  - {step}\n" for _ in range(uses))
    return f"version: 1\nname: Holds\ndefaults: {defaults}\nsteps:\n{steps}"


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each step the measure works out (its every set), as it does it."""
    steps: list[Any] = []
    real = plan._Measure.work

    def work(self: plan._Measure, step: Any, breathing: Any) -> Any:
        steps.append(step)
        return real(self, step, breathing)

    monkeypatch.setattr(plan._Measure, "work", work)
    return steps


def test_a_library_step_used_alike_is_measured_once(tmp_path: Path, measured: list[Any]) -> None:
    library = _library(tmp_path)
    for n in range(3):
        load_routine_text(_routine(5), f"routine {n}", library)
    assert len(measured) == 1  # fifteen steps alike, in three routines


def test_other_overrides_and_defaults_are_measured_for_themselves(
    tmp_path: Path, measured: list[Any]
) -> None:
    library = _library(tmp_path)
    load_routine_text(_routine(2), "plain", library)
    load_routine_text(_routine(2, "{use: long-hold, sets: 2}"), "two sets", library)
    load_routine_text(_routine(2, defaults="{rest: 30}"), "other rests", library)
    assert len(measured) == 3


def test_what_is_refused_is_refused_whatever_was_measured_before(tmp_path: Path) -> None:
    library = _library(tmp_path)
    # 36 sets on both sides: 12 hours with the default rests, within a day...
    within = _routine(1, "{use: long-hold, sets: 36}")
    # ...and with 20-minute rests between them 35 hours: the same step, other defaults
    over = _routine(1, "{use: long-hold, sets: 36}", defaults="{rest: 1200}")
    assert load_routine_text(within, "within", library)
    with pytest.raises(LoadError) as refused:
        load_routine_text(over, "over", library)
    assert "a routine may last at most" in refused.value.problems[0].message
    assert refused.value.problems[0].line == 5  # the step that takes it over
    with pytest.raises(LoadError):  # as it is refused on its own
        load_routine_text(over, "over", _library(tmp_path / "fresh"))
    assert load_routine_text(within, "within again", library)


def test_a_library_read_again_is_measured_afresh(tmp_path: Path) -> None:
    library = _library(tmp_path)
    routine = _routine(1, "{use: long-hold, sets: 40}")  # 40 × 2 × 10 min: 13 h 20 min
    assert plan_size(load_routine_text(routine, "before", library)).seconds < 24 * 3600
    # the same exercise, now an hour a side: the same step is 80 hours long
    _library(tmp_path, EXERCISES.replace("hold: 600", "hold: 3600"), into=library)
    with pytest.raises(LoadError):
        load_routine_text(routine, "after", library)
