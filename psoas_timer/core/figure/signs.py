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
    "hip_bone": (0.068, 0.065),
    # In the fold of the groin, just below and inside the front point of the hip bone.
    "hip_crease": (0.064, 0.01),
}


def body_map(corner: Point, region: str, size: float = 1.0, tool: str = "spot") -> list[Shape]:
    """A small front view of the belly and pelvis with the spot marked on both sides: the
    navel, the straight belly muscle's edges, the rims and front points of the hip bones
    and the creases of the hips are drawn, so "beside the navel", "just inside the hip
    bone" and "in the hip crease" read apart. *corner* is its lower left corner."""
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
        if tool == "hook":
            # The pelvic bone itself, seen through the belly: each wing from the sacrum up
            # and out to the crest and down to its front point, the ring on to the pubis.
            wing = [
                at(s * 0.03, 0.125),
                at(s * 0.075, 0.19),
                at(s * 0.118, 0.185),
                at(s * 0.13, 0.14),
                at(s * 0.11, 0.085),
                at(s * 0.085, 0.058),
                at(s * 0.06, 0.035),
                at(s * 0.03, 0.05),
            ]
            shapes.append(Shape(smooth(wing), fill="bone", stroke="bone", width=0.003, alpha=0.35))
            ring = [at(s * 0.06, 0.035), at(s * 0.045, -0.01), at(s * 0.012, -0.045)]
            shapes.append(Shape(smooth(ring, closed=False), fill=None, stroke="bone", width=0.006))
            # The inside of the pelvic bowl, where the iliacus lies: shaded under the rim.
            bowl = [
                at(s * 0.122, 0.16),
                at(s * 0.115, 0.1),
                at(s * 0.085, 0.06),
                at(s * 0.06, 0.075),
                at(s * 0.07, 0.13),
            ]
            shapes.append(Shape(smooth(bowl), fill="target", stroke=None, alpha=0.3))
        crest = [at(s * 0.122, 0.16), at(s * 0.115, 0.1), at(s * 0.085, 0.06)]
        shapes.append(Shape(smooth(crest, closed=False), fill=None, stroke="bone", width=0.007))
        point = circle(at(s * 0.085, 0.058), 0.01 * k)
        shapes.append(Shape(point, fill="bone", stroke=None))
        crease = [at(s * 0.085, 0.04), at(s * 0.05, -0.01), at(s * 0.02, -0.07)]
        shapes.append(Shape(smooth(crease, closed=False), fill=None, stroke="line", width=0.0035))
    shapes.append(Shape(circle(at(0.0, 0.13), 0.008), fill=None, stroke="line", width=0.0035))
    spot = MAP_SPOTS.get(region)
    if tool == "move":
        # Ball rolls work the iliacus, inside the bowl of the hip bone: the bowl shaded
        # under the rim on the side the ball is on (the spots below sit in it).
        bowl = [at(0.122, 0.16), at(0.115, 0.1), at(0.085, 0.06), at(0.06, 0.075), at(0.07, 0.13)]
        shapes.append(Shape(smooth(bowl), fill="target", stroke=None, alpha=0.3))
    if spot is not None:
        for s in (-1, 1) if tool != "move" else ():
            centre = at(s * spot[0], spot[1])
            shapes.append(Shape(circle(centre, 0.022 * k), fill="target", stroke=None, alpha=0.5))
            dot = circle(centre, 0.013 * k)
            shapes.append(Shape(dot, fill="target", stroke="line", width=0.002))
        # What presses there, drawn on one side: the ball, the fingertips sinking in, or
        # the fingers hooking over the rim of the hip bone from outside.
        centre = at(spot[0], spot[1])
        if tool == "ball":
            shapes.append(
                Shape(circle(centre, 0.028 * k), fill="ball", stroke="line", width=0.003, alpha=0.9)
            )
            if region == "hip_crease":
                # The crease itself drawn over the ball, bold: the ball sits right on it.
                for s in (-1, 1):
                    crease = [at(s * 0.1, 0.06), at(s * 0.05, -0.01), at(s * 0.01, -0.08)]
                    shapes.append(
                        Shape(smooth(crease, closed=False), fill=None, stroke="sign", width=0.006)
                    )
        elif tool == "move":
            # Lie on the ball, wait, then move it: the ball on the first spot, the next
            # spots dashed and numbered (the numbers are labels: see :func:`move_spots`),
            # stepping up along the inner rim of the hip bone, away from the navel.
            spots = [at(x, y) for x, y in MOVE_SPOTS]
            r = 0.019 * k
            shapes.append(
                Shape(circle(spots[0], r), fill="ball", stroke="line", width=0.003, alpha=0.95)
            )
            for centre in spots[1:]:
                shapes.append(
                    Shape(
                        circle(centre, r * 0.85),
                        fill="ball",
                        stroke="line",
                        width=0.003,
                        alpha=0.5,
                        dashed=True,
                    )
                )
        elif tool == "roll":
            # The ball rolls along a path over the front of the hip: dotted, both ways.
            path = [at(0.03, 0.2), at(0.075, 0.13), at(0.085, 0.06), at(0.06, -0.02)]
            shapes.append(
                Shape(
                    smooth(path, closed=False),
                    fill=None,
                    stroke="sign",
                    width=0.006,
                    dashed=True,
                )
            )
            shapes.append(_head(path[0], angle_of(path[1], path[0]), 0.02))
            shapes.append(_head(path[-1], angle_of(path[-2], path[-1]), 0.02))
            for u in (0, 2):
                shapes.append(
                    Shape(
                        circle(path[u + 1], 0.022 * k),
                        fill="ball",
                        stroke="line",
                        width=0.003,
                        alpha=0.45 if u else 0.9,
                    )
                )
        elif tool == "fingers":
            # How far out: three finger-widths from the navel, drawn on the other side.
            for i in range(3):
                width = at(-(0.017 + i * 0.015), spot[1])
                shapes.append(
                    Shape(
                        ellipse(width, 0.007 * k, 0.016 * k, 0.0),
                        fill=None,
                        stroke="sign",
                        width=0.0025,
                    )
                )
            for dy in (-0.03, 0.0, 0.03):
                tip = at(spot[0] + 0.002, spot[1] + dy)
                shapes.append(
                    Shape(
                        ellipse(tip, 0.016 * k, 0.011 * k, 0.0),
                        fill="skin",
                        stroke="line",
                        width=0.003,
                    )
                )
        elif tool == "hook":
            # The fingertips curled over the rim, just inside it, in the bowl of the bone.
            for fu, fv in ((0.094, 0.122), (0.087, 0.1), (0.075, 0.08)):
                tip = at(fu, fv)
                shapes.append(
                    Shape(
                        ellipse(tip, 0.015 * k, 0.01 * k, 35.0),
                        fill="skin",
                        stroke="line",
                        width=0.003,
                    )
                )
            # From outside, over the rim, into the bowl beside the fingertips.
            hook = [at(0.17, 0.2), at(0.15, 0.16), at(0.125, 0.13), at(0.108, 0.125)]
            shapes += _curve(hook)
    return shapes


#: Ball rolls' spots on the map, in order: just inside the front point of the hip bone
#: (where the side view's ball lies), then up and out along the inner rim of the bone's
#: bowl, the iliacus: always out at the side, never in towards the navel (the deep psoas
#: release's spot).
MOVE_SPOTS = ((0.068, 0.052), (0.088, 0.096), (0.1, 0.146))


def move_spots(corner: Point, size: float = 1.0) -> list[Point]:
    """Where :func:`body_map` drew the ball rolls' spots (for their numbers)."""
    x0, y0 = corner
    return [(x0 + (0.16 + x) * size, y0 + (0.12 + y) * size) for x, y in MOVE_SPOTS]


def _curve(points: list[Point]) -> list[Shape]:
    end = points[-1]
    return [
        Shape(smooth(points, closed=False), fill=None, stroke="sign", width=SIGN_W * 0.8),
        _head(end, angle_of(points[-2], end), 0.022),
    ]


__all__ += ["MAP_SPOTS", "MOVE_SPOTS", "body_map", "move_spots"]


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
