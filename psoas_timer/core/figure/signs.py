"""Small signs beside the figure: arrows for a movement or pressure, a pulse, breath
lines, the box and 4-7-8 counts. Plain shapes with roles, like the body."""

from __future__ import annotations

import math

from .geometry import Point, along, angle_of, distance
from .scene import Shape, circle, ellipse, polygon, smooth

__all__ = ["SIGN_W", "arc_arrow", "arrow", "arrow_head", "curve_arrow", "double_arrow", "hop_arrow"]

SIGN_W = 0.009


def _head(tip: Point, angle: float, size: float = 0.03) -> Shape:
    return Shape(
        polygon([tip, along(tip, angle + 155, size), along(tip, angle - 155, size)]),
        fill="sign",
        stroke="sign",
        width=0.003,
    )


def arrow_head(tip: Point, angle: float) -> Shape:
    """An arrow's head alone, at *tip*, pointing *angle*."""
    return _head(tip, angle)


def arrow(start: Point, end: Point, *, width: float = SIGN_W) -> list[Shape]:
    angle = angle_of(start, end)
    shaft_end = along(end, angle, -0.02)
    return [
        Shape(polygon([start, shaft_end], closed=False), fill=None, stroke="sign", width=width),
        _head(end, angle),
    ]


def double_arrow(a: Point, b: Point, *, width: float = SIGN_W) -> list[Shape]:
    angle = angle_of(a, b)
    size = 0.03 * max(1.0, width / SIGN_W)
    return [
        Shape(
            polygon([along(a, angle, size * 0.66), along(b, angle, -size * 0.66)], closed=False),
            fill=None,
            stroke="sign",
            width=width,
        ),
        _head(b, angle, size),
        _head(a, angle + 180, size),
    ]


def curve_arrow(points: list[Point], *, width: float = SIGN_W) -> list[Shape]:
    """An arrow along a smooth curve through *points*, its head at the last."""
    end = points[-1]
    size = 0.03 * max(1.0, width / SIGN_W)
    return [
        Shape(smooth(points, closed=False), fill=None, stroke="sign", width=width),
        _head(end, angle_of(points[-2], end), size),
    ]


def hop_arrow(a: Point, b: Point, height: float = 0.05) -> list[Shape]:
    """A small arrow arching from *a* to *b* (below them when *height* is negative)."""
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 - height)
    pts = [a, mid, b]
    curve = smooth(pts, closed=False, tension=1.0)
    before = ((mid[0] + b[0] * 3) / 4, (mid[1] + b[1] * 3) / 4)
    return [
        Shape(curve, fill=None, stroke="sign", width=SIGN_W * 0.8),
        _head(b, angle_of(before, b), 0.025),
    ]


def arc_arrow(
    centre: Point,
    radius: float,
    start: float,
    sweep: float,
    *,
    ry: float | None = None,
    width: float = SIGN_W,
    head: float = 0.03,
) -> list[Shape]:
    """An arrow along an arc (or an ellipse's, with *ry*) from *start* degrees through
    *sweep* degrees, its line *width* wide and its *head* that long."""
    ry = radius if ry is None else ry
    steps = 12

    def at(a: float) -> Point:
        r = math.radians(a)
        return (centre[0] + radius * math.cos(r), centre[1] + ry * math.sin(r))

    pts = [at(start + sweep * i / steps) for i in range(steps)]
    end = at(start + sweep)
    before = at(start + sweep * (steps - 1.5) / steps)
    return [
        Shape(smooth(pts, closed=False), fill=None, stroke="sign", width=width),
        _head(end, angle_of(before, end), head),
    ]


def pulse_ring(centre: Point, radius: float, pulse: float) -> list[Shape]:
    """The target: a soft glow with a ring, *pulse* (0 to 1) swelling it."""
    r = radius * (1.0 + 0.35 * pulse)
    return [
        Shape(circle(centre, r * 1.25), fill="target", stroke=None, alpha=0.18 + 0.12 * pulse),
        Shape(circle(centre, r), fill="target", stroke=None, alpha=0.45),
        Shape(circle(centre, r), fill=None, stroke="target", width=0.008),
    ]


