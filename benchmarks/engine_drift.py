"""Does the session engine drift? Run it on the real monotonic clock beside a naive timer.

Both walk the same plan at the same time, in two threads:

- the engine, polled by a loop that sleeps until the sooner of its tick and the engine's
  ``next_due()`` (what the GUI does), detects each segment end from the clock;
- a naive timer adds the tick length to a counter every time its loop wakes, the way
  tick-counting timers do, and calls a segment over when the counter passes its end.

For every segment end it records how far from the planned moment the end was detected.

Then it measures what one tick of the window costs (``poll()``, ``snapshot()`` and
``next_due()``, as the session controller calls them) on plans of 2,000, 10,000 and 50,000
segments, on a fake clock stepped evenly through each session, and prints the cost per tick
beside its ratio to the smallest plan's: a cost independent of plan size gives ratios near 1.

Run:  python benchmarks/engine_drift.py [--seconds 120] [--tick 0.05] [--sizes 2000,10000,50000]
      python benchmarks/engine_drift.py --poll-only     (only the cost per tick)
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import threading
import time

from psoas_timer.core.clock import FakeClock
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


def big_plan(segments: int) -> Plan:
    """A plan of exactly *segments* segments: copies of a real routine's plan, one after the
    other (a routine may not make more than 20,000 segments, the engine may run any plan)."""
    text = """
name: Poll cost
defaults: {prepare: 5, rest: 3, breathing: calm}
steps:
  - repeat: 50
    steps:
      - {name: Hold, hold: 40, milestones: [10, 20], sides: both}
      - {name: Bridge, reps: 6, tempo: 2, hold: 5, rest_between_reps: 1}
      - {name: Release, kind: release, open: {target: 30, max: 45}}
"""
    base = compile_plan(load_routine_text(text, "poll.yaml"))
    steps: list = []
    found: list = []
    copy = 0
    while len(found) < segments:
        shift, step_shift = copy * base.total, copy * len(base.steps)
        steps += [dataclasses.replace(run, index=run.index + step_shift) for run in base.steps]
        for seg in base.segments:
            if len(found) == segments:
                break
            found.append(
                dataclasses.replace(
                    seg, index=len(found), start=seg.start + shift, step=seg.step + step_shift
                )
            )
        copy += 1
    return Plan(base.name, tuple(steps), tuple(found))


def tick_cost(plan: Plan, ticks: int, tick: float = 0.1) -> float:
    """Mean CPU seconds per window tick (poll, snapshot, next_due, every *tick* seconds of
    the session), over *ticks* ticks from each of three places: early, halfway and late on."""
    spent = 0.0
    for where in (0.1, 0.5, 0.9):
        clock = FakeClock(0.0)
        session = Session(plan, clock, wake_gap=1e12)
        session.start()
        index = int(len(plan.segments) * where)
        clock.now = plan.segments[index].start
        session._enter(index, clock.now)  # straight there: walking there is not what is timed
        started = time.process_time()  # CPU time: other programs on the machine do not count
        for _ in range(ticks):
            clock.advance(tick)
            session.poll()
            session.snapshot()
            session.next_due()
        spent += time.process_time() - started
    return spent / (3 * ticks)


def poll_cost(sizes: list[int], ticks: int) -> None:
    print(
        f"cost of one window tick (poll + snapshot + next_due every 0.1 s of a session), "
        f"3 x {ticks:,} ticks per plan:"
    )
    print(f"{'segments':>10}  {'CPU per tick':>12}  {'ratio':>7}")
    baseline = None
    for size in sizes:
        plan = big_plan(size)
        cost = min(tick_cost(plan, ticks) for _ in range(3))  # the quietest of three runs
        baseline = baseline or cost
        print(f"{len(plan.segments):>10,}  {cost * 1e6:>9.1f} us  {cost / baseline:>6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=120.0, help="session length (default 120)")
    parser.add_argument(
        "--tick", type=float, default=0.05, help="poll interval in seconds (default 0.05)"
    )
    parser.add_argument(
        "--sizes",
        default="2000,10000,50000",
        help="plan sizes in segments for the cost per tick (default 2000,10000,50000)",
    )
    parser.add_argument(
        "--ticks", type=int, default=2000, help="ticks per place in a plan (default 2000)"
    )
    parser.add_argument(
        "--poll-only", action="store_true", help="measure only the cost per tick, not drift"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.poll_only:
        poll_cost(sizes, args.ticks)
        return
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
    print()
    poll_cost(sizes, args.ticks)


if __name__ == "__main__":
    main()
