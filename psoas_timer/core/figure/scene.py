"""What a picture is made of, before any painter: paths with a role each.

A role names what a shape is (``skin``, ``far``, ``line``, ``target``, ``mat``...), never a
colour: the SVG writer and the player's painter each pick colours for roles (the player's
from the window's palette), so one drawing serves light, dark and high-contrast themes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .geometry import Point

__all__ = ["ROLES", "Box", "Label", "Path", "Scene", "Shape", "circle", "polygon", "smooth"]

#: Every role a shape can have, in no particular order.
ROLES = (
    "floor",
    "mat",
    "far",
    "skin",
    "hair",
    "line",
    "joint",
    "bone",
    "target",
    "prop",
    "prop_dark",
    "ball",
    "wood",
    "metal",
    "heat",
    "ice",
    "cushion",
    "towel",
    "sign",
    "ghost",
)


@dataclass(frozen=True)
class Path:
    """Commands in the manner of SVG: ``("M", p)``, ``("L", p)``, ``("C", c1, c2, p)``,
    ``("Z",)``; points in figure units, y up."""

    commands: tuple[tuple[object, ...], ...]

    def points(self) -> list[Point]:
        """Every point the path passes (its end points, and its curves' control points)."""
        found: list[Point] = []
        for command in self.commands:
            found.extend(p for p in command[1:] if isinstance(p, tuple))
        return found


@dataclass(frozen=True)
class Shape:
    """A path filled with the *fill* role (or none), stroked with the *stroke* role (or
    none) at *width* (figure units); *alpha* fades it; *gradient* shades a round thing
    (a ball) as if lit from the top left."""

    path: Path
    fill: str | None = "skin"
    stroke: str | None = "line"
    width: float = 0.006
    alpha: float = 1.0
    gradient: bool = False
    dashed: bool = False
    #: Whether the shape is part of the body (checked against the floor).
    body: bool = False


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def framed(self, aspect: float, margin: float) -> Box:
        """This box grown by *margin* on every side, then to the shape *aspect* (w/h)."""
        b = Box(self.left - margin, self.bottom - margin, self.right + margin, self.top + margin)
        w, h = b.width, b.height
        if w / h < aspect:
            extra = (h * aspect - w) / 2
            return Box(b.left - extra, b.bottom, b.right + extra, b.top)
        extra = w / aspect - h
        return Box(b.left, b.bottom - extra * 0.45, b.right, b.top + extra * 0.55)

    def shifted(self, dx: float) -> Box:
        return Box(self.left + dx, self.bottom, self.right + dx, self.top)


@dataclass(frozen=True)
class Label:
    """A few characters (digits: the pictures carry no words to translate) centred at
    *at*, *size* tall."""

    at: Point
    text: str
    size: float = 0.07
    role: str = "sign"


@dataclass
class Scene:
    """Shapes in painting order, and the frame to show them in."""

    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    frame: Box = Box(-1.0, -0.1, 1.0, 1.1)
    #: Words for screen readers and the SVG's title.
    title: str = ""

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)

    def bounds(self) -> Box:
        xs: list[float] = []
        ys: list[float] = []
        for shape in self.shapes:
            if shape.stroke == "floor":  # the floor runs past the frame on either side
                continue
            pad = shape.width / 2 if shape.stroke else 0.0
            for x, y in shape.path.points():
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
        if not xs:
            return Box(-0.5, 0.0, 0.5, 1.0)
        return Box(min(xs), min(ys), max(xs), max(ys))


def polygon(points: list[Point], *, closed: bool = True) -> Path:
    commands: list[tuple[object, ...]] = [("M", points[0])]
    commands += [("L", p) for p in points[1:]]
    if closed:
        commands.append(("Z",))
    return Path(tuple(commands))


def smooth(points: list[Point], *, closed: bool = True, tension: float = 1.0) -> Path:
    """A curve through *points* (Catmull-Rom, as cubic Béziers)."""
    n = len(points)
    if n < 3:
        return polygon(points, closed=closed)
    commands: list[tuple[object, ...]] = [("M", points[0])]
    last = n if closed else n - 1
    k = tension / 6
    for i in range(last):
        p0 = points[(i - 1) % n] if closed or i > 0 else points[0]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if closed or i + 2 < n else p2
        c1 = (p1[0] + (p2[0] - p0[0]) * k, p1[1] + (p2[1] - p0[1]) * k)
        c2 = (p2[0] - (p3[0] - p1[0]) * k, p2[1] - (p3[1] - p1[1]) * k)
        commands.append(("C", c1, c2, p2))
    if closed:
        commands.append(("Z",))
    return Path(tuple(commands))


def circle(centre: Point, radius: float, *, steps: int = 4) -> Path:
    """A circle as cubic Béziers (exact enough to the eye)."""
    return ellipse(centre, radius, radius, 0.0, steps=steps)


def ellipse(centre: Point, rx: float, ry: float, degrees: float, *, steps: int = 4) -> Path:
    k = 4 / 3 * math.tan(math.pi / (2 * steps))
    cos_t, sin_t = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))

    def at(a: float, scale: float = 1.0, tangent: float = 0.0) -> Point:
        x = rx * (math.cos(a) - tangent * math.sin(a))
        y = ry * (math.sin(a) + tangent * math.cos(a))
        return (centre[0] + x * cos_t - y * sin_t, centre[1] + x * sin_t + y * cos_t)

    step = 2 * math.pi / steps
    commands: list[tuple[object, ...]] = [("M", at(0.0))]
    for i in range(steps):
        a0, a1 = i * step, (i + 1) * step
        commands.append(("C", at(a0, tangent=k), at(a1, tangent=-k), at(a1)))
    commands.append(("Z",))
    return Path(tuple(commands))


__all__ += ["ellipse"]
