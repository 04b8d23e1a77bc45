"""The figure rig: every bundled exercise is drawn from poses in its library, the poses
stand on the floor, the landmarks the articles name are where the drawing puts them, and
the pictures in ``assets/images/`` are the rig's (none drawn by hand)."""

from __future__ import annotations

import math
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from psoas_timer.core.figure import anthropometry
from psoas_timer.core.figure.drawing import TOLERANCE, place, pose_problems, still
from psoas_timer.core.figure.fitting import fit_pose, pose_cost
from psoas_timer.core.figure.geometry import direction, distance
from psoas_timer.core.figure.model import Figure, Pose
from psoas_timer.core.figure.scene import Shape
from psoas_timer.core.figure.svg import to_svg
from psoas_timer.core.loader import Library, load_library
from psoas_timer.core.problems import LoadError

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "routines" / "library"
IMAGES = ROOT / "assets" / "images"


def _library() -> Library:
    found = Library()
    for path in sorted(LIBRARY.glob("*.yaml")):
        load_library(path, found)
    return found


BUNDLED = _library()


def _figure(ident: str) -> Figure:
    figure = BUNDLED.exercises[ident].figure
    assert figure is not None
    return figure


def test_every_bundled_exercise_has_poses() -> None:
    missing = [ident for ident, step in BUNDLED.exercises.items() if step.figure is None]
    assert not missing, f"exercises without a figure: {missing}"
    assert len(BUNDLED.exercises) >= 33


@pytest.mark.parametrize("ident", sorted(BUNDLED.exercises))
def test_every_key_pose_stands_on_the_floor(ident: str) -> None:
    figure = _figure(ident)
    for name, pose in figure.poses.items():
        assert pose_problems(figure, pose) == [], f"{ident}: {name} pose"


def test_a_pose_in_the_air_or_through_the_floor_is_caught() -> None:
    side = Figure.model_validate({"poses": {"start": {"touch": ["near_foot"]}}})
    standing = side.poses["start"]
    assert pose_problems(side, standing) == []
    # A boat that says its feet are on the floor too floats them.
    boat = _figure("boat-pose").poses["start"]
    floating = boat.model_copy(update={"touch": [*boat.touch, "near_foot"]})
    assert any("near_foot" in p for p in pose_problems(_figure("boat-pose"), floating))
    # Lying on the back with the arm pointing down through the floor.
    lying = Pose.model_validate(
        {"trunk": -90, "near": {"shoulder": -60}, "touch": ["back", "glutes"]}
    )
    assert any("below the floor" in p for p in pose_problems(side, lying))


def test_standing_figure_is_one_height_tall_with_table_proportions() -> None:
    pose = Pose.model_validate({"touch": ["near_foot", "far_foot"]})
    body = place(pose, "side").body
    top = body.points["head"][1] + anthropometry.HEAD_RADIUS
    assert top == pytest.approx(1.0, abs=0.02)
    assert body.points["hip"][1] == pytest.approx(0.530, abs=0.01)
    assert body.points["near_knee"][1] == pytest.approx(0.285, abs=0.01)
    assert body.points["shoulder"][1] == pytest.approx(0.818, abs=0.01)


def test_deep_psoas_release_fingers_beside_the_navel() -> None:
    figure = _figure("deep-psoas-release")
    body = place(figure.poses["start"], figure.view).body
    assert figure.target_place() is not None and figure.target_place().region == "navel"
    for side in ("near", "far"):
        hand = body.points[f"{side}_hand"]
        assert distance(hand, body.points["navel"]) < 0.04
        assert distance(hand, body.points["navel"]) < distance(hand, body.points["hip_bone"])
    assert direction(body.lower.up - 90)[1] > 0.9, "lying face up"


def test_iliacus_release_fingers_inside_the_hip_bone() -> None:
    figure = _figure("iliacus-release")
    body = place(figure.poses["start"], figure.view).body
    assert figure.target_place().region == "hip_bone"  # type: ignore[union-attr]
    # One side at a time: the near hand hooks over the front of the hip bone, coming
    # from above it (the head's side) with its elbow resting low, the fingers curled.
    hand = body.points["near_hand"]
    assert distance(hand, body.points["hip_bone"]) < 0.04
    assert distance(hand, body.points["hip_bone"]) < distance(hand, body.points["navel"])
    assert body.points["near_elbow"][1] < body.points["hip_bone"][1]
    assert "hook" in figure.signs
    assert direction(body.lower.up - 90)[1] > 0.9, "lying face up"


def test_hip_crease_release_face_down_on_a_ball_at_the_crease() -> None:
    figure = _figure("psoas-ball-release")
    pose = figure.poses["start"]
    body = place(pose, figure.view).body
    assert direction(body.lower.up - 90)[1] < -0.9, "lying face down"
    assert "hip_crease@ball" in pose.touch
    assert figure.target_place().region == "hip_crease"  # type: ignore[union-attr]


def _main_view(figure: Figure) -> list[Shape]:
    """The still picture's shapes less its overhead view (drawn last, when it has one)."""
    from psoas_timer.core.figure.drawing import _overhead_inset

    shapes = still(figure).shapes
    inset = len(_overhead_inset(figure, []))
    return shapes[: len(shapes) - inset]


def _ball_centre(ident: str) -> tuple[float, float]:
    """The centre of the (solid) ball drawn in *ident*'s picture."""
    from psoas_timer.core.figure.scene import Scene

    balls = [s for s in still(_figure(ident)).shapes if s.fill == "ball" and not s.dashed]
    box = Scene(balls[:1]).bounds()
    return ((box.left + box.right) / 2, (box.bottom + box.top) / 2)


def _up_the_body(ident: str, point: tuple[float, float]) -> float:
    """How far *point* lies up the trunk (towards the head) from the hip joint."""
    figure = _figure(ident)
    body = place(figure.poses["start"], figure.view).body
    hip, up = body.points["hip"], direction(body.lower.up)
    return (point[0] - hip[0]) * up[0] + (point[1] - hip[1]) * up[1]


def test_ball_rolls_face_down_with_the_ball_above_the_crease_inside_the_hip_bone() -> None:
    # The steps (and the article): face down, the ball high, just inside the front of the
    # hip bone, the weight sinking onto it. Drawn under the middle of the thigh it read as
    # a quad roll: the ball lies above the hip crease, at the hip bone's front point (on
    # the belly side of it, inside), not down the thigh.
    figure = _figure("ball-roll")
    pose = figure.poses["start"]
    assert "hip_bone@ball" in pose.touch
    assert figure.target_place().region == "hip_bone"  # type: ignore[union-attr]
    body = place(pose, figure.view).body
    assert direction(body.lower.up - 90)[1] < -0.9, "lying face down"
    ball = _up_the_body("ball-roll", _ball_centre("ball-roll"))
    crease = _up_the_body("ball-roll", body.points["hip_crease"])
    point = _up_the_body("ball-roll", body.points["hip_bone"])
    navel = _up_the_body("ball-roll", body.points["navel"])
    assert ball > crease + 0.035, "above the hip crease"
    assert abs(ball - point) < 0.02, "at the hip bone's front point"
    assert ball < navel - 0.03, "below the navel"
    ahead = 1.0 if body.points["head"][0] > body.points["hip"][0] else -1.0
    assert (_ball_centre("ball-roll")[0] - body.points["hip_crease"][0]) * ahead > 0.03


RELEASE_MAPS = {
    "psoas-ball-release": "ball",
    "ball-roll": "move",
    "iliacus-release": "hook",
    "deep-psoas-release": "fingers",
}


def _centre(shape: object) -> tuple[float, float]:
    from psoas_timer.core.figure.scene import Scene

    box = Scene([shape]).bounds()  # type: ignore[list-item]
    return ((box.left + box.right) / 2, (box.bottom + box.top) / 2)


