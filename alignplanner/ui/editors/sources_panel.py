"""SourcesPanel: the sourcing mix (inbound, outbound, partner, ...) and, for the selected
source, the stages where it converts differently from the funnel.

Ctrl+Shift+N (or Insert) adds a source, Delete removes the current one (undoable, so
nothing asks). A refused value never reaches the plan: the reason shows in red under the
table and as the cell's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Problem
from alignplanner.ui.editors import delegates as kinds
from alignplanner.ui.editors import source_model as cols
from alignplanner.ui.editors.common import (
    ErrorLabel,
    add_and_remove,
    editable_table,
    resize_on_row_changes,
    size_columns,
)
from alignplanner.ui.editors.overrides import OverridesEditor
from alignplanner.ui.editors.source_model import SourceTableModel
from alignplanner.ui.views import DocumentPanel


class SourcesPanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.model = SourceTableModel(document, self)
        self.table = self._make_table()
        self.error = ErrorLabel(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.overrides = OverridesEditor(document, self)

        self.add_action, self.remove_action, buttons = add_and_remove(
            self, self.table, "source", add_tip="Add a source of leads",
            remove_tip="Remove the current source; its share goes to the others",
            add=self._add, remove=self._remove)
        overrides_box = QGroupBox("Conversion overrides", self)
        QVBoxLayout(overrides_box).addWidget(self.overrides)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(overrides_box)

        self.model.refused.connect(self._on_refused)
        self.model.rowsInserted.connect(self._on_rows_inserted)
        resize_on_row_changes(self.model, lambda: size_columns(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self._fit_to_font()
        self._bind()

    def _fit_to_font(self) -> None:
        """Room for about five sources above the overrides, in the current font; columns
        and rows sized for it."""
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 10)
        size_columns(self.table)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: bigger type
            self._fit_to_font()

    def _make_table(self) -> QTableView:
        table = editable_table(self, self.model, "Sources")

        def entry_stages(_index: QModelIndex) -> list[tuple[str, str]]:
            return [(s.name, s.id) for s in self.document.plan.stages[:-1]]

        delegate = kinds.EditorDelegate(
            {cols.ENTERS: kinds.CHOICE, cols.SHARE: kinds.SHARE, cols.DEAL_SIZE: kinds.MONEY},
            entry_stages, table)  # type: ignore[arg-type]
        table.setItemDelegate(delegate)
        return table

    # -- document --------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        self.error.clear_message()
        self.hint.setText(
            f"All leads enter at {plan.stages[0].name}; add a source to split the target by "
            "channel" if not plan.sources else
            "Each source owns a share of the revenue target; changing one share rescales "
            "the others so that all add up to 100%")
        self.overrides.set_source_row(self.table.currentIndex().row())

    # -- slots: each calls the document ------------------------------------------------

    def _show(self, problems: list[Problem]) -> None:
        self.error.show_problems(problems)

    def _add(self) -> None:
        self._show(self.document.edit("Add source", source_edits.add_source))

    def _remove(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            source = self.document.plan.sources[row]
            self._show(self.document.edit(f"Remove source {source.name or source.id}",
                                          lambda p: source_edits.remove_source(p, row)))

    def _on_refused(self, row: int, column: int, message: str) -> None:
        self.error.show_message(message)

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self.table.setCurrentIndex(self.model.index(first, cols.NAME))

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.overrides.set_source_row(current.row())
