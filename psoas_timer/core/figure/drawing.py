"""A figure drawn: the body placed on the floor by its contacts, its props, its target
and its signs, as a :class:`~.scene.Scene` for any painter.

:func:`still` is the picture for a page or a file (a moving exercise's last key pose,
with its first as a faint ghost and an arrow); :func:`frame_scene` draws any pose (the
player's animation) in a frame that stays put while the body moves; :func:`pose_problems`
says what is wrong with a pose (a limb through the floor, a contact in the air).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..breathing import NAMED_PATTERNS
from . import anthropometry as anthro
from . import props as kit
from .body_shapes import (
    NEAR_ARM_SHAPES,
    NEAR_LEG_SHAPES,
    SIDE_FRONT_LOWER,
    Probe,
    body_points,
    body_shapes,
    probes,
)
from .geometry import Point, along, angle_of, direction, distance
from .model import Figure, Pose
from .scene import Box, Label, Path, Scene, Shape, circle, polygon, smooth
from .signs import (
    SIGN_W,
    arc_arrow,
    arrow,
    arrow_head,
    body_map,
    box_sign,
    breath_lines,
    curve_arrow,
    double_arrow,
    hold_sign,
    pulse_ring,
)
from .skeleton import Body, floor_hands, plant_hands, pose_body

__all__ = ["TOLERANCE", "Placed", "frame_scene", "place", "pose_problems", "still"]

#: How near the ground a contact must be to touch it, and how far a limb may dip into the
#: floor (figure units: 0.02 is 3.4 cm on a body 1.70 m tall, about a mat and soft tissue).
TOLERANCE = 0.02
ASPECT = 4 / 3
MARGIN = 0.07

#: The signs of a release drill: pressure on a spot, drawn on the skin over the anatomy.
RELEASE_SIGNS = {"press", "hook", "deep", "roll", "move"}
FRONT_REGIONS = {"hip_crease", "hip_bone", "navel", "belly", "front_hip", "chest", "thigh"}


@dataclass
class Placed:
    """A pose's body on the ground, with what carries each contact."""

    body: Body
    #: Each contact with its groups of probes and the height of what it rests on.
    contacts: list[tuple[str, list[list[Probe]], float]] = field(default_factory=list)


def _support(item: str) -> tuple[str, float, str]:
    point, _, prop = item.partition("@")
    return point, kit.SUPPORT_HEIGHT.get(prop, 0.0), prop


def place(pose: Pose, view: str, body: Body | None = None, *, lift: bool = True) -> Placed:
    """*pose* (or its already worked-out *body*) lifted so that what it rests on rests on
    it: each contact at or above its support, the lowest one touching."""
    body = body if body is not None else pose_body(pose, view)
    # A hand put flat on the floor goes there once the rest of the body is down.
    planted = {f"{side}_hand" for side in floor_hands(pose)}
    found = []
    up = float("-inf")
    for item in pose.touch:
        point, height, _ = _support(item)
        groups = probes(body, point)
        if point not in planted:
            low = min(p.low for group in groups for p in group)
            up = max(up, height - low)
        found.append((item, groups, height))
    if up == float("-inf"):
        up = 0.0
    moved = body.moved(0.0, up) if lift else body
    if planted:
        plant_hands(moved, pose)
    return Placed(moved, [(item, probes(moved, _support(item)[0]), h) for item, _, h in found])


def planted_shift(earlier: Body, before: list[str], now: Body, after: list[str]) -> float:
    """How far to move *earlier* (touching *before*) along the floor so that the one foot
    flat on the floor in it and in *now* (touching *after*) stands in one place: a lunge's
    hips then sink forward over the front foot, rather than the foot sliding back under
    them. With both feet down, as in a bridge or a side lunge, or none, nothing moves."""
    feet = [side for side in ("near", "far") if f"{side}_foot" in set(before) & set(after)]
    if len(feet) != 1:
        return 0.0
    ankle = f"{feet[0]}_ankle"
    return now.points[ankle][0] - earlier.points[ankle][0]


def _anchored(earlier: Placed, now: Placed) -> Placed:
    """*earlier* moved along the floor by :func:`planted_shift`."""
    dx = planted_shift(
        earlier.body,
        [item for item, _, _ in earlier.contacts],
        now.body,
        [item for item, _, _ in now.contacts],
    )
    if not dx:
        return earlier
    contacts = [
        (item, [[Probe((p.at[0] + dx, p.at[1]), p.radius) for p in g] for g in groups], h)
        for item, groups, h in earlier.contacts
    ]
    return Placed(earlier.body.moved(dx, 0.0), contacts)


def pose_problems(figure: Figure, pose: Pose) -> list[str]:
    """What is wrong with *pose* as drawn: a contact that does not touch what it rests on
    (a detached figure, a floating boat), or a part of the body below the floor."""
    placed = place(pose, figure.view)
    problems = []
    for item, groups, height in placed.contacts:
        for group in groups:
            gap = min(p.low for p in group) - height
            if gap > TOLERANCE:
                problems.append(f"'{item}' is {gap:.3f} above what it rests on")
                break
    back, front = body_shapes(placed.body)
    lowest = min(y for _, y in body_points(back + front))
    if lowest < -TOLERANCE:
        problems.append(f"the body goes {-lowest:.3f} below the floor")
    return problems


def _mirror_path(path: Path) -> Path:
    out: list[tuple[object, ...]] = []
    for command in path.commands:
        out.append(tuple(_flip(c) for c in command))
    return Path(tuple(out))


def _flip(item: object) -> object:
    if isinstance(item, tuple):
        return (-item[0], item[1])
    return item


def _nudge(item: object, dx: float) -> object:
    if isinstance(item, tuple):
        return (item[0] + dx, item[1])
    return item