def test_ball_rolls_show_the_ball_rolled_a_short_way_along_the_body() -> None:
    # Round 9's judge could not tell ball rolls from the hip crease release: it sank onto
    # one ball with an arrow down, and its inset stepped through numbered spots. "Move the
    # ball to a new spot": the main figure shows the ball rolled along the body, an arrow
    # both ways over the body above the ball and the ball faint and dashed at either end
    # of its short path on the floor; the inset draws the same short path both ways
    # through its one spot, with no numbers; no clock (it is not one long hold).
    figure = _figure("ball-roll")
    scene = still(figure)
    x, _ = _ball_centre("ball-roll")
    body = place(figure.poses["start"], figure.view).body
    heads = [_centre(s) for s in scene.shapes if s.fill == "sign" and s.stroke == "sign"]
    over = [h for h in heads if h[1] > body.points["hip_bone"][1] + 0.05 and abs(h[0] - x) < 0.15]
    assert len(over) == 2, "an arrow both ways over the ball"
    assert abs(over[0][1] - over[1][1]) < 0.01, "along the body, not down onto it"
    assert min(h[0] for h in over) < x < max(h[0] for h in over)
    ghosts = [_centre(s) for s in scene.shapes if s.fill == "ball" and s.dashed]
    assert len(ghosts) == 2, "the ball faint at either end of its path"
    assert min(g[0] for g in ghosts) < x < max(g[0] for g in ghosts)
    assert all(abs(g[1] - _ball_centre("ball-roll")[1]) < 0.005 for g in ghosts), "on the floor"
    assert not scene.labels, "no numbered spots"
    clocks = [
        s
        for s in scene.shapes
        if s.stroke == "sign" and s.fill is None and s.path.commands[-1] == ("Z",)
    ]
    assert not clocks, "no clock"
    inset = [h for h in heads if h not in over]
    assert len(inset) == 2, "the inset's short path, both ways"


@pytest.mark.parametrize("ident", sorted(RELEASE_MAPS))
def test_release_drill_pictures_mark_one_target(ident: str) -> None:
    # Round 9's judge: one target per picture. The hip crease's inset marked both sides,
    # the iliacus inset shaded the bowls of both hip bones, the deep psoas release drew
    # the whole muscle in the target's colour beside its spot. Every shape in the
    # target's colour belongs to one of two marks: the spot on the body and the spot in
    # the inset, each a small ring.
    scene = still(_figure(ident))
    marks: list[tuple[float, float]] = []
    for shape in scene.shapes:
        if "target" not in (shape.fill, shape.stroke):
            continue
        from psoas_timer.core.figure.scene import Scene

        box = Scene([shape]).bounds()
        assert max(box.width, box.height) < 0.12, f"{ident}: a target mark that is no spot"
        centre = _centre(shape)
        if all(distance(centre, m) > 0.02 for m in marks):
            marks.append(centre)
    assert len(marks) == 2, f"{ident}: {len(marks)} target marks (the body's and the inset's)"


def test_release_drill_insets_share_one_drawing_of_the_landmarks() -> None:
    # The judge read the four insets as four different drawings. They draw one outline
    # and the same landmarks (navel, front points and rims of the hip bones, hip creases)
    # the same way; only the spot and the tool differ, and the spot is on one side.
    from psoas_timer.core.figure.signs import MAP_SPOTS, body_map

    def landmarks(tool: str, region: str) -> list[tuple[object, ...]]:
        found = []
        for s in body_map((0.0, 0.0), region, 1.0, tool):
            if s.fill in ("skin", "sign", "target", "ball") or s.stroke in ("sign", "target"):
                continue
            if s.dashed and s.stroke == "line":  # the rolled ball's ends
                continue
            found.append((s.path, s.fill, s.stroke, s.width, s.alpha))
        return found

    drawings = {
        ident: landmarks(tool, _figure(ident).target_place().region)  # type: ignore[union-attr]
        for ident, tool in RELEASE_MAPS.items()
    }
    first = next(iter(drawings.values()))
    for ident, drawn in drawings.items():
        assert drawn == first, f"{ident}'s inset draws its landmarks differently"
    for ident, tool in RELEASE_MAPS.items():
        region = _figure(ident).target_place().region  # type: ignore[union-attr]
        spots = [_centre(s) for s in body_map((0.0, 0.0), region, 1.0, tool) if s.fill == "target"]
        x, y = MAP_SPOTS[region]
        assert spots and all(distance(c, (0.16 + x, 0.12 + y)) < 0.005 for c in spots), ident


def test_release_drill_inset_spots_sit_at_their_landmarks() -> None:
    # Beside the navel (outside the six-pack's edge, nearer the navel than the hip bone);
    # just inside the rim of the hip bone, above its front point (not at the belly); on
    # the crease of the hip, below the front point.
    from psoas_timer.core.figure.signs import MAP_CREST, MAP_HIP_POINT, MAP_NAVEL, MAP_SPOTS

    navel = MAP_SPOTS["navel"]
    assert distance(navel, MAP_NAVEL) < distance(navel, MAP_HIP_POINT)
    assert abs(navel[1] - MAP_NAVEL[1]) < 0.02 and 0.045 < navel[0] < 0.08
    bone = MAP_SPOTS["hip_bone"]
    assert bone[1] > MAP_HIP_POINT[1] + 0.015, "above the front point, in the bowl"
    rim_x = MAP_CREST[1][0] + (bone[1] - MAP_CREST[1][1]) * (
        (MAP_CREST[2][0] - MAP_CREST[1][0]) / (MAP_CREST[2][1] - MAP_CREST[1][1])
    )
    assert 0.015 < rim_x - bone[0] < 0.045, "just inside the rim"
    assert distance(bone, navel) > 0.045, "well away from the deep release's spot"
    assert MAP_SPOTS["hip_crease"][1] < MAP_HIP_POINT[1] - 0.02


def test_no_release_drill_draws_a_sign_below_the_floor() -> None:
    # A curved arrow under the floor line (ball rolls) read badly: the release drills'
    # signs stay on or above the floor, under the body only the ball or roller.
    drills = [i for i, step in BUNDLED.exercises.items() if step.kind == "release"]
    assert {"ball-roll", "psoas-ball-release", "foam-roll-back-hips"} <= set(drills)
    for ident in sorted(drills):
        scene = still(_figure(ident))
        low = [
            p
            for s in scene.shapes
            if s.stroke == "sign" or s.fill == "sign"
            for p in s.path.points()
            if p[1] < -0.01
        ]
        assert not low, f"{ident}: a sign below the floor at {low[:2]}"


def test_the_face_down_ball_drills_put_the_ball_in_different_places() -> None:
    # Hip crease release: the ball in the fold of the hip. Ball rolls: higher, just inside
    # the hip bone. Measured up the body from the hip joint, the two balls lie more than
    # a ball's radius apart.
    from psoas_timer.core.figure.props import BALL_R

    rolls = _up_the_body("ball-roll", _ball_centre("ball-roll"))
    crease = _up_the_body("psoas-ball-release", _ball_centre("psoas-ball-release"))
    assert rolls - crease > max(0.04, BALL_R), "the ball roll's ball higher up the body"


def test_kneeling_stretch_pads_the_back_knee_and_tucks_the_pelvis() -> None:
    figure = _figure("kneeling-hip-flexor-stretch")
    pose = figure.poses["start"]
    assert "far_knee@cushion" in pose.touch
    assert "tuck" in figure.signs
    assert pose.trunk < 0, "pelvis tilted back (tucked)"
    assert figure.target_place().side == "far"  # type: ignore[union-attr]


def test_kneeling_stretch_hips_forward_the_back_thigh_sloping_up_to_them() -> None:
    # A physiotherapist: with the pelvis tucked and the hips shifted forward, the back
    # thigh slopes forward from the knee on its pad up to the hip (the hip opened 15 to 25
    # degrees past vertical), not straight up from the knee; the trunk stays upright over
    # the hips and the front knee stays over its ankle.
    figure = _figure("kneeling-hip-flexor-stretch")
    body = place(figure.poses["start"], figure.view).body
    p = body.points
    thigh = direction(body.angles["far_thigh"])  # from the hip down to the knee
    past_vertical = math.degrees(math.atan2(-thigh[0], -thigh[1]))
    assert 15 <= past_vertical <= 25, f"back thigh {past_vertical:.1f} degrees past vertical"
    assert p["hip"][0] > p["far_knee"][0] + 0.06, "the hips forward of the back knee"
    assert abs(direction(body.upper.up)[0]) < 0.05, "the trunk upright"
    assert abs(p["near_knee"][0] - p["near_ankle"][0]) < 0.02, "front knee over the ankle"


