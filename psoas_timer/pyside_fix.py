"""A start-up patch for PySide6: its per-import check, made cheap.

(PySide6 6.12.0, which over-releases ``None`` on Python 3.11, is excluded in pyproject.toml
rather than patched here.)
"""

from __future__ import annotations

import sys

__all__ = ["quicken_import_hook"]


def quicken_import_hook() -> bool:
    """Make PySide's per-import check cheap; returns whether it was patched.

    Once PySide6 is imported, every later import goes through its hook, which decides whether
    the new module uses PySide (for the opt-in ``__feature__`` switches) by fetching the
    module's whole source through :func:`inspect.getsource` and searching it for "PySide6".
    That costs about a quarter of a millisecond a module: some 50 ms for the few hundred
    modules the app imports after Qt. This does the same search on the file's bytes, read
    directly, and leaves anything without a plain ``.py`` file to PySide's own check.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "_quick", False):
        return False

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside._quick = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a module, not typed)
    return True
