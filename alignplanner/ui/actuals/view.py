"""The Actuals tab: how the funnel really converted, from the last import.

As of when, how many records, one row per transition (all sources, or one), the SLAs'
compliance from the exports' times (when they give times), this week against last week
(when the plan keeps an earlier week's snapshot), the files read (rows, encoding, date
order, what was skipped) and the warnings; "Calibrate plan…" opens the figures of the plan
against this history (`calibration_dialog`). The estimates are not part of the plan: the
tab shows the feature's last import and nothing else.
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
from alignplanner.domain.review.trend import week_on_week
from alignplanner.ui import wording
from alignplanner.ui.actuals.calibration_dialog import CalibrationDialog
from alignplanner.ui.actuals.review_models import SlaModel, WeekModel
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
        self.table = self._table(self.model, 1.15)
        self._review_tables()
        document.snapshotsChanged.connect(lambda _s: self._show_week())
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
        for widget in (self.week_caption, self.week_table, self.sla_caption, self.sla_none,
                       self.sla_table):
            layout.addWidget(widget)
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

    def _review_tables(self) -> None:
        """The SLAs' compliance and this week against last week, with their captions."""
        self.sla_model = SlaModel()
        self.sla_table = self._table(self.sla_model, 1.0)
        self.sla_table.setAccessibleName("SLA compliance")
        self.sla_caption = QLabel(f"<b>{wording.SLA_COMPLIANCE_CAPTION}</b>", self)
        self.sla_none = QLabel(wording.NO_SLA_TIMES, self)
        self.sla_none.setWordWrap(True)
        self.week_model = WeekModel()
        self.week_table = self._table(self.week_model, 1.0)
        self.week_table.setAccessibleName("This week against last week")
        self.week_caption = QLabel(self)

    def _table(self, model: TransitionModel | SlaModel | WeekModel, scale: float) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setFont(scaled_font(self.font(), scale))
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for header in (table.horizontalHeader(), table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setFont(scaled_font(self.font(), min(scale, 1.1), bold=True))
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(table.fontMetrics().height() * 1.7))  # air
        table.setWordWrap(False)
        return table

    def _set_visible(self, shown: bool) -> None:
        for widget in (self.table, self.files, self.warnings, self.source, self.source_label,
                       self.files_caption, self.warnings_caption, self.sla_caption,
                       self.sla_none, self.sla_table, self.week_caption, self.week_table,
                       self.calibrate_button):
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
        self._show_slas()
        self._show_week()

    def _show_slas(self) -> None:
        assert self.imported is not None
        plan = self.document.plan
        slas = {s.id: s for s in plan.slas}
        rows = [r for r in self.imported.slas if r.compliance.sla in slas]
        full = [slas[r.compliance.sla].name or r.compliance.sla for r in rows]
        self.sla_model.set_reviews(rows, [wording.sla_short_name(n) for n in full],
                                   [slas[r.compliance.sla].target for r in rows], full)
        self.sla_caption.setVisible(bool(plan.slas))
        self.sla_none.setVisible(bool(plan.slas) and not rows)
        self.sla_table.setVisible(bool(rows))
        _fit(self.sla_table)

    def _show_week(self) -> None:
        """This import against last week's snapshot, when the plan keeps one."""
        now = self.imported.snapshot if self.imported is not None else None
        changes = week_on_week(now, self.document.snapshots) if now is not None else {}
        name = plan_stages(self.document.plan).name
        rows = list(changes.values())
        self.week_model.set_changes(rows, [name(c.stage) for c in rows])
        for widget in (self.week_caption, self.week_table):
            widget.setVisible(bool(rows))
        if rows:
            self.week_caption.setText(f"<b>{wording.week_caption(rows[0].last_as_of)}</b>")
        _fit(self.week_table)

    def _show_source(self) -> None:
        if self.imported is None:
            return
        est = self.imported.estimates
        source = self.source.currentData()
        rows = est.by_source.get(source, ()) if source else est.transitions
        self.model.set_transitions(rows, plan_stages(self.document.plan).name)
        _fit(self.table)  # every measure shows; the warnings take the rest

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


def _fit(table: QTableView) -> None:
    """As tall as its rows (and a scroll bar's room), so that every row shows."""
    table.resizeColumnsToContents()
    frame = 2 * table.frameWidth()
    scroll = table.horizontalScrollBar().sizeHint().height()
    model = table.model()
    height = (table.horizontalHeader().height() + frame + scroll
              + sum(table.rowHeight(r) for r in range(model.rowCount())))
    table.setFixedHeight(height)


__all__ = ["ActualsView"]
