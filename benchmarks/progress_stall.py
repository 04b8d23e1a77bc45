"""How long the window's event loop stands still while the Progress page opens, with a long
history against a short one.

Each run is a fresh subprocess: the page (offscreen, 1280×800) is given the history as the
window gives it (opened for a worker thread, then used on the window's), shown, and then
opened (``refresh()``, what Progress in the toolbar does) three times, half a second apart;
then three times more, each time opened afresh on Overview and, once its figures are in, its
Charts tab chosen (the pain and release charts read each point's series).
A 5 ms timer on the window's thread records the longest gap between two of its ticks from
the moment the page is asked to open until its figures are on it, and half a second more:
the longest the window could not answer a click or repaint. Also printed: how long after
the ask the figures (sessions in all), or both charts, were on the page.

Baseline, in the same run and interleaved: the same page over ``--short`` years of history
(1). ``--compare TREE`` runs another checkout (a ``git worktree`` of an older commit) on the
same files in the same run, so a change is measured before and after at one moment::

    python benchmarks/progress_stall.py [--years 60] [--short 1] [--runs 3] [--compare DIR]

Goal (#22: nothing holds the window up more than a frame or two): the long history's
longest stall within 1.5x the short one's (that one is the page's own painting). Exit status
1 when missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.5

_CHILD = r"""
import inspect, json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from psoas_timer.history import HistoryStore
from psoas_timer.ui.progress.progress_view import ProgressView

app = QApplication(sys.argv[:1])
store = HistoryStore.open(Path(sys.argv[1]), shared=True)
# The window's way: the totals on a worker thread where this tree can (older trees cannot).
kwargs = {"background": True} if "background" in inspect.signature(ProgressView).parameters else {}
view = ProgressView(**kwargs)
view.resize(1280, 800)
view.show()
view.set_store(store)
SENTINEL = "(not yet)"
OPENS = 3
state = {"what": "page", "asked": None, "last": None, "gaps": [], "shown": None,
         "opens": {"page": [], "charts": []}}


def ready():  # the page's figures are on it, or (opening Charts) both charts are drawn
    if state["what"] == "page":
        return view.total.text() != SENTINEL
    charts = view.charts
    return (charts.pain_chart is not None and charts.pain_chart.chart is not None
            and charts.release_chart.chart is not None
            and not getattr(charts, "working", False))  # (older trees draw at once)


def tick():
    now = time.perf_counter()
    last, state["last"] = state["last"], now
    if state["asked"] is None:
        return
    state["gaps"].append(now - max(last, state["asked"]))
    if state["shown"] is None and ready():
        state["shown"] = now
    if state["shown"] is not None and now - state["shown"] > 0.5:
        opens = state["opens"][state["what"]]
        opens.append({"longest": max(state["gaps"]), "shown": state["shown"] - state["asked"]})
        state["asked"] = None
        if len(opens) < OPENS:
            QTimer.singleShot(500, ask if state["what"] == "page" else before_charts)
        elif state["what"] == "page":
            state["what"] = "charts"
            QTimer.singleShot(500, before_charts)
        else:
            print(json.dumps(state["opens"]), flush=True)
            app.quit()


def ask():
    view.total.setText(SENTINEL)
    state["gaps"], state["shown"] = [], None
    state["asked"] = time.perf_counter()
    QTimer.singleShot(0, lambda: view.refresh())


def before_charts():  # Progress opened afresh on Overview, its figures in (not timed)
    view.tabs.setCurrentWidget(view.overview)
    view.total.setText(SENTINEL)
    view.refresh()
    QTimer.singleShot(50, wait_figures)


def wait_figures():
    if view.total.text() == SENTINEL or getattr(view, "working", False):
        QTimer.singleShot(50, wait_figures)
    else:
        QTimer.singleShot(500, ask_charts)


def ask_charts():
    for chart in (view.charts.pain_chart, view.charts.release_chart):
        if chart is not None:
            chart.chart = None
    state["gaps"], state["shown"] = [], None
    state["asked"] = time.perf_counter()
    QTimer.singleShot(0, lambda: view.tabs.setCurrentWidget(view.charts))

timer = QTimer()
timer.setInterval(5)
timer.timeout.connect(tick)
timer.start()
QTimer.singleShot(500, ask)
QTimer.singleShot(240_000, app.quit)
app.exec()
"""


def _fill(path: Path, years: int) -> None:
    """benchmarks/startup.py's history: three sessions a day for *years*."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from startup import fill_history

    fill_history(path, years)


def _run(tree: Path, history: Path) -> dict[str, list[dict[str, float]]]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(history)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
        timeout=300,
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the page never reported (exit {out.returncode}): {out.stderr[-2000:]}")
    result: dict[str, list[dict[str, float]]] = json.loads(lines[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=60, help="the long history (60 years)")
    parser.add_argument("--short", type=int, default=1, help="the baseline's (1 year)")
    parser.add_argument("--runs", type=int, default=3, help="subprocesses of each kind (3)")
    parser.add_argument("--compare", type=Path, help="another checkout to run on the same files")
    parser.add_argument("--keep", type=Path, help="keep (or reuse) the history files here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="psoas-progress-") as tmp_name:
        folder = args.keep or Path(tmp_name)
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for years in (args.short, args.years):
            path = folder / f"history-{years}y.sqlite3"
            if not path.exists():
                began = time.perf_counter()
                _fill(path, years)
                print(f"made {years} years of history ({path.stat().st_size / 1e6:.0f} MB) "
                      f"in {time.perf_counter() - began:.0f} s")  # fmt: skip
            files[years] = path
        kinds = {f"{args.short} year(s), this tree": (ROOT, files[args.short]),
                 f"{args.years} years, this tree": (ROOT, files[args.years])}  # fmt: skip
        if args.compare is not None:
            kinds[f"{args.short} year(s), {args.compare}"] = (args.compare, files[args.short])
            kinds[f"{args.years} years, {args.compare}"] = (args.compare, files[args.years])
        found: dict[str, dict[str, list[dict[str, float]]]] = {
            name: {"page": [], "charts": []} for name in kinds
        }
        for _ in range(args.runs):  # interleaved: the machine's noise hits every kind alike
            for name, (tree, history) in kinds.items():
                for what, opens in _run(tree, history).items():
                    found[name][what] += opens
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs x 3 opens of each kind")
    ok = True
    for what, title in (("page", "opening Progress"), ("charts", "opening Progress → Charts")):
        print(f"{title}:")
        medians = {}
        for name, by_what in found.items():
            opens = by_what[what]
            medians[name] = longest = statistics.median(o["longest"] for o in opens) * 1000
            shown = statistics.median(o["shown"] for o in opens) * 1000
            print(
                f"  {name:<44} longest stall median {longest:6.1f} ms (opens: "
                + ", ".join(f"{o['longest'] * 1000:.0f}" for o in opens)
                + f"); drawn after {shown:5.0f} ms"
            )
        base = medians[f"{args.short} year(s), this tree"]
        big = medians[f"{args.years} years, this tree"]
        met = big <= GOAL_RATIO * base
        ok = ok and met
        print(f"  {args.years} years against {args.short}: {big / base:.2f}x, {big:.0f} ms "
              f"(goal: within {GOAL_RATIO}x): "
              + ("met" if met else "MISSED"))  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
