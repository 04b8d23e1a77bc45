"""Programmes: routines by day of the week, changed week by week, over a number of weeks.

A programme is a YAML file in a ``programmes/`` folder beside the routines (the format is in
``docs/routine-format.md``; ``psoas-timer schema --programme`` prints its JSON Schema)::

    name: Core and glutes, six weeks
    weeks: 6
    progress: sessions          # or calendar
    days: {mon: core-and-glutes, wed: core-and-glutes, fri: core-and-glutes}
    changes:
      - week: 1
        steps:
          plank: {sets: 3, hold: 30s}
      - week: 3
        steps:
          plank: {sets: 4}

Each change holds from its week on, on top of the earlier ones. It is read like a routine:
every problem (a routine that does not exist, weeks out of order, a step no routine has, a
negative time, a change that leaves a step without a timing) is a ``file:line:column``
problem, and the rest of the library keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from psoas_timer.core.loader import (
    is_programme_file,
    read_source,
    routine_files,
    translated_content,
    validate_model,
)
from psoas_timer.core.model import (
    FORMAT_VERSION,
    Choice,
    RepeatGroup,
    Routine,
    Step,
    kept_under,
)
from psoas_timer.core.open_holds import OpenHold
from psoas_timer.core.problems import LoadError, Problem, did_you_mean
from psoas_timer.core.value_types import Duration
from psoas_timer.core.yamlsource import Located, read_yaml
from psoas_timer.i18n import _, ngettext

from .schedule import WEEKDAYS, DoneLog, sessions_done_between

__all__ = [
    "DAY_KEYS",
    "REST",
    "LoadedProgramme",
    "Programme",
    "Progress",
    "Today",
    "describe_step",
    "load_programme",
    "programme_files",
    "programme_schema",
]

#: Keys of ``days``: a weekday, or ``daily`` for every day not named.
DAY_KEYS = (*WEEKDAYS, "daily")
#: A ``days`` value meaning no session that day.
REST = "rest"

DayKey = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"]
Count = Annotated[int, Field(ge=1, le=1000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StepChange(_Model):
    """New values for one step from a week on. Any of hold, duration, reps, open or breaths
    replaces the step's timing as a whole (as on a ``use`` step of a routine)."""

    sets: Annotated[int, Field(ge=1, le=100)] | None = None
    hold: Duration | None = None
    duration: Duration | None = None
    reps: Count | None = None
    tempo: Duration | None = None
    breaths: Count | None = None
    open: OpenHold | None = None
    rest_between_sets: Duration | None = None
    rest_between_reps: Duration | None = None
    rest_after: Duration | None = None


class WeekChange(_Model):
    """What changes from *week* on."""

    week: Annotated[int, Field(ge=1, le=104)]
    note: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    steps: Annotated[dict[str, StepChange], Field(min_length=1)]


class Programme(_Model):
    """A programme file."""

    model_config = ConfigDict(title="Psoas Timer programme")

    version: Annotated[int, Field(ge=1)] = FORMAT_VERSION
    name: Annotated[str, Field(min_length=1, max_length=80)]
    description: str = ""
    weeks: Annotated[int, Field(ge=1, le=104)]
    progress: Literal["sessions", "calendar"] = "calendar"
    days: Annotated[dict[DayKey, str], Field(min_length=1)]
    changes: list[WeekChange] = []


def programme_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Programme.model_json_schema(),
    }


#: Finds a routine by the name a programme gives: its key (file stem) and routine, a list of
#: problems if the routine is broken, or ``None`` if there is no such routine.
RoutineLookup = Callable[[str], "tuple[str, Routine] | list[Problem] | None"]


# -- reading ---------------------------------------------------------------------------------


