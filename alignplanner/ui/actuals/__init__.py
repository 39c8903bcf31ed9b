"""Actuals in the app: File > Import actuals..., the mapping dialog, and what was read.

`install(bench)` adds the File menu action and the chart tab "Actuals" (built when first
shown). The dialog (`dialog`) reads the exports on a worker thread (`worker`); a good
import is kept here, as the feature's last result, and shown in the tab (`view`). The
plan is never changed by an import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.actuals.prompts import ActualsPrompts, DialogActualsPrompts
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:
    from alignplanner.ui.actuals.dialog import ImportDialog
    from alignplanner.ui.actuals.view import ActualsView
    from alignplanner.ui.actuals.worker import Imported

__all__ = ["ActualsFeature", "install"]


class ActualsFeature:
    """File > Import actuals… and the Actuals tab of one window (``window.actuals``)."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.prompts: ActualsPrompts = DialogActualsPrompts(bench.window)
        self.last: Imported | None = None
        self._listeners: list[Callable[[Imported], None]] = []
        self.dialog: ImportDialog | None = None
        self.view: LazyView[ActualsView] = LazyView(bench.document, self._make_view)
        bench.add_chart_tab(self.view, wording.ACTUALS_TAB, scrolls=True)  # tables and text
        bench.follow_theme(self.view)
        self.action = QAction(wording.IMPORT_ACTUALS, bench.window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.action.setStatusTip(wording.IMPORT_ACTUALS_TIP)
        self.action.triggered.connect(lambda _checked=False: self.open_dialog())
        bench.add_file_action(self.action)
        bench.document.planChanged.connect(lambda _change: self._plan_changed())
        bench.document.loaded.connect(lambda: self._plan_changed(loaded=True))

    def _make_view(self, document: PlanDocument) -> ActualsView:
        from alignplanner.ui.actuals.view import ActualsView

        view = ActualsView(document)
        view.import_button.clicked.connect(lambda _checked=False: self.open_dialog())
        if self.last is not None:
            view.show_import(self.last)
        return view

    def open_dialog(self) -> ImportDialog:
        """Show the import dialog: the one already open or closed earlier (the room's
        choices stay while the plan's stages do), else a new one."""
        from alignplanner.ui.actuals.dialog import ImportDialog

        if self.dialog is None:
            self.dialog = ImportDialog(self.bench.document, self.prompts, self.bench.window)
            self.dialog.imported.connect(self._imported)
        if self.dialog.isVisible():  # already open: bring it forward
            self.dialog.raise_()
        self.dialog.show()
        return self.dialog

    def _plan_changed(self, *, loaded: bool = False) -> None:
        """Another plan, or other stages: a dialog made for the old ones is dropped."""
        from alignplanner.ui.actuals.session import plan_stages

        dialog = self.dialog
        if dialog is None or dialog.job is not None:
            return
        if loaded or plan_stages(self.bench.document.plan).ids != dialog.stages.ids:
            dialog.close()
            dialog.deleteLater()
            self.dialog = None

    def on_imported(self, listener: Callable[[Imported], None]) -> None:
        """``listener`` is handed every good import from now on (the Review tab's)."""
        self._listeners.append(listener)

    def take(self, imported: Imported, *, show: bool = False) -> None:
        """``imported`` becomes the last import: the tab shows it (brought forward with
        ``show``) and every listener hears of it. Refresh actuals comes here too."""
        self.last = imported
        if show or self.view.built:
            self.view.view.show_import(imported)
        if show:
            self.bench.show_chart(self.view)
        for listener in self._listeners:
            listener(imported)

    def _imported(self, imported: Imported) -> None:
        self.take(imported, show=True)


def install(bench: Workbench) -> ActualsFeature:
    return ActualsFeature(bench)
