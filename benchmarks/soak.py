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
- ``cpu``: first a tour (``--tour``): ``full`` (the default) runs every routine once, whole,
  at :data:`TOUR_SPEED`, so every step's picture, clip, figure and type size has been shown
  once; ``starts`` only starts each routine and stops it at once (its first step). Then the
  measured span: ``--cpu-minutes`` of sessions on the real clock, from the first routine
  again. Reported: what the tour added to the RSS (once: what the routines' first runs load),
  then, over the whole span (nothing left out as warm-up), the mean CPU as a share of one
  core and the memory growth per real hour (what grows with time: polls, repaints, the
  breathing animation, sessions recorded), beside the bare window's over the same minutes.
  With ``--tour starts`` an hour covers about 5 of the 11 routines, so their first runs'
  one-time cost falls inside the span and counts as growth. Where the span is long enough,
  it also prints the growth after every routine of the loop has run once on the real clock
  (from the first routine's second start to the end): ``--routines desk-break`` loops the
  five-minute desk break alone, as the issue first measured.

Sound goes to a private PulseAudio with a null sink when ``pulseaudio`` and ``pactl`` can be
started (nothing is heard, every cue is played); otherwise the app runs silent, and the
report says so. On a machine without a sound server, install them first (Debian:
``apt-get install pulseaudio pulseaudio-utils``); the benchmark starts its own daemon with a
null sink in a temporary folder (its ``HOME`` and ``XDG_RUNTIME_DIR``, so it runs as root
too), points the children at it with ``PULSE_SERVER`` and stops it at the end: no desktop
session, and no system-wide PulseAudio, is needed. The soak the issue asks for, an hour of
sessions with sound::

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py --only cpu --cpu-minutes 60

Goals: under 1 MB per hour over the span, less the figure's drawn frames (a cache bounded
by the figure view, see :func:`_span`), both as the span's first-to-last sample and as the
least-squares slope; the raw RSS figures are printed beside them; under 5% of a core (with
sound).
Exit status 1 when a goal is missed. Runs offscreen unless ``QT_QPA_PLATFORM`` says otherwise::

    python benchmarks/soak.py [--starts 150] [--minutes 8] [--speed 60] [--cpu-minutes 2]
                              [--only starts,soak,cpu] [--silent] [--trace] [--before DIR]
                              [--tour full|starts] [--routines NAMES] [--samples FILE]

``--trace`` prints where Python memory grew in the app child (tracemalloc; slower), and
which types of live Python objects grew in number.
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
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent

SAMPLE_S = 2.0
MB = 1024 * 1024
#: Session seconds a real second while the cpu phase tours every routine once, whole.
TOUR_SPEED = 60.0
#: The longest a tour may take (real seconds); the bare window stops this long after its
#: span at the latest, should the parent's word never come.
TOUR_LIMIT_S = 1800.0


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


def _type_counts(since: dict[str, int] | None = None) -> Any:
    """Live objects the garbage collector tracks, by type name; with *since*, the types
    whose count changed, most grown first (a widget or connection piling up shows here)."""
    import collections
    import gc

    gc.collect()
    counts = collections.Counter(type(o).__qualname__ for o in gc.get_objects())
    if since is None:
        return counts
    changes = {k: counts.get(k, 0) - since.get(k, 0) for k in set(counts) | set(since)}
    return sorted(((k, v) for k, v in changes.items() if v), key=lambda kv: -kv[1])


def _child(kind: str, phase: str, seconds: float, speed: float, trace: bool, tour: str) -> None:
    """Run one child: print a JSON sample every SAMPLE_S seconds.

    An app child runs *seconds* after its tour (``state["hour_from"]``, the moment the
    measured span begins); the bare window runs until the parent leaves a ``stop`` file in
    its folder (when every app child has ended), so it covers their whole span."""
    import tracemalloc

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    if trace:
        tracemalloc.start(12)
    app = QApplication(sys.argv[:1])
    real_start = time.monotonic()
    state: dict[str, Any] = {"starts": 0, "session_s": 0.0, "hour_from": 0.0}
    keep: list[object] = []
    stop_file = Path(os.environ["PSOAS_TIMER_DATA_DIR"]) / "stop"

    if kind == "bare":
        window = QMainWindow()
        window.resize(1200, 800)
        window.show()
        keep.append(window)
    else:
        _app_child(app, phase, speed, tour, state, keep, real_start)

    first_snapshot: list[Any] = []
    first_types: dict[str, int] = {}
    tour_snapshot: list[Any] = []

    def sample() -> None:
        now = time.monotonic() - real_start
        line = {
            "t": round(now, 3),
            "rss": _rss(),
            "cpu": time.process_time(),
            "starts": state["starts"],
            "session_s": state["session_s"],
            "resumed": state.get("resumed", 0),
            "touring": state.get("touring", False),
            **_heap(),
            "py_blocks": sys.getallocatedblocks(),  # Python's live allocations (a count)
            "widgets": len(QApplication.allWidgets()),
            **(state["probe"]() if "probe" in state else {}),
        }
        print(json.dumps(line), flush=True)
        measured = now - state["hour_from"]
        if state.get("touring"):
            measured = 0.0
        if trace and state.get("touring") and not tour_snapshot:
            tour_snapshot.append(tracemalloc.take_snapshot())  # as the tour begins
        if trace and tour_snapshot and not state.get("touring") and len(tour_snapshot) == 1:
            # The tour is over: what the routines' first runs left behind, by line.
            tour_snapshot.append(None)
            stats = tracemalloc.take_snapshot().compare_to(tour_snapshot[0], "lineno")
            print(f"# the tour left {sum(s.size_diff for s in stats) / MB:+.2f} MB of Python "
                  "memory (tracemalloc), most at:")  # fmt: skip
            for stat in stats[:25]:
                print(f"#   {stat.size_diff / 1024:+.1f} KiB in {stat.count_diff:+d} blocks "
                      f"at {stat.traceback[0]}")  # fmt: skip
        if trace and measured > seconds * 0.25 and not first_snapshot:
            first_snapshot.append(tracemalloc.take_snapshot())
            first_types.update(_type_counts())
        if kind == "bare":
            done = stop_file.exists() or now >= seconds + TOUR_LIMIT_S
        else:
            done = measured >= seconds
        if done:
            if trace and first_snapshot:
                for name, change in _type_counts(first_types)[:15]:
                    print(f"# live {name}: {change:+d} since the first snapshot")
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
    app: Any,
    phase: str,
    speed: float,
    tour: str,
    state: dict[str, Any],
    keep: list[object],
    real_start: float,
) -> None:
    """The real window, running the bundled routines one after another for ever.

    In the cpu phase it first tours every routine (*tour*): ``full`` runs each one whole,
    start to end, at :data:`TOUR_SPEED` (every step, picture, clip and type size shown
    once); ``starts`` only starts each one and stops it a moment later (its first step's).
    Then the clock turns to real time and the measured span begins (``state["hour_from"]``)
    with the first routine again."""
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
    # The session clock: *speed* session seconds a real second, changed between sessions
    # (the tour's pace, then real time) without ever going back.
    pace = {"speed": speed, "real": monotonic(), "session": monotonic()}

    def clock() -> float:
        return pace["session"] + (monotonic() - pace["real"]) * pace["speed"]

    def set_pace(new: float) -> None:
        now = monotonic()
        pace.update(session=clock(), real=now, speed=new)

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
    only = [n for n in os.environ.get("SOAK_ROUTINES", "").split(",") if n]
    if only:  # --routines: these alone, looped (by file name without .yaml)
        routines = [e for e in routines if Path(e.file_name).stem in only]
        assert routines, f"no bundled routine called {only}"
    controller = window.controller
    began = [0.0]

    touring = phase == "cpu"
    state["touring"] = touring
    if touring and tour == "full":
        set_pace(TOUR_SPEED)

    def start_next() -> None:
        if state["touring"] and state["starts"] == len(routines):
            # Every routine has run once: real time from here, and the measured span begins.
            state["touring"] = False
            state["hour_from"] = time.monotonic() - real_start
            set_pace(speed)
        entry = routines[state["starts"] % len(routines)]
        window.open_entry(entry)
        window.steps.start()
        state["starts"] += 1
        began[0] = clock()
        # The starts phase stops every session at once; so does the cpu phase's tour of
        # starts (each routine's first step loaded before the hour is measured).
        if phase == "starts" or (state["touring"] and tour == "starts"):
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
    state["probe"] = lambda: {"figure_cache": figure._pixmap_bytes, "loop": len(routines)}
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
    phase: str,
    seconds: float,
    speed: float,
    trace: bool,
    before: Path | None = None,
    tour: str = "full",
    routines: str = "",
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
            "SOAK_ROUTINES": routines,
        }
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        args = [sys.executable, __file__, "--child", "bare" if kind == "bare" else "app",
                "--phase", phase, "--seconds", str(seconds), "--speed", str(speed),
                "--tour", tour]  # fmt: skip
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
    # The apps first (each ends *seconds* after its tour), then the bare window, told to stop.
    for kind in sorted(procs, key=lambda k: k == "bare"):
        proc = procs[kind]
        if kind == "bare":
            (data / kind / "stop").touch()
        proc.wait(timeout=seconds + TOUR_LIMIT_S + 120)
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


