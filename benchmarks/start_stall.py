"""How long the window's event loop stands still while it starts with a big history.

Each run starts the real app (``psoas-timer``, as the desktop entry does) in a fresh
subprocess, with a 5 ms timer on the window's thread. The longest gap between two of its
ticks is the longest the window could not answer (a click, a repaint), counted from the
moment the routines are listed (``routines_listed``; the window's own loading before that is
``benchmarks/startup.py``'s, and the history opens right after the list is painted) until the
history is open and three seconds more (the routine page's line, the offer to carry on,
the Today line and the reminders all read the history then).

Baseline, in the same run and interleaved: the same app with an empty history. The figure
is the ratio of the longest stall with ``--years`` of daily sessions to the baseline's (1.0:
a big history costs the window nothing). ``--compare TREE`` runs another checkout of the
app (a ``git worktree`` of an older commit) on the same big history in the same run, so a
change is measured before and after on one machine at one moment::

    python benchmarks/start_stall.py [--years 60] [--runs 3] [--compare /tmp/before]

Goal (#22 item 18): the longest stall with the big history within 1.5x the empty one's.
Exit status 1 when missed. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.5


def _fill_history(path: Path, years: int) -> None:
    """The same years of sessions as benchmarks/startup.py writes (one filler for both)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from startup import fill_history

    fill_history(path, years)


_CHILD = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
state = {"last": None, "gaps": [], "shown": None, "ready": None, "opened": None}

def window():
    for w in app.topLevelWidgets():
        if type(w).__name__ == "MainWindow":
            return w
    return None

def listed():
    if state["ready"] is None:
        state["ready"] = time.perf_counter()

def tick():
    now = time.perf_counter()
    start, state["last"] = state["last"], now
    w = window()
    if w is not None and not state.get("watching"):
        state["watching"] = True
        w.routines_listed.connect(listed)  # the list comes later...
        if w.loaded and hasattr(w, "library") and w.library.entries():
            listed()  # ...or came already, while the window loaded
    if state["ready"] is not None:
        state["gaps"].append(now - max(start, state["ready"]))  # only after the list is up
    if state["ready"] is not None and state["opened"] is None and w is not None \
            and w.loaded and not w.history.waiting:
        state["opened"] = now
        QTimer.singleShot(3000, finish)

def finish():
    gaps = sorted(state["gaps"], reverse=True)
    print(json.dumps({
        "longest": gaps[0] if gaps else 0.0,
        "top": gaps[:5],
        "opened": (state["opened"] or time.perf_counter()) - state["shown"],
        "ready": (state["ready"] or time.perf_counter()) - state["shown"],
    }), flush=True)
    app.quit()

timer = QTimer()
timer.setInterval(5)
timer.timeout.connect(tick)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if state["shown"] is None and event.type() == QEvent.Type.Paint:
            state["shown"] = state["last"] = time.perf_counter()
            timer.start()
            QTimer.singleShot(60_000, finish)  # never wait for ever
        return False

watch = FirstPaint()
app.installEventFilter(watch)
from psoas_timer.cli import main
main([])
"""


def _env(home: Path, tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(
        PSOAS_TIMER_DATA_DIR=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PSOAS_TIMER_INSTANCE=str(home / "instance"),
        PYTHONPATH=str(tree),
        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/psoas-timer-bench",
    )
    return env


def _start(home: Path, tree: Path, history: Path | None) -> dict[str, float]:
    if home.exists():
        shutil.rmtree(home)
    (home / "data").mkdir(parents=True)
    if history is not None:
        shutil.copyfile(history, home / "data" / "history.sqlite3")
    out = subprocess.run(
        [sys.executable, "-c", _CHILD],
        capture_output=True,
        text=True,
        env=_env(home, tree),
        cwd=tree,
        timeout=180,
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the app never reported (exit {out.returncode}): {out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(lines[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=60, help="years of daily sessions (60)")
    parser.add_argument("--runs", type=int, default=3, help="starts of each kind (3)")
    parser.add_argument("--compare", type=Path, help="another checkout to run on the same data")
    parser.add_argument("--history", type=Path, help="use this history file (made otherwise)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="psoas-stall-") as tmp_name:
        tmp = Path(tmp_name)
        big = args.history
        if big is None:
            big = tmp / "history.sqlite3"
            began = time.perf_counter()
            _fill_history(big, args.years)
            print(
                f"made {args.years} years of history: {big.stat().st_size / 1e6:.0f} MB "
                f"in {time.perf_counter() - began:.0f} s"
            )
        kinds: dict[str, tuple[Path, Path | None]] = {
            "empty history (baseline)": (ROOT, None),
            f"{args.years} years, this tree": (ROOT, big),
        }
        if args.compare is not None:
            kinds[f"{args.years} years, {args.compare}"] = (args.compare, big)
        found: dict[str, list[dict[str, float]]] = {name: [] for name in kinds}
        for _ in range(args.runs):  # interleaved: machine noise hits every kind alike
            for name, (tree, history) in kinds.items():
                found[name].append(_start(tmp / "home", tree, history))
    base = statistics.median(r["longest"] for r in found["empty history (baseline)"])
    missed = False
    for name, results in found.items():
        longest = statistics.median(r["longest"] for r in results)
        opened = statistics.median(r["opened"] for r in results)
        ratio = longest / base if base > 0 else float("inf")
        print(
            f"{name:<40} longest stall median {longest * 1000:7.1f} ms "
            f"({ratio:5.2f}x the baseline; runs: "
            + ", ".join(f"{r['longest'] * 1000:.0f}" for r in results)
            + f" ms); history open {opened * 1000:6.0f} ms after the first paint"
        )
        if name == f"{args.years} years, this tree" and ratio > GOAL:
            missed = True
    print(f"goal: the big history's longest stall within {GOAL}x the baseline's")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
