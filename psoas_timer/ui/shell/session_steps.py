"""The steps around a session, shown in the main window.

What comes next is decided by :class:`~psoas_timer.session.flow.SessionFlow` (Qt-free);
:class:`SessionSteps` only shows each step it returns (the safety notice, an either/or
question, the rating prompt, the player, the completion page, the offer to carry on) and
reports the user's answer back to it. It also draws the routine page's line about the
history, which the flow's answers change.

The history may open after the window is shown (see :mod:`.history_opening`): the offer to
carry on waits until the window is shown, the routines are listed and the history is open,
then comes on a later turn of the event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QStatusBar, QWidget

from psoas_timer.i18n import _, format_time
from psoas_timer.session.flow import SessionFlow, offers_ratings
from psoas_timer.session.steps import (
    Begin,
    Choice,
    Completion,
    Rating,
    Resume,
    Safety,
    Step,
)
from psoas_timer.ui.shell.window_parts import Page

if TYPE_CHECKING:
    from psoas_timer.core.catalog import Catalog, Entry
    from psoas_timer.core.engine import SessionRecord
    from psoas_timer.history import Area
    from psoas_timer.session.flow import FlowPreferences
    from psoas_timer.session.recording import HistoryLink
    from psoas_timer.ui.library.routine_view import RoutineView
    from psoas_timer.ui.player.completion_view import CompletionView
    from psoas_timer.ui.player.player_view import PlayerView
    from psoas_timer.ui.player.session_controller import SessionController
    from psoas_timer.ui.progress.rating_prompt import RatingPrompt
    from psoas_timer.ui.shell.choice_dialog import ChoiceDialog
    from psoas_timer.ui.shell.safety_dialog import SafetyDialog
    from psoas_timer.ui.shell.window_parts import Services

__all__ = ["SessionPages", "SessionSteps", "StepsHost", "resume_place"]


def resume_place(offer: Resume) -> str:
    """Where a session carries on, as the question names it: ``"Psoas release, right
    side"``, with ``", set 2 of 3"`` when the step has several sets."""
    step = offer.step or ""
    if offer.side == "left":
        place = _("{step}, left side").format(step=step)
    elif offer.side == "right":
        place = _("{step}, right side").format(step=step)
    else:
        place = step
    if offer.sets > 1:
        place = _("{place}, set {set} of {sets}").format(
            place=place, set=offer.set, sets=offer.sets
        )
    return place


class StepsHost(Protocol):
    """What the steps need of the window that shows them."""

    @property
    def entry(self) -> Entry | None: ...

    @property
    def catalog(self) -> Catalog | None: ...

    def go(self, page: Page) -> None: ...

    def open_entry(
        self, entry: Entry, *, remember: bool = True, changes: list[str] | None = None
    ) -> None: ...

    def statusBar(self) -> QStatusBar: ...


@dataclass(frozen=True)
class SessionPages:
    """The pages the steps are shown on."""

    routine: RoutineView
    rating: RatingPrompt
    player: PlayerView
    completion: CompletionView


