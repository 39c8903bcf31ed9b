"""The Review tab's small tables: read-only, sized to their rows, each cell's meaning in
its header's tooltip, numbers right-aligned, shortfalls in the warning colour."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from alignplanner.ui.editors.common import scaled_font
from alignplanner.ui.theme import WARNING_COLOR

Cell = str | tuple[str, str]  # text, or (text, tooltip)


class ReviewTable(QTableWidget):
    """A table of text cells; the first ``left`` columns are text, the rest numbers."""

    def __init__(self, head: Sequence[str], tips: Sequence[str] = (), *, left: int = 1,
                 name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(0, len(head), parent)
        self.left = left
        self.setAccessibleName(name)
        self.setHorizontalHeaderLabels(list(head))
        for i, tip in enumerate(tips):
            item = self.horizontalHeaderItem(i)
            if item is not None:
                item.setToolTip(tip)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setFont(scaled_font(self.font(), 1.1))
        header = self.horizontalHeader()
        header.setFont(scaled_font(self.font(), 1.0, bold=True))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fill(self, rows: Sequence[Sequence[Cell]], behind: Sequence[bool] = ()) -> None:
        """Put ``rows`` in place; a row flagged in ``behind`` shows in the warning colour."""
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                text, tip = cell if isinstance(cell, tuple) else (cell, "")
                item = QTableWidgetItem(text)
                if tip:
                    item.setToolTip(tip)
                if c >= self.left:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if r < len(behind) and behind[r] and c >= self.left:
                    item.setForeground(QBrush(QColor(WARNING_COLOR)))
                self.setItem(r, c, item)
        self.resizeColumnsToContents()
        self.resizeRowsToContents()
        height = (self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
                  + sum(self.rowHeight(r) for r in range(self.rowCount()))
                  + self.horizontalScrollBar().sizeHint().height())
        self.setFixedHeight(height)  # every row shows; the page scrolls, not the table

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return "" if item is None else item.text()


__all__ = ["Cell", "ReviewTable"]
