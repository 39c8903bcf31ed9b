"""Composition root of the desktop app: arguments, QApplication, file workflow, window.

The start is staged (qutebrowser's earlyinit): arguments are read before Qt is imported,
so `--version` and argument errors cost nothing; then the application, the settings and
the file workflow; then the window, on the plan the workflow chose (a crash recovery,
the file given, or an untitled copy of the sample plan).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from alignplanner import __version__

if TYPE_CHECKING:
    import argparse
    import tempfile

    from alignplanner.ui.main_window import MainWindow

APP_NAME = "AlignPlanner"


def parse_args(argv: list[str]) -> argparse.Namespace:
    import argparse  # here, not at the top: opening a window needs no argument parser

    parser = argparse.ArgumentParser(
        prog="alignplanner",
        description="AlignPlanner: design one revenue funnel for marketing and sales. "
        "Without FILE the app opens on the built-in sample plan. Command-line verbs: "
        "alignplanner compute|validate|export|sign|verify FILE and alignplanner diff A B "
        "(see, for instance, alignplanner compute --help).",
    )
    parser.add_argument("file", nargs="?", type=Path, help="plan file to open (.toml)")
    parser.add_argument("--self-test", action="store_true",
                        help="build the main window on the sample plan, paint it once, check "
                        "the engine, exit 0 (or 1 with the reason)")
    parser.add_argument("--presentation", action="store_true", help="start in presentation mode")
    parser.add_argument("--version", action="version", version=f"alignplanner {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from alignplanner.selftest import run

        return run()
    app = create_application()
    window = build_window(args.file, presentation=args.presentation)
    if window is None:
        return 1
    return int(app.exec())  # type: ignore[attr-defined]


def build_window(path: Path | None, *, presentation: bool = False) -> MainWindow | None:
    """The staged start after the QApplication exists: settings, file workflow (a crash
    recovery, else ``path``, else an untitled sample plan), then the shown main window."""
    from alignplanner.document.settings import Settings
    from alignplanner.document.workflow import FileWorkflow
    from alignplanner.ui.main_window import MainWindow
    from alignplanner.ui.prompts import DialogPrompts

    prompts = DialogPrompts(None)
    workflow = FileWorkflow(prompts, Settings())
    workflow.start(path.resolve() if path else None)
    if workflow.document is None:
        return None
    window = MainWindow(workflow)
    prompts.set_parent(window)  # shows a notice that came while the plan was opened
    window.show()
    if presentation:
        window.presentation.set_active(True)
    collect_between_edits()
    return window


@functools.cache  # one for the process, kept (its timer lives in it)
def collect_between_edits() -> object:
    """Python's cycle collector, run from a timer of the event loop instead of whenever
    allocations pass a threshold, which was often in the middle of an edit: a young
    collection took 0.2 ms and an older one 2 ms, about one edit in ten, and a full one
    60 ms (a dropped frame, every hundred edits or so). pyqtgraph's GarbageCollector
    checks the same thresholds once a second. What start-up made (Qt's wrappers, the
    window, the caches) is moved out of the collector's reach first (`gc.freeze`): it
    lives as long as the app, and a full collection no longer walks it. (No collection
    before: a full one here would hold the window's first paint back by tens of ms.)"""
    import gc

    from pyqtgraph.util.garbage_collector import GarbageCollector

    gc.freeze()
    return GarbageCollector(interval=1.0)


def create_application() -> object:
    """The QApplication, named so that settings land in the right place, Fusion style
    (draws the palette faithfully on every platform).

    Before numpy is loaded (the window's modules load it), its BLAS is kept to the one
    thread (unless the environment says otherwise): the engine's matrices are small, and
    on a laptop's two cores a second BLAS thread waited for work beside the Qt thread,
    which cost about 0.5 ms an edit on the stress plan instead of saving any."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0] if sys.argv else "alignplanner"])
    app.setStyle("Fusion")
    app.setApplicationDisplayName(APP_NAME)
    return app


def isolated_config() -> tempfile.TemporaryDirectory[str]:
    """A throwaway settings folder (self-test and packaging checks never touch the user's)."""
    import tempfile
    folder = tempfile.TemporaryDirectory(prefix="alignplanner-selftest-")
    os.environ["ALIGNPLANNER_CONFIG_DIR"] = folder.name
    return folder
