"""``psoas-timer today [--json] [--programme NAME]``: today's session of the programme the
user follows (or of ``--programme``, as if started today)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import catalog, print_problems

__all__ = ["add_parser", "cmd_today"]


def cmd_today(args: argparse.Namespace) -> int:
    """Today's session of the programme the user follows (or of ``--programme``, as if
    started today)."""
    from datetime import date

    from psoas_timer import paths
    from psoas_timer.practice.programmes import load_programmes
    from psoas_timer.practice.store import load_practice

    programmes = load_programmes(
        catalog(),
        [(paths.bundled_routines_dir(), True), (paths.user_routines_dir(), False)],
    )
    data = load_practice(paths.user_data_dir())
    if args.programme:
        entry = programmes.find(args.programme)
        if entry is None:
            names = ", ".join(sorted(e.key for e in programmes.entries))
            print(f"psoas-timer: no programme named {args.programme!r}", file=sys.stderr)
            print(f"known programmes: {names}", file=sys.stderr)
            return 1
        if entry.key != data.programme:
            data.programme, data.programme_start = entry.key, None
    elif data.programme is None and args.json:  # an answer, not a failure: none followed
        keys = sorted(e.key for e in programmes.entries)
        print(json.dumps({"date": date.today().isoformat(), "programme": None, "programmes": keys}))
        return 0
    elif data.programme is None:
        print(
            "No programme followed yet: choose one in Reminders (in the app), or try "
            "'psoas-timer today --programme NAME'.",
            file=sys.stderr,
        )
        print(
            "programmes: " + ", ".join(sorted(e.key for e in programmes.entries)),
            file=sys.stderr,
        )
        return 1
    entry = programmes.find(data.programme or "")
    if entry is None or entry.programme is None:
        print(f"psoas-timer: the programme {data.programme!r} cannot be used:", file=sys.stderr)
        print_problems(entry.problems if entry else [])
        return 1
    done = None
    try:
        from psoas_timer.history import HistoryError, HistoryStore
        from psoas_timer.practice.history_log import HistoryDoneLog

        store = HistoryStore.open(paths.history_file())
        done = HistoryDoneLog(store)
    except HistoryError as exc:  # a week counted by sessions then counts none
        print(f"psoas-timer: the history cannot be read ({exc})", file=sys.stderr)
    today = programmes.today(data, date.today(), done)
    if done is not None:
        done.store.close()
    assert today is not None
    if args.json:
        print(json.dumps({"date": date.today().isoformat(), **today.to_json()}, indent=2))
    else:
        print(f"Today: {today.label()}")
        for line in today.since_last_week:
            print(f"  since last week: {line}")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("today", help="print today's session of your programme")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--programme", metavar="NAME", help="a programme to show (as if started today)")
    p.set_defaults(func=cmd_today)
