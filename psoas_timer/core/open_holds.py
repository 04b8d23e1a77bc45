"""Open holds in the routine format: a hold that lasts until the user says the point has
released (``open: {min: 30s, target: 90s, max: 3m}``), the same on either side or given for
each side (``open: {left: {target: 60s}, right: {target: 90s}}``)."""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, model_validator
from pydantic.json_schema import SkipJsonSchema

from psoas_timer.i18n import N_, _

from .amounts import SideName, side_values, written_per_side
from .value_types import Duration, FormatModel, about_field

__all__ = ["OpenHold", "OpenValue", "SideOpen"]


class OpenHold(FormatModel):
    """A hold that lasts until the user says the point has released."""

    # Each time with its label and what it does (the editor's field names and help, and
    # the JSON Schema's title and description).
    min: Duration = about_field(
        N_("Shortest useful hold"),
        N_("Marked on the dial. Ending the hold before it takes a second press."),
        default=0,
    )
    target: Duration = about_field(
        # Translators: an open hold's target time: after it, the player asks "Has it softened?"
        N_("Ask after"),
        N_("When the player asks whether the point has softened."),
        default=...,
    )
    max: Duration | None = about_field(
        N_("Longest hold"),
        N_("The hold ends by itself here; without it, at twice the target."),
    )

    @model_validator(mode="after")
    def _ordered(self) -> OpenHold:
        if self.min > self.target:
            raise ValueError(_("min must not be longer than target"))
        if self.max is not None and self.max < self.target:
            raise ValueError(_("max must not be shorter than target"))
        return self

    @property
    def limit(self) -> float:
        """When the hold ends on its own: the maximum, or twice the target when none is set."""
        return self.max if self.max is not None else 2 * self.target

    def on(self, side: SideName | None) -> OpenHold:
        """This hold on *side* (the same on either side)."""
        return self


class SideOpen(OpenHold):
    """An open hold that differs by side: ``{left: {target: 60s}, right: {target: 90s}}``.

    Read without a side, its marks are the larger of the two sides' (an upper bound, for the
    size limits); :meth:`on` gives each side's own hold.
    """

    # Worked out from the sides, never written or read (nor offered by the JSON Schema).
    min: SkipJsonSchema[Annotated[float, Field(exclude=True)]] = 0
    target: SkipJsonSchema[Annotated[float, Field(exclude=True)]] = 0
    max: SkipJsonSchema[Annotated[float | None, Field(exclude=True)]] = None
    left: OpenHold
    right: OpenHold

    @model_validator(mode="before")
    @classmethod
    def _only_sides(cls, data: Any) -> Any:
        side_values(data)  # says what is wrong with anything but left and right
        return data

    @model_validator(mode="after")
    def _marks(self) -> SideOpen:
        self.min = max(self.left.min, self.right.min)
        self.target = max(self.left.target, self.right.target)
        self.max = max(self.left.limit, self.right.limit)
        return self

    def on(self, side: SideName | None) -> OpenHold:
        return self.right if side == "right" else self.left


def _open_tag(value: object) -> str:
    if isinstance(value, SideOpen):
        return "sides"
    if written_per_side(value):
        return "sides"
    return "plain"


OpenValue = Annotated[
    Union[Annotated[OpenHold, Tag("plain")], Annotated[SideOpen, Tag("sides")]],
    Discriminator(_open_tag),
]
"""An ``open`` value: an :class:`OpenHold`, or a :class:`SideOpen` when given per side."""
