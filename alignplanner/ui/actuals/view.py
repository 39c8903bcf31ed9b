"""The Actuals tab: how the funnel really converted, from the last import.

As of when, how many records, one row per transition (all sources, or one), the files
read (rows, encoding, date order, what was skipped) and the warnings; "Calibrate plan…"
opens the figures of the plan against this history (`calibration_dialog`). The estimates are
not part of the plan: the tab shows the feature's last import and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.actuals.calibration_dialog import CalibrationDialog
from alignplanner.ui.actuals.session import plan_stages
from alignplanner.ui.actuals.transition_model import TransitionModel
from alignplanner.ui.actuals.worker import Imported
from alignplanner.ui.editors.common import scaled_font


class ActualsView(QWidget):
    """The last import's figures; `show_import` puts a new one in place."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.imported: Imported | None = None
        self.heading = QLabel(wording.NO_ACTUALS, self)
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(self.font(), 1.35, bold=True))
        self.import_button = QPushButton(wording.IMPORT_ACTUALS.replace("&", ""), self)
        self.calibrate_button = self._calibrate_button()
        self.source = QComboBox(self)
        self.source.setAccessibleName("Source")
        self.source.setMinimumContentsLength(16)
        self.source_label = QLabel(wording.ACTUALS_LABELS["source"], self)
        self.source_label.setBuddy(self.source)
        self.model = TransitionModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setFont(scaled_font(self.font(), 1.15))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setFont(scaled_font(self.font(), 1.1, bold=True))
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(self.table.fontMetrics().height() * 1.7))  # air
        self.table.setWordWrap(False)
        self.files = QLabel(self)
        self.files.setWordWrap(True)
        self.files.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName("Actuals warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setFont(scaled_font(self.font(), 1.1))
        self.source.currentIndexChanged.connect(lambda _i: self._show_source())
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.source_label)
        top.addWidget(self.source)
        top.addWidget(self.calibrate_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.files_caption = QLabel(f"<b>{wording.ACTUALS_LABELS['files']}</b>", self)
        self.warnings_caption = QLabel(f"<b>{wording.ACTUALS_LABELS['warnings']}</b>", self)
        layout.addWidget(self.files_caption)
        layout.addWidget(self.files)
        layout.addWidget(self.warnings_caption)
        layout.addWidget(self.warnings, 2)
        self._set_visible(False)

    def _calibrate_button(self) -> QPushButton:
        button = QPushButton(wording.CALIBRATE_BUTTON, self)
        button.setToolTip(wording.CALIBRATE_TIP)
        button.clicked.connect(self.open_calibration)
        self.calibration: CalibrationDialog | None = None
        return button

    def _set_visible(self, shown: bool) -> None:
        for widget in (self.table, self.files, self.warnings, self.source, self.source_label,
                       self.files_caption, self.warnings_caption, self.calibrate_button):
            widget.setVisible(shown)

    def show_import(self, imported: Imported) -> None:
        self.imported = imported
        est, actuals = imported.estimates, imported.actuals
        self.heading.setText(wording.actuals_heading(est.as_of, est.records, len(actuals.files)))
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(wording.ALL_SOURCES, "")
        for name in est.by_source:
            self.source.addItem(name, name)
        self.source.blockSignals(False)
        self.files.setText("\n".join(
            wording.file_line(Path(f.path).name, f.rows, f.encoding, f.date_order,
                              list(f.skipped.items())) for f in actuals.files))
        self.warnings.clear()
        said = list(dict.fromkeys([*actuals.warnings, *est.warnings]))
        self.warnings.addItems(said or [wording.ACTUALS_LABELS["none"]])
        self._set_visible(True)
        self._show_source()

    def _show_source(self) -> None:
        if self.imported is None:
            return
        est = self.imported.estimates
        source = self.source.currentData()
        rows = est.by_source.get(source, ()) if source else est.transitions
        self.model.set_transitions(rows, plan_stages(self.document.plan).name)
        self.table.resizeColumnsToContents()
        frame = 2 * self.table.frameWidth()
        scroll = self.table.horizontalScrollBar().sizeHint().height()
        height = (self.table.horizontalHeader().height() + frame + scroll
                  + sum(self.table.rowHeight(r) for r in range(self.model.rowCount())))
        self.table.setFixedHeight(height)  # every measure shows; the warnings take the rest

    def open_calibration(self) -> None:
        """The Calibrate dialog on the last import (a new import makes a new one)."""
        if self.imported is None:
            return
        if self.calibration is None or self.calibration.imported is not self.imported:
            if self.calibration is not None:
                self.calibration.deleteLater()
            self.calibration = CalibrationDialog(self.document, self.imported, self)
        self.calibration.show()
        self.calibration.raise_()

    def choose_source(self, name: str) -> None:
        self.source.setCurrentIndex(max(self.source.findData(name), 0))


__all__ = ["ActualsView"]
