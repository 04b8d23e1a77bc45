"""Plane geometry for the rig: points as ``(x, y)`` tuples, y up, angles in degrees."""

from __future__ import annotations

import math

__all__ = ["Point", "add", "along", "angle_of", "direction", "distance", "lerp", "two_link"]

Point = tuple[float, float]


def direction(degrees: float) -> Point:
    """The unit vector at *degrees* counter-clockwise from the +x axis."""
    r = math.radians(degrees)
    return (math.cos(r), math.sin(r))


def add(p: Point, q: Point) -> Point:
    return (p[0] + q[0], p[1] + q[1])


def along(p: Point, degrees: float, length: float) -> Point:
    """The point *length* from *p* in the direction *degrees*."""
    d = direction(degrees)
    return (p[0] + d[0] * length, p[1] + d[1] * length)


def angle_of(p: Point, q: Point) -> float:
    """The direction from *p* to *q*, in degrees."""
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def distance(p: Point, q: Point) -> float:
    return math.hypot(q[0] - p[0], q[1] - p[1])


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def two_link(
    root: Point, target: Point, first: float, second: float, *, bend_ccw: bool
) -> tuple[float, float]:
    """Directions (degrees) of a two-segment limb from *root* whose end reaches *target*
    (or points at it as far as it can): the first segment's, then the second's. The
    second bends counter-clockwise from the first when *bend_ccw*."""
    d = distance(root, target)
    d = min(max(d, abs(first - second) + 1e-6), first + second - 1e-6)
    base = angle_of(root, target)
    cos_a = (first * first + d * d - second * second) / (2 * first * d)
    a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    first_dir = base - a if bend_ccw else base + a
    elbow = along(root, first_dir, first)
    return first_dir, angle_of(elbow, target)
