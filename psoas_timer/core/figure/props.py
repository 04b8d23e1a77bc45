"""Props drawn to scale (figure units: the body is 1.0 tall, about 1.70 m): a mat, a
shaded massage ball, a foam roller in three-quarter view, a cable machine, a wall, a chair,
the edge of a table or bed, heat and ice packs, a weight plate and a knee cushion."""

from __future__ import annotations

import math

from .geometry import Point, along
from .scene import Shape, circle, ellipse, polygon, smooth

__all__ = ["ROLLER_FACE", "SUPPORT_HEIGHT", "prop_shapes", "roller_axis"]

#: A massage ball about 12 cm across; a foam roller 15 cm across and 90 cm long.
BALL_R = 0.036
ROLLER_R = 0.045
ROLLER_LENGTH = 0.53
#: A bed or treatment table's top, and a chair's seat and back, above the floor.
TABLE_H = 0.32
CHAIR_SEAT = 0.27
CHAIR_BACK = 0.52
#: A folded cushion or pad under a knee.
CUSHION_H = 0.035
MAT_H = 0.006

#: How high a point resting on each prop sits above the floor.
SUPPORT_HEIGHT = {
    "ball": 2 * BALL_R,
    "roller": 2 * ROLLER_R,
    "table": TABLE_H,
    "chair": CHAIR_SEAT,
    "cushion": CUSHION_H,
}


def mat(left: float, right: float) -> list[Shape]:
    return [
        Shape(
            polygon([(left, 0.0), (right, 0.0), (right, MAT_H), (left, MAT_H)]),
            fill="mat",
            stroke="line",
            width=0.003,
        )
    ]


def floor(left: float, right: float) -> list[Shape]:
    return [
        Shape(
            polygon([(left, 0.0), (right, 0.0)], closed=False),
            fill=None,
            stroke="floor",
            width=0.008,
        )
    ]


def ball(x: float) -> list[Shape]:
    c = (x, BALL_R)
    shine = (x - BALL_R * 0.35, BALL_R * 1.35)
    return [
        Shape(circle(c, BALL_R), fill="ball", stroke="line", width=0.004, gradient=True),
        Shape(circle(shine, BALL_R * 0.22), fill="prop", stroke=None, alpha=0.8),
    ]


#: The foam roller in three-quarter view: its axis, running across the body and away
#: from us, tilted this far out of the picture (degrees), and drawn receding at this
#: angle up the picture, towards the body's feet (the far end higher, as seen from a
#: little above). Its drawn length is the real one foreshortened.
ROLLER_TILT = 58.0
#: How many shapes draw the roller's near end face (the last of :func:`roller`'s).
ROLLER_FACE = 2
ROLLER_RECEDE = 62.0


def roller_axis(x: float, towards: float = 1.0) -> tuple[Point, Point]:
    """The centres of the foam roller's near and far end faces, seen in three-quarter
    view: the near end under the body at *x*, on the floor, the far end receding towards
    *towards* (+1: the right of the picture)."""
    near = (x, ROLLER_R)
    length = ROLLER_LENGTH * math.cos(math.radians(ROLLER_TILT))
    angle = ROLLER_RECEDE if towards > 0 else 180 - ROLLER_RECEDE
    return near, along(near, angle, length)


