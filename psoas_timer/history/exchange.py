"""Moving history between computers: export to CSV or JSON Lines, import by merging.

Both formats carry every record, one per line, each with a ``record`` field saying what it
is (``session``, ``step``, ``release``, ``rating``, ``checkin``); every session comes before
its parts. A weekly check-in is one record with its (up to three) activities and scores.
JSON Lines (any name but ``*.csv``) keeps types exactly; CSV opens in a spreadsheet (one
header row, the union of the fields, blank where a field does not apply). A CSV cell is never
a formula: text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe (as OWASP advises for spreadsheet-safe CSV; a spreadsheet shows the text
as it is), and control characters other than line breaks and tabs are left out. An import
of such a CSV takes the apostrophe off again, so the text comes back as it was.

An import merges by session id in one transaction: a session already in the history is
left as it is, with its parts (so importing a file twice adds nothing), and a malformed or
hostile file is refused with ``FILE:LINE: what is wrong`` and nothing added.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from psoas_timer.atomic_file import atomic_writer
from psoas_timer.core.file_reading import RefusedFileError, open_regular
from psoas_timer.i18n import _, format_decimal

from .database import HistoryError
from .localtime import from_iso
from .records import release_sql

__all__ = [
    "FIELDS",
    "MAX_FILE_BYTES",
    "MAX_LINE_CHARS",
    "HistoryImportError",
    "export_history",
    "import_history",
]

#: Files larger than this are refused before reading (ten years of daily use is ~60 MB).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: A line longer than this is refused (the longest real one is a note).
MAX_LINE_CHARS = 64 * 1024


class HistoryImportError(HistoryError):
    """A file that cannot be imported; the message names the file and line."""


# -- the fields of each record, in export order, with how to check them --------------------
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_Check = Callable[[Any], Any]


def _text(limit: int, *, optional: bool = False, empty: bool = True) -> _Check:
    def check(value: Any) -> Any:
        if value is None or value == "":
            if optional:
                return None
            if empty and value == "":
                return ""
            raise ValueError(_("is missing"))
        if not isinstance(value, str):
            raise ValueError(_("should be text, not {value}").format(value=type(value).__name__))
        if len(value) > limit:
            raise ValueError(
                _("is too long ({value} characters; the limit is {limit})").format(
                    value=len(value), limit=limit
                )
            )
        if "\x00" in value:
            raise ValueError(_("contains a NUL character"))
        return value

    return check


def _ident(value: Any) -> Any:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(_("should be an id of 1 to 64 letters, digits, '-' or '_'"))
    return value


def _number(low: float, high: float, *, whole: bool = False, optional: bool = False) -> _Check:
    def check(value: Any) -> Any:
        if optional and value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                value = int(value) if whole else float(value)
            except ValueError:
                kind = _("a whole number") if whole else _("a number")
                raise ValueError(
                    _("should be {kind}, not {value}").format(kind=kind, value=repr(value))
                ) from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(
                _("should be a number, not {value}").format(value=type(value).__name__)
            )
        if whole and (not isinstance(value, int)):
            if not (isinstance(value, float) and value.is_integer()):
                raise ValueError(
                    _("should be a whole number, not {value}").format(value=repr(value))
                )
            value = int(value)
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(
                _("should be from {low} to {high}, not {value}").format(
                    low=format(low, "g"), high=format(high, "g"), value=repr(value)
                )
            )
        return value

    return check


def _choice(*options: str, optional: bool = False) -> _Check:
    def check(value: Any) -> Any:
        if optional and value in (None, ""):
            return None
        if value not in options:
            raise ValueError(
                _("should be one of {value}, not {value2}").format(
                    value=", ".join(options), value2=repr(value)
                )
            )
        return value

    return check


def _moment(*, optional: bool = False) -> _Check:
    def check(value: Any) -> Any:
        if optional and value in (None, ""):
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError(_("should be a date and time like 2026-03-29T07:05:00+02:00"))
        try:
            moment = from_iso(value)
        except ValueError:
            raise ValueError(
                _(
                    "should be a date and time with its UTC offset, like "
                    "2026-03-29T07:05:00+02:00, not {value}"
                ).format(value=repr(value))
            ) from None
        return moment

    return check


def _flag(value: Any) -> Any:
    if value in (True, 1, "1", "true"):
        return 1
    if value in (False, 0, "0", "false"):
        return 0
    raise ValueError(_("should be true or false, not {value}").format(value=repr(value)))


_SECONDS = _number(0, 10_000_000)
_SIDE = _choice("", "left", "right")
_INDEX = _number(0, 1_000_000, whole=True)
_SET = _number(1, 1000, whole=True)

FIELDS: dict[str, dict[str, _Check]] = {
    "session": {
        "session_id": _ident,
        "routine": _text(200, empty=False),
        "routine_file": _text(4096, optional=True),
        "routine_hash": _text(128, optional=True),
        "started_at": _moment(),
        "ended_at": _moment(optional=True),
        "planned_seconds": _SECONDS,
        "planned_steps": _INDEX,
        "active_seconds": _SECONDS,
        "paused_seconds": _SECONDS,
        # "finished" since the one vocabulary; "completed" in files from earlier versions
        "ending": _choice("finished", "completed", "stopped", "interrupted", optional=True),
        "last_at": _moment(),
        "note": _text(10_000),
    },
    "step": {
        "session_id": _ident,
        "step": _INDEX,
        "side": _SIDE,
        "set": _SET,
        "name": _text(200, empty=False),
        "library_id": _text(200, optional=True),
        "kind": _text(40, empty=False),
        "planned_seconds": _SECONDS,
        "actual_seconds": _SECONDS,
        "done": _flag,
    },
    "release": {
        "session_id": _ident,
        "step": _INDEX,
        "side": _SIDE,
        "set": _SET,
        "name": _text(200, empty=False),
        "library_id": _text(200, optional=True),
        "kind": _text(40, empty=False),
        "seconds": _SECONDS,
        "min_seconds": _SECONDS,
        "target_seconds": _SECONDS,
        "max_seconds": _SECONDS,
        "ending": _choice("released", "extended", "max", "skipped", "stopped"),
        # Written for a spreadsheet: the seconds when the hold ended by release, else empty
        # (records.is_release); derived from the two fields above, so ignored on import.
        "release_seconds": _number(0, 10_000_000, optional=True),
    },
    "rating": {
        "session_id": _ident,
        "moment": _choice("before", "after"),
        "area": _text(200, empty=False),
        "side": _SIDE,
        "score": _number(0, 10, whole=True),
        "position": _INDEX,
    },
    "checkin": {
        "checkin_id": _ident,
        "taken_at": _moment(),
        "impression": _number(-3, 3, whole=True, optional=True),
        "checkin_session": _text(64, optional=True),
        **{
            name: check
            for n in (1, 2, 3)
            for name, check in (
                (f"activity_{n}", _text(200, optional=True)),
                (f"score_{n}", _number(0, 10, whole=True, optional=True)),
            )
        },
    },
}
#: Numbers that may be missing (null in JSON, empty in CSV).
_NULLABLE = {"impression", "score_1", "score_2", "score_3", "release_seconds"}
_COLUMNS = ["record", *dict.fromkeys(k for fields in FIELDS.values() for k in fields)]

#: Each record's fields as SQL, and the rows they come from (sessions first, by start; the
#: parts by session, in the order their keys give without sorting).
_EXPORT_FROM = {
    "session": "FROM sessions ORDER BY started_utc, id",
    "step": "FROM steps st JOIN sessions s ON s.key = st.session JOIN parts p ON p.key = st.part "
    "ORDER BY st.session, st.step, st.side, st.set_no",
    "release": "FROM releases r JOIN sessions s ON s.key = r.session "
    "JOIN parts p ON p.key = r.part ORDER BY r.session, r.step, r.side, r.set_no",
    "rating": "FROM ratings r JOIN sessions s ON s.key = r.session "
    "ORDER BY r.session, r.moment, r.position, r.area, r.side",
    "checkin": "FROM checkins c ORDER BY c.taken_utc, c.id",
}
_ACTIVITY = "(SELECT {0} FROM checkin_activities WHERE checkin = c.key AND position = {1})"
_EXPORT_AS = {
    "session": {"session_id": "id", "set": "set_no",
                "ending": "CASE ending WHEN 'completed' THEN 'finished' ELSE ending END"},
    "step": {"session_id": "s.id", "library_id": "nullif(p.library_id, '')", "set": "st.set_no",
             "name": "p.name", "kind": "p.kind", "done": "st.done"},
    "release": {"session_id": "s.id", "library_id": "nullif(p.library_id, '')",
                "set": "r.set_no", "name": "p.name", "kind": "p.kind",
                "release_seconds": f"CASE WHEN {release_sql('r.ending')} THEN r.seconds END"},
    "rating": {"session_id": "s.id"},
    "checkin": {"checkin_id": "c.id", "taken_at": "c.taken_at", "impression": "c.impression",
                "checkin_session": "c.session",
                **{f"activity_{n}": _ACTIVITY.format("activity", n - 1) for n in (1, 2, 3)},
                **{f"score_{n}": _ACTIVITY.format("score", n - 1) for n in (1, 2, 3)}},
}  # fmt: skip
_PREFIX = {"step": "st.", "release": "r.", "rating": "r."}
#: Fields written as text (escaped); the others are numbers, or true/false for ``done``.
_TEXT_FIELDS = {
    "session_id", "routine", "routine_file", "routine_hash", "started_at", "ended_at",
    "ending", "last_at", "note", "side", "name", "library_id", "kind", "moment", "area",
    "checkin_id", "taken_at", "checkin_session", "activity_1", "activity_2", "activity_3",
}  # fmt: skip


def _export_sql(record: str, fields: list[str], csv_format: bool) -> str:
    exprs = []
    for name in fields:
        expr = _EXPORT_AS[record].get(name, _PREFIX.get(record, "") + name)
        if name == "done":
            expr = f"CASE WHEN {expr} THEN 'true' ELSE 'false' END"
            if csv_format:
                expr = f"CASE WHEN {_EXPORT_AS[record]['done']} THEN '1' ELSE '0' END"
        elif name in _TEXT_FIELDS:
            pass
        else:
            # Numbers are kept to the millisecond; SQLite writes them in 15 digits at most.
            expr = f"{expr}"
        exprs.append(expr)
    return f"SELECT {', '.join(exprs)} {_EXPORT_FROM[record]}"


_SESSION_KEY = "(SELECT key FROM sessions WHERE id = ?)"
_PART_KEY = "(SELECT key FROM parts WHERE name = ? AND library_id = ? AND kind = ?)"
_ADD_PART = (
    "INSERT INTO parts (name, library_id, kind, point) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (name, library_id, kind) DO NOTHING"
)
_INSERT_SQL = {
    "session": "INSERT INTO sessions (id, routine, routine_file, routine_hash, started_at, "
    "ended_at, planned_seconds, planned_steps, active_seconds, paused_seconds, ending, "
    "last_at, note, started_utc, local_date) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "step": "INSERT INTO steps (session, step, side, set_no, part, planned_seconds, "
    f"actual_seconds, done) VALUES ({_SESSION_KEY}, ?, ?, ?, {_PART_KEY}, ?, ?, ?)",
    "release": "INSERT INTO releases (session, step, side, set_no, part, seconds, min_seconds, "
    f"target_seconds, max_seconds, ending) VALUES ({_SESSION_KEY}, ?, ?, ?, {_PART_KEY}, "
    "?, ?, ?, ?, ?)",
    "rating": "INSERT INTO ratings (session, moment, area, side, score, position) "
    f"VALUES ({_SESSION_KEY}, ?, ?, ?, ?, ?)",
}


# -- export -----------------------------------------------------------------------------
#: What a spreadsheet takes as the start of a formula (or DDE) in a cell.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Control characters left out of a CSV (ESC and the like): all but tab and line feed.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet would read *value* as a formula, or *value* is one behind
    apostrophes (so that one more keeps them apart when the import takes one off)."""
    return value.lstrip("'").startswith(_FORMULA_START)


