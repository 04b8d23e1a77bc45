"""How long the clinician's report takes over ten years of daily history, and how big the PDF
is, against a report over the last eight weeks of the same history (measured in the same
run).

The history is filled as in ``benchmarks/history.py`` (three sessions a day for ten years:
about 11,000 sessions, 300,000 step rows, 15,000 releases, 20,000 ratings), plus a weekly
check-in for each of the 520 weeks. Each figure is the median of several runs, wall and CPU
time: the report's data (:func:`build_report`), drawing it to a PDF, and both.

Goal: the whole report in under 2 s and the file under 2 MB. Exit status 1 when not. The
time checked is the CPU time (the work itself): on a machine shared with other work the wall
time also waits for a core, and both are printed. Run::

    QT_QPA_PLATFORM=offscreen python benchmarks/report.py [--years 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from psoas_timer.history import ActivityScore, HistoryStore
from psoas_timer.history.report import build_report
from psoas_timer.ui.progress.report_pdf import write_report_pdf

GOAL_S = 2.0
GOAL_MB = 2.0


def _fill() -> Callable[[HistoryStore, int, random.Random], dict[str, int]]:
    """benchmarks/history.py's fill(), so the benchmarks measure the same history."""
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
    """Median wall and CPU seconds of *repeat* runs (after one run not counted)."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _app = QGuiApplication([])
    rng = random.Random(11)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        store = HistoryStore.open(Path(folder) / "history.sqlite3")
        counts = _fill()(store, args.years, rng)
        today = date.today()
        for week in range(52 * args.years):
            day = today - timedelta(days=7 * week)
            store.add_checkin(
                [ActivityScore("Sitting for an hour", rng.randrange(11)),
                 ActivityScore("Putting on socks", rng.randrange(11))],
                rng.randrange(-3, 4),
                taken=datetime.combine(day, clock_time(20)).astimezone(),
            )  # fmt: skip
        print(f"History: {args.years} years, " + ", ".join(f"{n:,} {k}" for k, n in counts.items()))
        pdf = Path(folder) / "report.pdf"
        results: dict[str, tuple[float, float, float, int]] = {}
        for label, since in (
            ("eight weeks (baseline)", today - timedelta(weeks=8)),
            (f"{args.years} years", None),
        ):
            data = timed(lambda since=since: build_report(store, since, today), args.repeat)
            report = build_report(store, since, today)
            draw = timed(lambda report=report: write_report_pdf(report, pdf), args.repeat)
            whole = timed(
                lambda since=since: write_report_pdf(build_report(store, since, today), pdf),
                args.repeat,
            )
            pages = write_report_pdf(report, pdf)
            results[label] = (whole[0], whole[1], pdf.stat().st_size, pages)
            print(
                f"{label:>24}: data {data[0]:.3f} s (cpu {data[1]:.3f}), PDF {draw[0]:.3f} s "
                f"(cpu {draw[1]:.3f}), whole {whole[0]:.3f} s (cpu {whole[1]:.3f}); "
                f"{pages} pages, {pdf.stat().st_size / 1e6:.3f} MB"
            )
        store.close()
    (base, base_cpu, base_size, _), (whole, cpu, size, _) = results.values()
    print(
        f"{args.years} years against eight weeks: {whole / base:.1f}× the wall time, "
        f"{cpu / base_cpu:.1f}× the CPU time, {size / base_size:.1f}× the size"
    )
    if cpu > GOAL_S:
        print(f"FAIL: the whole report took {cpu:.2f} s of CPU (goal {GOAL_S} s)")
        ok = False
    if size > GOAL_MB * 1e6:
        print(f"FAIL: the PDF is {size / 1e6:.2f} MB (goal {GOAL_MB} MB)")
        ok = False
    print("OK: within the goals" if ok else "")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
