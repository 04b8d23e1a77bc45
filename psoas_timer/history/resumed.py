"""A session carried on after a crash is one session (#21 item 9).

The engine that carried it on knows only what happened after the crash: it started at the
set that was running. The history holds the whole of it (the sets done before, the running
set's time so far, the totals), so :func:`whole_record` adds that to the engine's record, and
the completion screen then counts the session as the user did it. Qt-free.
"""

from __future__ import annotations

import copy

from psoas_timer.core.engine import SessionRecord
from psoas_timer.core.plan import Plan, Segment

from .records import SessionDetail

__all__ = ["whole_record"]


def whole_record(plan: Plan, record: SessionRecord, detail: SessionDetail) -> SessionRecord:
    """*record* of *plan* (the part after the crash) with what *detail* (the history's
    record of the same session, read after it ended) holds from before: sets done, the time
    spent, and every open hold (at the history's length: a hold carried on counts the time
    held before the crash too). *record* itself is left as it was."""
    sets: dict[tuple[int, str, int], list[Segment]] = {}
    for seg in plan.segments:
        if seg.is_work:
            sets.setdefault((seg.step, seg.side or "", seg.set), []).append(seg)
    whole = copy.deepcopy(record)
    whole.active_seconds = max(record.active_seconds, detail.summary.active_seconds)
    for row in detail.steps:
        for seg in sets.get((row.step, row.side or "", row.set), []):
            if row.done:
                whole.segments_done.add(seg.index)
                whole.segments_skipped.discard(seg.index)
            elif seg.index not in whole.segments_done:
                whole.segments_skipped.add(seg.index)
    holds = {index: (held, released) for index, held, released in record.holds}
    for r in detail.releases:
        if r.ending not in ("released", "extended", "max"):
            continue  # skipped or stopped: not a hold that ended (as the engine counts)
        found = [s for s in sets.get((r.step, r.side or "", r.set), []) if s.open is not None]
        if found:
            holds[found[0].index] = (r.seconds, r.ending != "max")
    whole.holds = [(index, *holds[index]) for index in sorted(holds)]
    whole.open_holds = [
        (plan.segments[index].step, plan.segments[index].side, held)
        for index, held, _released in whole.holds
    ]
    whole.settle(plan)
    return whole
