"""Hostile history exports and imports (issue 22, items 3 and 17): a CSV cell is never a
formula nor carries control characters, and no import reads without bound or waits."""

from __future__ import annotations

import csv
import json
import os
import threading
from datetime import datetime
from pathlib import Path

import pytest

from psoas_timer.history import Area, HistoryImportError, HistoryStore
from psoas_timer.history.exchange import MAX_LINE_CHARS

from .conftest import CET, Wall, record

MON = datetime(2026, 3, 2, 7, 30, tzinfo=CET)

#: Every start a spreadsheet reads as a formula, with the cell each must become.
PREFIXES = {
    "=": '\'=HYPERLINK("http://evil.example","Continue")',
    "+": '\'+HYPERLINK("http://evil.example","Continue")',
    "-": '\'-HYPERLINK("http://evil.example","Continue")',
    "@": '\'@HYPERLINK("http://evil.example","Continue")',
    "\t": '\'\tHYPERLINK("http://evil.example","Continue")',
}
PAYLOAD = 'HYPERLINK("http://evil.example","Continue")'


def _hostile(tmp_path: Path, prefix: str) -> Path:
    """A JSON Lines export whose routine, step, area and note text start with *prefix*."""
    text = prefix + PAYLOAD
    sid = "hostile-1"
    records = [
        {"record": "session", "session_id": sid, "routine": text, "routine_file": None,
         "routine_hash": None, "started_at": "2026-03-02T07:30:00+01:00",
         "ended_at": "2026-03-02T07:31:00+01:00", "planned_seconds": 60, "planned_steps": 1,
         "active_seconds": 60, "paused_seconds": 0, "ending": "completed",
         "last_at": "2026-03-02T07:31:00+01:00", "note": text},
        {"record": "step", "session_id": sid, "step": 0, "side": "", "set": 1, "name": text,
         "library_id": None, "kind": "stretch", "planned_seconds": 60, "actual_seconds": 60,
         "done": True},
        {"record": "rating", "session_id": sid, "moment": "after", "area": text, "side": "",
         "score": 3, "position": 0},
    ]  # fmt: skip
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


@pytest.mark.parametrize("prefix", list(PREFIXES))
def test_formula_text_is_neutralised_in_a_csv_export_and_after_import(
    store: HistoryStore, wall: Wall, tmp_path: Path, prefix: str
) -> None:
    """Hostile case: routine, step, area and note text starting with = + - @ or a tab.
    Each CSV cell gets a leading apostrophe (the routine, the step, the area, the note:
    four cells at least), none starts with a formula character; an import of that CSV
    gives the text back as it was, and its export is neutralised again."""
    text = prefix + PAYLOAD
    store.import_file(_hostile(tmp_path, prefix))
    out = tmp_path / "h.csv"
    store.export(out)
    cells = _cells(out)
    assert [c for c in cells if PAYLOAD in c] == [PREFIXES[prefix]] * 4
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c.startswith("-") and not c[1:].replace(".", "").isdigit()]
    with HistoryStore.open(tmp_path / "other" / "history.sqlite3") as other:
        other.import_file(out)
        detail = other.session("hostile-1")
        assert detail is not None
        assert detail.summary.routine.name == text
        assert detail.summary.note == text
        assert detail.steps[0].name == text
        assert [r.area.name for r in detail.ratings] == [text]
        again = tmp_path / "again.csv"
        other.export(again)
        assert [c for c in _cells(again) if PAYLOAD in c] == [PREFIXES[prefix]] * 4


@pytest.mark.parametrize(
    ("prefix", "cell"),
    [("\r", PAYLOAD), ("\r=", "'=" + PAYLOAD), ("\r\r+", "'+" + PAYLOAD)],
    ids=["carriage return", "carriage return then =", "carriage returns then +"],
)
def test_a_carriage_return_at_the_start_is_left_out_and_what_follows_neutralised(
    store: HistoryStore, wall: Wall, tmp_path: Path, prefix: str, cell: str
) -> None:
    """Hostile case (the last of the issue's prefixes): text starting with a carriage
    return. A carriage return is a control character, so it is left out of the CSV; what
    it hid is then the cell's start, and a formula there gets its apostrophe (in the
    routine, step, area and note cells alike). The import gives back the text without it."""
    store.import_file(_hostile(tmp_path, prefix))
    out = tmp_path / "h.csv"
    store.export(out)
    cells = _cells(out)
    assert "\r" not in out.read_text(encoding="utf-8").replace("\r\n", "")
    assert [c for c in cells if PAYLOAD in c] == [cell] * 4
    with HistoryStore.open(tmp_path / "other" / "history.sqlite3") as other:
        other.import_file(out)
        detail = other.session("hostile-1")
        assert detail is not None and detail.summary.note == prefix.replace("\r", "") + PAYLOAD


