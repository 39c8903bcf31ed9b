"""File > Merge a copy… in the app: pick the other copy, BASE found from the plan's
history (or asked for), then the dialog (`dialog.MergeDialog`).

`install(bench)` adds the File menu action. Every question (which file, which base) goes
through the window's `Prompts`, so tests answer them without file dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from alignplanner.ui import wording
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.ui.merge.dialog import MergeDialog

__all__ = ["MergeFeature", "install"]


class MergeFeature:
    """File > Merge a copy… of one window (``window.merge``)."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.dialog: MergeDialog | None = None
        self.action = QAction(wording.MERGE_ACTION, bench.window)
        self.action.setStatusTip(wording.MERGE_TIP)
        self.action.triggered.connect(lambda _checked=False: self.open_dialog())
        bench.add_file_action(self.action)
        bench.document.loaded.connect(self._drop_dialog)

    def open_dialog(self, path: Path | None = None,
                    base: Path | None = None) -> MergeDialog | None:
        """Ask for the copy (unless given), find BASE (or ask for it), show the dialog."""
        from alignplanner.contract.errors import PlanFileError
        from alignplanner.document.merging import BaseNeeded, MergeSession
        from alignplanner.ui.merge.dialog import MergeDialog

        prompts = self.bench.prompts
        document = self.bench.document
        start = document.path.parent if document.path else None
        path = path or prompts.ask_open_path(start)
        if path is None:
            return None
        try:
            session = MergeSession.open(document, path, base)
            if isinstance(session, BaseNeeded):
                prompts.show_notice(wording.MERGE_TITLE, [wording.merge_ask_base(
                    session.message.rstrip("."))])
                base = prompts.ask_open_path(path.parent)
                if base is None:
                    return None
                session = MergeSession.open(document, path, base)
        except PlanFileError as exc:
            prompts.show_problems(f"{path.name} could not be merged",
                                  [str(p) for p in exc.problems])
            return None
        assert isinstance(session, MergeSession)
        self._drop_dialog()
        self.dialog = MergeDialog(session, self.bench.window)
        self.dialog.show()
        return self.dialog

    def _drop_dialog(self) -> None:
        """Another plan in the window: a merge begun on the old one ends."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def install(bench: Workbench) -> MergeFeature:
    return MergeFeature(bench)
