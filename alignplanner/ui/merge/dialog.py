"""The dialog of File > Merge a copy…: every change of each copy in the plan's words, the
conflicts each with a choice (this plan's value or the copy's), and a Merge button.

Merge puts the merge in the document as one undoable step; each choice afterwards is one
more (`document.merging.MergeSession`). The choices are read back from the document
whenever it changes, so Edit > Undo and Redo move them too; no choice is kept here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from alignplanner.contract.merge import SIDES
from alignplanner.document.merging import MergeSession
from alignplanner.ui import wording

__all__ = ["MergeDialog"]

CONFLICT_MARK = "⚠ "


class MergeDialog(QDialog):
    """One merge of another copy into the window's document."""

    def __init__(self, session: MergeSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(wording.MERGE_TITLE)
        self.setObjectName("mergeDialog")
        name = session.theirs_path.name
        self.heading = QLabel(wording.merge_heading(name, session.base_note.rstrip(".")))
        self.heading.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels([wording.MERGE_CHANGES])
        self.changes.setWordWrap(True)
        self._fill_changes(name)
        self.conflicts = QTableWidget(len(session.conflicts), 2)
        self.conflicts.setHorizontalHeaderLabels([wording.MERGE_CONFLICTS, ""])
        self.conflicts.verticalHeader().hide()
        self.conflicts.setWordWrap(True)
        header = self.conflicts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.choices: dict[str, QComboBox] = {}
        self._fill_conflicts()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.merge_button = QPushButton(wording.MERGE_BUTTON)
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(lambda _checked=False: self._apply())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.changes)
        split.addWidget(self.conflicts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self._problems: list[str] = []
        document = session.document
        document.planChanged.connect(self._followed)
        document.scenariosChanged.connect(self._followed)
        document.undo_stack.indexChanged.connect(self._followed)
        self.resize(860, 560)
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _fill_changes(self, name: str) -> None:
        outcome = self.session.outcome
        bold = QFont()
        bold.setBold(True)
        for side, changes in (("ours", outcome.ours_changes),
                              ("theirs", outcome.theirs_changes)):
            top = QTreeWidgetItem([wording.merge_side_title(side, name, len(changes))])
            top.setFont(0, bold)
            self.changes.addTopLevelItem(top)
            for change in changes:
                conflict = outcome.in_conflict(change)
                item = QTreeWidgetItem([(CONFLICT_MARK if conflict else "") + change.text])
                item.setToolTip(0, change.path)
                top.addChild(item)
            top.setExpanded(True)

    def _fill_conflicts(self) -> None:
        for row, conflict in enumerate(self.session.conflicts):
            item = QTableWidgetItem(wording.merge_in_words(conflict.text,
                                                           self.session.theirs_path.name))
            item.setToolTip(conflict.key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.conflicts.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItems(list(wording.MERGE_PICKS))
            combo.setPlaceholderText(wording.MERGE_EDITED)
            combo.setAccessibleName(conflict.key)
            combo.activated.connect(lambda index, key=conflict.key: self._pick(key, index))
            self.conflicts.setCellWidget(row, 1, combo)
            self.choices[conflict.key] = combo
        self.conflicts.resizeRowsToContents()

    # -- following the document ----------------------------------------------------------

    def _followed(self, _what: object = None) -> None:
        """The document changed (an edit, undo, redo); not while it is being torn down."""
        if isValid(self.session.document) and isValid(self.session.document.undo_stack):
            self.refresh()

    def refresh(self) -> None:
        """The choices and the notes as the document holds them now."""
        applied = self.session.applied
        picks = self.session.picks() if applied else {}
        for key, combo in self.choices.items():
            combo.blockSignals(True)
            side = picks.get(key, "ours") if applied else "ours"
            combo.setCurrentIndex(SIDES.index(side) if side else -1)
            combo.setEnabled(applied)
            combo.blockSignals(False)
        self.merge_button.setEnabled(not applied)
        self._show_notes(applied)

    def _show_notes(self, applied: bool) -> None:
        outcome = self.session.outcome
        lines = [] if self.session.conflicts else [wording.MERGE_NO_CONFLICTS]
        lines += list(outcome.dropped)
        lines += self._problems
        if applied:
            lines.append(wording.MERGE_APPLIED)
        self.notes.setText("\n".join(lines))

    # -- the user's steps ----------------------------------------------------------------

    def _apply(self) -> None:
        self._problems = self.session.apply()
        self.refresh()

    def _pick(self, key: str, index: int) -> None:
        if index < 0:
            return
        self._problems = self.session.pick(key, SIDES[index])
        self.refresh()
