"""Keep None, True and False alive under PySide6 6.12 on Python 3.11 and older.

PySide6 6.12.0 returns ``None`` (and sometimes a bool) from void C++ methods without taking
a reference, as if they were immortal, which they are only from Python 3.12 on (PEP 683).
On 3.11 every ``widget.update()``, ``label.setText()``, ``setVisible()``... drops ``None``'s
count by one; after a few thousand calls (seconds of a running session) the interpreter
aborts with "none_dealloc: deallocating None". Giving these three objects a huge count makes
them as good as immortal, which is what the bindings assume. Nothing happens on 3.12+.
"""

from __future__ import annotations

import sys

__all__ = ["keep_singletons_alive"]

#: Enough for a billion over-releases a second for centuries; far below overflow.
_BOOST = 1 << 48


def keep_singletons_alive() -> bool:
    """Apply the fix where it is needed; returns whether it was applied.

    pyproject.toml excludes 6.12.0; this guards a machine that has it installed anyway.
    """
    import PySide6

    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if PySide6.__version__ != "6.12.0":
        return False
    import ctypes  # only here: it costs start-up a few milliseconds

    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        if count.value < _BOOST:
            count.value += _BOOST
    return True


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
