"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

With PySide6 6.12.0 on Python 3.11, every call of a Qt method that returns nothing (and every
Python override that returns None to Qt) takes one reference from ``None`` that it never gave;
we measured one per ``QWidget.setEnabled`` call. A window makes thousands of such calls a
minute, and when ``None``'s count reaches zero the interpreter aborts ("Fatal Python error:
none_dealloc"), usually at exit, sometimes mid-session. Python 3.12 made ``None``, ``True`` and
``False`` immortal, so there the bug is harmless. Until the project pins a PySide6 without it,
this gives those three objects a reference count no session can use up (2**40 calls).
"""

from __future__ import annotations

import ctypes
import sys

_SINGLETONS = (None, True, False)
_RESERVE = 1 << 40
_guarded = False


def affected() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import PySide6

    return PySide6.__version__.startswith("6.12.")


def guard_singleton_refcounts() -> bool:
    """Apply the guard once per process, only where the bug is; True when applied."""
    global _guarded
    if _guarded or not affected():
        return _guarded
    for singleton in _SINGLETONS:
        # ob_refcnt is the first field of every object in CPython 3.11 and earlier.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _guarded = True
    return True