@dataclass
class LoadedProgramme:
    """A valid programme with the routines it names (by key, the routine file's stem)."""

    path: Path
    programme: Programme
    routines: dict[str, Routine]
    day_routines: dict[str, str] = field(default_factory=dict)  # day key → routine key

    @property
    def key(self) -> str:
        return self.path.stem

    @property
    def name(self) -> str:
        return self.programme.name

    def routine_on(self, weekday: int) -> str | None:
        """The routine key for *weekday* (0 is Monday), or ``None`` on a rest day."""
        key = self.day_routines.get(WEEKDAYS[weekday], self.day_routines.get("daily"))
        return None if key in (None, REST) else key

    @property
    def sessions_per_week(self) -> int:
        return sum(1 for d in range(7) if self.routine_on(d) is not None)

    def changes_until(self, week: int) -> list[WeekChange]:
        return [c for c in self.programme.changes if c.week <= week]

    def routine_for(self, key: str, week: int) -> Routine:
        """Routine *key* as it is in *week*: every change up to that week applied."""
        return _apply_all(self.routines[key], self.changes_until(week))

    def changed_steps(self, key: str, week: int) -> list[Step]:
        """The steps of routine *key* that the changes up to *week* touch, as they are then."""
        names = {n for c in self.changes_until(week) for n in c.steps}
        return [s for s in _steps(self.routine_for(key, week)) if _matches_any(s, names)]

    def summary(self, key: str, week: int) -> str:
        """What makes *week* what it is: its latest change's note, or the steps that change
        names, as they are that week (``Plank 4 × 30 s``)."""
        changes = self.changes_until(week)
        if not changes:
            return ""
        if changes[-1].note:
            return changes[-1].note
        latest = set(changes[-1].steps)
        steps = self.routine_for(key, week)
        return ", ".join(
            f"{s.title} {describe_step(s)}" for s in _steps(steps) if _matches_any(s, latest)
        )

    def since_last_week(self, key: str, week: int) -> list[str]:
        """``Plank: 3 × 30 s → 4 × 30 s`` for each step that changed from the week before."""
        if week <= 1:
            return []
        before = {_step_key(s): s for s in _steps(self.routine_for(key, week - 1))}
        lines = []
        for step in self.changed_steps(key, week):
            old = before.get(_step_key(step))
            if old is not None and describe_step(old) != describe_step(step):
                lines.append(
                    _("{title}: {value} → {value2}").format(
                        title=step.title, value=describe_step(old), value2=describe_step(step)
                    )
                )
        return lines


def programme_files(roots: Iterable[Path]) -> list[Path]:
    """The programme files under *roots* (folders searched for ``programmes/``)."""
    return [p for p in routine_files([r for r in roots if r.is_dir()]) if is_programme_file(p)]


def load_programme(
    path: Path, lookup: RoutineLookup, names: Iterable[str] = (), *, bundled: bool = False
) -> LoadedProgramme:
    """Read and check the programme at *path*; routines are found with *lookup* (*names*: the
    known routine names, for suggestions). Raises :class:`LoadError` with every problem. A
    *bundled* programme's name, description and notes are in the current language."""
    name = str(path)
    return load_programme_text(read_source(path), name, lookup, names, path=path, bundled=bundled)


def load_programme_text(
    text: str | bytes,
    name: str,
    lookup: RoutineLookup,
    names: Iterable[str] = (),
    path: Path | None = None,
    *,
    bundled: bool = False,
) -> LoadedProgramme:
    located = read_yaml(text, name)
    data = located.data
    if bundled:
        translated_content(data)
    if not isinstance(data, dict):
        kind = _("an empty file") if data is None else type(data).__name__
        raise LoadError(
            [
                Problem(
                    name,
                    1,
                    1,
                    _("expected a programme with 'days', found {kind}").format(kind=kind),
                )
            ]
        )
    version = data.get("version", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        line, column = located.position(("version",))
        message = _(
            "this programme uses format version {version}; update Psoas Timer to open it"
        ).format(version=version)
        raise LoadError([Problem(name, line, column, message)])
    programme = validate_model(Programme, located, name)
    known = list(names)
    problems: list[Problem] = []
    routines: dict[str, Routine] = {}
    day_routines: dict[str, str] = {}
    for day, wanted in programme.days.items():
        if wanted.strip().lower() == REST:
            day_routines[day] = REST
            continue
        line, column = located.position(("days", day))
        found = lookup(wanted)
        if found is None:
            hint = did_you_mean(wanted, known)
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    _("days.{day}: no routine {wanted}{hint}").format(
                        day=day, wanted=repr(wanted), hint=hint
                    ),
                )
            )
        elif isinstance(found, list):
            first = f": {found[0]}" if found else ""
            problems.append(
                Problem(
                    name,
                    line,
                    column,
                    _("days.{day}: routine {wanted} has problems{first}").format(
                        day=day, wanted=repr(wanted), first=first
                    ),
                )
            )
        else:
            key, routine = found
            routines[key] = routine
            day_routines[day] = key
    if all(v == REST for v in day_routines.values()) and not problems:
        line, column = located.position(("days",))
        problems.append(Problem(name, line, column, _("days: every day is a rest day")))
    problems.extend(_check_weeks(programme, located, name))
    if routines:
        problems.extend(_check_changes(programme, routines, located, name))
    if problems:
        raise LoadError(problems)
    return LoadedProgramme(path or Path(name), programme, routines, day_routines)