def _mirrored(scene: Scene) -> Scene:
    shapes = [
        Shape(
            _mirror_path(s.path), s.fill, s.stroke, s.width, s.alpha, s.gradient, s.dashed, s.body
        )
        for s in scene.shapes
    ]
    labels = [Label((-lb.at[0], lb.at[1]), lb.text, lb.size, lb.role) for lb in scene.labels]
    f = scene.frame
    return Scene(shapes, labels, Box(-f.right, f.bottom, -f.left, f.top), scene.title)


#: Regions at the top of a thigh that the far leg has its own of, seen from the side: the
#: front of the far hip (a lunge's back leg, where its stretch is felt), how far down the
#: far thigh, and how far out to its front.
FAR_THIGH_REGIONS = {"hip_crease": 0.2, "front_hip": 0.35, "thigh": 0.5}


def _far_thigh(body: Body, region: str, side: str) -> bool:
    return body.view == "side" and side == "far" and region in FAR_THIGH_REGIONS


def _region_point(body: Body, region: str, side: str) -> Point:
    """Where *region* is on *side* of *body*. Seen from the side, the trunk's landmarks
    are shared, but a far thigh's are its own: the front of the back leg's hip."""
    if body.view == "front" and side == "far" and f"far_{region}" in body.points:
        return body.points[f"far_{region}"]
    if _far_thigh(body, region, side):
        thigh = body.angles["far_thigh"]
        down = along(body.points["far_hip"], thigh, anthro.THIGH * FAR_THIGH_REGIONS[region])
        return along(down, thigh + 90, 0.05)
    return body.points[region]


def _outward(body: Body, region: str, side: str = "near") -> float:
    """The direction out of the body's surface at *region*."""
    if _far_thigh(body, region, side):
        return body.angles["far_thigh"] + 90
    if body.view == "front":
        # Towards the viewer: drawn as up the trunk standing, up the picture lying on
        # the side.
        up = body.lower.up
        return up if abs(direction(up)[0]) < 0.7 else 90.0
    if region == "back_thigh":
        return body.angles["near_thigh"] - 90
    if region in FRONT_REGIONS:
        return body.lower.up - 90
    return body.lower.up + 90


def _anatomy(figure: Figure, body: Body, region: str | None) -> list[Shape]:
    """The landmarks that tell the release drills apart: the wing of the hip bone with its
    front point (where the fingers hook in), the navel with the deep psoas muscle under it
    (where the fingers sink), the crease of the hip (where the ball goes). Only release
    drills show them: on a stretch they would read as a bag on the hip."""
    if body.view != "side" or not RELEASE_SIGNS & set(figure.signs):
        return []
    lo, up = body.lower, body.upper
    shapes: list[Shape] = []
    if "hook" in figure.signs:
        # The wing of the hip bone seen through the skin, its rim and the point at its
        # front: the fingers hook over that point, into the bowl of the bone.
        wing = [
            lo.at(0.0, 0.012),
            lo.at(0.03, 0.045),
            lo.at(0.05, 0.056),
            lo.at(0.085, 0.03),
            lo.at(0.1, -0.01),
            lo.at(0.085, -0.045),
            lo.at(0.04, -0.05),
            lo.at(0.0, -0.025),
        ]
        # The whole wing outlined, faintly filled: a bone, not a bag on the hip.
        shapes.append(Shape(smooth(wing), fill="bone", stroke="bone", width=0.006, alpha=0.25))
        rim = [
            lo.at(0.04, -0.05),
            lo.at(0.085, -0.045),
            lo.at(0.1, -0.01),
            lo.at(0.085, 0.03),
            lo.at(0.05, 0.056),
            lo.at(0.02, 0.04),
        ]
        shapes.append(Shape(smooth(rim, closed=False), fill=None, stroke="bone", width=0.014))
    if "deep" in figure.signs:
        # The low spine, faint: the fingers sink towards it, the psoas lying just in
        # front of it (not drawn in the target's colour: the spot under the fingers is
        # the picture's one target).
        spine = [up.at(0.12, -0.04), up.at(0.0, -0.035), lo.at(0.06, -0.04), lo.at(0.0, -0.05)]
        shapes.append(
            Shape(smooth(spine, closed=False), fill=None, stroke="bone", width=0.012, alpha=0.5)
        )
    if region == "navel":
        # The navel: the fingers go a few fingers' widths beside it.
        shapes.append(
            Shape(circle(lo.at(0.108, 0.066), 0.011), fill=None, stroke="line", width=0.005)
        )
    return shapes


def hip_crease_line(body: Body) -> list[Shape]:
    """The fold of the hip seen from the side, where the thigh meets the trunk: a bold
    curve from the front of the groin (where the ball presses) up and back over the side
    of the hip towards the hip bone, long enough to show past the mark on the spot."""
    lo = body.lower
    fold = [
        lo.at(-0.022, 0.058),
        lo.at(-0.004, 0.03),
        lo.at(0.024, 0.004),
        lo.at(0.06, -0.02),
        lo.at(0.085, -0.03),
    ]
    return [
        Shape(smooth(fold, closed=False), fill=None, stroke="skin", width=0.02),
        Shape(smooth(fold, closed=False), fill=None, stroke="line", width=0.01),
    ]


#: The iliacus release's landmarks on the lower trunk (along it, towards its front): the
#: front point of the hip bone, a knob just under the skin, and where the hooked
#: fingertips sink in just beyond it on the head's side, inside the bone's rim.
HIP_POINT = (0.045, 0.062)
HOOK_TIPS = (0.074, 0.036)


def _hooked_hand(body: Body) -> list[Shape]:
    """The near hand with its fingers hooked over the front point of the hip bone: a thick
    outlined curve from the wrist, over the bony point, its fingertips curling down on the
    head's side of it and sinking in, inside the rim of the bone (not on the belly)."""
    lo = body.lower
    hook = [
        body.points["near_wrist"],
        lo.at(0.03, 0.105),
        lo.at(0.066, 0.1),
        lo.at(0.08, 0.07),
        lo.at(*HOOK_TIPS),
    ]
    path = smooth(hook, closed=False)
    return [
        Shape(path, fill=None, stroke="line", width=0.04),
        Shape(path, fill=None, stroke="skin", width=0.029),
    ]


