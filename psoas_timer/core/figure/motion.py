"""The figure in motion: which pose to draw at a moment of the session, and the poses in
between key poses.

A rep moves from the start pose to the end (through the middle one, if any) and back, in
step with its phases (up: start to end; hold: still at the end; down: back); a rep without
phases goes there and back over its length. Holds and stretches keep their last pose and
breathe with the breathing guide; release drills keep theirs and pulse the target. All of
it is worked out from the moment, never from counted frames, so a dropped frame never
puts the figure out of step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .body_shapes import lowest_point
from .drawing import frame_for, frame_scene, place, planted_shift
from .geometry import Point, lerp
from .model import Figure, Limbs, Pose
from .scene import Box, Scene
from .skeleton import SIDES, Body, leg_to, plant_hands, pose_body

__all__ = ["Moment", "Motion", "blend", "key_body", "posed"]

#: Seconds of one pulse of a release drill's target.
PULSE_SECONDS = 1.6
#: Seconds of one breath when the step has no breathing pattern of its own.
REST_BREATH = 5.0

#: Steps of a movement from the start pose to the last, and of a breath or a pulse: finer
#: than the eye follows at the player's size, coarse enough that a few hundred drawings
#: serve a whole session.
MOVE_STEPS = 40
SWELL_STEPS = 24

_LIMB_KEYS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")


@dataclass(frozen=True)
class Moment:
    """Where the session is, as the figure needs it: the segment's kind (``rep``,
    ``hold``, ``open``, ``breathe``, ``prepare``...), a rep's phase, how far through the
    segment (0 to 1), seconds into it, and how full the lungs are (0 to 1, None: no
    breathing pattern)."""

    kind: str
    phase: str | None = None
    fraction: float = 0.0
    seconds: float = 0.0
    breath: float | None = None


def _ease(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The pose *t* of the way from *a* to *b* (angles in between; what touches and what
    the hands reach from the nearer one)."""
    near = b if t >= 0.5 else a

    def limbs(x: Limbs, y: Limbs) -> Limbs:
        return Limbs(**{k: lerp(getattr(x, k), getattr(y, k), t) for k in _LIMB_KEYS})

    return Pose(
        trunk=lerp(a.trunk, b.trunk, t),
        chest=lerp(a.chest, b.chest, t),
        neck=lerp(a.neck, b.neck, t),
        near=limbs(a.near, b.near),
        far=limbs(a.far_limbs, b.far_limbs),
        reach=a.reach if a.reach == b.reach else near.reach,
        elbows=a.elbows if a.elbows == b.elbows else near.elbows,
        touch=near.touch,
    )


def _lerp_point(p: Point, q: Point, t: float) -> Point:
    return (lerp(p[0], q[0], t), lerp(p[1], q[1], t))


def _planted(a: Pose, b: Pose, side: str) -> bool:
    keys = {f"{side}_foot", f"{side}_heel", f"{side}_toes"}
    return bool(keys & set(a.touch)) and bool(keys & set(b.touch))


_PLACED: dict[tuple[int, str], tuple[Pose, Body]] = {}


def _placed(pose: Pose, view: str) -> Body:
    """*pose*'s body on the ground, remembered (a key pose is placed once, not per frame)."""
    key = (id(pose), view)
    found = _PLACED.get(key)
    if found is None or found[0] is not pose:
        if len(_PLACED) > 256:
            _PLACED.clear()
        found = _PLACED[key] = (pose, place(pose, view).body)
    return found[1]


def key_body(figure: Figure, pose: Pose) -> Body:
    """*pose* (one of *figure*'s key poses) on the ground where the still picture draws
    it: moved along the floor so that a foot it keeps flat on the floor with the last key
    pose stands where it stands there (a lunge sinks over its front foot)."""
    body = _placed(pose, figure.view)
    last = figure.key_poses()[-1]
    if pose is last:
        return body
    dx = planted_shift(body, pose.touch, _placed(last, figure.view), last.touch)
    return body.moved(dx, 0.0) if dx else body


def posed(figure: Figure, a: Pose, b: Pose, t: float) -> tuple[Pose, Body]:
    """The pose *t* of the way from *a* to *b*, and its body on the ground: the hips move
    straight between where each key pose puts them, and a foot on the floor in both stays
    on the floor."""
    if t <= 0.0 or t >= 1.0:
        pose = a if t <= 0.0 else b
        return pose, key_body(figure, pose)
    start, end = key_body(figure, a), key_body(figure, b)
    pose = blend(a, b, t)
    body = pose_body(pose, figure.view)
    hip = _lerp_point(start.points["hip"], end.points["hip"], t)
    body = body.moved(hip[0] - body.points["hip"][0], hip[1] - body.points["hip"][1])
    for side in SIDES:
        if _planted(a, b, side):
            ankle = _lerp_point(start.points[f"{side}_ankle"], end.points[f"{side}_ankle"], t)
            leg_to(body, side, ankle, (pose.near if side == "near" else pose.far_limbs).ankle)
    plant_hands(body, pose)
    lowest = lowest_point(body)
    if lowest < 0.0:  # a knee or a hand on its way would dip into the floor: lift it
        body = body.moved(0.0, -lowest)
    return pose, body


