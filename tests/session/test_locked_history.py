"""#22 item 15: a history another program keeps locked is opened off the caller's thread,
tried again in the background, and the user is told plainly if it stays locked. Before, the
window opened it on its own thread (frozen for the 5 s busy timeout) and then kept the
history off for the whole run."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from psoas_timer.history import HistoryLockedError, HistoryStore, database
from psoas_timer.session.recording import HistoryLink, Opened

from ..history.locker import Locker


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)  # each try gives up sooner
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    return path


class Opening:
    """A link opening *path* in the background, noting the threads it opened on."""

    def __init__(self, path: Path) -> None:
        self.threads: list[threading.Thread] = []
        self.found: list[Opened] = []
        self.done = threading.Event()
        self.waited = threading.Event()
        self.pauses: list[float] = []

        def opener() -> HistoryStore:
            self.threads.append(threading.current_thread())
            return HistoryStore.open(path, shared=True)

        self.link = HistoryLink(opener=opener, on_open=self.found.append)

        def waiting(pause: float) -> None:
            self.pauses.append(pause)
            self.waited.set()

        self.link.use_background(self.done.set, waiting)


def test_a_locked_history_opens_in_the_background_once_it_is_let_go(history: Path) -> None:
    opening = Opening(history)
    link = opening.link
    with Locker(history) as lock:
        with pytest.raises(HistoryLockedError, match="in use by another program"):
            HistoryStore.open(history)  # what the window used to do on its own thread
        assert link.start_opening(pauses=[0.05] * 400)
        assert link.waiting and link.opening
        assert opening.waited.wait(30)  # tried, found locked, waiting to try again
        assert link.open() is None  # asked meanwhile: no store yet, and no long wait
        assert link.store is None and opening.found == []
        lock.release()
        assert opening.done.wait(30)
    opened = link.take_opened()
    assert opened is not None and opened.store is not None and opened.message is None
    assert link.store is opened.store and link.available and not link.waiting
    assert opening.found == [opened]
    assert len(opening.threads) >= 2  # tried again after the first refusal
    assert threading.main_thread() not in opening.threads
    assert opened.store.count() == 0  # and it reads, on this thread
    link.close()


def test_a_history_that_stays_locked_is_said_plainly(history: Path) -> None:
    opening = Opening(history)
    with Locker(history):
        assert opening.link.start_opening(pauses=[0.01, 0.01])
        assert opening.done.wait(30)
        opened = opening.link.take_opened()
    assert opened is not None and opened.store is None and opened.locked
    assert opened.message is not None
    assert "in use by another program" in opened.message
    assert "not recorded" in opened.message
    assert opening.pauses == [0.01, 0.01]
    assert len(opening.threads) == 3
    assert opening.found == [opened]  # told once


def test_a_link_closed_while_its_history_opens_closes_what_it_opened(history: Path) -> None:
    opening = Opening(history)
    with Locker(history) as lock:
        assert opening.link.start_opening(pauses=[0.05] * 400)
        assert opening.waited.wait(30)
        opening.link.close()
        lock.release()
    assert opening.link.take_opened() is None
    assert opening.link.store is None
