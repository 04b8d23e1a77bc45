"""Forward kinematics: a :class:`~.model.Pose` seen from the side or the front, as named
points (joints, hands, feet, landmarks on the body's surface), the hip at the origin.

Segment lengths come from :mod:`.anthropometry`; the directions of the segments follow the
angle conventions of :mod:`.model`. Everything is plain arithmetic, so the player can
compute a pose every frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import anthropometry as anthro
from .geometry import Point, add, along, angle_of, direction, two_link
from .model import Limbs, Pose

__all__ = ["Body", "Frame", "pose_body"]

SIDES = ("near", "far")


@dataclass(frozen=True)
class Frame:
    """A local frame on the trunk: *origin*, *up* along the trunk (degrees), and which way
    is the body's front (+1: clockwise of up, as in a side view; 0: the front faces us)."""

    origin: Point
    up: float

    def at(self, u: float, v: float) -> Point:
        """The point *u* along the trunk and *v* towards its front (its right, seen from
        the front)."""
        p = along(self.origin, self.up, u)
        return along(p, self.up - 90, v)


@dataclass
class Body:
    """A posed body: its joints and landmarks, and each segment's direction."""

    view: str
    points: dict[str, Point] = field(default_factory=dict)
    angles: dict[str, float] = field(default_factory=dict)
    lower: Frame = Frame((0.0, 0.0), 90.0)
    upper: Frame = Frame((0.0, 0.0), 90.0)
    #: The sides whose hand rests on the front of the trunk (drawn over it, even the far
    #: one: a hand on the chest is seen).
    on_trunk: frozenset[str] = frozenset()

    def moved(self, dx: float, dy: float) -> Body:
        def shift(p: Point) -> Point:
            return (p[0] + dx, p[1] + dy)

        return Body(
            self.view,
            {k: shift(p) for k, p in self.points.items()},
            dict(self.angles),
            Frame(shift(self.lower.origin), self.lower.up),
            Frame(shift(self.upper.origin), self.upper.up),
            self.on_trunk,
        )


#: Landmarks on the outline, in the lower trunk's frame (along, towards the front), seen
#: from the side: the fold of the hip, the front of the hip bone (its spine, the ASIS),
#: the navel, the low back and the middle of the buttock.
SIDE_LANDMARKS: dict[str, tuple[float, float]] = {
    "hip_crease": (-0.012, 0.052),
    "hip_bone": (0.042, 0.066),
    "navel": (0.108, 0.07),
    "belly": (0.1, 0.085),
    "front_hip": (0.015, 0.06),
    "side_hip": (0.0, 0.0),
    "low_back": (0.085, -0.05),
    "glutes": (-0.03, -0.078),
}
#: The same seen from the front (along, sideways: positive to the near side's outside).
FRONT_LANDMARKS: dict[str, tuple[float, float]] = {
    "hip_crease": (-0.015, 0.05),
    "hip_bone": (0.045, 0.075),
    "navel": (0.09, 0.0),
    "belly": (0.07, 0.0),
    "front_hip": (0.02, 0.06),
    "side_hip": (0.0, 0.1),
    "low_back": (0.085, 0.0),
    "glutes": (-0.03, 0.06),
}


#: Body points on the front of the trunk a hand may rest on.
TRUNK_FRONT = frozenset(
    {"navel", "belly", "chest", "hip_bone", "hip_crease", "front_hip", "across_chest"}
)
#: A ``reach`` that crosses the arms on the chest, each hand on the other shoulder.
ACROSS_CHEST = "across_chest"


def pose_body(pose: Pose, view: str) -> Body:
    """The joints of *pose* seen from *view* ("side" or "front"), the hip at the origin."""
    body = Body(view)
    pts, ang = body.points, body.angles
    lower = 90.0 - pose.trunk
    upper = lower - pose.chest
    head = upper - pose.neck
    ang.update(lower=lower, upper=upper, head=head)
    hip: Point = (0.0, 0.0)
    waist = along(hip, lower, anthro.LOWER_TRUNK)
    shoulder = along(waist, upper, anthro.UPPER_TRUNK)
    pts.update(
        hip=hip, waist=waist, shoulder=shoulder, head=along(shoulder, head, anthro.HEAD_CENTRE)
    )
    body.lower = Frame(hip, lower)
    body.upper = Frame(waist, upper)
    limbs = {"near": pose.near, "far": pose.far_limbs}
    for side in SIDES:
        if view == "side":
            pts[f"{side}_hip"] = hip
            pts[f"{side}_shoulder"] = shoulder
        else:
            out = -1.0 if side == "near" else 1.0
            pts[f"{side}_hip"] = along(hip, lower - 90, out * anthro.HIP_HALF_SPACING)
            pts[f"{side}_shoulder"] = along(shoulder, upper - 90, out * anthro.SHOULDER_HALF_WIDTH)
        _leg(body, side, limbs[side])
    _landmarks(body)
    body.on_trunk = frozenset(
        side
        for side in SIDES
        if pose.reach.get(side) in TRUNK_FRONT  # type: ignore[call-overload]
    )
    for side in SIDES:
        reach = pose.reach.get(side)  # type: ignore[call-overload]
        _arm(
            body,
            side,
            limbs[side],
            None if reach == FLOOR else reach,
            low=pose.elbows.get(side) == "low",  # type: ignore[call-overload]
        )
    return body


