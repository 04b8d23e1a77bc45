"""Issue 21 item 17: every key README's key table names does what the table says. Each key
is read from the table, found among the window's actions by the keys they answer, the
action is checked to be the one the row describes (by its words), and the key is pressed
on the player and must trigger it. The keys that are not actions (F10, Alt+D, the 1 to 9 of
an either/or question) are the ones Help lists beside the actions, where their own tests
check what answers them. And every action's key is in the table.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.actions import all_keys
from psoas_timer.ui.shell.main_window import MainWindow

from .conftest import advance, started

README = Path(__file__).resolve().parents[2] / "README.md"
#: How README writes a key, where it is not as Qt names it.
SPELLED = {
    "→": "Right",
    "←": "Left",
    "Alt+←": "Alt+Left",
    "Page Down": "PgDown",
    "Page Up": "PgUp",
    "−": "-",
    "Shift+−": "Shift+-",
    "media play/pause": "Toggle Media Play/Pause",
    "Enter": "Return",  # the main keyboard's Enter (the keypad's is Qt's "Enter")
}
#: Keys that answer something other than an action: what Help calls them.
NOT_ACTIONS = {"F10": "F10", "Alt+D": "Alt+D", "1": "1 to 9", "2...": "1 to 9"}
#: Words too common to tell one action from another.
_COMMON = {"the", "and", "this", "that", "from", "player", "page", "any", "with", "your"}


def _table() -> list[tuple[str, str]]:
    """README's key table: (keys, what they do) per row."""
    text = README.read_text(encoding="utf-8")
    start = text.index("| Key | Action |")
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        keys, what = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append((keys, what))
    return rows


def _alternatives(cell: str) -> list[str]:
    return [k.strip() for k in re.split(r",\s+|\s+or\s+", cell) if k.strip()]


def _outside_brackets(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", text)


def _pairs(keys: str, what: str) -> list[tuple[str, str]]:
    """Each key of a row with what it does: "Alt+← / F5 / Ctrl+Q" against "back to routines
    / reload / quit" pairs them in order, an "(or ...)" gives the alternatives of each."""
    parts = _outside_brackets(keys).split(" / ")
    groups = [_alternatives(part) for part in parts]
    bracketed = re.findall(r"\(or ([^)]*)\)", keys)
    if bracketed:
        extra = bracketed[0].split(" / ")
        if len(extra) == len(groups):
            for group, more in zip(groups, extra, strict=True):
                group.extend(_alternatives(more))
        else:
            groups[-1].extend(_alternatives(bracketed[0]))
    doing = _outside_brackets(what).split(";")[0].split(" / ")
    if len(doing) != len(groups):
        doing = [what] * len(groups)
    return [(key, does) for group, does in zip(groups, doing, strict=True) for key in group]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _COMMON}


def _native(key: str) -> str:
    return SPELLED.get(key, key)


def _answering(window: MainWindow) -> dict[str, QAction]:
    """Each key the window's actions answer (as Qt writes it), and its action."""
    found: dict[str, QAction] = {}
    for action in window.commands.all():
        for keys in all_keys(action):
            found[keys.toString(QKeySequence.SequenceFormat.NativeText)] = action
    return found


def _recorder(fired: list[str], name: str) -> Callable[..., None]:
    def record(*_args: object) -> None:
        fired.append(name)

    return record


@pytest.mark.qt_log_ignore("keyToAscii")  # a media key has no letter: Qt says so
def test_every_key_in_readme_is_the_action_it_describes_and_triggers_it(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    from psoas_timer.ui.shell.help_dialog import OTHER_KEYS

    started(window)  # the player shows: its single letters answer too
    advance(window, clock, 5 + 1)  # in an open hold: Released answers too
    answering = _answering(window)
    helped = {key for key, _ in OTHER_KEYS}
    fired: list[str] = []
    for action in window.commands.all():  # only record what fires: no dialog, no quitting
        for signal in (action.triggered, action.toggled):
            with warnings.catch_warnings(), suppress(RuntimeError, TypeError, SystemError):
                warnings.simplefilter("ignore")  # a signal with nothing connected says so
                signal.disconnect()
        action.triggered.connect(_recorder(fired, action.objectName()))
    checked: list[str] = []
    later: list[tuple[str, str, QAction]] = []  # not during a session: pressed after it
    for keys, what in _table():
        for key, does in _pairs(keys, what):
            if key in NOT_ACTIONS:
                assert NOT_ACTIONS[key] in helped, key  # Help lists it; its test presses it
                continue
            action = answering.get(_native(key))
            assert action is not None, f"README names {key!r} ({does}): no action answers it"
            said = _words(f"{action.text()} {action.toolTip()} {action.objectName()}")
            assert _words(does) & said, (key, does, action.objectName(), action.toolTip())
            if not action.isEnabled():
                later.append((key, does, action))
                continue
            _press(window, qtbot, key, action, fired)
            checked.append(key)
    window.controller.stop()  # on the routine's page now: what a session locks works
    for key, _does, action in later:
        assert action.isEnabled(), (key, action.objectName())
        _press(window, qtbot, key, action, fired)
        checked.append(key)
    assert len(checked) >= 30, checked


def _press(window: MainWindow, qtbot: QtBot, key: str, action: QAction, fired: list[str]) -> None:
    """Press *key* (as README writes it) on *window*: *action*, and only it, fires."""
    native = _native(key)
    combination = QKeySequence.fromString(native, QKeySequence.SequenceFormat.NativeText)[0]
    fired.clear()
    qtbot.keyClick(window, combination.key(), combination.keyboardModifiers())
    assert fired == [action.objectName()], (key, fired)


def test_every_actions_key_is_in_readme(window: MainWindow) -> None:
    named = {
        _native(key)
        for keys, what in _table()
        for key, _does in _pairs(keys, what)
        if key not in NOT_ACTIONS
    }
    for action in window.commands.all():
        first = all_keys(action)[0].toString(QKeySequence.SequenceFormat.NativeText)
        assert first in named, f"{action.objectName()} ({first}) is not in README's key table"