class Span(NamedTuple):
    """One child's memory over the measured span (the hour after the tour): MB and hours."""

    first: float  #: RSS at the child's first sample (just after start-up)
    start: float  #: RSS as the span began (for an app: every routine had run once)
    end: float  #: RSS at the span's last sample
    hours: float
    raw: float  #: (end - start) / hours: the whole span, nothing left out (MB per hour)
    raw_slope: float  #: least-squares slope of the RSS over every sample of the span
    less: float  #: as ``raw``, the RSS less the figure's drawn frames at each end
    less_slope: float  #: as ``raw_slope``, the RSS less the frames
    frames: tuple[float, float]  #: the least and most the frames took (MB)
    sessions: int  #: sessions started within the span
    cpu: float  #: mean CPU over the span, share of one core
    #: From the moment every routine of the loop had run once on the real clock (the first
    #: one starting again) to the span's end: (minutes into the span, raw MB/h, less the
    #: frames MB/h, first-to-last sample), or None where the span ended before that.
    after_loop: tuple[float, float, float] | None = None


def _span(
    samples: list[dict[str, Any]], start_t: float | None = None, end_t: float | None = None
) -> Span:
    """Memory growth over the measured span: an app's samples after its tour (or, for the
    bare window, those from *start_t* to *end_t*: the app's span).

    Two ways of reading it, both printed: ``raw``, the RSS's growth from the first sample of
    the span to its last, per hour, and the same less the figure's drawn frames. The frames
    are a cache the size of one figure's movement (up to the figure view's
    ``PIXMAP_BUDGET``), made as a moving step starts and dropped when the figure changes:
    the RSS rises and falls by up to 20 MB with the step on screen, so a raw figure over an
    hour says as much about the step each end fell on as about a leak. Each frame lives in a
    memory mapping of its own, given back when it is dropped, so the RSS less the frames is
    exact: what is left is what grows. Nothing of the span is left out as warm-up."""
    if start_t is None:
        span = [s for s in samples if not s.get("touring")]
    else:
        span = [s for s in samples if start_t <= s["t"] <= (end_t or s["t"])]
    a, b = span[0], span[-1]
    hours = max(1e-9, (b["t"] - a["t"]) / 3600)
    ts = [s["t"] / 3600 for s in span]
    frames = [s.get("figure_cache", 0) for s in span]
    rss = [s["rss"] for s in span]
    less = [r - f for r, f in zip(rss, frames, strict=True)]
    return Span(
        first=samples[0]["rss"] / MB,
        start=a["rss"] / MB,
        end=b["rss"] / MB,
        hours=hours,
        raw=(rss[-1] - rss[0]) / MB / hours,
        raw_slope=_slope(ts, rss) / MB,
        less=(less[-1] - less[0]) / MB / hours,
        less_slope=_slope(ts, less) / MB,
        frames=(min(frames) / MB, max(frames) / MB),
        sessions=b["starts"] - a["starts"] + (start_t is None),  # an app's span begins with one
        cpu=(b["cpu"] - a["cpu"]) / (b["t"] - a["t"]),
        after_loop=_after_loop(span),
    )


