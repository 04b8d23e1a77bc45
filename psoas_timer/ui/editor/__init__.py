"""The session builder: make, tune and share routines without touching YAML."""

from .editor_view import EditorView, EditorWindow
from .watcher import RoutineWatcher

__all__ = ["EditorView", "EditorWindow", "RoutineWatcher"]
