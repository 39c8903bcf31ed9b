"""The tables beside the charts: every driver's range, outcomes, elasticity and share of
the variance, and the volume at the top of the funnel for 50/80/90% confidence. Every
number cell has a tooltip saying what it means."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from alignplanner.ui.uncertainty.worker import Findings
from alignplanner.ui.wording import percent
from alignplanner.ui.wording.uncertainty import (
    DRIVER_COLUMNS,
    NO_DRAWS,
    VOLUME_COLUMNS,
    bar_tip,
    driver_label,
    driver_value,
    elasticity_tip,
    outcome_value,
    share_tip,
    volume_ratio,
    volume_tip,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FigureTable(QTableWidget):
    """A read-only table whose rows are replaced as a whole."""

    def __init__(self, columns: Sequence[str]) -> None:
        super().__init__(0, len(columns))
        self.setHorizontalHeaderLabels(list(columns))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def set_rows(self, rows: Sequence[Sequence[tuple[str, str]]]) -> None:
        """Each cell is (text, tooltip); the first column is a name, the rest numbers."""
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (text, tip) in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c:
                    item.setTextAlignment(RIGHT)
                self.setItem(r, c, item)
        self.resizeColumnsToContents()

    def _cells(self) -> list[list[QTableWidgetItem]]:
        rows = []
        for r in range(self.rowCount()):
            row = [self.item(r, c) for c in range(self.columnCount())]
            rows.append([item for item in row if item is not None])
        return rows

    def texts(self) -> list[list[str]]:
        return [[item.text() for item in row] for row in self._cells()]

    def tips(self) -> list[list[str]]:
        return [[item.toolTip() for item in row] for row in self._cells()]


class DriverTable(FigureTable):
    def __init__(self) -> None:
        super().__init__(DRIVER_COLUMNS)

    def show_findings(self, findings: Findings) -> None:
        plan, outcome = findings.plan, findings.outcome
        shares = findings.simulation.variance_shares()
        rows = []
        for b in findings.bars:
            tip = bar_tip(plan, outcome, b)
            share = shares.get(b.driver)
            rows.append([
                (driver_label(plan, b.driver), tip),
                (driver_value(plan, b.driver, b.low), f"The driver's low value.\n{tip}"),
                (driver_value(plan, b.driver, b.high), f"The driver's high value.\n{tip}"),
                (outcome_value(plan, outcome, b.outcome_low),
                 f"The outcome with the driver low.\n{tip}"),
                (outcome_value(plan, outcome, b.outcome_high),
                 f"The outcome with the driver high.\n{tip}"),
                (f"{b.elasticity:+.2f}", elasticity_tip(b.elasticity)),
                (percent(round(share, 3)) if share is not None else NO_DRAWS, share_tip(share)),
            ])
        self.set_rows(rows)


class VolumeTable(FigureTable):
    def __init__(self) -> None:
        super().__init__(VOLUME_COLUMNS)

    def show_findings(self, findings: Findings) -> None:
        sim = findings.simulation
        planned = sim.top_volume
        rows = []
        for confidence, volume in sim.volume_needed().items():
            tip = volume_tip(confidence, volume, planned)
            rows.append([(percent(confidence), tip),
                         (f"{volume:,.0f}" if volume != float("inf") else NO_DRAWS, tip),
                         (volume_ratio(volume, planned),
                          f"Change against the plan's {planned:,.0f} net-new units.\n{tip}")])
        self.set_rows(rows)
