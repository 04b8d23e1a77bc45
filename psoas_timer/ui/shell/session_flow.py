"""What happens around a session, from the routine page back to it.

The safety notice (once), the either/or steps' questions, the rating before, the session,
the rating after, and the completion page; and, once the window is shown, the offer to
carry on a session the app never saw end. The main window owns one :class:`SessionFlow`
and asks it to start; the flow draws on the window's pages, preferences and history, and
keeps the state between those steps (which moment is being rated, the record just ended,
where a carried-on session starts).

The history may open after the window is shown (see :mod:`.history_opening`): starting a
session opens it first, so the rating prompt is asked and the session recorded as ever, and
the offer to carry on waits until the window is shown, the routines are listed and the
history is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from psoas_timer.ui.shell.window_parts import Page

if TYPE_CHECKING:
    from psoas_timer.core.engine import Session, SessionRecord
    from psoas_timer.history import Area, Moment, Unfinished
    from psoas_timer.ui.shell.choice_dialog import ChoiceDialog
    from psoas_timer.ui.shell.main_window import MainWindow
    from psoas_timer.ui.shell.safety_dialog import SafetyDialog

__all__ = ["SessionFlow"]


class SessionFlow(QObject):
    """The steps around a session, for *window* (which owns it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self.safety_dialog: SafetyDialog | None = None
        self.choice_dialog: ChoiceDialog | None = None
        self._notice_shown = False
        self._pending_start = False
        #: Answers to the open routine's either/or steps, for the session about to start.
        self._picks: dict[int, int] | None = None
        # The segment the next session starts at (an interrupted one carried on).
        self._resume_at = 0
        self._rating_moment: Moment | None = None
        self._ended_record: SessionRecord | None = None
        self._resume_offered = False
        self._shown = False
        #: The window is closing: a session stopped now shows no rating nor completion.
        self.closing = False

    def connect_signals(self) -> None:
        w = self._w
        w.rating.accepted.connect(self._on_rating_accepted)
        w.rating.skipped.connect(self._on_rating_skipped)
        w.routine.ratings_toggled.connect(self._on_routine_ratings_toggled)
        w.progress.history_changed.connect(self._on_history_changed)
        w.controller.session_created.connect(self._on_session_created)
        w.routines_listed.connect(self._maybe_offer_resume)

    def after_shown(self) -> None:
        """The window is on screen: the safety notice the first time, then the offer to
        carry on an unfinished session (once, when the history is open too)."""
        if (
            not self._w.preferences.safety_seen
            and self.safety_dialog is None
            and not self._notice_shown
        ):
            self.show_safety_notice()
        self._shown = True
        self._maybe_offer_resume()

    def on_history_opened(self) -> None:
        """The history has just been opened: draw what shows it, and offer to carry on."""
        self.show_routine_history()
        self._maybe_offer_resume()

    def _maybe_offer_resume(self) -> None:
        """Offer to carry on (once) as soon as the window is shown, the routines are
        listed and the history is open."""
        w = self._w
        if self._resume_offered or not self._shown or w.catalog is None:
            return
        if not w.history.available:
            return
        self._resume_offered = True
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self, self.offer_resume)

    def start(self) -> None:
        """Start the open routine, after the safety notice where it applies."""
        from psoas_timer.core.safety import needs_release_notice

        if self._w.entry is None or self._w.entry.routine is None or self._w.controller.active:
            return
        self._w.open_history()  # started before it opened on its own: the rating and record
        if (
            needs_release_notice(self._w.entry.routine)
            and not self._w.preferences.safety_release_dismissed
            and not self._notice_shown
        ):
            self._pending_start = True
            self.show_safety_notice()
            return
        if self._w.entry.routine.choices() and self._picks is None:
            self._ask_choice(0, {})
            return
        self._resume_at = 0
        if self._rating_areas():
            self._ask_rating("before")
            return
        self._begin()

    def _begin(self) -> None:
        """Start the open routine's session now (from :attr:`_resume_at`), with the answers
        just given to its either/or steps, or else the last ones remembered for it (a
        session carried on after the app closed)."""
        from psoas_timer.core.plan import compile_plan

        if self._w.entry is None or self._w.entry.routine is None or self._w.controller.active:
            return
        choices = self._w.entry.routine.choices()
        picks, self._picks = self._picks, None
        if choices and picks is None:
            last = self._w.preferences.last_choices(str(self._w.entry.path))
            picks = {
                n: c.option_keys().index(last[n])
                for n, c in enumerate(choices)
                if n < len(last) and last[n] in c.option_keys()
            }
        plan = compile_plan(self._w.entry.routine, picks) if choices else self._w.entry.plan
        self._w.parts.services.audio.warm_up()
        self._w.player.set_plan(plan)
        self._w.go(Page.PLAYER)
        at, self._resume_at = self._resume_at, 0
        self._w.controller.begin(plan, at)

    def _ask_choice(self, number: int, picks: dict[int, int]) -> None:
        """Ask the routine's either/or step *number* (then the next), marking the last
        answer given for this routine, or the step's default; start once all are answered."""
        from psoas_timer.ui.shell.choice_dialog import ChoiceDialog

        assert self._w.entry is not None
        assert self._w.entry.routine is not None
        key = str(self._w.entry.path)
        choices = self._w.entry.routine.choices()
        choice = choices[number]
        last = self._w.preferences.last_choices(key)
        keys = choice.option_keys()
        marked = (
            keys.index(last[number])
            if number < len(last) and last[number] in keys
            else choice.default_index
        )
        dialog = ChoiceDialog(choice, marked, self._w)
        self.choice_dialog = dialog

        def answered(result: int) -> None:
            self.choice_dialog = None
            dialog.deleteLater()
            if result != 1:
                return  # back to the routine page, nothing started
            picks[number] = dialog.chosen
            if number + 1 < len(choices):
                self._ask_choice(number + 1, picks)
                return
            self._w.preferences.remember_choices(
                key, [c.option_keys()[picks[n]] for n, c in enumerate(choices)]
            )
            self._picks = picks
            self.start()

        dialog.finished.connect(answered)
        dialog.open()

    # -- the history ---------------------------------------------------------------------
    def _rating_areas(self) -> list[Area]:
        """The areas to rate for the open routine; none when it is not asked for."""
        from psoas_timer.history import routine_areas, wants_rating

        entry = self._w.entry
        if entry is None or entry.routine is None or not self._w.history.available:
            return []
        routine = entry.routine
        if not entry.path.is_file():  # a one-step trial from the editor is not recorded
            return []
        if not self._w.preferences.ratings_for(routine.name) or not wants_rating(routine):
            return []
        return routine_areas(routine)

    def _ask_rating(self, moment: Moment) -> None:
        assert self._w.entry is not None
        assert self._w.entry.routine is not None
        self._rating_moment = moment
        self._w.rating.ask(self._w.entry.routine.name, moment, self._rating_areas())
        self._w.go(Page.RATING)
        if self._w.rating.fields:
            self._w.rating.fields[0].setFocus()

    def _on_rating_accepted(self, scores: dict[Area, int], note: str) -> None:
        moment = self._rating_moment
        if moment is None:
            return
        self._w.history.rate(moment, scores, note)
        self._rating_done(moment)

    def _on_rating_skipped(self) -> None:
        if self._rating_moment is not None:
            self._rating_done(self._rating_moment)

    def _rating_done(self, moment: Moment) -> None:
        self._rating_moment = None
        if self._w.rating.dont_ask.isChecked() and self._w.entry is not None:
            routine = self._w.entry.routine
            if routine is not None:
                self._w.preferences.set_routine_ratings(routine.name, False)
                self.show_routine_history()
        if moment == "before":
            self._begin()
        else:
            self._show_completion()

    def leave_rating(self) -> None:
        """Going elsewhere from the rating prompt: before, the session is not started (its
        rating is dropped); after, the session's record is closed."""
        moment, self._rating_moment = self._rating_moment, None
        if moment == "before":
            self._w.history.forget_pending()
        elif moment == "after":
            self._ended_record = None
            self._w.history.finish()

    def _on_session_created(self, session: Session) -> None:
        entry = self._w.entry
        if entry is None or entry.routine is None:
            return
        path = entry.path if entry.path.is_file() else None
        if path is None:  # a trial of one step from the editor is not a session to keep
            self._w.history.forget_pending()
            return
        self._w.history.begin(session, entry.routine.name, path)

    def _show_completion(self) -> None:
        from psoas_timer.ui.progress.words import after_lines, change_lines

        record, self._ended_record = self._ended_record, None
        plan = self._w.controller.plan
        if plan is not None and record is not None:
            self._w.completion.show_record(plan, record)
        detail = self._w.history.finish()
        after: list[str] = []
        change: list[str] = []
        if detail is not None:
            after = after_lines(detail)
            change = change_lines(detail, self._w.history.previous())
        self._w.completion.set_section("after", "How it feels now", after)
        self._w.completion.set_section("change", "Since last time", change)
        self.show_routine_history()
        self._w.go(Page.COMPLETION)

    def show_routine_history(self) -> None:
        from psoas_timer.history import routine_areas, wants_rating
        from psoas_timer.ui.progress.words import last_done_line

        entry, store = self._w.entry, self._w.history.store
        if entry is None or entry.routine is None:
            return
        routine = entry.routine
        if store is None:
            self._w.routine.set_history("")
            self._w.routine.set_ratings_choice(False, False)
            return
        self._w.routine.set_history(
            last_done_line(store.last_done(routine.name), store.wall().date())
        )
        rated = wants_rating(routine) and bool(routine_areas(routine))
        self._w.routine.set_ratings_choice(rated, self._w.preferences.routine_ratings(routine.name))

    def _on_history_changed(self) -> None:
        self.show_routine_history()

    def _on_routine_ratings_toggled(self, on: bool) -> None:
        if self._w.entry is not None and self._w.entry.routine is not None:
            self._w.preferences.set_routine_ratings(self._w.entry.routine.name, on)

    def offer_resume(self) -> None:
        """Offer to carry on a session the app never saw end (a crash, a kill, a power
        cut): from the start of the set that was running, or keep it as it was."""
        self._w.open_history()
        store = self._w.history.store
        if store is None or self._w.controller.active or self._w.catalog is None:
            return
        self._resume_offered = True  # once: the window offers it of its own accord too
        unfinished = store.unfinished()
        if not unfinished:
            return
        newest, *older = unfinished
        for old in older:
            store.record_as_interrupted(old.session.id)
        self._offer(newest)

    def _offer(self, unfinished: Unfinished) -> None:
        from psoas_timer.ui.progress.words import day_words

        store = self._w.history.store
        assert store is not None
        assert self._w.catalog is not None
        summary = unfinished.session
        name = summary.routine.name
        file = summary.routine.file
        entry = self._w.catalog.find(file) if file else None
        if entry is None:
            entry = self._w.catalog.find(name)
        day = day_words(summary.started.date(), store.wall().date())
        when = f"{day} at {summary.started:%H:%M}"
        at = None
        if entry is not None and entry.routine is not None:
            at = self._w.history.resume_segment(entry.plan, unfinished, entry.path)
        if entry is None or entry.routine is None or at is None:
            store.record_as_interrupted(summary.id)
            why = "its file has changed since" if entry is not None else "it is no longer there"
            self._w.parts.services.inform(
                self._w,
                "A session was cut short",
                f"{name}, started {when}, did not finish. It cannot be carried on because "
                f"{why}, so it is kept as it was, stopped.",
            )
            return
        plan = entry.plan
        work = next((seg for seg in plan.segments[at:] if seg.is_work), plan.segments[at])
        step = plan.steps[work.step].name
        question = (
            f"{name}, started {when}, did not finish (the app closed or the computer "
            f"stopped).\n\nCarry on from {step}?\n\nEnter carries on; Esc keeps it as it "
            "was, stopped."
        )
        if not self._w.parts.services.ask(self._w, "Carry on where you left off?", question):
            store.record_as_interrupted(summary.id)
            self._w.statusBar().showMessage(f"{name} is kept as it was, stopped.", 15000)
            return
        self._w.open_entry(entry, remember=False)
        self._w.history.carry_on(unfinished)
        self._resume_at = at
        self._begin()

    def show_safety_notice(self) -> None:
        from psoas_timer.ui.shell.safety_dialog import SafetyDialog

        if self.safety_dialog is not None:
            return
        self.safety_dialog = SafetyDialog(self._w)
        self.safety_dialog.finished.connect(self._on_safety_dialog_finished)
        self.safety_dialog.open()

    def _on_safety_dialog_finished(self, result: int) -> None:
        dialog, self.safety_dialog = self.safety_dialog, None
        assert dialog is not None
        self._notice_shown = True
        self._w.preferences.safety_seen = True
        if dialog.dismissed:
            self._w.preferences.safety_release_dismissed = True
        dialog.deleteLater()
        start, self._pending_start = self._pending_start, False
        if start and result == 1:
            self.start()

    def on_ended(self, record: SessionRecord) -> None:
        self._w.player.stop()
        self._ended_record = record
        if self.closing:
            self._w.history.finish()
            return
        if self._w.history.recording and self._rating_areas():
            self._ask_rating("after")
            return
        self._show_completion()
