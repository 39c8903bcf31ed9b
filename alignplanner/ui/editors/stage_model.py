"""StageTableModel: a thin item model over ``document.plan.stages``.

Each row is a stage, top to bottom; the last one is "won" and has no conversion, days or
recycling (those cells show a dash and cannot be edited). Conversions and recycle shares
are shown and edited in percent (38.5 means 0.385). Every change goes through
``document.edit``; a refused one returns False, keeps the reason as the cell's tooltip and
emits ``refused(row, column, message)``. Rows can be dragged to reorder the funnel.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from contextlib import suppress
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from alignplanner.document.document import PlanDocument
from alignplanner.domain import edits
from alignplanner.domain.model import Plan, Stage
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.common import describe, team_swatch
from alignplanner.ui.editors.row_changes import apply_change, classify
from alignplanner.ui.formatting import percent
from alignplanner.ui.theme import team_label

Index = QModelIndex | QPersistentModelIndex
Transform = Callable[[Plan], Plan]
ROW_MIME = "application/x-alignplanner-stage-row"
DASH = "—"
ROLE = Qt.ItemDataRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class StageTableModel(QAbstractTableModel):
    refused = Signal(int, int, str)  # row, column, why

    def __init__(self, document: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._stages: tuple[Stage, ...] = document.plan.stages
        self._refusals: dict[tuple[int, int], str] = {}
        document.planChanged.connect(self._on_plan_changed)

    # -- document --------------------------------------------------------------------

    def set_document(self, document: PlanDocument) -> None:
        self.beginResetModel()
        with suppress(RuntimeError):  # the old document may already be gone
            self._document.planChanged.disconnect(self._on_plan_changed)
        self._document = document
        self._stages = document.plan.stages
        self._refusals.clear()
        document.planChanged.connect(self._on_plan_changed)
        self.endResetModel()

    def _on_plan_changed(self, change: tuple[Plan, Plan]) -> None:
        new = change[1].stages
        if new == self._stages:  # e.g. a target edit: nothing here to tell the views
            return
        self._refusals.clear()
        how = classify([s.id for s in self._stages], [s.id for s in new])
        apply_change(self, how, lambda: setattr(self, "_stages", new))

    # -- reading ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._stages)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(col.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = ROLE.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(col.COLUMNS):
            return None
        if role == ROLE.DisplayRole:
            return col.COLUMNS[section].title
        if role == ROLE.ToolTipRole:
            return col.COLUMNS[section].help
        if role == ROLE.TextAlignmentRole:
            return _RIGHT if col.COLUMNS[section].numeric else _LEFT
        return None

    def is_won(self, row: int) -> bool:
        return row == len(self._stages) - 1

    def stage(self, row: int) -> Stage:
        return self._stages[row]

    def _blank(self, row: int, column: int) -> bool:
        """Cells that do not apply: the won stage's rates, recycle details without a target."""
        if column in col.NOT_ON_WON and self.is_won(row):
            return True
        return column in col.RECYCLE_DETAILS and self._stages[row].recycle is None

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == ROLE.DisplayRole:
            stage = self._stages[row]
            return DASH if self._blank(row, column) else self._display(stage, column)
        if role == ROLE.EditRole:
            return None if self._blank(row, column) else col.edit_value(self._stages[row], column)
        if role == ROLE.ToolTipRole:
            return self._refusals.get((row, column)) or self._tooltip(row, column)
        return self._look(row, column, role)

    def _look(self, row: int, column: int, role: int) -> Any:
        if role == ROLE.DecorationRole and column == col.OWNER:
            return team_swatch(self._stages[row].owner)
        if role == ROLE.TextAlignmentRole:
            return _RIGHT if col.COLUMNS[column].numeric else _LEFT
        if role == ROLE.FontRole and column == col.NAME:
            font = QFont()  # the application font, so presentation mode enlarges it too
            font.setBold(True)
            return font
        return None

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

    def _tooltip(self, row: int, column: int) -> str:
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
        field = f"{stage.name} · {col.COLUMNS[column].title}"
        try:
            transform = col.transform(stage, row, column, value)
        except (TypeError, ValueError):
            return self._refuse(row, column, f"{field}: {value!r} is not a number")
        verb = "Rename stage" if column == col.NAME else "Change"
        what = "" if column == col.NAME else f" {col.COLUMNS[column].undo_name}"
        key: Hashable = ("stages", stage.id, col.COLUMNS[column].key)
        problems = self._document.edit(f"{verb} {stage.name}{what}", transform, key)
        return not problems or self._refuse(row, column, describe(problems, field))

    def _refuse(self, row: int, column: int, message: str) -> bool:
        self._refusals[(row, column)] = message
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell, [ROLE.ToolTipRole])
        self.refused.emit(row, column, message)
        return False

    def move_stage(self, row: int, to: int) -> bool:
        """Move the stage at ``row`` to position ``to``; False (and ``refused``) if refused."""
        name = self._stages[row].name
        text = f"Move {name} {'up' if to < row else 'down'}"
        before = self._document.plan
        problems = self._document.edit(text, lambda p: edits.move_stage(p, row, to))
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
