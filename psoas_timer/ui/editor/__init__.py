"""The session builder: make, tune and share routines without touching YAML."""

from .editor_view import EditorView
from .editor_window import EditorWindow
from .file_actions import CloseChoice

__all__ = ["CloseChoice", "EditorView", "EditorWindow"]
