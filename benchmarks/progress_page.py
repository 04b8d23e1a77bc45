"""How fast the Progress page draws with ten years of history, against an empty history.

The history is filled as in ``benchmarks/history.py`` (three sessions a day for ten years:
about 11,000 sessions, 300,000 step rows, 15,000 releases, 20,000 ratings). Then, on the
real page (offscreen, 1280×800), each measured as the median of several runs, wall and
CPU time, in the same run as the baseline (the same page over an empty history):

- the page's queries alone, without widgets (the history's share of the time);
- opening the page: ``refresh()`` (the one progress() call, the calendar, each routine's
  figures, the first 100 sessions and the newest one's detail) and painting it whole;
- the Charts tab: a pain chart and a release-time chart over ten years, painted;
- selecting another session (its detail read and shown);
- "Show more" (the next 100 sessions).

Goal: the page opens in under 150 ms. Exit status 1 when it does not. Run::

    QT_QPA_PLATFORM=offscreen python benchmarks/progress_page.py [--years 10] [--repeat 15]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from psoas_timer.history import HistoryStore
from psoas_timer.ui.progress.progress_view import ProgressView

GOAL_MS = 150.0


def _fill() -> Callable[[HistoryStore, int, random.Random], dict[str, int]]:
    """benchmarks/history.py's fill(), so both benchmarks measure the same history."""
    spec = importlib.util.spec_from_file_location(
        "history_benchmark", Path(__file__).with_name("history.py")
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fill: Callable[[HistoryStore, int, random.Random], dict[str, int]] = module.fill
    return fill


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of *repeat* runs (the first run is not counted)."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def measures(view: ProgressView, app: QApplication) -> dict[str, Callable[[], object]]:
    def open_page() -> None:
        view.tabs.setCurrentIndex(0)
        view.refresh()
        view.grab()

    def charts() -> None:
        view.tabs.setCurrentIndex(0)
        view.charts.dirty = True
        view.tabs.setCurrentWidget(view.charts)
        view.grab()

    def select() -> None:
        count = view.sessions.session_list.topLevelItemCount()
        item = view.sessions.session_list.topLevelItem(random.randrange(count)) if count else None
        if item is not None:
            view.sessions.session_list.setCurrentItem(item)
        app.processEvents()

    def more() -> None:
        view.refresh()
        view.sessions.list_more()

    def queries() -> None:
        store = view.store
        assert store is not None
        store.progress(days=183)
        newest = store.sessions(limit=100)
        if newest:
            store.session(newest[0].id)

    return {
        "the page's queries alone (no widgets)": queries,
        "open the page (read and paint it whole)": open_page,
        "the Charts tab (two charts, painted)": charts,
        "select a session (its detail)": select,
        "refresh, then Show more (next 100)": more,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    fill = _fill()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, years in (("empty", 0), (f"{args.years} years", args.years)):
            store = HistoryStore.open(Path(folder) / f"{years}.sqlite3")
            if years:
                t = time.perf_counter()
                counts = fill(store, years, random.Random(11))
                print(f"Filled {years} years in {time.perf_counter() - t:.1f} s: "
                      + ", ".join(f"{n:,} {k}" for k, n in counts.items()))  # fmt: skip
            view = ProgressView()
            view.resize(1280, 800)
            view.show()
            view.set_store(store)
            view.refresh()
            app.processEvents()
            results[label] = {
                name: timed(fn, args.repeat) for name, fn in measures(view, app).items()
            }
            view.close()
            view.deleteLater()
            app.processEvents()
            store.close()
    empty, full = results["empty"], results[f"{args.years} years"]
    print(f"\nMedian ms, wall / CPU ({args.repeat} runs each); ratio of wall times")
    print(f"  {'':44} {'empty':>15} {f'{args.years} years':>15}  ratio")
    for name in full:
        (ew, ec), (fw, fc) = empty[name], full[name]
        print(f"  {name:44} {ew:7.1f} / {ec:5.1f} {fw:7.1f} / {fc:5.1f}  {fw / ew:5.2f}x")
    opened = full["open the page (read and paint it whole)"][0]
    alone = full["the page's queries alone (no widgets)"][0]
    print(f"\nWith {args.years} years, the widgets add {opened - alone:.0f} ms to the queries' "
          f"{alone:.0f} ms ({opened / alone:.2f}x).")  # fmt: skip
    ok = opened < GOAL_MS
    print(f"\nOpening the page: {opened:.0f} ms against a goal of {GOAL_MS:.0f} ms: "
          + ("met" if ok else "MISSED"))  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
