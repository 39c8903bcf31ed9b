"""What every editing panel shares: the document binding, refusal messages shown at the
field, team swatches, fonts that follow the application font and the editable tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QWidget,
)

from alignplanner.domain.problems import Problem
from alignplanner.ui.editors.number_box import NumberBox
from alignplanner.ui.theme import WARNING_COLOR, color_text, team_color

_NUMBER = r"(-?[0-9.,e+-]+)"
_FRACTION_RANGE = re.compile(rf"must be (above|at least) 0 and at most 1, got {_NUMBER}")
_GROWTH_RANGE = re.compile(
    rf"growth must be above {_NUMBER} and at most {_NUMBER}, got {_NUMBER}")


def _percent(text: str) -> str:
    try:
        return f"{float(text.replace(',', '')) * 100:g}%"
    except ValueError:
        return text


def percent_message(message: str) -> str:
    """Say a domain range of fractions in the percent the field shows:
    ``must be above 0 and at most 1, got 1.5`` -> ``must be above 0% and at most 100%,
    got 150%``; ``growth must be above -1 and at most 10, got 12`` -> ``growth must be
    above -100% and at most 1000%, got 1200%``."""

    def as_percent(match: re.Match[str]) -> str:
        low = f"{match.group(1)} 0%"
        return f"must be {low} and at most 100%, got {_percent(match.group(2))}"

    def growth(match: re.Match[str]) -> str:
        low, high, got = (_percent(match.group(n)) for n in (1, 2, 3))
        return f"growth must be above {low} and at most {high}, got {got}"

    return _GROWTH_RANGE.sub(growth, _FRACTION_RANGE.sub(as_percent, message))


def describe(problems: Sequence[Problem], field: str = "") -> str:
    """One readable line per problem, led by the field the person was editing."""
    lines = [percent_message(p.message) for p in problems]
    text = "; ".join(dict.fromkeys(lines))
    return f"{field}: {text}" if field else text


def swatch(color: QColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(color)
    return QIcon(pixmap)


def team_swatch(owner: str) -> QIcon:
    return swatch(team_color(owner))


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """``base`` (the application's font as the widget inherits it) made bigger."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    else:
        font.setPixelSize(round(base.pixelSize() * factor))
    font.setBold(bold)
    return font


@contextmanager
def blocked(*objects: QObject) -> Iterator[None]:
    """Refresh widgets from the plan without sending their change signals back."""
    blockers = [QSignalBlocker(o) for o in objects]
    try:
        yield
    finally:
        for b in blockers:
            b.unblock()


def editable_table(parent: QWidget, model: QAbstractItemModel, name: str) -> QTableView:
    """A table of ``model`` edited from the keyboard: one cell selected at a time, typing or
    F2 edits it, Tab moves on (and out of the table after its last cell, Shift+Tab out
    before its first); one line a row, alternating colours, no row numbers."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed
                          | QAbstractItemView.EditTrigger.SelectedClicked)
    table.setTabKeyNavigation(True)
    TabLeavesAtTheEnds(table)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setAccessibleName(name)
    return table


class TabLeavesAtTheEnds(QObject):
    """Tab on a table's last cell (Shift+Tab on its first) moves the focus on to the next
    field of the window instead of wrapping round: a keyboard user can leave the table."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._at_end(
                    forward=key == Qt.Key.Key_Tab
                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):  # type: ignore[attr-defined]
                table = self._table
                table.setTabKeyNavigation(False)  # this one key moves the focus out
                QTimer.singleShot(0, lambda: table.setTabKeyNavigation(True))
        return False

    def _at_end(self, *, forward: bool) -> bool:
        model, current = self._table.model(), self._table.currentIndex()
        if not current.isValid() or model is None:
            return True
        if forward:
            return (current.row() == model.rowCount() - 1
                    and current.column() == model.columnCount() - 1)
        return current.row() == 0 and current.column() == 0


def size_columns(table: QTableView, widths: Mapping[int, int] | None = None) -> None:
    """Columns fit their contents (those in ``widths`` get that many pixels), the last one
    stretches; rows share one roomy height. Call it when rows come or go, the model resets
    or the font changes, not on every edit: measuring every cell each time (as the
    ResizeToContents modes do) would cost the edit its frame."""
    widths = widths or {}
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in range(table.model().columnCount()):
        if column in widths:
            header.resizeSection(column, widths[column])
        else:
            table.resizeColumnToContents(column)
    header.setStretchLastSection(True)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(round(table.fontMetrics().lineSpacing() * 1.7) + 4)


def add_and_remove(panel: QWidget, table: QTableView, noun: str, *, add_tip: str,
                   remove_tip: str, add: Callable[[], object], remove: Callable[[], object],
                   ) -> tuple[QAction, QAction, QHBoxLayout]:
    """The add and remove actions of a table panel, with their buttons in a row: add with
    Ctrl+Shift+N or Insert anywhere in the panel, remove the current row with Delete in
    the table."""
    add_action = QAction(f"Add {noun}", panel)
    add_action.setShortcuts([QKeySequence("Ctrl+Shift+N"), QKeySequence("Insert")])
    add_action.setToolTip(f"{add_tip} (Ctrl+Shift+N, Insert)")
    add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    add_action.triggered.connect(add)
    remove_action = QAction(f"Remove {noun}", panel)
    remove_action.setShortcut(QKeySequence.StandardKey.Delete)
    remove_action.setToolTip(f"{remove_tip} (Delete; undo brings it back)")
    remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    remove_action.triggered.connect(remove)
    panel.addAction(add_action)
    table.addAction(remove_action)
    buttons = QHBoxLayout()
    for action in (add_action, remove_action):
        button = QToolButton(panel)
        button.setDefaultAction(action)
        buttons.addWidget(button)
    buttons.addStretch(1)
    return add_action, remove_action, buttons


def resize_on_row_changes(model: QAbstractItemModel, size: Callable[[], None]) -> None:
    """Call ``size()`` whenever rows are added or removed or the model resets."""
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
        signal.connect(lambda *_args: size())


class ErrorLabel(QLabel):
    """A red line under a field or table saying why a value was refused; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed_in: NumberBox | None = None  # the field whose typing the line refuses
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        color_text(self, WARNING_COLOR, bold=True)
        self.setAccessibleName("Refused edit")
        self.hide()

    def follow(self, box: NumberBox, field: str) -> None:
        """Say here why the text typed in ``box`` is refused, led by ``field``; the line
        (or the plan's refusal of that field) goes once the field holds a number again,
        even the one the plan already has, or when the plan changes."""

        def show(why: str) -> None:
            if why:
                self.show_message(f"{field}: {why}")
                self._typed_in = box
            elif self._typed_in is box or self.text().startswith(f"{field}: "):
                self.clear_message()  # fixed: the reason about this field goes

        box.refusal.connect(show)

    def show_message(self, message: str) -> None:
        self._typed_in = None
        self.setText(message)
        self.setVisible(bool(message))

    def show_problems(self, problems: Sequence[Problem], field: str = "") -> bool:
        """Show ``problems`` (True when there were any); an empty list clears nothing."""
        if problems:
            self.show_message(describe(problems, field))
        return bool(problems)

    def clear_message(self) -> None:
        self.show_message("")
