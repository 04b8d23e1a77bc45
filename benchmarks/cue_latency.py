"""Cue latency: from a cue's scheduled moment to its sound reaching the sink.

Starts its own PulseAudio with a null sink, records the sink's monitor with ``parec`` (each
chunk timestamped on arrival, on the same monotonic clock that schedules the cues), plays
``--cues`` countdown pips per backend at scheduled moments, finds each pip's onset in the
recording and prints the first cue's latency, median, p99 and worst, misses, split pips and
CPU. The first cue counts.

An onset counts only where the recording matches the *start* of the pip: its first 30 ms of
loudness, rising as the clip does. A bare threshold crossing is not enough. Qt 6.11 pauses
its output stream between sounds with the last ~40 ms of the previous pip still buffered. That
tail comes out the moment the next cue starts, and the crossing finder took it for the cue, so
it once measured 1.4 ms for cues that were really ~50 ms late. "split" counts pips that arrived
in pieces (a gap where the clip is loud).

Backends, in one run:

- ``qsoundeffect``: the app's :class:`CuePlayer` (warmed up as the app does at start), cues
  due from a precise QTimer, handed over with ``play()`` as the UI does; with ``--cold`` it is
  warmed up only at the first cue, as a session's start does;
- ``playsound3``: ``playsound(path, block=False)``, one ``gst-play-1.0`` process per cue;
- ``paplay``: one ``paplay`` process per cue.

The player sets ``PULSE_LATENCY_MSEC`` for its own stream. The recorder and the other
backends' processes run without it (unless it was set before the benchmark started).

Needs: ``apt-get install pulseaudio pulseaudio-utils libpulse0 gstreamer1.0-plugins-base-apps
gstreamer1.0-plugins-good`` and ``pip install playsound3`` (benchmark only; not a dependency).

    python benchmarks/cue_latency.py [--cues 200] [--spacing 0.25] [--only qsoundeffect] [--cold]

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
import wave
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RATE = 48_000
THRESHOLD = 300  # about -40 dBFS: well above silence, well below the pip
QUIET_MS = 3  # a candidate onset follows at least this much below THRESHOLD
MATCH_MS = 30  # how much of the pip's start an onset must match
MATCH_ERROR = 0.12  # mean difference of the two loudness shapes (each scaled to 1) allowed
CLIP = ROOT / "assets" / "sounds" / "clear" / "countdown.wav"
_APP: object = None  # the QCoreApplication must outlive every Qt object
#: A PULSE_LATENCY_MSEC of the user's own; the player's (set when it starts) stays its own.
_USER_LATENCY = os.environ.get("PULSE_LATENCY_MSEC")


def child_env() -> dict[str, str]:
    """The environment for other processes: without the player's PULSE_LATENCY_MSEC."""
    env = dict(os.environ)
    if _USER_LATENCY is None:
        env.pop("PULSE_LATENCY_MSEC", None)
    return env


