"""``psoas-timer history [--json] [--since DATE] [--until DATE]`` lists the sessions done,
with the streak; ``history export -o FILE`` writes them all to CSV or JSON Lines,
``history import FILE`` merges a file exported on another computer
(:mod:`psoas_timer.history`), and ``history report -o FILE.pdf`` writes the report for a
physiotherapist (:mod:`psoas_timer.history.report`, drawn by
:mod:`psoas_timer.ui.progress.report_pdf`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_timer.i18n import _, format_date, format_time, language, ngettext, pgettext

if TYPE_CHECKING:
    from datetime import date, datetime

    from psoas_timer.history import HistoryStore, SessionDetail
    from psoas_timer.practice.programme import LoadedProgramme

__all__ = ["add_parser", "cmd_history"]


def _open_history() -> HistoryStore | None:
    """The user's history, or None after saying why it cannot be opened."""
    from psoas_timer import paths
    from psoas_timer.history import HistoryError, HistoryStore

    try:
        store = HistoryStore.open(paths.history_file())
    except HistoryError as exc:
        print(_("psoas-timer: {problem}").format(problem=exc), file=sys.stderr)
        return None
    if store.notice:
        print(_("psoas-timer: {problem}").format(problem=store.notice), file=sys.stderr)
    return store


def _session_json(detail: SessionDetail) -> dict[str, object]:
    from psoas_timer.history.format import ending_name

    s = detail.summary
    return {
        "id": s.id,
        "routine": s.routine.name,
        "routine_file": s.routine.file,
        "routine_hash": s.routine.content_hash,
        "started_at": s.started.isoformat(),
        "ended_at": s.ended.isoformat() if s.ended else None,
        "ending": ending_name(s.ending) if s.ending else None,
        "planned_seconds": round(s.planned_seconds, 3),
        "active_seconds": round(s.active_seconds, 3),
        "paused_seconds": round(s.paused_seconds, 3),
        "steps_planned": s.steps_planned,
        "steps_done": s.steps_done,
        "steps_partly": s.steps_partly,
        "steps_skipped": s.steps_skipped,
        "note": s.note,
        "steps": [
            {
                "step": st.step,
                "name": st.name,
                "library_id": st.library_id,
                "kind": st.kind,
                "side": st.side,
                "set": st.set,
                "planned_seconds": round(st.planned_seconds, 3),
                "actual_seconds": round(st.actual_seconds, 3),
                "done": st.done,
            }
            for st in detail.steps
        ],
        "releases": [
            {
                "step": r.step,
                "point": r.point.key,
                "name": r.name,
                "library_id": r.library_id,
                "side": r.side,
                "set": r.set,
                "seconds": round(r.seconds, 3),
                "min_seconds": r.min_seconds,
                "target_seconds": r.target_seconds,
                "max_seconds": r.max_seconds,
                "ending": r.ending,
                # the one rule: only a hold ended by release is a time to release
                "release_seconds": round(r.seconds, 3) if r.released else None,
            }
            for r in detail.releases
        ],
        "ratings": [
            {"moment": r.moment, "area": r.area.name, "side": r.area.side, "score": r.score}
            for r in detail.ratings
        ],
    }


def imported_words(added: int, file: str, already_there: int) -> str:
    """``"imported 2 sessions from FILE (3 already there)"``: each number chooses the plural
    of its own words."""
    said = ngettext(
        "imported {count} session from {file}",
        "imported {count} sessions from {file}",
        added,
    ).format(count=added, file=file)
    if not already_there:
        return said
    return ngettext(
        # Translators: {imported} is "imported 2 sessions from FILE"; this form is chosen
        # by {count}, the sessions the history had already (at least 1)
        "{imported} ({count} already there)",
        "{imported} ({count} already there)",
        already_there,
    ).format(imported=said, count=already_there)


