"""OverridesEditor: where one source converts differently from the plan's funnel.

One line per stage with a conversion: a check box turns the source's own rate on (it
starts at the plan's rate) or off, and a percent box sets it.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.common import ErrorLabel, blocked
from alignplanner.ui.editors.delegates import spin_box
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import percent


class OverridesEditor(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self._row = -1
        self._stage_ids: tuple[str, ...] = ()
        self.checks: dict[str, QCheckBox] = {}
        self.spins: dict[str, QDoubleSpinBox] = {}
        self._plan_rates: dict[str, QLabel] = {}
        self.title = QLabel(self)
        self.error = ErrorLabel(self)
        self._grid = QGridLayout()
        # Check boxes as big as the text, which presentation mode enlarges (em follows it).
        self.setStyleSheet("QCheckBox::indicator { width: 0.8em; height: 0.8em; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self._grid)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._bind()

    def set_source_row(self, row: int) -> None:
        """Show the overrides of the source at ``row`` (-1: none selected)."""
        self._row = row
        self.refresh(self.document.plan)

    def refresh(self, plan: Plan) -> None:
        self.error.clear_message()
        self._load(plan)

    def _load(self, plan: Plan) -> None:
        if not 0 <= self._row < len(plan.sources):
            self._row = -1
        open_ids = plan.stage_ids[:-1]
        if open_ids != self._stage_ids:
            self._rebuild(open_ids)
        source = plan.sources[self._row] if self._row >= 0 else None
        self.title.setText(
            f"Conversion rates of {source.name or source.id} that differ from the funnel"
            if source else "Select a source to give it its own conversion rates")
        entry = plan.stage_index(source.enters) if source else 0
        for i, stage in enumerate(plan.stages[:-1]):
            rate = source.conversion_overrides.get(stage.id) if source else None
            check, spin = self.checks[stage.id], self.spins[stage.id]
            with blocked(check, spin):
                check.setText(stage.name)
                check.setChecked(rate is not None)
                spin.setValue((rate if rate is not None else stage.conversion or 0.0) * 100)
            check.setEnabled(source is not None and (i >= entry or rate is not None))
            spin.setEnabled(rate is not None)
            self._plan_rates[stage.id].setText(f"funnel: {percent(stage.conversion or 0.0)}")
            if source is not None and i < entry:
                check.setToolTip(f"{source.name or source.id} enters below {stage.name}")
            else:
                check.setToolTip("Give this source its own conversion rate at this stage")

    def _rebuild(self, open_ids: tuple[str, ...]) -> None:
        for widget in (*self.checks.values(), *self.spins.values(), *self._plan_rates.values()):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.checks, self.spins, self._plan_rates = {}, {}, {}
        for row, stage_id in enumerate(open_ids):
            check = QCheckBox(self)
            spin = spin_box(self, 0.01, 100.0, 2)
            spin.setSuffix(" %")
            spin.setAccessibleName(f"Override at {stage_id}")
            rate = QLabel(self)
            rate.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            check.toggled.connect(partial(self._toggle, stage_id))
            spin.valueChanged.connect(partial(self._set_rate, stage_id))
            self.error.follow(spin, "Conversion rate")
            self._grid.addWidget(check, row, 0)
            self._grid.addWidget(spin, row, 1)
            self._grid.addWidget(rate, row, 2)
            self.checks[stage_id], self.spins[stage_id] = check, spin
            self._plan_rates[stage_id] = rate
        self._grid.setColumnStretch(3, 1)
        self._stage_ids = open_ids

    # -- slots -----------------------------------------------------------------------

    def _names(self, stage_id: str) -> tuple[str, str]:
        plan = self.document.plan
        source = plan.sources[self._row]
        return source.name or source.id, plan.stages[plan.stage_index(stage_id)].name

    def _toggle(self, stage_id: str, on: bool) -> None:
        row, (source, stage) = self._row, self._names(stage_id)
        rate = self.document.plan.stages[self.document.plan.stage_index(stage_id)].conversion
        text = f"Give {source} its own rate at {stage}" if on else \
            f"Use the funnel's rate for {source} at {stage}"
        self.error.show_problems(self.document.edit(
            text, lambda p: source_edits.set_override(p, row, stage_id, rate if on else None)))

    def _set_rate(self, stage_id: str, value: float) -> None:
        row, (source, stage) = self._row, self._names(stage_id)
        problems = self.document.edit(
            f"Change {source} rate at {stage}",
            lambda p: source_edits.set_override(p, row, stage_id, value / 100),
            ("sources", self.document.plan.sources[row].id, "override", stage_id))
        if problems:
            self._load(self.document.plan)
            self.error.show_problems(problems, f"{source} at {stage}")
