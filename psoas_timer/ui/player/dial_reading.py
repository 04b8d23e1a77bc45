"""What the player's dial shows at one moment: the figure in its middle, how full the ring is,
the word above the figure, the line below it and an open hold's marks on the ring.

Qt-free: :class:`~psoas_timer.ui.player.player_view.PlayerView` hands a reading to
:meth:`~psoas_timer.ui.player.countdown.CountdownDial.show_time`.
"""

from __future__ import annotations

from typing import NamedTuple

from psoas_timer.core.duration import format_clock
from psoas_timer.core.engine import Snapshot, State
from psoas_timer.i18n import _, pgettext
from psoas_timer.ui.common.text import count_up, doing_word, kind_word

__all__ = ["SHORT_REP", "DialReading", "dial_reading", "open_target"]

#: Reps shorter than this show the rep number in the dial instead of a blur of seconds.
SHORT_REP = 5.0


class DialReading(NamedTuple):
    """The arguments of ``CountdownDial.show_time``."""

    text: str
    fraction: float
    kind: str
    caption: str
    label: str
    marks: tuple[float, ...] = ()


def open_target(snap: Snapshot) -> float:
    """An open hold's target as it stands now ("+15 s" moves it); *snap* is in an open hold."""
    hold = snap.segment.open
    assert hold is not None
    return snap.target if snap.target is not None else hold.target


def dial_reading(snap: Snapshot, *, count_up_holds: bool) -> DialReading:
    """The dial for *snap*. An open hold counts up towards its target with its marks; a short
    rep shows its number and a long phase of a rep its time; a hold counts up when
    *count_up_holds*; everything else counts down."""
    seg = snap.segment
    paused = snap.state is State.PAUSED
    label = _("Paused") if paused else seg.heading or kind_word(seg.kind)
    if seg.open is not None:
        limit = max(seg.open.limit, snap.duration)
        target = open_target(snap)
        return DialReading(
            count_up(snap.elapsed),
            snap.elapsed / limit,
            seg.kind,
            # at the check-in, how long until the maximum ends the hold
            caption=(
                _("ends in {time}").format(time=format_clock(max(0.0, limit - snap.elapsed)))
                if snap.checking_in
                else _("of {time}").format(time=format_clock(target))
            ),
            label=_("Paused") if paused else pgettext("spoken cue", "Hold"),
            marks=tuple(m / limit for m in (seg.open.min, target) if 0 < m < limit),
        )
    if seg.kind == "rep" and seg.duration < SHORT_REP:
        return DialReading(
            str(seg.rep),
            snap.fraction,
            seg.kind,
            caption=_("of {count}").format(count=seg.reps),
            label=_("Paused") if paused else (doing_word(seg) or _("Rep")),
        )
    if seg.phase is not None:  # a long phase of a rep (a hold at the top): its time
        return DialReading(
            format_clock(snap.remaining),
            snap.fraction,
            seg.kind,
            caption=_("rep {number} of {count}").format(number=seg.rep, count=seg.reps),
            label=_("Paused") if paused else doing_word(seg),
        )
    if seg.kind == "hold" and count_up_holds:
        return DialReading(
            count_up(snap.elapsed),
            snap.fraction,
            seg.kind,
            # Translators: under a hold's time counting up (large "0:05"), {time} its length:
            # read together "0:05 held of 0:20"
            caption=_("held of {time}").format(time=format_clock(snap.duration)),
            label=label,
        )
    return DialReading(
        format_clock(snap.remaining), snap.fraction, seg.kind, caption=_("to go"), label=label
    )
