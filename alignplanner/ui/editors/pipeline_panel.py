"""PipelinePanel: the open units already in the funnel on the plan's first day.

One box per open stage (0 means none). Their expected wins are credited against the
target, which the panel says, with the total it comes to.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.checks import MAX_MONEY
from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.common import ErrorLabel, blocked, team_swatch
from alignplanner.ui.editors.delegates import spin_box
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import count, month_label


class PipelinePanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self._labels: dict[str, QLabel] = {}
        self._swatches: dict[str, QLabel] = {}
        self._stage_ids: tuple[str, ...] = ()
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.credit = QLabel(self)
        self.credit.setWordWrap(True)
        self.error = ErrorLabel(self)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self._form)
        layout.addWidget(self.credit)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._bind()

    def refresh(self, plan: Plan) -> None:
        self.error.clear_message()
        self._load(plan)

    def _load(self, plan: Plan) -> None:
        open_ids = plan.stage_ids[:-1]
        if open_ids != self._stage_ids:
            self._rebuild(open_ids)
        for stage in plan.stages[:-1]:
            spin, label = self.spins[stage.id], self._labels[stage.id]
            label.setText(stage.name)
            label.setToolTip(f"Open {stage.name} units on {month_label(plan.start)}")
            height = label.fontMetrics().height()
            self._swatches[stage.id].setPixmap(team_swatch(stage.owner).pixmap(height, height))
            spin.setToolTip(f"Open {stage.name} units already in the funnel at the start")
            with blocked(spin):
                spin.setValue(plan.pipeline.existing.get(stage.id, 0.0))
        self.explanation.setText(
            f"Open units already in the funnel on {month_label(plan.start)}; their expected "
            "wins are credited against the target.")
        wins = self.document.result.pipeline_wins
        self.credit.setText(f"Expected wins from this pipeline within the plan: {count(wins)}"
                            if wins else "No existing pipeline: every win comes from new leads.")

    def _rebuild(self, open_ids: tuple[str, ...]) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.spins, self._labels, self._swatches = {}, {}, {}
        for stage_id in open_ids:
            spin = spin_box(self, 0.0, MAX_MONEY, 0, special="none")
            spin.setAccessibleName(f"Open units at {stage_id}")
            spin.valueChanged.connect(partial(self._set_count, stage_id))
            self.error.follow(spin, f"Open units at {self._stage_name(stage_id)}")
            name = QWidget(self)
            swatch, label = QLabel(name), QLabel(name)
            row = QHBoxLayout(name)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(swatch)
            row.addWidget(label, 1)
            self._form.addRow(name, spin)
            self.spins[stage_id], self._labels[stage_id] = spin, label
            self._swatches[stage_id] = swatch
        self._stage_ids = open_ids

    # -- slots -----------------------------------------------------------------------

    def _stage_name(self, stage_id: str) -> str:
        plan = self.document.plan
        return plan.stages[plan.stage_index(stage_id)].name

    def _set_count(self, stage_id: str, value: float) -> None:
        plan = self.document.plan
        name = plan.stages[plan.stage_index(stage_id)].name
        problems = self.document.edit(f"Change open {name} units",
                                      lambda p: source_edits.set_pipeline(p, stage_id, value),
                                      ("pipeline", stage_id))
        if problems:
            self._load(self.document.plan)
            self.error.show_problems(problems, f"Open {name} units")