#: A hand's ``reach`` that puts it flat on the floor under its shoulder (where the
#: floor is is known only once the body is placed: see :func:`plant_hands`).
FLOOR = "floor"
#: How high a flat hand's centre sits above what it rests on.
FLAT_HAND = 0.02


def floor_hands(pose: Pose) -> list[str]:
    """The sides whose hand *pose* puts flat on the floor."""
    return [side for side in SIDES if pose.reach.get(side) == FLOOR]  # type: ignore[call-overload]


def plant_hands(body: Body, pose: Pose, floor: float = 0.0) -> None:
    """Put each hand *pose* reaches to the floor with flat on it (at height *floor*),
    its palm under its shoulder and its fingers pointing the way the head is; the elbow
    bends back, towards the hips, as in a cobra or a press-up. A shoulder too high for
    the arm leaves the arm straight, pointing at the spot (and the hand short of it)."""
    pts, ang = body.points, body.angles
    ahead = 1.0 if pts["shoulder"][0] >= pts["hip"][0] else -1.0
    hand = 0.0 if ahead > 0 else 180.0
    for side in floor_hands(pose):
        root = pts[f"{side}_shoulder"]
        wrist_at = (root[0] - ahead * HAND_REACH * 1.6, floor + FLAT_HAND)
        options = [
            two_link(root, wrist_at, anthro.UPPER_ARM, anthro.FOREARM, bend_ccw=ccw)
            for ccw in (True, False)
        ]
        upper, fore = min(options, key=lambda o: ahead * along(root, o[0], anthro.UPPER_ARM)[0])
        elbow = along(root, upper, anthro.UPPER_ARM)
        wrist = along(elbow, fore, anthro.FOREARM)
        ang.update({f"{side}_arm": upper, f"{side}_forearm": fore, f"{side}_hand": hand})
        pts[f"{side}_elbow"] = elbow
        pts[f"{side}_wrist"] = wrist
        pts[f"{side}_hand"] = along(wrist, hand, HAND_REACH)


def _sign(view: str, side: str) -> float:
    """+1 where a positive angle turns a limb counter-clockwise."""
    if view == "side":
        return 1.0
    return -1.0 if side == "near" else 1.0


def _leg(body: Body, side: str, limb: Limbs) -> None:
    s = _sign(body.view, side)
    thigh = body.angles["lower"] + 180 + s * limb.hip
    shank = thigh - s * limb.knee
    _place_leg(body, side, thigh, shank, limb.ankle)


def _place_leg(body: Body, side: str, thigh: float, shank: float, ankle: float) -> None:
    pts, ang = body.points, body.angles
    knee = along(pts[f"{side}_hip"], thigh, anthro.THIGH)
    ankle_at = along(knee, shank, anthro.SHANK)
    if body.view == "side":
        foot = shank + 90 - ankle
    else:
        foot = shank + (-90 if side == "near" else 90) * (1 - ankle / 180)
    sole = along(ankle_at, shank, anthro.ANKLE_HEIGHT)
    ang.update({f"{side}_thigh": thigh, f"{side}_shank": shank, f"{side}_foot": foot})
    pts[f"{side}_knee"] = knee
    pts[f"{side}_ankle"] = ankle_at
    if body.view == "side":
        pts[f"{side}_heel"] = along(sole, foot, -anthro.FOOT_BACK + 0.012)
        pts[f"{side}_toes"] = along(sole, foot, anthro.FOOT_FRONT - 0.012)
    else:
        pts[f"{side}_heel"] = along(sole, foot, -0.012)
        pts[f"{side}_toes"] = along(sole, foot, 0.03)


