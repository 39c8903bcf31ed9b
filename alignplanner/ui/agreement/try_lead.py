"""TryLead: tick what a made-up lead is and did, say how old its actions are, and see its
fit and engagement scores and whether it qualifies, and why (the domain's `score_lead`).
Nothing here changes the plan: it is how the room checks that the model says what they mean.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alignplanner.domain.agreement.scoring import (
    MAX_AGE_DAYS,
    LeadScore,
    Match,
    ScoringModel,
    score_lead,
)
from alignplanner.domain.problems import PlanInvalid
from alignplanner.ui.editors.common import ErrorLabel, scaled_font
from alignplanner.ui.editors.delegates import spin_box
from alignplanner.ui.theme import AGREED_COLOR, DRAFT_COLOR

__all__ = ["TryLead"]

ID = Qt.ItemDataRole.UserRole


class TryLead(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: ScoringModel | None = None
        self.criteria = QListWidget(self)
        self.criteria.setAccessibleName("The lead matches")
        self.criteria.itemChanged.connect(lambda _item: self.rescore())
        self.age = spin_box(self, 0, MAX_AGE_DAYS, 0, widest=9999)
        self.age.setSuffix(" days")
        self.age.setToolTip("How long ago the lead took the ticked actions")
        self.age.valueChanged.connect(lambda _v: self.rescore())
        self.verdict = QLabel(self)
        self.verdict.setFont(scaled_font(self.font(), 1.5, bold=True))
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setFont(scaled_font(self.font(), 1.15))
        self.criteria.setWordWrap(True)
        self.criteria.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.error = ErrorLabel(self)
        self.error.follow(self.age, "Actions taken")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Actions taken", self.age)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.verdict)
        right.addWidget(self.reason)
        right.addWidget(self.error)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.criteria, 1)
        layout.addLayout(right, 1)

    def set_model(self, model: ScoringModel | None) -> None:
        """Show ``model``'s criteria, keeping the ticks of those that remain."""
        ticked = self.ticked()
        self._model = model
        self.criteria.blockSignals(True)
        self.criteria.clear()
        if model is not None:
            for crit in (*model.fit, *model.engagement):
                item = QListWidgetItem(f"{crit.label}  ({crit.points:+g})", self.criteria)
                item.setData(ID, crit.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = crit.id in ticked
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.criteria.blockSignals(False)
        self.rescore()

    def ticked(self) -> list[str]:
        items = (self.criteria.item(i) for i in range(self.criteria.count()))
        return [str(i.data(ID)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def tick(self, criterion_id: str, on: bool = True) -> None:
        for i in range(self.criteria.count()):
            item = self.criteria.item(i)
            if item.data(ID) == criterion_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def rescore(self) -> LeadScore | None:
        self.error.clear_message()
        if self._model is None:
            self.verdict.clear()
            self.reason.clear()
            return None
        age = self.age.value()
        try:
            score = score_lead(self._model, [Match(c, age) for c in self.ticked()])
        except PlanInvalid as exc:
            self.error.show_message("; ".join(p.message for p in exc.problems))
            return None
        colour = AGREED_COLOR if score.qualified else DRAFT_COLOR
        self.verdict.setStyleSheet(f"color: {colour};")
        self.verdict.setText(f"{'Qualifies' if score.qualified else 'Does not qualify'} · "
                             f"fit {score.fit:g} · engagement {score.engagement:g}")
        self.reason.setText(score.reason[0].upper() + score.reason[1:])
        return score