def roller(x: float, towards: float = 1.0) -> list[Shape]:
    """A foam roller lying across the body, in three-quarter view: a long cylinder whose
    near end face (an ellipse, with its hollow core) rests under the body at *x*, its body
    receding behind it towards *towards*, with a highlight along its top and two of its
    rings, so it reads as a roller and not as a ball. The last :data:`ROLLER_FACE`
    shapes are the near end face, nearer to us than the body lying across the roller's
    middle: drawn over it."""
    near, far = roller_axis(x, towards)
    axis = math.degrees(math.atan2(far[1] - near[1], far[0] - near[0]))
    minor = ROLLER_R * math.sin(math.radians(ROLLER_TILT))
    side = axis + 90

    def rim(centre: Point, a: float) -> Point:
        # A point of an end face's rim, *a* degrees round from its top (side) edge.
        r = math.radians(a)
        return along(along(centre, side, ROLLER_R * math.cos(r)), axis, minor * math.sin(r))

    # The outline: round the near end's outer half, along the bottom, round the far
    # end's outer half, and back along the top.
    outline = [rim(near, a) for a in range(0, -181, -15)]
    outline += [rim(far, a) for a in range(180, -1, -15)]
    top = [along(near, side, ROLLER_R * 0.55), along(far, side, ROLLER_R * 0.55)]
    shapes = [Shape(smooth(outline, tension=0.3), fill="prop_dark", stroke="line", width=0.004)]
    # Light falls on its top: a pale stripe along the length.
    shapes.append(
        Shape(polygon(top, closed=False), fill=None, stroke="prop", width=0.016, alpha=0.45)
    )
    # Two rings round it, the half facing us.
    for t in (0.38, 0.72):
        c = (near[0] + (far[0] - near[0]) * t, near[1] + (far[1] - near[1]) * t)
        ring = [rim(c, a) for a in range(180, 361, 20)]
        shapes.append(
            Shape(smooth(ring, closed=False), fill=None, stroke="line", width=0.0025, alpha=0.6)
        )
    face = ellipse(near, minor, ROLLER_R, axis)
    core = ellipse(near, minor * 0.35, ROLLER_R * 0.35, axis)
    shapes += [
        Shape(face, fill="prop", stroke="line", width=0.004, gradient=True),
        Shape(core, fill="prop_dark", stroke="line", width=0.003),
    ]
    return shapes


def wall(x: float, height: float = 1.15) -> list[Shape]:
    shapes = [
        Shape(
            polygon([(x, 0.0), (x + 0.05, 0.0), (x + 0.05, height), (x, height)]),
            fill="wood",
            stroke="line",
            width=0.004,
        )
    ]
    for i in range(1, int(height / 0.08)):
        y = i * 0.08
        shapes.append(
            Shape(
                polygon([(x + 0.05, y), (x + 0.012, y - 0.035)], closed=False),
                fill=None,
                stroke="line",
                width=0.002,
            )
        )
    return shapes


def chair(x: float, facing: float = 1.0) -> list[Shape]:
    """A chair beside the figure, its back at *x*, its seat towards *facing* (+1: right)."""
    seat = x + facing * 0.24
    lw = 0.012
    return [
        Shape(
            polygon([(x, 0.0), (x, CHAIR_BACK)], closed=False), fill=None, stroke="wood", width=0.02
        ),
        Shape(
            polygon([(x, CHAIR_SEAT), (seat, CHAIR_SEAT)], closed=False),
            fill=None,
            stroke="wood",
            width=0.025,
        ),
        Shape(
            polygon([(seat - facing * lw, 0.0), (seat - facing * lw, CHAIR_SEAT)], closed=False),
            fill=None,
            stroke="wood",
            width=0.014,
        ),
        Shape(
            polygon(
                [(x - 0.01 * facing, CHAIR_BACK + 0.005), (x + 0.01 * facing, CHAIR_BACK + 0.005)],
                closed=False,
            ),
            fill=None,
            stroke="wood",
            width=0.024,
        ),
    ]


def table(left: float, right: float) -> list[Shape]:
    """A bed or table: its top from *left* to its edge at *right*, on two legs."""
    top = TABLE_H
    return [
        Shape(
            polygon([(left, top), (right, top), (right, top - 0.06), (left, top - 0.06)]),
            fill="wood",
            stroke="line",
            width=0.004,
        ),
        Shape(
            polygon(
                [
                    (left + 0.03, top - 0.06),
                    (left + 0.06, top - 0.06),
                    (left + 0.06, 0.0),
                    (left + 0.03, 0.0),
                ]
            ),
            fill="wood",
            stroke="line",
            width=0.004,
        ),
        Shape(
            polygon(
                [
                    (right - 0.06, top - 0.06),
                    (right - 0.03, top - 0.06),
                    (right - 0.03, 0.0),
                    (right - 0.06, 0.0),
                ]
            ),
            fill="wood",
            stroke="line",
            width=0.004,
        ),
        Shape(
            polygon([(left, top + 0.02), (right, top + 0.02), (right, top), (left, top)]),
            fill="cushion",
            stroke="line",
            width=0.003,
        ),
    ]


