"""The step picture keeps one drawing at a time (issue 15, item 11: memory grew with every
step's picture, because each replaced SVG renderer stayed alive as the view's child)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from psoas_timer.ui.common.image_view import ImageView

ROOT = Path(__file__).resolve().parents[2]


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_changing_the_picture_keeps_one_renderer(qtbot: QtBot) -> None:
    view = ImageView()
    qtbot.addWidget(view)
    pictures = sorted((ROOT / "assets" / "images").glob("*.svg"))[:3]
    for _ in range(20):
        for picture in [*pictures, None]:
            view.set_image(picture)
            _flush_deletes()
    assert view.set_image(pictures[0])
    _flush_deletes()
    assert len(view.findChildren(QSvgRenderer)) == 1
    view.set_image(None)
    _flush_deletes()
    assert view.findChildren(QSvgRenderer) == []
