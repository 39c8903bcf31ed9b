"""The Uncertainty tab: how likely the plan (or a variant) is to reach its target, which
lever matters most, and what volume would make the target likely.

On top, P(hit) for the horizon in large type with the horizon's P10/P50/P90 and each
month's P(hit); below, the fan chart of monthly revenue over the plan line and the
tornado, with a switch between its two outcomes; then the table of every driver and the
volumes for 50/80/90% confidence. The numbers come from a `Runner` (worker.py): after
each change of the plan, the scenario, the settings or the outcome it reruns off the
window's thread; until the new numbers arrive the old ones stay, marked "updating…".
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.uncertainty.tornado import Outcome
from alignplanner.ui.uncertainty.fan import FanChart
from alignplanner.ui.uncertainty.figures import HitFigures
from alignplanner.ui.uncertainty.tables import DriverTable, VolumeTable
from alignplanner.ui.uncertainty.tornado_chart import TornadoChart
from alignplanner.ui.uncertainty.worker import Findings, Request, Runner
from alignplanner.ui.views import DocumentView
from alignplanner.ui.wording.uncertainty import (
    FAILED,
    OUTCOME_LABELS,
    OUTCOME_TIPS,
    SIMULATED_LABEL,
    SIMULATED_TIP,
    UNCERTAINTY_TITLE,
    UPDATING,
)

SIDE_BY_SIDE = 1100  # pixels of width from which the tornado stands beside the fan
STACKED_HEIGHT = 340  # at most, for each chart when they stand one below the other
_Key = tuple[int, object, object, str]  # what a run depends on (see `_key`)


class UncertaintyView(DocumentView):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None,
                 runner: Runner | None = None) -> None:
        super().__init__(document, parent)
        self.runner = runner or Runner(self)
        self.runner.setParent(self)
        self.setAccessibleName(UNCERTAINTY_TITLE)
        self.findings: Findings | None = None
        self._asked: _Key | None = None
        self.scenario = QLabel()  # the scenario shown in the window is the one simulated
        self.scenario.setToolTip(SIMULATED_TIP)
        self.outcome = QComboBox()
        for key, label in OUTCOME_LABELS.items():
            self.outcome.addItem(label, key)
            self.outcome.setItemData(self.outcome.count() - 1, OUTCOME_TIPS[key], 3)
        self.outcome.setToolTip(OUTCOME_TIPS["volume"])
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.figures = HitFigures()
        self.fan = FanChart(document)
        self.tornado = TornadoChart(document)
        self.drivers = DriverTable()
        self.volumes = VolumeTable()
        self.drivers.setMinimumHeight(150)
        self.volumes.setMinimumHeight(150)
        bar = QHBoxLayout()
        bar.addWidget(self.scenario)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Tornado:"))
        bar.addWidget(self.outcome)
        bar.addWidget(self.status, 1)
        charts = self.rows = (QBoxLayout(QBoxLayout.Direction.LeftToRight),
                              QBoxLayout(QBoxLayout.Direction.LeftToRight))
        charts[0].addWidget(self.fan, 3)
        charts[0].addWidget(self.tornado, 2)
        charts[1].addWidget(self.drivers, 5)
        charts[1].addWidget(self.volumes, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(bar)
        column.addWidget(self.figures)
        column.addLayout(charts[0], 3)
        column.addWidget(self.figures.month_strip)
        column.addLayout(charts[1], 1)
        self.runner.ready.connect(self._show)
        self.runner.failed.connect(self._failed)
        self.runner.started.connect(lambda _g: self._mark_updating())
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        document.scenariosChanged.connect(self._scenarios_changed)
        document.currentScenarioChanged.connect(self._scenarios_changed)
        self._name_scenario()
        self._bind()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The tornado beside the fan where there is room, below it where not."""
        wide = event.size().width() >= SIDE_BY_SIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        for row in self.rows:
            if row.direction() != direction:
                row.setDirection(direction)
        tallest = 16_777_215 if wide else STACKED_HEIGHT  # QWIDGETSIZE_MAX: no limit
        for chart in (self.fan, self.tornado):
            chart.setMaximumHeight(tallest)
        super().resizeEvent(event)

    # -- what to run ------------------------------------------------------------------------

    def chosen_outcome(self) -> Outcome:
        return "revenue" if self.outcome.currentData() == "revenue" else "volume"

    def chosen_scenario(self) -> str:
        """The scenario simulated: the one the window shows (its switcher picks it)."""
        return self.document.current_scenario

    def _key(self) -> _Key:
        """The plan, the chosen variant's own overrides (an edit of another variant
        changes nothing here), the settings and the outcome."""
        document = self.document
        try:
            variant: object = document.scenarios.get(self.chosen_scenario())
        except KeyError:
            variant = self.chosen_scenario()
        return (id(document.base), variant, document.uncertainty, self.chosen_outcome())

    def refresh(self) -> None:
        """Ask for a run when what it depends on changed (not on a theme change)."""
        key = self._key()
        if key == self._asked:
            return
        self._asked = key
        plan = self._plan()
        if plan is None:
            return
        document = self.document
        request = Request(plan, document.result if plan is document.plan else None,
                          document.uncertainty, self.chosen_outcome())
        self.runner.request(request, now=self.findings is None)
        self._mark_updating()

    def _plan(self) -> Plan | None:
        from alignplanner.contract.scenarios import plan_of

        try:
            return plan_of(self.document.base, self.document.scenarios, self.chosen_scenario())
        except (KeyError, PlanInvalid) as exc:
            self.status.setText(FAILED.format(reason=exc))
            return None

    def _outcome_changed(self, _index: int) -> None:
        self.outcome.setToolTip(OUTCOME_TIPS[self.chosen_outcome()])
        self.refresh()

    def _scenarios_changed(self, *_: object) -> None:
        self._name_scenario()
        self._refresh_when_seen()

    def _name_scenario(self) -> None:
        self.scenario.setText(SIMULATED_LABEL.format(name=self.chosen_scenario()))

    # -- what came back -----------------------------------------------------------------------

    def _mark_updating(self) -> None:
        if self.runner.busy:
            self.status.setText(UPDATING)
            self.fan.set_updating(True)

    def _show(self, findings: Findings) -> None:
        self.findings = findings
        sim = findings.simulation
        self.status.setText(f"{sim.draws:,} simulated years, seed {sim.seed}")
        self.status.setToolTip("The same plan, seed and number of draws give the same "
                               "numbers (the plan file's [uncertainty] settings).")
        self.figures.show_findings(findings)
        self.fan.show_findings(findings)
        self.tornado.show_findings(findings)
        self.drivers.show_findings(findings)
        self.volumes.show_findings(findings)

    def _failed(self, reason: str) -> None:
        self.status.setText(FAILED.format(reason=reason))
        self.fan.set_updating(False)

    def _restyle(self) -> None:
        theme = self.theme
        for chart in (self.fan, self.tornado):
            chart.apply_theme(theme)
        self.figures.apply_theme(theme)

    def detach(self) -> None:
        self.runner.shutdown()
        super().detach()
