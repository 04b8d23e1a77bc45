"""The hostile routine files of issue 15, kept under ``hostile/``: each is refused quickly with
the problem its header names, alone, and never takes the catalog down with it.

A file states what must be reported in comment lines at its top::

    # expect: LINE:COLUMN: MESSAGE

(``LINE`` and ``COLUMN`` in the file itself; several lines mean several problems; control
characters in ``MESSAGE`` written as the command line prints them, ``\x1b``). A file that must
load, because it is fine however it looks, says ``# expect: loads``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from psoas_timer.core.breathing import Pattern
from psoas_timer.core.catalog import load_catalog
from psoas_timer.core.loader import load_routine
from psoas_timer.core.model import Defaults, Routine, Step
from psoas_timer.core.plan import compile_plan
from psoas_timer.core.problems import LoadError, printable

from .helpers import deadline

HOSTILE = Path(__file__).parent / "hostile"
FILES = sorted(HOSTILE.glob("*.yaml"))
BUNDLED = Path(__file__).resolve().parents[2] / "routines"

#: Every hostile file is dealt with well within this many seconds (the slowest takes a
#: fraction of one); the files this suite keeps used to hang or eat gigabytes.
SECONDS = 10

_EXPECT = re.compile(r"^# expect: (?:(\d+):(\d+): (.+)|(loads))$")


def expectations(path: Path) -> list[tuple[int, int, str]] | None:
    """What *path* says must be reported, or ``None`` when it must load."""
    found: list[tuple[int, int, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _EXPECT.match(line)
        if match and match[4]:
            return None
        if match:
            found.append((int(match[1]), int(match[2]), match[3]))
    assert found, f"{path.name} states no '# expect:' line"
    return found


def test_the_repro_set_is_there() -> None:
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_hostile_file_gets_exactly_its_problems(path: Path) -> None:
    expected = expectations(path)
    with deadline(SECONDS):
        try:
            routine = load_routine(path)
        except LoadError as exc:
            problems = exc.problems
        else:
            assert expected is None, f"{path.name} loaded, but it should have been refused"
            compile_plan(routine)  # and it can be planned
            return
    assert expected is not None, f"{path.name} was refused: {problems}"
    got = [(p.line, p.column, printable(p.message)) for p in problems]
    assert got == expected
    assert all(p.file == str(path) for p in problems)


def test_a_folder_of_hostile_files_still_lists_every_good_routine(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    for path in FILES:
        shutil.copy(path, user / path.name)
    with deadline(SECONDS * 3):
        catalog = load_catalog(BUNDLED, user)
    mine = {entry.path.name: entry for entry in catalog.entries if not entry.bundled}
    assert set(mine) == {path.name for path in FILES}
    for path in FILES:
        entry = mine[path.name]
        if expectations(path) is None:
            assert entry.ok, entry.problems
            with deadline(SECONDS):
                assert entry.plan.total > 0
        else:
            assert not entry.ok and entry.problems
    bundled = [entry for entry in catalog.entries if entry.bundled]
    assert bundled and all(entry.ok for entry in bundled)


@pytest.mark.parametrize(
    "phases", [(0, 0, 0, 0), (1e-5, 0, 1e-5, 0), (4, 0.01, 4, 0), (4, 0, 0, 0)]
)
def test_a_breath_nobody_can_follow_cannot_even_be_made(phases: tuple[float, ...]) -> None:
    with pytest.raises(ValueError, match=r"at least 0\.5 s"):
        Pattern(*phases)


def test_a_plan_compiled_from_code_refuses_an_empty_breath_instead_of_looping() -> None:
    step = Step.model_construct(name="Hold", hold=30.0, breathing="0-0")
    routine = Routine.model_construct(name="Made in code", defaults=Defaults(), steps=[step])
    with deadline(SECONDS), pytest.raises(ValueError, match="inhale"):
        compile_plan(routine)


@pytest.mark.parametrize(
    "error", [RecursionError("maximum recursion depth exceeded"), MemoryError(), KeyError("x")]
)
def test_any_failure_reading_one_file_is_that_files_problem_only(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
) -> None:
    from psoas_timer.core import loader

    user = tmp_path / "routines"
    user.mkdir()
    (user / "good.yaml").write_text("name: Good\nsteps:\n  - {name: Hold, hold: 30}\n")
    (user / "cursed.yaml").write_text("name: Cursed\nsteps:\n  - {name: Hold, hold: 30}\n")
    finish = loader._finish_routine

    def failing(located: object, name: str, *args: object, **kwargs: object) -> object:
        if name.endswith("cursed.yaml"):
            raise error
        return finish(located, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_finish_routine", failing)
    catalog = load_catalog(BUNDLED, user)
    entries = {entry.path.name: entry for entry in catalog.entries}
    assert entries["good.yaml"].ok
    assert all(entry.ok for entry in catalog.entries if entry.bundled)
    (problem,) = entries["cursed.yaml"].problems
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith(f"cannot read this file ({type(error).__name__}")
    assert "cursed.yaml" in caplog.text and "Traceback" in caplog.text  # a trace is left
