"""The body's outline as shapes: torso, head with a face, limbs with their joints, hands
and feet; and the probes (points with a radius) that say where the body can touch.

Far limbs are drawn first in the ``far`` role (a shade darker), then the torso and head,
then the near limbs, so the figure reads in depth. Knees and elbows get a joint mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import anthropometry as anthro
from .geometry import Point, along, angle_of, distance
from .scene import Path, Shape, circle, ellipse, smooth
from .skeleton import SIDES, Body

__all__ = ["Probe", "body_shapes", "probes"]

LINE = 0.0055

#: The torso seen from the side, as (along the trunk, towards the front) pairs: its back
#: from the seat to the waist in the lower trunk's frame, then to the shoulder in the
#: upper trunk's; the front back down again.
SIDE_BACK_LOWER = [(-0.07, -0.03), (-0.06, -0.066), (-0.035, -0.08), (0.0, -0.076), (0.045, -0.058)]
SIDE_BACK_UPPER = [(-0.01, -0.048), (0.05, -0.056), (0.1, -0.066), (0.15, -0.062), (0.19, -0.042)]
SIDE_TOP = [(0.208, -0.01), (0.2, 0.03)]
SIDE_FRONT_UPPER = [(0.16, 0.058), (0.11, 0.078), (0.06, 0.07), (0.015, 0.062)]
SIDE_FRONT_LOWER = [(0.085, 0.066), (0.045, 0.07), (0.005, 0.058), (-0.03, 0.048), (-0.06, 0.022)]

#: Seen from the front: half widths (towards the far side), left to right.
FRONT_LOWER = [(-0.075, 0.0), (-0.06, 0.1), (-0.02, 0.108), (0.04, 0.1), (0.09, 0.088)]
FRONT_UPPER = [(0.0, 0.09), (0.06, 0.1), (0.13, 0.11), (0.18, 0.13), (0.205, 0.09), (0.212, 0.0)]

#: Radii of the limbs at each end.
THIGH_R = (0.05, 0.034)
SHANK_R = (0.033, 0.025)
ARM_R = (0.028, 0.023)
FOREARM_R = (0.023, 0.017)


@dataclass(frozen=True)
class Probe:
    """A round bit of the body: its lowest point is its centre less its radius."""

    at: Point
    radius: float = 0.0

    @property
    def low(self) -> float:
        return self.at[1] - self.radius


def capsule(a: Point, b: Point, ra: float, rb: float, steps: int = 5) -> list[Point]:
    """The outline of a limb from *a* (radius *ra*) to *b* (radius *rb*)."""
    import math

    d = max(distance(a, b), 1e-6)
    base = angle_of(a, b)
    # The tangent's angle for circles of different radii.
    tilt = math.degrees(math.asin(max(-1.0, min(1.0, (ra - rb) / d))))
    pts: list[Point] = []
    for i in range(steps + 1):
        t = (90 + tilt) + (180 - 2 * tilt) * i / steps
        pts.append(along(a, base + t, ra))
    for i in range(steps + 1):
        t = -(90 - tilt) + (180 - 2 * tilt) * i / steps
        pts.append(along(b, base + t, rb))
    return pts


def _limb(a: Point, b: Point, ra: float, rb: float, fill: str) -> Shape:
    return Shape(smooth(capsule(a, b, ra, rb), tension=0.6), fill=fill, width=LINE, body=True)


def torso_points(body: Body, breath: float = 0.0) -> list[Point]:
    """The torso's outline; *breath* (0 to 1) fills the belly and chest."""
    lo, up = body.lower, body.upper
    if body.view == "side":
        swell = 1.0 + 0.12 * breath
        pts = [lo.at(u, v) for u, v in SIDE_BACK_LOWER]
        pts += [up.at(u, v) for u, v in SIDE_BACK_UPPER]
        pts += [up.at(u, v) for u, v in SIDE_TOP]
        pts += [up.at(u, v * (1 + 0.05 * breath)) for u, v in SIDE_FRONT_UPPER]
        pts += [lo.at(u, v * swell) for u, v in SIDE_FRONT_LOWER]
        return pts
    left = [lo.at(u, -w) for u, w in FRONT_LOWER] + [up.at(u, -w) for u, w in FRONT_UPPER]
    right = [lo.at(u, w) for u, w in FRONT_LOWER] + [up.at(u, w) for u, w in FRONT_UPPER]
    return left + right[::-1]


