"""StageTableModel: a thin item model over ``document.plan.stages``.

Each row is a stage, top to bottom; the last one is "won" and has no conversion, days or
recycling (those cells show a dash and cannot be edited). Conversions and recycle shares
are shown and edited in percent (38.5 means 0.385). Every change goes through
``document.edit``; a refused one returns False, keeps the reason as the cell's tooltip and
emits ``refused(row, column, message)``. Rows can be dragged to reorder the funnel.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QFont

from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.common import describe, team_swatch
from alignplanner.ui.editors.plan_table_model import ROLE, Index, PlanTableModel
from alignplanner.ui.wording import percent, team_label

ROW_MIME = "application/x-alignplanner-stage-row"
DASH = "—"


class StageTableModel(PlanTableModel):
    titles = tuple(c.title for c in col.COLUMNS)
    help = tuple(c.help for c in col.COLUMNS)
    numeric = frozenset(i for i, c in enumerate(col.COLUMNS) if c.numeric)

    def _rows(self, plan: Plan) -> tuple[Stage, ...]:
        return plan.stages

    def _context(self, plan: Plan) -> object:
        return tuple((s.id, s.name) for s in plan.stages)  # "Recycle to" shows names

    def _changed_columns(self, old: Stage, new: Stage) -> list[int]:
        return [c for c in range(len(col.COLUMNS))
                if col.edit_value(old, c) != col.edit_value(new, c)]

    @property
    def _stages(self) -> tuple[Stage, ...]:
        return self._plan.stages

    # -- reading ---------------------------------------------------------------------

    def is_won(self, row: int) -> bool:
        return row == len(self._stages) - 1

    def stage(self, row: int) -> Stage:
        return self._stages[row]

    def _blank(self, row: int, column: int) -> bool:
        """Cells that do not apply: the won stage's rates, recycle details without a target."""
        if column in col.NOT_ON_WON and self.is_won(row):
            return True
        return column in col.RECYCLE_DETAILS and self._stages[row].recycle is None

    def display(self, row: int, column: int) -> str:
        return DASH if self._blank(row, column) else self._display(self._stages[row], column)

    def edit_value(self, row: int, column: int) -> Any:
        return None if self._blank(row, column) else col.edit_value(self._stages[row], column)

    def decoration(self, row: int, column: int) -> Any:
        return team_swatch(self._stages[row].owner) if column == col.OWNER else None

    def font(self, row: int, column: int) -> Any:
        if column != col.NAME:
            return None
        font = QFont()  # the application font, so presentation mode enlarges it too
        font.setBold(True)
        return font

    def _display(self, stage: Stage, column: int) -> str:
        if column == col.OWNER:
            return team_label(stage.owner)
        if column in (col.CONVERSION, col.RECYCLE_SHARE):
            value = col.edit_value(stage, column)
            return percent(float(value) / 100)
        if column == col.RECYCLE_TO:
            to = stage.recycle.to if stage.recycle else ""
            names = {s.id: s.name for s in self._stages}
            return names.get(to, "none")
        value = col.edit_value(stage, column)
        if isinstance(value, float):
            return f"{value:,.1f}".removesuffix(".0")
        return " ".join(str(value).split()) if column in col.TEXT else str(value)

    def tooltip(self, row: int, column: int) -> str:
        stage = self._stages[row]
        if column in col.NOT_ON_WON and self.is_won(row):
            return (f"{stage.name} is the last stage ('won'): it has no conversion, days or "
                    "recycling")
        if column in col.RECYCLE_DETAILS and stage.recycle is None:
            return "Choose 'Recycle to' first: where do units that do not convert go back?"
        if column == col.CONVERSION:
            nxt = self._stages[row + 1].name
            return f"{self._display(stage, column)} of the units entering {stage.name} reach {nxt}"
        if column in col.TEXT:
            return str(col.edit_value(stage, column)) or col.COLUMNS[column].help
        if column == col.OWNER:
            return f"Owned by {team_label(stage.owner)}"
        return col.COLUMNS[column].help

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._blank(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        if not self.is_won(index.row()):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled

    # -- editing ---------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if not index.isValid() or role != ROLE.EditRole or self._blank(index.row(), index.column()):
            return False
        row, column = index.row(), index.column()
        if value == self.data(index, ROLE.EditRole):
            return True
        stage = self._stages[row]
        verb = "Rename stage" if column == col.NAME else "Change"
        what = "" if column == col.NAME else f" {col.COLUMNS[column].undo_name}"
        key: Hashable = ("stages", stage.id, col.COLUMNS[column].key)
        return self._edit(row, column, value, field=f"{stage.name} · {col.COLUMNS[column].title}",
                          text=f"{verb} {stage.name}{what}",
                          make=lambda: col.transform(stage, row, column, value), key=key)

    def move_stage(self, row: int, to: int) -> bool:
        """Move the stage at ``row`` to position ``to``; False (and ``refused``) if refused."""
        name = self._stages[row].name
        text = f"Move {name} {'up' if to < row else 'down'}"
        before = self._document.plan
        problems = self._document.edit(text, lambda p: stage_edits.move_stage(p, row, to))
        if problems:
            return self._refuse(row, col.NAME, describe(problems, f"Moving {name}"))
        return self._document.plan is not before

    def moveRows(self, sourceParent: Index, sourceRow: int, count: int,
                 destinationParent: Index, destinationChild: int) -> bool:
        if sourceParent.isValid() or destinationParent.isValid() or count != 1:
            return False
        if not 0 <= sourceRow < len(self._stages):
            return False
        to = destinationChild - 1 if destinationChild > sourceRow else destinationChild
        return to != sourceRow and self.move_stage(sourceRow, to)

    # -- drag and drop: rows are reordered, never copied or removed --------------------

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ROW_MIME, QByteArray(str(rows[0]).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        """Move the dragged stage to the drop position. Returns False even when it moved:
        the view would otherwise "finish" a move action by removing the source row."""
        if not data.hasFormat(ROW_MIME) or action != Qt.DropAction.MoveAction:
            return False
        source = int(bytes(data.data(ROW_MIME).data()).decode() or -1)
        if row < 0:  # dropped on a row: take its place; below all rows: go last
            row = parent.row() + (parent.row() > source) if parent.isValid() else self.rowCount()
        self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)
        return False