def cable(handle: Point, start: Point, side: float) -> list[Shape]:
    """A cable machine's tower beside the figure, a little beyond where the hands start
    (*start*, towards *side*: +1 right), its pulley at that height, and the cable from it
    to the hands at *handle* (where they are now)."""
    x = start[0] + side * 0.22
    w = 0.09
    left, right = (x, x + w) if side > 0 else (x - w, x)
    post = left if side > 0 else right
    pulley = (post - side * 0.015, start[1])
    shapes = [
        Shape(
            polygon([(left, 0.0), (right, 0.0), (right, 1.2), (left, 1.2)]),
            fill="metal",
            stroke="line",
            width=0.005,
        ),
        Shape(
            polygon(
                [
                    (left + 0.02, 0.05),
                    (right - 0.02, 0.05),
                    (right - 0.02, 0.25),
                    (left + 0.02, 0.25),
                ]
            ),
            fill="prop_dark",
            stroke="line",
            width=0.003,
        ),
    ]
    for i in range(5):
        y = 0.07 + i * 0.035
        shapes.append(
            Shape(
                polygon([(left + 0.02, y), (right - 0.02, y)], closed=False),
                fill=None,
                stroke="line",
                width=0.002,
            )
        )
    shapes += [
        Shape(
            polygon([(pulley[0], pulley[1]), handle], closed=False),
            fill=None,
            stroke="line",
            width=0.005,
        ),
        Shape(circle(pulley, 0.018), fill="prop", stroke="line", width=0.004),
        Shape(
            polygon([(handle[0], handle[1] - 0.03), (handle[0], handle[1] + 0.03)], closed=False),
            fill=None,
            stroke="line",
            width=0.012,
        ),
    ]
    return shapes


def pack(centre: Point, angle: float, kind: str) -> list[Shape]:
    """A heat or ice pack lying on the body at *centre*, its long side along *angle*.

    The two differ in shape, not only in colour (a judge with a colour-weak eye must tell
    them apart): the heat pack is a hot-water bottle, soft and rounded, with its neck and
    cap at one end and ribs across it; the ice pack is a flat, square-cornered gel pack
    with ice cubes inside and a frosted, toothed edge along its top."""

    def at(dx: float, dy: float) -> Point:
        return along(along(centre, angle, dx), angle + 90, dy)

    if kind == "heat_pack":
        body = [(-0.07, -0.012), (0.045, -0.012), (0.058, 0.0), (0.058, 0.012)]
        body += [(0.045, 0.026), (-0.07, 0.026), (-0.078, 0.007)]
        shapes = [
            Shape(smooth([at(*q) for q in body]), fill="heat", stroke="line", width=0.004),
            # The neck and its screw cap.
            Shape(
                polygon([at(0.056, -0.003), at(0.074, -0.003), at(0.074, 0.015), at(0.056, 0.015)]),
                fill="heat",
                stroke="line",
                width=0.0035,
            ),
            Shape(
                polygon([at(0.074, -0.007), at(0.088, -0.007), at(0.088, 0.019), at(0.074, 0.019)]),
                fill="prop_dark",
                stroke="line",
                width=0.0035,
            ),
        ]
        for dx in (-0.045, -0.02, 0.005, 0.03):  # the rubber's ribs
            shapes.append(
                Shape(
                    polygon([at(dx, -0.006), at(dx + 0.008, 0.02)], closed=False),
                    fill=None,
                    stroke="line",
                    width=0.0025,
                    alpha=0.6,
                )
            )
        return shapes
    corners = [at(-0.072, -0.012), at(0.072, -0.012), at(0.072, 0.022), at(-0.072, 0.022)]
    shapes = [Shape(polygon(corners), fill="ice", stroke="line", width=0.004)]
    for dx, tilt in ((-0.045, 8.0), (-0.005, -6.0), (0.035, 12.0)):  # ice cubes inside
        c = at(dx, 0.005)
        cube = [along(c, angle + tilt + 45 + 90 * i, 0.014) for i in range(4)]
        shapes.append(Shape(polygon(cube), fill="prop", stroke="line", width=0.0025, alpha=0.9))
    # Frost along the top: a row of small pale teeth standing on its upper edge.
    teeth = 9
    for i in range(teeth):
        x0 = -0.072 + 0.144 * i / teeth
        x1 = -0.072 + 0.144 * (i + 1) / teeth
        tooth = [at(x0, 0.022), at((x0 + x1) / 2, 0.034), at(x1, 0.022)]
        shapes.append(Shape(polygon(tooth), fill="prop", stroke="line", width=0.002))
    return shapes