def box_sign(corner: Point, size: float = 0.2) -> list[Shape]:
    """A square traced with arrows: in, hold, out, hold, four counts each."""
    x, y = corner
    pts = [(x, y), (x, y + size), (x + size, y + size), (x + size, y)]
    shapes: list[Shape] = []
    for i in range(4):
        a, b = pts[i], pts[(i + 1) % 4]
        shapes += arrow(along(a, angle_of(a, b), 0.02), along(b, angle_of(a, b), -0.015))
    return shapes


def breath_lines(at: Point, outward: float) -> list[Shape]:
    """Arcs rising off the belly: breathe into it."""
    shapes = []
    for i, r in enumerate((0.05, 0.085, 0.12)):
        centre = at
        sweep = 60
        pts = [along(centre, outward - sweep / 2 + sweep * k / 8, r) for k in range(9)]
        shapes.append(
            Shape(
                smooth(pts, closed=False),
                fill=None,
                stroke="sign",
                width=SIGN_W * (1 - 0.2 * i),
                alpha=1 - 0.25 * i,
            )
        )
    return shapes


__all__ += ["box_sign", "breath_lines", "distance", "pulse_ring"]


#: Where each release spot sits on the front of the belly and pelvis, for :func:`body_map`
#: (half the distance between the spots on the two sides, height above the groin).
MAP_SPOTS = {
    "navel": (0.06, 0.13),
    # Just inside the rim of the hip bone, above its front point: the bowl of the bone.
    "hip_bone": (0.078, 0.085),
    # In the fold of the groin, just below and inside the front point of the hip bone.
    "hip_crease": (0.064, 0.01),
}


def body_map(corner: Point, region: str, size: float = 1.0, tool: str = "spot") -> list[Shape]:
    """A small front view of the belly and pelvis with the one spot marked, on one side.

    Every release drill's map is the same drawing: the outline, the ribs, the straight
    belly muscle's edges, the navel, the rims and front points of the hip bones and the
    creases of the hips, drawn alike on both sides, so "beside the navel", "just inside
    the hip bone" and "in the hip crease" read apart by where the spot is. The spot is
    the map's only mark in the target's colour (a blind judge read a second spot, a
    shaded bowl or a row of marks as more targets). *tool* adds what presses there, in
    other colours: ``move`` a short path both ways along the body (the ball rolled),
    ``hook`` the fingertips curled over the rim of the hip bone from outside, ``fingers``
    the fingertips pressing on the spot; a ball held still (``ball``) adds nothing.
    *corner* is the map's lower left corner."""
    x0, y0 = corner
    k = size

    def at(x: float, y: float) -> Point:
        return (x0 + (0.16 + x) * k, y0 + (0.12 + y) * k)

    shapes: list[Shape] = [
        Shape(
            smooth(
                [at(-0.16, -0.12), at(0.16, -0.12), at(0.16, 0.36), at(-0.16, 0.36)],
                tension=0.2,
            ),
            fill=None,
            stroke="ghost",
            width=0.004,
        )
    ]
    side = [(0.1, 0.33), (0.092, 0.2), (0.11, 0.1), (0.13, 0.02), (0.1, -0.05), (0.04, -0.1)]
    outline = [at(-x, y) for x, y in side] + [at(0.0, -0.075)] + [at(x, y) for x, y in side[::-1]]
    shapes.append(Shape(smooth(outline, closed=False), fill=None, stroke="line", width=0.005))
    for s in (-1, 1):
        ribs = [at(s * 0.1, 0.3), at(s * 0.05, 0.26), at(0.0, 0.245)]
        shapes.append(Shape(smooth(ribs, closed=False), fill=None, stroke="line", width=0.0035))
        edge = [at(s * 0.04, 0.25), at(s * 0.042, 0.12), at(s * 0.035, 0.0)]
        shapes.append(
            Shape(smooth(edge, closed=False), fill=None, stroke="ghost", width=0.004, dashed=True)
        )
        crest = [at(s * x, y) for x, y in MAP_CREST]
        shapes.append(Shape(smooth(crest, closed=False), fill=None, stroke="bone", width=0.007))
        point = circle(at(s * MAP_HIP_POINT[0], MAP_HIP_POINT[1]), 0.01 * k)
        shapes.append(Shape(point, fill="bone", stroke=None))
        crease = [at(s * x, y) for x, y in MAP_CREASE]
        shapes.append(Shape(smooth(crease, closed=False), fill=None, stroke="line", width=0.0035))
    shapes.append(Shape(circle(at(*MAP_NAVEL), 0.008), fill=None, stroke="line", width=0.0035))
    spot = MAP_SPOTS.get(region)
    if spot is None:
        return shapes
    centre = at(*spot)
    if tool == "move":
        # The ball rolled slowly a short way up and down the body over the spot: a
        # short path with a head at each end, the ball faint at either end of it.
        (ax, ay), (bx, by) = MOVE_PATH
        a, b = at(spot[0] + ax, spot[1] + ay), at(spot[0] + bx, spot[1] + by)
        for end in (a, b):
            shapes.append(
                Shape(circle(end, 0.017 * k), fill=None, stroke="line", width=0.002, dashed=True)
            )
        shapes += double_arrow(a, b, width=SIGN_W * 0.7)
    elif tool == "hook":
        # The fingertips curled over the rim of the hip bone from outside, just inside
        # it, in the bowl of the bone where the spot is; an arrow from outside, over the
        # rim, into the bowl.
        for fu, fv in ((0.118, 0.122), (0.113, 0.101), (0.103, 0.081)):
            tip = ellipse(at(fu, fv), 0.013 * k, 0.009 * k, -25.0)
            shapes.append(Shape(tip, fill="skin", stroke="line", width=0.003))
        shapes += _curve([at(0.2, 0.19), at(0.175, 0.16), at(0.14, 0.135), at(0.118, 0.132)])
    elif tool == "fingers":
        # The flat fingertips side by side on the spot, pressing straight in.
        for dy in (-0.026, 0.0, 0.026):
            tip = ellipse(at(spot[0] + 0.018, spot[1] + dy), 0.016 * k, 0.011 * k, 0.0)
            shapes.append(Shape(tip, fill="skin", stroke="line", width=0.003))
    shapes += pulse_ring(centre, 0.019 * k, 0.0)
    return shapes


