"""Cue latency: from a cue's scheduled moment to its sound reaching the sink.

Starts its own PulseAudio with a null sink, records the sink's monitor with ``parec`` (each
chunk timestamped on arrival, on the same monotonic clock that schedules the cues), plays
``--cues`` countdown pips per backend at scheduled moments, finds each pip's onset in the
recording and prints median, p99 and worst latency, misses and CPU. The first cue counts.

Backends, in one run:

- ``qsoundeffect``: the app's :class:`CuePlayer` (warmed up as the app does at start), cues
  due from a precise QTimer, handed over with ``play()`` as the UI does;
- ``playsound3``: ``playsound(path, block=False)``, one ``gst-play-1.0`` process per cue;
- ``paplay``: one ``paplay`` process per cue.

Needs: ``apt-get install pulseaudio pulseaudio-utils libpulse0 gstreamer1.0-plugins-base-apps
gstreamer1.0-plugins-good`` and ``pip install playsound3`` (benchmark only; not a dependency).

    python benchmarks/cue_latency.py [--cues 200] [--spacing 0.25] [--only qsoundeffect]

The figure includes the monitor's own capture delay (a few ms), so it errs on the slow side;
with a real card add its hardware buffer, the same for every backend.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RATE = 48_000
THRESHOLD = 300  # about -40 dBFS: well above silence, well below the pip
CLIP = ROOT / "assets" / "sounds" / "clear" / "countdown.wav"
_APP: object = None  # the QCoreApplication must outlive every Qt object


class PulseServer:
    """A private PulseAudio with one null sink, gone when the benchmark ends."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="psoas-pa-"))
        self.socket = self.dir / "native"
        self.pid: int | None = None

    def start(self) -> None:
        config = self.dir / "default.pa"
        config.write_text(
            f"load-module module-null-sink sink_name=bench rate={RATE}\n"
            "set-default-sink bench\n"
            f"load-module module-native-protocol-unix socket={self.socket} auth-anonymous=1\n"
        )
        env = {**os.environ, "HOME": str(self.dir), "XDG_RUNTIME_DIR": str(self.dir)}
        # Daemonized, so it is not our child (Qt's child-process handling then stays out of it)
        subprocess.run(
            ["pulseaudio", "-n", "-F", str(config), "--exit-idle-time=-1", "--daemonize=yes",
             "--use-pid-file=yes", f"--log-target=file:{self.dir / 'log'}"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        os.environ["PULSE_SERVER"] = f"unix:{self.socket}"
        for _ in range(100):
            if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                pidfile = self.dir / "pulse" / "pid"
                self.pid = int(pidfile.read_text().split()[0]) if pidfile.exists() else None
                return
            time.sleep(0.05)
        raise RuntimeError("pulseaudio did not start")

    def stop(self) -> None:
        if self.pid is not None:
            os.kill(self.pid, signal.SIGTERM)
        shutil.rmtree(self.dir, ignore_errors=True)


class Recorder:
    """``parec`` on the sink's monitor; maps every sample to the moment it reached the sink."""

    def __init__(self) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self.proc = subprocess.Popen(
            ["parec", "--raw", "--format=s16le", "--channels=1", f"--rate={RATE}",
             "--latency-msec=2", "-d", "bench.monitor"],
            stdout=subprocess.PIPE,
        )  # fmt: skip
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while True:
            data = os.read(fd, 1024)
            if not data:
                return
            self.chunks.append((time.monotonic(), data))

    def stop(self) -> list[float]:
        """Onset times (monotonic seconds) of every sound after 50 ms of quiet."""
        self.proc.terminate()
        self.thread.join(5)
        samples = array("h")
        ends: list[int] = []
        stamps: list[float] = []
        pending = b""
        for stamp, data in self.chunks:
            pending += data
            whole = len(pending) // 2 * 2
            samples.frombytes(pending[:whole])
            pending = pending[whole:]
            ends.append(len(samples))
            stamps.append(stamp)
        found: list[float] = []
        last = -RATE
        for i, v in enumerate(samples):
            if v > THRESHOLD or v < -THRESHOLD:
                if i - last > RATE // 20:
                    j = bisect_left(ends, i + 1)
                    found.append(stamps[j] - (ends[j] - i) / RATE)
                last = i
        return found


def run_schedule(
    start_cue: Callable[[int], None], due: list[float], pump: Callable[[], None]
) -> None:
    for i, t in enumerate(due):
        while True:
            left = t - time.monotonic()
            if left <= 0:
                break
            pump() if left > 0.003 else None
            time.sleep(min(max(left - 0.002, 0), 0.001))
        start_cue(i)


def bench_qsoundeffect(due: list[float]) -> Callable[[], None]:
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

    from psoas_timer.audio.player import CuePlayer
    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.core.engine import FiredCue
    from psoas_timer.core.plan import Cue

    global _APP
    _APP = QCoreApplication.instance() or QCoreApplication([])
    player = CuePlayer(ROOT / "assets", AudioSettings(master=1.0, tones=1.0, tone_style="clear"))
    player.problem.connect(lambda m: print("  problem:", m, file=sys.stderr))
    player.warm_up()
    loop = QEventLoop()
    QTimer.singleShot(3000, loop.quit)  # the app warms up at start, well before a session
    loop.exec()
    assert player.available, "Qt Multimedia found no output"
    cue = Cue("countdown", "3", 3.0, "end")

    def fire(i: int) -> None:
        player.play(FiredCue(cue, due[i], None), "tone")

    def run() -> None:
        timers = []
        for i, t in enumerate(due):
            timer = QTimer()
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.timeout.connect(lambda i=i: fire(i))
            timer.start(max(0, round((t - time.monotonic()) * 1000)))
            timers.append(timer)
        QTimer.singleShot(round((due[-1] - time.monotonic() + 0.5) * 1000), loop.quit)
        loop.exec()

    return run


def bench_playsound3(due: list[float]) -> Callable[[], None]:
    from playsound3 import playsound

    sounds: list[object] = []

    def run() -> None:
        run_schedule(lambda i: sounds.append(playsound(str(CLIP), block=False)), due, lambda: None)
        time.sleep(0.5)

    return run


def bench_paplay(due: list[float]) -> Callable[[], None]:
    procs: list[subprocess.Popen[bytes]] = []

    def run() -> None:
        run_schedule(
            lambda i: procs.append(subprocess.Popen(["paplay", str(CLIP)])), due, lambda: None
        )
        time.sleep(0.5)
        for p in procs:
            p.wait(5)

    return run


BACKENDS = {
    "qsoundeffect": bench_qsoundeffect,
    "playsound3": bench_playsound3,
    "paplay": bench_paplay,
}


def measure(name: str, cues: int, spacing: float) -> dict[str, float]:
    recorder = Recorder()
    time.sleep(0.5)
    start = time.monotonic() + 4.0
    due = [start + i * spacing for i in range(cues)]
    run = BACKENDS[name](due)
    cpu0 = time.process_time()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall0 = time.monotonic()
    run()
    wall = time.monotonic() - wall0
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu0
    kids = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
    onsets = recorder.stop()
    latencies: list[float] = []
    missed = 0
    for t in due:
        hits = [o - t for o in onsets if -0.005 <= o - t < spacing - 0.01]
        if hits:
            latencies.append(hits[0] * 1000)
        else:
            missed += 1
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")
    return {
        "n": len(latencies),
        "missed": missed,
        "first": latencies[0] if latencies and missed == 0 else float("nan"),
        "median": statistics.median(latencies) if latencies else float("nan"),
        "p99": p99,
        "max": ordered[-1] if ordered else float("nan"),
        "cpu_ms_per_cue": (cpu + kids) * 1000 / cues,
        "cpu_pct": (cpu + kids) * 100 / wall,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=200)
    parser.add_argument("--spacing", type=float, default=0.25, help="seconds between cues")
    parser.add_argument("--only", choices=sorted(BACKENDS), action="append")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    server = PulseServer()
    server.start()
    try:
        print(f"{args.cues} cues per backend, {args.spacing:g} s apart, null sink at {RATE} Hz")
        print(f"{'backend':<14}{'first':>8}{'median':>8}{'p99':>8}{'max':>8}{'missed':>8}"
              f"{'CPU/cue':>10}{'CPU':>7}")  # fmt: skip
        for name in args.only or list(BACKENDS):
            try:
                r = measure(name, args.cues, args.spacing)
            except Exception as exc:  # a backend that cannot run is a result too
                print(f"{name:<14}unavailable: {exc}")
                continue
            print(
                f"{name:<14}{r['first']:>6.1f}ms{r['median']:>6.1f}ms{r['p99']:>6.1f}ms"
                f"{r['max']:>6.1f}ms{r['missed']:>8.0f}{r['cpu_ms_per_cue']:>8.2f}ms"
                f"{r['cpu_pct']:>6.1f}%"
            )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
