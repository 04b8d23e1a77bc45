"""The background routine reader stops with its window and hands nothing over after."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog
from psoas_timer.ui.shell.catalog_loader import CatalogLoader


def test_a_loader_stopped_mid_read_ends_its_worker_and_hands_nothing_over(
    qtbot: QtBot,
) -> None:
    reading = threading.Event()
    files_read: list[int] = []

    def load(between: Callable[[], None]) -> Catalog:
        reading.set()
        for n in range(100_000):  # a huge library: the window closes long before the end
            files_read.append(n)
            between()
            threading.Event().wait(0.001)
        raise AssertionError("read to the end although the window closed")

    loader = CatalogLoader(load)
    got: list[object] = []
    loader.read.connect(got.append)
    loader.failed.connect(got.append)
    loader.start()
    assert reading.wait(5)
    loader.stop()
    assert all(not w.is_alive() for w in threading.enumerate() if w.name == "catalog-loader")
    qtbot.wait(50)  # anything queued would arrive now
    assert got == []
    assert len(files_read) < 100_000


def test_a_stopped_loader_starts_no_more_workers(qtbot: QtBot) -> None:
    calls: list[int] = []

    def load(between: Callable[[], None]) -> Catalog:
        calls.append(1)
        raise OSError("unused")

    loader = CatalogLoader(load)
    loader.stop()
    loader.start()
    qtbot.wait(20)
    assert calls == []
    assert not loader.busy


def test_threads_switch_quickly_while_a_worker_reads_and_as_before_after(qtbot: QtBot) -> None:
    """The window's thread waits at most a millisecond for a busy reader, not five."""
    import sys

    before = sys.getswitchinterval()
    seen: list[float] = []
    release = threading.Event()

    def load(between: Callable[[], None]) -> Catalog:
        seen.append(sys.getswitchinterval())
        release.wait(5)
        raise OSError("done")

    first, second = CatalogLoader(load), CatalogLoader(load)
    failed: list[str] = []
    first.failed.connect(failed.append)
    second.failed.connect(failed.append)
    first.start()
    second.start()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [0.001, 0.001]
    assert sys.getswitchinterval() == 0.001
    release.set()
    qtbot.waitUntil(lambda: len(failed) == 2)
    first.stop()
    second.stop()
    assert sys.getswitchinterval() == before