_FIRST: dict[int, tuple[Figure, Body]] = {}


def _first_body(figure: Figure) -> Body:
    """The figure's first key pose on the ground (remembered per figure)."""
    found = _FIRST.get(id(figure))
    if found is None or found[0] is not figure:
        if len(_FIRST) > 128:
            _FIRST.clear()
        found = _FIRST[id(figure)] = (figure, place(figure.key_poses()[0], figure.view).body)
    return found[1]


def _prop_layers(figure: Figure, placed: Placed) -> tuple[list[Shape], list[Shape], list[Shape]]:
    """The props: (behind the body, between its far and near sides, on top of it)."""
    body = placed.body
    behind: list[Shape] = []
    under: list[Shape] = []
    over: list[Shape] = []
    on_table = [
        min((p for g in groups for p in g), key=lambda p: p.low).at
        for item, groups, _ in placed.contacts
        if item.endswith("@table")
    ]
    for item, groups, _ in placed.contacts:
        _, _, prop = item.partition("@")
        if prop in ("ball", "roller", "cushion"):
            low = min((p for g in groups for p in g), key=lambda p: p.low)
            x = low.at[0]
            if prop == "roller":
                # Its long body recedes towards the feet, under the bent knees where it
                # is seen; its near end sticks out towards us, over the body.
                feet = body.points["near_ankle"][0] - body.points["hip"][0]
                shapes = kit.roller(x, 1.0 if feet >= 0 else -1.0)
                under += shapes[: -kit.ROLLER_FACE]
                over += shapes[-kit.ROLLER_FACE :]
                continue
            if prop == "ball" and "move" in figure.signs:
                under += _rolled_ghosts(x)
            under += kit.prop_shapes(prop, (x, 0.0))
    for kind, placement in figure.props.items():
        at = placement.at
        if kind == "table" and on_table:
            xs = [p[0] for p in on_table]
            if body.view == "front":  # lying on the side: the whole length on the bed
                xs += [body.points[n][0] for n in ("far_ankle", "far_knee", "hip")]
            head = body.points["head"][0]
            edge = max(xs) + 0.035 if head < max(xs) else min(xs) - 0.035
            if "drop" in figure.signs and body.view == "front":
                # A leg hanging off the bed's long side, towards us: the bed runs on past
                # the hip, and the thigh hangs down in front of its side.
                leg_xs = [body.points[n][0] for n in ("near_ankle", "near_toes", "hip")]
                edge = max(leg_xs) + 0.08 if head < max(leg_xs) else min(leg_xs) - 0.08
            far_end = min(min(xs), head) - 0.1 if head < max(xs) else max(max(xs), head) + 0.1
            behind += kit.table(min(edge, far_end), max(edge, far_end))
        elif kind == "chair" and at is None:
            seat = [
                min((p for g in groups for p in g), key=lambda p: p.low).at
                for item, groups, _ in placed.contacts
                if item.endswith("@chair")
            ]
            if seat:
                facing = 1.0 if body.points["near_knee"][0] >= body.points["hip"][0] else -1.0
                behind += kit.chair(seat[0][0] - facing * 0.1, facing)
        elif kind in ("wall", "chair", "cable") and at is not None:
            # Placed where the first key pose puts the hand: it stays put while the body
            # moves.
            first = _first_body(figure)
            hand, hip = first.points[at], first.points["hip"]
            side = 1.0 if hand[0] >= hip[0] else -1.0
            if kind == "wall":
                x = hand[0] + side * 0.03
                behind += kit.wall(x if side > 0 else x - 0.05)
            elif kind == "chair":
                behind += kit.chair(hand[0], -side)
            else:
                behind += kit.cable(body.points[at], hand, side)
        elif kind in ("heat_pack", "ice_pack") and at is not None:
            spot = body.points[at]
            out = _outward(body, at)
            if body.view == "front" and figure.facing == "us" and at in FRONT_REGIONS:
                # Seen from the front, a pack on the front of the body faces us: it lies
                # over the spot, along the trunk, not on the body's upper edge.
                axis = body.angles["lower"]
                # Over the hip crease: a little down the body from the spot, towards the
                # middle of the hip seen from the front.
                centre = along(along(spot, axis, -0.03), out, -0.035)
                over += kit.towel(centre, axis)
                over += kit.pack(centre, axis, kind)
                over += (
                    kit.heat_waves(along(centre, 90, 0.03), 90)
                    if kind == "heat_pack"
                    else kit.frost(centre, 90)
                )
                continue
            # A towel between the pack and the skin, as the steps say.
            over += kit.towel(along(spot, out, 0.004), out - 90)
            centre = along(spot, out, 0.012 + kit.TOWEL_T)
            over += kit.pack(centre, out - 90, kind)
            over += kit.heat_waves(centre, 90) if kind == "heat_pack" else kit.frost(centre, 90)
        elif kind == "weight" and at is not None:
            spot = body.points[at]
            over += kit.weight(along(spot, _outward(body, at), -0.005))
    return behind, under, over


#: Ball rolls: how far the ball is rolled either way along the body from where it lies.
ROLL_REACH = 0.075


def _moved_ball(placed: Placed, region: Point) -> list[Shape]:
    """Roll the ball slowly a short way along the body: an arrow both ways over the body
    above the ball, as long as the path (no clock: it is not one long hold; nothing under
    the floor line). The ball's ends of the path are drawn faint under the body
    (:func:`_rolled_ghosts`)."""
    y = region[1] + 0.15
    return double_arrow(
        (region[0] - ROLL_REACH, y), (region[0] + ROLL_REACH, y), width=SIGN_W * 1.2
    )


