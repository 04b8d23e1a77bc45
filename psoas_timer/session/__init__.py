"""What happens around a session, Qt-free: the steps from Start to the completion page.

- :class:`~.flow.SessionFlow` (``flow.py``): given what the user did, the next step to show.
- ``steps.py``: those steps as data (:class:`~.steps.Safety`, :class:`~.steps.Choice`,
  :class:`~.steps.Rating`, :class:`~.steps.Begin`, :class:`~.steps.Completion`,
  :class:`~.steps.Resume`).
- :class:`~.recording.HistoryLink` (``recording.py``): records each session and its ratings.
- :class:`~.early_release.EarlyRelease` (``early_release.py``): ending an open hold before
  its minimum takes a second press; the flow keeps it for each session
  (:meth:`~.flow.SessionFlow.release_pressed`).

It may use the core and the history; the window (``psoas_timer.ui``) shows its steps.
"""
