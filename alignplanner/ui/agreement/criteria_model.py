"""CriteriaModel: one group of the scoring model's criteria (fit or engagement) as a table.

Fit: label, points, kind (firmographic or demographic). Engagement: label, points, and a
"high intent" tick (a fresh action of this kind qualifies the lead outright). Every change
goes through ``document.edit`` (alignplanner.domain.agreement_edits); a refused one keeps
the reason as the cell's tooltip and emits ``refused`` (PlanTableModel).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from alignplanner.domain.agreement.scoring import Criterion
from alignplanner.domain.edits import scoring as scoring_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.plan_table_model import ROLE, Index, PlanTableModel, Transform

__all__ = ["KIND_LABELS", "CriteriaModel"]

LABEL, POINTS, THIRD = range(3)
KIND_LABELS = {"firmographic": "Firmographic", "demographic": "Demographic",
               "behaviour": "Behaviour"}
_TITLES = {
    "fit": ("Fit criterion", "Points", "Kind"),
    "engagement": ("Engagement action", "Points", "High intent"),
}
_HELP = {
    "fit": ("Who the lead is: company size, industry, region, role, seniority",
            "Points a lead earns for matching (negative to count against it)",
            "Firmographic (the company) or demographic (the person)"),
    "engagement": ("What the lead does: a webinar, a pricing-page visit, a demo request",
                   "Points each time the lead does it, before decay (negative to count "
                   "against it)",
                   "A fresh action of this kind qualifies the lead outright"),
}


class CriteriaModel(PlanTableModel):
    def __init__(self, document: Any, group: scoring_edits.Group, parent: Any = None) -> None:
        self.group = group
        self.titles = _TITLES[group]
        self.help = _HELP[group]
        self.points_column = POINTS
        self.numeric = frozenset({POINTS})
        super().__init__(document, parent)

    def _rows(self, plan: Plan) -> Sequence[Criterion]:
        return () if plan.scoring is None else getattr(plan.scoring, self.group)

    def _shown(self, plan: Plan) -> object:
        return self._rows(plan), plan.scoring.high_intent if plan.scoring else ()

    def criterion(self, row: int) -> Criterion:
        return self._rows(self._plan)[row]

    # -- reading ---------------------------------------------------------------------

    def _intent(self, column: int) -> bool:
        """The engagement table's third column: a check box, high intent or not."""
        return self.group == "engagement" and column == THIRD

    def display(self, row: int, column: int) -> Any:
        return None if self._intent(column) else self._value(self.criterion(row), column,
                                                              edit=False)

    def edit_value(self, row: int, column: int) -> Any:
        return None if self._intent(column) else self._value(self.criterion(row), column,
                                                              edit=True)

    def check_state(self, row: int, column: int) -> Any:
        if not self._intent(column):
            return None
        scoring = self._plan.scoring
        on = scoring is not None and self.criterion(row).id in scoring.high_intent
        return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked

    @staticmethod
    def _value(crit: Criterion, column: int, *, edit: bool) -> Any:
        if column == LABEL:
            return crit.label
        if column == POINTS:
            return crit.points if edit else f"{crit.points:+g}"
        return crit.kind if edit else KIND_LABELS[crit.kind]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.group == "engagement" and index.column() == THIRD:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    # -- editing ---------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        crit = self.criterion(row)
        if self.group == "engagement" and column == THIRD:
            if role != ROLE.CheckStateRole:
                return False
            on = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._edit(row, column, value, field=f"{crit.label} · High intent",
                              text=f"{'Mark' if on else 'Unmark'} {crit.label} as high intent",
                              make=lambda: lambda p: scoring_edits.set_high_intent(p, crit.id, on),
                              key=None)
        if role != ROLE.EditRole:
            return False
        if value == self.data(index, ROLE.EditRole):
            return True
        what = self.titles[column]
        return self._edit(row, column, value, field=f"{crit.label} · {what}",
                          text=f"Change {what.lower()} of {crit.label}"
                          if column != LABEL else f"Rename criterion {crit.label}",
                          make=lambda: self._transform(row, column, value),
                          key=("scoring", self.group, crit.id, column))

    def _transform(self, row: int, column: int, value: Any) -> Transform:
        group = self.group
        if column == self.points_column:
            points = float(value)
            return lambda p: scoring_edits.set_criterion(p, group, row, points=points)
        if column == LABEL:
            label = str(value).strip()
            return lambda p: scoring_edits.set_criterion(p, group, row, label=label)
        kind = str(value)
        return lambda p: scoring_edits.set_criterion(p, group, row, kind=kind)
