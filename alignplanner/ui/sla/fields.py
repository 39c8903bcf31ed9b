"""Small in-place editors that commit one value: a number, a choice or a line of text.

Each calls ``commit(value)`` when the person is done (Enter, focus leaving, a pick from a
list), never while typing, so one value typed is one edit. ``show(value)`` puts the
plan's value back without sending anything (after an edit, an undo or a refusal).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QToolTip, QWidget

from alignplanner.ui.editors.number_box import NumberBox

Commit = Callable[[Any], None]
NOT_SET = "\u2013"  # an en dash: no value


class NumberField(NumberBox):
    """A number; ``none_value`` (shown as ``none_text``) stands for "not set" (None). Text
    that is not a number stays as typed, and the reason shows at the field."""

    def __init__(
        self,
        parent: QWidget,
        commit: Commit,
        *,
        low: float = 0.0,
        high: float = 1e9,
        decimals: int = 1,
        suffix: str = "",
        none_text: str = "",
        widest: float = 9999.0,
    ) -> None:
        super().__init__(parent)
        self.setDecimals(decimals)
        self.setRange(low, high)
        self.setGroupSeparatorShown(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setKeyboardTracking(False)
        self.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        self.setSuffix(suffix)
        self._none = bool(none_text)
        if none_text:
            self.setSpecialValueText(none_text)
        self._widest = widest
        self.valueChanged.connect(lambda v: commit(None if self._none and v == low else v))
        self.refusal.connect(self._say_why)

    def _say_why(self, why: str) -> None:
        if why:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), why, self)

    def show_value(self, value: float | None) -> None:
        with QSignalBlocker(self):
            self.setValue(self.minimum() if value is None else float(value))

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        text = self.textFromValue(self._widest) + self.suffix() + "000"
        hint.setWidth(self.fontMetrics().horizontalAdvance(text))
        return hint

    def minimumSizeHint(self) -> Any:
        return self.sizeHint()


class ChoiceField(QComboBox):
    """A pick from (label, value) pairs; committed as soon as one is picked."""

    def __init__(self, parent: QWidget, commit: Commit) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(lambda i: commit(self.itemData(i)))
        self._choices: list[tuple[str, Any]] = []

    def show_choices(self, choices: Sequence[tuple[str, Any]], value: Any) -> None:
        with QSignalBlocker(self):
            if list(choices) != self._choices:
                self._choices = list(choices)
                self.clear()
                for label, data in choices:
                    self.addItem(label, data)
            self.setCurrentIndex(max(0, self.findData(value)))


class TextField(QLineEdit):
    """A line of text, committed on Enter or when focus leaves it (if it changed)."""

    def __init__(
        self, parent: QWidget, commit: Commit, *, placeholder: str = "", chars: int = 24
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self._chars = chars
        self._shown = ""
        self.editingFinished.connect(lambda: self._finished(commit))

    def _finished(self, commit: Commit) -> None:
        if self.text() != self._shown:
            commit(self.text())

    def show_text(self, text: str) -> None:
        self._shown = text
        if self.text() != text:
            with QSignalBlocker(self):
                self.setText(text)
                self.setCursorPosition(0)  # the start of a long text is what reads

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().averageCharWidth() * self._chars)
        return hint
