"""``psoas-timer history report -o FILE.pdf``, read back with poppler (pdftotext, pdfinfo,
pdffonts) and checked against ``history --json`` over the same data: the page count, the
fonts embedded, the figures drawn, and every number the report states."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_timer.history import ActivityScore, Area, HistoryStore

from ..history.conftest import CET, Wall, record
from .test_history_cli import cli

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed; .ci/run installs it",
)

MON = datetime(2026, 3, 2, 19, 0, tzinfo=CET)
LEFT = Area("psoas", "left")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Three weeks of sessions: pain falling by 4 points, quicker releases, a note, two
    check-ins."""
    folder = tmp_path / "data"
    wall = Wall()
    with HistoryStore.open(folder / "history.sqlite3", wall=wall) as store:
        for n, day in enumerate([0, 1, 3, 7, 9, 14, 16]):
            sid = record(store, wall, MON + timedelta(days=day), release_after=(90.0 - 7 * n, 60.0))
            store.rate(sid, "before", {LEFT: 7 - (4 * n) // 6, Area("low back"): 4})
            store.rate(sid, "after", {LEFT: 5 - (2 * n) // 6})
            if n == 2:
                store.set_note(sid, "Long drive the day before")
        wall.now = MON + timedelta(days=6)
        store.add_checkin([ActivityScore("Sitting an hour", 3)], 0)
        wall.now = MON + timedelta(days=20)
        store.add_checkin([ActivityScore("Sitting an hour", 6)], 2)
    return folder


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def _pdf(path: Path) -> tuple[dict[str, str], str]:
    info = dict(
        (key.strip(), value.strip())
        for key, _, value in (
            line.partition(":") for line in _run("pdfinfo", str(path)).splitlines()
        )
    )
    return info, _run("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")


def _mmss(seconds: float) -> str:
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def test_the_report_states_what_the_history_holds(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = cli(data, "report", "-o", str(out), "--name", "Alex Example", "--until", "2026-03-22")
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and str(out) in result.stdout
    sessions = json.loads(cli(data, "--json", "--until", "2026-03-22").stdout)
    info, text = _pdf(out)
    assert 1 <= int(info["Pages"]) <= 3
    assert info["Page size"].endswith("(A4)")
    fonts = _run("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # embedded

    flat = unicodedata.normalize("NFKC", " ".join(text.split()))  # the "fi" ligature too
    assert "For: Alex Example" in flat
    assert "Period: 2 Mar 2026 to 22 Mar 2026 (3 weeks)" in flat
    assert f"{len(sessions)} sessions in the period" in flat
    done = sum(1 for s in sessions if s["ending"] == "finished")
    assert f"{done} of them finished" in flat
    # Pain per area: first and last rating before sessions, oldest session first.
    oldest_first = sorted(sessions, key=lambda s: s["started_at"])
    for area, side, label in (("psoas", "left", "Left psoas"), ("low back", None, "Low back")):
        scores = [
            r["score"]
            for s in oldest_first
            for r in s["ratings"]
            if r["area"] == area and r["side"] == side and r["moment"] == "before"
        ]
        assert f"{label} {scores[0]} → {scores[-1]}" in flat
    assert "Left psoas 7 → 3 −4: better (matters)" in flat
    assert "Low back 4 → 4 ±0: no clear change" in flat
    # Release time per point and side: first and last release (the hold that ran to its
    # limit is no time to release: the report and `history --json` keep the one rule).
    holds = [
        r["release_seconds"]
        for s in oldest_first
        for r in s["releases"]
        if r["side"] == "left" and r["release_seconds"] is not None
    ]
    assert any(r["ending"] == "max" for s in sessions for r in s["releases"])
    assert f"{len(holds)} {_mmss(holds[0])} {_mmss(holds[-1])}" in flat
    # Notes and check-ins.
    for s in sessions:
        if s["note"]:
            assert s["note"] in flat
    assert "Sitting an hour 3 → 6 +3: better (matters)" in flat
    assert "much improved" in flat
    # The figures: the charts' titles, their date labels and the change marked on them.
    assert "Left psoas: pain (0–10)" in flat
    assert "Before: down 4 points, a change that matters" in flat
    assert "minutes to release" in flat
    assert "9 Mar" in flat
    assert "It does not diagnose" in flat


def test_the_period_limits_the_report(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    result = cli(data, "report", "-o", str(out), "--since", "2026-03-09", "--until", "2026-03-15")
    assert result.returncode == 0, result.stderr
    _, text = _pdf(out)
    flat = " ".join(text.split())
    assert "2 sessions in the period" in flat
    assert "Long drive" not in flat and "No notes in this period." in flat


def test_a_report_that_cannot_be_written_says_why(data: Path, tmp_path: Path) -> None:
    result = cli(data, "report", "-o", str(tmp_path / "missing" / "r.pdf"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_in_german_the_report_is_german_and_whole(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A German user's report: the charts' titles, lines and dates were English ("pain",
    "Before", "Mar") and the pain table's "Nachher" was cut to "Nachh…"."""
    monkeypatch.setenv("LANGUAGE", "de")
    out = tmp_path / "bericht.pdf"
    result = cli(data, "report", "-o", str(out))
    assert result.returncode == 0, result.stderr
    _, text = _pdf(out)
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    assert "Psoas links: Schmerz (0–10)" in flat
    assert "Vorher" in flat and "Nachher" in flat
    assert "Nachh…" not in flat
    table = flat.split("je Bereich und Seite", 1)[1].split("Erste →", 1)[0]
    assert "keine klare Änderung" in table
    assert "…" not in table, table  # no cell of the pain table cut short
    assert "Mär" in flat
    assert not any(word in flat.split() for word in ("Mar", "pain", "Before", "After"))