def _rolled_ghosts(x: float) -> list[Shape]:
    """The ball, faint and dashed, at either end of its short path along the floor."""
    shapes = []
    for dx in (-ROLL_REACH, ROLL_REACH):
        centre = (x + dx, kit.BALL_R)
        shapes.append(
            Shape(
                circle(centre, kit.BALL_R),
                fill="ball",
                stroke="line",
                width=0.004,
                alpha=0.3,
                dashed=True,
            )
        )
    return shapes


def _signs(
    figure: Figure, placed: Placed, start: Placed | None, region: Point | None, outward: float
) -> tuple[list[Shape], list[Label]]:
    body = placed.body
    shapes: list[Shape] = []
    labels: list[Label] = []
    target = _target(figure)
    target_region = target[0] if target else None
    for sign in figure.signs:
        if sign == "press" and region is not None:
            if direction(outward)[1] < -0.3:
                # The spot faces the floor: the weight presses down on it from above.
                # One "sink and hold" arrow, and a clock: it stays, it does not roll.
                top = (region[0], region[1] + 0.13)
                shapes += arrow((top[0], top[1] + 0.14), top, width=SIGN_W * 1.4)
                shapes += hold_sign((top[0] + 0.1, top[1] + 0.08), 0.045)
            else:
                for spread in (-22, 0, 22):
                    tip = along(region, outward + spread, 0.06)
                    shapes += arrow(along(region, outward + spread, 0.16), tip)
        elif sign == "move" and region is not None:
            shapes += _moved_ball(placed, region)
        elif sign == "roll" and region is not None:
            if "ball" in figure.props:
                # One ball, rolled a little up and down where it lies: a short arrow both
                # ways over the body above it (nothing is drawn under the floor line).
                y = region[1] + 0.16
                shapes += double_arrow((region[0] - 0.1, y), (region[0] + 0.1, y))
            else:
                # The roller goes up and down the back: a long arrow both ways along the
                # spine, above the trunk (nothing is drawn under the floor line).
                ahead = 1.0 if body.points["head"][0] > body.points["hip"][0] else -1.0
                spots = [region[0] + ahead * d for d in (-0.34, -0.18, 0.0, 0.14)]
                low, high = min(spots), max(spots)
                y = max(body.points[n][1] for n in ("hip", "waist", "shoulder")) + 0.22
                shapes += double_arrow((low - 0.03, y), (high + 0.03, y))
        elif sign == "hook" and region is not None:
            # Over the front point of the hip bone and down into its bowl.
            lo = body.lower
            # From the thigh's side, up over the front point and down just beyond it,
            # into the bowl inside the rim (not out on the belly).
            path = [lo.at(-0.05, 0.16), lo.at(0.02, 0.21), lo.at(0.1, 0.19), lo.at(0.11, 0.1)]
            shapes += curve_arrow(path)
        elif sign == "deep" and region is not None:
            # Down onto the belly, then on, deep, towards the spine (dashed, under the
            # skin): the psoas lies just in front of it.
            inward = outward + 180
            # Straight down, bold: the flat fingers sink, they do not hook.
            top = along(region, outward, 0.21)
            shapes += arrow(top, along(region, outward, 0.11), width=SIGN_W * 1.5)
            deep = along(region, inward, 0.075)
            shapes.append(
                Shape(
                    polygon([region, along(deep, outward, 0.02)], closed=False),
                    fill=None,
                    stroke="sign",
                    width=SIGN_W,
                    dashed=True,
                )
            )
            shapes.append(arrow_head(deep, inward))
            # Breathe out as the fingers go in: breath leaving the mouth.
            head = body.points["head"]
            mouth = body.upper.up - 105
            shapes += breath_lines(along(head, mouth, 0.08), mouth)
        elif sign == "drop":
            # The near leg hangs and sinks with its own weight.
            knee = body.points["near_knee"]
            side = 1.0 if knee[0] >= body.points["hip"][0] else -1.0
            if figure.facing == "away":  # off the end of the bed: beside it, in the open
                side = -side
            x = knee[0] - side * 0.09
            shapes += arrow((x, knee[1] + 0.06), (x, knee[1] - 0.1))
        elif sign == "arch":
            # The spine's curve: rounded up (the chest bent forward) or sagging down.
            pose_chest = body.angles["lower"] - body.angles["upper"]
            back = body.lower.up + 90  # out of the back
            spot = along(body.upper.at(0.0, -0.06), back, 0.05)
            if pose_chest > 0:
                shapes += arrow(spot, along(spot, back, 0.11))
            else:
                shapes += arrow(along(spot, back, 0.11), spot)
        elif sign == "wave":
            # The belly risen with the breath in, dashed over the body at rest.
            lo = body.lower
            risen = [lo.at(u, v * 1.45) for u, v in SIDE_FRONT_LOWER[:-1]]
            shapes.append(
                Shape(
                    smooth(risen, closed=False),
                    fill=None,
                    stroke="sign",
                    width=SIGN_W * 0.6,
                    dashed=True,
                )
            )
            # The long breath out leaving the mouth.
            head = body.points["head"]
            mouth = body.upper.up - 105
            shapes += breath_lines(along(head, mouth, 0.08), mouth)
            shapes_wave, labels_wave = _breath_wave(body, _breathing_counts())
            shapes += shapes_wave
            labels += labels_wave
        elif sign == "lift" and start is not None:
            best, moved = "hip", 0.0
            # A hand resting on the trunk (holding a weight on the hips) moves with it.
            hand = [] if body.on_trunk else ["near_hand"]
            for name in ("hip", "shoulder", "near_ankle", "near_knee", *hand, "head"):
                d = distance(start.body.points[name], body.points[name])
                if d > moved:
                    best, moved = name, d
            if target_region in ("hip_crease", "glutes"):
                # A hip-flexor stretch: the movement that matters is the hips sinking
                # forward, whatever else moves with them; a bridge: the hips rising (the
                # single-leg bridge's straight leg rises with them, not a kick).
                best = "hip"
            a, b = start.body.points[best], body.points[best]
            if best == "hip":
                # The hips rise inside the body's outline: the arrow goes beside them, off
                # the body's front, where it is seen.
                off = body.lower.up - 90
                gap = 0.27 if "weight" in figure.props else 0.14  # over the weight
                a, b = along(a, off, gap), along(b, off, gap)
            if body.view == "front" and best in ("near_ankle", "near_knee"):
                foot_a, foot_b = start.body.points["near_ankle"], body.points["near_ankle"]
                if abs(foot_b[0] - foot_a[0]) > abs(foot_b[1] - foot_a[1]):
                    # A step sideways: the arrow runs along the floor, under the feet,
                    # from where the foot stood beside the other one (which stays).
                    was = (
                        body.points["far_ankle"][0] + foot_a[0] - start.body.points["far_ankle"][0]
                    )
                    y = -0.05
                    shapes += arrow((was, y), (foot_b[0] - 0.02, y), width=SIGN_W * 1.3)
                    continue
            if best == "head":
                # The head curls up a short way: the arrow runs beyond its crown, where
                # the head does not hide it.
                a = along(a, start.body.angles["head"], 0.085)
                b = along(b, body.angles["head"], 0.085)
            # Off a joint by a little.
            trim = {"hip": -0.02, "head": 0.025}.get(best, 0.03)
            if moved > 0.05:
                angle = angle_of(a, b)
                shapes += arrow(along(a, angle, trim), along(b, angle, -trim))
        elif sign == "map" and target_region is not None:
            tool = (
                "move"
                if "move" in figure.signs
                else "roll"
                if "roll" in figure.signs
                else "ball"
                if "ball" in figure.props
                else "hook"
                if "hook" in figure.signs
                else "fingers"
                if "deep" in figure.signs
                else "spot"
            )
            # One map, one size, for every release drill: only the spot (and the tool)
            # tells them apart.
            corner = _map_corner(body, shapes)
            shapes += body_map(corner, target_region, MAP_SIZE, tool)
        elif sign == "gap":
            # Standing, not kneeling: the space under the back knee, marked like a
            # measured height (a dashed line with a bar at each end) from the knee's
            # underside to the floor.
            back_knee = body.points["far_knee"]
            gx = back_knee[0]
            knee_low = back_knee[1] - 0.05
            shapes.append(
                Shape(
                    polygon([(gx, knee_low), (gx, 0.012)], closed=False),
                    fill=None,
                    stroke="sign",
                    width=SIGN_W * 0.8,
                    dashed=True,
                )
            )
            for gy in (knee_low, 0.012):
                shapes.append(
                    Shape(
                        polygon([(gx - 0.03, gy), (gx + 0.03, gy)], closed=False),
                        fill=None,
                        stroke="sign",
                        width=SIGN_W,
                    )
                )
        elif sign == "hold":
            # A held stretch, not a step: a small clock over the head.
            head = body.points["head"]
            shapes += hold_sign((head[0] + 0.13, head[1] + 0.06), 0.045)
        elif sign == "alternate":
            # Light, quick steps: the standing heel up, a bounce under the ball of the foot.
            feet = [body.points[f"{side}_toes"] for side in ("near", "far")]
            toes = min(feet, key=lambda p: p[1])
            for dx in (-0.06, 0.06):
                shapes.append(
                    Shape(
                        polygon([(toes[0] + dx, 0.02), (toes[0] + dx * 1.8, 0.075)], closed=False),
                        fill=None,
                        stroke="sign",
                        width=SIGN_W * 0.7,
                    )
                )
        elif sign == "tuck":
            # The tailbone tucked under: the pelvis tilting round its own middle, drawn
            # as two bold arcs turning the same way just outside it: behind, from the low
            # back down towards the tailbone; in front, from below the hip bone up
            # towards the belly (a loop round the seat read as going round the thigh).
            centre = body.lower.at(0.05, 0.0)
            up = body.lower.up
            turn = 1.0 if direction(up - 90)[0] >= 0 else -1.0  # +1: the front faces right
            for begin in (up + turn * 70, up - turn * 110):
                shapes += arc_arrow(centre, 0.12, begin, turn * 70, width=SIGN_W * 1.5, head=0.04)
        elif sign == "breathe":
            spot = body.points["belly"]
            shapes += breath_lines(
                along(spot, _outward(body, "belly"), 0.03), _outward(body, "belly")
            )
        elif sign == "twist":
            chest = body.upper.at(0.12, 0.0)
            shapes += arc_arrow(chest, 0.13, 200, 140, ry=0.04)
        elif sign in ("box", "four_seven_eight"):
            outline = [p for shape in body_shapes(body)[1] for p in shape.path.points()]
            high = max(y for _, y in outline)
            corner = (max(x for x, _ in outline) + 0.08, high - 0.22)
            if sign == "box":
                shapes += box_sign(corner, 0.2)
                for at in (
                    (corner[0] - 0.05, corner[1] + 0.1),
                    (corner[0] + 0.1, corner[1] + 0.26),
                    (corner[0] + 0.25, corner[1] + 0.1),
                    (corner[0] + 0.1, corner[1] - 0.05),
                ):
                    labels.append(Label(at, "4"))
            else:
                centre = (corner[0] + 0.12, corner[1] + 0.1)
                # Clockwise from the top, each count's arc as long as its share.
                arcs = ((80.0, -95.0), (-35.0, -110.0), (-165.0, -100.0))
                for (begin, sweep), text in zip(arcs, ("4", "7", "8"), strict=True):
                    shapes += arc_arrow(centre, 0.12, begin, sweep * 0.8)
                    mid = along(centre, begin + sweep * 0.4, 0.2)
                    labels.append(Label(mid, text, 0.08))
    return shapes, labels


