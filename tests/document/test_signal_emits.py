"""The installed PySide6 survives many signal emits from Python.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a
reference to it; on Python 3.11 (where ``True`` is not immortal) every emit lowers its
count, and after a few hundred CPython aborts ("Fatal Python error: bool_dealloc").
pyproject.toml excludes that release; this test fails the suite if another one brings
the bug back, instead of the app dying in a workshop.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)
    nothing = Signal()


def test_emits_from_python_leave_the_count_of_true_alone() -> None:
    emitter = _Emitter()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(5000):
        emitter.flag.emit(True)
        emitter.nothing.emit()
    received.clear()
    assert abs(sys.getrefcount(True) - before) < 50