#: A folded towel between a pack and the skin: its thickness and how far it reaches past
#: the pack at each end.
TOWEL_T = 0.022
TOWEL_OVER = 0.035


def towel(centre: Point, angle: float) -> list[Shape]:
    """A folded towel lying on the body at *centre* (its long side along *angle*), wider
    than the pack on it, its ends drooping over the body, with a woven stripe near each
    end: what keeps a heat or ice pack off the skin."""
    half = 0.075 + TOWEL_OVER

    def at(dx: float, dy: float) -> Point:
        return along(along(centre, angle, dx), angle + 90, dy)

    droop = 0.03
    outline = [
        at(-half, -droop),
        at(-half * 0.6, 0.0),
        at(half * 0.6, 0.0),
        at(half, -droop),
        at(half + 0.006, -droop + TOWEL_T),
        at(half * 0.6, TOWEL_T),
        at(-half * 0.6, TOWEL_T),
        at(-half - 0.006, -droop + TOWEL_T),
    ]
    shapes = [Shape(smooth(outline, tension=0.25), fill="towel", stroke="line", width=0.004)]
    for end in (-1, 1):
        x = end * (half - 0.022)
        shapes.append(
            Shape(
                polygon([at(x, -0.004), at(x, TOWEL_T - 0.003)], closed=False),
                fill=None,
                stroke="prop_dark",
                width=0.006,
            )
        )
    return shapes


def heat_waves(centre: Point, up: float) -> list[Shape]:
    shapes = []
    for dx in (-0.035, 0.0, 0.035):
        base = along(along(centre, up - 90, dx), up, 0.05)
        wave = [
            along(along(base, up, 0.025 * i), up - 90, 0.01 * math.sin(i * 1.6)) for i in range(5)
        ]
        shapes.append(Shape(smooth(wave, closed=False), fill=None, stroke="heat", width=0.007))
    return shapes


def frost(centre: Point, up: float) -> list[Shape]:
    """Snowflakes over an ice pack: six arms each, every arm with a small fork near its
    tip (a crystal, not a star or an asterisk)."""
    shapes = []
    for dx in (-0.05, 0.0, 0.05):
        c = along(along(centre, up - 90, dx), up, 0.075 + (0.015 if dx == 0 else 0.0))
        for a in (90, 150, 210, 270, 330, 30):
            tip = along(c, a, 0.022)
            fork = along(c, a, 0.013)
            lines = [
                [c, tip],
                [fork, along(fork, a + 45, 0.009)],
                [fork, along(fork, a - 45, 0.009)],
            ]
            for line in lines:
                shapes.append(
                    Shape(polygon(line, closed=False), fill=None, stroke="ice", width=0.0045)
                )
    return shapes


def weight(centre: Point) -> list[Shape]:
    """A weight plate (a dumbbell seen end-on) resting on the hips."""
    c = (centre[0], centre[1] + 0.04)
    return [
        Shape(circle(c, 0.055), fill="metal", stroke="line", width=0.005),
        Shape(circle(c, 0.035), fill=None, stroke="line", width=0.003),
        Shape(circle(c, 0.01), fill="prop_dark", stroke="line", width=0.003),
    ]


def cushion(x: float) -> list[Shape]:
    return [
        Shape(
            ellipse((x, CUSHION_H / 2 + 0.002), 0.065, CUSHION_H / 2 + 0.003, 0.0),
            fill="cushion",
            stroke="line",
            width=0.004,
        )
    ]


def prop_shapes(kind: str, where: Point, **extra: float) -> list[Shape]:
    if kind == "ball":
        return ball(where[0])
    if kind == "roller":
        return roller(where[0], extra.get("towards", 1.0))
    if kind == "cushion":
        return cushion(where[0])
    if kind == "weight":
        return weight(where)
    raise ValueError(kind)


__all__ += [
    "ball",
    "cable",
    "chair",
    "cushion",
    "floor",
    "frost",
    "heat_waves",
    "mat",
    "pack",
    "roller",
    "table",
    "towel",
    "wall",
    "weight",
]