#: The spot map's scale, and its width and height at that scale.
MAP_SIZE = 1.0
MAP_W, MAP_H = 0.32 * MAP_SIZE, 0.48 * MAP_SIZE


def _map_corner(body: Body, signs: list[Shape], size: float = MAP_SIZE) -> Point:
    """Where the spot map goes: over the lowest stretch of the body (above the head of a
    figure lying down rather than above its knees), so the picture stays short and the
    body large; to the right where that costs nothing."""
    back, front = body_shapes(body)
    drawn = [q for shape in back + front + signs for q in shape.path.points()]
    width = MAP_W * size / MAP_SIZE
    left = min(x for x, _ in drawn)
    right = max(x for x, _ in drawn)
    best: tuple[float, float, float] | None = None
    steps = 24
    for i in range(steps + 1):
        x = left + (right - width - left) * i / steps
        under = [y for qx, y in drawn if x - 0.03 <= qx <= x + width + 0.03]
        bottom = max(under, default=0.0) + 0.05
        key = (round(bottom, 2), -x, bottom)
        if best is None or key < best:
            best = key
    assert best is not None
    return (-best[1], best[2])


#: The overhead inset's scale against the main figure.
OVERHEAD_SCALE = 0.55

_OVERHEAD: dict[int, tuple[Figure, list[Shape]]] = {}


