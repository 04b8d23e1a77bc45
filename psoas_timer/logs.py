"""The app's log: what went wrong in the field, in a file the user can send.

Every module logs through :mod:`logging` (``logging.getLogger(__name__)``); :func:`setup`
sends the ``psoas_timer`` loggers to a rotating file in the user's state folder
(:func:`log_path`: on Linux ``$XDG_STATE_HOME/psoas-timer/psoas-timer.log``, by default
``~/.local/state/psoas-timer/psoas-timer.log``), and with *verbose* to stderr as well, and
logs any uncaught exception before Python prints it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType

from psoas_timer import APP_ID, __version__

__all__ = ["LOG_NAME", "log_path", "setup", "shutdown", "state_dir"]

LOG_NAME = f"{APP_ID}.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_ROOT = "psoas_timer"

_log = logging.getLogger(__name__)


def state_dir() -> Path:
    """The user's state folder for the app (not created here).

    ``PSOAS_TIMER_STATE_DIR`` moves it. On Linux it follows the XDG base directories
    (``$XDG_STATE_HOME``, else ``~/.local/state``); elsewhere it is Qt's local app data
    folder (on Windows ``%LOCALAPPDATA%``, on macOS ``~/Library/Application Support``).
    """
    override = os.environ.get("PSOAS_TIMER_STATE_DIR")
    if override:
        return Path(override)
    if os.name == "posix" and sys.platform != "darwin":
        base = os.environ.get("XDG_STATE_HOME")
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "state"
        return root / APP_ID
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(location) / APP_ID / "state"


def log_path() -> Path:
    return state_dir() / LOG_NAME


class _Handler(logging.handlers.RotatingFileHandler):
    """A rotating file that is opened (and its folder made) only when there is a record."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


_handlers: list[logging.Handler] = []


def _file_handler(path: Path) -> logging.Handler:
    """A rotating handler for *path*, or :class:`OSError` if it cannot be written there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PermissionError(f"{path} cannot be written")
    return _Handler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)


def shutdown() -> None:
    """Undo :func:`setup`: close the log file and put back Python's handling of exceptions."""
    root = logging.getLogger(_ROOT)
    for old in _handlers:
        root.removeHandler(old)
        old.close()
    _handlers.clear()
    root.setLevel(logging.NOTSET)
    if sys.excepthook is _excepthook:
        sys.excepthook = _previous_hook


def setup(*, verbose: bool = False, to_file: bool = True) -> Path | None:
    """Send the app's log to its file (*to_file*) and, when *verbose*, to stderr.

    Returns the log file, or ``None`` when it cannot be written (then warnings go to stderr,
    so they are not lost). Calling it again replaces what an earlier call set up.
    """
    shutdown()
    root = logging.getLogger(_ROOT)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    formatter = logging.Formatter(_FORMAT)
    path: Path | None = log_path() if to_file else None
    problem: OSError | None = None
    if path is not None:
        try:
            handler = _file_handler(path)
        except OSError as exc:
            path, problem = None, exc
        else:
            handler.setLevel(logging.INFO)
            _handlers.append(handler)
    if verbose or problem is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        _handlers.append(stream)
    for handler in _handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)
    if problem is not None:
        _log.warning("no log file (%s); logging to stderr", problem)
    _install_excepthook()
    _log.debug("psoas-timer %s, Python %s, log %s", __version__, sys.version.split()[0], path)
    return path


_previous_hook = sys.excepthook


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if not issubclass(kind, KeyboardInterrupt):
        logging.getLogger(_ROOT).critical("uncaught exception", exc_info=(kind, value, tb))
    _previous_hook(kind, value, tb)


def _install_excepthook() -> None:
    global _previous_hook
    if sys.excepthook is not _excepthook:
        _previous_hook = sys.excepthook
        sys.excepthook = _excepthook