def sessions_shown(shown: int, total: int) -> str:
    """Under ``psoas-timer history``: ``"5 sessions"`` when all are listed, else ``"the
    latest 2 of 5 sessions (--all for every one)"``, its form chosen by the number listed."""
    sessions = ngettext("{count} session", "{count} sessions", total).format(count=total)
    if shown >= total:
        return sessions
    return ngettext(
        # Translators: {total} is "5 sessions" (its own plural); this form is chosen by
        # {shown}, the number listed (at least 1): "the latest 1 of 5 sessions"
        "the latest {shown} of {total} (--all for every one)",
        "the latest {shown} of {total} (--all for every one)",
        shown,
    ).format(shown=shown, total=sessions)


def cmd_history(args: argparse.Namespace) -> int:
    from psoas_timer.history import HistoryError, format_seconds
    from psoas_timer.history.format import ending_word, step_counts

    store = _open_history()
    if store is None:
        return 1
    with store:
        if args.history_command == "export":
            try:
                exported = store.export(Path(args.output))
            except OSError as exc:
                said = _("psoas-timer: cannot write {file}: {error}")
                print(said.format(file=args.output, error=exc.strerror), file=sys.stderr)
                return 1
            said = ngettext(
                "wrote {count} session to {file}", "wrote {count} sessions to {file}", exported
            )
            print(said.format(count=exported, file=args.output))
            return 0
        if args.history_command == "import":
            try:
                result = store.import_file(Path(args.file))
            except HistoryError as exc:
                print(_("psoas-timer: {problem}").format(problem=exc), file=sys.stderr)
                print(_("Nothing was imported."), file=sys.stderr)
                return 1
            print(imported_words(result.added, args.file, result.already_there))
            return 0
        if args.history_command == "report":
            return _report(store, args)
        # A page: the work is bounded by what is shown, not by how old the history is.
        limit = None if args.all else args.limit
        sessions = store.sessions(since=args.since, until=args.until, limit=limit)
        total = len(sessions) if limit is None or len(sessions) < limit else None
        if args.json:
            details = [store.session(s.id) for s in sessions]
            print(json.dumps([_session_json(d) for d in details if d is not None], indent=2))
            return 0
        if not sessions:
            if args.since:
                since = format_date(args.since, "short")
                print(_("No sessions recorded since {date}.").format(date=since))
            else:
                print(_("No sessions recorded yet."))
            return 0
        width = max(len(s.routine.name) for s in sessions)
        for s in sessions:
            ending = ending_word(s.ending)
            steps = step_counts(s)
            print(
                f"{_started(s.started)}  {s.routine.name:<{width}}  "
                f"{format_seconds(s.active_seconds):>7}  {ending:<11}  {steps}"
            )
        streak = store.streak()
        if total is None:
            total = store.count(since=args.since, until=args.until)
        shown = sessions_shown(len(sessions), total)
        current = ngettext("{count} day", "{count} days", streak.current).format(
            count=streak.current
        )
        longest = ngettext("{count} day", "{count} days", streak.longest).format(
            count=streak.longest
        )
        goal = ngettext("{count} day", "{count} days", streak.goal).format(count=streak.goal)
        print()
        print(
            # Translators: after 'psoas-timer history': how many sessions, then the streak
            _(
                "{sessions}; current streak {current}, longest {longest} (goal: {goal} a week)"
            ).format(sessions=shown, current=current, longest=longest, goal=goal)
        )
        print(_("History file: {file}").format(file=store.path))
    return 0


def followed_programme() -> tuple[LoadedProgramme, date | None] | None:
    """The programme the user follows (loaded) and the day it was begun, or None (none
    followed, or it cannot be read: the report then leaves the programme out)."""
    from psoas_timer import paths
    from psoas_timer.practice.programmes import load_programmes
    from psoas_timer.practice.store import load_practice

    from .common import catalog

    data = load_practice(paths.user_data_dir())
    if data.programme is None:
        return None
    programmes = load_programmes(
        catalog(), [(paths.bundled_routines_dir(), True), (paths.user_routines_dir(), False)]
    )
    entry = programmes.find(data.programme)
    if entry is None or entry.programme is None:
        return None
    return entry.programme, data.programme_start


