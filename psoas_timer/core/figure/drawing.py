"""A figure drawn: the body placed on the floor by its contacts, its props, its target
and its signs, as a :class:`~.scene.Scene` for any painter.

:func:`still` is the picture for a page or a file (a moving exercise's last key pose,
with its first as a faint ghost and an arrow); :func:`frame_scene` draws any pose (the
player's animation) in a frame that stays put while the body moves; :func:`pose_problems`
says what is wrong with a pose (a limb through the floor, a contact in the air).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import props as kit
from .body_shapes import Probe, body_points, body_shapes, probes
from .geometry import Point, along, angle_of, direction, distance
from .model import Figure, Pose
from .scene import Box, Label, Path, Scene, Shape, circle, smooth
from .signs import (
    arc_arrow,
    arrow,
    body_map,
    box_sign,
    breath_lines,
    double_arrow,
    pulse_ring,
)
from .skeleton import Body, pose_body

__all__ = ["TOLERANCE", "Placed", "frame_scene", "place", "pose_problems", "still"]

#: How near the ground a contact must be to touch it, and how far a limb may dip into the
#: floor (figure units: 0.02 is 3.4 cm on a body 1.70 m tall, about a mat and soft tissue).
TOLERANCE = 0.02
ASPECT = 4 / 3
MARGIN = 0.07

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
    found = []
    up = float("-inf")
    for item in pose.touch:
        point, height, _ = _support(item)
        groups = probes(body, point)
        low = min(p.low for group in groups for p in group)
        up = max(up, height - low)
        found.append((item, groups, height))
    moved = body.moved(0.0, up) if lift else body
    return Placed(moved, [(item, probes(moved, _support(item)[0]), h) for item, _, h in found])


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


def _region_point(body: Body, region: str, side: str) -> Point:
    if body.view == "front" and side == "far" and f"far_{region}" in body.points:
        return body.points[f"far_{region}"]
    return body.points[region]


def _outward(body: Body, region: str) -> float:
    """The direction out of the body's surface at *region*."""
    if body.view == "front":
        return body.lower.up - 90 + 90  # towards the viewer: drawn as "up the picture"
    if region in FRONT_REGIONS:
        return body.lower.up - 90
    return body.lower.up + 90


