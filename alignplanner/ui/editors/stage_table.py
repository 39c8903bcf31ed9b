"""StagePanel: the funnel's stages as a table the room edits together.

Keyboard: Tab moves through the cells, typing or F2 edits one, Ctrl+Shift+N (or Insert)
adds a stage below the current one, Delete removes it (undoable, so nothing asks),
Ctrl+Up / Ctrl+Down move it. Rows can also be dragged. A refused value never reaches the
plan: the reason shows in red under the table and as the cell's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, Problem
from alignplanner.ui.editors import delegates as kinds
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.common import (
    ErrorLabel,
    editable_table,
    resize_on_row_changes,
    size_columns,
)
from alignplanner.ui.editors.stage_model import StageTableModel
from alignplanner.ui.views import DocumentPanel
from alignplanner.ui.wording import team_label

SHORTCUT = Qt.ShortcutContext
TEXT_COLUMN_CHARS = 28  # the vocabulary columns' width, in characters of the current font


def _recycle_choices(model: StageTableModel) -> kinds.Choices:
    """'none' plus this stage and the ones above it: a recycle never points down."""

    def choices(index: QModelIndex) -> list[tuple[str, str]]:
        above = [model.stage(r) for r in range(index.row() + 1)]
        return [("none", ""), *((s.name, s.id) for s in above)]

    return choices  # type: ignore[return-value]


class StagePanel(DocumentPanel):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.model = StageTableModel(document, self)
        self.table = self._make_table()
        self.error = ErrorLabel(self)
        self.note = _note_label(self)
        self._shown = document.plan
        hint = QLabel("Stages from top to bottom; the last one is won. Drag a row or press "
                      "Ctrl+Up / Ctrl+Down to reorder.", self)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.add_action = self._action("Add stage", "Add a stage below the current one",
                                       [QKeySequence("Ctrl+Shift+N"), QKeySequence("Insert")],
                                       self._add)
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        self.remove_action = self._action("Remove stage", "Remove the current stage (undo "
                                          "brings it back)", [delete], self._remove)
        self.up_action = self._action("Move up", "Move the current stage up the funnel",
                                      [QKeySequence("Ctrl+Up")], self._move_up)
        self.down_action = self._action("Move down", "Move the current stage down the funnel",
                                        [QKeySequence("Ctrl+Down")], self._move_down)
        self.addAction(self.add_action)  # anywhere in the panel
        self.table.addActions([self.remove_action, self.up_action, self.down_action])

        buttons = QHBoxLayout()
        for action in (self.add_action, self.remove_action, self.up_action, self.down_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.note)

        self.model.refused.connect(self._on_refused)
        self.model.rowsInserted.connect(self._on_rows_inserted)
        resize_on_row_changes(self.model, self._size_columns)
        self._size_columns()
        self._bind()

    def _make_table(self) -> QTableView:
        table = editable_table(self, self.model, "Funnel stages")
        delegate_kinds = {col.OWNER: kinds.OWNER, col.CONVERSION: kinds.PERCENT,
                          col.DAYS: kinds.DAYS, col.RECYCLE_TO: kinds.CHOICE,
                          col.RECYCLE_SHARE: kinds.SHARE, col.RECYCLE_DAYS: kinds.DAYS,
                          **dict.fromkeys(col.TEXT, kinds.TEXT)}
        table.setItemDelegate(kinds.EditorDelegate(delegate_kinds, _recycle_choices(self.model),
                                                   table))
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setDropIndicatorShown(True)
        return table

    def _action(self, text: str, tip: str, keys: list[QKeySequence],
                slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        names = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                          for k in keys)
        action.setToolTip(f"{tip} ({names})")
        action.setShortcutContext(SHORTCUT.WidgetWithChildrenShortcut if text == "Add stage"
                                  else SHORTCUT.WidgetShortcut)
        action.triggered.connect(slot)
        return action

    def _size_columns(self) -> None:
        """Numbers fit their contents; the vocabulary columns get a readable width."""
        width = self.table.fontMetrics().averageCharWidth() * TEXT_COLUMN_CHARS
        size_columns(self.table, dict.fromkeys(col.TEXT, width))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: bigger type
            self._size_columns()

    # -- document --------------------------------------------------------------------

    def refresh(self, plan: Plan) -> None:
        self.error.clear_message()  # a successful edit (or a new plan) clears the last refusal
        self._say(stage_edits.renamed_note(self._shown, plan))  # an id that followed a name
        self._shown = plan

    def _say(self, *notes: str) -> None:
        """What the last edit changed besides what it names (cleared by the next one)."""
        self.note.setText("\n".join(n for n in notes if n))
        self.note.setVisible(any(notes))

    # -- slots: each calls the document (through the model for cells) ------------------

    def _row(self) -> int:
        return self.table.currentIndex().row()

    def _show(self, problems: list[Problem]) -> None:
        self.error.show_problems(problems)

    def _add(self) -> None:
        row = self._row() + 1 if self._row() >= 0 else len(self.document.plan.stages) - 1
        problems = self.document.edit("Add stage", lambda p: stage_edits.add_stage(p, row))
        self._show(problems)
        if not problems:
            self._say(stage_edits.added_note(self.document.plan, row, team_label))

    def _remove(self) -> None:
        row = self._row()
        if row >= 0:
            plan = self.document.plan
            problems = self.document.edit(removal_name(plan, row),
                                          lambda p: stage_edits.remove_stage(p, row))
            self._show(problems)
            if not problems:
                self._say(*stage_edits.removal_notes(plan, row))

    def _move_up(self) -> None:
        if self._row() > 0:
            self.model.move_stage(self._row(), self._row() - 1)

    def _move_down(self) -> None:
        if self._row() >= 0:
            self.model.move_stage(self._row(), self._row() + 1)

    def select_stage(self, stage_id: str) -> None:
        """Show and focus the stage ``stage_id`` (a warning about it was clicked)."""
        if stage_id in self.document.plan.stage_ids:
            index = self.model.index(self.document.plan.stage_index(stage_id), col.NAME)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()

    def _on_refused(self, row: int, column: int, message: str) -> None:
        self.error.show_message(message)

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        index = self.model.index(first, col.NAME)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)


def _note_label(parent: QWidget) -> QLabel:
    note = QLabel(parent)
    note.setWordWrap(True)
    note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    note.setAccessibleName("What the last edit also changed")
    note.hide()
    return note


def removal_name(plan: Plan, row: int) -> str:
    """The undo step's name for removing stage ``row``; it says so when the SLAs from that
    stage go with it (``"Remove stage MQL and its SLA"``), which is easy to miss."""
    name = f"Remove stage {plan.stages[row].name}"
    try:
        lost = len(plan.slas) - len(stage_edits.remove_stage(plan, row).slas)
    except PlanInvalid:
        return name  # refused: the edit itself says why
    if lost <= 0:
        return name
    return f"{name} and its SLA" if lost == 1 else f"{name} and its {lost} SLAs"