def _landmarks(body: Body) -> None:
    table = SIDE_LANDMARKS if body.view == "side" else FRONT_LANDMARKS
    for name, (u, v) in table.items():
        if body.view == "side":
            body.points[name] = body.lower.at(u, v)
        else:
            body.points[name] = body.lower.at(u, -v)
            body.points[f"far_{name}"] = body.lower.at(u, v)
    body.points["chest"] = body.upper.at(0.12, 0.075 if body.view == "side" else 0.0)
    thigh = body.angles["near_thigh"]
    mid = along(body.points["near_hip"], thigh, anthro.THIGH * 0.45)
    body.points["thigh"] = along(mid, thigh + 90, 0.045) if body.view == "side" else mid
    # The back of the thigh (the hamstrings), where a forward fold or downward dog pulls.
    body.points["back_thigh"] = along(mid, thigh - 90, 0.045) if body.view == "side" else mid
    for side in SIDES:
        knee, ankle = body.points[f"{side}_knee"], body.points[f"{side}_ankle"]
        body.points[f"{side}_shin"] = ((knee[0] + ankle[0]) / 2, (knee[1] + ankle[1]) / 2)


#: How far a hand's centre sits from the wrist.
HAND_REACH = anthro.HAND * 0.5


def _arm(body: Body, side: str, limb: Limbs, reach: str | None, *, low: bool = False) -> None:
    pts, ang = body.points, body.angles
    s = _sign(body.view, side)
    root = pts[f"{side}_shoulder"]
    if reach == ACROSS_CHEST:
        _crossed_arm(body, side)
        return
    if reach is not None:
        goal = pts[reach]
        # Of the two ways to bend the elbow, the one that keeps it higher: off the floor
        # when lying, and pressing down on the spot from above (or, asked for, the lower:
        # resting beside the body).
        reach_len = anthro.FOREARM + HAND_REACH * 0.6

        def height(option: tuple[float, float]) -> float:
            return along(root, option[0], anthro.UPPER_ARM)[1]

        def solve(to: Point, second: float) -> tuple[float, float]:
            options = [
                two_link(root, to, anthro.UPPER_ARM, second, bend_ccw=ccw) for ccw in (True, False)
            ]
            return min(options, key=height) if low else max(options, key=height)

        upper, fore = solve(goal, reach_len)
        if limb.wrist:
            # A bent wrist (fingers hooked onto the spot): the wrist goes where the hand,
            # bent so, lands on the spot.
            for _ in range(4):
                wrist_at = along(goal, fore + s * limb.wrist, -HAND_REACH)
                upper, fore = solve(wrist_at, anthro.FOREARM)
        hand = fore + s * limb.wrist
    else:
        upper = ang["upper"] + 180 + s * limb.shoulder
        fore = upper + s * limb.elbow
        hand = fore + s * limb.wrist
    elbow = along(root, upper, anthro.UPPER_ARM)
    wrist = along(elbow, fore, anthro.FOREARM)
    ang.update({f"{side}_arm": upper, f"{side}_forearm": fore, f"{side}_hand": hand})
    pts[f"{side}_elbow"] = elbow
    pts[f"{side}_wrist"] = wrist
    pts[f"{side}_hand"] = along(wrist, hand, HAND_REACH)


def _crossed_arm(body: Body, side: str) -> None:
    """*side*'s arm folded across the chest, its hand on the other shoulder. The arm
    leaves the picture's plane, so it is drawn as seen: from the shoulder down the front
    of the chest to the elbow below the breastbone, the forearm back up over the chest to
    the hand at the other collarbone (shorter than its length, as it crosses towards us
    or away). Seen from the front, the forearm crosses the chest to the other shoulder."""
    pts, ang = body.points, body.angles
    up = body.upper
    if body.view == "side":
        elbow = up.at(0.075, 0.035)
        wrist = up.at(0.145, 0.07)
    else:
        out = -1.0 if side == "near" else 1.0
        elbow = up.at(0.06, -out * 0.1)
        wrist = up.at(0.15, out * 0.02)
    upper = angle_of(pts[f"{side}_shoulder"], elbow)
    fore = angle_of(elbow, wrist)
    # The hand lies flat over the collarbone, its fingers towards the shoulder's top.
    hand = up.up - 10 if body.view == "side" else fore
    ang.update({f"{side}_arm": upper, f"{side}_forearm": fore, f"{side}_hand": hand})
    pts[f"{side}_elbow"] = elbow
    pts[f"{side}_wrist"] = wrist
    pts[f"{side}_hand"] = along(wrist, hand, HAND_REACH)


def leg_to(body: Body, side: str, foot_at: Point, ankle: float) -> None:
    """Bend *side*'s leg so that its ankle lands on *foot_at* (used between key poses, to
    keep a planted foot planted)."""
    s = _sign(body.view, side)
    thigh, shank = two_link(
        body.points[f"{side}_hip"], foot_at, anthro.THIGH, anthro.SHANK, bend_ccw=s < 0
    )
    _place_leg(body, side, thigh, shank, ankle)


__all__ += [
    "FLOOR",
    "HAND_REACH",
    "SIDES",
    "add",
    "direction",
    "floor_hands",
    "leg_to",
    "plant_hands",
]
