"""PlanTableModel: what the item models over a list in the plan share.

The model follows its document's ``planChanged`` and tells its views exactly which rows
came, went or moved. Every change goes through
``document.edit``; a refused one returns False, keeps the reason as the cell's tooltip and
emits ``refused(row, column, message)``. A subclass says which rows it shows, its columns'
titles, help and alignment, and how a cell's new value becomes a plan edit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import Signal

from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.plan import Plan
from alignplanner.ui.cells import ROLE, CellModel, Index
from alignplanner.ui.editors.common import describe
from alignplanner.ui.editors.row_changes import apply_change, classify

Transform = Callable[[Plan], Plan]


class PlanTableModel(CellModel):
    refused = Signal(int, int, str)  # row, column, why

    def __init__(self, document: PlanDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._plan = document.plan
        self._refusals: dict[tuple[int, int], str] = {}
        document.planChanged.connect(self._on_plan_changed)

    # -- what a subclass shows ---------------------------------------------------------

    def _rows(self, plan: Plan) -> Sequence[Any]:
        """The plan's items this table shows, one a row (each has an ``id``)."""
        raise NotImplementedError

    def _shown(self, plan: Plan) -> object:
        """All of ``plan`` that the cells show: while it stays equal, views need no news."""
        return self._rows(plan), self._context(plan)

    def _context(self, plan: Plan) -> object:
        """What cells show besides their own row's item (other rows' names, say): when it
        changes, every cell may have changed."""
        return ()

    def _changed_columns(self, old: Any, new: Any) -> list[int]:
        """The columns whose cells show something else for the row that was ``old`` and is
        ``new`` (its context unchanged); by default all of them."""
        return list(range(len(self.titles)))

    # -- document --------------------------------------------------------------------

    def _on_plan_changed(self, change: tuple[Plan, Plan]) -> None:
        new = change[1]
        if self._shown(new) == self._shown(self._plan):
            self._plan = new  # e.g. a target edit: nothing here to tell the views
            return
        self._refusals.clear()
        old = self._plan
        how = classify([r.id for r in self._rows(old)], [r.id for r in self._rows(new)])
        if how.kind == "same" and self._context(old) == self._context(new):
            self._plan = new
            self._announce_rows(self._rows(old), self._rows(new))
            return
        apply_change(self, how, lambda: setattr(self, "_plan", new))

    def _announce_rows(self, old: Sequence[Any], new: Sequence[Any]) -> None:
        """Tell the views only about the cells that show something new: an edit of one
        value repaints one cell, not the table (which would cost the edit its frame)."""
        for row, (before, after) in enumerate(zip(old, new, strict=True)):
            if before == after:
                continue
            columns = self._changed_columns(before, after)
            if columns:
                self.dataChanged.emit(self.index(row, min(columns)),
                                      self.index(row, max(columns)))

    # -- reading ---------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows(self._plan))

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        """A refused edit's reason is its cell's tooltip until the next change."""
        if role == ROLE.ToolTipRole and index.isValid():
            refused = self._refusals.get((index.row(), index.column()))
            if refused:
                return refused
        return super().data(index, role)

    # -- editing ---------------------------------------------------------------------

    def _edit(self, row: int, column: int, value: Any, *, field: str, text: str,
              make: Callable[[], Transform], key: Hashable) -> bool:
        """Send one cell's new value through the document as the undo step ``text``;
        ``field`` leads the reason when ``make()`` cannot read the value or the plan
        refuses it."""
        try:
            transform = make()
        except (TypeError, ValueError):
            return self._refuse(row, column, f"{field}: {value!r} is not a number")
        problems = self._document.edit(text, transform, key)
        return not problems or self._refuse(row, column, describe(problems, field))

    def refuse_typed(self, row: int, column: int, why: str) -> None:
        """The text typed in the cell at (``row``, ``column``) is not a value: say ``why``,
        led by the row and the column, as the plan's refusals are ("MQL · Days: ...")."""
        rows = self._rows(self._plan)
        item = rows[row] if 0 <= row < len(rows) else None
        label = (getattr(item, "name", "") or getattr(item, "label", "")
                 or getattr(item, "id", ""))
        title = self.titles[column] if 0 <= column < len(self.titles) else ""
        field = " \u00b7 ".join(part for part in (str(label), title) if part)
        self._refuse(row, column, f"{field}: {why}" if field else why)

    def _refuse(self, row: int, column: int, message: str) -> bool:
        self._refusals[(row, column)] = message
        cell = self.index(row, column)
        self.dataChanged.emit(cell, cell, [ROLE.ToolTipRole])
        self.refused.emit(row, column, message)
        return False
