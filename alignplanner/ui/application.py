"""The desktop app's process: the QApplication, how Python's cycle collector runs beside
the event loop, and a throwaway settings folder for checks that must not touch the
user's."""

from __future__ import annotations

import functools
import os
import sys
from typing import TYPE_CHECKING

from alignplanner import __version__

if TYPE_CHECKING:
    import tempfile

APP_NAME = "AlignPlanner"


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
    which cost about 0.5 ms an edit on the stress plan instead of saving any.

    Python's automatic cycle collection is off from here: start-up makes hundreds of
    thousands of objects that all live as long as the app, and the collector walked them
    again and again (some 45 ms before the first paint, for a few hundred objects of
    garbage). `collect_between_edits` hands collection to the event loop once the window
    is up. In a process that already has its QApplication (a test's), nothing changes."""
    import gc

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    gc.disable()
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
