"""Where the command line finds the language kept in Menu → Language on macOS and Windows,
with the platform faked: the window keeps it with ``QSettings()``, Qt's native format, which
is a property list on macOS (``~/Library/Preferences/com.psoastimer.psoas-timer.plist``, key
``window.language``) and the registry on Windows
(``HKEY_CURRENT_USER\\Software\\PsoasTimer\\psoas-timer\\window``, value ``language``). It is
read there without QtCore, as on Linux (a command never pays the 0.1 s of loading it)."""

from __future__ import annotations

import plistlib
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from psoas_timer.cli.kept_language import (
    Unreadable,
    kept_language,
    mac_application_id,
    preferences_file,
)


@pytest.fixture
def mac(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """macOS, with a home of the test's own: the property list QSettings would write."""
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    return tmp_path / "Library" / "Preferences" / "com.psoastimer.psoas-timer.plist"


def _write_plist(path: Path, values: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plistlib.dumps(values, fmt=plistlib.FMT_BINARY))  # as CFPreferences


def test_on_macos_the_choice_is_read_from_qt_s_property_list(mac: Path) -> None:
    assert kept_language() is None  # nothing kept yet
    _write_plist(mac, {"window.language": "de", "window.geometry": b"\x01\xd9"})
    assert preferences_file() == mac
    assert kept_language() == "de"
    _write_plist(mac, {"window.language": ""})
    assert kept_language() == ""  # "System"


@pytest.mark.parametrize(
    ("written", "read"),
    [("@@de", "@de"), ("@Invalid()", None), (3, 3), (["de", "fr"], Unreadable)],
)
def test_on_macos_a_value_reads_as_qt_reads_it_back(
    mac: Path, written: object, read: object
) -> None:
    _write_plist(mac, {"window.language": written})
    found = kept_language()
    assert isinstance(found, Unreadable) if read is Unreadable else found == read


def test_on_macos_a_damaged_file_is_logged_and_nothing_kept(
    mac: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mac.parent.mkdir(parents=True)
    mac.write_bytes(b"bplist00 not really")
    assert kept_language() is None
    assert "cannot read the settings" in caplog.text


@pytest.mark.parametrize(
    ("organization", "application", "domain"),
    [
        ("PsoasTimer", "psoas-timer", "com.psoastimer.psoas-timer"),
        ("Psoas Timer", "app", "com.psoas-timer.app"),
        ("psoastimer.org", "app", "org.psoastimer.app"),
        ("Example Co.uk", "app", "uk.Example Co.app".lower()),
    ],
)
def test_the_macos_domain_is_named_as_qt_names_it(
    organization: str, application: str, domain: str
) -> None:
    assert mac_application_id(organization, application) == domain


class FakeRegistry(types.ModuleType):
    """``winreg`` with one hive: HKEY_CURRENT_USER's keys, each with its values."""

    HKEY_CURRENT_USER = 0x80000001
    REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ = 1, 2, 4, 7

    def __init__(self) -> None:
        super().__init__("winreg")
        self.keys: dict[str, dict[str, tuple[object, int]]] = {}

    class _Handle:
        def __init__(self, values: dict[str, tuple[object, int]]) -> None:
            self.values = values

        def __enter__(self) -> FakeRegistry._Handle:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    def OpenKey(self, hive: int, path: str) -> FakeRegistry._Handle:
        assert hive == self.HKEY_CURRENT_USER
        if path.lower() not in self.keys:
            raise FileNotFoundError(path)
        return self._Handle(self.keys[path.lower()])

    def QueryValueEx(self, handle: FakeRegistry._Handle, name: str) -> tuple[object, int]:
        if name not in handle.values:
            raise FileNotFoundError(name)
        return handle.values[name]


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> FakeRegistry:
    """Windows, with a registry of the test's own."""
    fake = FakeRegistry()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "winreg", fake)
    return fake


def test_on_windows_the_choice_is_read_from_qt_s_registry_key(registry: FakeRegistry) -> None:
    assert kept_language() is None  # nothing kept yet
    window = r"software\psoastimer\psoas-timer\window"  # the registry ignores case
    registry.keys[window] = {"language": ("pt_BR", registry.REG_SZ)}
    assert kept_language() == "pt_BR"
    registry.keys[window] = {"language": ("@@x", registry.REG_SZ)}
    assert kept_language() == "@x"
    registry.keys[window] = {"language": ("@Invalid()", registry.REG_SZ)}
    assert kept_language() is None
    registry.keys[window] = {"language": (["de", "fr"], registry.REG_MULTI_SZ)}
    assert isinstance(kept_language(), Unreadable)
    registry.keys[window] = {"geometry": ("@ByteArray()", registry.REG_SZ)}
    assert kept_language() is None