def _check_weeks(programme: Programme, located: Located, name: str) -> Iterator[Problem]:
    previous = 0
    for index, change in enumerate(programme.changes):
        line, column = located.position(("changes", index, "week"))
        where = f"changes[{index}].week"
        if change.week <= previous:
            yield Problem(
                name,
                line,
                column,
                _(
                    "{where}: week {week} comes after week {previous}; "
                    "list the changes in week order, each week once"
                ).format(where=where, week=change.week, previous=previous),
            )
        elif change.week > programme.weeks:
            yield Problem(
                name,
                line,
                column,
                _("{where}: week {week} is past the end (the programme has {weeks} weeks)").format(
                    where=where, week=change.week, weeks=programme.weeks
                ),
            )
        previous = max(previous, change.week)


def _check_changes(
    programme: Programme, routines: dict[str, Routine], located: Located, name: str
) -> Iterator[Problem]:
    all_steps = [s for routine in routines.values() for s in _steps(routine)]
    labels = sorted({label for s in all_steps for label in _labels(s)})
    for index, change in enumerate(programme.changes):
        for step_name in change.steps:
            if not any(_matches(s, step_name) for s in all_steps):
                line, column = located.position(("changes", index, "steps", step_name), key=True)
                yield Problem(
                    name,
                    line,
                    column,
                    _(
                        "changes[{index}].steps: no step {step_name} in the programme's "
                        "routines{value}"
                    ).format(
                        index=index,
                        step_name=repr(step_name),
                        value=did_you_mean(step_name, labels),
                    ),
                )
                return
    # Every week must give valid steps (a change may leave one without its timing).
    for index, change in enumerate(programme.changes):
        for key, routine in routines.items():
            try:
                _apply_all(routine, programme.changes[: index + 1])
            except _ChangeError as exc:
                path = ("changes", index, "steps", exc.step)
                line, column = located.position(path)
                yield Problem(
                    name,
                    line,
                    column,
                    _(
                        "changes[{index}].steps.{step}: from week {week}, {message} "
                        "(in routine {key})"
                    ).format(
                        index=index,
                        step=exc.step,
                        week=change.week,
                        message=exc.message,
                        key=repr(key),
                    ),
                )
                return


# -- applying changes ------------------------------------------------------------------------


class _ChangeError(Exception):
    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step
        self.message = message


def _labels(step: Step) -> list[str]:
    return [x for x in (step.use, step.id, step.name) if x]


def _matches(step: Step, wanted: str) -> bool:
    return wanted.strip().lower() in {label.lower() for label in _labels(step)}


def _matches_any(step: Step, names: Iterable[str]) -> bool:
    return any(_matches(step, n) for n in names)


def _step_key(step: Step) -> str:
    return (step.use or step.id or step.name or "").lower()


def _steps(routine: Routine) -> Iterator[Step]:
    def walk(items: list[Step | RepeatGroup | Choice]) -> Iterator[Step]:
        for item in items:
            if isinstance(item, RepeatGroup):
                yield from walk(item.steps)
            elif isinstance(item, Choice):  # either/or: each option
                yield from item.choose
            else:
                yield item

    return walk(routine.steps)


def _apply_all(routine: Routine, changes: list[WeekChange]) -> Routine:
    if not changes:
        return routine

    def apply(items: list[Step | RepeatGroup | Choice]) -> list[Step | RepeatGroup | Choice]:
        result: list[Step | RepeatGroup | Choice] = []
        for item in items:
            if isinstance(item, RepeatGroup):
                result.append(item.model_copy(update={"steps": apply(item.steps)}))
                continue
            if isinstance(item, Choice):  # either/or: the change reaches each option
                options = [step for step in apply(list(item.choose)) if isinstance(step, Step)]
                result.append(item.model_copy(update={"choose": options}))
                continue
            for change in changes:
                for wanted, values in change.steps.items():
                    if _matches(item, wanted):
                        item = _apply(item, wanted, values)
            result.append(item)
        return result

    return routine.model_copy(update={"steps": apply(routine.steps)})


def _apply(step: Step, wanted: str, change: StepChange) -> Step:
    given = change.model_dump(exclude_unset=True)
    data = kept_under(step.model_dump(exclude_unset=True), given)
    data.update(given)
    try:
        return Step.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        message = str(error["msg"]).removeprefix("Value error, ")
        raise _ChangeError(wanted, message) from None


