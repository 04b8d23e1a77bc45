"""Startup time and CPU use of the Psoas Timer window, against a bare PySide6 window.

Every figure comes from fresh subprocesses in the same run, so machine noise hits both sides:

- time from spawning the process to the first paint of its first window, for
  ``psoas-timer`` (the real command's code path, bundled routines and all) and for a bare
  ``QMainWindow``; several runs each, interleaved; medians and their ratio;
- time until the window is ready to use (the routines read and listed), since
  the app paints its frame first and loads into it right after;
- time until the session history is open too (it opens just after the routines are listed);
  ``--history-years 10`` starts each run with ten years of daily sessions in its history
  (made once, copied for each run; opening it runs SQLite's quick check over all of it),
  where the default is an empty data folder, as on a first start;
- CPU time as a share of one core while a session runs (a long breathing-paced hold, so the
  breathing animation draws at the screen's rate) and while the window sits idle;
- resident memory at rest (the library shown, idle, after the history opened), beside a
  bare window that imports the same Qt modules the app had loaded.

Goals: startup within 1.3x the bare window; under 5% of a core while running; 0% idle.
Exit status 1 when a goal is missed. Runs offscreen unless QT_QPA_PLATFORM says otherwise::

    python benchmarks/startup.py [--runs 7] [--seconds 10] [--history-years 0] [--against DIR]

``--against DIR`` also starts the app from another checkout's source (a git worktree of
main, say: ``git worktree add --detach /tmp/before main``), interleaved with this one's and
the bare window's starts, and measures its memory at rest too: a before and after in one run,
so both meet the same machine load.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The child's first lines: a QApplication and a filter that reports the first paint.
_HARNESS = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget) \
                and obj.window().isVisible():
            self.done = True
            print("shown", flush=True)
            QTimer.singleShot(0, ready)
        return False

def ready():
    # Ready once every shown main window has loaded (a bare window has nothing to load).
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    if windows and all(
        getattr(w, "loaded", True) and not getattr(getattr(w, "listing", w), "loading", False)
        for w in windows
    ):
        print("ready", flush=True)
        QTimer.singleShot(0, history)
    else:
        QTimer.singleShot(1, ready)

def history():
    # Then until the history is open as well (a window that opens it while loading, or a
    # bare window, has it at once).
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    if all(not getattr(getattr(w, "history", None), "waiting", False) for w in windows):
        print("history", flush=True)
        app.quit()
    else:
        QTimer.singleShot(1, history)

watcher = FirstPaint()
app.installEventFilter(watcher)
"""

_BARE = (
    _HARNESS
    + r"""
from PySide6.QtWidgets import QMainWindow, QLabel
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("bare"))
window.resize(1200, 800)
window.show()
app.exec()
"""
)

_APP = (
    _HARNESS
    + r"""
from psoas_timer.cli import main
main([])
"""
)

_ROUTINE = """
name: Benchmark hold
defaults: {prepare: 0}
steps:
  - name: Paced hold
    kind: release
    hold: 600
    breathing: calm
"""

_CPU = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from psoas_timer.ui.shell.app import _application, create_window

mode, seconds, routine = sys.argv[1], float(sys.argv[2]), sys.argv[3]
app = _application()
if mode == "bare":  # the baseline: a bare PySide6 window, idle
    import importlib
    for name in filter(None, os.environ.get("BENCH_QT_MODULES", "").split(",")):
        importlib.import_module(name)  # the Qt modules the app had loaded, for memory
    from PySide6.QtWidgets import QLabel, QMainWindow
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare"))
else:
    settings = QSettings(os.environ["BENCH_SETTINGS"], QSettings.Format.IniFormat)
    settings.setValue("safety/first_run_seen", True)
    settings.setValue("safety/release_dismissed", True)
    window = create_window(routine if mode == "running" else None, settings=settings)
window.resize(1280, 800)
window.show()
if mode == "running":
    window.steps.start()
elif mode == "idle":
    window.show_library()
controller = getattr(window, "controller", None)
marks = {}

def begin():
    marks["wall"], marks["cpu"] = time.monotonic(), time.process_time()
    QTimer.singleShot(int(seconds * 1000), end)

def end():
    wall, cpu = time.monotonic() - marks["wall"], time.process_time() - marks["cpu"]
    running = controller is not None and controller.active
    with open("/proc/self/statm") as statm:  # resident pages, now (at rest when idle)
        rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    qt = ",".join(sorted(m for m in sys.modules if m.startswith("PySide6.Qt")))
    print(f"{100 * cpu / wall:.3f} {int(running)} {rss} {qt or '-'}", flush=True)
    if controller is not None:
        controller.stop()
    app.quit()

