"""The session engine: a state machine that walks a plan on an injected monotonic clock.

Call :meth:`Session.poll` often (the GUI does ten times a second or more); it advances
through every segment whose end has passed and returns the cues now due, each exactly once,
in order, never early. Segment ends are computed from the clock (the previous end plus the
length), never from counted ticks, so there is no drift however late or irregular the polls.

A poll costs the same however long the plan is: the current segment's cues are put in time
order once, when it begins (or is stretched), and a cursor walks them; what lies before and
after the current segment is read from the segments' planned starts, plus the time spent
beyond plan, kept in a Fenwick tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Literal

from .breathing import Phase
from .plan import Cue, Plan, Segment, StepRun

__all__ = [
    "WELL_DONE_SHARE",
    "EventKind",
    "FiredCue",
    "Listener",
    "SegmentEnd",
    "Session",
    "SessionEvent",
    "SessionRecord",
    "Snapshot",
    "State",
]

#: Restart the current segment instead of going back when this far into it.
PREVIOUS_RESTARTS_AFTER = 3.0
#: A gap between polls longer than this means the machine slept: pause, don't skip.
WAKE_GAP = 15.0
#: "Well done" (said and shown) needs more than this share of the working time done.
WELL_DONE_SHARE = 0.5


class State(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class FiredCue:
    """A cue that has come due: *due* is the clock time it was scheduled for."""

    cue: Cue
    due: float
    segment: Segment | None


EventKind = Literal["entered", "ended", "extended", "finished", "stopped"]
#: How a segment was left: it ran its length (an open hold: to its maximum), the user
#: released an open hold, skipped ahead, went back (previous part, restart step), or stopped.
SegmentEnd = Literal["ran", "released", "skipped", "left", "stopped"]


@dataclass(frozen=True)
class SessionEvent:
    """Something that happened in a session, for listeners such as the history recorder.

    - ``entered``: *segment* began at clock time *at* (also on start, and on going back);
    - ``ended``: *segment* was left after *seconds* in it, per *how*; *done* says whether
      the engine counts it as done (it ran, was released, or was skipped after half its
      length), as :class:`SessionRecord` does;
    - ``extended``: *seconds* were added to *segment* (+10 s, an open hold's +15 s);
    - ``finished`` / ``stopped``: the session ended at *at*; *segment* is the last one.
    """

    kind: EventKind
    at: float
    segment: Segment
    seconds: float = 0.0
    how: SegmentEnd | None = None
    done: bool = False


Listener = Callable[[SessionEvent], None]


@dataclass
class SessionRecord:
    """What happened: for the completion screen and the history.

    Steps are indexes into the plan's step runs. Once the session has ended, *done* holds the
    steps whose every working segment (each side, set and rep) was done, *skipped* those
    skipped or cut short, and a step that had some of each is in *partly*. *open_holds* has
    each open hold that ended, as (step, side, seconds held); *holds* the same as (segment,
    seconds held, released): released when the user ended it, else it ran to its maximum.
    """

    active_seconds: float = 0.0
    done: set[int] = field(default_factory=set)
    skipped: set[int] = field(default_factory=set)
    open_holds: list[tuple[int, str | None, float]] = field(default_factory=list)
    completed: bool = False
    partly: set[int] = field(default_factory=set)
    holds: list[tuple[int, float, bool]] = field(default_factory=list)
    #: Working segments (plan indexes) done, and those skipped or cut short.
    segments_done: set[int] = field(default_factory=set)
    segments_skipped: set[int] = field(default_factory=set)

    def share_done(self, plan: Plan) -> float:
        """The share (0..1) of the plan's working time done, each part at its planned length."""
        work = [s for s in plan.segments if s.is_work]
        planned = sum(s.duration for s in work)
        done = sum(s.duration for s in work if s.index in self.segments_done)
        return done / planned if planned > 0 else 0.0

    def settle(self, plan: Plan) -> None:
        """Sort the steps into done, partly done and skipped, from their segments."""
        work: dict[int, list[int]] = {}
        for seg in plan.segments:
            if seg.is_work:
                work.setdefault(seg.step, []).append(seg.index)
        self.done, self.partly, self.skipped = set(), set(), set()
        for step, indexes in work.items():
            count = sum(i in self.segments_done for i in indexes)
            if count == len(indexes):
                self.done.add(step)
            elif count:
                self.partly.add(step)
            elif any(i in self.segments_skipped for i in indexes):
                self.skipped.add(step)


@dataclass(frozen=True)
class Snapshot:
    """Everything a view needs to draw the session at one moment."""

    state: State
    index: int
    segment: Segment
    run: StepRun
    elapsed: float
    duration: float
    session_elapsed: float
    session_total: float
    next_run: StepRun | None
    phase: Phase | None
    checking_in: bool
    slept: bool
    #: An open hold's target (seconds in), moved by "+15 s"; None for other segments.
    target: float | None = None

    @property
    def remaining(self) -> float:
        return max(0.0, self.duration - self.elapsed)

    @property
    def fraction(self) -> float:
        return min(1.0, self.elapsed / self.duration) if self.duration > 0 else 1.0

    @property
    def session_remaining(self) -> float:
        return max(0.0, self.session_total - self.session_elapsed)

    @property
    def session_fraction(self) -> float:
        return (
            min(1.0, self.session_elapsed / self.session_total) if self.session_total > 0 else 1.0
        )


class _Overruns:
    """Seconds spent beyond plan in each segment, with sums of those before any segment;
    setting one and summing both take O(log n) (a Fenwick tree)."""

    def __init__(self, size: int) -> None:
        self._tree = [0.0] * (size + 1)
        self._values: dict[int, float] = {}

    def set(self, index: int, value: float) -> None:
        delta = value - self._values.get(index, 0.0)
        if delta == 0:
            return
        self._values[index] = value
        i = index + 1
        while i < len(self._tree):
            self._tree[i] += delta
            i += i & -i

    def before(self, index: int) -> float:
        total, i = 0.0, index
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total


def _same_set(seg: Segment, other: Segment) -> bool:
    """Both are reps of one set (same step, side and set)."""
    return (
        seg.kind == "rep"
        and other.kind == "rep"
        and seg.step == other.step
        and seg.side == other.side
        and seg.set == other.set
    )


class Session:
    """One run through a :class:`Plan`, driven by *clock*."""

    def __init__(
        self, plan: Plan, clock: Callable[[], float], *, wake_gap: float = WAKE_GAP
    ) -> None:
        if not plan.segments:
            raise ValueError("a plan without segments cannot be run")
        self.plan = plan
        self._clock = clock
        self._wake_gap = wake_gap
        self.state = State.READY
        self.record = SessionRecord()
        self._index = 0
        self._start = 0.0  # clock time the current segment began (shifted by pauses)
        self._paused_at: float | None = None
        self._extra = 0.0  # seconds added to the current segment (+10 s, check-in +15 s)
        self._fired: set[int] = set()  # indexes into the current segment's cues
        self._order: list[tuple[float, int]] = []  # the current segment's (time, cue index)
        self._cursor = 0  # into _order: every cue before it has fired
        self._spent: dict[int, float] = {}  # seconds actually spent in each passed segment
        self._overruns = _Overruns(len(plan.segments))  # of which: beyond each one's length
        self._done_before = 0.0  # of which: the segments before the current one
        self._active = 0.0  # every second spent, replays included
        self._last_poll: float | None = None
        self._slept = False
        self._listeners: list[Listener] = []
        # Per segment: the next segment of another step, and its step's first working one.
        segments = plan.segments
        self._next_other = [len(segments)] * len(segments)
        self._first_work: dict[int, int] = {}
        for seg in reversed(segments):
            after = seg.index + 1
            if after < len(segments):
                same = segments[after].step == seg.step
                self._next_other[seg.index] = self._next_other[after] if same else after
            if seg.kind != "prepare":
                self._first_work[seg.step] = seg.index

    def listen(self, listener: Listener) -> None:
        """Call *listener* with every :class:`SessionEvent`, in order, as it happens."""
        self._listeners.append(listener)

    def _emit(self, event: SessionEvent) -> None:
        for listener in self._listeners:
            listener(event)

    # -- what is going on ---------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    @property
    def segment(self) -> Segment:
        return self.plan.segments[min(self._index, len(self.plan.segments) - 1)]

    @property
    def running(self) -> bool:
        return self.state is State.RUNNING

    @property
    def active(self) -> bool:
        """Running or paused: a session the user has not ended."""
        return self.state in (State.RUNNING, State.PAUSED)

    def _now(self) -> float:
        return self._paused_at if self._paused_at is not None else self._clock()

    def _duration(self, seg: Segment) -> float:
        if seg.open is not None:
            return max(seg.open.limit, seg.open.target + self._extra)
        return seg.duration + self._extra

    def _target(self, seg: Segment) -> float | None:
        return seg.open.target + self._extra if seg.open is not None else None

    def _cue_time(self, seg: Segment, cue: Cue) -> float:
        return cue.time_in(self._duration(seg), self._target(seg))

    # -- controls -------------------------------------------------------------------
    def start(self, at_segment: int = 0) -> list[FiredCue]:
        """Begin at the first segment (or at *at_segment*, to carry on an interrupted
        session); returns the cues due at once."""
        if self.state is not State.READY:
            return []
        if not 0 <= at_segment < len(self.plan.segments):
            raise ValueError(f"no segment {at_segment} in a plan of {len(self.plan.segments)}")
        now = self._clock()
        self.state = State.RUNNING
        self._enter(at_segment, now)
        self._last_poll = now
        return self.poll()

    def pause(self) -> list[FiredCue]:
        """Freeze time; returns the cues that came due up to this moment."""
        if self.state is not State.RUNNING:
            return []
        fired = self.poll()
        if self.state is State.RUNNING:
            self._paused_at = self._clock()
            self.state = State.PAUSED
        return fired

    def resume(self) -> list[FiredCue]:
        if self.state is not State.PAUSED:
            return []
        assert self._paused_at is not None
        now = self._clock()
        self._start += now - self._paused_at
        self._paused_at = None
        self._last_poll = now
        self._slept = False
        self.state = State.RUNNING
        return self.poll()

    def toggle(self) -> list[FiredCue]:
        """Space: start, pause or resume, whichever fits."""
        if self.state is State.READY:
            return self.start()
        if self.state is State.RUNNING:
            return self.pause()
        return self.resume()

    def next(self) -> list[FiredCue]:
        """Skip the rest of this segment (of a rep: the rest of its set); its cues are dropped.

        Reps are short, so skipping them one by one would take a press a rep: a set of reps
        is skipped as one part.
        """
        if not self.active:
            return []
        now = self._now()
        seg = self.segment
        self._account(seg, now - self._start, skipped=True)
        target = self._index + 1
        segments = self.plan.segments
        while target < len(segments) and _same_set(segments[target], seg):
            target += 1  # past the set's other reps
        if target >= len(segments):
            return self._finish(now)
        self._enter(target, now)
        return self.poll() if self.running else []

    def previous(self) -> list[FiredCue]:
        """Back to the previous part, or to the start of this one if well into it.

        Within a set of reps, "this part" is the set: back to its first rep, or from there
        (just begun) to the part before the set.
        """
        if not self.active:
            return []
        now = self._now()
        self._active += now - self._start
        self._left(now)
        first = self._set_start(self._index)
        fresh = first == self._index and now - self._start <= PREVIOUS_RESTARTS_AFTER
        self._enter(self._set_start(first - 1) if fresh and first > 0 else first, now)
        return self.poll() if self.running else []

    def restart_step(self) -> list[FiredCue]:
        """Back to the first working segment of the current step."""
        if not self.active:
            return []
        first = self._first_work[self.segment.step]
        now = self._now()
        self._active += now - self._start
        self._left(now)
        self._enter(min(first, self._index), now)
        return self.poll() if self.running else []

    def extend(self, seconds: float = 10.0) -> None:
        """Add time to this segment; countdowns and an open hold's check-in move with it.

        An open hold held past its target (the check-in) gets *seconds* from now: the old
        target is behind the user, so adding to it would change nothing.
        """
        if not self.active or seconds <= 0:
            return
        seg = self.segment
        elapsed = self._now() - self._start
        if seg.open is not None:
            target = seg.open.target + self._extra
            self._extra = max(target, elapsed) + seconds - seg.open.target
        else:
            self._extra += seconds
        if self._listeners:
            self._emit(SessionEvent("extended", self._now(), seg, seconds))
        for i, cue in enumerate(seg.cues):
            if cue.anchor != "start" and i in self._fired and self._cue_time(seg, cue) > elapsed:
                self._fired.discard(i)
        self._sort_cues(seg)

    def shorten(self, seconds: float = 10.0) -> list[FiredCue]:
        """Take time off this segment, never more than it has left (time to go stops at
        zero, and the segment then ends). An open hold's target comes closer instead, never
        to before now. A cue that now falls in the past is dropped: late, it would mislead.
        """
        if not self.active or seconds <= 0:
            return []
        seg = self.segment
        elapsed = self._now() - self._start
        end = seg.open.target + self._extra if seg.open is not None else self._duration(seg)
        self._extra -= min(seconds, max(0.0, end - elapsed))
        for i, cue in enumerate(seg.cues):
            if i not in self._fired and self._cue_time(seg, cue) < elapsed - 1e-9:
                self._fired.add(i)
        self._sort_cues(seg)
        return self.poll() if self.running else []

    def release(self) -> list[FiredCue]:
        """End an open hold now (the point has released)."""
        if not self.active or self.segment.open is None:
            return []
        now = self._now()
        seg = self.segment
        held = now - self._start
        self.record.open_holds.append((seg.step, seg.side, held))
        self.record.holds.append((seg.index, held, True))
        self._account(seg, held, skipped=False, how="released")
        if self._index + 1 >= len(self.plan.segments):
            return self._finish(now)
        self._enter(self._index + 1, now)
        return self.poll() if self.running else []

    def stop(self) -> None:
        if self.state in (State.FINISHED, State.STOPPED):
            return
        now = self._now()
        was_active = self.active
        if was_active:
            self.record.active_seconds = self._active + (now - self._start)
            if self._listeners:
                held = max(0.0, now - self._start)
                self._emit(SessionEvent("ended", now, self.segment, held, "stopped"))
        self.record.settle(self.plan)
        self.state = State.STOPPED
        self._paused_at = None
        if was_active and self._listeners:
            self._emit(SessionEvent("stopped", now, self.segment))

    # -- time passing ----------------------------------------------------------------
    def poll(self) -> list[FiredCue]:
        """Advance to the clock's now and return the cues that came due, in order."""
        if self.state is not State.RUNNING:
            return []
        now = self._clock()
        if self._last_poll is not None and now - self._last_poll > self._wake_gap:
            # The machine slept (or the process was stopped): pause where we were.
            self._paused_at = self._last_poll
            self.state = State.PAUSED
            self._slept = True
            return []
        self._last_poll = now
        fired: list[FiredCue] = []
        while self.state is State.RUNNING:
            seg = self.segment
            duration = self._duration(seg)
            elapsed = now - self._start
            limit = min(elapsed, duration) + 1e-9
            order = self._order
            while self._cursor < len(order):
                at, i = order[self._cursor]
                if i not in self._fired:
                    if at > limit:
                        break  # and so is every cue after it
                    self._fired.add(i)
                    fired.append(FiredCue(seg.cues[i], self._start + at, seg))
                self._cursor += 1
            if elapsed < duration:
                break
            end = self._start + duration
            if seg.open is not None:
                self.record.open_holds.append((seg.step, seg.side, duration))
                self.record.holds.append((seg.index, duration, False))
            self._account(seg, duration, skipped=False)
            if self._index + 1 >= len(self.plan.segments):
                fired.extend(self._finish(end))
                break
            self._enter(self._index + 1, end)
        return fired

    def next_due(self) -> float | None:
        """Clock time of the next cue or segment end, so a caller can wake exactly then."""
        if self.state is not State.RUNNING:
            return None
        end = self._start + self._duration(self.segment)
        order, at = self._order, self._cursor
        while at < len(order) and order[at][1] in self._fired:
            at += 1  # fired since the order was made (replays after +10 s), not yet passed
        return min(end, self._start + order[at][0]) if at < len(order) else end

    def snapshot(self) -> Snapshot:
        """The session as it is now (call :meth:`poll` first to advance)."""
        seg = self.segment
        if self.state is State.READY:
            elapsed = 0.0
        elif self.state in (State.FINISHED, State.STOPPED):
            elapsed = self._duration(seg) if self.state is State.FINISHED else 0.0
        else:
            elapsed = min(self._now() - self._start, self._duration(seg))
        duration = self._duration(seg)
        if seg.open is not None:
            shown = self._target(seg) or duration
            checking = elapsed >= shown - 1e-9
        else:
            shown = duration
            checking = False
        segments = self.plan.segments
        after = (
            self.plan.total - segments[self._index + 1].start
            if self._index + 1 < len(segments)
            else 0.0
        )
        if self.state is State.FINISHED:
            total = done = self._done_before
        else:
            done = self._done_before + elapsed
            total = self._done_before + max(shown, elapsed) + after
        run = self.plan.steps[seg.step]
        phase = None
        if seg.breathing is not None and (seg.is_work or seg.kind == "rest") and self.active:
            phase = seg.breathing.phase_at(seg.breath_start + elapsed)
        return Snapshot(
            state=self.state,
            index=self._index,
            segment=seg,
            run=run,
            elapsed=elapsed,
            duration=shown if seg.open is None else max(shown, elapsed),
            session_elapsed=done,
            session_total=total,
            next_run=self._next_run(),
            phase=phase,
            checking_in=checking,
            slept=self._slept,
            target=self._target(seg),
        )

    # -- internals -------------------------------------------------------------------
    def _set_start(self, index: int) -> int:
        """The first segment of the part *index* is in: its set's first rep, or itself."""
        segments = self.plan.segments
        while index > 0 and _same_set(segments[index - 1], segments[index]):
            index -= 1
        return index

    def _next_run(self) -> StepRun | None:
        later = self._next_other[min(self._index, len(self.plan.segments) - 1)]
        return (
            self.plan.steps[self.plan.segments[later].step]
            if later < len(self.plan.segments)
            else None
        )

    def _sort_cues(self, seg: Segment) -> None:
        """Put *seg*'s cues in time order (ties in plan order) for the cursor to walk."""
        self._order = sorted((self._cue_time(seg, cue), i) for i, cue in enumerate(seg.cues))
        self._cursor = 0

    def _enter(self, index: int, at: float) -> None:
        self._index = index
        self._start = at
        self._extra = 0.0
        self._fired = set()
        seg = self.plan.segments[index]
        self._sort_cues(seg)
        # What lies behind: a part skipped or cut short counts at its planned length, so the
        # session's progress is where the user is in it, whatever the route there.
        self._done_before = seg.start + self._overruns.before(index)
        if self._paused_at is not None:
            self._paused_at = at
        if self._listeners:
            self._emit(SessionEvent("entered", at, seg))

    def _left(self, now: float) -> None:
        """Tell listeners the current segment was left by going back (previous, restart)."""
        if self._listeners:
            seconds = max(0.0, now - self._start)
            self._emit(SessionEvent("ended", now, self.segment, seconds, "left"))

    def _account(
        self, seg: Segment, seconds: float, *, skipped: bool, how: SegmentEnd | None = None
    ) -> None:
        self._spent[seg.index] = max(0.0, seconds)
        self._overruns.set(seg.index, max(0.0, seconds - seg.duration))
        self._active += max(0.0, seconds)
        done = not (skipped and seconds < self._duration(seg) * 0.5)
        if self._listeners:
            how = how or ("skipped" if skipped else "ran")
            at = self._start + max(0.0, seconds)
            self._emit(SessionEvent("ended", at, seg, max(0.0, seconds), how, done and seg.is_work))
        if not seg.is_work:
            return
        record = self.record
        if not done:
            if seg.index not in record.segments_done:  # done once, then skipped on a replay
                record.segments_skipped.add(seg.index)
        else:
            record.segments_done.add(seg.index)
            record.segments_skipped.discard(seg.index)

    def _finish(self, at: float) -> list[FiredCue]:
        self._paused_at = None
        self.state = State.FINISHED
        self._done_before = sum(self._spent.values())
        self.record.active_seconds = self._active
        self.record.completed = True
        self.record.settle(self.plan)
        closing = self.plan.closing
        if self.record.share_done(self.plan) <= WELL_DONE_SHARE:
            # Skipped to the end: the closing chime, without praise for what was not done.
            closing = tuple(replace(c, text="") if c.kind == "done" else c for c in closing)
        if self._listeners:
            self._emit(SessionEvent("finished", at, self.segment))
        return [FiredCue(cue, at, None) for cue in closing]
