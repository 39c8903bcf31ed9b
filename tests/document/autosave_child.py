"""Run by test_recovery.py as a separate process: a "window" that autosaves an edited plan
and then waits, until the test kills it.

Usage: python autosave_child.py RECOVERY_DIR ORIGINAL_PLAN REVENUE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from alignplanner.contract import reader
from alignplanner.document.autosave import Autosaver
from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import plan as plan_edits


def main(recovery_dir: str, original: str, revenue: str) -> None:
    app = QCoreApplication([])
    document = PlanDocument(reader.load(original).plan, Path(original))
    saver = Autosaver(document, Path(recovery_dir), 60_000)
    document.edit("Set revenue", lambda plan: plan_edits.set_target(plan, revenue=float(revenue)))
    saver.flush()
    print("autosaved", flush=True)
    time.sleep(120)  # until killed
    app.quit()


if __name__ == "__main__":
    main(*sys.argv[1:])