def _head(body: Body, fill: str, *, away: bool = False) -> list[Shape]:
    centre = body.points["head"]
    r = anthro.HEAD_RADIUS
    facing = body.angles["head"] - 90  # the face's direction, seen from the side
    up = body.angles["head"]
    shapes = [
        Shape(smooth(capsule(body.points["shoulder"], centre, 0.026, 0.024)), fill=fill, body=True),
        Shape(circle(centre, r), fill=fill, width=LINE, body=True),
    ]
    if body.view == "side":
        # Hair over the crown and the back of the head; the nose, an eye and the chin
        # on the front: which way the face looks reads at a glance.
        hair = [along(centre, facing + a, r * 1.04) for a in range(80, 281, 20)]
        hair += [along(centre, facing + a, r * 0.55) for a in range(250, 90, -40)]
        shapes.append(Shape(smooth(hair), fill="hair", stroke=None, body=True))
        nose = [
            along(centre, facing + 12, r * 0.96),
            along(centre, facing - 4, r * 1.32),
            along(centre, facing - 18, r * 0.95),
        ]
        shapes.append(Shape(smooth(nose, tension=0.3), fill=fill, width=LINE, body=True))
        shapes.append(
            Shape(circle(along(centre, facing + 28, r * 0.6), r * 0.11), fill="line", stroke=None)
        )
        mouth = [along(centre, facing - 40, r * 0.85), along(centre, facing - 35, r * 0.72)]
        shapes.append(Shape(smooth(mouth, closed=False), fill=None, width=LINE * 0.7))
    elif away:
        # The back of the head: hair over all of it down to the nape, no face.
        hair = [along(centre, up + a, r * 1.03) for a in range(-120, 121, 20)]
        hair += [along(centre, up + a, r * 0.5) for a in range(150, 211, 30)]
        shapes.append(Shape(smooth(hair), fill="hair", stroke=None, body=True))
    else:
        hair = [along(centre, up + a, r * 1.04) for a in range(-85, 86, 17)]
        hair += [along(centre, up + a, r * 0.7) for a in range(60, -61, -30)]
        shapes.append(Shape(smooth(hair), fill="hair", stroke=None, body=True))
        for side in (-1, 1):
            eye = along(centre, up - 180 + 180 + side * -35, r * 0.42)
            eye = along(centre, up + side * 35 - 0, r * 0.1)
            eye = along(eye, up - 90, side * r * 0.38)
            shapes.append(Shape(circle(eye, r * 0.11), fill="line", stroke=None))
        mouth_mid = along(centre, up + 180, r * 0.45)
        mouth = [
            along(mouth_mid, up - 90, -r * 0.28),
            along(mouth_mid, up + 180, r * 0.1),
            along(mouth_mid, up - 90, r * 0.28),
        ]
        shapes.append(Shape(smooth(mouth, closed=False), fill=None, width=LINE * 0.8))
    return shapes


