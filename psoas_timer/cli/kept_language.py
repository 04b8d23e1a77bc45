"""The language chosen in Menu → Language, read for the command line without Qt.

The window keeps the choice in its QSettings (``window/language``, see
:data:`psoas_timer.i18n.LANGUAGE_SETTING`; "" is "System"); the command line speaks the same
language, decided by the same rule (:func:`psoas_timer.i18n.chosen_language`). Reading it
must not slow a command down: importing QtCore alone costs a command about 0.1 s of CPU
(more than the whole of ``psoas-timer --help``), so where QSettings keeps an INI file (Linux
and the other Unixes) the file is read here directly, as Qt writes it; on macOS and Windows,
where QSettings keeps a property list or the registry, QtCore reads it.

Only the user's own settings file is read (what Menu → Language writes), not the
organisation-wide or system-wide files QSettings falls back to.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from psoas_timer import APP_ID, ORGANIZATION
from psoas_timer.i18n import LANGUAGE_SETTING

__all__ = ["kept_language", "settings_file"]

_log = logging.getLogger(__name__)


class Unreadable:
    """A value Qt wrote that is not a string (``@Variant(...)``, ``@ByteArray(...)``, a
    list): never a language. Its *text* as written, for the log line. (A plain class: the
    dataclasses module would cost every command 6 ms to import.)"""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return repr(self.text)


def settings_file() -> Path:
    """The INI file QSettings keeps the window's settings in, on Linux and the other Unixes
    (``$XDG_CONFIG_HOME/PsoasTimer/psoas-timer.conf``, ``~/.config`` when that is unset or not
    an absolute path, as Qt has it)."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    folder = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return folder / ORGANIZATION / f"{APP_ID}.conf"


def kept_language() -> object:
    """What Menu → Language keeps: a code, "" for "System", None when nothing is kept (or the
    settings cannot be read: logged), or something else when the file is damaged (for
    :func:`~psoas_timer.i18n.chosen_language` to judge)."""
    if sys.platform in ("darwin", "win32"):  # pragma: no cover - QSettings keeps no INI there
        from PySide6.QtCore import QSettings

        value: object = QSettings(ORGANIZATION, APP_ID).value(LANGUAGE_SETTING)
        return value
    return read_ini(settings_file(), LANGUAGE_SETTING)


def read_ini(path: Path, key: str) -> object:
    """The value of *key* (``group/name``) in the INI file QSettings wrote at *path*: a string
    as Qt reads it back, an :class:`Unreadable` for what Qt writes that is not one, None when
    the file or the key is missing (a file that cannot be read is logged)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        _log.warning("cannot read the settings in %s: %s", path, exc)
        return None
    group, _slash, name = key.rpartition("/")
    group = group or "General"
    found: object = None
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group:
            left, equals, right = line.partition("=")
            if equals and left.strip() == name:
                found = _ini_string(right.strip())  # the last one counts, as in Qt
    return found


def _ini_string(raw: str) -> str | Unreadable | None:
    """*raw* as Qt reads back a string it wrote: within double quotes when it has a comma, a
    semicolon, an equals sign or spaces at its ends; ``\\`` escapes; ``@@`` for a leading
    ``@``. Unquoted commas make a list, and ``@`` starts a typed value: :class:`Unreadable`
    (but ``@Invalid()``, Qt's None, is None)."""
    if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
        raw = raw[1:-1]
    elif "," in raw:
        return Unreadable(raw)
    if raw.startswith("@"):
        if raw == "@Invalid()":  # what Qt writes for None, and reads back as None
            return None
        if not raw.startswith("@@"):
            return Unreadable(raw)
        raw = raw[1:]
    out: list[str] = []
    chars = iter(raw)
    escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "a": "\a", "b": "\b", "f": "\f"}
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(escapes.get(following, following))
        else:
            out.append(char)
    return "".join(out)
