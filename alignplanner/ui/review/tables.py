"""The Review tab's small tables: read-only, sized to their rows and no wider than their
columns, each cell's meaning in its header's tooltip, numbers right-aligned, shortfalls
in the warning colour."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from alignplanner.ui.charts.style import font
from alignplanner.ui.editors.common import scaled_font
from alignplanner.ui.theme import WARNING_COLOR, Theme

Cell = str | tuple[str, str]  # text, or (text, tooltip)


class ReviewTable(QTableWidget):
    """A table of text cells; the first ``left`` columns are text, the rest numbers."""

    def __init__(self, head: Sequence[str], tips: Sequence[str] = (), *, left: int = 1,
                 name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(0, len(head), parent)
        self.left = left
        self._width = 0  # the columns' width once filled
        self.setAccessibleName(name)
        self.set_head(head, tips)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setFont(scaled_font(self.font(), 1.1))
        header = self.horizontalHeader()
        header.setFont(scaled_font(self.font(), 1.0, bold=True))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)  # as wide as the columns, not the page
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def apply_theme(self, theme: Theme) -> None:
        self.setFont(font(theme, 1.0))
        self.horizontalHeader().setFont(font(theme, 0.95, bold=True))
        if self.rowCount():
            self._fit()

    def set_head(self, head: Sequence[str], tips: Sequence[str] = ()) -> None:
        """The columns' titles, each with what it means on hover."""
        self.setColumnCount(len(head))
        self.setHorizontalHeaderLabels(list(head))
        for i, tip in enumerate(tips):
            item = self.horizontalHeaderItem(i)
            if item is not None:
                item.setToolTip(tip)

    def fill(self, rows: Sequence[Sequence[Cell]],
             behind: Sequence[bool | Sequence[bool]] = ()) -> None:
        """Put ``rows`` in place; a row flagged in ``behind`` (or its cells flagged, one
        flag a column) shows its numbers in the warning colour."""
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
                flag = behind[r] if r < len(behind) else False
                red = flag if isinstance(flag, bool) else c < len(flag) and flag[c]
                if red and c >= self.left:
                    item.setForeground(QBrush(QColor(WARNING_COLOR)))
                self.setItem(r, c, item)
        self._fit()

    def _fit(self) -> None:
        self.resizeColumnsToContents()
        self.resizeRowsToContents()
        # No wider than its columns (a narrow page still scrolls the table sideways); the
        # layout puts it at the left (Qt.AlignLeft), so the numbers stay by their labels.
        self._width = self.horizontalHeader().length() + 2 * self.frameWidth()
        self.setMaximumWidth(self._width)
        self.updateGeometry()
        self._fit_height()

    def sizeHint(self) -> QSize:
        """As wide as the columns (the layout gives it that much when the page has it)."""
        hint = super().sizeHint()
        return QSize(self._width, hint.height()) if self._width else hint

    def _fit_height(self) -> None:
        """Every row shows (the page scrolls, not the table), and the scroll bar's room
        only when the columns are wider than the table."""
        header = self.horizontalHeader()
        wide = header.length() > self.viewport().width() + 1
        height = (header.sizeHint().height() + 2 * self.frameWidth()
                  + sum(self.rowHeight(r) for r in range(self.rowCount()))
                  + (self.horizontalScrollBar().sizeHint().height() if wide else 0))
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return "" if item is None else item.text()


__all__ = ["Cell", "ReviewTable"]