QTimer.singleShot(1500, begin)  # settle: first paints, catalog, fonts
app.exec()
"""


def _env(tmp: Path, name: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tmp / name
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        PSOAS_TIMER_DATA_DIR=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PSOAS_TIMER_INSTANCE=str(home / "instance"),
        BENCH_SETTINGS=str(home / "settings.ini"),
    )
    return env


def fill_history(path: Path, years: int) -> None:
    """Write *years* of daily sessions to the history at *path* (see benchmarks/history.py)."""
    import random

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from history import fill

    from psoas_timer.history import HistoryStore

    store = HistoryStore.open(path)
    try:
        fill(store, years, random.Random(11))
    finally:
        store.close()


def time_to_window(code: str, env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float, float]:
    """Seconds from spawning *code* (in *cwd*: the checkout whose source it runs) to its
    first painted window, to its being ready, and to its history being open."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        cwd=cwd,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    shown = time.perf_counter() - start
    second = proc.stdout.readline()
    ready = time.perf_counter() - start
    third = proc.stdout.readline()
    opened = time.perf_counter() - start
    proc.wait(timeout=30)
    if [line.strip(), second.strip(), third.strip()] != ["shown", "ready", "history"]:
        raise RuntimeError(f"the child never showed a ready window (exit {proc.returncode})")
    return shown, ready, opened


