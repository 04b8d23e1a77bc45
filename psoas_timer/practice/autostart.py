"""Start at login, in the tray: an XDG autostart entry that the option writes and removes.

The entry is ``$XDG_CONFIG_HOME/autostart/io.github.psoastimer.PsoasTimer.desktop`` (``~/.config``
when the variable is unset), written atomically, and runs this same program with
``--background``: ``/usr/bin/psoas-timer`` from the Debian package, a bundle's binary, the
venv's ``psoas-timer`` script, or this Python with ``-m psoas_timer`` (see
:func:`autostart_command`).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from psoas_timer.atomic_file import atomic_write

__all__ = ["autostart_command", "autostart_path", "disable", "enable", "enabled"]

DESKTOP_ID = "io.github.psoastimer.PsoasTimer"


def autostart_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(config) / "autostart" / f"{DESKTOP_ID}.desktop"


def autostart_command(
    executable: str | None = None,
    frozen: bool | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """How to start this program again, in the tray, from a login session's PATH-less start.

    - A bundle (*frozen*) runs its own binary; where ``psoas-timer`` on PATH is that same
      binary (the Debian package's ``/usr/bin/psoas-timer`` links to ``/opt/psoas-timer``),
      that name, which outlives an upgrade that moves the bundle.
    - Otherwise the ``psoas-timer`` script beside this Python (a venv, pipx, a checkout's
      ``.venv``), then the one on PATH (``pip install --user``), then ``python -m``.
    """
    exe = Path(sys.executable if executable is None else executable)
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    on_path = which("psoas-timer")
    if is_frozen:
        if on_path and Path(on_path).resolve() == exe.resolve():
            return [on_path, "--background"]
        return [str(exe), "--background"]
    script = exe.parent / "psoas-timer"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script), "--background"]
    if on_path:
        return [on_path, "--background"]
    return [str(exe), "-m", "psoas_timer", "--background"]


def _exec_line(command: Sequence[str]) -> str:
    # The desktop entry spec quotes like a shell, with "%" doubled.
    return " ".join(shlex.quote(part) for part in command).replace("%", "%%")


def entry_text(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Psoas Timer\n"
        "Comment=Reminders and desk breaks for your routines\n"
        f"Icon={DESKTOP_ID}\n"
        f"Exec={_exec_line(command)}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "NoDisplay=true\n"
    )


def enabled(env: Mapping[str, str] | None = None) -> bool:
    return autostart_path(env).is_file()


def enable(command: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """Write the autostart entry (atomically); returns its path."""
    path = autostart_path(env)
    atomic_write(path, entry_text(command or autostart_command()), mode=0o644)
    return path


def disable(env: Mapping[str, str] | None = None) -> None:
    """Remove the autostart entry (nothing happens if there is none)."""
    autostart_path(env).unlink(missing_ok=True)