class SessionSteps(QObject):
    """Shows the :class:`SessionFlow`'s steps on *pages* of *host* (the parent of its
    dialogs, *parent*) and runs each session on *controller*."""

    def __init__(
        self,
        host: StepsHost,
        parent: QWidget,
        *,
        pages: SessionPages,
        controller: SessionController,
        services: Services,
        preferences: FlowPreferences,
        history: HistoryLink,
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._parent = parent
        self._pages = pages
        self._controller = controller
        self._services = services
        self._prefs = preferences
        self.flow = SessionFlow(
            preferences,
            history,
            entry=lambda: host.entry,
            active=lambda: controller.active,
            catalog=lambda: host.catalog,
            clock=controller.clock,
        )
        self.safety_dialog: SafetyDialog | None = None
        self.choice_dialog: ChoiceDialog | None = None
        #: The window is closing: a session stopped now shows no rating nor completion.
        self._closing = False
        #: The session the completion page shows (a check-in made there follows it).
        self._last_session: str | None = None
        self.checkin_dialog: QDialog | None = None

    def connect_signals(self) -> None:
        self._pages.completion.checkin_requested.connect(self.open_checkin)
        self._pages.completion.checkin_turned_off.connect(self._on_checkin_turned_off)
        self._pages.rating.accepted.connect(self._on_rating_accepted)
        self._pages.rating.skipped.connect(self._on_rating_skipped)
        self._pages.routine.ratings_toggled.connect(self._on_routine_ratings_toggled)
        self._controller.session_created.connect(self.flow.session_made)
        self._controller.ended.connect(self._on_ended)

    # -- what the window reports ---------------------------------------------------------
    def start(self) -> None:
        """Start the open routine (after the notice, questions and rating that apply)."""
        self.show(self.flow.start())

    def keeps_open(self) -> bool:
        """The window is asked to close while a session runs: True when the user would
        rather carry on (the window stays open)."""
        return self._controller.active and not self._services.ask(
            self._parent,
            _("Stop the session?"),
            _("A session is running. Stop it and close Psoas Timer?"),
        )

    def stop_for_closing(self) -> None:
        """The window closes: silence the cues and end a running session, with no rating
        nor completion after it (what was done is recorded as ever)."""
        if not self._controller.active:
            return
        self._services.audio.stop_all()
        self._closing = True
        try:
            self._controller.stop()
        finally:
            self._closing = False

    def after_shown(self) -> None:
        """The window is on screen: the first run's notice; then the offer to carry on."""
        self.show(self.flow.shown())
        self.maybe_offer_resume()

    def on_history_opened(self) -> None:
        """The history has just been opened: draw what shows it, and offer to carry on."""
        self.show_routine_history()
        self.maybe_offer_resume()

    def maybe_offer_resume(self) -> None:
        """Offer to carry on (once, on a later turn) when the flow says it is time."""
        if self.flow.resume_due():
            QTimer.singleShot(0, self, self.offer_resume)

    def offer_resume(self) -> None:
        """Offer to carry on a session the app never saw end."""
        self.show(self.flow.offer_resume())

    def leave_rating(self) -> None:
        """The window goes elsewhere (a rating being asked is dropped or closed)."""
        self.flow.left_rating()

    # -- what the flow asks to show ------------------------------------------------------
    def show(self, step: Step | None) -> None:
        """Show *step* (None: nothing new to show)."""
        if isinstance(step, Safety):
            self._show_safety()
        elif isinstance(step, Choice):
            self._ask_choice(step)
        elif isinstance(step, Rating):
            self._ask_rating(step)
        elif isinstance(step, Begin):
            self._begin(step)
        elif isinstance(step, Completion):
            self._complete(step)
        elif isinstance(step, Resume):
            self._offer(step)

    def _show_safety(self) -> None:
        from psoas_timer.ui.shell.safety_dialog import SafetyDialog

        if self.safety_dialog is not None:
            return
        self.safety_dialog = SafetyDialog(self._parent)
        self.safety_dialog.finished.connect(self._on_safety_dialog_finished)
        self.safety_dialog.open()

    def _on_safety_dialog_finished(self, result: int) -> None:
        dialog, self.safety_dialog = self.safety_dialog, None
        assert dialog is not None
        dismissed = dialog.dismissed
        dialog.deleteLater()
        self.show(self.flow.safety_closed(result == 1, dismissed=dismissed))

    def _ask_choice(self, step: Choice) -> None:
        from psoas_timer.ui.shell.choice_dialog import ChoiceDialog

        dialog = ChoiceDialog(step.choice, step.marked, self._parent)
        self.choice_dialog = dialog

        def answered(result: int) -> None:
            self.choice_dialog = None
            dialog.deleteLater()
            self.show(self.flow.chose(dialog.chosen if result == 1 else None))

        dialog.finished.connect(answered)
        dialog.open()

    def _ask_rating(self, step: Rating) -> None:
        entry = self._host.entry
        assert entry is not None
        assert entry.routine is not None
        rating = self._pages.rating
        rating.ask(entry.routine.name, step.moment, step.areas)
        self._host.go(Page.RATING)
        if rating.fields:
            rating.fields[0].setFocus()

    def _on_rating_accepted(self, scores: dict[Area, int], note: str) -> None:
        dont_ask = self._pages.rating.dont_ask.isChecked()
        step = self.flow.rated(scores, note, dont_ask=dont_ask)
        self._rating_answered(step, dont_ask)

    def _on_rating_skipped(self) -> None:
        dont_ask = self._pages.rating.dont_ask.isChecked()
        self._rating_answered(self.flow.rating_skipped(dont_ask=dont_ask), dont_ask)

    def _rating_answered(self, step: Step | None, dont_ask: bool) -> None:
        if dont_ask:
            self.show_routine_history()  # its switch is off now
        self.show(step)

    def _begin(self, step: Begin) -> None:
        if self._host.entry is not step.entry:  # an interrupted session, carried on
            self._host.open_entry(step.entry, remember=False)
        self._services.audio.warm_up()
        self._pages.player.set_plan(step.plan)
        self._host.go(Page.PLAYER)
        self._controller.begin(step.plan, step.at)

    def _on_ended(self, record: SessionRecord) -> None:
        self._pages.player.stop()
        plan = self._controller.plan
        self.show(self.flow.ended(plan, record, closing=self._closing))

    def _complete(self, step: Completion) -> None:
        from psoas_timer.ui.progress.words import after_lines, change_lines, since_start_lines

        completion = self._pages.completion
        if step.plan is not None and step.record is not None:
            completion.show_record(step.plan, step.record)
        after: list[str] = []
        change: list[str] = []
        if step.detail is not None:
            after = after_lines(step.detail)
            change = change_lines(step.detail, step.previous)
        started: list[str] = []
        if step.detail is not None:
            started = since_start_lines(step.since_start, step.detail.summary.local_date)
        completion.set_section("after", _("How it feels now"), after)
        completion.set_section("change", _("Since last time"), change)
        completion.set_section("since_start", _("Since you started"), started)
        completion.set_section("unsaved", _("Not saved"), [step.unsaved] if step.unsaved else [])
        if step.detail is not None:
            from psoas_timer.history.pain_rise import rises
            from psoas_timer.ui.player.completion_view import pain_rose_lines

            rose = rises(step.detail.ratings_at("before"), step.detail.ratings_at("after"))
            safety = (
                [line for run in step.plan.steps for line in run.step.safety]
                if (step.plan is not None)
                else []
            )
            completion.warn_pain_rose(pain_rose_lines(rose, safety))
        completion.set_chart(step.chart)
        completion.set_checkin_offer(step.checkin_due, first=step.first_checkin)
        self._last_session = step.detail.id if step.detail is not None else None
        self.show_routine_history()
        self._host.go(Page.COMPLETION)

    def open_checkin(self) -> None:
        """The weekly check-in, for the session just ended."""
        from psoas_timer.ui.progress.checkin_dialog import CheckInDialog

        store = self.flow.history.store
        if store is None:
            return
        dialog = CheckInDialog(store, self._last_session, self._parent)
        self.checkin_dialog = dialog
        dialog.accepted.connect(lambda: self._pages.completion.set_checkin_offer(False))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_checkin_turned_off(self) -> None:
        from psoas_timer.history.checkin import set_checkins_offered

        store = self.flow.history.store
        if store is not None:
            set_checkins_offered(store, False)

    def _offer(self, step: Resume) -> None:
        from psoas_timer.ui.progress.words import day_words

        day = day_words(step.started.date(), step.today)
        when = _("{day} at {time}").format(day=day, time=format_time(step.started))
        name = step.name
        if step.step is None:
            if step.missing:
                text = _(
                    "{routine}, started {when}, did not finish. It cannot be carried on "
                    "because it is no longer there, so it is kept as it was, interrupted."
                )
            else:
                text = _(
                    "{routine}, started {when}, did not finish. It cannot be carried on "
                    "because its file has changed since, so it is kept as it was, interrupted."
                )
            self._services.inform(
                self._parent,
                _("A session was interrupted"),
                text.format(routine=name, when=when),
            )
            return
        question = _(
            "{routine}, started {when}, did not finish (the app closed or the computer "
            "stopped).\n\nCarry on from {step}?\n\nEnter carries on; Esc keeps it as it "
            "was, interrupted."
        ).format(routine=name, when=when, step=resume_place(step))
        if not self._services.ask(self._parent, _("Carry on where you left off?"), question):
            self.flow.resume_answered(False)
            self._host.statusBar().showMessage(
                _("{routine} is kept as it was, interrupted.").format(routine=name), 15000
            )
            return
        self.show(self.flow.resume_answered(True))

    # -- the routine page's history line -------------------------------------------------
    def show_routine_history(self) -> None:
        """The open routine's last session, and its ratings switch, on its page."""
        from psoas_timer.ui.progress.words import last_done_line

        entry, store = self._host.entry, self.flow.history.store
        if entry is None or entry.routine is None:
            return
        routine, page = entry.routine, self._pages.routine
        if store is None:
            page.set_history("")
            page.set_ratings_choice(False, False)
            return
        page.set_history(last_done_line(store.last_done(routine.name), store.wall().date()))
        page.set_ratings_choice(offers_ratings(routine), self._prefs.routine_ratings(routine.name))

    def _on_routine_ratings_toggled(self, on: bool) -> None:
        self.flow.set_ratings(on)
