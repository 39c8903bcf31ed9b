"""NumberBox: the app's one number field. It keeps every keystroke and reads the text as
people write numbers (12M, $12,000,000, 1.2e7: `domain.typed_numbers`).

A spin box of Qt drops a letter as it is typed ("12M" becomes 12) and, when the text
cannot be read, silently shows the old value again. This one never does either: text it
cannot read stays as typed, no value is taken from it, and ``refusal`` says why (its
panel shows the reason beside the field); ``refusal`` sends "" once the text reads.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget

from alignplanner.domain.checks import MAX_MONEY
from alignplanner.domain.typed_numbers import ACCEPTED, NotANumber, read_number, show_number

TYPING_LIMIT = 10 * MAX_MONEY  # a number box takes any number up to this size
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NumberBox(QDoubleSpinBox):
    """A spin box as wide as the numbers people type (``widest``), not as wide as the
    largest value the model allows (10^15 in a big presentation font)."""

    refusal = Signal(str)  # why the text typed is not a number here; "" once it is
    widest = 9_999_999_999.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._refused = ""

    # -- reading and writing the text ----------------------------------------------------

    def read(self, text: str) -> float:
        """The value of ``text`` (the field's suffix and special text understood), or
        `NotANumber` saying why not."""
        typed = text.strip()
        special = self.specialValueText()
        if special and typed.lower() in ("", special.lower()):
            return self.minimum()
        unit = self.suffix().strip().lower()
        while unit and typed.lower().endswith(unit):
            typed = typed[: -len(unit)].rstrip()
        value = read_number(typed, decimals=self.decimals())
        if value < self.minimum() or value > self.maximum():
            low = "more than " if special else ""
            raise NotANumber(
                f"\u201c{typed}\u201d is outside what this field takes: "
                f"{low}{show_number(self.minimum(), self.decimals())} to "
                f"{show_number(self.maximum(), self.decimals())}")
        return value

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Every keystroke stays: text that does not read yet is Intermediate, never
        Invalid (which would drop the key)."""
        try:
            self.read(text)
        except NotANumber:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def valueFromText(self, text: str) -> float:
        try:
            return self.read(text)
        except NotANumber:
            return self.value()

    def textFromValue(self, value: float) -> str:
        return show_number(value, self.decimals(), groups=self.isGroupSeparatorShown())

    def fixup(self, text: str) -> str:
        return text  # nothing is corrected behind the person's back

    # -- when the text is taken --------------------------------------------------------

    @property
    def refused(self) -> str:
        """Why the text now in the field cannot be taken ("" when it can)."""
        return self._refused

    def check(self) -> bool:
        """Whether the text reads; says so through ``refusal`` either way."""
        try:
            self.read(self.text())
        except NotANumber as why:
            self._refused = str(why)
            self.refusal.emit(self._refused)
            return False
        if self._refused:
            self._refused = ""
        self.refusal.emit("")
        return True

    def has_typing(self) -> bool:
        """Whether the text differs from the value the field holds (typed, not taken)."""
        return self.text() != self._shown()

    def _shown(self) -> str:
        if self.specialValueText() and self.value() == self.minimum():
            return self.specialValueText()
        return self.prefix() + self.textFromValue(self.value()) + self.suffix()

    def revert(self) -> None:
        """Show the value the field holds again, dropping what was typed."""
        self._refused = ""
        self.lineEdit().setText(self._shown())
        self.refusal.emit("")

    def _keep_typed(self, handle: object, event: QEvent) -> None:
        """Let Qt handle ``event`` (which would put the old value back over text that does
        not read), then put the typed text back."""
        typed = self.lineEdit().text()
        handle(event)  # type: ignore[operator]
        if self.lineEdit().text() != typed:
            self.lineEdit().setText(typed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and not self.check():
            self._keep_typed(super().keyPressEvent, event)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.has_typing() and not self.check():
            self._keep_typed(super().focusOutEvent, event)
            return
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._keep_typed(super().hideEvent, event)

    def interpretText(self) -> None:
        if self.check():
            super().interpretText()

    def stepBy(self, steps: int) -> None:
        if not self.has_typing() or self.check():
            super().stepBy(steps)

    def setValue(self, value: float) -> None:
        self._refused = ""
        super().setValue(value)

    # -- size ----------------------------------------------------------------------------

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
             widest: float = NumberBox.widest, *, special: str = "") -> NumberBox:
    """A number field for values the plan accepts between ``low`` and ``high``. It takes
    any number a person types, beyond those too: the plan refuses an impossible one and
    the panel says why at the field. ``special`` is what the box shows at ``low``
    ("none", "plan's"): such a box stops at ``low``."""
    box = NumberBox(parent)
    box.widest = widest
    box.setDecimals(decimals)
    box.setRange(low if special else min(low, -TYPING_LIMIT), max(high, TYPING_LIMIT))
    box.setSpecialValueText(special)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setKeyboardTracking(False)
    box.setGroupSeparatorShown(decimals == 0)
    box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    box.setToolTip(f"Type a number, such as {ACCEPTED}")
    return box

