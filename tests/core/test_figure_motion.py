"""The figure in motion: reps move with their phases, planted feet stay planted, nothing
goes through the floor between key poses, holds breathe and release drills pulse."""

from __future__ import annotations

from pathlib import Path

import pytest

from psoas_timer.core.figure.body_shapes import body_points, body_shapes
from psoas_timer.core.figure.drawing import TOLERANCE
from psoas_timer.core.figure.motion import Moment, Motion
from psoas_timer.core.loader import Library, load_library

LIBRARY = Path(__file__).resolve().parents[2] / "routines" / "library"


def _library() -> Library:
    found = Library()
    for path in sorted(LIBRARY.glob("*.yaml")):
        load_library(path, found)
    return found


BUNDLED = _library()
MOVING = sorted(
    ident
    for ident, step in BUNDLED.exercises.items()
    if step.figure is not None and len(step.figure.poses) > 1
)


def _motion(ident: str, *, release: bool = False) -> Motion:
    figure = BUNDLED.exercises[ident].figure
    assert figure is not None
    return Motion(figure, release=release)


def test_a_rep_follows_its_phases() -> None:
    m = _motion("hip-raise")
    assert m.progress(Moment("rep", "up", 0.0)) == 0.0
    assert 0.0 < m.progress(Moment("rep", "up", 0.5)) < 1.0
    assert m.progress(Moment("rep", "hold", 0.3)) == 1.0
    assert m.progress(Moment("rep", "down", 1.0)) == 0.0
    # Without phases: there and back over the rep.
    assert m.progress(Moment("rep", None, 0.0)) == 0.0
    assert m.progress(Moment("rep", None, 0.5)) == 1.0
    assert m.progress(Moment("rep", None, 1.0)) == 0.0


def test_the_bridge_lifts_the_hips_with_the_feet_planted() -> None:
    m = _motion("hip-raise")
    heights = []
    for step in range(11):
        _, body = m.at(step / 10)
        heights.append(body.points["hip"][1])
        for side in ("near", "far"):
            assert body.points[f"{side}_heel"][1] == pytest.approx(0.0, abs=TOLERANCE)
    assert heights == sorted(heights), "the hips rise steadily"
    assert heights[-1] - heights[0] > 0.05


@pytest.mark.parametrize("ident", MOVING)
def test_no_frame_between_key_poses_goes_through_the_floor(ident: str) -> None:
    m = _motion(ident)
    for step in range(11):
        _, body = m.at(step / 10)
        back, front = body_shapes(body)
        assert min(y for _, y in body_points(back + front)) > -2 * TOLERANCE, step


def test_a_hold_breathes_with_the_guide() -> None:
    m = _motion("kneeling-hip-flexor-stretch")
    assert m.breath(Moment("hold", breath=1.0)) == 1.0
    assert m.breath(Moment("hold", breath=0.0)) == 0.0
    assert m.breath(Moment("rest", breath=1.0)) == 0.0
    full = m.scene(Moment("hold", breath=1.0))
    empty = m.scene(Moment("hold", breath=0.0))
    assert full.shapes != empty.shapes


def test_a_release_drill_pulses_its_target_only_under_pressure() -> None:
    drill = _motion("deep-psoas-release", release=True)
    assert drill.pulse(Moment("hold", seconds=0.0)) == pytest.approx(0.0)
    assert drill.pulse(Moment("hold", seconds=0.8)) == pytest.approx(1.0)
    assert drill.pulse(Moment("rest", seconds=0.8)) == 0.0
    assert _motion("cobra").pulse(Moment("hold", seconds=0.8)) == 0.0


def test_the_frame_holds_every_pose() -> None:
    m = _motion("single-leg-bridge")
    for step in range(5):
        scene = m.scene(Moment("rep", "up", step / 4))
        bounds = scene.bounds()
        frame = m.frame
        assert frame.left <= bounds.left and bounds.right <= frame.right
        assert frame.bottom <= bounds.bottom + 1e-9 and bounds.top <= frame.top + 0.05


@pytest.mark.parametrize(
    ("ident", "side"), [("low-lunge-stretch", "near"), ("single-leg-bridge", "far")]
)
def test_the_one_planted_foot_stays_where_it_stands(ident: str, side: str) -> None:
    # A lunge sinks its hips forward over the front foot (the foot once slid back under
    # them); the single-leg bridge's standing foot stays put as the hips rise.
    m = _motion(ident)
    spots = [m.at(step / 10)[1].points[f"{side}_ankle"] for step in range(11)]
    assert max(x for x, _ in spots) - min(x for x, _ in spots) < 0.005
    hips = [m.at(step / 10)[1].points["hip"][0] for step in range(11)]
    if ident == "low-lunge-stretch":
        assert hips[-1] - hips[0] > 0.05, "the hips go forward"
