"""The app survives many signal emits from Python (PySide6 6.12.0 on Python 3.11 would
abort after a few hundred without alignplanner.document.qtfix)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from alignplanner.document import qtfix


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
    assert not qtfix.emit_leaks_true()  # patched, or never needed
