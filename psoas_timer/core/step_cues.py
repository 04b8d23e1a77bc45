"""What a step asks to be said during it: milestones (a time into a hold, e.g. 30/60/90 s on
a trigger point, with words or the time itself) and prompts (custom words at a time, or
again and again). The plan turns them into timed cues (:mod:`.plan`)."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import BeforeValidator, Field, model_validator

from psoas_timer.i18n import N_, _

from .value_types import Duration, FormatModel, about_field

__all__ = ["Milestone", "MilestoneItem", "Prompt"]


def _bare_time(value: object) -> object:
    return {"at": value} if isinstance(value, (int, float, str)) else value


class Milestone(FormatModel):
    """A prompt at a time into a hold, e.g. 30/60/90 s on a trigger point."""

    # Each key with its label and what it does: the editor's cue table (the kind of cue
    # offered, its words' column and help) and the JSON Schema's title and description.
    at: Duration = about_field(
        N_("Milestone at"),
        N_("How long into the hold (or each set) it comes. Without words, the time is said."),
        default=...,
    )
    say: str | None = about_field(
        # Translators: what a spoken cue says (the editor's column over them, the format's title)
        N_("Words"),
        N_("What the voice says then, in place of the time."),
    )


MilestoneItem = Annotated[
    Milestone, BeforeValidator(_bare_time, json_schema_input_type=Union[Duration, Milestone])
]
"""A milestone, or just its time (``30s``)."""


class Prompt(FormatModel):
    """Custom words at a time into a hold (``at``), or again and again (``every``)."""

    # In the order a file is written in (``{at: 20s, say: ...}``), as a milestone's; each
    # with its label and what it does, as a milestone's.
    at: Duration | None = about_field(
        N_("Say at"), N_("The words are said once, this long into the hold (or each set).")
    )
    every: Annotated[Duration, Field(ge=5)] | None = about_field(
        N_("Say every"), N_("The words are said again and again, this often (5 s or more).")
    )
    say: Annotated[str, Field(min_length=1, max_length=200)] = about_field(
        N_("Words"), N_("What the voice says."), default=...
    )

    @model_validator(mode="after")
    def _when(self) -> Prompt:
        if (self.at is None) == (self.every is None):
            raise ValueError(_("a prompt needs exactly one of 'at' or 'every'"))
        return self