def _report(store: HistoryStore, args: argparse.Namespace) -> int:
    """``history report``: the PDF for the clinician."""
    import os

    from psoas_timer.history.report import build_report

    if args.since and args.until and args.since > args.until:
        print(_("psoas-timer: --since is after --until"), file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a PDF needs no display
    from PySide6.QtGui import QGuiApplication

    from psoas_timer.ui.progress.report_pdf import write_report_pdf

    _app = QGuiApplication.instance() or QGuiApplication(["psoas-timer"])
    followed = followed_programme()
    report = build_report(
        store,
        args.since,
        args.until,
        name=args.name or "",
        note=args.note or "",
        programme=followed[0] if followed else None,
        programme_start=followed[1] if followed else None,
    )
    try:
        pages = write_report_pdf(report, Path(args.output))
    except OSError as exc:
        said = _("psoas-timer: cannot write {file}: {error}")
        print(said.format(file=args.output, error=exc), file=sys.stderr)
        return 1
    wrote = ngettext("wrote {count} page to {file}", "wrote {count} pages to {file}", pages)
    sessions = ngettext(
        "{count} session from {since} to {until}",
        "{count} sessions from {since} to {until}",
        report.sessions,
    )
    print(
        _("{wrote}: {sessions}").format(
            wrote=wrote.format(count=pages, file=args.output),
            sessions=sessions.format(count=report.sessions, since=report.since, until=report.until),
        )
    )
    return 0


def _started(when: datetime) -> str:
    """When a session began, as the user's locale writes a date and a time (English:
    ``2026-03-04 18:05``, sorted as the list is)."""
    if language().split("_", 1)[0].split("@", 1)[0] == "en":
        return f"{when:%Y-%m-%d %H:%M}"
    return f"{format_date(when.date(), 'short')} {format_time(when)}"


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            _("not a whole number of 1 or more: {text}").format(text=repr(text))
        )
    return number


def _date(text: str) -> object:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date like 2026-03-29: {text}").format(text=repr(text))
        ) from None


def _add_period(parser: argparse.ArgumentParser, since: str, until: str) -> None:
    """``--since DATE`` and ``--until DATE``, each with its *since* and *until* help."""
    date = pgettext("command line value", "DATE")
    parser.add_argument("--since", type=_date, metavar=date, help=since)
    parser.add_argument("--until", type=_date, metavar=date, help=until)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``history``, with its actions ``export`` and ``import``."""
    p = sub.add_parser("history", help=_("list, export or import the sessions you have done"))
    p.add_argument(
        "--json",
        action="store_true",
        help=_("print JSON, with every step (the same in every language)"),
    )
    _add_period(p, _("only sessions from DATE on"), _("only sessions up to DATE"))
    # Translators: stands for a number the user types (`--limit N`); capitals, one word
    count = pgettext("command line value", "N")
    p.add_argument(
        "--limit",
        type=_positive,
        default=100,
        metavar=count,
        help=_("show the latest {n} sessions (100 unless given)").format(n=count),
    )
    p.add_argument("--all", action="store_true", help=_("show every session"))
    p.set_defaults(func=cmd_history, history_command=None)
    history = p.add_subparsers(
        dest="history_command", metavar=pgettext("command line value", "ACTION")
    )
    h = history.add_parser("export", help=_("write every session to a CSV or JSON Lines file"))
    h.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=pgettext("command line value", "FILE"),
        help=_("*.csv or *.jsonl"),
    )
    h = history.add_parser("import", help=_("merge a file exported on another computer"))
    h.add_argument(
        "file",
        metavar=pgettext("command line value", "FILE"),
        help=_("a *.csv or *.jsonl file written by 'psoas-timer history export'"),
    )
    h = history.add_parser("report", help=_("write a PDF report for your physiotherapist"))
    h.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=pgettext("command line value", "FILE"),
        help=_("the PDF to write"),
    )
    _add_period(h, _("from DATE (default: the first)"), _("up to DATE (default: today)"))
    h.add_argument(
        "--name", metavar=pgettext("command line value", "TEXT"), help=_("who the report is for")
    )
    h.add_argument(
        "--note",
        metavar=pgettext("command line value", "TEXT"),
        help=_("a note for the physiotherapist"),
    )