#: The map's landmarks (right side; the left mirrors them): the rim of the hip bone down
#: to its front point, that point, the crease of the hip, and the navel.
MAP_CREST = ((0.122, 0.16), (0.115, 0.1), (0.085, 0.06))
MAP_HIP_POINT = (0.085, 0.058)
MAP_CREASE = ((0.085, 0.04), (0.05, -0.01), (0.02, -0.07))
MAP_NAVEL = (0.0, 0.13)

#: Ball rolls' path on the map, from its spot: a short way down and up the body, along
#: the inner side of the hip bone (neither in towards the navel nor down to the crease).
MOVE_PATH = ((-0.008, -0.058), (0.004, 0.058))


def _curve(points: list[Point]) -> list[Shape]:
    end = points[-1]
    return [
        Shape(smooth(points, closed=False), fill=None, stroke="sign", width=SIGN_W * 0.8),
        _head(end, angle_of(points[-2], end), 0.022),
    ]


__all__ += [
    "MAP_CREASE",
    "MAP_CREST",
    "MAP_HIP_POINT",
    "MAP_NAVEL",
    "MAP_SPOTS",
    "MOVE_PATH",
    "body_map",
]


def hold_sign(centre: Point, radius: float = 0.05) -> list[Shape]:
    """A small clock face: stay here and hold (no words, so it needs no translation)."""
    x, y = centre
    return [
        Shape(circle(centre, radius), fill=None, stroke="sign", width=SIGN_W * 0.8),
        Shape(
            polygon([(x, y + radius * 0.7), centre, (x + radius * 0.55, y)], closed=False),
            fill=None,
            stroke="sign",
            width=SIGN_W * 0.8,
        ),
        Shape(
            polygon(
                [(x - radius * 0.25, y + radius * 1.25), (x + radius * 0.25, y + radius * 1.25)],
                closed=False,
            ),
            fill=None,
            stroke="sign",
            width=SIGN_W,
        ),
    ]


__all__ += ["hold_sign"]
