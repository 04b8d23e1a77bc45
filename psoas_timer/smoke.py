"""A smoke test of the app as built: the real ``run()`` path, checked from inside.

``PSOAS_TIMER_SMOKE=1 dist/psoas-timer/psoas-timer`` (the bundle's entry script routes it
here) or ``python -m psoas_timer.smoke`` (from source):

1. starts the app through :func:`psoas_timer.ui.shell.app.run` and checks its window is shown;
2. imports every module of the app, and loads every bundled routine (and compiles its plan);
3. plays one cue through the audio path (the cue player when there is one, else one bundled
   clip through QSoundEffect), or reports that there is no audio output device
   (``PSOAS_TIMER_SMOKE_AUDIO=0`` skips playing, as the test suite does);
4. closes the window after ``PSOAS_TIMER_SMOKE_SECONDS`` (default 2) and exits 0, or 1 with
   what failed. Any Qt plugin that fails to load on the way fails it too (Qt's plugin loading
   is traced unless ``PSOAS_TIMER_SMOKE_PLUGINS=0``, as for start-up timing).

It ships inside the package, beside the CLI rather than in the window's package, because its
point is to run inside the built bundle, where there are no tests: it checks what PyInstaller
actually packed. Nothing in the app imports it.

It never touches the user's data, settings or running instance: it points
``PSOAS_TIMER_DATA_DIR``, ``XDG_CONFIG_HOME`` and the single-instance name at a temporary
folder first. The last line of output is ``smoke-result {json}`` for scripts.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

CLIP = Path("sounds") / "bell" / "start.wav"
#: The same Qt warning this many times means Qt is stuck in a loop.
RUNAWAY = 200
_T0 = time.perf_counter()


def _process_age() -> float | None:
    """Seconds since this process started (Linux), so start-up includes the interpreter and,
    in a bundle, the bootloader."""
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, AttributeError):
        return None
    fields = stat.rsplit(")", 1)[1].split()
    started = int(fields[19]) / ticks  # field 22: starttime, in clock ticks after boot
    return max(0.0, uptime - started)


class Smoke:
    def __init__(self, routine: str | None, seconds: float) -> None:
        self.routine = routine
        self.seconds = seconds
        self.failures: list[str] = []
        self.result: dict[str, Any] = {}
        self.messages: list[str] = []
        self._age_at_start = _process_age()
        self._t_start = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"smoke: {text}", flush=True)

    def fail(self, text: str) -> None:
        self.failures.append(text)
        print(f"smoke: FAIL {text}", flush=True)

    # -- the checks -------------------------------------------------------------------------
    def check_window(self) -> Any:
        from PySide6.QtWidgets import QApplication, QMainWindow

        windows = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMainWindow) and w.isVisible()
        ]
        if not windows:
            self.fail("no main window is shown")
            return None
        window = windows[0]
        shown = time.perf_counter() - self._t_start
        age = _process_age()
        self.result["window_shown_s"] = round(shown, 3)
        if self._age_at_start is not None and age is not None:
            # From process start (bootloader, interpreter, imports) to the window on screen.
            self.result["startup_s"] = round(self._age_at_start + shown, 3)
        icon = not window.windowIcon().isNull()
        self.result["window_icon"] = icon
        self.say(
            f"window shown: {window.windowTitle()!r}, {window.width()}x{window.height()}, "
            f"icon {'set' if icon else 'MISSING'}, platform {QApplication.platformName()}"
        )
        if not icon:
            self.fail("the window has no icon")
        app = QApplication.instance()
        if app is not None and (not app.organizationName() or not app.applicationName()):
            self.fail("organization or application name not set")
        return window

    def check_imports(self) -> None:
        """Every module of the app imports: a dependency left out of a bundle shows here, not
        when someone first opens the feature that needs it."""
        import importlib
        import pkgutil

        import psoas_timer

        names = [
            info.name
            for info in pkgutil.walk_packages(psoas_timer.__path__, "psoas_timer.")
            if not info.name.endswith("__main__")
        ]
        for name in names:
            try:
                importlib.import_module(name)
            except Exception as exc:
                self.fail(f"import {name}: {type(exc).__name__}: {exc}")
        self.result["modules"] = len(names)
        self.say(f"modules: {len(names)} imported")
        if len(names) < 10:
            self.fail(f"only {len(names)} app modules found: is the package collected?")

    def check_routines(self, window: Any) -> Any:
        from psoas_timer import paths
        from psoas_timer.core.catalog import load_catalog
        from psoas_timer.core.loader import is_library_file, is_programme_file, routine_files

        bundled = paths.bundled_routines_dir()
        files = [
            f
            for f in routine_files([bundled])
            if not is_library_file(f) and not is_programme_file(f)
        ]
        catalog = load_catalog(bundled, None)
        broken = [e for e in catalog.entries if not e.ok]
        for entry in broken:
            for problem in entry.problems:
                self.fail(f"routine {entry.path.name}: {problem}")
        for problem in catalog.library_problems:
            self.fail(f"library: {problem}")
        plans = []
        for entry in catalog.entries:
            if entry.ok:
                try:
                    plans.append(entry.plan)
                except Exception as exc:  # a bug the bundle must not hide
                    self.fail(f"routine {entry.path.name}: cannot compile: {exc}")
        shown = getattr(getattr(window, "catalog", None), "entries", None)
        self.result["routines"] = len(catalog.entries)
        self.result["routine_files"] = len(files)
        self.say(
            f"routines: {len(catalog.entries)} loaded from {bundled} "
            f"({len(files)} files, {len(broken)} broken, {len(plans)} plans)"
            + (f"; the window lists {len(shown)}" if shown is not None else "")
        )
        if not catalog.entries:
            self.fail(f"no bundled routines under {bundled}")
        if len(catalog.entries) != len(files):
            self.fail(f"{len(files)} routine files but {len(catalog.entries)} loaded")
        return plans[0] if plans else None

    def check_audio(self, plan: Any, done: Callable[[], None]) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtMultimedia import QMediaDevices

        from psoas_timer import paths

        devices = QMediaDevices.audioOutputs()
        self.result["audio_devices"] = len(devices)
        if os.environ.get("PSOAS_TIMER_SMOKE_AUDIO", "1") == "0":
            self.result["audio"] = "skipped"
            self.say(f"audio: {len(devices)} output device(s); playback skipped on request")
            self._check_clip_file(paths.assets_dir() / CLIP)
            done()
            return
        if not devices:
            self.result["audio"] = "no-device"
            self.say("audio: no output device here; QtMultimedia loaded, playback skipped")
            self._check_clip_file(paths.assets_dir() / CLIP)
            done()
            return
        self.say(f"audio: default output {QMediaDevices.defaultAudioOutput().description()!r}")
        cue_player = plan is not None and self._play_through_cue_player(plan)
        self.result["cue_player"] = cue_player
        # Then one clip straight through QSoundEffect, waiting until it has played out: proof
        # that sound reaches the device from this build.
        delay = 1500 if cue_player else 0
        QTimer.singleShot(delay, lambda: self._play_clip(paths.assets_dir() / CLIP, done))

    def _check_clip_file(self, clip: Path) -> None:
        if not clip.is_file():
            self.fail(f"audio: missing clip {clip}")

    def _play_through_cue_player(self, plan: Any) -> bool:
        from psoas_timer import paths
        from psoas_timer.audio.settings import AudioSettings
        from psoas_timer.core.engine import FiredCue
        from psoas_timer.ui.sound.output import SilentOutput, make_output

        output = make_output(paths.assets_dir(), settings=AudioSettings(muted=False))
        if isinstance(output, SilentOutput):
            self.say("audio: no cue player in this build; playing a clip directly")
            return False
        cues = plan.cues()
        if not cues:
            return False
        at, cue, segment = cues[0]
        output.problem.connect(lambda text: self.fail(f"audio: {text}"))
        output.warm_up()
        output.play(FiredCue(cue, at, segment), plan.cue_style)
        self._output = output  # keep it alive while it plays
        self.say(f"audio: cue {cue.kind} {cue.text!r} sent to the cue player")
        return True

    def _play_clip(self, clip: Path, done: Callable[[], None]) -> None:
        from PySide6.QtCore import QTimer, QUrl
        from PySide6.QtMultimedia import QSoundEffect

        self._check_clip_file(clip)
        effect = QSoundEffect()
        self._effect = effect
        started = time.perf_counter()
        finished = False

        def finish(outcome: str) -> None:
            nonlocal finished
            if finished:
                return
            finished = True
            self.result["audio"] = outcome
            done()

        def on_status() -> None:
            status = effect.status()
            if status == QSoundEffect.Status.Error:
                self.fail(f"audio: QSoundEffect could not play {clip.name}")
                finish("error")

        def on_playing() -> None:
            if effect.isPlaying():
                self.say(f"audio: playing {clip.name} ({time.perf_counter() - started:.2f} s)")
                # Stopped from here rather than left to end: a clip that ends by itself can
                # end on PulseAudio's thread, which Qt 6.11 does not survive (see the player).
                QTimer.singleShot(300, effect.stop)
            else:
                self.say(f"audio: {clip.name} played and stopped")
                finish("played")

        def on_timeout() -> None:
            if not finished:
                self.fail(f"audio: {clip.name} did not finish playing within 5 s")
                finish("timeout")

        effect.statusChanged.connect(on_status)
        effect.playingChanged.connect(on_playing)
        effect.setSource(QUrl.fromLocalFile(str(clip)))
        effect.setVolume(0.2)
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effect.play()
        QTimer.singleShot(5000, on_timeout)


def _isolate() -> None:
    """Keep away from the user's data, settings and running instance."""
    scratch = Path(tempfile.mkdtemp(prefix="psoas-timer-smoke-"))
    os.environ["PSOAS_TIMER_DATA_DIR"] = str(scratch / "data")
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ["PSOAS_TIMER_INSTANCE"] = str(scratch / "instance.sock")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _plugin_failed(text: str) -> bool:
    """Whether Qt's library trace says a plugin *file* failed to load.

    Plugins are loaded by path. A bare name (``"va-x11" cannot load``) is an optional system
    library that a plugin looks for and does without (FFmpeg's hardware decoders, libva):
    its absence says nothing about the build, so it is not a failure.
    """
    name, sep, _ = text.partition(" cannot load")
    if not sep:
        return False
    return os.path.isabs(name.strip().strip('"'))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the smoke test; ``argv`` may hold one routine to open."""
    args = list(sys.argv[1:] if argv is None else argv)
    routine = args[0] if args else None
    seconds = float(os.environ.get("PSOAS_TIMER_SMOKE_SECONDS", "2"))
    _isolate()

    importlib.import_module("psoas_timer.ui")  # its PySide fixes go in before Qt, as in the app
    from PySide6.QtCore import QLoggingCategory, QTimer, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from psoas_timer import __version__
    from psoas_timer.practice.autostart import autostart_command
    from psoas_timer.ui.shell.app import run

    smoke = Smoke(routine, seconds)
    frozen = bool(getattr(sys, "frozen", False))
    smoke.say(f"psoas-timer {__version__}, {'bundle' if frozen else 'source'}, pid {os.getpid()}")
    qt_messages: list[str] = []
    counts: dict[str, int] = {}

    def report(status: int) -> None:
        if status != 0 and not smoke.failures:
            smoke.fail(f"run() returned {status}")
        smoke.result.update(
            ok=not smoke.failures,
            failures=smoke.failures,
            qt_warnings=qt_messages,
            frozen=frozen,
            # What Start at login would run: this install's own program (tests/release).
            autostart=autostart_command(),
            total_s=round(time.perf_counter() - _T0, 3),
        )
        print("smoke-result " + json.dumps(smoke.result), flush=True)

    def on_message(kind: QtMsgType, context: Any, text: str) -> None:
        if kind == QtMsgType.QtDebugMsg:
            # Plugin loading, when traced: a bundled plugin that cannot load is a broken build.
            if _plugin_failed(text):
                smoke.fail(f"Qt plugin: {text.strip()}")
            return
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            counts[text] = counts.get(text, 0) + 1
            if counts[text] > RUNAWAY:
                # Qt stuck repeating itself (seen: PulseAudio teardown spinning on
                # "QSocketNotifier: Invalid socket"): report it and stop, do not spin forever.
                smoke.fail(f"Qt repeats itself endlessly: {text!r}")
                report(status=1)
                os._exit(1)
            if len(qt_messages) < 50:
                qt_messages.append(text)
                category = getattr(context, "category", None) or "default"
                print(f"smoke: qt: [{category}] {text}", file=sys.stderr, flush=True)

    qInstallMessageHandler(on_message)
    if os.environ.get("PSOAS_TIMER_SMOKE_PLUGINS", "1") == "1":
        QLoggingCategory.setFilterRules("qt.core.library.debug=true")
    # run() reuses this application, so the checks can be queued before it starts.
    app = QApplication(sys.argv[:1])
    state: dict[str, Any] = {"window": None}

    def finish() -> None:
        window = state["window"]
        if window is not None:
            window.close()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        app.exit(1 if smoke.failures else 0)

    def after_audio() -> None:
        smoke.say(f"closing in {smoke.seconds:g} s")
        QTimer.singleShot(int(smoke.seconds * 1000), finish)

    def checks() -> None:
        try:
            window = state["window"] or smoke.check_window()
            state["window"] = window
            if window is not None and (
                not getattr(window, "loaded", True) or getattr(window, "loading", False)
            ):
                QTimer.singleShot(10, checks)  # on screen; the routines are still loading
                return
            if window is not None:
                smoke.result["ready_s"] = round(time.perf_counter() - smoke._t_start, 3)
            smoke.check_imports()
            plan = smoke.check_routines(window)
            smoke.check_audio(plan, after_audio)
        except Exception as exc:
            smoke.fail(f"{type(exc).__name__}: {exc}")
            finish()

    QTimer.singleShot(0, checks)
    watchdog = QTimer()
    watchdog.setSingleShot(True)

    def on_watchdog() -> None:
        smoke.fail("timed out")
        app.exit(1)

    watchdog.timeout.connect(on_watchdog)
    watchdog.start(int((seconds + 20) * 1000))
    status = run(routine)
    watchdog.stop()
    report(status)
    QLoggingCategory.setFilterRules("")
    qInstallMessageHandler(None)
    return 0 if not smoke.failures else 1


if __name__ == "__main__":
    sys.exit(main())