# -- describing ------------------------------------------------------------------------------


def _seconds(value: float) -> str:
    value = round(value)
    minutes, seconds = divmod(value, 60)
    if value < 120:
        return _("{seconds} s").format(seconds=value)
    if not seconds:
        return _("{minutes} min").format(minutes=minutes)
    return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=seconds)


def describe_step(step: Step) -> str:
    """A step's amount in a few words: ``4 × 30 s``, ``3 × 10, 10 s holds``, ``90 s each
    side``."""
    if step.reps is not None:
        text = (
            str(step.reps)
            if step.sets > 1
            else ngettext("{count} rep", "{count} reps", int(step.reps)).format(count=step.reps)
        )
        if step.hold:
            text = _("{reps}, {time} holds").format(reps=text, time=_seconds(step.hold))
    elif step.open is not None:
        text = _("up to {limit}, aim {target}").format(
            limit=_seconds(step.open.limit), target=_seconds(step.open.target)
        )
    elif step.breaths is not None:
        count = int(step.breaths)
        text = ngettext("{count} breath", "{count} breaths", count).format(count=step.breaths)
    else:
        text = _seconds(step.hold or step.duration or 0)
    if step.sets > 1:
        # Translators: sets × what each set is ("4 × 30 s")
        text = _("{sets} × {amount}").format(sets=step.sets, amount=text)
    if step.sides == "both":
        text = _("{amount} each side").format(amount=text)
    return text


# -- progress --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Today:
    """Where the user is in a programme on a day."""

    programme: str  # the programme's name
    week: int
    weeks: int
    routine: str | None  # routine key, None on a rest day
    routine_name: str | None
    summary: str  # what the changes make of it this week ("" on a rest day)
    since_last_week: list[str]
    finished: bool  # past the last week (the last week's session goes on)

    def label(self) -> str:
        """``Core and glutes, week 3 (Plank 4 × 30 s)``, or ``Rest day (week 3 of 6)``."""
        if self.routine_name is None:
            return _("Rest day (week {week} of {weeks})").format(week=self.week, weeks=self.weeks)
        week = (
            _("all {weeks} weeks done, week {week} again").format(weeks=self.weeks, week=self.week)
            if self.finished
            else _("week {week}").format(week=self.week)
        )
        if self.summary:
            return _("{routine}, {week} ({summary})").format(
                routine=self.routine_name, week=week, summary=self.summary
            )
        return _("{routine}, {week}").format(routine=self.routine_name, week=week)

    def to_json(self) -> dict[str, Any]:
        return {
            "programme": self.programme,
            "week": self.week,
            "weeks": self.weeks,
            "finished": self.finished,
            "rest_day": self.routine is None,
            "routine": self.routine,
            "routine_name": self.routine_name,
            "summary": self.summary,
            "since_last_week": self.since_last_week,
        }


@dataclass
class Progress:
    """The user's place in *programme*, begun on *start*, with *done* for completed sessions
    (when the programme progresses by sessions)."""

    programme: LoadedProgramme
    start: date
    done: DoneLog

    def week_on(self, day: date) -> tuple[int, bool]:
        """The week (from 1) on *day*, and whether the programme is finished by then."""
        weeks = self.programme.programme.weeks
        if day < self.start:
            return 1, False
        if self.programme.programme.progress == "calendar":
            week = (day - self.start).days // 7 + 1
        else:
            keys = set(self.programme.routines)
            per_week = max(1, self.programme.sessions_per_week)
            # Sessions before today decide today's week, asked for in one go; past the
            # programme's own length more do not matter (it is finished).
            days = sessions_done_between(self.done, self.start, day - timedelta(days=1))
            completed = min(sum(1 for done in days.values() if done & keys), weeks * per_week)
            week = completed // per_week + 1
        return min(week, weeks), week > weeks

    def today(self, day: date) -> Today:
        week, finished = self.week_on(day)
        key = self.programme.routine_on(day.weekday())
        routine = self.programme.routines.get(key) if key else None
        return Today(
            programme=self.programme.name,
            week=week,
            weeks=self.programme.programme.weeks,
            routine=key,
            routine_name=routine.name if routine else None,
            summary=self.programme.summary(key, week) if key else "",
            since_last_week=self.programme.since_last_week(key, week) if key else [],
            finished=finished,
        )
