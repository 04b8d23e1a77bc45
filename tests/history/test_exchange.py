"""Export and import: everything moves to a second profile, twice adds nothing, and a bad
file is refused with its line, adding nothing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from psoas_timer.history import Area, HistoryImportError, HistoryStore

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)


@pytest.fixture
def filled(store: HistoryStore, wall: Wall) -> HistoryStore:
    for day in range(4):
        sid = record(store, wall, MON + timedelta(days=day), release_after=(60 - day * 5, 50))
        store.rate(sid, "before", {Area("psoas", "left"): 6 - day, Area("low back"): 3})
        store.rate(sid, "after", {Area("psoas", "left"): 3})
    store.set_note(sid, 'Felt "loose", then\ntight again, 100%')
    record(store, wall, MON + timedelta(days=5), stop_after=40)
    return store


def everything(store: HistoryStore) -> list[object]:
    return [store.session(s.id) for s in store.sessions()]


@pytest.mark.parametrize("name", ["history.jsonl", "history.csv"])
def test_an_export_imports_whole_into_a_second_profile(
    filled: HistoryStore, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    assert filled.export(out) == 5
    with HistoryStore.open(tmp_path / "other" / "history.sqlite3") as other:
        result = other.import_file(out)
        assert (result.added, result.already_there) == (5, 0)
        assert everything(other) == everything(filled)
        assert other.progress(MON.date() + timedelta(days=6)) == filled.progress(
            MON.date() + timedelta(days=6)
        )
        again = other.import_file(out)
        assert (again.added, again.already_there) == (0, 5)
        assert other.count() == 5


def test_json_lines_are_one_record_each_sessions_first(
    filled: HistoryStore, tmp_path: Path
) -> None:
    out = tmp_path / "h.jsonl"
    filled.export(out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = [r["record"] for r in records]
    assert kinds[:5] == ["session"] * 5
    assert set(kinds) == {"session", "step", "release", "rating"}
    step = next(r for r in records if r["record"] == "step")
    assert isinstance(step["done"], bool) and isinstance(step["actual_seconds"], float)


def test_an_import_merges_with_what_is_already_there(
    filled: HistoryStore, tmp_path: Path, wall: Wall
) -> None:
    out = tmp_path / "h.jsonl"
    filled.export(out)
    with HistoryStore.open(tmp_path / "other.sqlite3", wall=wall) as other:
        own = record(other, wall, MON + timedelta(days=10))
        assert other.import_file(out).added == 5
        assert other.count() == 6
        assert other.session(own) is not None


def test_an_unfinished_session_imports_as_interrupted(
    store: HistoryStore, wall: Wall, tmp_path: Path
) -> None:
    from .conftest import Run  # noqa: F401 - the recorder is left running on purpose

    record(store, wall, MON)
    out = tmp_path / "h.jsonl"
    lines = []
    store.export(out)
    for line in out.read_text().splitlines():
        data = json.loads(line)
        if data["record"] == "session":
            data["ending"] = None
            data["ended_at"] = None
        lines.append(json.dumps(data))
    out.write_text("\n".join(lines) + "\n")
    with HistoryStore.open(tmp_path / "o.sqlite3") as other:
        other.import_file(out)
        assert other.unfinished() == []
        assert other.sessions()[0].ending == "interrupted"


def _valid(filled: HistoryStore, tmp_path: Path) -> list[str]:
    out = tmp_path / "ok.jsonl"
    filled.export(out)
    return out.read_text(encoding="utf-8").splitlines()


BAD_LINES = {
    "not JSON": ("{oops", "not valid JSON"),
    "a list": ("[1, 2]", "JSON object"),
    "an unknown record": ('{"record": "pizza"}', "'record' should be one of"),
    "NaN": (None, "NaN"),
    "a score of 11": (None, "'score' should be from 0 to 10"),
    "an unknown field": (None, "has no field 'extra'"),
    "a bad time": (None, "'started_at' should be a date and time"),
    "an orphan step": (None, "which the file does not list before it"),
    "a duplicate session": (None, "listed twice"),
    "a huge line": ('{"record": "session", "note": "' + "x" * 70_000 + '"}', "too long"),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "too long"),
    "nested values": (None, "should be text"),
}


def _break(lines: list[str], label: str) -> tuple[list[str], int]:
    """*lines* with one line spoiled as *label* says; returns them and the bad line's number."""
    given, _ = BAD_LINES[label]
    at = len(lines) - 3  # late, so good lines come before it
    lines = list(lines)
    if given is not None:
        lines.insert(at, given)
        return lines, at + 1
    index = {
        "NaN": next(i for i, text in enumerate(lines) if '"step"' in text),
        "a score of 11": next(i for i, text in enumerate(lines) if '"rating"' in text),
        "an unknown field": 0,
        "a bad time": 1,
        "an orphan step": next(i for i, text in enumerate(lines) if '"step"' in text),
        "a duplicate session": 2,
        "nested values": 3,
    }[label]
    data = json.loads(lines[index])
    if label == "NaN":
        data["actual_seconds"] = float("nan")
    elif label == "a score of 11":
        data["score"] = 11
    elif label == "an unknown field":
        data["extra"] = 1
    elif label == "a bad time":
        data["started_at"] = "yesterday"
    elif label == "an orphan step":
        data["session_id"] = "f" * 32
    elif label == "nested values":
        data["routine"] = {"name": ["x"]}
    if label == "a duplicate session":
        lines.insert(index + 1, lines[index])
        return lines, index + 2
    lines[index] = json.dumps(data)
    return lines, index + 1