def csv_cell(value: str) -> str:
    """*value* as a safe spreadsheet cell's text (before CSV quoting): control characters
    out, and an apostrophe before text a spreadsheet would run as a formula."""
    value = _CONTROLS.sub("", value.replace("\r\n", "\n"))
    return "'" + value if _looks_like_formula(value) else value


def csv_text(cell: str) -> str:
    """The text :func:`csv_cell` made *cell* from (its added apostrophe taken off)."""
    return cell[1:] if cell.startswith("'") and _looks_like_formula(cell[1:]) else cell


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def export_history(conn: sqlite3.Connection, path: Path) -> int:
    """Write every session, step, release and rating to *path* (CSV for ``.csv``, else JSON
    Lines), from one consistent snapshot, atomically; returns how many sessions."""
    path = Path(path)
    with atomic_writer(path, mode=0o600, encoding="utf-8", newline="") as out:
        conn.execute("BEGIN")  # one snapshot, whatever the app writes meanwhile
        try:
            return _export(conn, out, csv_format=_is_csv(path))
        finally:
            conn.execute("COMMIT")


class _Texts(dict[Any, str]):
    """Text as written in the file (JSON or CSV escaped), None as null or nothing. Names,
    ids and times repeat thousands of times, so each is escaped once."""

    def __init__(self, csv_format: bool) -> None:
        super().__init__()
        self.csv_format = csv_format
        self[None] = "" if csv_format else "null"

    def __missing__(self, value: str) -> str:
        if not self.csv_format:
            text = json.dumps(value, ensure_ascii=False)
        else:
            text = csv_cell(value)
            if any(c in text for c in ',"\n') or text[:1].isspace() or text[-1:].isspace():
                text = '"' + text.replace('"', '""') + '"'
        if len(self) < 100_000:
            self[value] = text
        return text


