"""A routine's icon: its first exercise drawn by the rig, square and bare, for the
notification a reminder sends (and anything else that shows a routine small).

The drawing is the exercise's still picture without the signs that only read large (the
spot map, counts and waves): at notification size (48 to 128 pixels) the body, its props
and the target carry the picture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import Choice, RepeatGroup, Step
from .drawing import still
from .model import Figure
from .scene import Box, Scene
from .svg import to_svg

__all__ = ["ICON_SIGNS", "first_figure", "icon_scene", "icon_svg"]

#: The signs kept at icon size: arrows and pulses that still read when small.
ICON_SIGNS = {
    "press",
    "hook",
    "deep",
    "roll",
    "move",
    "lift",
    "tuck",
    "twist",
    "drop",
    "heat",
    "cold",
}


def first_figure(steps: Sequence[object]) -> Figure | None:
    """The figure of the first step that has one, in the order a session meets them (an
    either/or step by its default)."""
    for item in _in_order(steps):
        if item.figure is not None:
            return item.figure
    return None


def _in_order(steps: Iterable[object]) -> Iterable[Step]:
    for item in steps:
        if isinstance(item, Step):
            yield item
        elif isinstance(item, RepeatGroup):
            yield from _in_order(item.steps)
        elif isinstance(item, Choice):
            yield item.choose[item.default_index]


def icon_scene(figure: Figure) -> Scene:
    """*figure*'s still picture, square, with only the signs that read small."""
    bare = figure.model_copy(update={"signs": [s for s in figure.signs if s in ICON_SIGNS]})
    scene = still(bare)
    scene.labels = []
    # Outlines a little bolder: at 48 pixels the picture's hairlines would vanish.
    scene.shapes = [replace(shape, width=shape.width * 1.7) for shape in scene.shapes]
    b = scene.bounds()
    side = max(b.width, b.height) * 1.06
    cx, cy = (b.left + b.right) / 2, (b.bottom + b.top) / 2
    scene.frame = Box(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2)
    return scene


def icon_svg(figure: Figure, size: int = 128) -> str:
    """*figure* as a square SVG icon *size* pixels wide."""
    return to_svg(icon_scene(figure), width=size)
