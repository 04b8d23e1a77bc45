"""``psoas-timer today [--json] [--programme NAME]``: today's session of the programme the
user follows (or of ``--programme``, as if started today)."""

from __future__ import annotations

import argparse
import json
import sys

from psoas_timer.i18n import _, pgettext

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
            said = _("psoas-timer: no programme named {name}").format(name=repr(args.programme))
            print(said, file=sys.stderr)
            print(_("known programmes: {names}").format(names=names), file=sys.stderr)
            return 1
        if entry.key != data.programme:
            data.programme, data.programme_start = entry.key, None
    elif data.programme is None and args.json:  # an answer, not a failure: none followed
        keys = sorted(e.key for e in programmes.entries)
        print(json.dumps({"date": date.today().isoformat(), "programme": None, "programmes": keys}))
        return 0
    elif data.programme is None:
        print(
            _(
                "No programme followed yet: choose one in Reminders (in the app), or try "
                "'psoas-timer today --programme NAME'."
            ),
            file=sys.stderr,
        )
        names = ", ".join(sorted(e.key for e in programmes.entries))
        print(_("programmes: {names}").format(names=names), file=sys.stderr)
        return 1
    entry = programmes.find(data.programme or "")
    if entry is None or entry.programme is None:
        said = _("psoas-timer: the programme {name} cannot be used:")
        print(said.format(name=repr(data.programme)), file=sys.stderr)
        print_problems(entry.problems if entry else [])
        return 1
    done = None
    try:
        from psoas_timer.history import HistoryError, HistoryStore
        from psoas_timer.practice.history_log import HistoryDoneLog

        store = HistoryStore.open(paths.history_file())
        done = HistoryDoneLog(store)
    except HistoryError as exc:  # a week counted by sessions then counts none
        said = _("psoas-timer: the history cannot be read ({problem})").format(problem=exc)
        print(said, file=sys.stderr)
    today = programmes.today(data, date.today(), done)
    if done is not None:
        done.store.close()
    assert today is not None
    if args.json:
        print(json.dumps({"date": date.today().isoformat(), **today.to_json()}, indent=2))
    else:
        print(_("Today: {session}").format(session=today.label()))
        for line in today.since_last_week:
            print("  " + _("since last week: {change}").format(change=line))
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("today", help=_("print today's session of your programme"))
    p.add_argument("--json", action="store_true", help=_("print JSON (the same in every language)"))
    p.add_argument(
        "--programme",
        metavar=pgettext("command line value", "NAME"),
        help=_("a programme to show (as if started today)"),
    )
    p.set_defaults(func=cmd_today)
