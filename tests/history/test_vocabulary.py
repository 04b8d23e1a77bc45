"""#21 item 21: one vocabulary and one way of counting in the app, the CLI, the export and
the docs. A session **finished**, was **stopped** or **interrupted** (or is **unfinished**); a
step was **done**, **partly done** or **skipped**. "Completed" and "cut short" are retired
(the history keeps ``completed`` as its stored value, never shown)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.core.summary import summarize
from psoas_timer.history import HistoryStore, Recorder, RoutineSource
from psoas_timer.history.format import ENDING_WORDS, ending_word, step_counts
from psoas_timer.ui.progress.words import session_text

from ..cli.test_history_cli import cli
from .conftest import ROOT, Run, Wall, plan_of

#: Words a user must not read: the app says "finished" and "skipped" / "partly done", and a
#: session the app never saw end was "interrupted". ("Cut short" for text shortened with an
#: ellipsis is another matter, and stays.)
RETIRED = re.compile(
    r"\bcompleted\b|skipped or cut short|(session|step|set|it|that) (was|were|is) cut short",
    re.IGNORECASE,
)


def _user_text(text: str) -> str:
    """*text* without the stored value written as data (``'completed'`` in SQL, or
    `` `completed` `` in the docs where they say old files are still read)."""
    return re.sub(r"'completed'|`completed`", "", text)


def _strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant in *path* that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and node.value != "completed"  # the stored value, compared with, never shown
    ]


def test_no_string_in_the_app_uses_a_retired_word() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}"
        for path in sorted((ROOT / "psoas_timer").rglob("*.py"))
        for line, text in _strings(path)
        if RETIRED.search(_user_text(text))
    ]
    assert found == []


def test_no_page_of_the_docs_uses_a_retired_word() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    found = [
        f"{page.relative_to(ROOT)}: ...{text[max(0, m.start() - 40) : m.end() + 20]}..."
        for page in pages
        # words wrapped onto two lines count too
        for text in [" ".join(_user_text(page.read_text(encoding="utf-8")).split())]
        for m in RETIRED.finditer(text)
    ]
    assert found == []


def test_the_words_for_an_ending() -> None:
    assert ENDING_WORDS == {
        "completed": "finished",
        "stopped": "stopped",
        "interrupted": "interrupted",
        None: "unfinished",
    }
    assert ending_word("completed") == "finished"


def _partly(store: HistoryStore, wall: Wall) -> str:
    """Kneeling stretch: left done, right skipped at once (partly done); the releases
    skipped at once (skipped); the bridges run (done)."""
    plan = plan_of()
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder.begin(
        store, session, RoutineSource(plan.name, "evening.yaml", "h"), background=False
    )
    session.start()
    run = Run(session, recorder, clock, wall)
    run.to_segment("hold", "right")
    session.next()
    for side in ("left", "right"):
        run.to_segment("open", side)
        session.next()
    run.finish()
    recorder.close()
    shown = summarize(plan, session.record)  # what the completion screen counts
    assert ([p.name for p in shown.partly], shown.skipped) == (
        ["Kneeling stretch"],
        ("Psoas release",),
    )
    return recorder.session_id


def test_the_history_counts_steps_as_the_completion_screen_does(
    store: HistoryStore, wall: Wall, tmp_path: Path
) -> None:
    sid = _partly(store, wall)
    detail = store.session(sid)
    assert detail is not None
    s = detail.summary
    assert (s.steps_done, s.steps_partly, s.steps_skipped, s.steps_planned) == (1, 1, 1, 3)
    assert step_counts(s) == "1 of 3 steps done, 1 partly done, 1 skipped"
    text = session_text(detail)  # the Progress page
    assert "Finished · " in text and "\n1 of 3 steps done, 1 partly done, 1 skipped\n" in text


def test_the_cli_and_the_export_use_the_same_words(tmp_path: Path) -> None:
    data = tmp_path / "data"
    wall = Wall()
    with HistoryStore.open(data / "history.sqlite3", wall=wall) as store:
        _partly(store, wall)
    listed = cli(data)
    assert listed.returncode == 0, listed.stderr
    assert "finished     1 of 3 steps done, 1 partly done, 1 skipped" in listed.stdout
    assert not RETIRED.search(listed.stdout)
    (session,) = json.loads(cli(data, "--json").stdout)
    assert session["ending"] == "finished"
    assert (session["steps_done"], session["steps_partly"], session["steps_skipped"]) == (1, 1, 1)
    out = tmp_path / "all.csv"
    assert cli(data, "export", "-o", str(out)).returncode == 0
    exported = out.read_text()
    assert ",finished," in exported and "completed" not in exported
    # A file from an earlier version says "completed": it is still imported, as finished.
    old = tmp_path / "old.csv"
    old.write_text(exported.replace(",finished,", ",completed,"))
    with HistoryStore.open(tmp_path / "other.sqlite3") as other:
        assert other.import_file(old).added == 1
        (s,) = other.sessions()
        assert ending_word(s.ending) == "finished"
