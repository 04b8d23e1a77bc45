"""A figure as written in an exercise library: its view, key poses, props and target.

A pose is a set of joint angles (degrees) and the body points that rest on the floor or on
a prop. Angles follow anatomy, so a pose reads like a physiotherapist's description:

* ``trunk``: how far the pelvis-to-waist part of the trunk leans from upright, forward
  positive (face-up lying is ``-90``, face-down ``90``); seen from the front, a lean to the
  right of the picture.
* ``chest``: the upper trunk bent forward on the lower (negative: arched back).
* ``neck``: the head bent forward on the chest.
* ``near`` and ``far``: each side's ``hip`` (flexion; abduction from the front), ``knee``
  (flexion), ``ankle`` (pointing the toes), ``shoulder`` (raising the arm forward; sideways
  from the front), ``elbow`` (flexion) and ``wrist``. ``far`` defaults to ``near``.
* ``reach``: a hand placed on a body point (``navel``, ``hip_bone``, ``near_knee``...; the
  far hand may join the near one, ``near_hand``), or ``floor``: flat on the floor under
  its shoulder, the elbow bending back (a cobra); the shoulder and elbow are then worked
  out. ``across_chest``: the arms crossed on the chest, each hand on the other shoulder
  (a crunch); the forearm lies across the chest, seen foreshortened from the side.
* ``elbows``: for a hand placed by ``reach``, which way its elbow bends: ``high`` (the
  default: up off the floor, pressing down from above) or ``low`` (resting beside the
  body, the forearm along it).
* ``touch``: what touches the ground: ``back``, ``near_foot``... or ``name@prop`` for a
  point resting on a prop (``hip_crease@ball``).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, model_validator

from ..value_types import FormatModel

__all__ = [
    "CONTACTS",
    "LANDMARKS",
    "PROPS",
    "Figure",
    "Limbs",
    "Pose",
    "PropPlace",
    "Target",
]

Angle = Annotated[float, Field(ge=-180, le=180)]
Joint = Annotated[float, Field(ge=-90, le=175)]

#: Regions of the body outline that can be shown as the exercise's target.
LANDMARKS = (
    "hip_crease",
    "hip_bone",
    "navel",
    "low_back",
    "glutes",
    "thigh",
    "back_thigh",
    "front_hip",
    "side_hip",
    "belly",
    "chest",
)
Landmark = Literal[
    "hip_crease",
    "hip_bone",
    "navel",
    "low_back",
    "glutes",
    "thigh",
    "back_thigh",
    "front_hip",
    "side_hip",
    "belly",
    "chest",
]

#: Body points that may touch the ground or a prop.
CONTACTS = (
    "back",
    "low_back",
    "glutes",
    "belly",
    "chest",
    "head",
    "side",
    "hip_crease",
    "hip_bone",
    "navel",
    "front_hip",
    "thigh",
    *(
        f"{side}_{part}"
        for side in ("near", "far")
        for part in (
            "foot",
            "heel",
            "toes",
            "knee",
            "shin",
            "hand",
            "forearm",
            "elbow",
            "thigh",
        )
    ),
)

PropKind = Literal[
    "mat",
    "ball",
    "roller",
    "cable",
    "wall",
    "chair",
    "table",
    "heat_pack",
    "ice_pack",
    "weight",
    "cushion",
    "tool",
]
#: Props the rig can draw.
PROPS: tuple[str, ...] = get_args(PropKind)
ReachPoint = Literal[
    "navel",
    "hip_bone",
    "hip_crease",
    "low_back",
    "glutes",
    "thigh",
    "front_hip",
    "belly",
    "chest",
    "near_knee",
    "far_knee",
    "near_shin",
    "far_shin",
    "near_ankle",
    "far_ankle",
    "near_toes",
    "far_toes",
    "near_hand",
    "across_chest",
]


def _check_contact(item: str) -> str:
    point, _, prop = item.partition("@")
    if point not in CONTACTS:
        raise ValueError(f"unknown body point '{point}' (one of: {', '.join(CONTACTS)})")
    if prop and prop not in ("ball", "roller", "table", "chair", "cushion"):
        raise ValueError(
            f"'{item}' rests on '{prop}', but only a ball, roller, table, chair or "
            "cushion can carry the body"
        )
    return item


#: A body point that touches the ground, or ``point@prop`` resting on a prop.
Contact = Annotated[str, AfterValidator(_check_contact)]


class Limbs(FormatModel):
    """One side's joint angles (degrees)."""

    hip: Joint = 0
    knee: Joint = 0
    ankle: Joint = 0
    shoulder: Angle = 0
    elbow: Joint = 0
    wrist: Joint = 0