def _foot(body: Body, side: str, fill: str) -> Shape:
    ankle = body.points[f"{side}_ankle"]
    foot = body.angles[f"{side}_foot"]
    shank = body.angles[f"{side}_shank"]
    if body.view == "side":
        # Local frame: x along the foot, y up the leg.
        def at(x: float, y: float) -> Point:
            return along(along(ankle, foot, x), foot + 90, y)

        outline = [
            (-0.028, 0.024),
            (-0.044, -0.01),
            (-0.036, -0.039),
            (0.06, -0.04),
            (0.1, -0.04),
            (0.116, -0.032),
            (0.12, -0.019),
            (0.111, -0.006),
            (0.085, 0.006),
            (0.045, 0.022),
            (0.022, 0.032),
        ]
        return Shape(smooth([at(x, y) for x, y in outline]), fill=fill, width=LINE, body=True)
    sole = along(ankle, shank, anthro.ANKLE_HEIGHT * 0.6)
    return Shape(
        ellipse(along(sole, foot, 0.018), 0.04, 0.022, foot), fill=fill, width=LINE, body=True
    )


def _hand(body: Body, side: str, fill: str) -> Shape:
    wrist = body.points[f"{side}_wrist"]
    angle = body.angles[f"{side}_hand"]
    centre = along(wrist, angle, anthro.HAND * 0.42)
    return Shape(ellipse(centre, anthro.HAND * 0.5, 0.02, angle), fill=fill, width=LINE, body=True)


def _leg(body: Body, side: str, fill: str) -> list[Shape]:
    p = body.points
    return [
        _limb(p[f"{side}_hip"], p[f"{side}_knee"], *THIGH_R, fill),
        _limb(p[f"{side}_knee"], p[f"{side}_ankle"], *SHANK_R, fill),
        _foot(body, side, fill),
        Shape(circle(p[f"{side}_knee"], 0.011), fill="joint", stroke=None),
    ]


def _arm(body: Body, side: str, fill: str) -> list[Shape]:
    p = body.points
    return [
        _limb(p[f"{side}_shoulder"], p[f"{side}_elbow"], *ARM_R, fill),
        _limb(p[f"{side}_elbow"], p[f"{side}_wrist"], *FOREARM_R, fill),
        _hand(body, side, fill),
        Shape(circle(p[f"{side}_elbow"], 0.009), fill="joint", stroke=None),
    ]


#: How many shapes the near arm ends the body's front with (two segments, the hand and
#: the elbow's mark).
NEAR_ARM_SHAPES = 4
#: How many shapes the near leg has, just before the near arm's.
NEAR_LEG_SHAPES = 4


def body_shapes(
    body: Body, *, breath: float = 0.0, ghost: bool = False, away: bool = False
) -> tuple[list[Shape], list[Shape]]:
    """The body's shapes: (behind the props under it, in front of them). A *ghost* is
    drawn faint and flat, to show where a movement starts; a body seen from the front
    *away* from us shows the back of its head."""
    far = "ghost" if ghost else "far"
    skin = "ghost" if ghost else "skin"
    far_arm = _arm(body, "far", far)
    # A far hand resting on the front of the trunk lies over it, seen (its forearm and
    # hand drawn after the torso, in the far arm's shade).
    over = far_arm[1:3] if "far" in body.on_trunk and body.view == "side" else []
    back = _leg(body, "far", far) + [s for s in far_arm if not any(s is o for o in over)]
    torso = Shape(smooth(torso_points(body, breath)), fill=skin, width=LINE, body=True)
    front = (
        [torso, *_head(body, skin, away=away)]
        if not ghost
        else [
            torso,
            Shape(
                circle(body.points["head"], anthro.HEAD_RADIUS), fill=skin, width=LINE, body=True
            ),
        ]
    )
    front += over
    front += _leg(body, "near", skin) + _arm(body, "near", skin)
    if ghost:
        back = [
            Shape(
                s.path,
                fill=s.fill and "ghost",
                stroke="ghost",
                width=s.width,
                alpha=0.55,
                body=False,
            )
            for s in back
        ]
        front = [
            Shape(
                s.path,
                fill=s.fill and "ghost",
                stroke="ghost",
                width=s.width,
                alpha=0.55,
                body=False,
            )
            for s in front
            if s.fill != "line"
        ]
    return back, front


