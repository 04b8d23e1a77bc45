"""Does the session engine drift? Run it on the real monotonic clock beside a naive timer.

Both walk the same plan at the same time, in two threads:

- the engine, polled by a loop that sleeps until the sooner of its tick and the engine's
  ``next_due()`` (what the GUI does), detects each segment end from the clock;
- a naive timer adds the tick length to a counter every time its loop wakes, the way
  tick-counting timers do, and calls a segment over when the counter passes its end.

For every segment end it records how far from the planned moment the end was detected.
Run:  python benchmarks/engine_drift.py [--seconds 120] [--tick 0.05]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from psoas_timer.core.engine import Session, State
from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import Plan, compile_plan


def make_plan(seconds: float) -> Plan:
    rounds = max(1, round(seconds / 4.8))
    text = f"""
name: Drift test
defaults: {{prepare: 0.7, rest: 0.9, countdown: 0}}
steps:
  - repeat: {min(rounds, 100)}
    steps:
      - {{name: A, hold: 1.3}}
      - {{name: B, hold: 2.1, sides: right}}
      - {{name: C, kind: rest, duration: 0.5}}
"""
    return compile_plan(load_routine_text(text, "drift.yaml"))


def run_engine(plan: Plan, t0: float, tick: float, out: list[float]) -> None:
    session = Session(plan, time.monotonic)
    while time.monotonic() < t0:
        pass
    session.start()
    index = 0
    while session.state is State.RUNNING:
        due = session.next_due()
        wait = tick if due is None else min(tick, max(0.0, due - time.monotonic()))
        time.sleep(wait)
        session.poll()
        if session.index != index or session.state is not State.RUNNING:
            now = time.monotonic()
            for seg in plan.segments[
                index : session.index if session.state is State.RUNNING else None
            ]:
                out.append(now - (t0 + seg.end))
            index = session.index


def run_naive(plan: Plan, t0: float, tick: float, out: list[float]) -> None:
    while time.monotonic() < t0:
        pass
    counted = 0.0
    for seg in plan.segments:
        while counted < seg.end - 1e-9:
            time.sleep(tick)
            counted += tick
        out.append(time.monotonic() - (t0 + seg.end))


def describe(name: str, errors: list[float]) -> str:
    ms = [abs(e) * 1000 for e in errors]
    quarter = max(1, len(ms) // 4)
    return (
        f"{name:<22} segments {len(ms):4d}  max {max(ms):8.2f} ms  median {statistics.median(ms):7.2f} ms"
        f"  first quarter mean {statistics.fmean(ms[:quarter]):7.2f} ms  last quarter mean {statistics.fmean(ms[-quarter:]):7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=120.0, help="session length (default 120)")
    parser.add_argument(
        "--tick", type=float, default=0.05, help="poll interval in seconds (default 0.05)"
    )
    args = parser.parse_args()
    plan = make_plan(args.seconds)
    print(
        f"plan: {len(plan.segments)} segments, {plan.total:.1f} s, tick {args.tick * 1000:.0f} ms"
    )
    engine: list[float] = []
    naive: list[float] = []
    t0 = time.monotonic() + 0.2
    threads = [
        threading.Thread(target=run_engine, args=(plan, t0, args.tick, engine)),
        threading.Thread(target=run_naive, args=(plan, t0, args.tick, naive)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(describe("engine (clock)", engine))
    print(describe("naive (tick counting)", naive))
    print(
        f"final segment end error: engine {engine[-1] * 1000:+.2f} ms, naive {naive[-1] * 1000:+.2f} ms"
    )
    ratio = max(abs(e) for e in naive) / max(1e-9, max(abs(e) for e in engine))
    print(f"worst-case error ratio naive/engine: {ratio:.1f}x")


if __name__ == "__main__":
    main()
