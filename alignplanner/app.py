"""Composition root of the desktop app: arguments, QApplication, file workflow, window.

The start is staged (qutebrowser's earlyinit): arguments are read before Qt is imported,
so `--version` and argument errors cost nothing; then the application, the settings and
the file workflow; then the window, on the plan the workflow chose (a crash recovery,
the file given, or an untitled copy of the sample plan).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from alignplanner import __version__

if TYPE_CHECKING:
    import argparse

    from alignplanner.ui.main_window import MainWindow


def parse_args(argv: list[str]) -> argparse.Namespace:
    import argparse  # here, not at the top: opening a window needs no argument parser

    parser = argparse.ArgumentParser(
        prog="alignplanner",
        description="AlignPlanner: design one revenue funnel for marketing and sales. "
        "Without FILE the app opens on the built-in sample plan. Command-line verbs: "
        "alignplanner compute|validate|export|simulate|sign|verify|enrol|signers FILE, "
        "alignplanner diff A B, alignplanner merge [BASE] OURS THEIRS, alignplanner review "
        "PLAN, alignplanner actuals MAPPING (see, for instance, alignplanner compute --help).",
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
    missing = no_display(os.environ, sys.platform)
    if missing is not None:
        print(missing, file=sys.stderr)
        return 1
    from alignplanner.ui.application import create_application

    app = create_application()
    window = build_window(args.file, presentation=args.presentation)
    if window is None:
        return 1
    return int(app.exec())  # type: ignore[attr-defined]


def no_display(environ: Mapping[str, str], platform: str) -> str | None:
    """Why the window cannot be shown (a Linux session without a display, where Qt would
    abort the process), or None. An explicit ``QT_QPA_PLATFORM`` is left to Qt."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return ("alignplanner: no display to show the window on (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set). Run it in a desktop session, or use a command-line "
            "verb such as: alignplanner validate FILE (alignplanner --help lists them).")


def build_window(path: Path | None, *, presentation: bool = False) -> MainWindow | None:
    """The staged start after the QApplication exists: settings, file workflow (a crash
    recovery, else ``path``, else an untitled sample plan), then the shown main window."""
    from alignplanner.document.settings import Settings
    from alignplanner.document.workflow import FileWorkflow
    from alignplanner.ui.application import collect_between_edits
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
