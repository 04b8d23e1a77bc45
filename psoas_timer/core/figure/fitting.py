"""Nudge a pose's joint angles until what it says touches the ground does, and nothing
goes through the floor: a help for writing poses (``tools/draw_figures.py --fit``), never
used while drawing. A plain coordinate search, kept close to the angles written."""

from __future__ import annotations

from collections.abc import Iterable

from .body_shapes import body_points, body_shapes
from .drawing import place
from .model import Limbs, Pose

__all__ = ["fit_pose", "pose_cost"]

_LIMB_KEYS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")


def pose_cost(pose: Pose, view: str) -> float:
    """How far *pose* is from standing as written: each contact's gap, squared, and each
    dip into the floor, squared and weighted."""
    placed = place(pose, view)
    cost = 0.0
    for _, groups, height in placed.contacts:
        for group in groups:
            gap = min(p.low for p in group) - height
            cost += max(gap, 0.0) ** 2
    back, front = body_shapes(placed.body)
    for _, y in body_points(back + front):
        if y < 0:
            cost += 10 * y * y
    return cost


def _params(pose: Pose) -> dict[str, float]:
    out = {"trunk": pose.trunk, "chest": pose.chest, "neck": pose.neck}
    for side, limbs in (("near", pose.near), ("far", pose.far_limbs)):
        for key in _LIMB_KEYS:
            out[f"{side}.{key}"] = getattr(limbs, key)
    return out


def _build(pose: Pose, values: dict[str, float]) -> Pose:
    sides = {
        side: Limbs(**{k: values[f"{side}.{k}"] for k in _LIMB_KEYS}) for side in ("near", "far")
    }
    return Pose(
        trunk=values["trunk"],
        chest=values["chest"],
        neck=values["neck"],
        near=sides["near"],
        far=sides["far"],
        reach=pose.reach,
        elbows=pose.elbows,
        touch=pose.touch,
    )


def fit_pose(
    pose: Pose, view: str, *, free: Iterable[str] | None = None, keep: float = 2e-7
) -> Pose:
    """*pose* with the angles named in *free* (all by default, as ``trunk``, ``near.hip``
    ...) moved, a few degrees at a time, to close its contacts' gaps; *keep* weighs how
    much each degree away from the written angle costs."""
    start = _params(pose)
    names = list(free) if free is not None else list(start)
    values = dict(start)

    def cost(v: dict[str, float]) -> float:
        try:
            candidate = _build(pose, v)
        except ValueError:
            return float("inf")
        drift = sum((v[k] - start[k]) ** 2 for k in names)
        return pose_cost(candidate, view) + keep * drift

    best = cost(values)
    for step in (8.0, 4.0, 2.0, 1.0, 0.5):
        improved = True
        rounds = 0
        while improved and rounds < 30:
            improved = False
            rounds += 1
            for name in names:
                for delta in (step, -step):
                    trial = dict(values)
                    trial[name] = values[name] + delta
                    c = cost(trial)
                    if c < best - 1e-12:
                        values, best = trial, c
                        improved = True
    return _build(pose, values)
