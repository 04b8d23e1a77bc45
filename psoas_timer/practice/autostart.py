"""Start at login, in the tray: an XDG autostart entry that the option writes and removes.

The entry is ``$XDG_CONFIG_HOME/autostart/io.github.psoastimer.PsoasTimer.desktop`` (``~/.config``
when the variable is unset), written atomically, and runs this same program with
``--background``: the installed ``psoas-timer`` command, a bundle's binary, or this Python
with ``-m psoas_timer`` from a source checkout.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["autostart_command", "autostart_path", "disable", "enable", "enabled"]

DESKTOP_ID = "io.github.psoastimer.PsoasTimer"


def autostart_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(config) / "autostart" / f"{DESKTOP_ID}.desktop"


def autostart_command() -> list[str]:
    """How to start this program again, in the tray."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: its own binary
        return [sys.executable, "--background"]
    installed = shutil.which("psoas-timer")
    if installed:
        return [installed, "--background"]
    return [sys.executable, "-m", "psoas_timer", "--background"]


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".psoas-timer-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(entry_text(command or autostart_command()))
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def disable(env: Mapping[str, str] | None = None) -> None:
    """Remove the autostart entry (nothing happens if there is none)."""
    autostart_path(env).unlink(missing_ok=True)