def cpu_share(
    mode: str, seconds: float, routine: Path, env: dict[str, str], cwd: Path = ROOT
) -> tuple[float, int, str]:
    """A child's CPU use (% of one core), its resident memory at the end (bytes) and the Qt
    modules it had loaded (comma-separated); it runs *cwd*'s source."""
    out = subprocess.run(
        [sys.executable, "-c", _CPU, mode, str(seconds), str(routine)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=seconds + 60,
        check=True,
    ).stdout.split()
    if mode == "running" and out[1] != "1":
        raise RuntimeError("the session was not running while measured")
    return float(out[0]), int(out[2]), out[3].strip("-")


def compare_language(code: str, runs: int) -> int:
    """Starting in *code* against starting in English, interleaved, fresh data each start:
    the first paint and the ready window (the routines listed, in that language)."""
    with tempfile.TemporaryDirectory(prefix="psoas-bench-") as name:
        tmp = Path(name)

        def env(language: str, i: object) -> dict[str, str]:
            found = _env(tmp, f"{language}{i}")
            found.update(LANGUAGE=language, LC_ALL="", LC_MESSAGES="")
            return found

        times: dict[str, list[tuple[float, float]]] = {"en": [], code: []}
        for language in times:
            time_to_window(_APP, env(language, "warm"))  # the disk cache, compiled catalogs
        for i in range(runs):
            for language in ("en", code) if i % 2 == 0 else (code, "en"):
                shown, ready, _opened = time_to_window(_APP, env(language, i))
                times[language].append((shown, ready))
    shown = {k: statistics.median(t[0] for t in v) for k, v in times.items()}
    ready = {k: statistics.median(t[1] for t in v) for k, v in times.items()}
    print(
        f"{runs} starts in each language, interleaved, {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}"
    )
    for language in times:
        print(
            f"{language:6s} first paint median {shown[language] * 1000:7.1f} ms, "
            f"ready median {ready[language] * 1000:7.1f} ms"
        )
    paint, usable = shown[code] / shown["en"], ready[code] / ready["en"]
    print(f"{code} / en: first paint {paint:.3f}x, ready {usable:.3f}x   (goal <= 1.05x)")
    ok = paint <= 1.05 and usable <= 1.05
    print("goal met" if ok else "GOAL MISSED")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Psoas Timer startup and CPU benchmark")
    parser.add_argument("--runs", type=int, default=7, help="startups of each kind (default 7)")
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="CPU sampling time (default 10)"
    )
    parser.add_argument(
        "--history-years",
        type=int,
        default=0,
        help="years of daily sessions in the history each start finds (default 0: none)",
    )
    parser.add_argument(
        "--against",
        metavar="DIR",
        type=Path,
        help="also start the app from the checkout in DIR (main, say), interleaved, and "
        "print its figures beside this one's",
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        help="only compare starting in CODE (e.g. de) with starting in English, interleaved "
        "(goal: within 1.05x)",
    )
    args = parser.parse_args(argv)
    if args.language:
        compileall.compile_dir(str(ROOT / "psoas_timer"), quiet=1)
        return compare_language(args.language, args.runs)
    # An installed app starts from compiled bytecode (pip and the bundle compile it). With
    # PYTHONDONTWRITEBYTECODE set, as on some machines, every start would compile the app's
    # source and nothing of the bare window's: compile it first, as an install does.
    compileall.compile_dir(str(ROOT / "psoas_timer"), quiet=1)
    against: Path | None = args.against.resolve() if args.against else None
    if against is not None:
        compileall.compile_dir(str(against / "psoas_timer"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="psoas-bench-") as name:
        tmp = Path(name)
        routine = tmp / "benchmark.yaml"
        routine.write_text(_ROUTINE, encoding="utf-8")
        history = tmp / "history.sqlite3"
        if args.history_years:
            fill_history(history, args.history_years)

        def app_env(name: str) -> dict[str, str]:
            env = _env(tmp, name)
            if args.history_years:
                data = Path(env["PSOAS_TIMER_DATA_DIR"])
                data.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(history, data / history.name)
            return env

        bare: list[float] = []
        ours: list[float] = []
        ours_ready: list[float] = []
        ours_history: list[float] = []
        theirs: list[tuple[float, float]] = []  # --against: first paint and ready
        time_to_window(_BARE, _env(tmp, "warm"))  # warm the disk cache for both
        time_to_window(_APP, app_env("warm"))
        if against is not None:
            time_to_window(_APP, app_env("warm-against"), against)
        for i in range(args.runs):
            bare.append(time_to_window(_BARE, _env(tmp, f"bare{i}"))[0])
            if against is not None and i % 2:  # the two apps take turns going first
                theirs.append(time_to_window(_APP, app_env(f"against{i}"), against)[:2])
            shown, ready, opened = time_to_window(_APP, app_env(f"app{i}"))
            ours.append(shown)
            ours_ready.append(ready)
            ours_history.append(opened)
            if against is not None and not i % 2:
                theirs.append(time_to_window(_APP, app_env(f"against{i}"), against)[:2])
        running = cpu_share("running", args.seconds, routine, _env(tmp, "cpu-run"))[0]
        idle, app_rss, modules = cpu_share("idle", args.seconds, routine, app_env("cpu-idle"))
        their_rss = 0
        if against is not None:
            _, their_rss, their_modules = cpu_share(
                "idle", args.seconds, routine, app_env("cpu-idle-against"), against
            )
            modules = ",".join(sorted({*modules.split(","), *their_modules.split(",")} - {""}))
        bare_env = dict(_env(tmp, "cpu-bare"), BENCH_QT_MODULES=modules)
        bare_idle, bare_rss, _ = cpu_share("bare", args.seconds, routine, bare_env)
    b, o = statistics.median(bare), statistics.median(ours)
    ratio = o / b
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    print(f"platform: {platform}, python {sys.version.split()[0]}, {args.runs} runs each")
    print(
        f"bare PySide6 window:  median {b * 1000:7.1f} ms  (min {min(bare) * 1000:.1f}, max {max(bare) * 1000:.1f})"
    )
    print(
        f"psoas-timer window:   median {o * 1000:7.1f} ms  (min {min(ours) * 1000:.1f}, max {max(ours) * 1000:.1f})"
    )
    print(f"startup ratio:        {ratio:.2f}x   (goal <= 1.30x)")
    r = statistics.median(ours_ready)
    print(
        f"psoas-timer ready:    median {r * 1000:7.1f} ms  ({r / b:.2f}x the bare window; "
        "the routines listed; sound opens just after)"
    )
    h = statistics.median(ours_history)
    years = f"{args.history_years} years of sessions" if args.history_years else "none yet"
    print(
        f"history open:         median {h * 1000:7.1f} ms  ({h / b:.2f}x the bare window; "
        f"its history: {years})"
    )
    print(f"CPU, session running: {running:.2f}% of one core over {args.seconds:g} s   (goal < 5%)")
    print(f"CPU, idle:            {idle:.2f}% of one core over {args.seconds:g} s   (goal 0%)")
    print(f"CPU, bare window:     {bare_idle:.2f}% of one core over {args.seconds:g} s   (idle)")
    mb = 1024 * 1024
    print(
        f"memory at rest:       {app_rss / mb:.1f} MB, bare window {bare_rss / mb:.1f} MB "
        f"({app_rss / bare_rss:.2f}x; the bare window imports the same Qt modules: "
        f"{modules.replace('PySide6.', '') or 'none'})"
    )
    if against is not None:
        shown_b = statistics.median(t[0] for t in theirs)
        ready_b = statistics.median(t[1] for t in theirs)
        print(
            f"against {against}: first paint {shown_b / b:.2f}x, ready {ready_b / b:.2f}x the "
            f"bare window (this checkout: {ratio:.2f}x, {r / b:.2f}x); memory at rest "
            f"{their_rss / mb:.1f} MB ({their_rss / bare_rss:.2f}x; this one "
            f"{app_rss / mb:.1f} MB, {app_rss / bare_rss:.2f}x)"
        )
    ok = ratio <= 1.3 and running < 5.0 and idle < 0.05
    print("all goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
