"""Work around a reference-count bug of PySide6 6.12.0 that aborts the app.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without taking a reference
to it. On Python 3.11 (where ``True`` is not yet immortal, as it is from 3.12) every emit
from Python code therefore lowers the reference count of ``True`` by one; after a few
hundred emits it reaches zero and CPython aborts with "Fatal Python error: bool_dealloc".
Every edit emits signals from Python (PlanDocument, pyqtgraph on every pan and zoom), so
an unpatched app dies after a few minutes of use. PySide6 6.11.3 does not have the bug.

`apply()` tests for the bug with one emit on a throwaway object and, only if the count of
``True`` dropped, wraps ``emit`` to give the missing reference back. It is idempotent and
runs when `alignplanner.document` is imported, before any document or widget exists.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

__all__ = ["apply", "emit_leaks_true"]

_applied = False


class _Probe(QObject):
    ping = Signal()


_PROBE_EMITS = 8


def emit_leaks_true() -> bool:
    """True when an emit from Python lowers the reference count of ``True``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.ping.emit()
    # At least half of them: another thread touching True meanwhile cannot fake the drop.
    leaked = before - sys.getrefcount(True) >= _PROBE_EMITS // 2
    if leaked:
        for _ in range(_PROBE_EMITS):  # give back what the probe took
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return leaked


def apply() -> bool:
    """Patch ``SignalInstance.emit`` if this PySide6 needs it; True if it is patched."""
    global _applied  # noqa: PLW0603 (one process-wide patch, applied once)
    if _applied:
        return True
    if sys.version_info >= (3, 12) or not emit_leaks_true():
        return False
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _applied = True
    return True
