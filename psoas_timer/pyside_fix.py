"""Keep None, True and False alive under PySide6 6.12 on Python 3.11 and older.

PySide6 6.12.0 returns ``None`` (and sometimes a bool) from void C++ methods without taking
a reference, as if they were immortal, which they are only from Python 3.12 on (PEP 683).
On 3.11 every ``widget.update()``, ``label.setText()``, ``setVisible()``... drops ``None``'s
count by one; after a few thousand calls (seconds of a running session) the interpreter
aborts with "none_dealloc: deallocating None". Giving these three objects a huge count makes
them as good as immortal, which is what the bindings assume. Nothing happens on 3.12+.
"""

from __future__ import annotations

import ctypes
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
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        if count.value < _BOOST:
            count.value += _BOOST
    return True
