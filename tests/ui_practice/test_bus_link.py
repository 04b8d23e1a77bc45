"""A bus link that has ended never writes into a file that took its place.

A link wakes its thread by writing a byte into a pipe of its own; the thread closes that
pipe as it ends. A link ends by itself where there is no session bus, and its owner still
stops it later (the screensaver at the end of each session, the remote control and Do Not
Disturb as the window closes). That stop wrote its byte into whatever file had since been
given the pipe's number: the history, a settings file being saved, another link's bus
socket (where a stray byte breaks the handshake, so that link never connects).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from psoas_timer.ui.common.bus_link import BusLink

HEADER = b"SQLite format 3\0"


def test_a_link_that_ended_never_writes_into_a_file_given_its_pipe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no bus there either
    link = BusLink(name="ended-link")
    pipe = (link._wake_r, link._wake_w)
    link.start()
    deadline = time.monotonic() + 10
    while any(t.name == "ended-link-dbus" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the link did not end without a session bus"
        time.sleep(0.01)
    assert link.reason.startswith("no session bus")

    history = tmp_path / "history.sqlite"
    history.write_bytes(HEADER)
    opened = os.open(history, os.O_RDWR)  # given the lowest number free: one of the pipe's
    numbers = {opened, *pipe}
    try:
        for number in numbers - {opened}:  # and the other one too
            with pytest.raises(OSError, match="Bad file descriptor"):  # free: not taken since
                os.fstat(number)
            os.dup2(opened, number)
        link.send(object())  # dropped: no connection
        link.stop()
    finally:
        for number in numbers:
            os.close(number)
    assert history.read_bytes() == HEADER
