"""How long sizing a routine takes, against building its plan, in the same run.

The loader sizes every routine it reads (:func:`~psoas_timer.core.plan.plan_size`, to refuse
one over the limits before anything is built) and the library shows each routine's total
(:func:`~psoas_timer.core.plan.plan_total`): both measure each piece a step makes once and
multiply it, so both should cost a small part of building the plan
(:func:`~psoas_timer.core.plan.compile_plan`). It uses the 40-step routines of
``catalog_load.py`` (half from the exercise library, half written out with breathing and
prompts), median of several rounds, interleaved::

    python benchmarks/plan_size.py [--routines 20] [--steps 40] [--rounds 7]

Goal: sizing within 0.25x of building (exit status 1 when missed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

GOAL = 0.25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--routines", type=int, default=20)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from catalog_load import write_library

    from psoas_timer.core.catalog import load_catalog
    from psoas_timer.core.model import Routine
    from psoas_timer.core.plan import compile_plan, plan_size, plan_total

    with tempfile.TemporaryDirectory(prefix="psoas-plan-size-") as tmp:
        user = Path(tmp) / "user"
        write_library(user, args.routines, args.steps)
        catalog = load_catalog(ROOT / "routines", user)
        routines = [e.routine for e in catalog.entries if e.routine is not None]
        routines = [r for r in routines if r.name.startswith("Generated")]

    def timed(work: Callable[[Routine], object]) -> float:
        start = time.perf_counter()
        for routine in routines:
            work(routine)
        return (time.perf_counter() - start) / len(routines)

    kinds: dict[str, Callable[[Routine], object]] = {
        "compile_plan (baseline)": compile_plan,
        "plan_size": plan_size,
        "plan_total": plan_total,
    }
    times: dict[str, list[float]] = {name: [] for name in kinds}
    for _ in range(args.rounds):
        for name, work in kinds.items():
            times[name].append(timed(work))
    base = statistics.median(times["compile_plan (baseline)"])
    print(f"{len(routines)} routines of {args.steps} steps, median of {args.rounds} rounds")
    print(f"{'':26}{'ms each':>9}{'x plan':>8}")
    missed = False
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        print(f"{name:26}{median * 1000:9.2f}{ratio:8.2f}")
        missed |= name != "compile_plan (baseline)" and ratio > GOAL
    print(f"goal: sizing within {GOAL}x of building the plan")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