def _overhead_shapes(figure: Figure, pose: Pose) -> tuple[list[Shape], Box]:
    """The body lying on its side seen from above, in its own units: the bed's top under
    it (its long edge along the back), a pillow under the head, the body's profile, the
    line of the trunk carried on past the hip (dashed), and an arrow turning from that
    line back to the top thigh, which lies behind it and over the bed's edge."""
    body = pose_body(pose, "side")
    back, front = body_shapes(body)
    drawn = [q for shape in back + front for q in shape.path.points()]
    torso = [q for q in front[0].path.points()]
    edge = min(y for _, y in torso)  # the back of the trunk: the bed's long edge
    left = min(x for x, _ in drawn) - 0.06
    right = max(x for x, _ in drawn) + 0.06
    top = max(y for _, y in drawn) + 0.05
    bed = Shape(
        polygon([(left, edge), (right, edge), (right, top), (left, top)]),
        fill="cushion",
        stroke="line",
        width=0.012,
        alpha=0.55,
    )
    head = body.points["head"]
    pillow = Shape(
        smooth(
            [
                (head[0] - 0.12, edge + 0.02),
                (head[0] + 0.12, edge + 0.02),
                (head[0] + 0.12, top - 0.03),
                (head[0] - 0.12, top - 0.03),
            ],
            tension=0.3,
        ),
        fill="prop",
        stroke="line",
        width=0.01,
    )
    hip = body.points["hip"]
    # The top leg at rest, in line with the trunk, faint: where the leg is taken back from.
    rest = pose.model_copy(update={"near": pose.near.model_copy(update={"hip": 0.0, "knee": 0.0})})
    _, rest_front = body_shapes(pose_body(rest, "side"), ghost=True)
    ghost_leg = rest_front[-(NEAR_ARM_SHAPES + NEAR_LEG_SHAPES) : -NEAR_ARM_SHAPES]
    trunk_line = angle_of(body.points["waist"], hip)  # the trunk's line, on past the hip
    thigh = body.angles["near_thigh"]
    sweep = (thigh - trunk_line + 180) % 360 - 180
    # Round the hip, beyond the foot: from the foot at rest to the foot taken back.
    reach = distance(hip, body.points["near_ankle"]) + 0.07
    turn = arc_arrow(hip, reach, trunk_line, sweep * 0.9, width=SIGN_W * 3, head=0.09)
    # The same heat or ice pack as in the main view, on its towel on the front of the hip:
    # the two views are of one body.
    packs: list[Shape] = []
    for kind, placement in figure.props.items():
        if kind in ("heat_pack", "ice_pack") and placement.at is not None:
            spot = body.points[placement.at]
            out = body.lower.up - 90  # out of the front of the body
            packs += kit.towel(along(spot, out, 0.004), out - 90)
            packs += kit.pack(along(spot, out, 0.012 + kit.TOWEL_T), out - 90, kind)
    shapes = [bed, pillow, *ghost_leg, *back, *front, *packs, *turn]
    box = Scene(shapes).bounds()
    return shapes, box


def _overhead_inset(figure: Figure, drawn: list[Shape]) -> list[Shape]:
    """The overhead view (:data:`Figure.overhead`) in a frame beside the figure (it stays
    put while the figure breathes)."""
    pose = figure.overhead
    if pose is None:
        return []
    found = _OVERHEAD.get(id(figure))
    if found is None or found[0] is not figure:
        if len(_OVERHEAD) > 64:
            _OVERHEAD.clear()
        # Worked out once, from the first key pose: it stays put while the body moves.
        found = _OVERHEAD[id(figure)] = (figure, _overhead_placed(figure, pose, drawn))
    return found[1]


def _overhead_placed(figure: Figure, pose: Pose, drawn: list[Shape]) -> list[Shape]:
    shapes, box = _overhead_shapes(figure, pose)
    k = OVERHEAD_SCALE
    pad = 0.03
    width, height = box.width * k + 2 * pad, box.height * k + 2 * pad
    first = _first_body(figure)
    back, front = body_shapes(first)
    points = [q for shape in back + front + drawn for q in shape.path.points()]
    # Beside the figure, past its right end, its top level with the figure's: the picture
    # grows wider, not taller, so the player's wide, low space still shows the body large.
    x0 = max(x for x, _ in points) + 0.06
    y0 = max(0.02, max(y for _, y in points) - height)
    # The head at the same end as in the main picture (the whole picture, inset and all,
    # is mirrored later when the figure asks).
    head_right = first.points["head"][0] > first.points["hip"][0]
    if head_right != (_overhead_head_x(shapes) > (box.left + box.right) / 2):
        shapes = [_mirror_shape(s) for s in shapes]
        box = Box(-box.right, box.bottom, -box.left, box.top)

    def moved(p: Point) -> Point:
        return (x0 + pad + (p[0] - box.left) * k, y0 + pad + (p[1] - box.bottom) * k)

    frame = Shape(
        smooth(
            [(x0, y0), (x0 + width, y0), (x0 + width, y0 + height), (x0, y0 + height)],
            tension=0.15,
        ),
        fill=None,
        stroke="ghost",
        width=0.004,
    )
    out = [frame]
    for s in shapes:
        commands = tuple(
            tuple(moved(c) if isinstance(c, tuple) else c for c in command)
            for command in s.path.commands
        )
        out.append(
            Shape(Path(commands), s.fill, s.stroke, s.width * k, s.alpha, s.gradient, s.dashed)
        )
    return out


