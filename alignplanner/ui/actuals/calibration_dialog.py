"""Calibrate the plan from history: a table per figure (conversions, lags, deal sizes)
with the plan's value, the history's with its 80% interval and n, the difference and,
for a source, its rate shrunk towards the pooled one; tick rows and accept them, or all,
each accept one undoable edit of the plan that also records where the numbers came
from (the plan file's ``[[calibration]]``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from alignplanner.contract.actuals.plan_link import windows
from alignplanner.contract.actuals.provenance import history_files
from alignplanner.contract.errors import os_reason
from alignplanner.document.document import PlanDocument
from alignplanner.domain.calibration.figures import Calibration, Figure, Kind
from alignplanner.domain.calibration.history import calibrate
from alignplanner.domain.calibration.provenance import HistoryFile
from alignplanner.domain.edits.calibration import accept, provenance
from alignplanner.domain.extras import Extras
from alignplanner.ui import wording
from alignplanner.ui.actuals.calibration_model import CalibrationModel
from alignplanner.ui.actuals.worker import Imported
from alignplanner.ui.editors.common import scaled_font

KINDS: tuple[Kind, ...] = ("conversion", "lag", "deal_size")


class CalibrationDialog(QDialog):
    """The figures of ``document``'s plan against ``imported``'s history."""

    def __init__(self, document: PlanDocument, imported: Imported,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(wording.CALIBRATE_TITLE)
        self.document = document
        self.imported = imported
        self.calibration: Calibration | None = None
        names = [Path(f.path).name for f in imported.actuals.files]
        self.heading = QLabel(wording.calibration_heading(
            imported.estimates.as_of.isoformat(), names), self)
        self.heading.setFont(scaled_font(self.font(), 1.2, bold=True))
        self.heading.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.models: dict[Kind, CalibrationModel] = {}
        self.tables: dict[Kind, QTableView] = {}
        for kind, title in zip(KINDS, wording.CALIBRATE_TABS, strict=True):
            model = CalibrationModel(kind, document.plan.currency)
            table = QTableView(self)
            table.setModel(model)
            table.setAccessibleName(title)
            table.setAlternatingRowColors(True)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setWordWrap(False)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
            self.models[kind], self.tables[kind] = model, table
            self.tabs.addTab(table, title)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.accept_selected = QPushButton(wording.ACCEPT_SELECTED, self)
        self.accept_selected.setToolTip(wording.ACCEPT_SELECTED_TIP)
        self.accept_all = QPushButton(wording.ACCEPT_ALL, self)
        self.accept_all.setToolTip(wording.ACCEPT_ALL_TIP)
        self.close_button = QPushButton(wording.CALIBRATE_CLOSE, self)
        self.accept_selected.clicked.connect(lambda: self.accept_figures(self.ticked()))
        self.accept_all.clicked.connect(lambda: self.accept_figures(self.acceptable()))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.accept_selected)
        buttons.addWidget(self.accept_all)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(1120, 560)
        document.planChanged.connect(lambda _change: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """The figures against the plan as it is now (after an accept, an undo, an edit)."""
        plan = self.document.plan
        events = self.imported.actuals.events
        if tuple(events.stages) != plan.stage_ids:
            self.calibration = None
            for model in self.models.values():
                model.set_figures(())
            self.note.setText(wording.CALIBRATE_STALE)
            self.accept_all.setEnabled(False)
            self.accept_selected.setEnabled(False)
            return
        self.calibration = calibrate(plan, events, self.imported.estimates.as_of, windows(plan))
        for kind, model in self.models.items():
            model.set_figures(self.calibration.of_kind(kind))
        self.accept_all.setEnabled(bool(self.acceptable()))
        self.accept_selected.setEnabled(True)

    def ticked(self) -> list[Figure]:
        return [f for model in self.models.values() for f in model.chosen()]

    def acceptable(self) -> list[Figure]:
        return [f for model in self.models.values() for f in model.acceptable()]

    def _files(self) -> tuple[HistoryFile, ...]:
        try:
            return history_files(self.imported.actuals)
        except OSError as exc:
            self.note.setText(f"The exports could not be read again to name them: "
                              f"{os_reason(exc)}")
            return ()

    def accept_figures(self, figures: Sequence[Figure]) -> None:
        """Put ``figures`` in the plan as one undoable step, with their provenance."""
        if not figures:
            self.note.setText("Tick the rows to accept first.")
            return
        chosen = list(figures)
        files = self._files()
        as_of = self.imported.estimates.as_of

        # a stage's conversion taken from n records is as sure as those n in the Monte Carlo
        counts = {f.stage: float(f.estimate.n) for f in chosen if f.kind == "conversion"
                  and f.source is None and f.estimate is not None and f.estimate.n > 0}

        def recorded(extras: Extras) -> Extras:
            entries = provenance(chosen, as_of, date.today(), files)
            return extras.with_changes(calibration=extras.calibration.with_entries(entries),
                                       uncertainty=extras.uncertainty.with_observations(counts))

        problems = self.document.edit_with_extras(
            wording.accepted_text(len(chosen)), lambda plan: accept(plan, chosen), recorded)
        if problems:
            self.note.setText("; ".join(p.message for p in problems))
            return
        self.note.setText(f"{wording.accepted_text(len(chosen))}: done (Edit \u203a Undo "
                          "puts the plan back).")


__all__ = ["KINDS", "CalibrationDialog"]
