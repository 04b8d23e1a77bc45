"""How long the routine library takes to load: cold, warm, and a bare YAML read of the same files.

It writes a library of 500 routines with 20,000 steps in all (40 each: half from the bundled
exercise library, half written out with instructions, breathing and prompts) into a temporary
folder, then measures in one run, interleaved, median of several rounds:

- **bare**: ``yaml.load(..., Loader=yaml.CSafeLoader)`` of every file, nothing else;
- **cold**: :func:`load_catalog` with an empty cache folder (every file read, checked and
  planned, and the cache written);
- **warm**: :func:`load_catalog` again with the files unchanged (the cache used);
- **memory**: how much the process grows holding the catalog with every total known;
- **stall**: the longest time the Qt event loop went without a turn while the window loads
  the same library in the background (offscreen).

Goals, as ratios to the bare read: cold within 1.5x, warm within 0.2x; the event loop never
blocked more than 50 ms. Exit status 1 when a goal is missed::

    python benchmarks/catalog_load.py [--routines 500] [--steps 40] [--rounds 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIBRARY_IDS = [
    "high-knees",
    "psoas-ball-release",
    "kneeling-hip-flexor-stretch",
    "knee-to-chest",
    "hip-raise",
    "plank",
    "calm-breathing",
]


def _step(routine: int, index: int) -> str:
    if index % 2 == 0:
        use = LIBRARY_IDS[(routine + index) % len(LIBRARY_IDS)]
        extra = "    sets: 2\n" if index % 4 == 0 else ""
        return f"  - use: {use}\n{extra}"
    kinds = ["stretch", "exercise", "release", "rest"]
    kind = kinds[(routine + index) % len(kinds)]
    timing = {
        "stretch": "    hold: 30s\n    sides: both\n",
        "exercise": "    reps: 12\n    tempo: 2\n    sets: 2\n",
        "release": "    open: {min: 60, target: 90, max: 180}\n    breathing: calm\n",
        "rest": "    duration: 20s\n",
    }[kind]
    return (
        f"  - name: Step {index} of routine {routine}\n"
        f"    kind: {kind}\n"
        f"{timing}"
        "    instructions:\n"
        "      - Lie on your back with your knees bent and your feet flat.\n"
        "      - Breathe out slowly and let the lower back settle onto the mat.\n"
        "      - Keep the movement small and stop before it hurts.\n"
        "    prompts:\n"
        "      - {at: 10s, say: Keep breathing}\n"
    )


def write_library(folder: Path, routines: int, steps: int) -> list[Path]:
    """*routines* routine files of *steps* steps each in *folder*; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for r in range(routines):
        body = "".join(_step(r, i) for i in range(steps))
        text = (
            "version: 1\n"
            f"name: Generated routine {r}\n"
            f"description: Routine number {r}, generated to measure loading.\n"
            f"tags: [generated, set-{r % 10}]\n"
            "defaults: {prepare: 5, rest: 10, switch_sides: 3}\n"
            f"steps:\n{body}"
        )
        path = folder / f"generated-{r:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        a_minute_ago = time.time() - 60  # files saved just now are not cached (see the cache)
        os.utime(path, (a_minute_ago, a_minute_ago))
        files.append(path)
    return files


