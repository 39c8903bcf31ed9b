"""CellModel: a table model whose cells answer each role through one method.

Qt asks a model's ``data(index, role)`` for every role of every cell it paints. The
dispatch on the role is written here once: a subclass implements the cell methods it
needs (`display`, `edit_value`, `tooltip`, `decoration`, `font`, `foreground`,
`check_state`, `alignment`), each ``(row, column) -> value``, None where it has nothing
to say, and the column titles, help and numeric columns as class attributes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_CELL_METHODS = {
    ROLE.DisplayRole: "display",
    ROLE.EditRole: "edit_value",
    ROLE.ToolTipRole: "tooltip",
    ROLE.DecorationRole: "decoration",
    ROLE.FontRole: "font",
    ROLE.ForegroundRole: "foreground",
    ROLE.CheckStateRole: "check_state",
    ROLE.TextAlignmentRole: "alignment",
}


class CellModel(QAbstractTableModel):
    """Rows of items, columns with a title and a help text each."""

    titles: tuple[str, ...] = ()
    help: tuple[str, ...] = ()
    numeric: frozenset[int] = frozenset()

    def row_count(self) -> int:
        """How many rows the table has now."""
        raise NotImplementedError

    # -- what Qt asks --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = ROLE.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.titles):
            return None
        if role == ROLE.DisplayRole:
            return self.titles[section]
        if role == ROLE.ToolTipRole:
            return self.help[section]
        if role == ROLE.TextAlignmentRole:
            return self.alignment(-1, section)
        return None

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        method = _CELL_METHODS.get(ROLE(role)) if index.isValid() else None
        if method is None:
            return None
        return getattr(self, method)(index.row(), index.column())

    # -- the cells: each None unless a subclass says more ----------------------------------

    def display(self, row: int, column: int) -> Any:
        return None

    def edit_value(self, row: int, column: int) -> Any:
        return None

    def tooltip(self, row: int, column: int) -> Any:
        """The column's help, unless a subclass says more about the cell."""
        return self.help[column]

    def decoration(self, row: int, column: int) -> Any:
        return None

    def font(self, row: int, column: int) -> Any:
        return None

    def foreground(self, row: int, column: int) -> Any:
        return None

    def check_state(self, row: int, column: int) -> Any:
        return None

    def alignment(self, row: int, column: int) -> Any:
        """Numbers right, text left (``row`` is -1 for the header)."""
        return RIGHT if column in self.numeric else LEFT


__all__ = ["LEFT", "RIGHT", "ROLE", "CellModel", "Index"]
