"""The language chosen in Menu → Language, read for the command line without Qt.

The window keeps the choice in its QSettings (``window/language``, see
:data:`psoas_timer.i18n.LANGUAGE_SETTING`; "" is "System"); the command line speaks the same
language, decided by the same rule (:func:`psoas_timer.i18n.chosen_language`). Reading it
must not slow a command down: importing QtCore alone costs a command about 0.1 s of CPU
(more than the whole of ``psoas-timer --help``), so the place QSettings keeps it in (its
native format, which the window uses: ``QSettings()``) is read here directly, as Qt writes
it:

- Linux and the other Unixes: an INI file, ``$XDG_CONFIG_HOME/PsoasTimer/psoas-timer.conf``
  (:func:`settings_file`), the key ``language`` in the group ``[window]``;
- macOS: the property list ``~/Library/Preferences/com.psoastimer.psoas-timer.plist``
  (:func:`preferences_file`; the name made from the organisation as Qt makes it), the key
  ``window.language`` (Qt writes ``.`` for ``/`` there);
- Windows: the registry, ``HKEY_CURRENT_USER\\Software\\PsoasTimer\\psoas-timer\\window``
  (:data:`REGISTRY_KEY`), the value ``language``.

Only the user's own settings are read (what Menu → Language writes), not the
organisation-wide or system-wide ones QSettings falls back to.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from psoas_timer import APP_ID, ORGANIZATION
from psoas_timer.i18n import LANGUAGE_SETTING

__all__ = ["REGISTRY_KEY", "kept_language", "preferences_file", "settings_file"]

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


#: Where QSettings keeps the window's settings on Windows, under HKEY_CURRENT_USER.
REGISTRY_KEY = f"Software\\{ORGANIZATION}\\{APP_ID}"


def preferences_file() -> Path:
    """The property list QSettings keeps the window's settings in on macOS."""
    return (
        Path.home()
        / "Library"
        / "Preferences"
        / f"{mac_application_id(ORGANIZATION, APP_ID)}.plist"
    )


def mac_application_id(organization: str, application: str) -> str:
    """The preferences domain QSettings names for *organization* and *application* on macOS
    (``PsoasTimer``, ``psoas-timer``: ``com.psoastimer.psoas-timer``): the organisation as an
    internet domain (``psoastimer.com`` for a plain name), turned around, then the
    application, as Qt's ``qsettings_mac.cpp`` makes it."""
    domain = _as_domain(organization)
    parts = domain.split(".")
    reverse = ".".join(reversed(parts)).lower()
    if len(parts) == 1:
        reverse = "com." + reverse
    return f"{reverse}.{application}"


_TOP_LEVEL = {"com", "org", "net", "edu", "gov", "mil", "biz", "info", "name", "pro", "aero"}
_TOP_LEVEL |= {"coop", "museum"}


def _as_domain(organization: str) -> str:
    """*organization* as a domain, Qt's way: kept when it ends in a known top-level domain
    (``example.org``), else its letters and digits lowercased, words joined by ``-``, and
    ``.com`` after (``Psoas Timer`` is ``psoas-timer.com``)."""
    for i in range(len(organization) - 1, -1, -1):
        char = organization[i]
        if char in ".\u3002\uff0e\uff61":
            suffix = organization[i + 1 :].lower()
            if len(suffix) == 2 or suffix in _TOP_LEVEL:
                return organization.replace("/", " ")
            break
        if not ("a" <= char <= "z" or "A" <= char <= "Z"):
            break
    kept = "".join(
        char.lower() if char.isascii() and char.isalnum() else " " for char in organization
    )
    domain = "-".join(kept.split())
    return domain + ".com" if domain else ""


def kept_language() -> object:
    """What Menu → Language keeps: a code, "" for "System", None when nothing is kept (or the
    settings cannot be read: logged), or something else when they are damaged (for
    :func:`~psoas_timer.i18n.chosen_language` to judge)."""
    if sys.platform == "win32":
        return read_registry(REGISTRY_KEY, LANGUAGE_SETTING)
    if sys.platform == "darwin":
        return read_plist(preferences_file(), LANGUAGE_SETTING)
    return read_ini(settings_file(), LANGUAGE_SETTING)


def read_registry(key: str, setting: str) -> object:
    """The value of *setting* (``group/name``) that QSettings wrote under *key* in
    HKEY_CURRENT_USER (Windows): the group is a key below it, the name a value there. A
    string as Qt reads it back (:func:`_variant_string`), a number as it is, an
    :class:`Unreadable` for a list; None when missing (or unreadable: logged)."""
    import winreg  # only on Windows

    group, _slash, name = setting.rpartition("/")
    path = f"{key}\\{group}" if group else key
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, path) as handle:  # type: ignore[attr-defined,unused-ignore]
            value, kind = winreg.QueryValueEx(handle, name)  # type: ignore[attr-defined,unused-ignore]
    except FileNotFoundError:
        return None
    except OSError as exc:
        _log.warning("cannot read the settings in HKEY_CURRENT_USER\\%s: %s", path, exc)
        return None
    if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and isinstance(value, str):  # type: ignore[attr-defined,unused-ignore]
        return _variant_string(value)
    if isinstance(value, int):  # REG_DWORD, REG_QWORD
        return value
    return Unreadable(repr(value))  # a list (REG_MULTI_SZ) or what Qt wrote as bytes


def read_plist(path: Path, setting: str) -> object:
    """The value of *setting* (``group/name``) in the property list QSettings wrote at *path*
    (macOS), where the key is ``group.name``: a string as Qt reads it back, a number or a
    truth as it is, an :class:`Unreadable` for anything else; None when the file or the key
    is missing (a file that cannot be read is logged)."""
    import plistlib

    try:
        with path.open("rb") as handle:
            found = plistlib.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, plistlib.InvalidFileException, ValueError) as exc:
        _log.warning("cannot read the settings in %s: %s", path, exc)
        return None
    if not isinstance(found, dict):
        return None
    value = found.get(_mac_key(setting))
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return _variant_string(value)
    return Unreadable(repr(value))


def _mac_key(setting: str) -> str:
    """*setting* as Qt keys it in a property list: ``/`` becomes ``.``, ``.`` a middle dot,
    a middle dot ``/``."""
    turned = {"/": ".", ".": "\u00b7", "\u00b7": "/"}
    return "".join(turned.get(char, char) for char in setting)


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
        if raw == "@Invalid()" or not raw.startswith("@@"):
            return _variant_string(raw)
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


def _variant_string(text: str) -> str | Unreadable | None:
    """A string QSettings wrote, as Qt reads it back: ``@`` starts a typed value
    (:class:`Unreadable`), but ``@Invalid()``, Qt's None, is None and ``@@`` is a leading
    ``@``; anything else is the string itself."""
    if not text.startswith("@"):
        return text
    if text == "@Invalid()":  # what Qt writes for None, and reads back as None
        return None
    if text.startswith("@@"):
        return text[1:]
    return Unreadable(text)