def bare_read(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def catalog_load(bundled: Path, user: Path, cache: Path) -> tuple[float, float]:
    """Seconds to read the catalog (every routine checked, with what the list shows of it),
    and then to work out the totals the cache lacks and write the cache (which the window
    does in the background after listing the routines)."""
    from psoas_timer.core.catalog import Layout, load_catalog

    start = time.perf_counter()
    catalog = load_catalog(Layout(bundled, bundled.parent / "assets", user, cache=cache))
    for entry in catalog.entries:
        assert entry.ok, entry.problems
        _ = (entry.name, entry.tags, entry.description)
    read = time.perf_counter()
    catalog.work_out_totals()
    catalog.save_cache()
    return read - start, time.perf_counter() - read


def _resident_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_held(bundled: Path, user: Path) -> float:
    """Megabytes the process grows by reading the catalog (no cache) and working out every
    total, the catalog kept (Linux: resident memory)."""
    from psoas_timer.core.catalog import Layout, load_catalog

    gc.collect()
    before = _resident_mb()
    catalog = load_catalog(Layout(bundled, bundled.parent / "assets", user))
    catalog.work_out_totals()
    held = _resident_mb() - before
    del catalog
    return held


class _CollectorTimes:
    """The longest pause of Python's cycle collector while installed (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self._began)


def event_loop_stall(bundled: Path, user: Path, cache: Path) -> tuple[float, float, float, float]:
    """Seconds :meth:`MainWindow.load` takes (it builds the pages, then starts reading), of
    the longest gap between turns of the event loop while the library is read, listed and its
    totals shown, of the longest pause of the cycle collector meanwhile, and until every
    total is shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from psoas_timer.core.catalog import Layout, load_catalog
    from psoas_timer.core.clock import monotonic
    from psoas_timer.ui.shell.main_window import MainWindow, Services
    from psoas_timer.ui.shell.settings import Preferences
    from psoas_timer.ui.sound.output import SilentOutput

    app = QApplication.instance() or QApplication([])

    class NoScreenSaver:
        def inhibit(self) -> None: ...

        def release(self) -> None: ...

    layout = Layout(bundled, bundled.parent / "assets", user, cache=cache)
    settings = QSettings(str(cache.parent / "settings.ini"), QSettings.Format.IniFormat)
    services = Services(
        load_catalog=lambda between=None: load_catalog(layout, between=between),
        clock=monotonic,
        audio=SilentOutput(),
        inhibitor=NoScreenSaver(),
        background=True,
    )
    window = MainWindow(Preferences(settings))
    window.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    for _ in range(20):
        app.processEvents()
    collector = _CollectorTimes()
    gc.callbacks.append(collector)
    begun = time.perf_counter()
    window.load(services)  # builds the pages and starts the worker: reported on its own
    build = time.perf_counter() - begun
    timer.start()
    last[0] = time.perf_counter()
    # Wait as the app does, in the event loop (a loop calling processEvents would keep the
    # window's thread busy and fight the reader for the interpreter as no real window does),
    # until the routines are listed and every total is shown; then 200 ms more.
    loop = QEventLoop()
    done: list[float] = []

    def finished() -> bool:
        return (
            window.catalog is not None
            and not window.listing.loading
            and all(e.known_total is not None for e in window.library.entries() if e.ok)
        )

    def check() -> None:
        if not done and finished():
            done.append(time.perf_counter())
            QTimer.singleShot(200, loop.quit)

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(check)
    poll.start()
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    poll.stop()
    timer.stop()
    assert done, "the library did not load within two minutes"
    gc.callbacks.remove(collector)
    assert window.catalog is not None
    assert len(window.catalog.entries) >= 500
    window.close()
    return build, max(gaps), collector.longest, done[0] - begun


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--routines", type=int, default=500)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-window", action="store_true", help="skip the event-loop stall")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="psoas-catalog-") as tmp:
        base = Path(tmp)
        bundled = base / "routines"
        shutil.copytree(ROOT / "routines" / "library", bundled / "library")
        shutil.copytree(ROOT / "routines" / "schema", bundled / "schema")
        user = base / "user"
        files = write_library(user, args.routines, args.steps)
        print(f"{len(files)} routines, {len(files) * args.steps:,} steps in {user}")
        held = memory_held(bundled, user)  # first, while the process has no memory to reuse
        print(f"memory the catalog holds with every total worked out: {held:.0f} MB")
        bare, cold, cold_after, warm, warm_after = [], [], [], [], []
        for round_ in range(args.rounds):
            cache = base / f"cache-{round_}"
            bare.append(bare_read(files))
            read, after = catalog_load(bundled, user, cache)
            cold.append(read)
            cold_after.append(after)
            read, after = catalog_load(bundled, user, cache)
            warm.append(read)
            warm_after.append(after)
        b, c, ca, w, wa = (statistics.median(x) for x in (bare, cold, cold_after, warm, warm_after))
        print(f"median of {args.rounds} rounds")
        print(f"{'':<28} {'seconds':>8} {'x bare':>7}  goal")
        print(f"{'bare yaml.load (CSafeLoader)':<28} {b:8.3f} {1:7.2f}")
        print(f"{'cold: catalog read':<28} {c:8.3f} {c / b:7.2f}  <= 1.5")
        print(f"{'cold: totals + cache write':<28} {ca:8.3f} {ca / b:7.2f}  (in the background)")
        print(f"{'warm: catalog read':<28} {w:8.3f} {w / b:7.2f}  <= 0.2")
        print(f"{'warm: totals + cache write':<28} {wa:8.3f} {wa / b:7.2f}")
        ok = c / b <= 1.5 and (w + wa) / b <= 0.2
        if not args.no_window:
            for label, cache in (("cold", base / "cache-stall"), ("warm", base / "cache-stall")):
                build, stall, collector, shown = event_loop_stall(bundled, user, cache)
                print(
                    f"{label}: longest event-loop stall while the library loads "
                    f"{stall * 1000:.0f} ms (goal <= 50 ms); longest cycle-collector pause "
                    f"{collector * 1000:.0f} ms; building the window's pages before it "
                    f"{build * 1000:.0f} ms; every total shown after {shown:.1f} s"
                )
                ok = ok and stall <= 0.050
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
