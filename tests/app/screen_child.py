"""Run by test_screen_fit.py in a process whose only screen is a 1280x720 projector.

Starts the app on the sample plan, opens every tab and the undo history, enters
presentation mode with the editors shown (F6), brings every editor tab forward with
every chart tab and prints, as one line of JSON, the window sizes seen, the largest
minimum size the window asked for, and every widget out of reach.
"""

from __future__ import annotations

import json
import os

from PySide6.QtWidgets import QApplication
from screen_reach import beyond_reach, every_tab

from alignplanner.app import build_window
from alignplanner.ui.application import create_application


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def main() -> None:
    create_application()
    window = build_window(None)
    assert window is not None
    settle()
    for _ in every_tab(window):
        settle()
    window.history_dock.show()
    window.presentation.set_active(True)
    window.presentation.toggle_editors()
    settle()
    sizes, problems, views = set(), [], 0
    widest, tallest = 0, 0
    for shown in every_tab(window):
        settle()
        views += 1
        sizes.add(window.size().toTuple())
        hint = window.minimumSizeHint()
        widest, tallest = max(widest, hint.width()), max(tallest, hint.height())
        problems += [f"{shown}: {line}" for line in beyond_reach(window)]
    window.presentation.set_active(False)
    window.document.undo_stack.setClean()
    window.close()
    pairs = window.editor_tabs.count() * window.chart_tabs.count()
    print(json.dumps({"views": views, "pairs": pairs, "sizes": sorted(sizes),
                      "largest_minimum": [widest, tallest], "problems": problems}), flush=True)
    os._exit(0)  # tearing PySide down at exit can crash; everything is said


if __name__ == "__main__":
    main()
