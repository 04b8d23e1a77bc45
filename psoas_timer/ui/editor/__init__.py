"""The session builder: make, tune and share routines without touching YAML.

Where its parts live:

- :mod:`.editor_view`: :class:`EditorView`, which puts the parts together and keeps them in
  step with the routine's document; :mod:`.editor_window`, the view in a window of its own;
- :mod:`.editor_actions`: the actions with their keys, the toolbar and the Routine menu, and
  which actions apply now; :mod:`.editor_layout`: where the parts sit;
- :mod:`.routine_details`: the routine's name, description, tags and defaults;
- :mod:`.step_list`: the steps of the list being edited (the routine's, or a repeat
  group's), and dragging them;
- :mod:`.selected_step`: the form of the selected step (:mod:`.step_form`, with
  :mod:`.cue_table`), repeat group (:mod:`.group_form`) or either/or (:mod:`.choice_form`);
  :mod:`.fields`, :mod:`.form_widgets` and :mod:`.choices` are what these forms share;
- :mod:`.edit_commands` and :mod:`.move_commands`: the edits made in the forms and the
  moves of a step, each one undoable change (:mod:`.document_edits`, :mod:`.step_moves`)
  recorded by :mod:`.undo`, made through :mod:`.edited_list` (what they see of the view);
- :mod:`.routine_check`: what the loader makes of the routine (its plan, or its problems),
  shown by :mod:`.timeline` and :mod:`.problems_panel`; :mod:`.problem_jump` leads from a
  problem to its step, placed by :mod:`.locations`;
- :mod:`.file_actions`: where the routine lives, and saving, importing, renaming...;
  :mod:`.new_routine`: what a new routine starts from; :mod:`.library_picker`: exercises
  from the library;
- :mod:`.play_commands`: Try step and Start routine.

No helper is handed the view: each declares the narrow Protocol it needs (as
:class:`~.file_actions.EditedRoutine` does), which the view satisfies.
"""

from .editor_view import EditorView
from .editor_window import EditorWindow
from .file_actions import CloseChoice

__all__ = ["CloseChoice", "EditorView", "EditorWindow"]