def test_a_routine_named_as_a_formula_is_neutralised_from_a_real_session(
    store: HistoryStore, wall: Wall, tmp_path: Path
) -> None:
    """Hostile case: a routine file whose name and step name are ``=HYPERLINK(...)``,
    recorded through the engine, rated and noted: four apostrophed cells in the CSV."""
    text = "=" + PAYLOAD
    quoted = text.replace('"', '\\"')
    sid = record(
        store,
        wall,
        MON,
        text=f"""\
name: "{quoted}"
steps:
  - name: "{quoted}"
    kind: stretch
    hold: 5
""",
    )
    store.rate(sid, "after", {Area(text): 3})
    store.set_note(sid, text)
    out = tmp_path / "h.csv"
    store.export(out)
    assert [c for c in _cells(out) if PAYLOAD in c] == ["'" + text] * 4


def test_control_characters_never_reach_a_csv(
    store: HistoryStore, wall: Wall, tmp_path: Path
) -> None:
    """Hostile case: a note with raw ESC sequences and other control bytes. The CSV holds
    the note without them (line breaks and tabs stay); JSON Lines escapes them."""
    sid = record(store, wall, MON)
    store.set_note(sid, "red\x1b[31m alert\x07\x00 bell\nnext\tline\x9b2J")
    out = tmp_path / "h.csv"
    store.export(out)
    raw = out.read_bytes()
    for byte in (b"\x1b", b"\x07", b"\x00", b"\xc2\x9b"):
        assert byte not in raw
    assert "red[31m alert bell\nnext\tline2J" in _cells(out)


def test_a_text_that_starts_with_an_apostrophe_comes_back_as_it_was(
    store: HistoryStore, wall: Wall, tmp_path: Path
) -> None:
    sid = record(store, wall, MON)
    for note in ("'=already quoted", "'plain", "''+twice"):
        store.set_note(sid, note)
        out = tmp_path / "h.csv"
        store.export(out)
        with HistoryStore.open(tmp_path / f"o{len(note)}" / "history.sqlite3") as other:
            other.import_file(out)
            assert other.session(sid).summary.note == note  # type: ignore[union-attr]


def _import_in_time(database: Path, path: Path) -> BaseException | None:
    """Import *path* into a history at *database* on a thread; fail if it takes over 10 s."""
    result: list[BaseException | None] = []

    def run() -> None:
        try:
            with HistoryStore.open(database) as store:
                try:
                    store.import_file(path)
                finally:
                    counts.append(store.count())
        except BaseException as exc:
            result.append(exc)
        else:
            result.append(None)

    counts: list[int] = []
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), f"importing {path} hung"
    assert counts == [0]
    return result[0]


def test_importing_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """Hostile case: ``history import /dev/zero`` grew without bound. Now refused."""
    error = _import_in_time(tmp_path / "h.sqlite3", Path("/dev/zero"))
    assert isinstance(error, HistoryImportError)
    assert (
        str(error)
        == "/dev/zero: cannot read the file: not a regular file; only a regular file is read"
    )


def test_importing_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    """Hostile case: a FIFO hung ``history import``. Now refused at once."""
    fifo = tmp_path / "h.jsonl"
    os.mkfifo(fifo)
    error = _import_in_time(tmp_path / "h.sqlite3", fifo)
    assert (
        str(error)
        == f"{fifo}: cannot read the file: not a regular file; only a regular file is read"
    )


@pytest.mark.parametrize("name", ["long.jsonl", "long.csv"])
def test_one_endless_line_is_refused_before_it_is_in_memory(tmp_path: Path, name: str) -> None:
    """Hostile case: one 400 MB line peaked at 850 MB before refusal. Now the line is read
    at most 64 K characters at a time and refused with its line number (a sparse file:
    cheap to make, and reading it whole would take the full size)."""
    path = tmp_path / name
    with path.open("wb") as handle:
        if name.endswith(".csv"):
            handle.write(b"record,session_id\n")
        handle.write(b"x" * (MAX_LINE_CHARS + 10))
        handle.truncate(400 * 1024 * 1024)
    error = _import_in_time(tmp_path / "h.sqlite3", path)
    line = 2 if name.endswith(".csv") else 1
    assert str(error) == f"{path}:{line}: the line is too long (over 65,536 characters)"
