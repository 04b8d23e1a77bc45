"""Body segment lengths for the figure rig, as fractions of standing height.

Source: D. A. Winter, *Biomechanics and Motor Control of Human Movement*, 4th ed. (Wiley,
2009), figure 4.1 "Body segment lengths expressed as a fraction of body height H", after
Drillis and Contini (1966). Heights of landmarks above the floor there: vertex 1.000,
chin 0.870, shoulder (acromion) 0.818, greater trochanter (hip) 0.530, knee 0.285, ankle
0.039; segment lengths: upper arm 0.186, forearm 0.146, hand 0.108, foot length 0.152,
shoulder width 0.259, hip width 0.191. The split of the trunk at the waist (iliac crest,
about 0.63 H, with the navel near 0.60 H) and the depths of the body (front to back) are
from the same figure's proportions, rounded; they only shape the outline.

Every length the rig uses is here, in one place, in units of H (the figure is 1.0 tall).
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ANKLE_HEIGHT",
    "FOOT_BACK",
    "FOOT_FRONT",
    "FOREARM",
    "HAND",
    "HEAD_CENTRE",
    "HEAD_RADIUS",
    "HIP_HALF_SPACING",
    "LOWER_TRUNK",
    "SHANK",
    "SHOULDER_HALF_WIDTH",
    "THIGH",
    "UPPER_ARM",
    "UPPER_TRUNK",
]

#: Hip (greater trochanter, 0.530) to knee (0.285).
THIGH: Final = 0.530 - 0.285
#: Knee (0.285) to ankle (0.039).
SHANK: Final = 0.285 - 0.039
#: Ankle above the sole.
ANKLE_HEIGHT: Final = 0.039
#: Foot length 0.152: the heel a little behind the ankle, the toes well in front of it.
FOOT_BACK: Final = 0.035
FOOT_FRONT: Final = 0.152 - FOOT_BACK
#: Hip to waist (iliac crest, about 0.63 H) and waist to shoulder (0.818).
LOWER_TRUNK: Final = 0.630 - 0.530
UPPER_TRUNK: Final = 0.818 - 0.630
#: Shoulder to the centre of the head (about half way from the chin, 0.870, to the
#: vertex, 1.000), and the head's radius (half the chin-to-vertex length).
HEAD_CENTRE: Final = (0.870 + 1.000) / 2 - 0.818
HEAD_RADIUS: Final = (1.000 - 0.870) / 2 - 0.004
UPPER_ARM: Final = 0.186
FOREARM: Final = 0.146
#: The hand as drawn (a mitten: palm and fingers together).
HAND: Final = 0.108 * 0.8
#: Half the shoulder width (0.259) less the deltoid: the shoulder joints, seen from the front.
SHOULDER_HALF_WIDTH: Final = 0.259 / 2 - 0.02
#: Half the distance between the hip joints (about half the hip width, 0.191).
HIP_HALF_SPACING: Final = 0.191 / 4 + 0.01
