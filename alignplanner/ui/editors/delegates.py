"""Cell editors for the editing tables: team and stage pickers, percent and day spin boxes,
and a multi-line editor for the shared vocabulary (definitions and criteria).

Each delegate maps a column to an editor kind; ``setModelData`` hands the editor's value to
the model, which sends it to the document (or refuses it and says why)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from alignplanner.domain.checks import MAX_DAYS, MAX_MONEY
from alignplanner.domain.plan.funnel import OWNERS
from alignplanner.ui.editors.common import team_swatch
from alignplanner.ui.editors.number_box import NumberBox, spin_box
from alignplanner.ui.wording import team_label

Index = QModelIndex | QPersistentModelIndex
EDIT = Qt.ItemDataRole.EditRole
__all__ = [
    "CHOICE", "DAYS", "MONEY", "OWNER", "PERCENT", "SHARE", "TEXT", "Choices",
    "EditorDelegate", "Index", "NumberBox", "spin_box",
]

Choices = Callable[[Index], list[tuple[str, str]]]  # (label, value) for one cell
LEAVING_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)

PERCENT, SHARE, DAYS, OWNER, CHOICE, TEXT, MONEY = (
    "percent", "share", "days", "owner", "choice", "text", "money")


class EditorDelegate(QStyledItemDelegate):
    """Editors by column: ``kinds`` maps a column to one of the kinds above; ``choices``
    gives the (label, value) pairs of a CHOICE column's combo box.

    A number cell whose text does not read stays open on Tab or Enter, the reason said
    under the table (the model's ``refuse_typed``); when a click elsewhere closes it,
    the reason quotes what was typed, and the plan keeps its value."""

    def __init__(self, kinds: Mapping[int, str], choices: Choices | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kinds = dict(kinds)
        self._choices = choices

    def _kind(self, index: Index) -> str:
        return self._kinds.get(index.column(), "")

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        kind = self._kind(index)
        ranges = {PERCENT: (0.01, 100.0, 2), SHARE: (0.0, 100.0, 2), DAYS: (0.0, MAX_DAYS, 1),
                  MONEY: (0.0, MAX_MONEY, 0)}
        if kind in ranges:
            box = spin_box(parent, *ranges[kind], special="plan's" if kind == MONEY else "")
            return self._number_editor(box, index)
        if kind in (OWNER, CHOICE):
            return self._combo(parent, index, kind)
        if kind == TEXT:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)  # Tab commits and moves on, as in every other cell
            text.setToolTip("Enter starts a new line; Tab or a click elsewhere keeps the text; "
                            "Esc cancels")
            return text
        return super().createEditor(parent, option, index)

    def _number_editor(self, box: NumberBox, index: Index) -> NumberBox:
        """``box`` as the editor of ``index``: its refusals go to the model's."""
        cell = QPersistentModelIndex(index)
        box.refusal.connect(lambda why: self._refuse_typed(cell, why))
        return box

    @staticmethod
    def _refuse_typed(cell: QPersistentModelIndex, why: str) -> None:
        model = cell.model()
        refuse = getattr(model, "refuse_typed", None)
        if why and cell.isValid() and callable(refuse):
            refuse(cell.row(), cell.column(), why)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (isinstance(editor, NumberBox) and event.type() == QEvent.Type.KeyPress
                and event.key() in LEAVING_KEYS  # type: ignore[attr-defined]
                and editor.has_typing() and not editor.check()):
            return True  # the cell stays open with what was typed
        return super().eventFilter(editor, event)

    def _combo(self, parent: QWidget, index: Index, kind: str) -> QComboBox:
        combo = QComboBox(parent)
        if kind == OWNER:
            for owner in OWNERS:
                combo.addItem(team_swatch(owner), team_label(owner), owner)
        elif self._choices is not None:
            for label, value in self._choices(index):
                combo.addItem(label, value)
        # Picking an item keeps it at once (arrow keys included); edits of one cell merge.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Room around the text, so that rows read well from the back of the room."""
        hint = super().sizeHint(option, index)
        metrics = option.fontMetrics
        return QSize(hint.width() + metrics.averageCharWidth() * 2,
                     max(hint.height(), round(metrics.lineSpacing() * 1.7)))

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(EDIT)
        if isinstance(editor, NumberBox) and editor.has_typing():
            return  # the cell's tooltip changed (a refusal): what was typed stays
        if isinstance(editor, QDoubleSpinBox):
            empty = max(0.0, editor.minimum())  # "plan's" where the box has it
            editor.setValue(float(value) if value not in (None, "") else empty)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, NumberBox):
            if not editor.has_typing() or editor.check():
                editor.interpretText()
                model.setData(index, editor.value(), EDIT)
        elif isinstance(editor, QDoubleSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), EDIT)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), EDIT)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), EDIT)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        if not isinstance(editor, QPlainTextEdit):
            super().updateEditorGeometry(editor, option, index)
            return
        # Long text gets room: six lines and at least 36 characters wide, kept in view.
        metrics = option.fontMetrics
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), metrics.averageCharWidth() * 36))
        rect.setHeight(max(rect.height(), metrics.lineSpacing() * 6 + 12))
        viewport = editor.parentWidget()
        area = viewport.rect() if viewport is not None else rect
        if rect.bottom() > area.bottom():
            rect.moveBottom(max(area.bottom(), rect.height()))
        if rect.right() > area.right():
            rect.moveRight(max(area.right(), rect.width()))
        editor.setGeometry(rect)
