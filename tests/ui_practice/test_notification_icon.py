"""A reminder's notification shows the routine's first exercise, drawn by the figure rig
and rendered to a PNG in the cache folder (issue #24, item 3)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.core.figure.icon import first_figure, icon_svg
from psoas_timer.practice.programmes import Programmes, load_programmes
from psoas_timer.ui.practice.desktop_notifications import DesktopNotifications
from psoas_timer.ui.practice.notification_icon import ICON_SIZE, routine_icon

from .fake_bus import FakeNotificationServer
from .test_controller import daily, make

pytestmark = pytest.mark.gui

ROUTINES = Path(__file__).resolve().parents[2] / "routines"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROUTINES)


@pytest.fixture(scope="module")
def programmes(catalog: Catalog) -> Programmes:
    return load_programmes(catalog, [(ROUTINES, True)])


def _routine(catalog: Catalog, key: str) -> object:
    entry = catalog.find(key)
    assert entry is not None
    return entry.routine


def test_the_icon_is_the_first_exercise_drawn_square(qapp: object, catalog: Catalog) -> None:
    routine = _routine(catalog, "daily-psoas")
    figure = first_figure(routine.steps)  # type: ignore[attr-defined]
    assert figure is not None
    assert figure == catalog.library.exercises["high-knees"].figure
    svg = icon_svg(figure, 64)
    assert 'width="64" height="64"' in svg
    assert "<text" not in svg, "no counts or words at icon size"


def test_the_png_is_made_once_and_kept_in_the_cache(
    qapp: object, tmp_path: Path, catalog: Catalog
) -> None:
    routine = _routine(catalog, "daily-psoas")
    path = routine_icon(routine, tmp_path / "pictures")  # type: ignore[arg-type]
    assert path is not None and path.parent == tmp_path / "pictures"
    image = QImage(str(path))
    assert (image.width(), image.height()) == (ICON_SIZE, ICON_SIZE)
    # Drawn: more than the white card (the body's outline is dark).
    dark = sum(
        1
        for x in range(ICON_SIZE)
        for y in range(ICON_SIZE)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 300
    made = path.stat().st_mtime_ns
    assert routine_icon(routine, tmp_path / "pictures") == path  # type: ignore[arg-type]
    assert path.stat().st_mtime_ns == made
    other = routine_icon(_routine(catalog, "deep-psoas-release"), tmp_path / "pictures")  # type: ignore[arg-type]
    assert other is not None and other != path


def test_an_unwritable_cache_leaves_the_apps_icon(
    qapp: object, tmp_path: Path, catalog: Catalog
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert routine_icon(_routine(catalog, "daily-psoas"), blocker / "pictures") is None  # type: ignore[arg-type]


def test_a_reminder_notification_carries_the_picture(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
    notification_server: FakeNotificationServer,
) -> None:
    notes = DesktopNotifications()
    notes.start()
    qtbot.waitUntil(lambda: notes.available, timeout=5000)
    folder = tmp_path / "cache"

    def picture(key: str) -> str | None:
        entry = catalog.find(key)
        made = routine_icon(entry.routine if entry else None, folder)
        return str(made) if made else None

    controller, clocks = make(
        tmp_path, catalog, programmes, daily(), notifications=notes, routine_icon=picture
    )
    clocks.advance(60)
    controller.poll()
    qtbot.waitUntil(lambda: "reminder:r1" in notes._by_tag, timeout=5000)
    call = notification_server.calls[0].body
    app_icon, hints = call[2], call[6]
    assert app_icon.startswith("file://")
    shown = Path(unquote(urlparse(app_icon).path))
    assert shown.parent == folder and shown.suffix == ".png" and shown.is_file()
    assert hints["image-path"][1] == app_icon
    notes.stop()


def test_a_tray_message_carries_the_picture_too(
    qapp: object, tmp_path: Path, catalog: Catalog, programmes: Programmes
) -> None:
    from .test_controller import FakeTray

    tray = FakeTray()
    folder = tmp_path / "cache"

    def picture(key: str) -> str | None:
        entry = catalog.find(key)
        made = routine_icon(entry.routine if entry else None, folder)
        return str(made) if made else None

    controller, clocks = make(
        tmp_path, catalog, programmes, daily(), tray=tray, routine_icon=picture
    )
    clocks.advance(60)
    controller.poll()
    assert tray.messages and tray.icons[0] is not None
    assert Path(tray.icons[0]).parent == folder and Path(tray.icons[0]).is_file()
