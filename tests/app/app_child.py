"""Run by test_crash_recovery.py as a separate process.

``edit PLAN``: start the real app on PLAN (the same `build_window` as `alignplanner PLAN`),
type a new conversion into the stage table's model the way its editor commits, wait for
the autosave, print "autosaved", then keep editing until killed.

``start``: start again the way the app does (`FileWorkflow.start`), with prompts that
accept the first recovery offered, and print what was offered and what is open.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from alignplanner.app import build_window
from alignplanner.ui.application import create_application


def edit(plan: str) -> None:
    create_application()
    window = build_window(Path(plan))
    assert window is not None
    model = window.stages.model
    column = next(c for c in range(model.columnCount())
                  if "onversion" in str(model.headerData(c, Qt.Orientation.Horizontal)))
    model.setData(model.index(1, column), 42.5, Qt.ItemDataRole.EditRole)
    autosaver = window.workflow.autosaver
    assert autosaver is not None
    deadline = time.monotonic() + 30
    while not autosaver.recovery_path.exists() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    print("autosaved", flush=True)
    n = 0
    while True:  # in the middle of editing, until killed
        n += 1
        window.document.edit("Change name", lambda p, n=n: p.with_changes(name=f"Edit {n}"))
        QApplication.processEvents()
        time.sleep(0.005)


class AcceptFirst:
    """Prompts that accept the first recovery and record what they were asked."""

    def __init__(self) -> None:
        self.offered: list[str] = []

    def ask_recover(self, recoveries: list[Any]) -> Any:
        self.offered = [r.name for r in recoveries]
        return recoveries[0]

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"unexpected question {name}")


def start() -> None:
    from alignplanner.document.settings import Settings
    from alignplanner.document.workflow import FileWorkflow

    create_application()
    prompts = AcceptFirst()
    workflow = FileWorkflow(prompts, Settings())  # type: ignore[arg-type]
    workflow.start(None)
    document = workflow.document
    assert document is not None
    print(f"offered={prompts.offered}", flush=True)
    print(f"conversion={document.plan.stages[1].conversion}", flush=True)
    print(f"modified={document.is_modified}", flush=True)
    print(f"path={document.path.name if document.path else None}", flush=True)
    document.undo_stack.setClean()
    workflow.close()


if __name__ == "__main__":
    if sys.argv[1] == "edit":
        edit(sys.argv[2])
    else:
        start()
