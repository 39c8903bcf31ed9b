"""Cell editors for the editing tables: team and stage pickers, percent and day spin boxes,
and a multi-line editor for the shared vocabulary (definitions and criteria).

Each delegate maps a column to an editor kind; ``setModelData`` hands the editor's value to
the model, which sends it to the document (or refuses it and says why)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
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
from alignplanner.ui.wording import team_label

Index = QModelIndex | QPersistentModelIndex
EDIT = Qt.ItemDataRole.EditRole
Choices = Callable[[Index], list[tuple[str, str]]]  # (label, value) for one cell

PERCENT, SHARE, DAYS, OWNER, CHOICE, TEXT, MONEY = (
    "percent", "share", "days", "owner", "choice", "text", "money")


TYPING_LIMIT = 10 * MAX_MONEY  # a number box takes any number up to this size


class NumberBox(QDoubleSpinBox):
    """A spin box as wide as the numbers people type (``widest``), not as wide as the
    largest value the model allows (10^15 in a big presentation font)."""

    widest = 9_999_999_999.0

    def _width(self) -> int:
        widest = self.textFromValue(min(self.maximum(), self.widest))
        text = max(widest, self.specialValueText(), key=len) + self.suffix() + "00"
        return self.fontMetrics().horizontalAdvance(text)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), self._width()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._width()), hint.height())


def spin_box(parent: QWidget, low: float, high: float, decimals: int,
             widest: float = NumberBox.widest, *, special: str = "") -> QDoubleSpinBox:
    """A number field for values the plan accepts between ``low`` and ``high``. It takes
    any number a person types, beyond those too: the plan refuses an impossible one and
    the panel says why at the field (a box that silently dropped the keystroke would turn
    150 into 15). ``special`` is what the box shows at ``low`` ("none", "plan's"): such a
    box stops at ``low``."""
    box = NumberBox(parent)
    box.widest = widest
    box.setRange(low if special else min(low, -TYPING_LIMIT), max(high, TYPING_LIMIT))
    box.setSpecialValueText(special)
    box.setDecimals(decimals)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setKeyboardTracking(False)
    box.setGroupSeparatorShown(decimals == 0)
    box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    return box


class EditorDelegate(QStyledItemDelegate):
    """Editors by column: ``kinds`` maps a column to one of the kinds above; ``choices``
    gives the (label, value) pairs of a CHOICE column's combo box."""

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
            return spin_box(parent, *ranges[kind], special="plan's" if kind == MONEY else "")
        if kind in (OWNER, CHOICE):
            return self._combo(parent, index, kind)
        if kind == TEXT:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)  # Tab commits and moves on, as in every other cell
            text.setToolTip("Enter starts a new line; Tab or a click elsewhere keeps the text; "
                            "Esc cancels")
            return text
        return super().createEditor(parent, option, index)

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
        if isinstance(editor, QDoubleSpinBox):
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