def _overhead_head_x(shapes: list[Shape]) -> float:
    """Where the pillow (under the head) is along the overhead view."""
    pillow = next(s for s in shapes if s.fill == "prop")
    box = Scene([pillow]).bounds()
    return (box.left + box.right) / 2


def _mirror_shape(s: Shape) -> Shape:
    return Shape(_mirror_path(s.path), s.fill, s.stroke, s.width, s.alpha, s.gradient, s.dashed)


def _breathing_counts() -> tuple[int, int]:
    """The counts in and out the wave shows: the calm breath's (out longer than in)."""
    calm = NAMED_PATTERNS["calm"]
    return round(calm.inhale), round(calm.exhale)


def _breath_wave(body: Body, counts: tuple[int, int]) -> tuple[list[Shape], list[Label]]:
    """A breath drawn as a wave above the figure: up while breathing in (the belly rises),
    down, longer, while breathing out, with the counts of each and an arrow at each turn."""
    outline = [p for shape in body_shapes(body)[1] for p in shape.path.points()]
    left = min(x for x, _ in outline)
    right = max(x for x, _ in outline)
    high = max(y for _, y in outline)
    inhale, exhale = counts
    width = min(0.9, (right - left) * 0.8)
    unit = width / (inhale + exhale)
    x0 = (left + right) / 2 - width / 2
    base = high + 0.08
    rise = 0.13
    pts: list[Point] = []
    steps = 24
    for i in range(steps + 1):  # in: a half wave up over *inhale* counts
        t = i / steps
        pts.append((x0 + t * inhale * unit, base + rise * (0.5 - 0.5 * math.cos(math.pi * t))))
    for i in range(1, steps + 1):  # out: a half wave down over *exhale* counts
        t = i / steps
        x = x0 + (inhale + t * exhale) * unit
        pts.append((x, base + rise * (0.5 + 0.5 * math.cos(math.pi * t))))
    shapes = [Shape(smooth(pts, closed=False), fill=None, stroke="sign", width=SIGN_W)]
    peak = pts[steps]
    end = pts[-1]
    shapes += arrow(pts[steps - 4], peak)
    shapes += arrow(pts[-5], end)
    # Under the wave, one dot a count: a short row under the breath in, a long one
    # under the breath out, so "out longer than in" can be seen and counted.
    row = base - 0.035
    gap = unit * 0.35
    for i in range(inhale + exhale):
        x = x0 + (i + 0.5) * unit + (gap if i >= inhale else -gap) * 0.5
        shapes.append(Shape(circle((x, row), min(0.016, unit * 0.22)), fill="sign", stroke=None))
    for start, count in ((x0 - gap * 0.5, inhale), (x0 + inhale * unit + gap * 0.5, exhale)):
        bar = [(start + unit * 0.15, row - 0.03), (start + count * unit - unit * 0.15, row - 0.03)]
        shapes.append(Shape(polygon(bar, closed=False), fill=None, stroke="sign", width=SIGN_W))
    labels = [
        Label((x0 + inhale * unit * 0.3, base + rise * 0.95), str(inhale), 0.075),
        Label((x0 + (inhale + exhale * 0.7) * unit, base + rise * 0.95), str(exhale), 0.075),
    ]
    return shapes, labels


def _target(figure: Figure) -> tuple[str, str] | None:
    target = figure.target_place()
    return (target.region, target.side) if target is not None else None


