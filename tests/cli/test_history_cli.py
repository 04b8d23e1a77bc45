"""``psoas-timer history``: list, export and import, run as a user would."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_timer.history import Area, HistoryStore
from psoas_timer.history.schema import SCHEMA_VERSION

from ..history.conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PSOAS_TIMER_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "psoas_timer", "history", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder whose history holds three sessions."""
    folder = tmp_path / "data"
    wall = Wall()
    with HistoryStore.open(folder / "history.sqlite3", wall=wall) as store:
        for day in range(3):
            sid = record(store, wall, MON + timedelta(days=day))
            store.rate(sid, "after", {Area("psoas", "left"): 3})
    return folder


def test_history_lists_sessions_newest_first(data: Path) -> None:
    result = cli(data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2026-03-04 07:30  Evening release")
    assert lines[0].endswith("finished     3 of 3 steps done")
    assert lines[2].startswith("2026-03-02 07:30")
    assert "3 sessions" in result.stdout
    assert str(data / "history.sqlite3") in result.stdout


def test_history_json_since_a_date(data: Path) -> None:
    result = cli(data, "--json", "--since", "2026-03-03")
    assert result.returncode == 0, result.stderr
    sessions = json.loads(result.stdout)
    assert [s["started_at"] for s in sessions] == [
        "2026-03-04T07:30:00+01:00",
        "2026-03-03T07:30:00+01:00",
    ]
    first = sessions[0]
    assert first["ending"] == "finished"
    assert {r["side"] for r in first["releases"]} == {"left", "right"}
    assert first["ratings"] == [{"moment": "after", "area": "psoas", "side": "left", "score": 3}]
    assert len(first["steps"]) == 6


def test_history_with_nothing_recorded(tmp_path: Path) -> None:
    result = cli(tmp_path / "empty")
    assert result.returncode == 0
    assert result.stdout.strip() == "No sessions recorded yet."


def test_a_bad_date_is_a_usage_error(data: Path) -> None:
    result = cli(data, "--since", "last week")
    assert result.returncode == 2
    assert "not a date like 2026-03-29" in result.stderr


@pytest.mark.parametrize("name", ["all.csv", "all.jsonl"])
def test_export_then_import_on_another_profile(data: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = cli(data, "export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote 3 sessions to {out}"
    other = tmp_path / "other"
    result = cli(other, "import", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"imported 3 sessions from {out}"
    result = cli(other, "import", str(out))
    assert result.stdout.strip() == f"imported 0 sessions from {out} (3 already there)"
    assert cli(other, "--json").stdout == cli(data, "--json").stdout


def test_a_malformed_import_says_where_and_imports_nothing(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    cli(data, "export", "-o", str(out))
    lines = out.read_text().splitlines()
    lines[7] = lines[7].replace('"done":true', '"done":"maybe"')
    out.write_text("\n".join(lines) + "\n")
    other = tmp_path / "other"
    result = cli(other, "import", str(out))
    assert result.returncode == 1
    assert f"{out}:8: step field 'done' should be true or false, not 'maybe'" in result.stderr
    assert "Nothing was imported." in result.stderr
    assert cli(other).stdout.strip() == "No sessions recorded yet."


def test_a_history_from_a_newer_version_is_refused(data: Path) -> None:
    db = data / "history.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = db.read_bytes()
    result = cli(data)
    assert result.returncode == 1
    assert "newer version of Psoas Timer" in result.stderr
    assert db.read_bytes() == before


def test_a_damaged_history_is_moved_aside_with_one_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"not a database at all" * 50)
    result = cli(data)
    assert result.returncode == 0
    assert result.stderr.count("moved to") == 1
    assert "history.sqlite3.damaged-" in result.stderr
    assert cli(data).stderr == ""


@pytest.mark.parametrize(("goal", "said"), [(1, "goal: 1 day a week"), (3, "goal: 3 days a week")])
def test_history_says_the_weekly_goal_in_plain_words(data: Path, goal: int, said: str) -> None:
    with HistoryStore.open(data / "history.sqlite3") as store:
        store.set_weekly_goal(goal)
    result = cli(data)
    assert result.returncode == 0, result.stderr
    assert f"({said})" in result.stdout


def test_history_shows_a_page_and_says_how_many_there_are(data: Path) -> None:
    """Issue 22, item 18: a 60-year history took 6 s to list, every session printed. Now a
    page of the latest is shown (100 unless --limit says otherwise, --all for every one),
    and the count of all of them beside it."""
    result = cli(data, "--limit", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line[:10] for line in lines[:2]] == ["2026-03-04", "2026-03-03"]
    assert lines[2] == ""
    assert lines[3].startswith("the latest 2 of 3 sessions (--all for every one); current")
    every = cli(data, "--all").stdout.splitlines()
    assert every[4].startswith("3 sessions; current streak")
    assert len(json.loads(cli(data, "--json", "--limit", "1").stdout)) == 1
    assert cli(data, "--limit", "0").returncode == 2
