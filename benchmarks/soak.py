"""Soak: memory and CPU of the real window running sessions for hours, beside a bare window.

Each phase runs two child processes side by side, so machine noise hits both: the real
window (:func:`psoas_timer.ui.shell.app.services`, with sound) and a bare PySide6
``QMainWindow``. Every few seconds each child reports its resident memory (RSS) and the CPU
time it has used. The app child runs the bundled routines one after another, for ever,
releasing open holds at their target as a user would.

Phases:

- ``starts``: session starts in a row (each stopped a moment after it begins, so only what a
  start costs remains): memory per start after the first few;
- ``soak``: sessions on an accelerated clock (``--speed`` session seconds per real second):
  memory growth per hour of sessions after the warm-up (what grows with cues, steps and
  sessions);
- ``cpu``: sessions on the real clock, after a quick start of every routine (so that what a
  routine loads once is loaded): mean CPU as a share of one core, and memory growth per real
  hour (what grows with time: polls, repaints, the breathing animation).

Sound goes to a private PulseAudio with a null sink when ``pulseaudio`` and ``pactl`` can be
started (nothing is heard, every cue is played); otherwise the app runs silent, and the
report says so. On a machine without a sound server, install them first (Debian:
``apt-get install pulseaudio pulseaudio-utils``); the benchmark starts its own daemon with a
null sink in a temporary folder (its ``HOME`` and ``XDG_RUNTIME_DIR``, so it runs as root
too), points the children at it with ``PULSE_SERVER`` and stops it at the end: no desktop
session, and no system-wide PulseAudio, is needed. The soak the issue asks for, an hour of
sessions with sound::

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py --only cpu --cpu-minutes 60

Goals: under 1 MB per hour after warm-up (memory less the figure's drawn frames, a cache
bounded by the figure view, see :func:`_growth`; the raw RSS slope is printed beside it),
under 5% of a core (with sound).
Exit status 1 when a goal is missed. Runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise::

    python benchmarks/soak.py [--starts 150] [--minutes 8] [--speed 60] [--cpu-minutes 2]
                              [--only starts,soak,cpu] [--silent] [--trace] [--before DIR]

``--trace`` prints where Python memory grew in the app child (tracemalloc; slower).
``--before DIR`` runs a third child in the cpu phase, the app from another checkout (say a
``git worktree`` of the commit before a change, its translations built), so a change is
measured against the code before it under the same load.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent

SAMPLE_S = 2.0
MB = 1024 * 1024


# -- the children --------------------------------------------------------------------------


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _heap() -> dict[str, int]:
    """glibc's view of the C heap (mallinfo2): in use, free but kept, and mapped apart."""
    try:
        import ctypes

        class Info(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in (
                "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                "uordblks", "fordblks", "keepcost")]  # fmt: skip

        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = Info
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    return {"heap_used": info.uordblks, "heap_free": info.fordblks, "mapped": info.hblkhd}


def _child(kind: str, phase: str, seconds: float, speed: float, trace: bool) -> None:
    """Run one child: print a JSON sample every SAMPLE_S seconds, then a final line."""
    import tracemalloc

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    if trace:
        tracemalloc.start(12)
    app = QApplication(sys.argv[:1])
    real_start = time.monotonic()
    state: dict[str, Any] = {"starts": 0, "session_s": 0.0}
    keep: list[object] = []

    if kind == "bare":
        window = QMainWindow()
        window.resize(1200, 800)
        window.show()
        keep.append(window)
    else:
        _app_child(app, phase, speed, state, keep)

    first_snapshot: list[Any] = []

    def sample() -> None:
        now = time.monotonic() - real_start
        line = {
            "t": round(now, 3),
            "rss": _rss(),
            "cpu": time.process_time(),
            "starts": state["starts"],
            "session_s": state["session_s"],
            "resumed": state.get("resumed", 0),
            **_heap(),
            **(state["probe"]() if "probe" in state else {}),
        }
        print(json.dumps(line), flush=True)
        if trace and now > seconds * 0.25 and not first_snapshot:
            first_snapshot.append(tracemalloc.take_snapshot())
        if now >= seconds:
            if trace and first_snapshot:
                stats = tracemalloc.take_snapshot().compare_to(first_snapshot[0], "traceback")
                for stat in stats[:12]:
                    print(f"# {stat.size_diff / 1024:+.1f} KiB in {stat.count_diff:+d} blocks")
                    for frame in stat.traceback.format()[-8:]:
                        print(f"#   {frame}")
            for finish in state.get("finish", []):
                finish()  # a running session would ask before the window closes
            app.quit()

    timer = QTimer()
    timer.timeout.connect(sample)
    timer.start(int(SAMPLE_S * 1000))
    keep.append(timer)
    if os.environ.get("SOAK_PROFILE") and kind == "app":
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(app.exec)
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(30)
        for text in out.getvalue().splitlines():
            print(f"# {text}")  # the parent reads every other line as a sample
    else:
        app.exec()


def _app_child(
    app: Any, phase: str, speed: float, state: dict[str, Any], keep: list[object]
) -> None:
    import dataclasses

    from PySide6.QtCore import QSettings, QTimer

    from psoas_timer.core.clock import monotonic
    from psoas_timer.ui.shell import app as shell
    from psoas_timer.ui.shell.main_window import MainWindow
    from psoas_timer.ui.shell.settings import Preferences

    shell._application()
    store = QSettings(str(Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "settings.ini"),
                      QSettings.Format.IniFormat)  # fmt: skip
    prefs = Preferences(store)
    prefs.safety_seen = True
    prefs.safety_release_dismissed = True
    prefs.ask_ratings = False  # nobody is there to rate how it feels before and after
    origin = monotonic()

    def clock() -> float:
        return origin + (monotonic() - origin) * speed

    given = dataclasses.replace(shell.services(prefs), clock=clock, background=False)
    window = MainWindow(prefs, given)
    window.resize(1200, 800)
    window.show()
    given.audio.prepare()
    assert window.catalog is not None
    from psoas_timer.core.model import Choice

    # A routine that asks "which?" (heat or ice) before it starts would wait for an answer
    # nobody gives: the soak stalled there, idle, and measured nothing.
    routines = [
        e
        for e in window.catalog.entries
        if e.bundled and e.ok and not any(isinstance(s, Choice) for s in e.routine.steps)  # type: ignore[union-attr]
    ]
    controller = window.controller
    began = [0.0]

    def start_next() -> None:
        entry = routines[state["starts"] % len(routines)]
        window.open_entry(entry)
        window.steps.start()
        state["starts"] += 1
        began[0] = clock()
        # The starts phase stops every session at once; the cpu phase first tours every
        # routine that way, so its clips and pictures are loaded before the hour is measured.
        if phase == "starts" or (phase == "cpu" and state["starts"] <= len(routines)):
            QTimer.singleShot(100, window, stop)

    def stop() -> None:
        window.controller.stop()

    def on_updated(snap: Any) -> None:
        if controller.active and not controller.running and phase != "starts":
            # Paused by the engine: a poll came over WAKE_GAP session seconds late (at 60x,
            # a quarter of a real second), which it takes for the machine waking up.
            state["resumed"] = state.get("resumed", 0) + 1
            QTimer.singleShot(0, window, controller.toggle)
            return
        hold = snap.segment.open
        if hold is not None and snap.elapsed >= hold.target and controller.running:
            controller.release()  # "it has softened", as a user would say at the target

    def on_ended(_record: Any) -> None:
        state["session_s"] += clock() - began[0]
        QTimer.singleShot(50, window, start_next)

    def finish() -> None:
        controller.ended.disconnect(on_ended)
        controller.stop()

    state["finish"] = [finish]
    figure = window.player.figure
    state["probe"] = lambda: {"figure_cache": figure._pixmap_bytes}
    controller.updated.connect(on_updated)
    controller.ended.connect(on_ended)
    QTimer.singleShot(500, window, start_next)
    keep.extend([window, given])


# -- the parent ----------------------------------------------------------------------------


class PulseNullSink:
    """A private PulseAudio with a null sink (from cue_latency.py), or None if it won't start."""

    @staticmethod
    def start() -> Any:
        if not (shutil.which("pulseaudio") and shutil.which("pactl")):
            return None
        sys.path.insert(0, str(HERE))
        from cue_latency import PulseServer

        server = PulseServer()
        try:
            server.start()
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
            print(f"soak: no PulseAudio ({exc})")
            server.stop()
            return None
        return server


def _run_pair(
    phase: str, seconds: float, speed: float, trace: bool, before: Path | None = None
) -> dict[str, list[dict[str, Any]]]:
    data = Path(tempfile.mkdtemp(prefix="psoas-soak-"))
    procs = {}
    outputs: dict[str, Any] = {}
    kinds = ["app", "bare"] + (["before"] if before is not None else [])
    for kind in kinds:
        own = data / kind  # each app its own settings, history and instance socket
        own.mkdir()
        env = {
            **os.environ,
            "PSOAS_TIMER_DATA_DIR": str(own),
            "PSOAS_TIMER_STATE_DIR": str(own / "state"),
            "PSOAS_TIMER_INSTANCE": str(own / "instance.sock"),
            "XDG_CONFIG_HOME": str(own / "config"),
        }
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        args = [sys.executable, __file__, "--child", "bare" if kind == "bare" else "app",
                "--phase", phase, "--seconds", str(seconds), "--speed", str(speed)]  # fmt: skip
        if trace and kind == "app":
            args.append("--trace")
        if kind == "before":
            args += ["--tree", str(before)]
        # Each child writes to a file of its own: read one after another through pipes, the
        # children not yet read filled their pipe (64 KB, about 13 minutes of samples) and
        # stood still, samples and sessions alike, for the rest of an hour-long run.
        outputs[kind] = (own / "samples.txt").open("w")
        procs[kind] = subprocess.Popen(args, stdout=outputs[kind], text=True, env=env, cwd=ROOT)
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, proc in procs.items():
        proc.wait(timeout=seconds + 120)
        outputs[kind].close()
        stdout = (data / kind / "samples.txt").read_text()
        samples = []
        for line in stdout.splitlines():
            if line.startswith("#"):
                print(line)
            elif line.strip():
                samples.append(json.loads(line))
        out[kind] = samples
        if proc.returncode != 0:
            print(f"soak: the {kind} child exited with {proc.returncode}")
    shutil.rmtree(data, ignore_errors=True)
    return out


def _slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of *ys* over *xs*."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def _after_warmup(samples: list[dict[str, Any]], share: float = 0.3) -> list[dict[str, Any]]:
    return samples[int(len(samples) * share) :]


def _growth(samples: list[dict[str, Any]]) -> tuple[float, float, tuple[float, float]]:
    """Memory growth after the warm-up (MB per real hour): of the RSS, and of the RSS less
    the figure's drawn frames, with the least and most those took (MB).

    The frames are a cache the size of one figure's movement (up to the figure view's
    ``PIXMAP_BUDGET``), made as a moving step starts and dropped when the figure changes:
    the RSS rises and falls by up to 10 MB with the step on screen, and a slope over an hour
    says more about which step it ended on than about a leak. Each frame lives in a memory
    mapping of its own, given back when it is dropped, so the RSS less the frames is exact:
    what is left is what grows."""
    warm = _after_warmup(samples)
    hours = [s["t"] / 3600 for s in warm]
    frames = [s.get("figure_cache", 0) for s in warm]
    raw = _slope(hours, [s["rss"] for s in warm]) / MB
    less = _slope(hours, [s["rss"] - f for s, f in zip(warm, frames, strict=True)]) / MB
    return raw, less, (min(frames) / MB, max(frames) / MB)


def _cpu_share(samples: list[dict[str, Any]]) -> float:
    """Mean CPU (share of one core) after the first sample (start-up excluded)."""
    a, b = samples[1], samples[-1]
    return (b["cpu"] - a["cpu"]) / (b["t"] - a["t"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=150, help="session starts (phase starts)")
    parser.add_argument("--minutes", type=float, default=8, help="real minutes of the soak")
    parser.add_argument("--speed", type=float, default=60, help="soak clock speed-up")
    parser.add_argument("--cpu-minutes", type=float, default=2, help="real-clock CPU phase")
    parser.add_argument("--only", default="starts,soak,cpu", help="phases to run")
    parser.add_argument("--silent", action="store_true", help="no PulseAudio even if present")
    parser.add_argument("--trace", action="store_true", help="tracemalloc growth (app child)")
    parser.add_argument(
        "--before",
        type=Path,
        help="also run the app from this checkout (the code before a change), side by side",
    )
    parser.add_argument("--samples", type=Path, help="write the cpu phase's samples (JSON)")
    parser.add_argument("--child", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--phase", default="soak", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.tree:
            sys.path.insert(0, args.tree)  # the "before" app: its own psoas_timer
        _child(args.child, args.phase, args.seconds, args.speed, args.trace)
        return 0

    phases = args.only.split(",")
    pulse = None if args.silent else PulseNullSink.start()
    if pulse is None:
        print("soak: SILENT: no private PulseAudio null sink (pulseaudio/pactl missing or did not"
              " start, or --silent); the app runs without sound")  # fmt: skip
    else:
        print(f"soak: sound to a private PulseAudio null sink ({os.environ['PULSE_SERVER']})")
    ok = True
    try:
        if "starts" in phases:
            # About 0.3 s per start (a session starts, is stopped 0.1 s in, the next follows).
            seconds = max(30.0, args.starts * 0.3)
            runs = _run_pair("starts", seconds, 1.0, args.trace)
            app = [s for s in runs["app"] if s["starts"] >= 10]  # after the first ten
            per_start = _slope([s["starts"] for s in app], [s["rss"] for s in app]) / MB
            bare = runs["bare"]
            print(f"starts: {runs['app'][-1]['starts']} session starts in {seconds:.0f} s; "
                  f"app RSS {runs['app'][0]['rss'] / MB:.1f} -> {runs['app'][-1]['rss'] / MB:.1f} MB, "
                  f"{per_start * 1024:+.1f} KiB per start after the first ten; "
                  f"bare window {bare[0]['rss'] / MB:.1f} -> {bare[-1]['rss'] / MB:.1f} MB")  # fmt: skip
        if "soak" in phases:
            seconds = args.minutes * 60
            runs = _run_pair("soak", seconds, args.speed, args.trace)
            app, bare = _after_warmup(runs["app"]), _after_warmup(runs["bare"])
            session_h = [s["t"] * args.speed / 3600 for s in app]
            per_session_h = _slope(session_h, [s["rss"] for s in app]) / MB
            bare_h = _slope([s["t"] / 3600 for s in bare], [s["rss"] for s in bare]) / MB
            last = runs["app"][-1]
            print(f"soak: {seconds / 60:.0f} real minutes at {args.speed:g}x = "
                  f"{seconds * args.speed / 3600:.1f} session hours, {last['starts']} sessions; "
                  f"app RSS {runs['app'][0]['rss'] / MB:.1f} -> {last['rss'] / MB:.1f} MB; "
                  f"resumed after a late poll {last['resumed']} times")  # fmt: skip
            print(f"soak: after warm-up, app {per_session_h:+.2f} MB per session hour; "
                  f"bare window {bare_h:+.2f} MB per real hour; "
                  f"CPU app {_cpu_share(runs['app']):.1%}, bare {_cpu_share(runs['bare']):.1%} "
                  f"of a core (at {args.speed:g}x)")  # fmt: skip
            ok &= per_session_h < 1.0
        if "cpu" in phases:
            seconds = args.cpu_minutes * 60
            runs = _run_pair("cpu", seconds, 1.0, args.trace, args.before)
            if args.samples:
                args.samples.write_text(json.dumps(runs))
            app, bare = _cpu_share(runs["app"]), _cpu_share(runs["bare"])
            sound = "with sound" if pulse is not None else "SILENT"
            per_h, leak_h, cache = _growth(runs["app"])
            print(f"cpu: real clock, {seconds / 60:.0f} minutes, {sound}: app {app:.1%} of a core, "
                  f"bare window {bare:.1%} (goal: app under 5%); app RSS {per_h:+.2f} MB per "
                  f"hour after warm-up, {leak_h:+.2f} MB per hour without the figure's frames "
                  f"(they took {cache[0]:.1f} to {cache[1]:.1f} MB); "
                  f"{runs['app'][-1]['starts']} sessions")  # fmt: skip
            if "before" in runs:
                old = _cpu_share(runs["before"])
                old_h, old_leak_h, _cache = _growth(runs["before"])
                print(f"cpu: the app before ({args.before}) {old:.1%} of a core in the same run, "
                      f"RSS {old_h:+.2f} MB per hour ({old_leak_h:+.2f} without the figure's "
                      f"frames); app/bare {app / bare:.1f}x, before/bare {old / bare:.1f}x, "
                      f"app/before {app / old:.2f}x")  # fmt: skip
            ok &= app < 0.05 and leak_h < 1.0
    finally:
        if pulse is not None:
            pulse.stop()
    print("soak: goals met" if ok else "soak: a goal was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
