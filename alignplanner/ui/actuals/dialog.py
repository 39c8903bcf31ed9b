"""File > Import actuals…: the exports, what their columns and stage values mean, and the
import itself, read on a worker thread with a progress bar and a Cancel button.

Every guess is shown with what it means in plain words, and every choice can be
corrected. Save mapping writes it beside the plan (``<plan>.actuals.toml``), and the
dialog opens with it next week. A refused import shows its problems (file, line,
column) in the dialog and changes nothing; values it found unmapped join the stage
table for the room to map.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QWidget,
)

from alignplanner.contract.actuals.mapping import FileMapping, Mapping
from alignplanner.contract.actuals.result import ActualsError
from alignplanner.document.document import PlanDocument
from alignplanner.ui import wording
from alignplanner.ui.actuals import session
from alignplanner.ui.actuals.columns import ColumnForm
from alignplanner.ui.actuals.files_panel import FilesPanel
from alignplanner.ui.actuals.prompts import ActualsPrompts
from alignplanner.ui.actuals.stage_map import StageMapTable
from alignplanner.ui.actuals.worker import Imported, ImportJob
from alignplanner.ui.editors.common import ErrorLabel, scaled_font


class ImportDialog(QDialog):
    """The import of one plan's actuals; ``imported`` carries what a good import gave."""

    imported = Signal(object)  # Imported

    def __init__(self, document: PlanDocument, prompts: ActualsPrompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(wording.ACTUALS_TITLE)
        self.setModal(False)
        self.document = document
        self.prompts = prompts
        self.stages = session.plan_stages(document.plan)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: ImportJob | None = None
        self._build()
        self.files.selected.connect(self._show_file)
        self.files.emptied.connect(self._explain)
        self.columns.changed.connect(self._columns_changed)
        self.files.set_stages(self.stages)
        self._load_saved()
        self.resize(1200, 680)

    def _build(self) -> None:
        font = self.font()
        self.setFont(scaled_font(font, 1.1))
        self.files = FilesPanel(self.prompts, self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("What the guesses mean")
        self.columns = ColumnForm(self)
        self.columns.set_stages(self.stages.ids, self.stages.names)
        self.columns.set_slas(self.document.plan)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns)
        self.stage_map = StageMapTable(self)
        self.stage_map.set_stages(self.stages.ids, self.stages.names)
        self.as_of_check = QCheckBox(wording.AS_OF_LABEL, self)
        self.as_of_check.setToolTip(wording.AS_OF_TIP)
        self.as_of = QDateEdit(QDate.currentDate(), self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("d MMM yyyy")
        self.as_of.setEnabled(False)
        self.as_of_check.toggled.connect(self.as_of.setEnabled)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.message = ErrorLabel(self)
        self.message.setAccessibleName("Import message")
        self.save_button = QPushButton(wording.SAVE_MAPPING_BUTTON, self)
        self.import_button = QPushButton(wording.IMPORT_BUTTON, self)
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(wording.ACTUALS_LABELS["cancel"], self)
        self.save_button.clicked.connect(self.save_mapping)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self._place(scroll)

    def _place(self, scroll: QScrollArea) -> None:
        grid = QGridLayout(self)
        grid.addWidget(self.files, 0, 0, 1, 2)
        grid.addWidget(_caption(wording.ACTUALS_LABELS["meaning"], self), 1, 0, 1, 2)
        grid.addWidget(self.explanation, 2, 0, 1, 2)
        grid.addWidget(_caption(wording.ACTUALS_LABELS["columns"], self), 3, 0)
        grid.addWidget(_caption(wording.ACTUALS_LABELS["values"], self), 3, 1)
        grid.addWidget(scroll, 4, 0)
        grid.addWidget(self.stage_map, 4, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(4, 4)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.message, 5, 0, 1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.as_of_check)
        bottom.addWidget(self.as_of)
        bottom.addWidget(self.progress, 1)
        bottom.addStretch()
        for button in (self.save_button, self.import_button, self.cancel_button):
            bottom.addWidget(button)
        grid.addLayout(bottom, 6, 0, 1, 2)

    # -- the files -----------------------------------------------------------------------

    def _load_saved(self) -> None:
        """Open with the plan's saved mapping, when there is one."""
        path = session.mapping_path(self.document.path)
        if path is None or not path.is_file():
            return
        from alignplanner.contract.actuals.mapping_file import read_mapping

        try:
            mapping = read_mapping(str(path))
        except ActualsError as exc:
            self.message.show_message("\n".join(session.problem_lines(exc)))
            return
        if mapping.as_of is not None:
            self.as_of_check.setChecked(True)
            self.as_of.setDate(QDate(mapping.as_of.year, mapping.as_of.month, mapping.as_of.day))
        self.stage_map.set_mapping(mapping.stages)
        problems = self.files.add_saved(session.absolute(mapping))
        if problems:
            self.message.show_message("\n".join(problems))

    def _show_file(self) -> None:
        entry = self.files.current()
        if entry is None:
            return
        self.columns.show_file(entry.preview.header, entry.file)
        self.stage_map.add_values(entry.stages.items())
        self._explain()

    def _columns_changed(self) -> None:
        file = self.columns.file_mapping()
        if file is not None:
            self.files.update_current(file)
            entry = self.files.current()
            if entry is not None:
                self.stage_map.add_values(entry.stages.items())
        self._explain()

    def _explain(self) -> None:
        entry = self.files.current()
        if entry is None:
            self.explanation.setText("")
            return
        names = dict(zip(self.stages.ids, self.stages.names, strict=True))
        lines = wording.explain_mapping(entry.kind, entry.file, names, self.columns.sla_names)
        self.explanation.setText("".join(f"\u2022 {html.escape(line)}<br>" for line in lines))
        self.columns.set_caption_for(entry.file)

    # -- save and import -------------------------------------------------------------------

    def mapping(self, folder: Path | None = None) -> Mapping:
        """What the dialog says now, as a mapping (paths relative to ``folder`` if given)."""
        as_of = self.as_of.date().toPython() if self.as_of_check.isChecked() else None
        assert as_of is None or isinstance(as_of, date)
        files: list[FileMapping] = [entry.file for entry in self.files.entries]
        return session.build_mapping(files, self.stage_map.mapping(), as_of, folder=folder)

    def save_mapping(self) -> Path | None:
        """Write the mapping beside the plan (asking where for an unsaved plan)."""
        from alignplanner.contract.actuals.mapping_file import write_mapping

        path = session.mapping_path(self.document.path)
        if path is None:
            path = self.prompts.ask_mapping_path(None)
            if path is None:
                return None
        try:
            write_mapping(self.mapping(path.parent), str(path))
        except (OSError, ActualsError) as exc:
            self.message.show_message(wording.ACTUALS_LABELS["not_saved"].format(name=path.name,
                                                                         reason=exc))
            return None
        self.message.clear_message()
        self.files.note(wording.ACTUALS_LABELS["saved"].format(name=path.name))
        return path

    def start_import(self) -> None:
        if self.job is not None:
            return
        if not self.files.entries:
            self.message.show_message(wording.ACTUALS_LABELS["no_file"])
            return
        unchosen = self.stage_map.unchosen()
        if unchosen:
            self.message.show_message(f"{wording.UNMAPPED} ({', '.join(unchosen)})")
            return
        self.message.clear_message()
        mapping = self.mapping()
        self.job = ImportJob(mapping, self.document.plan)  # as of the mapping's date
        self.job.signals.progress.connect(self._progress)
        self.job.signals.done.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        self.job.signals.cancelled.connect(self._cancelled)
        self._running(True)
        self.pool.start(self.job)

    def _running(self, running: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(running)
        self.progress.setFormat(wording.READING + " %p%")
        for widget in (self.import_button, self.save_button, self.files, self.columns,
                       self.stage_map):
            widget.setEnabled(not running)

    def _progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _finish(self) -> None:
        self.pool.waitForDone()
        self.job = None
        self._running(False)

    def _done(self, result: Imported) -> None:
        self._finish()
        self.imported.emit(result)
        self.accept()

    def _failed(self, error: ActualsError) -> None:
        self._finish()
        unmapped = session.unmapped_values(error)
        if unmapped:
            self.stage_map.add_values((value, "") for value in unmapped)
            self.stage_map.show_value(unmapped[0])
        lines = session.problem_lines(error)
        head = wording.UNMAPPED if unmapped else wording.NOT_IMPORTED
        self.message.show_message("\n".join([head, *lines[:12]]))

    def _cancelled(self) -> None:
        self._finish()
        self.message.show_message(wording.CANCELLED)

    def reject(self) -> None:
        """Cancel (or Escape): stop a read that runs, else close."""
        if self.job is not None:
            self.job.cancel()
        else:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            self.job.cancel()
            self.pool.waitForDone()
        super().closeEvent(event)


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>", parent)
    return label


__all__ = ["ImportDialog"]