def frame_scene(
    figure: Figure,
    pose: Pose,
    *,
    body: Body | None = None,
    on_ground: bool = False,
    breath: float = 0.0,
    pulse: float = 0.0,
    ghost: Pose | None = None,
    frame: Box | None = None,
) -> Scene:
    """*pose* drawn with the figure's props, target and signs; *breath* and *pulse*
    (0 to 1) fill the chest and swell the target; *ghost* a faint earlier pose. A *body*
    already *on_ground* (between key poses) is not lifted again."""
    placed = place(pose, figure.view, body, lift=not on_ground)
    body = placed.body
    start = _anchored(place(ghost, figure.view), placed) if ghost is not None else None
    moved_from = start
    if moved_from is None and "lift" in figure.signs and frame is None:
        first = figure.key_poses()[0]
        moved_from = _anchored(place(first, figure.view), placed) if first is not pose else None
    away = figure.facing == "away" and body.view == "front"
    back, front = body_shapes(body, breath=breath, away=away)
    behind, under, over = _prop_layers(figure, placed)
    hanging: list[Shape] = []
    if "drop" in figure.signs and body.view == "front" and not away:
        # Lying on the side, seen from the front, the top leg hangs back over the far
        # edge of the bed, behind the body (the hip opening), not down in front of it:
        # drawn behind the bed and the body, in the shade of a far limb.
        end = len(front) - NEAR_ARM_SHAPES
        leg = front[end - NEAR_LEG_SHAPES : end]
        front = front[: end - NEAR_LEG_SHAPES] + front[end:]
        hanging = [
            Shape(s.path, "far" if s.fill == "skin" else s.fill, s.stroke, s.width, s.alpha)
            for s in leg
        ]
    behind = hanging + behind
    target = _target(figure)
    region = _region_point(body, *target) if target else None
    outward = _outward(body, *target) if target else 90.0
    sign_shapes, labels = _signs(figure, placed, moved_from, region, outward)
    scene = Scene(title="")
    ghost_shapes: list[Shape] = []
    if start is not None:
        gb, gf = body_shapes(start.body, ghost=True)
        ghost_shapes = gb + gf
    anatomy = _anatomy(figure, body, target[0] if target else None)
    # A release drill on the hip crease shows the fold it presses into.
    release = body.view == "side" and RELEASE_SIGNS & set(figure.signs)
    crease = hip_crease_line(body) if release and target and target[0] == "hip_crease" else []
    ring: list[Shape] = []
    if region is not None and not {"heat_pack", "ice_pack"} & set(figure.props):
        # (A heat or ice pack marks its spot itself.)
        centre = region
        if body.view == "side" and not RELEASE_SIGNS & set(figure.signs):
            # A stretch or an exercise works the muscle under the skin: its mark sits
            # inside the outline (on the surface, a mark on the floor side read as a ball).
            centre = along(region, outward + 180, 0.05)
        ring = pulse_ring(centre, 0.034, pulse)
        if "hook" in figure.signs and body.view == "side":
            ring = []  # drawn at the hooked fingertips, over the hand (below)
    if anatomy or crease:
        # A release drill: the bone, the muscle and the spot under the skin, the hand
        # pressing on them drawn over them.
        trunk, near = front[:-NEAR_ARM_SHAPES], front[-NEAR_ARM_SHAPES:]
        if "hook" in figure.signs and body.view == "side":
            # The hand a hook: the palm over the belly, the fingers curled over the rim
            # of the hip bone at its front point and into the bowl inside it.
            near = [*near[:2], *_hooked_hand(body), near[3]]
        content = (
            behind + ghost_shapes + back + under + trunk + anatomy + ring + crease + near + over
        )
        if "hook" in figure.signs and body.view == "side":
            # The bony front point of the hip bone stays in sight under the palm that
            # passes over it, and the spot shows at the fingertips sunk in beyond it.
            point = circle(body.lower.at(*HIP_POINT), 0.017)
            content.append(Shape(point, fill="bone", stroke="line", width=0.004))
            content += pulse_ring(body.lower.at(*HOOK_TIPS), 0.028, pulse)
    else:
        content = behind + ghost_shapes + back + under + front + over + ring
    content += sign_shapes
    content += _overhead_inset(figure, sign_shapes)
    scene.shapes = content
    scene.labels = labels
    if frame is None:
        bounds = scene.bounds()
        frame = _frame_for(bounds)
    else:  # a frame of an animation: the mat under the whole picture, as in every frame
        bounds = Box(frame.left + MARGIN, 0.0, frame.right - MARGIN, frame.top)
    on_floor = "mat" in figure.props
    ground = (
        [] if not on_floor else kit.mat(min(bounds.left, bounds.left) - 0.02, bounds.right + 0.02)
    )
    floor_line = kit.floor(frame.left - 1, frame.right + 1)
    scene.shapes = floor_line + ground + content
    scene.frame = frame
    if figure.mirror:
        scene = _mirrored(scene)
    return scene


def _frame_for(bounds: Box) -> Box:
    return Box(bounds.left, min(bounds.bottom, 0.0), bounds.right, bounds.top).framed(
        ASPECT, MARGIN
    )


def frame_for(figure: Figure, scenes: list[Scene], *, tight: bool = False) -> Box:
    """One frame that holds every scene (so an animation does not jump about): 4:3, or
    *tight* around them with a margin."""
    box = scenes[0].bounds()
    for s in scenes[1:]:
        box = box.union(s.bounds())
    if tight:
        m = MARGIN * 0.6
        return Box(box.left - m, min(box.bottom, 0.0) - m, box.right + m, box.top + m)
    return _frame_for(box)


def still(figure: Figure) -> Scene:
    """The picture of an exercise: its last key pose, with the first as a ghost when it
    moves between poses (or its key poses side by side, as the figure asks)."""
    poses = figure.key_poses()
    if figure.still == "sequence" and len(poses) > 1:
        return _sequence(figure, poses)
    ghost = poses[0] if len(poses) > 1 and figure.still == "ghost" else None
    return frame_scene(figure, poses[-1], ghost=ghost)


def _sequence(figure: Figure, poses: list[Pose]) -> Scene:
    """Key poses side by side, left to right, an arrow between each and the next."""
    scenes = [frame_scene(figure, pose) for pose in poses]
    out = Scene()
    x = 0.0
    gap = 0.16
    floor_shapes: list[Shape] = []
    for i, scene in enumerate(scenes):
        content = [s for s in scene.shapes if s.stroke != "floor"]
        b = Scene(content).bounds()
        dx = x - b.left
        out.shapes += [_moved(s, dx) for s in content]
        out.labels += [
            Label((lb.at[0] + dx, lb.at[1]), lb.text, lb.size, lb.role) for lb in scene.labels
        ]
        x = b.right + dx + gap
        if i < len(scenes) - 1:
            y = 0.5 * max(b.top, 0.3)
            out.shapes += arrow((x - gap * 0.85, y), (x - gap * 0.15, y))
    bounds = out.bounds()
    frame = _frame_for(bounds)
    floor_shapes = kit.floor(frame.left - 1, frame.right + 1)
    out.shapes = floor_shapes + out.shapes
    out.frame = frame
    return out


def _moved(shape: Shape, dx: float) -> Shape:
    commands = tuple(tuple(_nudge(c, dx) for c in command) for command in shape.path.commands)
    return Shape(
        Path(commands),
        shape.fill,
        shape.stroke,
        shape.width,
        shape.alpha,
        shape.gradient,
        shape.dashed,
        shape.body,
    )


__all__ += ["frame_for", "planted_shift"]
