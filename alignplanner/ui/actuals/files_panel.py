"""The exports of an import: a list (Add file…, Remove) and the first rows of the one
selected, each file with what its columns were guessed (or saved) to mean."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from alignplanner.contract.actuals.guess import guess_file, guess_stages, stage_values
from alignplanner.contract.actuals.mapping import FileMapping
from alignplanner.contract.actuals.result import ActualsError
from alignplanner.contract.actuals.sniff import Preview, preview
from alignplanner.ui import wording
from alignplanner.ui.actuals.prompts import ActualsPrompts
from alignplanner.ui.actuals.session import PlanStages, problem_lines

PREVIEW_ROWS = 2000  # read for the stage values; the table shows the first SHOWN_ROWS
SHOWN_ROWS = 8


@dataclass
class Entry:
    """One export: its first rows, the kind it looked like, its mapping, and the stage
    values of its first rows with their guessed meaning."""

    preview: Preview
    kind: str
    file: FileMapping
    stages: dict[str, str] = field(default_factory=dict)


class FilesPanel(QWidget):
    selected = Signal()  # another file is shown (or the first was added)
    emptied = Signal()

    def __init__(self, prompts: ActualsPrompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.entries: list[Entry] = []
        self._stages = PlanStages((), (), {})
        self.list = QListWidget(self)
        self.list.setAccessibleName("Exports")
        self.add_button = QPushButton(wording.ADD_FILE_BUTTON, self)
        self.remove_button = QPushButton(wording.REMOVE_FILE_BUTTON, self)
        self.table = QTableWidget(self)
        self.table.setAccessibleName("First rows")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName(wording.ACTUALS_LABELS["sheet"])
        self.sheet_label = QLabel(wording.ACTUALS_LABELS["sheet"], self)
        self.sheet_label.setBuddy(self.sheet)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.list, 0, 0, 1, 2)
        grid.addWidget(self.add_button, 1, 0)
        grid.addWidget(self.remove_button, 1, 1)
        grid.addWidget(self.sheet_label, 2, 0)
        grid.addWidget(self.sheet, 2, 1)
        grid.addWidget(self.notes, 3, 0, 1, 2)
        grid.addWidget(self.table, 0, 2, 4, 1)
        grid.setColumnStretch(2, 1)
        self.list.setMaximumWidth(340)
        self.add_button.clicked.connect(self.ask_files)
        self.remove_button.clicked.connect(self.remove_current)
        self.list.currentRowChanged.connect(self._row_changed)
        self.remove_button.setEnabled(False)
        self.sheet.currentIndexChanged.connect(lambda _i: self._sheet_chosen())
        self._show_sheets(None)

    def set_stages(self, stages: PlanStages) -> None:
        self._stages = stages

    def note(self, text: str) -> None:
        self.notes.setText(text)

    def current(self) -> Entry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # -- adding and removing -------------------------------------------------------------

    def ask_files(self) -> None:
        start = Path(self.entries[-1].file.path).parent if self.entries else None
        problems = [line for path in self.prompts.ask_exports(start)
                    for line in self.add_file(path)]
        self.note("\n".join(problems))

    def add_file(self, path: Path, saved: FileMapping | None = None) -> list[str]:
        """Add the export at ``path`` with its guessed mapping (or ``saved``); the lines
        saying why it cannot be read, if it cannot."""
        try:
            shown = preview(str(path), PREVIEW_ROWS, sheet=saved.sheet if saved else None)
        except ActualsError as exc:
            return problem_lines(exc)
        s = self._stages
        guess = guess_file(shown, s.ids, s.names, known=s.known, slas=s.slas)
        file = saved or guess.file
        stages = dict(guess.stages) if saved is None else self._values(shown, file)
        self.entries.append(Entry(shown, guess.kind, file, stages))
        self.list.addItem(path.name)
        self.list.item(self.list.count() - 1).setToolTip(str(path))
        self.list.setCurrentRow(self.list.count() - 1)
        self.remove_button.setEnabled(True)
        return []

    def add_saved(self, files: Sequence[FileMapping]) -> list[str]:
        return [line for f in files for line in self.add_file(Path(f.path), f)]

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        del self.entries[row]
        self.list.takeItem(row)
        self.remove_button.setEnabled(bool(self.entries))
        if not self.entries:
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self._show_sheets(None)
            self.emptied.emit()

    def update_current(self, file: FileMapping) -> None:
        """The person changed what the shown file's columns mean."""
        entry = self.current()
        if entry is None:
            return
        stage_changed = (file.stage, dict(file.where)) != (entry.file.stage,
                                                           dict(entry.file.where))
        entry.file = file
        if stage_changed:
            entry.stages = self._values(entry.preview, file)

    def _sheet_chosen(self) -> None:
        """Another sheet of the shown workbook: its rows, guessed afresh."""
        entry, sheet = self.current(), self.sheet.currentData()
        if entry is None or not sheet or sheet == (entry.file.sheet or entry.preview.sheets[0]):
            return
        try:
            shown = preview(entry.preview.path, PREVIEW_ROWS, sheet=sheet)
        except ActualsError as exc:
            self.note("\n".join(problem_lines(exc)))
            return
        s = self._stages
        guess = guess_file(shown, s.ids, s.names, known=s.known, slas=s.slas)
        entry.preview, entry.kind = shown, guess.kind
        entry.file, entry.stages = replace(guess.file, sheet=sheet), dict(guess.stages)
        self._row_changed(self.list.currentRow())

    def _show_sheets(self, entry: Entry | None) -> None:
        sheets = entry.preview.sheets if entry is not None else ()
        with QSignalBlocker(self.sheet):
            self.sheet.clear()
            for name in sheets:
                self.sheet.addItem(name, name)
            if entry is not None and sheets:
                self.sheet.setCurrentIndex(max(self.sheet.findData(entry.file.sheet or sheets[0]),
                                               0))
        for widget in (self.sheet, self.sheet_label):
            widget.setVisible(len(sheets) > 1)

    def _values(self, shown: Preview, file: FileMapping) -> dict[str, str]:
        s = self._stages
        return guess_stages(stage_values(shown, file), s.ids, s.names, known=s.known)

    # -- the first rows ------------------------------------------------------------------

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self._show_rows(self.entries[row].preview)
            self._show_sheets(self.entries[row])
            self.selected.emit()

    def _show_rows(self, shown: Preview) -> None:
        rows = shown.rows[:SHOWN_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(shown.header))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(list(shown.header))
        for r, row in enumerate(rows):
            for c, text in enumerate(row[:len(shown.header)]):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))


__all__ = ["Entry", "FilesPanel"]