def _export(conn: sqlite3.Connection, out: IO[str], *, csv_format: bool) -> int:
    """Every record, a line each: the values go into a ``%`` template in the order the
    line wants them (the SQL selects them so), text escaped once per distinct value and
    numbers written by ``%r``."""
    texts = _Texts(csv_format)
    if csv_format:
        out.write(",".join(_COLUMNS) + "\n")
    count = 0
    for record, spec in FIELDS.items():
        fields = list(spec)
        if csv_format:
            order = [name for name in _COLUMNS if name in spec]
            template = ",".join(
                record if name == "record" else (_code(name) if name in spec else "")
                for name in _COLUMNS
            )
        else:
            order = fields
            template = (
                '{"record":"'
                + record
                + '",'
                + ",".join(f'"{name}":{_code(name)}' for name in fields)
                + "}"
            )
        template = template.replace("%", "%%").replace("\x00", "%") + "\n"
        text_at = [i for i, name in enumerate(order) if name in _TEXT_FIELDS]
        nullable_at = [i for i, name in enumerate(order) if name in _NULLABLE]
        cursor = conn.execute(_export_sql(record, order, csv_format))
        while rows := cursor.fetchmany(5000):
            lines = []
            for row in rows:
                values = list(row)
                for i in text_at:
                    values[i] = texts[values[i]]
                for i in nullable_at:
                    values[i] = texts[None] if values[i] is None else repr(values[i])
                lines.append(template % tuple(values))
            out.write("".join(lines))
            if record == "session":
                count += len(rows)
    return count


