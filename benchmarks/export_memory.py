"""How much memory does ``export-audio`` take? Peak RSS for sessions of growing length.

Each export runs in a fresh process, and so does a baseline that only imports the export
module and builds the same plan: the difference is what the mixing and writing cost. The
export streams the file in chunks, so the peak should not grow with the session's length
(it grew by about 240 MB per hour when the whole session was mixed in memory).

Run:  python benchmarks/export_memory.py [--hours 1 24] [--keep]

A 24-hour session is a 2.6 GiB file in a temporary folder (removed afterwards unless
``--keep``); it takes about a minute.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: A hold of *hours*, paced by calm breathing (a breath sound every few seconds) with a
#: prompt every 5 minutes: a long session with sound all through it.
ROUTINE = """\
name: Long hold
defaults: {{prepare: 0, breathing: calm}}
steps:
  - name: Long hold
    kind: stretch
    hold: {hours}h
    prompts: [{{every: 5m, say: Keep breathing}}]
"""

CHILD = """\
import sys, resource, time
from pathlib import Path
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import compile_plan
from psoas_timer.audio.export import export_session
plan = compile_plan(load_routine_text(Path(sys.argv[1]).read_text(), sys.argv[1]))
started = time.perf_counter()
if sys.argv[2] != "-":
    export_session(plan, Path(sys.argv[2]))
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{peak:.1f} {elapsed:.2f} {plan.total:.0f}")
"""


def run(routine: Path, out: str) -> tuple[float, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(routine), out],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    peak, elapsed, total = (float(x) for x in done.stdout.split())
    return peak, elapsed, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, nargs="+", default=[1.0, 24.0])
    parser.add_argument("--keep", action="store_true", help="keep the WAV files")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="psoas-export-bench-"))
    print(
        f"{'session':>10} {'peak RSS':>10} {'baseline':>10} {'extra':>9} {'file':>10} {'time':>8}"
    )
    try:
        for hours in args.hours:
            routine = folder / f"hold-{hours:g}h.yaml"
            routine.write_text(ROUTINE.format(hours=f"{hours:g}"), encoding="utf-8")
            base, _, _ = run(routine, "-")
            out = folder / f"hold-{hours:g}h.wav"
            started = time.perf_counter()
            peak, elapsed, total = run(routine, str(out))
            wall = time.perf_counter() - started
            size = out.stat().st_size / 2**20
            print(
                f"{total / 3600:>9.2f}h {peak:>8.1f}MB {base:>8.1f}MB {peak - base:>7.1f}MB "
                f"{size:>8.0f}MB {elapsed:>7.1f}s"
            )
            del wall
            if not args.keep:
                out.unlink()
    finally:
        if not args.keep:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest child peak: {children:.1f} MB (goal: under 100 MB for any length)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
