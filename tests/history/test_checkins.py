"""The weekly check-in in the history: recorded, read back in order, checked, and brought
into a history file written by the previous version (schema 1) without touching its
sessions."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_timer.history import ActivityScore, Area, CheckIn, HistoryImportError, HistoryStore
from psoas_timer.history.schema import SCHEMA_VERSION, migrate

from .conftest import CET, Wall


def test_a_checkin_is_kept_with_its_activities_in_order(store: HistoryStore, wall: Wall) -> None:
    first = store.add_checkin(
        [ActivityScore("Sitting for an hour", 3), ActivityScore("Putting on socks", 6)], 1
    )
    wall.advance(7 * 86400)
    second = store.add_checkin([ActivityScore("  Sitting for an hour ", 5)], None)
    found = store.checkins()
    assert found == [first, second]
    assert found[0].activities == (
        ActivityScore("Sitting for an hour", 3),
        ActivityScore("Putting on socks", 6),
    )
    assert found[0].impression_label == "a little improved"
    assert found[1].activities == (ActivityScore("Sitting for an hour", 5),)
    assert found[1].impression is None and found[1].impression_label == ""
    assert store.last_checkin() == second
    assert store.checkins(since=wall.now.date()) == [second]
    assert store.checkins(until=wall.now.date() - timedelta(days=1)) == [first]


@pytest.mark.parametrize(
    ("activities", "impression", "words"),
    [
        ([ActivityScore("a", 11)], 0, "0 to 10"),
        ([ActivityScore("a", -1)], 0, "0 to 10"),
        ([ActivityScore("   ", 3)], 0, "needs a name"),
        ([ActivityScore(str(n), 3) for n in range(4)], 0, "up to three"),
        ([], 4, "-3 to 3"),
    ],
)
def test_wrong_answers_are_refused_and_nothing_is_recorded(
    store: HistoryStore, activities: list[ActivityScore], impression: int, words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        store.add_checkin(activities, impression)
    assert store.checkins() == []


def test_a_history_from_the_previous_version_gains_checkins_and_keeps_its_sessions(
    tmp_path: Path, wall: Wall
) -> None:
    path = tmp_path / "history.sqlite3"
    # The previous version's file: schema 1, a session recorded and rated through it.
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, to=1)
    conn.execute(
        "INSERT INTO sessions (id, routine, started_at, started_utc, local_date, ended_at, "
        "planned_seconds, ending, last_at, note) VALUES ('s1', 'Evening release', "
        "'2026-03-02T07:30:00+01:00', ?, '2026-03-02', '2026-03-02T07:50:00+01:00', 1200, "
        "'completed', '2026-03-02T07:50:00+01:00', 'felt good')",
        (datetime(2026, 3, 2, 7, 30, tzinfo=CET).timestamp(),),
    )
    conn.execute("INSERT INTO ratings VALUES (1, 'before', 'psoas', 'left', 6, 0)")
    conn.execute("INSERT INTO ratings VALUES (1, 'after', 'psoas', 'left', 3, 0)")
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()

    with HistoryStore.open(path, wall=wall) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        detail = store.session("s1")
        assert detail is not None and detail.summary.note == "felt good"
        assert detail.ratings_at("before") == {Area("psoas", "left"): 6}
        assert store.checkins() == []
        added = store.add_checkin([ActivityScore("Running", 2)], -1, session_id="s1")
    with HistoryStore.open(path, wall=wall) as again:
        assert again.checkins() == [added]
        assert isinstance(added, CheckIn) and added.session_id == "s1"


def test_deleting_all_history_deletes_the_checkins(store: HistoryStore) -> None:
    store.add_checkin([ActivityScore("Running", 2)], 0)
    store.delete_all()
    assert store.checkins() == []


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_checkins_travel_in_an_export_and_come_back_once(
    tmp_path: Path, store: HistoryStore, wall: Wall, suffix: str
) -> None:
    first = store.add_checkin(
        [ActivityScore('Sitting, "long"', 3), ActivityScore("Socks", 6)], None
    )
    wall.advance(7 * 86400)
    second = store.add_checkin([ActivityScore("Running", 2)], -2, session_id="abc")
    out = tmp_path / f"export{suffix}"
    store.export(out)
    with HistoryStore.open(tmp_path / "other.sqlite3", wall=wall) as other:
        other.import_file(out)
        other.import_file(out)  # twice: nothing added the second time
        assert other.checkins() == [first, second]


def test_a_bad_checkin_in_an_import_names_its_line(tmp_path: Path, store: HistoryStore) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"record": "checkin", "checkin_id": "c1", "taken_at": "2026-03-02T07:00:00+01:00", '
        '"impression": 5}\n',
        encoding="utf-8",
    )
    with pytest.raises(HistoryImportError, match=r"bad.jsonl:1: checkin field 'impression'"):
        store.import_file(bad)
    assert store.checkins() == []