@contextmanager
def without_player_latency() -> Iterator[None]:
    """For backends that start processes with the inherited environment (playsound3)."""
    saved = os.environ.get("PULSE_LATENCY_MSEC")
    if _USER_LATENCY is None:
        os.environ.pop("PULSE_LATENCY_MSEC", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["PULSE_LATENCY_MSEC"] = saved


def peaks(samples: array[int], start: int, blocks: int, block: int) -> list[int]:
    """The loudest sample of each *block*-long piece from *start* (0 past the end)."""
    out = []
    for k in range(blocks):
        piece = samples[start + k * block : start + (k + 1) * block]
        out.append(max(max(piece), -min(piece)) if piece else 0)
    return out


class Pip:
    """The clip's loudness, per millisecond, from its first sample above THRESHOLD."""

    def __init__(self, path: Path) -> None:
        with wave.open(str(path), "rb") as w:
            rate = w.getframerate()
            data = array("h")
            data.frombytes(w.readframes(w.getnframes()))
        first = next(i for i, v in enumerate(data) if abs(v) > THRESHOLD)
        self.envelope = peaks(data, first, (len(data) - first) // (rate // 1000), rate // 1000)
        self.match = min(MATCH_MS, len(self.envelope))

    def matches(self, heard: list[int]) -> bool:
        """Whether *heard* (per-ms peaks from a candidate onset) is this pip starting."""
        want = self.envelope[: self.match]
        top_heard, top_want = max(heard[: self.match]), max(want)
        if top_heard <= 0:
            return False
        error = sum(abs(h / top_heard - w / top_want) for h, w in zip(heard, want, strict=False))
        return error / self.match < MATCH_ERROR

    def split(self, heard: list[int]) -> bool:
        """Whether the pip has holes: 2+ ms near silence where the clip is loud."""
        gain = max(heard[: self.match]) / max(self.envelope[: self.match])
        holes = sum(
            1
            for h, w in zip(heard, self.envelope, strict=False)
            if w > 0.25 * max(self.envelope) and h < 0.05 * w * gain
        )
        return holes >= 2


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
            for _ in range(100):  # it writes into its folder as it exits: wait, then remove
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.02)
        shutil.rmtree(self.dir, ignore_errors=True)


class Recorder:
    """``parec`` on the sink's monitor; maps every sample to the moment it reached the sink."""

    def __init__(self) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self.proc = subprocess.Popen(
            ["parec", "--raw", "--format=s16le", "--channels=1", f"--rate={RATE}",
             "--latency-msec=2", "-d", "bench.monitor"],
            stdout=subprocess.PIPE, env=child_env(),
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

    def stop(self, pip: Pip) -> list[tuple[float, bool]]:
        """Each onset of *pip* (monotonic seconds) and whether it arrived in pieces."""
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
        block = RATE // 1000
        found: list[tuple[float, bool]] = []
        last = -RATE
        for i, v in enumerate(samples):
            if v > THRESHOLD or v < -THRESHOLD:
                if i - last > QUIET_MS * block:
                    heard = peaks(samples, i, len(pip.envelope), block)
                    if pip.matches(heard):
                        j = bisect_left(ends, i + 1)
                        found.append((stamps[j] - (ends[j] - i) / RATE, pip.split(heard)))
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


def bench_qsoundeffect(due: list[float], cold: bool = False) -> Callable[[], None]:
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

    from psoas_timer.audio.player import CuePlayer
    from psoas_timer.audio.settings import AudioSettings
    from psoas_timer.core.engine import FiredCue
    from psoas_timer.core.plan import Cue

    global _APP
    _APP = QCoreApplication.instance() or QCoreApplication([])
    player = CuePlayer(ROOT / "assets", AudioSettings(master=1.0, tones=1.0, tone_style="clear"))
    player.problem.connect(lambda m: print("  problem:", m, file=sys.stderr))
    loop = QEventLoop()
    if not cold:
        player.warm_up()
        QTimer.singleShot(3000, loop.quit)  # warmed up well before the session
        loop.exec()
    assert player.available, "Qt Multimedia found no output"
    cue = Cue("countdown", "3", 3.0, "end")

    def fire(i: int) -> None:
        if cold and i == 0:
            player.warm_up()  # what starting a session does, just before its first cue
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
        with without_player_latency():
            run_schedule(
                lambda i: sounds.append(playsound(str(CLIP), block=False)), due, lambda: None
            )
            time.sleep(0.5)

    return run


def bench_paplay(due: list[float]) -> Callable[[], None]:
    procs: list[subprocess.Popen[bytes]] = []

    def run() -> None:
        run_schedule(
            lambda i: procs.append(subprocess.Popen(["paplay", str(CLIP)], env=child_env())),
            due,
            lambda: None,
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


def measure(name: str, cues: int, spacing: float, cold: bool = False) -> dict[str, float]:
    recorder = Recorder()
    time.sleep(0.5)
    start = time.monotonic() + 4.0
    due = [start + i * spacing for i in range(cues)]
    run = bench_qsoundeffect(due, cold) if name == "qsoundeffect" else BACKENDS[name](due)
    cpu0 = time.process_time()
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall0 = time.monotonic()
    run()
    wall = time.monotonic() - wall0
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu0
    kids = (kids1.ru_utime + kids1.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
    onsets = recorder.stop(Pip(CLIP))
    latencies: list[float] = []
    missed = split = 0
    first = float("nan")
    for i, t in enumerate(due):
        hits = [(o - t, broken) for o, broken in onsets if -0.005 <= o - t < spacing - 0.01]
        if hits:
            latencies.append(hits[0][0] * 1000)
            split += hits[0][1]
            if i == 0:
                first = latencies[0]
        else:
            missed += 1
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")
    return {
        "n": len(latencies),
        "missed": missed,
        "split": split,
        "first": first,
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
    parser.add_argument(
        "--cold", action="store_true", help="warm the player up at the first cue, not before"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    server = PulseServer()
    server.start()
    try:
        print(f"{args.cues} cues per backend, {args.spacing:g} s apart, null sink at {RATE} Hz")
        print(f"{'backend':<14}{'first':>8}{'median':>8}{'p99':>8}{'max':>8}{'missed':>8}"
              f"{'split':>7}{'CPU/cue':>10}{'CPU':>7}")  # fmt: skip
        for name in args.only or list(BACKENDS):
            try:
                r = measure(name, args.cues, args.spacing, args.cold)
            except Exception as exc:  # a backend that cannot run is a result too
                print(f"{name:<14}unavailable: {exc}")
                continue
            print(
                f"{name:<14}{r['first']:>6.1f}ms{r['median']:>6.1f}ms{r['p99']:>6.1f}ms"
                f"{r['max']:>6.1f}ms{r['missed']:>8.0f}{r['split']:>7.0f}"
                f"{r['cpu_ms_per_cue']:>8.2f}ms"
                f"{r['cpu_pct']:>6.1f}%"
            )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