def _after_loop(span: list[dict[str, Any]]) -> tuple[float, float, float] | None:
    """Growth after every routine of the loop ran once on the real clock (see ``Span``)."""
    loop = span[-1].get("loop")
    if not loop:
        return None
    again = [s for s in span if s["starts"] >= span[0]["starts"] + loop]
    if len(again) < 2 or again[-1]["t"] - again[0]["t"] < 60:
        return None
    a, b = again[0], again[-1]
    hours = (b["t"] - a["t"]) / 3600
    raw = (b["rss"] - a["rss"]) / MB / hours
    less = ((b["rss"] - b["figure_cache"]) - (a["rss"] - a["figure_cache"])) / MB / hours
    return (a["t"] - span[0]["t"]) / 60, raw, less


def _span_line(who: str, span: Span, figure: bool = True) -> str:
    line = (
        f"{who} RSS {span.start:.1f} -> {span.end:.1f} MB: raw {span.raw:+.2f} MB/h "
        f"(slope {span.raw_slope:+.2f})"
    )
    if figure:
        line += (
            f"; less the figure's frames {span.less:+.2f} MB/h (slope {span.less_slope:+.2f}; "
            f"the frames took {span.frames[0]:.1f} to {span.frames[1]:.1f} MB, "
            f"{span.sessions} sessions)"
        )
    line += f"; CPU {span.cpu:.1%} of a core"
    if figure and span.after_loop is None:
        line += "; the span ended before every routine of the loop had run once on the real clock"
    elif figure and span.after_loop is not None:
        minute, raw, less = span.after_loop
        line += (
            f"; after every routine of the loop had run once on the real clock (from minute "
            f"{minute:.0f} of the span): raw {raw:+.2f} MB/h, less the frames {less:+.2f} MB/h"
        )
    return line


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
    parser.add_argument(
        "--routines",
        default="",
        help="cpu phase: loop only these bundled routines (file names without .yaml, "
        "comma-separated; say desk-break, as the issue first measured); all by default",
    )
    parser.add_argument(
        "--tour",
        choices=["full", "starts"],
        default="full",
        help="before the cpu phase's span: run every routine once whole, fast (full), or "
        "only start each one (starts: the span then includes their first runs)",
    )
    parser.add_argument("--child", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--tree", help=argparse.SUPPRESS)
    parser.add_argument("--phase", default="soak", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.tree:
            sys.path.insert(0, args.tree)  # the "before" app: its own psoas_timer
        _child(args.child, args.phase, args.seconds, args.speed, args.trace, args.tour)
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
            runs = _run_pair("cpu", seconds, 1.0, args.trace, args.before, args.tour, args.routines)
            if args.samples:
                args.samples.write_text(json.dumps(runs))
            sound = "with sound" if pulse is not None else "SILENT"
            tour = (f"every routine once, whole, at {TOUR_SPEED:g}x"
                    if args.tour == "full" else "every routine started and stopped at once")  # fmt: skip
            spans = {kind: _span(samples) for kind, samples in runs.items() if kind != "bare"}
            app = spans["app"]
            start_t = next(s["t"] for s in runs["app"] if not s.get("touring"))
            bare = _span(runs["bare"], start_t, runs["app"][-1]["t"])
            print(f"cpu: tour ({tour}, {start_t / 60:.1f} real minutes): "
                  f"app RSS {app.first:.1f} -> {app.start:.1f} MB ({app.start - app.first:+.1f} MB "
                  f"once: the rest of start-up and what the routines' first runs load); "
                  f"then the measured span")  # fmt: skip
            print(f"cpu: span: real clock, {app.hours * 60:.0f} minutes after the tour, {sound} "
                  f"(goals: under 5% of a core, under 1 MB/h less the frames over the whole "
                  f"span)")  # fmt: skip
            print("cpu: " + _span_line("app", app))
            print("cpu: " + _span_line("bare window (same minutes)", bare, figure=False))
            if "before" in spans:
                old = spans["before"]
                print("cpu: " + _span_line(f"the app before ({args.before})", old))
                print(f"cpu: CPU app/bare {app.cpu / bare.cpu:.1f}x, before/bare "
                      f"{old.cpu / bare.cpu:.1f}x, app/before {app.cpu / old.cpu:.2f}x")  # fmt: skip
            ok &= app.cpu < 0.05 and app.less_slope < 1.0 and app.less < 1.0
    finally:
        if pulse is not None:
            pulse.stop()
    print("soak: goals met" if ok else "soak: a goal was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