class Pose(FormatModel):
    """One key pose: joint angles and what touches the ground."""

    trunk: Angle = 0
    chest: Annotated[float, Field(ge=-90, le=120)] = 0
    neck: Annotated[float, Field(ge=-90, le=90)] = 0
    near: Limbs = Limbs()
    far: Limbs | None = None
    reach: dict[Literal["near", "far"], ReachPoint | Literal["floor"]] = Field(default_factory=dict)
    elbows: dict[Literal["near", "far"], Literal["high", "low"]] = Field(default_factory=dict)
    touch: Annotated[list[Contact], Field(min_length=1)]

    @property
    def far_limbs(self) -> Limbs:
        return self.far if self.far is not None else self.near


class PropPlace(FormatModel):
    """Where a prop goes: at a body point (``at``), or under one the pose rests on."""

    at: ReachPoint | Literal["near_hand", "far_hand", "near_foot", "far_foot"] | None = None


class Target(FormatModel):
    """The region the exercise works on, highlighted on the outline."""

    region: Landmark
    side: Literal["near", "far"] = "near"


class Figure(FormatModel):
    """How an exercise is drawn: the view, its key poses in order, props and target."""

    view: Literal["side", "front"] = "side"
    poses: Annotated[dict[Literal["start", "middle", "end"], Pose], Field(min_length=1)]
    props: dict[PropKind, PropPlace] = Field(default_factory=dict)
    target: Target | Landmark | None = None
    #: Small signs drawn beside the figure: arrows for a movement, a pulse for pressure.
    signs: list[
        Literal[
            "press",
            "hook",
            "deep",
            "wave",
            "drop",
            "arch",
            "roll",
            "move",
            "lift",
            "tuck",
            "breathe",
            "box",
            "four_seven_eight",
            "heat",
            "cold",
            "twist",
            "alternate",
            "hug",
            "map",
            "hold",
            "gap",
        ]
    ] = Field(default_factory=list)
    #: Whether the figure faces the left of the picture (it faces right by default).
    mirror: bool = False
    #: Seen from the front, which way the body faces: towards us (``us``), or ``away``,
    #: its back to us (the back of the head drawn, no face): a leg hanging towards us,
    #: in front of a bed, then hangs back, behind the body.
    facing: Literal["us", "away"] = "us"
    #: The start pose seen from overhead, drawn small in a corner with the bed under it:
    #: lying on the side, the body's profile is what is seen from above, so a leg taken
    #: back behind the body (hip extension), which a view from the front or behind hides,
    #: shows. Drawn as a side view (face up: the front of the body towards the bed's
    #: middle, the back along its edge).
    overhead: Pose | None = None
    #: How the still picture shows a movement: the last pose over a faint first one
    #: (``ghost``), the key poses side by side (``sequence``), or the last pose alone.
    still: Literal["ghost", "sequence", "last"] = "ghost"

    @model_validator(mode="after")
    def _start_first(self) -> Figure:
        if "start" not in self.poses:
            raise ValueError("'poses' needs a 'start' pose")
        return self

    def key_poses(self) -> list[Pose]:
        """The poses in the order the movement passes them: start, middle, end."""
        return [self.poses[name] for name in ("start", "middle", "end") if name in self.poses]

    def target_place(self) -> Target | None:
        if self.target is None or isinstance(self.target, Target):
            return self.target
        return Target(region=self.target)
