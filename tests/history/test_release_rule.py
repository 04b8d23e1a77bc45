"""#21 item 8: only a hold ended by Release is a time to release. A hold skipped after 1 s
was charted as "released in 0:01"; the routine page, the charts (and the report's), the
export and ``history --json`` now ask the one rule, :func:`psoas_timer.history.is_release`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from psoas_timer.core.clock import FakeClock
from psoas_timer.core.engine import Session
from psoas_timer.history import HistoryStore, Point, Recorder, RoutineSource, describe_releases
from psoas_timer.history.chart_series import release_chart
from psoas_timer.history.records import RELEASE_ENDINGS, is_release

from ..cli.test_history_cli import cli
from .conftest import CET, Run, Wall, plan_of

WHEN = datetime(2026, 3, 23, 7, 0, tzinfo=CET)
LEFT = Point("psoas-ball-release", "Psoas release", "left")
RIGHT = Point("psoas-ball-release", "Psoas release", "right")


def _skip_left_release_right(store: HistoryStore, wall: Wall) -> str:
    """The left hold skipped after 1 s, the right one released after 40 s."""
    wall.now = WHEN
    plan = plan_of()
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder.begin(
        store, session, RoutineSource(plan.name, "evening.yaml", "hash-1"), background=False
    )
    session.start()
    run = Run(session, recorder, clock, wall)
    run.to_segment("open", "left")
    run.tick(1)
    session.next()  # skip the hold
    run.to_segment("open", "right")
    run.tick(40)
    session.release()
    run.finish()
    recorder.close()
    return recorder.session_id


def test_the_rule() -> None:
    assert RELEASE_ENDINGS == ("released", "extended")
    assert [e for e in ("released", "extended", "max", "skipped", "stopped") if is_release(e)] == [
        "released",
        "extended",
    ]


def test_a_skipped_hold_is_no_release_anywhere(
    store: HistoryStore, wall: Wall, tmp_path: Path
) -> None:
    sid = _skip_left_release_right(store, wall)
    detail = store.session(sid)
    assert detail is not None
    assert [(r.side, r.ending) for r in detail.releases] == [
        ("left", "skipped"),
        ("right", "released"),
    ]

    # The routine page's line says how the left hold ended, never "released".
    last = store.last_done(detail.summary.routine.name)
    assert last is not None
    line = describe_releases(last.releases)
    assert line == "Psoas release: left skipped after 0:01, right released in 0:40"

    # The charts (the Progress page's and the report's): no point for the left side.
    assert store.release_series(LEFT) == []
    assert [s.seconds for s in store.release_series(RIGHT)] == [40.0]
    assert release_chart("left", store.release_series(LEFT)).lines == ()
    assert store.release_points() == [RIGHT]
    assert store.last_released_point() == RIGHT

    # The export: the time to release is empty for the skipped hold.
    out = tmp_path / "out.jsonl"
    store.export(out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    releases = {r["side"]: r for r in rows if r["record"] == "release"}
    assert releases["left"]["release_seconds"] is None
    assert releases["left"]["seconds"] == 1.0
    assert releases["right"]["release_seconds"] == 40.0
    # ... and it imports again (the derived field is not stored).
    with HistoryStore.open(tmp_path / "second.sqlite3") as second:
        assert second.import_file(out).added == 1
        assert second.release_series(LEFT) == []


def test_history_json_says_the_same(tmp_path: Path) -> None:
    data = tmp_path / "data"
    wall = Wall()
    with HistoryStore.open(data / "history.sqlite3", wall=wall) as store:
        _skip_left_release_right(store, wall)
    result = cli(data, "--json")
    assert result.returncode == 0, result.stderr
    (session,) = json.loads(result.stdout)
    found = {r["side"]: (r["ending"], r["release_seconds"]) for r in session["releases"]}
    assert found == {"left": ("skipped", None), "right": ("released", 40.0)}


def test_the_first_release_of_a_point_is_its_time_even_after_a_skip() -> None:
    from psoas_timer.history import Release

    def hold(set_no: int, seconds: float, ending: str) -> Release:
        return Release(0, "Psoas release", None, None, set_no, seconds, 30, 60, 90, ending)  # type: ignore[arg-type]

    holds = [hold(1, 2, "skipped"), hold(2, 50, "released"), hold(3, 90, "max")]
    assert describe_releases(holds) == "Psoas release released in 0:50"
    assert describe_releases([hold(1, 90, "max")]) == "Psoas release held to its limit (1:30)"