@pytest.mark.parametrize("label", list(BAD_LINES))
def test_a_bad_file_is_refused_with_its_line_and_nothing_is_imported(
    filled: HistoryStore, tmp_path: Path, label: str
) -> None:
    lines, number = _break(_valid(filled, tmp_path), label)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, expected = BAD_LINES[label]
    with HistoryStore.open(tmp_path / "other.sqlite3") as other:
        with pytest.raises(HistoryImportError) as caught:
            other.import_file(bad)
        message = str(caught.value)
        assert message.startswith(f"{bad}:{number}: "), message
        assert expected in message
        assert other.count() == 0
        for table in ("steps", "releases", "ratings"):
            assert other.connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def test_a_bad_csv_row_is_refused_with_its_line(filled: HistoryStore, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    filled.export(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("Evening release", "")  # a session without its routine
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with HistoryStore.open(tmp_path / "other.sqlite3") as other:
        with pytest.raises(
            HistoryImportError, match=rf"^{bad}:5: session field 'routine' is missing"
        ):
            other.import_file(bad)
        assert other.count() == 0


def test_a_csv_that_is_not_an_export_is_refused_at_its_header(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,minutes\n2026-03-02,20\n", encoding="utf-8")
    with (
        HistoryStore.open(tmp_path / "h.sqlite3") as store,
        pytest.raises(HistoryImportError, match=r":1: the header is not a Psoas Timer"),
    ):
        store.import_file(bad)


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"record": "session"}\n\xff\xfe garbage\n')
    with (
        HistoryStore.open(tmp_path / "h.sqlite3") as store,
        pytest.raises(HistoryImportError, match="not UTF-8"),
    ):
        store.import_file(bad)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with (
        HistoryStore.open(tmp_path / "h.sqlite3") as store,
        pytest.raises(HistoryImportError, match="cannot read the file"),
    ):
        store.import_file(tmp_path / "nope.jsonl")


def test_an_export_replaces_the_file_whole(filled: HistoryStore, tmp_path: Path) -> None:
    out = tmp_path / "h.jsonl"
    out.write_text("old\n")
    filled.export(out)
    assert not out.read_text().startswith("old")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_csv_row_with_a_field_missing_says_how_many_there_should_be(
    filled: HistoryStore, tmp_path: Path
) -> None:
    out = tmp_path / "h.csv"
    filled.export(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    header = len(lines[0].split(","))
    lines[3] = ",".join(lines[3].split(",")[:1])  # one field left of the row
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (
        HistoryStore.open(tmp_path / "other.sqlite3") as other,
        pytest.raises(
            HistoryImportError, match=rf"^{bad}:4: the header has {header} fields, this line 1$"
        ),
    ):
        other.import_file(bad)