class Motion:
    """One figure's drawings over a session: :meth:`scene` for any :class:`Moment`, in one
    frame that holds every key pose (so the picture does not jump about)."""

    def __init__(self, figure: Figure, *, release: bool = False, tight: bool = False) -> None:
        self.figure = figure
        self.release = release
        self.poses = figure.key_poses()
        scenes = [
            frame_scene(figure, pose, body=key_body(figure, pose), on_ground=True)
            for pose in self.poses
        ]
        #: The frame every drawing shares: 4:3 like the pictures, or *tight* around the
        #: key poses (to fill a view of any shape).
        self.frame: Box = frame_for(figure, scenes, tight=tight)

    @property
    def moves(self) -> bool:
        return len(self.poses) > 1

    def progress(self, moment: Moment) -> float:
        """How far along the key poses (0: start, 1: the last) the figure is."""
        if not self.moves:
            return 0.0
        if moment.kind != "rep":
            return 1.0 if moment.kind in ("hold", "open") else 0.0
        f = min(1.0, max(0.0, moment.fraction))
        if moment.phase == "up":
            return _ease(f)
        if moment.phase == "hold":
            return 1.0
        if moment.phase == "down":
            return 1.0 - _ease(f)
        return _ease(1.0 - abs(2 * f - 1.0))

    def breath(self, moment: Moment) -> float:
        """How full the chest is drawn: the guide's breath, or a slow one of its own, while
        a pose is held; none while moving or resting."""
        if moment.kind not in ("hold", "open", "breathe") or self.release:
            return 0.0  # a release drill shows its pulse instead
        if moment.breath is not None:
            return moment.breath
        return 0.5 - 0.5 * math.cos(2 * math.pi * moment.seconds / REST_BREATH)

    def pulse(self, moment: Moment) -> float:
        """How far the target swells: release drills pulse while the pressure is on."""
        if not self.release or moment.kind not in ("hold", "open"):
            return 0.0
        return 0.5 - 0.5 * math.cos(2 * math.pi * moment.seconds / PULSE_SECONDS)

    def at(self, progress: float) -> tuple[Pose, Body]:
        """The pose and body *progress* of the way through the key poses."""
        if not self.moves:
            pose = self.poses[0]
            return pose, _placed(pose, self.figure.view)
        spans = len(self.poses) - 1
        x = min(1.0, max(0.0, progress)) * spans
        i = min(int(x), spans - 1)
        return posed(self.figure, self.poses[i], self.poses[i + 1], x - i)

    def key(self, moment: Moment) -> tuple[int, int, int]:
        """The drawing *moment* needs, as steps of the movement, the breath and the pulse:
        moments with the same key look the same, so their drawing is worked out once."""
        return (
            round(self.progress(moment) * MOVE_STEPS),
            round(self.breath(moment) * SWELL_STEPS),
            round(self.pulse(moment) * SWELL_STEPS),
        )

    def rep_keys(self) -> list[tuple[int, int, int]]:
        """The keys of every drawing a rep of this figure passes (start to the last key
        pose; the way back reuses them), for drawing them ahead of the first rep."""
        if not self.moves:
            return []
        return [(step, 0, 0) for step in range(MOVE_STEPS + 1)]

    def scene(self, moment: Moment) -> Scene:
        """The drawing for *moment*."""
        return self.scene_at(self.key(moment))

    def scene_at(self, key: tuple[int, int, int]) -> Scene:
        """The drawing for a :meth:`key`, worked out afresh: the view keeps the drawn
        frames (by key), so a scene is needed only for a frame it has not drawn. (Kept
        here too, a figure's few hundred scenes were megabytes of small objects that left
        Python's heap fragmented when they went.)"""
        progress, breath, pulse = key
        pose, body = self.at(progress / MOVE_STEPS)
        return frame_scene(
            self.figure,
            pose,
            body=body,
            on_ground=True,
            breath=breath / SWELL_STEPS,
            pulse=pulse / SWELL_STEPS,
            frame=self.frame,
        )

    def still(self, moment: Moment) -> Scene:
        """The drawing for *moment* without motion: the key pose it is nearest."""
        pose = self.poses[-1] if self.progress(moment) >= 0.5 else self.poses[0]
        return frame_scene(
            self.figure, pose, body=key_body(self.figure, pose), on_ground=True, frame=self.frame
        )
