"""The main window: assembles panels, charts and menus; features live in their own modules.

Left, the funnel designer (stages, target, sources, pipeline); right, the headline
numbers, the charts and the warnings. The other features (SLAs and the team, the
agreement) are installed on a `Workbench`, the window's places for them; the window is
built on the workflow's one document and hands it to every view once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document import settings as keys
from alignplanner.document.document import PlanDocument
from alignplanner.document.workflow import FileWorkflow
from alignplanner.domain.scenarios.scenario import BASE
from alignplanner.ui import actions as menus
from alignplanner.ui import (
    actuals,
    agreement,
    merge,
    review,
    scenarios,
    sla,
    theme,
    uncertainty,
    wording,
)
from alignplanner.ui.charts.waterfall import WaterfallChart
from alignplanner.ui.editors.stage_table import StagePanel
from alignplanner.ui.kpi_strip import KpiStrip
from alignplanner.ui.lazy import LazyView
from alignplanner.ui.presentation import Presentation
from alignplanner.ui.scroll_tabs import ScrollingTabs
from alignplanner.ui.stage_details import StageDetails
from alignplanner.ui.warnings_panel import WarningsPanel
from alignplanner.ui.workbench import Workbench

if TYPE_CHECKING:  # the hidden tabs' modules are imported when a tab is first shown
    from alignplanner.contract.exports import Format
    from alignplanner.ui.charts.by_source import SourceChart
    from alignplanner.ui.charts.timeline import TimelineChart
    from alignplanner.ui.editors.pipeline_panel import PipelinePanel
    from alignplanner.ui.editors.sources_panel import SourcesPanel
    from alignplanner.ui.editors.target_panel import TargetPanel


STAGE_SUBJECT = re.compile(r"^stages\[(\d+)\]")


class MainWindow(QMainWindow):
    def __init__(self, workflow: FileWorkflow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workflow = workflow
        self.settings = workflow.settings
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")
        document = workflow.document
        assert document is not None, "the workflow opens a plan before the window is built"
        self._document = document
        self._build_views(document)
        self._build_layout()
        self.menu_actions = menus.build(self, self.menuBar(), self, document.undo_stack)
        self._build_history(document)
        self.bench = Workbench(
            document, workflow.prompts, workflow.settings, window=self,
            editor_tabs=self.editor_tabs, chart_tabs=self.chart_tabs,
            add_headline=self.kpis.add_figure, file_menu=self.menu_actions.file_menu,
            file_group_end=self.menu_actions.file_group_end)
        for view in (self.waterfall, self.timeline, self.by_source, self.warnings):
            self.bench.follow_theme(view)
        self.bench.on_subject(self._show_subject)
        self.sla = sla.install(self.bench)
        self.agreement = agreement.install(self.bench)
        self.actuals = actuals.install(self.bench)
        self.merge = merge.install(self.bench)
        self.review = review.install(self.bench, self.actuals)
        self.scenarios = scenarios.install(self.bench)
        self.uncertainty = uncertainty.install(self.bench)
        self.theme_mode = "system"
        self.presentation = Presentation(self, split=self.main_split, editors=self.editor_tabs,
                                         action=self.menu_actions.presentation,
                                         restyle=self.apply_theme)
        self.warnings.subjectActivated.connect(self.bench.show_subject)
        self.menu_actions.recent_menu.aboutToShow.connect(self._fill_recent)
        self.history_dock.visibilityChanged.connect(self.menu_actions.history.setChecked)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self._follow_system())
        document.modifiedChanged.connect(self.setWindowModified)
        document.pathChanged.connect(lambda _path: self._update_title())
        document.planChanged.connect(lambda _change: self._update_title())
        document.currentScenarioChanged.connect(lambda _name: self._update_title())
        self.setWindowModified(document.is_modified)
        self._update_title()
        self.resize(1600, 960)
        self._restore_layout()
        self.set_theme_mode(self.settings.get(keys.THEME), save=False)

    def _build_views(self, document: PlanDocument) -> None:
        self.kpis = KpiStrip(document)
        self.waterfall = WaterfallChart(document)
        self.timeline: LazyView[TimelineChart] = LazyView(document, _timeline)
        self.by_source: LazyView[SourceChart] = LazyView(document, _by_source)
        self.warnings = WarningsPanel(document)
        self.stages = StagePanel(document)
        self.stage_details = StageDetails(document)
        self.target: LazyView[TargetPanel] = LazyView(document, _target)
        self.sources: LazyView[SourcesPanel] = LazyView(document, _sources)
        self.pipeline: LazyView[PipelinePanel] = LazyView(document, _pipeline)

    def _build_layout(self) -> None:
        """Editors left; headline numbers, charts and warnings right."""
        self.editor_tabs = ScrollingTabs()
        self.editor_tabs.setObjectName("editorTabs")
        self.funnel_split = QSplitter(Qt.Orientation.Vertical)
        self.funnel_split.addWidget(self.stages)
        self.funnel_split.addWidget(self.stage_details)
        self.funnel_split.setStretchFactor(0, 3)
        self.funnel_split.setStretchFactor(1, 2)
        self.stages.table.selectionModel().currentRowChanged.connect(self._stage_selected)
        for widget, title in ((self.funnel_split, "&Funnel"), (self.target, "&Target"),
                              (self.sources, "S&ources"), (self.pipeline, "&Pipeline")):
            self.editor_tabs.add_page(widget, title)
        self.chart_tabs = ScrollingTabs()
        self.chart_tabs.setObjectName("chartTabs")
        for chart, label in ((self.waterfall, "Waterfall"), (self.timeline, "By month"),
                             (self.by_source, "By source")):
            self.chart_tabs.add_page(chart, label, scrolls=False)
        results = QWidget()
        column = QVBoxLayout(results)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.kpis)
        self.result_split = QSplitter(Qt.Orientation.Vertical)
        self.result_split.addWidget(self.chart_tabs)
        self.result_split.addWidget(self.warnings)
        self.result_split.setStretchFactor(0, 4)
        self.result_split.setStretchFactor(1, 1)
        column.addWidget(self.result_split, 1)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.editor_tabs)
        self.main_split.addWidget(results)
        self.main_split.setStretchFactor(0, 5)
        self.main_split.setStretchFactor(1, 6)
        self.setCentralWidget(self.main_split)

    def _build_history(self, document: PlanDocument) -> None:
        self.history_view = QUndoView(document.undo_stack)
        self.history_view.setEmptyLabel("Plan as opened")
        self.history_dock = QDockWidget("Undo history", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()

    # -- document -------------------------------------------------------------------

    @property
    def document(self) -> PlanDocument:
        """The window's one document (the workflow loads every plan opened into it)."""
        return self._document

    def _update_title(self) -> None:
        document = self.document
        shown = document.current_scenario
        said = "" if shown == BASE else f" ({wording.scenario_badge(shown)})"
        self.setWindowTitle(
            f"{document.display_name}[*] — {document.plan.name}{said} — AlignPlanner")
        self.setWindowFilePath(str(document.path) if document.path else "")

    def _show_subject(self, subject: str) -> bool:
        """A warning was clicked: show the stage or field of the funnel it concerns."""
        plan = self.document.plan
        at = STAGE_SUBJECT.match(subject)
        if at is not None and int(at.group(1)) < len(plan.stages):
            subject = plan.stages[int(at.group(1))].id
        if subject in plan.stage_ids:
            self.editor_tabs.setCurrentWidget(self.funnel_split)
            self.stages.select_stage(subject)
        elif subject == "stages" or subject.startswith("stages."):
            self.editor_tabs.setCurrentWidget(self.funnel_split)
        elif subject.startswith("sources."):
            self.editor_tabs.setCurrentWidget(self.sources)
        elif subject.startswith("pipeline"):
            self.editor_tabs.setCurrentWidget(self.pipeline)
        elif subject.startswith(("plan.", "target.", "pre_plan")):
            self.chart_tabs.setCurrentWidget(self.timeline)
        else:
            return False
        return True

    def _stage_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        stages = self.document.plan.stages
        if current.isValid() and current.row() < len(stages):
            self.stage_details.set_stage(stages[current.row()].id)

    # -- file actions (the workflow asks the questions) -------------------------------

    def file_new(self) -> None:
        self.workflow.new_blank()

    def file_new_from_sample(self) -> None:
        self.workflow.new_from_sample()

    def file_open(self, path: Path | None = None) -> None:
        self.workflow.open(path)

    def file_save(self) -> None:
        self.workflow.save()

    def file_save_as(self) -> None:
        self.workflow.save_as()

    def _fill_recent(self) -> None:
        menu = self.menu_actions.recent_menu
        menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.file_open(p))
        if not recent:
            menu.addAction("No recent plans").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_plan(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_plan(event)
        if path is not None:
            event.acceptProposedAction()
            self.file_open(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.workflow.close():
            event.ignore()
            return
        self.settings.set(keys.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(keys.WINDOW_STATE, bytes(self.saveState().data()))
        self.settings.set(keys.SPLITTER_STATE, bytes(self.main_split.saveState().data()))
        self.settings.sync()
        event.accept()

    def _restore_layout(self) -> None:
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        state = self.settings.get(keys.WINDOW_STATE)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        if state:
            self.restoreState(QByteArray(state))
        splitters = self.settings.get(keys.SPLITTER_STATE)
        if splitters:
            self.main_split.restoreState(QByteArray(splitters))
        else:  # first start: the funnel table readable beside the charts
            width = self.width()
            self.main_split.setSizes([round(width * 0.45), round(width * 0.55)])

    # -- view ------------------------------------------------------------------------

    def toggle_presentation(self) -> None:
        self.presentation.set_active(not self.presentation.active)

    def toggle_history(self) -> None:
        self.history_dock.setVisible(not self.history_dock.isVisible())

    def set_theme_mode(self, mode: str, *, save: bool = True) -> None:
        """"system", "light" or "dark"; remembered unless ``save`` is False."""
        self.theme_mode = mode
        for action in self.menu_actions.theme.actions():
            action.setChecked(action.data() == mode)
        if save:
            self.settings.set(keys.THEME, mode)
        self.apply_theme()

    def _follow_system(self) -> None:
        if self.theme_mode == "system":
            self.apply_theme()

    def apply_theme(self) -> None:
        current = theme.theme_for(self.theme_mode, presentation=self.presentation.active)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(theme.palette_for(current))
        self.bench.apply_theme(current)

    # -- export ----------------------------------------------------------------------

    def export_png(self) -> None:
        from alignplanner.ui import export  # only when exporting: it costs start-up time

        chart = self.chart_tabs.currentWidget()
        path = self.workflow.prompts.ask_export_path("PNG picture (*.png)", ".png")
        if path is not None and chart is not None:
            self._export(path, lambda: export.export_png(chart, path))

    def export_pdf(self) -> None:
        from alignplanner.ui import export

        path = self.workflow.prompts.ask_export_path("PDF document (*.pdf)", ".pdf")
        if path is not None:
            review = self.review.review  # None without actuals: the plan's page alone
            self._export(path, lambda: export.export_pdf_summary(self.document, path, review))

    def export_json(self) -> None:
        self._export_data("json", "JSON file (*.json)", ".json")

    def export_csv(self) -> None:
        self._export_data("csv", "CSV spreadsheet (*.csv)", ".csv")

    def _export_data(self, fmt: Format, file_filter: str, suffix: str) -> None:
        from alignplanner.contract import exports

        path = self.workflow.prompts.ask_export_path(file_filter, suffix)
        if path is not None:
            from alignplanner.contract.scenarios import agreed_export

            document = self.document
            plan, result, scenario = agreed_export(document.base, document.base_result,
                                                   document.scenarios)
            # the JSON contract carries the Monte Carlo's results with the file's seed
            self._export(path, lambda: exports.write(path, fmt, plan, result, document.extras,
                                                     scenario=scenario,
                                                     simulated=fmt == "json"))

    def _export(self, path: Path, write: Callable[[], object]) -> None:
        from alignplanner.contract.errors import os_reason

        try:
            write()
        except OSError as exc:
            self.workflow.prompts.show_error(
                "Export failed", f"{path.name} could not be written: {os_reason(exc)}.")

    def show_about(self) -> None:
        from alignplanner import __version__

        QMessageBox.about(self, "About AlignPlanner",
                          f"<b>AlignPlanner {__version__}</b><p>One revenue funnel for "
                          "marketing and sales: plan it, agree it, sign it.</p>")


def _dropped_plan(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml"):
            return Path(url.toLocalFile())
    return None


# -- the hidden tabs' views, imported when first shown (start-up time) -------------------


def _timeline(document: PlanDocument) -> TimelineChart:
    from alignplanner.ui.charts.timeline import TimelineChart

    return TimelineChart(document)


def _by_source(document: PlanDocument) -> SourceChart:
    from alignplanner.ui.charts.by_source import SourceChart

    return SourceChart(document)


def _target(document: PlanDocument) -> TargetPanel:
    from alignplanner.ui.editors.target_panel import TargetPanel

    return TargetPanel(document)


def _sources(document: PlanDocument) -> SourcesPanel:
    from alignplanner.ui.editors.sources_panel import SourcesPanel

    return SourcesPanel(document)


def _pipeline(document: PlanDocument) -> PipelinePanel:
    from alignplanner.ui.editors.pipeline_panel import PipelinePanel

    return PipelinePanel(document)