def _anatomy(body: Body, region: str | None) -> list[Shape]:
    """The landmarks that tell the release drills apart: the rim of the hip bone with its
    front point, the navel, the crease of the hip."""
    if body.view != "side":
        return []
    lo, up = body.lower, body.upper
    shapes: list[Shape] = []
    if region in ("hip_bone", "hip_crease"):
        # The wing of the hip bone, its rim and the point at its front: the fingers or
        # the ball go just inside that point.
        wing = [
            lo.at(0.0, 0.012),
            lo.at(0.03, 0.05),
            lo.at(0.05, 0.06),
            lo.at(0.085, 0.032),
            lo.at(0.1, -0.01),
            lo.at(0.085, -0.045),
            lo.at(0.04, -0.05),
            lo.at(0.0, -0.025),
        ]
        shapes.append(Shape(smooth(wing), fill="bone", stroke="bone", width=0.004, alpha=0.35))
        rim = [lo.at(0.085, -0.045), lo.at(0.1, -0.01), lo.at(0.085, 0.032), lo.at(0.05, 0.06)]
        shapes.append(Shape(smooth(rim, closed=False), fill=None, stroke="bone", width=0.007))
        shapes.append(Shape(circle(lo.at(0.05, 0.058), 0.009), fill="bone", stroke=None))
    if region == "navel":
        # The navel, and the edge of the ribs above it: the fingers go beside the navel,
        # on the soft belly between the two.
        shapes.append(
            Shape(circle(lo.at(0.108, 0.066), 0.011), fill=None, stroke="line", width=0.005)
        )
        ribs = [up.at(0.05, 0.07), up.at(0.085, 0.035), up.at(0.12, 0.0)]
        shapes.append(Shape(smooth(ribs, closed=False), fill=None, stroke="bone", width=0.006))
    if region == "hip_crease":
        thigh = body.angles["near_thigh"]
        fold = [lo.at(-0.012, 0.052), along(lo.at(-0.012, 0.052), thigh + 160, 0.05)]
        shapes.append(Shape(smooth(fold, closed=False), fill=None, stroke="line", width=0.005))
    return shapes


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
            under += kit.prop_shapes(prop, (x, 0.0))
    for kind, placement in figure.props.items():
        at = placement.at
        if kind == "table" and on_table:
            xs = [p[0] for p in on_table]
            head = body.points["head"][0]
            edge = max(xs) + 0.035 if head < max(xs) else min(xs) - 0.035
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
            centre = along(spot, out, 0.012)
            over += kit.pack(centre, out - 90, kind)
            over += kit.heat_waves(centre, 90) if kind == "heat_pack" else kit.frost(centre, 90)
        elif kind == "weight" and at is not None:
            spot = body.points[at]
            over += kit.weight(along(spot, _outward(body, at), -0.005))
    return behind, under, over


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
                top = (region[0], region[1] + 0.13)
                for dx in (-0.05, 0.0, 0.05):
                    shapes += arrow((top[0] + dx, top[1] + 0.1), (top[0] + dx, top[1]))
            else:
                for spread in (-22, 0, 22):
                    tip = along(region, outward + spread, 0.06)
                    shapes += arrow(along(region, outward + spread, 0.16), tip)
        elif sign == "roll" and region is not None:
            y = -0.045
            shapes += double_arrow((region[0] - 0.14, y), (region[0] + 0.14, y))
            if "ball" in figure.props:
                for dx in (-0.11, 0.11):
                    shapes.append(
                        Shape(
                            circle((region[0] + dx, kit.BALL_R), kit.BALL_R),
                            fill=None,
                            stroke="ghost",
                            width=0.004,
                            dashed=True,
                        )
                    )
        elif sign == "lift" and start is not None:
            best, moved = "hip", 0.0
            for name in ("hip", "shoulder", "near_ankle", "near_knee", "near_hand", "head"):
                d = distance(start.body.points[name], body.points[name])
                if d > moved:
                    best, moved = name, d
            a, b = start.body.points[best], body.points[best]
            if moved > 0.05:
                angle = angle_of(a, b)
                shapes += arrow(along(a, angle, 0.03), along(b, angle, -0.03))
        elif sign == "map" and target_region is not None:
            drawn = [q for shape in body_shapes(body)[1] for q in shape.path.points()]
            highest = max(y for _, y in drawn)
            rightmost = max(x for x, _ in drawn)
            shapes += body_map((rightmost - 0.3, highest + 0.06), target_region, 0.9)
        elif sign == "tuck":
            glutes = body.points["glutes"]
            shapes += arc_arrow(glutes, 0.075, body.lower.up + 110, 100)
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
                arcs = ((100.0, 95.0), (215.0, 110.0), (345.0, 100.0))
                for (begin, sweep), text in zip(arcs, ("4", "7", "8"), strict=True):
                    shapes += arc_arrow(centre, 0.12, begin, sweep * 0.8)
                    mid = along(centre, begin + sweep * 0.4, 0.2)
                    labels.append(Label(mid, text, 0.08))
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
    start = place(ghost, figure.view) if ghost is not None else None
    moved_from = start
    if moved_from is None and "lift" in figure.signs and frame is None:
        first = figure.key_poses()[0]
        moved_from = place(first, figure.view) if first is not pose else None
    back, front = body_shapes(body, breath=breath)
    behind, under, over = _prop_layers(figure, placed)
    target = _target(figure)
    region = _region_point(body, *target) if target else None
    outward = _outward(body, target[0]) if target else 90.0
    sign_shapes, labels = _signs(figure, placed, moved_from, region, outward)
    scene = Scene(title="")
    ghost_shapes: list[Shape] = []
    if start is not None:
        gb, gf = body_shapes(start.body, ghost=True)
        ghost_shapes = gb + gf
    content = (
        behind
        + ghost_shapes
        + back
        + under
        + front
        + _anatomy(body, target[0] if target else None)
        + over
    )
    if region is not None:
        content += pulse_ring(region, 0.034, pulse)
    content += sign_shapes
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


__all__ += ["frame_for"]