def test_bundled_pictures_are_the_rigs_own() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import draw_figures
    finally:
        sys.path.pop(0)
    drawn = draw_figures.pictures(BUNDLED)
    for path, (ident, svg) in drawn.items():
        assert path.read_text(encoding="utf-8") == svg, (
            f"{path.name} ({ident}) is not the rig's drawing: run python tools/draw_figures.py"
        )
    on_disk = {p.resolve() for p in IMAGES.glob("*.svg")}
    assert on_disk <= set(drawn), f"pictures not drawn by the rig: {on_disk - set(drawn)}"


def test_svg_is_well_formed_and_escapes_the_title() -> None:
    scene = still(_figure("hip-raise"))
    scene.title = "Bridge <b>&</b>"
    root = ET.fromstring(to_svg(scene))
    assert root.tag.endswith("svg")
    assert root.attrib["viewBox"]
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Bridge <b>&</b>"


def test_a_figure_error_points_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "library" / "mine.yaml"
    path.parent.mkdir()
    path.write_text(
        "version: 1\n"
        "name: Mine\n"
        "exercises:\n"
        "  - id: my-bridge\n"
        "    name: My bridge\n"
        "    figure:\n"
        "      poses:\n"
        "        start:\n"
        "          trunk: -90\n"
        "          touch: [back, elbow_of_nobody]\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load_library(path)
    text = str(caught.value)
    assert f"{path}:10:" in text
    assert "elbow_of_nobody" in text


def test_a_users_library_exercise_can_be_drawn(tmp_path: Path) -> None:
    path = tmp_path / "library" / "mine.yaml"
    path.parent.mkdir()
    path.write_text(
        "version: 1\n"
        "name: Mine\n"
        "exercises:\n"
        "  - id: my-plank\n"
        "    name: My plank\n"
        "    hold: 30\n"
        "    figure:\n"
        "      props: {mat: {}}\n"
        "      poses:\n"
        "        start: {trunk: 82, near: {shoulder: 82, elbow: 90},"
        " touch: [near_forearm, far_forearm, near_toes, far_toes]}\n",
        encoding="utf-8",
    )
    step = load_library(path).exercises["my-plank"]
    assert step.figure is not None
    assert "<svg" in to_svg(still(step.figure))


def test_fitting_closes_the_gaps_of_a_rough_pose() -> None:
    rough = Pose.model_validate(
        {
            "trunk": -90,
            "near": {"hip": 50, "knee": 100, "ankle": 24},
            "touch": ["back", "glutes", "near_foot", "far_foot"],
        }
    )
    figure = Figure.model_validate({"poses": {"start": rough.model_dump()}})
    assert pose_problems(figure, rough)
    fitted = fit_pose(rough, "side")
    assert pose_cost(fitted, "side") < pose_cost(rough, "side")
    assert pose_problems(figure, fitted) == []
    assert TOLERANCE <= 0.02


RELEASE_DRILLS = sorted(i for i, step in BUNDLED.exercises.items() if step.kind == "release")
#: The joints whose places make a body's shape at a glance.
SHAPE_POINTS = (
    "head",
    "shoulder",
    "near_elbow",
    "near_hand",
    "far_hand",
    "near_knee",
    "near_ankle",
    "far_knee",
    "far_ankle",
)


def _shape(ident: str) -> dict[str, tuple[float, float]]:
    figure = _figure(ident)
    body = place(figure.key_poses()[-1], figure.view).body
    hip = body.points["hip"]
    return {n: (body.points[n][0] - hip[0], body.points[n][1] - hip[1]) for n in SHAPE_POINTS}


@pytest.mark.parametrize(
    ("a", "b"),
    [(a, b) for i, a in enumerate(RELEASE_DRILLS) for b in RELEASE_DRILLS[i + 1 :]],
)
def test_release_drills_differ_in_pose_not_only_in_the_spot_map(a: str, b: str) -> None:
    # The blind test could not tell them apart when only the inset map differed: each
    # pair of release drills must differ in the body itself, at least two of its joints
    # a hand's length (0.1 of the height) apart.
    one, two = _shape(a), _shape(b)
    apart = [n for n in SHAPE_POINTS if distance(one[n], two[n]) > 0.1]
    assert len(apart) >= 2, f"{a} and {b} are drawn in nearly one pose (apart: {apart})"


def test_the_two_face_down_ball_drills_lie_differently() -> None:
    # Hip crease release: propped up on the forearms, the chest high. Ball rolls: lying
    # flat and relaxed, the head down on the floor, the arms resting beside the body, not
    # propped on the forearms. Seen from the side the chest's angle differs by far.
    crease_pose = _figure("psoas-ball-release").poses["start"]
    crease = place(crease_pose, "side").body
    rolls_pose = _figure("ball-roll").poses["start"]
    rolls = place(rolls_pose, "side").body
    assert crease.points["shoulder"][1] > rolls.points["shoulder"][1] + 0.08
    tilt = lambda b: math.degrees(math.asin(direction(b.upper.up)[1]))  # noqa: E731
    assert tilt(crease) - tilt(rolls) > 20, "the chest propped up against lying flat"
    assert {"near_forearm", "far_forearm"} <= set(crease_pose.touch)
    assert not {"near_forearm", "far_forearm"} & set(rolls_pose.touch), "not propped up"
    assert "head" in rolls_pose.touch, "the head resting on the floor"


def test_hip_crease_release_sinks_and_holds_rather_than_rolls() -> None:
    # One "sink and hold" arrow with a clock beside it, not three arrows that read as
    # rolling; its inset draws the groin crease with the ball on it.
    from psoas_timer.core.figure.signs import MAP_SPOTS

    scene = still(_figure("psoas-ball-release"))
    heads = [s for s in scene.shapes if s.fill == "sign"]
    clocks = [
        s
        for s in scene.shapes
        if s.stroke == "sign" and s.fill is None and s.path.commands[-1] == ("Z",)
    ]
    assert len(heads) == 1, "one arrow"
    assert clocks, "a hold sign"
    x, y = MAP_SPOTS["hip_crease"]
    # The inset's crease runs from (0.1, 0.06) to (0.05, -0.01), the front point of the
    # hip bone at (0.085, 0.058): the ball's centre is in the fold just below and inside
    # that point (not low in the groin).
    t = (0.1 - x) / 0.05
    assert 0.2 < t < 0.9 and y == pytest.approx(0.06 - 0.07 * t, abs=0.003)
    assert 0.02 < 0.058 - y < 0.07 and 0.005 < 0.085 - x < 0.04


def test_calm_breathing_shows_its_rhythm_out_longer_than_in() -> None:
    scene = still(_figure("calm-breathing"))
    counts = [int(label.text) for label in scene.labels]
    assert counts == [4, 6]


def test_side_lying_stretch_lies_on_its_side_on_a_bed_the_top_leg_hanging() -> None:
    figure = _figure("side-lying-psoas-stretch")
    pose = figure.poses["start"]
    body = place(pose, figure.view).body
    assert figure.view == "front" and abs(direction(body.lower.up)[1]) < 0.2, "on its side"
    assert "side@table" in pose.touch and "heat_pack" in figure.props
    from psoas_timer.core.figure.props import TABLE_H

    assert body.points["near_knee"][1] < TABLE_H, "the top leg hangs over the edge"
    assert body.points["far_knee"][1] > TABLE_H, "the bottom leg stays on the bed"


def test_side_lying_stretch_top_leg_hangs_back_off_the_long_side_of_the_bed() -> None:
    # A blind physiotherapist read the leg hanging off the bed's end as dropping down and
    # forward, with no hip extension (what stretches the psoas). Seen from behind (the back
    # of the head, no face), lying along the near edge of the bed, the top leg hangs off
    # the bed's long side: towards us, which is behind the body, the hip opening. The bed
    # runs on past the whole hanging leg on both sides (not off its end), the leg is drawn
    # in front of the bed's side, down from the hip towards the floor, the foot low.
    from psoas_timer.core.figure.props import TABLE_H
    from psoas_timer.core.figure.scene import Scene

    figure = _figure("side-lying-psoas-stretch")
    assert figure.facing == "away"
    scene = still(figure)
    wood = [i for i, s in enumerate(scene.shapes) if s.fill == "wood"]
    top = Scene([scene.shapes[wood[0]]]).bounds()
    assert top.top == pytest.approx(TABLE_H, abs=0.005)
    body = place(figure.poses["start"], figure.view).body
    leg = [body.points[f"near_{n}"] for n in ("hip", "knee", "shin", "ankle", "heel", "toes")]
    for x, _ in leg:
        assert top.left + 0.05 < x < top.right - 0.05, "off the bed's long side, not its end"
    hip, knee = body.points["near_hip"], body.points["near_knee"]
    assert knee[1] < TABLE_H - 0.03 < hip[1], "the thigh hangs down over the bed's side"
    assert hip[1] - knee[1] > abs(hip[0] - knee[0]), "down more than along the body"
    assert body.points["near_ankle"][1] < TABLE_H / 2, "the foot low, towards the floor"
    first_leg = min(i for i, s in enumerate(scene.shapes) if s.fill == "skin")
    assert first_leg > wood[-1], "the body, hanging leg and all, drawn in front of the bed"
    head = body.points["head"]
    face = [
        s
        for s in scene.shapes
        if s.fill == "line" and s.stroke is None and distance(_centre(s), head) < 0.15
    ]
    assert not face, "no face: seen from behind, so the leg towards us hangs back"


def test_side_lying_stretch_heat_pack_on_its_towel_over_the_top_hip() -> None:
    # "Lay it on the front of the top hip", wrapped in a towel: seen from behind, the
    # pack lies over the top of the top hip, the towel's edge showing under it.
    from psoas_timer.core.figure.scene import Scene

    figure = _figure("side-lying-psoas-stretch")
    shapes = _main_view(figure)
    pack = Scene([s for s in shapes if s.fill == "heat"]).bounds()
    towel = Scene([s for s in shapes if s.fill == "towel"]).bounds()
    body = place(figure.poses["start"], figure.view).body
    centre = (pack.left + pack.right) / 2
    assert abs(centre - body.points["hip"][0]) < 0.06, "over the hip"
    assert pack.bottom > body.points["near_hip"][1], "on the top of the top hip"
    assert towel.left < pack.left and towel.right > pack.right, "on its towel"


def test_kneeling_stretch_and_low_lunge_read_apart() -> None:
    # Kneeling: upright and short, front knee at a right angle over the ankle, back knee
    # under the hips, hands on the hips. Low lunge (a yoga low lunge, as its steps say): a
    # long stance, the back thigh sloping back, the back shin and the top of the back foot
    # flat on the floor, the trunk leaning forward over the front thigh, the hands on the
    # floor beside the front foot, the hips sinking forward over it. A blind judge named a
    # low lunge with its hands on the front knee and its trunk upright "kneeling hip-flexor
    # stretch". The front knee stays over the ankle, not far past the toes.
    kneel = place(_figure("kneeling-hip-flexor-stretch").poses["start"], "side").body
    lunge_figure = _figure("low-lunge-stretch")
    end = lunge_figure.key_poses()[-1]
    lunge = place(end, "side").body
    k, g = kneel.points, lunge.points
    assert direction(kneel.upper.up)[0] < 0.1
    assert direction(lunge.upper.up)[0] > 0.55, "the trunk leans forward over the front thigh"
    assert k["near_knee"][0] - k["near_ankle"][0] < 0.05
    assert -0.01 < g["near_knee"][0] - g["near_ankle"][0] < 0.06, "knee over the ankle"
    back = direction(lunge.angles["far_thigh"])
    assert back[0] < -0.6, "the back thigh slopes back (the hip open)"
    stance = lambda p: p["near_knee"][0] - p["far_knee"][0]  # noqa: E731
    assert stance(g) > stance(k) + 0.08, "a long stance"
    assert g["hip"][1] < k["hip"][1] - 0.1, "hips low"
    assert back[1] > -0.7, "the back thigh slopes long behind, not down"
    assert g["far_knee"][1] < 0.06, "the back knee down"
    assert abs(k["far_knee"][0] - k["hip"][0]) < 0.1, "kneeling: back knee under the hips"
    foot = direction(lunge.angles["far_foot"])
    assert "far_shin" in end.touch and foot[0] < -0.9, "back foot lying flat, toes back"
    assert distance(k["near_hand"], k["hip_bone"]) < 0.06
    assert "lift" in lunge_figure.signs and "end" in lunge_figure.poses
    scene = still(lunge_figure)
    shafts = [s.path.points() for s in scene.shapes if s.stroke == "sign" and s.fill is None]
    assert len(shafts) == 1, "one arrow"
    (x0, y0), (x1, y1) = shafts[0][0], shafts[0][-1]
    assert x1 - x0 > 0.05 and y1 < y0, "the hips go forward and down"


def test_low_lunge_hands_touch_the_floor_beside_the_front_foot() -> None:
    # Fingertips down, arms straight, the hands where the front foot stands (in every key
    # pose, so the hands stay down as the hips sink).
    figure = _figure("low-lunge-stretch")
    for pose in figure.key_poses():
        assert "near_hand" in pose.touch
        assert pose_problems(figure, pose) == []
        p = place(pose, "side").body.points
        for side in ("near", "far"):
            hand = p[f"{side}_hand"]
            assert hand[1] < 0.05, (side, "the hand on the floor")
            assert p["near_heel"][0] - 0.03 < hand[0] < p["near_toes"][0] + 0.04, (
                side,
                "beside the front foot",
            )
            arm = distance(p[f"{side}_shoulder"], p[f"{side}_wrist"])
            straight = anthropometry.UPPER_ARM + anthropometry.FOREARM
            assert arm > 0.95 * straight, (side, "the arm straight")


def test_iliacus_release_arm_lies_along_the_side_not_across_the_belly() -> None:
    # The judge read a high elbow as the arm crossing the belly: the elbow rests low beside
    # the body, the forearm coming up to the hip bone from the side.
    figure = _figure("iliacus-release")
    pose = figure.poses["start"]
    body = place(pose, figure.view).body
    assert pose.reach.get("near") == "hip_bone" and pose.elbows.get("near") == "low"
    assert body.points["near_elbow"][1] < body.points["navel"][1] - 0.05


def test_deep_psoas_release_cues_breathing_out_as_the_fingers_sink() -> None:
    scene = still(_figure("deep-psoas-release"))
    arcs = [s for s in scene.shapes if s.stroke == "sign" and s.fill is None and not s.dashed]
    assert len(arcs) >= 3, "breath lines"


@pytest.mark.parametrize("pose_name", ["start", "end"])
def test_cat_cow_on_all_fours_hands_under_shoulders_knees_under_hips(pose_name: str) -> None:
    # The rounded (cat) frame once dropped the head to the floor with the hands under the
    # hips: on all fours both frames keep the arms straight down and the head well up.
    body = place(_figure("cat-cow").poses[pose_name], "side").body
    p = body.points
    assert abs(p["near_hand"][0] - p["near_shoulder"][0]) < 0.08, "hands under shoulders"
    assert abs(p["near_knee"][0] - p["hip"][0]) < 0.05, "knees under hips"
    assert p["head"][1] > 0.25, "head well off the floor"


def test_standing_hip_flexor_stretch_is_held_with_hands_on_the_hips_not_at_a_wall() -> None:
    # With a hand on a wall and the back leg straight it read as a calf stretch: the hands
    # on the back of the hips, the back knee a little bent with its heel up, a clock for a
    # held stretch and a bold tuck of the pelvis.
    figure = _figure("standing-hip-flexor-stretch")
    pose = figure.poses["start"]
    assert "wall" not in figure.props and "hold" in figure.signs and "tuck" in figure.signs
    assert 5 <= pose.far_limbs.knee <= 30, "back knee a little bent"
    assert pose.reach == {"near": "low_back", "far": "low_back"}, "hands on the hips"
    body = place(pose, figure.view).body
    assert body.points["far_heel"][1] > body.points["far_toes"][1] + 0.02, "heel lifted"
    scene = still(figure)
    arcs = [s for s in scene.shapes if s.stroke == "sign" and s.fill is None]
    arcs = [s for s in arcs if len(s.path.commands) > 4 and s.path.commands[-1] != ("Z",)]
    for arc in arcs:
        a, b = arc.path.points()[0], arc.path.points()[-1]
        assert distance(a, b) > 0.12, "a tuck arrow big enough to see"


@pytest.mark.parametrize("ident", ["kneeling-hip-flexor-stretch", "standing-hip-flexor-stretch"])
def test_tuck_is_drawn_as_the_pelvis_tilting_not_a_loop_round_the_thigh(ident: str) -> None:
    # A loop round the seat read as going round the thigh: the tuck is two arcs just
    # outside the pelvis, round its middle, turning the same way: behind it down (the
    # tailbone going under), in front up (the front of the pelvis rising).
    figure = _figure(ident)
    body = place(figure.poses["start"], figure.view).body
    centre = body.lower.at(0.05, 0.0)
    scene = still(figure)
    arcs = [
        s.path.points()
        for s in scene.shapes
        if s.stroke == "sign"
        and s.fill is None
        and len(s.path.commands) > 4
        and s.path.commands[-1] != ("Z",)  # not the hold sign's clock
    ]
    assert len(arcs) == 2, "two arcs"
    for pts in arcs:
        assert all(0.09 < distance(p, centre) < 0.15 for p in pts), "round the pelvis"
    front = 1.0 if body.points["near_knee"][0] > body.points["hip"][0] else -1.0
    behind = [p for p in arcs if (p[0][0] - centre[0]) * front < 0]
    ahead = [p for p in arcs if (p[0][0] - centre[0]) * front > 0]
    assert len(behind) == len(ahead) == 1
    assert behind[0][-1][1] < behind[0][0][1] - 0.05, "behind: down towards the tailbone"
    assert ahead[0][-1][1] > ahead[0][0][1] + 0.05, "in front: up towards the belly"


def test_side_lunge_steps_sideways_without_a_chair() -> None:
    figure = _figure("side-lunge")
    assert "chair" not in figure.props and "end" in figure.poses
    scene = still(figure)
    heads = [s for s in scene.shapes if s.fill == "sign"]
    assert heads, "a step arrow"
    ys = [y for s in heads for _, y in s.path.points()]
    assert max(ys) < 0.0, "the step arrow runs along the floor"


def test_high_knees_pump_bent_arms_and_bounce_on_the_standing_toes() -> None:
    # It read as a march: the arms bent and swinging opposite, the standing heel up.
    figure = _figure("high-knees")
    pose = figure.poses["end"]
    assert pose.near.elbow >= 80 and pose.far_limbs.elbow >= 80
    assert (pose.near.shoulder > 0) != (pose.far_limbs.shoulder > 0), "arms swing opposite"
    body = place(pose, figure.view).body
    assert body.points["far_heel"][1] > body.points["far_toes"][1] + 0.02, "heel up"
    assert "alternate" in figure.signs


def test_walking_lunge_steps_forward_with_the_back_knee_off_the_floor() -> None:
    figure = _figure("lunge-twist")
    assert figure.still == "sequence" and "end" in figure.poses
    body = place(figure.poses["end"], figure.view).body
    assert body.points["far_knee"][1] > 0.08, "back knee clearly off the floor"
    assert body.points["near_ankle"][0] - body.points["far_ankle"][0] > 0.4, "a long step"


def test_cobra_hands_under_the_shoulders_elbows_bent_hips_down() -> None:
    # The judge saw the hands reaching far ahead of the head: the rig could not bend the
    # elbows with the hips on the floor. A hand put on the floor goes under its shoulder
    # once the body is down, the elbow bending back towards the hips.
    figure = _figure("cobra")
    pose = figure.poses["start"]
    assert pose_problems(figure, pose) == []
    body = place(pose, figure.view).body
    p = body.points
    for side in ("near", "far"):
        assert abs(p[f"{side}_hand"][0] - p["shoulder"][0]) < 0.05, "hand under the shoulder"
        assert p[f"{side}_hand"][1] == pytest.approx(0.02, abs=TOLERANCE), "flat on the floor"
        bend = (body.angles[f"{side}_forearm"] - body.angles[f"{side}_arm"]) % 360
        assert 30 < min(bend, 360 - bend) < 130, "elbow bent"
        assert p[f"{side}_elbow"][0] < p["shoulder"][0], "elbow back, towards the hips"
    assert p["hip"][1] < 0.08, "hips down"
    assert p["shoulder"][1] > 0.2, "chest lifted"


def test_a_hand_on_the_floor_stays_there_whatever_the_arm_angles() -> None:
    lying = {"trunk": 85, "chest": -40, "reach": {"near": "floor"}, "touch": ["belly"]}
    for shoulder in (0, 90, 170):
        pose = Pose.model_validate({**lying, "near": {"shoulder": shoulder, "elbow": 10}})
        body = place(pose, "side").body
        assert body.points["near_hand"][1] == pytest.approx(0.02, abs=1e-6)
        assert abs(body.points["near_hand"][0] - body.points["shoulder"][0]) < 0.05


def test_calm_breathing_shows_a_hand_on_the_chest_and_one_on_the_belly() -> None:
    # The far hand on the chest was hidden behind the torso: a hand resting on the front
    # of the trunk is drawn over it, and the long breath out leaves the mouth.
    from psoas_timer.core.figure.body_shapes import body_shapes

    figure = _figure("calm-breathing")
    pose = figure.poses["start"]
    assert set(pose.reach.values()) == {"chest", "belly"}
    body = place(pose, figure.view).body
    _back, front = body_shapes(body)
    torso = next(i for i, s in enumerate(front) if s.fill == "skin")
    assert any(s.fill == "far" for s in front[torso + 1 :]), "the far hand over the torso"
    scene = still(figure)
    arcs = [s for s in scene.shapes if s.stroke == "sign" and s.fill is None and not s.dashed]
    assert len(arcs) >= 7, "breath lines off the belly and the mouth, and the wave"


def test_iliacus_fingers_hook_over_the_rim_and_deep_psoas_fingers_do_not() -> None:
    # The judge saw one outline for both: the iliacus hand is drawn as a hook curling
    # over the front point of the hip bone; the deep psoas fingers press straight down.
    def hooks(ident: str) -> int:
        scene = still(_figure(ident))
        return sum(1 for s in scene.shapes if s.stroke == "skin" and s.fill is None)

    assert hooks("iliacus-release") == 1
    assert hooks("deep-psoas-release") == 0


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = b[0] - a[0], b[1] - a[1]
    t = ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / (ax * ax + ay * ay)
    t = min(1.0, max(0.0, t))
    return distance(p, (a[0] + t * ax, a[1] + t * ay))


@pytest.mark.parametrize(
    "ident", ["kneeling-hip-flexor-stretch", "standing-hip-flexor-stretch", "low-lunge-stretch"]
)
def test_hip_flexor_stretch_marks_the_back_legs_hip_not_the_front_leg(ident: str) -> None:
    from psoas_timer.core.figure.drawing import _outward, _region_point, _target
    from psoas_timer.core.figure.geometry import along

    figure = _figure(ident)
    body = place(figure.key_poses()[-1], figure.view).body
    target = _target(figure)
    assert target is not None and target[1] == "far"
    # The mark is drawn inside the outline, under the spot on the skin.
    spot = along(_region_point(body, *target), _outward(body, *target) + 180, 0.05)
    pts = body.points
    on_back = _to_segment(spot, pts["far_hip"], pts["far_knee"])
    on_front = _to_segment(spot, pts["near_hip"], pts["near_knee"])
    assert on_back < 0.01, "in the back thigh"
    assert on_front > on_back + 0.04, "clear of the front thigh"
    # A physiotherapist: the stretch is felt at the front of the back leg's hip (its hip
    # crease), not down the thigh where the mark sat.
    assert distance(spot, pts["far_hip"]) < 0.06, "at the top of the back thigh"
    assert pts["far_knee"][0] < pts["near_knee"][0] or figure.mirror


def test_single_leg_bridge_holds_the_lifted_leg_straight_in_line_with_the_other_thigh() -> None:
    # A blind judge saw the lifted leg pointing steeply up, like a kick: it stays straight
    # and in line with the other thigh, and the arrow shows the hips rising, not the foot.
    figure = _figure("single-leg-bridge")
    for pose in figure.key_poses():
        body = place(pose, figure.view).body
        a = body.angles
        assert abs((a["near_thigh"] - a["far_thigh"] + 180) % 360 - 180) < 4, "in line"
        assert abs((a["near_shank"] - a["near_thigh"] + 180) % 360 - 180) < 4, "straight"
    scene = still(figure)
    body = place(figure.poses["end"], figure.view).body
    arrows = [s.path.points() for s in scene.shapes if s.stroke == "sign" and s.fill is None]
    assert arrows
    for points in arrows:
        near = min(distance(p, body.points["hip"]) for p in points)
        assert near < 0.25, "the arrow beside the hips"
        assert min(distance(p, body.points["near_ankle"]) for p in points) > 0.2, "not the foot"


@pytest.mark.parametrize("ident", ["hip-raise", "single-leg-bridge"])
def test_bridges_keep_the_arms_flat_on_the_mat(ident: str) -> None:
    figure = _figure(ident)
    for pose in figure.key_poses():
        body = place(pose, figure.view).body
        for side in ("near", "far"):
            assert body.points[f"{side}_hand"][1] < 0.07, (side, "hand on the mat")
            assert body.points[f"{side}_elbow"][1] < 0.07, (side, "elbow on the mat")


def test_crunch_lifts_only_the_shoulder_blades_and_marks_the_abdomen() -> None:
    figure = _figure("abdominal-crunch")
    assert figure.target_place().region == "navel"  # type: ignore[union-attr]
    body = place(figure.key_poses()[-1], figure.view).body
    rise = direction(body.angles["upper"])
    assert abs(rise[1]) < 0.45, "a curl of the upper back, not a sit-up"


@pytest.mark.parametrize("pose_name", ["start", "end"])
def test_crunch_crosses_the_arms_on_the_chest(pose_name: str) -> None:
    # The judges saw the forearms upright in front of the face: the arms fold across the
    # chest, as the steps say, each hand on the other shoulder, the elbow low on the chest.
    figure = _figure("abdominal-crunch")
    pose = figure.poses[pose_name]
    assert pose.reach == {"near": "across_chest", "far": "across_chest"}
    body = place(pose, figure.view).body
    p = body.points
    front = body.upper.up - 90  # out of the chest
    for side in ("near", "far"):
        hand, elbow = p[f"{side}_hand"], p[f"{side}_elbow"]
        assert distance(hand, p["shoulder"]) < 0.09, "the hand at the other shoulder"
        # Neither hand nor elbow stands off the chest: both within a hand's breadth of
        # the trunk's front.
        for point in (hand, elbow):
            ahead = (point[0] - p["shoulder"][0]) * direction(front)[0] + (
                point[1] - p["shoulder"][1]
            ) * direction(front)[1]
            assert ahead < 0.1, f"{side} arm stands off the chest"
        assert distance(elbow, p["navel"]) > 0.05, "the elbow leaves the mark in sight"


def test_weight_rests_on_the_hip_bones_not_the_belly() -> None:
    figure = _figure("weighted-hip-raise")
    assert figure.props["weight"].at in ("hip_crease", "front_hip")


def test_triangle_rests_the_lower_hand_on_the_shin() -> None:
    figure = _figure("triangle-pose")
    body = place(figure.key_poses()[-1], figure.view).body
    p = body.points
    assert _to_segment(p["near_hand"], p["near_knee"], p["near_ankle"]) < 0.05


def test_side_lying_leg_raise_lifts_about_thirty_degrees() -> None:
    import math

    figure = _figure("side-lying-leg-raise")
    start, end = figure.key_poses()[0], figure.key_poses()[-1]
    a, b = place(start, figure.view).body, place(end, figure.view).body
    lift = abs(b.angles["near_thigh"] - a.angles["near_thigh"])
    assert 20 <= lift <= 32, lift
    leg = b.points["near_ankle"][1] - b.points["near_hip"][1]
    assert (
        math.degrees(math.asin(leg / distance(b.points["near_ankle"], b.points["near_hip"]))) < 35
    )


def test_squat_toe_touch_never_looks_airborne() -> None:
    # On pointed toes the rising figure read as jumping: the feet stay nearly flat.
    figure = _figure("squat-toe-touch")
    for pose in figure.key_poses():
        assert abs(pose.near.ankle) <= 12 or "near_foot" in pose.touch, pose
        body = place(pose, figure.view).body
        heel = body.points["near_heel"][1]
        assert heel < 0.05, "the heel no more than a little off the floor"


def test_foam_roll_rests_the_arms_and_head_on_the_floor() -> None:
    figure = _figure("foam-roll-back-hips")
    body = place(figure.key_poses()[-1], figure.view).body
    p = body.points
    for side in ("near", "far"):
        assert p[f"{side}_hand"][1] < 0.04, "hand on the floor, not overhead"
        assert p[f"{side}_hand"][0] > p["shoulder"][0], "the arm lies along the body"
    assert p["head"][1] < anthropometry.HEAD_RADIUS + 0.03, "head resting on the floor"


@pytest.mark.parametrize(("ident", "pose"), [("cat-cow", "end"), ("bird-dog", "start")])
def test_arms_on_all_fours_are_straight_and_side_by_side(ident: str, pose: str) -> None:
    figure = _figure(ident)
    limbs = figure.poses[pose]
    assert limbs.near.elbow == limbs.far_limbs.elbow == 0
    assert limbs.near.shoulder == limbs.far_limbs.shoulder


def test_bird_dog_standing_arm_is_straight_under_the_shoulder() -> None:
    figure = _figure("bird-dog")
    body = place(figure.poses["end"], figure.view).body
    p = body.points
    assert abs(p["far_hand"][0] - p["far_shoulder"][0]) < 0.05
    assert figure.poses["end"].far_limbs.elbow == 0


def test_cable_twist_arms_do_not_cross() -> None:
    figure = _figure("cable-twist")
    body = place(figure.key_poses()[-1], figure.view).body
    p = body.points
    # Seen from the front, the near elbow stays on the near side and the far one on the
    # far side: the hands meet between them.
    assert p["near_elbow"][0] < p["near_hand"][0] < p["far_elbow"][0]
    assert p["near_elbow"][1] < p["near_shoulder"][1] and p["far_elbow"][1] < p["far_shoulder"][1]


def test_knee_to_chest_brings_the_knee_over_the_chest() -> None:
    figure = _figure("knee-to-chest")
    body = place(figure.key_poses()[-1], figure.view).body
    p = body.points
    assert distance(p["near_knee"], p["chest"]) < 0.12


def test_plank_hips_do_not_sag_below_the_line() -> None:
    figure = _figure("plank")
    p = place(figure.key_poses()[-1], figure.view).body.points
    (x0, y0), (x1, y1) = p["near_ankle"], p["shoulder"]
    line = y0 + (y1 - y0) * (p["hip"][0] - x0) / (x1 - x0)
    # Exactly on the line of the joints, the outline of the buttocks and the shoulder
    # blades made the low back read as sagging: the hips sit a touch above it.
    assert 0.004 < p["hip"][1] - line < 0.03, "the hips a touch above the line"


def test_hip_crease_release_legs_lie_long_and_apart_from_each_other() -> None:
    # The bent near knee crossed the long far leg: the legs tangled at the knees.
    pose = _figure("psoas-ball-release").poses["start"]
    assert pose.near.knee < 15 and pose.far_limbs.knee < 15


def test_quad_stretch_bent_knee_points_straight_down_with_the_mark_mid_thigh() -> None:
    figure = _figure("quad-stretch")
    p = place(figure.key_poses()[-1], figure.view).body.points
    knee, hip = p["near_knee"], p["near_hip"]
    assert abs(knee[0] - hip[0]) < 0.01, "knee straight under the hip"
    # The two thighs side by side overlapped into one in the side view, the mark read as
    # on the standing leg: the standing knee, soft, a little in front of the bent one, so
    # both knees and both thighs are seen, the standing foot still under the hip.
    standing = p["far_knee"]
    assert 0.03 < standing[0] - knee[0] < 0.08, "the standing knee just in front, seen"
    assert abs(p["far_ankle"][0] - hip[0]) < 0.03, "the standing foot under the hip"
    assert figure.target_place().region == "thigh"  # type: ignore[union-attr]
    mid = ((knee[0] + hip[0]) / 2, (knee[1] + hip[1]) / 2)
    assert distance(p["thigh"], mid) < 0.06


def test_calm_breathing_counts_each_breath_in_dots_out_longer() -> None:
    scene = still(_figure("calm-breathing"))
    dots = [s for s in scene.shapes if s.fill == "sign" and s.stroke is None]
    rows: dict[float, int] = {}
    for s in dots:
        ys = [y for _, y in s.path.points()]
        rows.setdefault(round(sum(ys) / len(ys), 3), 0)
        rows[round(sum(ys) / len(ys), 3)] += 1
    assert 10 in rows.values(), "a dot a count: 4 in and 6 out"


def test_iliacus_inset_draws_the_pelvic_bone_and_the_fingertips_inside_its_rim() -> None:
    scene = still(_figure("iliacus-release"))
    bone = [s for s in scene.shapes if s.fill == "bone" and s.alpha < 0.5]
    tips = [s for s in scene.shapes if s.fill == "skin" and s.stroke == "line"]
    assert len(bone) >= 1, "the wing of the hip bone under the hand"
    assert len(tips) >= 3, "the fingertips in the inset"


def test_downward_dog_marks_the_back_of_the_thigh() -> None:
    from psoas_timer.core.figure.drawing import _region_point, _target

    figure = _figure("downward-dog")
    body = place(figure.key_poses()[-1], figure.view).body
    target = _target(figure)
    assert target is not None
    spot = _region_point(body, *target)
    pts = body.points
    hip, knee = pts["near_hip"], pts["near_knee"]
    assert _to_segment(spot, hip, knee) < 0.07, "on the thigh"
    assert distance(spot, hip) > 0.1, "down the thigh, not at the hip"
    # The back of the thigh faces away from the toes' side (behind the leg, the feet
    # being behind the hands).
    behind = pts["near_toes"][0] < pts["near_hand"][0]
    mid_x = (hip[0] + knee[0]) / 2
    assert (spot[0] < mid_x) == behind, "on the back of the thigh, not its front"


def test_bird_dog_raises_the_leg_level_with_the_hip() -> None:
    figure = _figure("bird-dog")
    p = place(figure.key_poses()[-1], figure.view).body.points
    assert abs(p["far_ankle"][1] - p["far_hip"][1]) < 0.04, "the raised leg level, not dropping"


def test_hip_raise_lifts_the_hips_to_a_line_from_shoulders_to_knees() -> None:
    figure = _figure("hip-raise")
    p = place(figure.key_poses()[-1], figure.view).body.points
    assert _to_segment(p["near_hip"], p["near_shoulder"], p["near_knee"]) < 0.018


def test_knee_to_chest_holds_the_shin_just_below_the_knee() -> None:
    figure = _figure("knee-to-chest")
    p = place(figure.key_poses()[-1], figure.view).body.points
    for side in ("near", "far"):
        assert distance(p[f"{side}_hand"], p["near_knee"]) < 0.05, (side, "hand at the knee")


def test_foam_roll_marks_where_the_roller_presses_not_the_flank() -> None:
    # The mark sits on the low back, on the side lying on the roller, right over it.
    from psoas_timer.core.figure.drawing import _region_point, _target
    from psoas_timer.core.figure.props import ROLLER_R

    figure = _figure("foam-roll-back-hips")
    body = place(figure.key_poses()[-1], figure.view).body
    target = _target(figure)
    assert target is not None and target[0] == "low_back"
    spot = _region_point(body, *target)
    assert spot[1] < body.points["hip"][1], "low, on the side the roller presses"
    assert spot[1] < 2 * ROLLER_R + 0.04, "just above the roller"
    assert abs(spot[0] - body.points["low_back"][0]) < 0.03


def test_foam_roller_is_a_long_cylinder_across_the_body_under_the_low_back() -> None:
    # Seen end-on, the roller read as a ball; drawn receding nearly along the body it read
    # as lying along the spine. As the steps say ("roller under the low back"), it lies
    # across the body: drawn in three-quarter view, its near end face (an ellipse) under
    # the low back, its long body receding into the picture behind the figure, steeply
    # (the body's length runs across the picture, its depth up it), at least three times
    # as long as it is thick. The hips stay low, near the roller: not a bridge.
    import math

    from psoas_timer.core.figure.props import ROLLER_R, roller_axis
    from psoas_timer.core.figure.scene import Scene

    figure = _figure("foam-roll-back-hips")
    scene = still(figure)
    rollers = [s for s in scene.shapes if s.fill == "prop_dark" and not s.body]
    outline = max(rollers, key=lambda s: Scene([s]).bounds().right - Scene([s]).bounds().left)
    pts = outline.path.points()
    # The long axis: the direction in which the outline is longest.
    best = 0.0
    for degrees in range(0, 180, 2):
        ux, uy = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        along = [x * ux + y * uy for x, y in pts]
        across = [-x * uy + y * ux for x, y in pts]
        length, width = max(along) - min(along), max(across) - min(across)
        if length > best:
            best, ratio, thick, axis = length, length / width, width, degrees
    assert ratio >= 3, f"the roller is {ratio:.1f} times as long as it is thick"
    assert thick == pytest.approx(2 * ROLLER_R, abs=0.01), "its diameter to scale"
    pose = figure.key_poses()[-1]
    body = place(pose, figure.view).body
    trunk = math.degrees(math.atan2(*reversed(direction(body.lower.up)))) % 180
    turn = abs(axis - trunk) % 180
    assert min(turn, 180 - turn) > 45, "drawn going into the picture, not along the spine"
    near, far = roller_axis(0.0)
    assert far[1] - near[1] > 0.6 * distance(near, far), "receding up the picture"
    faces = [s for s in scene.shapes if s.fill == "prop" and s.gradient]
    assert len(faces) == 1, "one near end face"
    face = Scene(faces).bounds()
    low_back = body.points["low_back"][0]
    assert face.left - 0.01 < low_back < face.right + 0.01, "under the low back"
    hip = body.points["hip"]
    assert hip[1] < 2 * ROLLER_R + 0.1, "the hips low, near the roller (not a bridge)"
    assert pose.touch[0] == "low_back@roller"


def test_hip_crease_release_draws_the_fold_of_the_hip_at_the_ball() -> None:
    # The judges found the crease only in the inset: the main figure draws the fold of
    # the hip as a bold line from the ball up over the side of the hip, longer than the
    # mark on the spot is wide, so it shows past it.
    figure = _figure("psoas-ball-release")
    scene = still(figure)
    body = place(figure.poses["start"], figure.view).body
    crease = body.points["hip_crease"]
    folds = [
        s.path.points()
        for s in scene.shapes
        if s.stroke == "line" and s.fill is None and s.width >= 0.007 and not s.body
    ]
    near = [pts for pts in folds if distance(pts[0], crease) < 0.03]
    assert near, "a bold line starting at the crease"
    assert max(distance(p, crease) for p in near[0]) > 0.06, "long enough to show past the mark"


@pytest.mark.parametrize("ident", ["heat-pack", "ice-pack", "side-lying-psoas-stretch"])
def test_heat_and_ice_packs_lie_on_a_towel_never_on_bare_skin(ident: str) -> None:
    # The steps and the safety line say to wrap the pack in a towel; the judges saw the
    # pack on bare skin. A towel lies between: drawn before (under) the pack, reaching
    # past it at both ends.
    from psoas_timer.core.figure.scene import Scene

    shapes = _main_view(_figure(ident))
    kinds = [i for i, s in enumerate(shapes) if s.fill in ("heat", "ice")]
    towels = [i for i, s in enumerate(shapes) if s.fill == "towel"]
    assert kinds and towels, "a pack and a towel"
    assert max(towels) < min(kinds), "the towel under the pack"
    pack = Scene([shapes[i] for i in kinds]).bounds()
    towel = Scene([shapes[i] for i in towels]).bounds()
    wide = (towel.right - towel.left) - (pack.right - pack.left)
    tall = (towel.top - towel.bottom) - (pack.top - pack.bottom)
    assert max(wide, tall) > 0.04, "the towel reaches past the pack"


def test_standing_hip_flexor_stretch_marks_the_gap_under_the_back_knee() -> None:
    # A judge hesitated with the low lunge: standing, the back knee stays well off the
    # floor, and the picture marks that gap (a dashed height line from under the knee to
    # the floor), the back heel raised.
    figure = _figure("standing-hip-flexor-stretch")
    assert "gap" in figure.signs
    body = place(figure.poses["start"], figure.view).body
    knee = body.points["far_knee"]
    assert knee[1] > 0.15, "the back knee well off the floor"
    scene = still(figure)
    dashed = [s.path.points() for s in scene.shapes if s.stroke == "sign" and s.dashed]
    assert len(dashed) == 1
    (x0, y0), (x1, y1) = dashed[0][0], dashed[0][-1]
    assert abs(x0 - knee[0]) < 0.03 and abs(x1 - knee[0]) < 0.03, "straight under the knee"
    assert min(y0, y1) < 0.03 and knee[1] - 0.08 < max(y0, y1) < knee[1], "knee to floor"


def test_heat_and_ice_packs_differ_in_shape_not_only_in_colour() -> None:
    # Round 9: the heat and ice packs differed only by colour and symbol. With every
    # colour taken away, they still read apart: the heat pack is a rounded hot-water
    # bottle (curved outline) with a cap at one end and wavy lines rising; the ice pack is
    # a square-cornered block (straight outline) with ice cubes inside, a toothed frosted
    # top edge and snowflakes whose arms fork.
    def pack_parts(ident: str) -> tuple[list[object], list[object]]:
        scene = still(_figure(ident))
        kind = "heat" if ident == "heat-pack" else "ice"
        packs = [s for s in scene.shapes if s.fill == kind]
        marks = [s for s in scene.shapes if s.stroke == kind and s.fill is None]
        return packs, marks

    heat, waves = pack_parts("heat-pack")
    ice, flakes = pack_parts("ice-pack")
    kinds = lambda s: {c[0] for c in s.path.commands}  # type: ignore[attr-defined]  # noqa: E731
    assert "C" in kinds(heat[0]), "the hot-water bottle is rounded"
    assert "C" not in kinds(ice[0]) and len(ice[0].path.points()) == 4, "the ice pack square"  # type: ignore[attr-defined]
    scene = still(_figure("heat-pack"))
    caps = [s for s in scene.shapes if s.fill == "prop_dark" and s.stroke == "line"]
    assert caps, "the bottle's cap"
    scene = still(_figure("ice-pack"))
    from psoas_timer.core.figure.scene import Scene

    block = Scene([ice[0]]).bounds()  # type: ignore[list-item]
    inside = [
        s
        for s in scene.shapes
        if s.fill == "prop" and len(s.path.points()) == 4 and _inside(_centre(s), block)
    ]
    assert len(inside) >= 2, "ice cubes in the pack"
    teeth = [s for s in scene.shapes if s.fill == "prop" and len(s.path.points()) == 3]
    assert len(teeth) >= 6 and all(_centre(t)[1] > block.top - 0.01 for t in teeth), "frost"
    assert all("C" in kinds(w) for w in waves), "heat: wavy lines"
    straight = [f for f in flakes if "C" not in kinds(f)]
    assert len(straight) >= 3 * 6 * 3, "three snowflakes, six arms, each forked"


def _inside(p: tuple[float, float], box: object) -> bool:
    return box.left < p[0] < box.right and box.bottom < p[1] < box.top  # type: ignore[attr-defined]


def test_side_lying_stretch_shows_from_above_the_top_leg_taken_back() -> None:
    # Round 9: seen only from behind, the hanging leg read as dropping straight down; the
    # stretch is hip extension, the top leg taken back behind the body, which only a view
    # from above shows. The picture has an overhead view in a corner: the bed's top, the
    # body's profile along its edge, the top thigh at least 15 degrees behind the trunk's
    # line and its knee past the bed's edge, the leg at rest faint in line with the trunk,
    # and an arrow turning from there back to the leg; beside the figure, so the player's
    # wide, low space still shows the body large.
    from psoas_timer.core.figure.drawing import _overhead_shapes
    from psoas_timer.core.figure.scene import Scene
    from psoas_timer.core.figure.skeleton import pose_body

    figure = _figure("side-lying-psoas-stretch")
    pose = figure.overhead
    assert pose is not None
    body = pose_body(pose, "side")
    trunk = math.degrees(
        math.atan2(
            body.points["hip"][1] - body.points["waist"][1],
            body.points["hip"][0] - body.points["waist"][0],
        )
    )
    behind = (trunk - body.angles["near_thigh"] + 180) % 360 - 180
    assert behind >= 15, f"the top thigh {behind:.0f} degrees behind the trunk's line"
    shapes, _ = _overhead_shapes(figure, pose)
    bed = Scene([next(s for s in shapes if s.fill == "cushion")]).bounds()
    assert body.points["near_knee"][1] < bed.bottom, "the knee past the bed's edge"
    assert body.points["near_ankle"][1] < bed.bottom - 0.15, "the leg out over the edge"
    assert body.points["far_knee"][1] > bed.bottom, "the bottom leg on the bed"
    assert any(s.fill == "ghost" for s in shapes), "the leg at rest, faint"
    assert any(s.fill == "heat" for s in shapes), "the same heat pack: one body in two views"
    heads = [s for s in shapes if s.fill == "sign"]
    assert len(heads) == 1, "an arrow"
    tip = _centre(heads[0])
    assert tip[1] < bed.bottom, "pointing back past the bed's edge"
    scene = still(figure)
    framed = [s for s in scene.shapes if s.fill == "cushion" and s.alpha < 1]
    assert framed, "the overhead view is in the picture"
    main = place(figure.poses["start"], figure.view).body
    inset = Scene(framed).bounds()
    right = max(main.points[n][0] for n in ("head", "hip", "near_toes", "far_toes"))
    assert inset.left > right, "beside the figure (the picture wider, not taller)"


def test_iliacus_fingertips_and_spot_just_inside_the_front_point_of_the_hip_bone() -> None:
    # Round 9's judge could not tell the iliacus release from the deep psoas release:
    # its mark lay on the thigh's side of the hand, under the palm. The front point of the
    # hip bone is drawn as a knob on top, and the spot (at the hooked fingertips) sits
    # just beyond it on the head's side (inside the rim, into the bowl of the bone): a
    # knob's width or two from it, much nearer to it than to the navel.
    figure = _figure("iliacus-release")
    scene = still(figure)
    body = place(figure.poses["start"], figure.view).body
    knobs = [s for s in scene.shapes if s.fill == "bone" and s.stroke == "line"]
    assert len(knobs) == 1, "the front point of the hip bone, outlined"
    knob = _centre(knobs[0])
    rings = [
        _centre(s)
        for s in scene.shapes
        if s.stroke == "target" and distance(_centre(s), body.points["hip"]) < 0.3
    ]
    assert len(rings) == 1, "one spot on the body"
    spot = rings[0]
    up = direction(body.lower.up)
    along_trunk = (spot[0] - knob[0]) * up[0] + (spot[1] - knob[1]) * up[1]
    assert 0.01 < along_trunk < 0.05, "just beyond the knob, on the head's side"
    assert distance(spot, knob) < 0.5 * distance(spot, body.points["navel"]) + 0.02
    hand = [s for s in scene.shapes if s.stroke == "skin" and s.fill is None]
    tips = hand[0].path.points()[-1]
    assert distance(tips, spot) < 0.01, "the spot at the fingertips"
    last_hand = max(i for i, s in enumerate(scene.shapes) if s.stroke == "skin")
    first_ring = min(
        i
        for i, s in enumerate(scene.shapes)
        if s.stroke == "target" and distance(_centre(s), body.points["hip"]) < 0.3
    )
    assert first_ring > last_hand, "the spot drawn over the hand, in sight"


def test_ball_rolls_arms_reach_forward_clear_of_the_ball() -> None:
    # The arm lying along the body put its forearm over the ball and the spot, so the
    # spot read as on the arm: lying flat, the arms rest forward on the floor past the
    # head, every part of them well away from the ball.
    figure = _figure("ball-roll")
    body = place(figure.poses["start"], figure.view).body
    ball = _ball_centre("ball-roll")
    head = body.points["head"]
    for side in ("near", "far"):
        for part in ("elbow", "wrist", "hand"):
            point = body.points[f"{side}_{part}"]
            assert distance(point, ball) > 0.25, f"{side} {part} clear of the ball"
        hand = body.points[f"{side}_hand"]
        assert (hand[0] - head[0]) * (head[0] - ball[0]) > 0, "past the head"
