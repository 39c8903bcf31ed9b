"""SourceTableModel: a thin item model over ``document.plan.sources``.

Columns: name, id, entry stage, share of the target (percent; a new share rescales the
other sources so that they still add up to 100%), average deal size (empty means the
plan's) and a read-only summary of the source's conversion overrides. Every change goes
through ``document.edit``; a refused one returns False, keeps the reason as the cell's
tooltip and emits ``refused(row, column, message)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.plan.funnel import Source
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors.common import team_swatch
from alignplanner.ui.editors.plan_table_model import ROLE, Index, PlanTableModel, Transform
from alignplanner.ui.wording import money_exact, percent

NAME, ID, ENTERS, SHARE, DEAL_SIZE, OVERRIDES = range(6)
TITLES = ("Source", "Id", "Enters at", "Share %", "Deal size", "Rate overrides")
HELP = (
    "The channel's name (inbound, outbound, partner, ...)",
    "The source's id in the plan file (a-z, 0-9, '_', '-')",
    "The stage where this source's leads enter the funnel",
    "Share of the revenue target this source owns. Changing one share rescales the other "
    "sources so that all still add up to 100%",
    "Average deal size of this source's wins; empty means the plan's",
    "Stages where this source converts differently from the plan (edit them below)",
)
NUMERIC = frozenset({SHARE, DEAL_SIZE})


class SourceTableModel(PlanTableModel):
    titles = TITLES
    help = HELP
    numeric = NUMERIC

    def _rows(self, plan: Plan) -> tuple[Source, ...]:
        return plan.sources

    def _context(self, plan: Plan) -> object:
        # entry stages show by name, with their team; an empty deal size shows the plan's
        return plan.stages, plan.target.average_deal_size

    def source(self, row: int) -> Source:
        return self._plan.sources[row]

    # -- reading ---------------------------------------------------------------------

    def display(self, row: int, column: int) -> str:
        return self._display(self._plan.sources[row], column)

    def edit_value(self, row: int, column: int) -> Any:
        return self._edit_value(self._plan.sources[row], column)

    def decoration(self, row: int, column: int) -> Any:
        if column != ENTERS:
            return None
        owners = {s.id: s.owner for s in self._plan.stages}
        return team_swatch(owners.get(self._plan.sources[row].enters, "custom"))

    def _edit_value(self, source: Source, column: int) -> Any:
        values = (source.name, source.id, source.enters, round(source.share * 100, 9),
                  source.average_deal_size or 0.0, self._overrides(source))
        return values[column]

    def _display(self, source: Source, column: int) -> str:
        if column == ENTERS:
            names = {s.id: s.name for s in self._plan.stages}
            return names.get(source.enters, source.enters)
        if column == SHARE:
            return percent(source.share)
        if column == DEAL_SIZE:
            if source.average_deal_size is None:
                return f"plan's ({money_exact(self._plan.target.average_deal_size)})"
            return money_exact(source.average_deal_size)
        return str(self._edit_value(source, column))

    def _overrides(self, source: Source) -> str:
        names = {s.id: s.name for s in self._plan.stages}
        parts = [f"{names.get(k, k)} {percent(v)}" for k, v in source.conversion_overrides.items()]
        return ", ".join(parts) or "none"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if index.column() == OVERRIDES else flags | Qt.ItemFlag.ItemIsEditable

    # -- editing ---------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if not index.isValid() or role != ROLE.EditRole or index.column() == OVERRIDES:
            return False
        row, column = index.row(), index.column()
        if value == self.data(index, ROLE.EditRole):
            return True
        source = self._plan.sources[row]
        label = source.name or source.id
        what = ("Rename source", "Change id of source", "Change entry stage of",
                "Change share of", "Change deal size of")[column]
        return self._edit(row, column, value, field=f"{label} · {TITLES[column]}",
                          text=f"{what} {label}", make=lambda: self._transform(row, column, value),
                          key=("sources", source.id, TITLES[column]))

    @staticmethod
    def _transform(row: int, column: int, value: Any) -> Transform:
        if column == SHARE:
            number = float(value)
            return lambda p: source_edits.set_share_percent(p, row, number)
        if column == DEAL_SIZE:
            size = float(value) if value not in (None, "") else None
            return lambda p: source_edits.set_deal_size(p, row, size)
        field = ("name", "id", "enters")[column]
        text = str(value).strip()
        return lambda p: source_edits.set_source(p, row, **{field: text})
