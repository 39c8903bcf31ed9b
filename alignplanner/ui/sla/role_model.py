"""RoleTableModel: the plan's roles (SDRs, AEs, ...), one row each, edited in place.

Columns: name, id, stage worked, units a rep handles per month or quota per month with
attainment (typing one switches the role's kind), minutes per first response, reps at
plan start, ramp (percent of full productivity in a new hire's first months), hires by
plan month and monthly attrition. Lists are typed as numbers separated by commas. Every
change goes through ``document.edit``; a refused one keeps the reason as the cell's tooltip
and emits ``refused(row, column, message)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from alignplanner.domain.edits import roles as role_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.team.role import Role
from alignplanner.domain.wording import role_label
from alignplanner.ui.editors.common import team_swatch
from alignplanner.ui.editors.plan_table_model import ROLE, Index, PlanTableModel, Transform
from alignplanner.ui.sla.fields import NOT_SET
from alignplanner.ui.wording import percent, short_month

(NAME, WORKS, HEADCOUNT, HIRES, RAMP, PER_REP, QUOTA, ATTAINMENT, HANDLE, ATTRITION, ID) = range(11)
_COLUMNS = {
    NAME: ("Role", "The role's name for people, plural (SDRs, AEs); empty: the id in capitals"),
    WORKS: ("Works", "The stage whose entries this role's reps handle"),
    HEADCOUNT: ("Reps now", "Fully ramped reps on the team when the plan starts"),
    HIRES: (
        "Hires",
        "New reps starting in each plan month, from the first, e.g. 0, 0, 2 "
        "(the list may be shorter than the plan)",
    ),
    RAMP: (
        "Ramp",
        "A new hire's productivity in its first months, in percent, e.g. 25, 50, 75; then 100%",
    ),
    PER_REP: (
        "Per rep / mo",
        "Units one fully ramped rep handles in a month (typing one makes this a volume role)",
    ),
    QUOTA: (
        "Quota / mo",
        "What one fully ramped rep books in a month (typing one makes this a quota role)",
    ),
    ATTAINMENT: ("Attain. %", "Share of quota a rep books on average (quota roles only)"),
    HANDLE: ("Min. each", "Minutes of work per first response (SLAs need it)"),
    ATTRITION: ("Leave % / mo", "Share of reps leaving each month, in percent"),
    ID: ("Id", "The role's id in the plan file (a-z, 0-9, '_', '-'); SLAs refer to it"),
}
TITLES = tuple(_COLUMNS[c][0] for c in range(len(_COLUMNS)))
HELP = tuple(_COLUMNS[c][1] for c in range(len(_COLUMNS)))
NUMERIC = frozenset({PER_REP, QUOTA, ATTAINMENT, HANDLE, HEADCOUNT, ATTRITION})
FIELDS = {
    NAME: "name",
    ID: "id",
    WORKS: "works",
    PER_REP: "per_rep_per_month",
    QUOTA: "quota_per_month",
    ATTAINMENT: "attainment",
    HANDLE: "handle_minutes",
    HEADCOUNT: "headcount",
    RAMP: "ramp",
    HIRES: "hires",
    ATTRITION: "attrition",
}
UNDO = {
    NAME: "name",
    WORKS: "stage worked",
    HEADCOUNT: "headcount",
    HIRES: "hires",
    RAMP: "ramp",
    PER_REP: "throughput per rep",
    QUOTA: "quota",
    ATTAINMENT: "attainment",
    HANDLE: "minutes per response",
    ATTRITION: "attrition",
    ID: "id",
}
PERCENT_COLUMNS = frozenset({ATTAINMENT, ATTRITION})


def number_list(text: object) -> tuple[float, ...]:
    """ "25, 50 75" -> (25.0, 50.0, 75.0); ValueError for anything else."""
    parts = str(text).replace(";", ",").replace(",", " ").replace("%", " ").split()
    return tuple(float(p) for p in parts)


def _number(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != round(x) else f"{x:,.0f}"


def _optional(x: float | None, unit: str = "") -> str:
    return NOT_SET if x is None else f"{_number(x)}{unit}"


class RoleTableModel(PlanTableModel):
    titles = TITLES
    help = HELP
    numeric = NUMERIC

    def _rows(self, plan: Plan) -> tuple[Role, ...]:
        return plan.roles

    def _shown(self, plan: Plan) -> object:
        return plan.roles, plan.stages, plan.start  # stage names and months show here

    def role(self, row: int) -> Role:
        return self._plan.roles[row]

    # -- reading ---------------------------------------------------------------------

    def display(self, row: int, column: int) -> str:
        return self._display(self._plan.roles[row], column)

    def edit_value(self, row: int, column: int) -> Any:
        return self._edit_value(self._plan.roles[row], column)

    def decoration(self, row: int, column: int) -> Any:
        if column != WORKS:
            return None
        owners = {s.id: s.owner for s in self._plan.stages}
        return team_swatch(owners.get(self._plan.roles[row].works, "custom"))

    def _edit_value(self, item: Role, column: int) -> Any:
        if column in (NAME, ID, WORKS):
            return getattr(item, FIELDS[column])
        if column == RAMP:
            return ", ".join(f"{r * 100:g}" for r in item.ramp)
        if column == HIRES:
            return ", ".join(f"{h:g}" for h in item.hires)
        value = getattr(item, FIELDS[column])
        if value is None:
            return 0.0
        return round(float(value) * 100, 9) if column in PERCENT_COLUMNS else float(value)

    def _display(self, item: Role, column: int) -> str:
        plan = self._plan
        texts: dict[int, Callable[[], str]] = {
            NAME: lambda: item.name or role_label(item),
            WORKS: lambda: {s.id: s.name for s in plan.stages}.get(item.works, item.works),
            PER_REP: lambda: _optional(item.per_rep_per_month),
            QUOTA: lambda: _optional(item.quota_per_month, f" {plan.currency}"),
            ATTAINMENT: lambda: percent(item.attainment) if item.is_quota_role else NOT_SET,
            ATTRITION: lambda: percent(item.attrition),
            HANDLE: lambda: _number(float(item.handle_minutes)),
            HEADCOUNT: lambda: _number(float(item.headcount)),
            RAMP: lambda: ", ".join(percent(r) for r in item.ramp) or "at once",
            HIRES: lambda: (
                ", ".join(
                    f"{short_month(plan.month_start(m))}: {_number(h)}"
                    for m, h in enumerate(item.hires)
                    if h and m < plan.months
                )
                or "none"
            ),
        }
        make = texts.get(column)
        return make() if make is not None else str(self._edit_value(item, column))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # -- editing ---------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if not index.isValid() or role != ROLE.EditRole:
            return False
        row, column = index.row(), index.column()
        if value == self.data(index, ROLE.EditRole):
            return True
        item = self._plan.roles[row]
        label = role_label(item)
        return self._edit(
            row,
            column,
            value,
            field=f"{label} · {TITLES[column]}",
            text=f"Change {UNDO[column]} of {label}",
            make=lambda: self._transform(row, column, value),
            key=("roles", item.id, FIELDS[column]),
        )

    @staticmethod
    def _transform(row: int, column: int, value: Any) -> Transform:
        field = FIELDS[column]
        new: Any
        if column in (NAME, ID, WORKS):
            new = str(value).strip()
        elif column == RAMP:
            new = tuple(v / 100 for v in number_list(value))
        elif column == HIRES:
            new = number_list(value)
        else:
            new = float(value)
            if column in PERCENT_COLUMNS:
                new /= 100
        return lambda p: role_edits.set_role(p, row, **{field: new})