def _code(name: str) -> str:
    """The ``%`` conversion for a field (marked with NUL, as a literal % must be doubled):
    text comes escaped (``s``), numbers as Python writes them (``r``)."""
    return "\x00s" if name in _TEXT_FIELDS or name in _NULLABLE or name == "done" else "\x00r"


# -- import -----------------------------------------------------------------------------
def _bounded(path: Path, text: TextIO) -> Iterator[str]:
    """The lines of *text*, each read at most :data:`MAX_LINE_CHARS` at a time: a longer
    one is refused before it is in memory (a 400 MB line, or endless ``/dev/zero``)."""
    number = 0
    while line := text.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS and not (
            len(line) == MAX_LINE_CHARS + 1 and line.endswith("\n")
        ):
            raise _bad(
                path,
                number,
                _("the line is too long (over {max_line_chars} characters)").format(
                    max_line_chars=format_decimal(MAX_LINE_CHARS)
                ),
            )
        yield line


def _lines_jsonl(path: Path, text: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(_bounded(path, text), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line, parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise _bad(path, number, _("not valid JSON: {exc}").format(exc=exc)) from None
        if not isinstance(data, dict):
            raise _bad(path, number, _("each line should be a JSON object with a 'record' field"))
        yield number, data


def _no_constant(name: str) -> Any:
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def _lines_csv(path: Path, text: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_LINE_CHARS)
    try:
        reader = csv.reader(_bounded(path, text), strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise _bad(path, 1, _("not valid CSV: {exc}").format(exc=exc)) from None
        if header is None:
            return
        unknown = [name for name in header if name not in _COLUMNS]
        if unknown or "record" not in header or len(set(header)) != len(header):
            what = (
                _("unknown column {value}").format(value=repr(unknown[0]))
                if unknown
                else _("a repeated column")
            )
            if "record" not in header:
                what = "no 'record' column"
            raise _bad(
                path,
                1,
                _("the header is not a Psoas Timer history export: {what}").format(what=what),
            )
        while True:
            first = reader.line_num + 1  # a record with line breaks in a field spans lines
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _bad(path, first, _("not valid CSV: {exc}").format(exc=exc)) from None
            if not any(row):
                continue
            if len(row) != len(header):
                raise _bad(
                    path,
                    first,
                    _("the header has {value} fields, this line {value2}").format(
                        value=len(header), value2=len(row)
                    ),
                )
            record = {
                name: csv_text(cell) if name in _TEXT_FIELDS else cell
                for name, cell in zip(header, row, strict=True)
            }
            fields = FIELDS.get(record.get("record", ""), {})
            # A CSV row has every column; only the record's own fields count.
            yield (
                first,
                {k: v for k, v in record.items() if k == "record" or k in fields or v != ""},
            )
    finally:
        csv.field_size_limit(limit)


def _bad(path: Path, line: int, message: str) -> HistoryImportError:
    return HistoryImportError(f"{path}:{line}: {message}")


def _checked(path: Path, number: int, data: dict[str, Any]) -> tuple[str, list[Any]]:
    record = data.get("record")
    if record not in FIELDS:
        kinds = ", ".join(FIELDS)
        raise _bad(
            path,
            number,
            _("'record' should be one of {kinds}, not {record}").format(
                kinds=kinds, record=repr(record)
            ),
        )
    fields = FIELDS[record]
    extra = [k for k in data if k != "record" and k not in fields]
    if extra:
        raise _bad(
            path,
            number,
            _("a {record} has no field {value}").format(record=record, value=repr(extra[0])),
        )
    values: list[Any] = []
    for name, check in fields.items():
        try:
            values.append(check(data.get(name)))
        except ValueError as exc:
            raise _bad(
                path,
                number,
                _("{record} field {name} {exc}").format(record=record, name=repr(name), exc=exc),
            ) from None
    return record, values


def import_history(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """Merge *path* into the history in one transaction; returns (sessions added, sessions
    already there). Raises :class:`HistoryImportError` (and adds nothing) for a bad file."""
    path = Path(path)
    try:
        raw = open_regular(path)
    except OSError as exc:
        raise HistoryImportError(
            _("{path}: cannot read the file: {value}").format(path=path, value=_reason(exc))
        ) from None
    with raw:
        size = os.fstat(raw.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise HistoryImportError(
                _(
                    "{path}: the file is too large ({size} bytes; the limit is {max_file_bytes})"
                ).format(
                    path=path,
                    size=format_decimal(size),
                    max_file_bytes=format_decimal(MAX_FILE_BYTES),
                )
            )
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        try:
            return _merge(conn, path, text)
        finally:
            text.detach()


def _reason(exc: OSError) -> str:
    """Why *exc* happened, in words (its own message for a refused file)."""
    if isinstance(exc, RefusedFileError):
        return exc.reason
    return exc.strerror or str(exc)


def _merge(conn: sqlite3.Connection, path: Path, text: TextIO) -> tuple[int, int]:
    added = skipped = checkins = 0
    new: set[str] = set()
    old: set[str] = set()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise HistoryImportError(
            _("{path}: the history is busy ({exc}); nothing was imported, try again").format(
                path=path, exc=exc
            )
        ) from None
    try:
        lines = _lines_csv(path, text) if _is_csv(path) else _lines_jsonl(path, text)
        number = 0
        try:
            for number, data in lines:
                record, values = _checked(path, number, data)
                if record == "checkin":
                    if _add_checkin(conn, path, number, values):
                        checkins += 1
                    continue
                session_id = values[0]
                if record == "session":
                    if session_id in new or session_id in old:
                        raise _bad(
                            path,
                            number,
                            _("session {session_id} is listed twice").format(session_id=session_id),
                        )
                    if conn.execute(
                        "SELECT 1 FROM sessions WHERE id = ?", (session_id,)
                    ).fetchone():
                        old.add(session_id)
                        skipped += 1
                        continue
                    values = _session_row(path, number, values)
                    new.add(session_id)
                    added += 1
                elif session_id in old:
                    continue
                elif session_id not in new:
                    raise _bad(
                        path,
                        number,
                        _(
                            "this {record} belongs to session {session_id}, which the file "
                            "does not list before it"
                        ).format(record=record, session_id=session_id),
                    )
                if record == "release":
                    values = values[:-1]  # release_seconds: derived, not stored
                if record in ("step", "release"):
                    name, library_id, kind = values[4], values[5] or "", values[6]
                    conn.execute(_ADD_PART, (name, library_id, kind, library_id or name))
                    values[5] = library_id
                try:
                    conn.execute(_INSERT_SQL[record], values)
                except sqlite3.IntegrityError as exc:
                    raise _bad(
                        path,
                        number,
                        _("this {record} is listed twice ({exc})").format(record=record, exc=exc),
                    ) from None
        except UnicodeDecodeError as exc:
            raise _bad(
                path, number + 1, _("not UTF-8 text ({reason})").format(reason=exc.reason)
            ) from None
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return added, skipped


def _add_checkin(conn: sqlite3.Connection, path: Path, number: int, values: list[Any]) -> bool:
    """Add a check-in unless one with its id is there; False when it was."""
    ident, taken, impression, session, *pairs = values
    if conn.execute("SELECT 1 FROM checkins WHERE id = ?", (ident,)).fetchone():
        return False
    activities = [(pairs[n], pairs[n + 1]) for n in range(0, len(pairs), 2) if pairs[n] is not None]
    if any(score is None for _, score in activities):
        raise _bad(path, number, _("a check-in's activity needs its score"))
    cursor = conn.execute(
        "INSERT INTO checkins (id, taken_at, taken_utc, local_date, impression, session) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            ident,
            taken.isoformat(timespec="seconds"),
            taken.timestamp(),
            taken.date().isoformat(),
            impression,
            session,
        ),
    )
    conn.executemany(
        "INSERT INTO checkin_activities (checkin, position, activity, score) VALUES (?, ?, ?, ?)",
        [(cursor.lastrowid, n, name, score) for n, (name, score) in enumerate(activities)],
    )
    return True


def _session_row(path: Path, number: int, values: list[Any]) -> list[Any]:
    """The session's row: times back to text, its UTC time and local date added; one that
    never ended elsewhere is recorded as interrupted here (it cannot be carried on)."""
    (sid, routine, file, digest, started, ended, planned, steps, active, paused, ending, last,
     note) = values  # fmt: skip
    if ended is not None and ended < started:
        raise _bad(path, number, _("the session ends before it starts"))
    if ending == "finished":
        ending = "completed"  # the word in files; the history keeps its own value
    if ending is None or ended is None:
        ending = ending or "interrupted"
        ended = ended or last
    return [
        sid,
        routine,
        file,
        digest,
        started.isoformat(timespec="seconds"),
        ended.isoformat(timespec="seconds"),
        planned,
        steps,
        active,
        paused,
        ending,
        last.isoformat(timespec="seconds"),
        note,
        started.timestamp(),
        started.date().isoformat(),
    ]