def probes(body: Body, contact: str) -> list[list[Probe]]:
    """Where *contact* (a name from :data:`.model.CONTACTS`) touches: groups of probes,
    each of which must touch for the contact to hold."""
    p = body.points
    lo, up = body.lower, body.upper
    if contact == "back":
        return [[Probe(up.at(u, v)) for u, v in SIDE_BACK_UPPER[1:]]]
    if contact == "low_back":
        return [
            [Probe(lo.at(u, v)) for u, v in SIDE_BACK_LOWER[2:]]
            + [Probe(up.at(*SIDE_BACK_UPPER[0]))]
        ]
    if contact == "glutes":
        return [[Probe(lo.at(u, v)) for u, v in SIDE_BACK_LOWER]]
    if contact == "belly":
        return [[Probe(lo.at(u, v)) for u, v in SIDE_FRONT_LOWER]]
    if contact == "chest":
        return [[Probe(up.at(u, v)) for u, v in SIDE_FRONT_UPPER]]
    if contact == "side":
        return [[Probe(q) for q in torso_points(body)]]
    if contact == "head":
        return [[Probe(p["head"], anthro.HEAD_RADIUS)]]
    if contact in ("hip_crease", "hip_bone", "navel", "front_hip", "thigh"):
        return [[Probe(p[contact])]]
    side, _, part = contact.partition("_")
    if part == "foot":
        return [[Probe(p[f"{side}_heel"])], [Probe(p[f"{side}_toes"])]]
    if part in ("heel", "toes"):
        return [[Probe(p[f"{side}_{part}"])]]
    if part == "knee":
        return [[Probe(p[f"{side}_knee"], THIGH_R[1])]]
    if part == "shin":
        return [[Probe(p[f"{side}_knee"], THIGH_R[1])], [Probe(p[f"{side}_ankle"], SHANK_R[1])]]
    if part == "thigh":
        return [[Probe(p[f"{side}_hip"], THIGH_R[0])], [Probe(p[f"{side}_knee"], THIGH_R[1])]]
    if part == "hand":
        return [[Probe(p[f"{side}_hand"], 0.02)]]
    if part == "elbow":
        return [[Probe(p[f"{side}_elbow"], ARM_R[1])]]
    if part == "forearm":
        return [[Probe(p[f"{side}_elbow"], ARM_R[1])], [Probe(p[f"{side}_hand"], 0.02)]]
    raise ValueError(f"unknown contact {contact!r}")


def lowest_point(body: Body) -> float:
    """The lowest point of the body's outline, worked out from its joints and their
    radii and the torso's outline (cheaper than drawing it)."""
    p = body.points
    low = min(y for _, y in torso_points(body))
    low = min(low, p["head"][1] - anthropometry_head())
    for side in SIDES:
        for name, r in (
            ("knee", THIGH_R[1]),
            ("ankle", SHANK_R[1]),
            ("elbow", ARM_R[1]),
            ("wrist", FOREARM_R[1]),
            ("hand", 0.02),
            ("heel", 0.0),
            ("toes", 0.0),
        ):
            low = min(low, p[f"{side}_{name}"][1] - r)
    return low


def anthropometry_head() -> float:
    return anthro.HEAD_RADIUS


def body_points(shapes: list[Shape]) -> list[Point]:
    """The points of the body's outline (for the floor check)."""
    found: list[Point] = []
    for shape in shapes:
        if shape.body:
            found.extend(_anchors(shape.path))
    return found


def _anchors(path: Path) -> list[Point]:
    out: list[Point] = []
    for command in path.commands:
        if command and command[0] in ("M", "L", "C"):
            last = command[-1]
            if isinstance(last, tuple) and len(last) == 2:
                out.append((float(last[0]), float(last[1])))
    return out


__all__ += ["NEAR_ARM_SHAPES", "NEAR_LEG_SHAPES", "SIDES", "body_points", "capsule", "torso_points"]
