"""TeamPanel (the editor tab "Team"): the roles that work the funnel's stages and the
business calendar they work by.

The roles table is edited in place (type in a cell, Enter keeps it); Ctrl+Shift+N or
Insert adds a role, Delete removes the current one with the SLAs it keeps (undoable, so
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
from alignplanner.domain.edits import roles as role_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.wording import role_label
from alignplanner.ui import wording
from alignplanner.ui.editors import delegates as kinds
from alignplanner.ui.editors.common import (
    ErrorLabel,
    add_and_remove,
    editable_table,
    resize_on_row_changes,
    size_columns,
)
from alignplanner.ui.sla import role_model as cols
from alignplanner.ui.sla.calendar_editor import CalendarEditor
from alignplanner.ui.sla.card import BAD_DARK, OK_DARK
from alignplanner.ui.sla.role_model import RoleTableModel
from alignplanner.ui.theme import TARGET_COLOR, WARNING_COLOR
from alignplanner.ui.views import DocumentPanel

HINT = (
    "Each role's reps work the entries of one stage. Capacity per month is ramped reps "
    "times what a rep handles (or books); the Capacity chart sets it against what the "
    "plan needs."
)


class TeamPanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.model = RoleTableModel(document, self)
        self.table = self._make_table()
        self.error = ErrorLabel(self)
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.calendar = CalendarEditor(document, self)

        self.add_action, self.remove_action, buttons = add_and_remove(
            self, self.table, "role", add_tip="Add a role",
            remove_tip="Remove the current role and the SLAs it keeps",
            add=self._add, remove=self._remove)
        roles_box = QGroupBox("Roles and headcount", self)
        roles_layout = QVBoxLayout(roles_box)
        roles_layout.addWidget(self.hint)
        roles_layout.addLayout(buttons)
        roles_layout.addWidget(self.table, 1)
        roles_layout.addWidget(self.error)
        glance_box = QGroupBox("Capacity at a glance", self)
        self.glance = QVBoxLayout(glance_box)
        self.glance_lines: list[QLabel] = []
        calendar_box = QGroupBox("Business calendar (SLA windows count its hours)", self)
        QVBoxLayout(calendar_box).addWidget(self.calendar)
        layout = QVBoxLayout(self)
        layout.addWidget(roles_box)
        layout.addWidget(glance_box)
        layout.addWidget(calendar_box, 0)
        layout.addStretch(1)

        self.model.refused.connect(lambda _r, _c, message: self.error.show_message(message))
        self.model.rowsInserted.connect(self._on_rows_inserted)
        resize_on_row_changes(self.model, lambda: size_columns(self.table))
        self._fit_to_font()
        self._bind()

    def _make_table(self) -> QTableView:
        table = editable_table(self, self.model, "Roles")

        def stages(_index: QModelIndex) -> list[tuple[str, str]]:
            return [(s.name, s.id) for s in self.document.plan.stages[:-1]]

        delegate = kinds.EditorDelegate({cols.WORKS: kinds.CHOICE}, stages, table)  # type: ignore[arg-type]
        table.setItemDelegate(delegate)
        return table

    def _fit_to_font(self) -> None:
        size_columns(self.table)
        self._fit_rows(self.model.rowCount())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "table"):
            self._fit_to_font()
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "glance_lines"):
            self.refresh(self.document.plan)  # light or dark: the verdicts' colours

    # -- document --------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        self.error.clear_message()
        self._fit_rows(len(plan.roles))
        result = self.document.result
        while len(self.glance_lines) < max(1, len(plan.roles)):
            line = QLabel(self)
            line.setWordWrap(True)
            self.glance.addWidget(line)
            self.glance_lines.append(line)
        for k, line in enumerate(self.glance_lines):
            said = wording.capacity_line(plan, result, k)
            line.setHidden(said is None and k > 0)
            if said is None:
                line.setText("No roles yet: add the teams that work the funnel (SDRs, AEs).")
                line.setStyleSheet("")
                continue
            line.setText(("✓  " if said.ok else "✗  ") + said.text)
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            ok, bad = (OK_DARK, BAD_DARK) if dark else (TARGET_COLOR, WARNING_COLOR)
            line.setStyleSheet(f"color: {ok if said.ok else bad}; font-weight: bold;")

    def _fit_rows(self, rows: int) -> None:
        """The table as tall as its rows (at least three, at most eight), not more."""
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += self.table.verticalHeader().defaultSectionSize() * min(max(rows, 3), 8)
        height += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(height)

    def select_role(self, index: int) -> None:
        """Make role ``index`` the current row (a warning about it was clicked)."""
        if 0 <= index < self.model.rowCount():
            cell = self.model.index(index, cols.HEADCOUNT)
            self.table.setCurrentIndex(cell)
            self.table.scrollTo(cell)
            self.table.setFocus()

    # -- slots: each calls the document ------------------------------------------------

    def _add(self) -> None:
        self.error.show_problems(self.document.edit("Add role", role_edits.add_role))

    def _remove(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            role = self.document.plan.roles[row]
            self.error.show_problems(
                self.document.edit(
                    f"Remove role {role_label(role)}", lambda p: role_edits.remove_role(p, row)
                )
            )

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        self.table.setCurrentIndex(self.model.index(first, cols.NAME))
