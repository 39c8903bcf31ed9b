"""Which plan stage each CRM stage value means: a row per value, a chooser per row
(a plan stage, Lost, Ignore, or not chosen yet). Values nobody has chosen for are
marked, so the room sees at once what is left to decide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from alignplanner.contract.actuals.mapping import IGNORE_VALUE, LOST_VALUE
from alignplanner.ui import wording
from alignplanner.ui.theme import WARNING_COLOR


class StageMapTable(QTableWidget):
    """CRM value -> plan stage, "lost", "ignore" or "" (not chosen)."""


    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(list(wording.STAGE_TABLE_TITLES))
        self.setAccessibleName("Stage mapping")
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._choices: list[tuple[str, str]] = []
        self._values: list[str] = []

    def set_stages(self, ids: Sequence[str], names: Sequence[str]) -> None:
        self._choices = [(wording.CHOOSE, ""), *zip(names, ids, strict=True),
                         (wording.LOST_LABEL, LOST_VALUE), (wording.IGNORE_LABEL, IGNORE_VALUE)]

    def set_mapping(self, stages: Mapping[str, str]) -> None:
        """Show exactly ``stages`` (value -> choice)."""
        self.setRowCount(0)
        self._values = []
        self.add_values(stages.items())

    def add_values(self, items: Iterable[tuple[str, str]]) -> None:
        """Add the values not shown yet, each with its choice (existing rows keep theirs)."""
        for value, choice in items:
            if value in self._values:
                continue
            row = self.rowCount()
            self.insertRow(row)
            self._values.append(value)
            self.setItem(row, 0, QTableWidgetItem(value))
            box = QComboBox(self)
            box.setAccessibleName(f"Stage for {value}")
            for label, code in self._choices:
                box.addItem(label, code)
            box.setCurrentIndex(max(box.findData(choice), 0))
            box.currentIndexChanged.connect(lambda _i, r=row: self._mark(r))
            self.setCellWidget(row, 1, box)
            self._mark(row)

    def _mark(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            item.setForeground(QColor(WARNING_COLOR) if not self.choice(row)
                              else self.palette().text())

    def choice(self, row: int) -> str:
        box = self.cellWidget(row, 1)
        return str(box.currentData()) if isinstance(box, QComboBox) else ""

    def box(self, value: str) -> QComboBox:
        widget = self.cellWidget(self._values.index(value), 1)
        assert isinstance(widget, QComboBox)
        return widget

    def show_value(self, value: str) -> None:
        """Scroll ``value``'s row into view (a value the import refused, to choose for)."""
        item = self.item(self._values.index(value), 0)
        if item is not None:
            self.scrollToItem(item)

    def mapping(self) -> dict[str, str]:
        """Every value shown -> its choice ("" where none is chosen)."""
        return {value: self.choice(row) for row, value in enumerate(self._values)}

    def unchosen(self) -> list[str]:
        return [value for value, choice in self.mapping().items() if not choice]


__all__ = ["StageMapTable"]
