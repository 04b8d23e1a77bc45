"""The safety notice shown on first run and before pressure-release routines."""

from __future__ import annotations

from psoas_timer.i18n import N_

from .model import Choice, Kind, RepeatGroup, Routine, Step

__all__ = ["NOTICE_LINES", "NOTICE_TITLE", "needs_release_notice"]

# Marked only: translated where shown (``_(NOTICE_TITLE)``).
NOTICE_TITLE = N_("Before you start")

NOTICE_LINES = (
    N_("Psoas Timer is a timer, not medical advice, and it cannot examine you."),
    N_(
        "Stop at once if you feel sharp pain, numbness, tingling or a throbbing pulse under the "
        "pressure; for the hip crease, move the ball a little higher instead."
    ),
    N_(
        "Deep pressure into the belly is only for someone whose organs have been ruled out as the "
        "cause of their pain by a clinician."
    ),
    N_("Pressure should feel strong but bearable: below your pain threshold, never more."),
    N_("If your pain lasts, comes back often or gets worse, see a doctor or physical therapist."),
)


def _has_release(items: list[Step | RepeatGroup | Choice]) -> bool:
    for item in items:
        if isinstance(item, RepeatGroup):
            if _has_release(item.steps):
                return True
        elif isinstance(item, Choice):
            if _has_release(list(item.choose)):
                return True
        elif item.kind is Kind.RELEASE:
            return True
    return False


def needs_release_notice(routine: Routine) -> bool:
    """Whether *routine* has pressure-release steps, before which the notice is shown again."""
    return _has_release(routine.steps)
