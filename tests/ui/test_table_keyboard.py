"""A keyboard user can leave an editing table: Tab after its last cell, Shift+Tab before
its first."""

from __future__ import annotations

import pytest
from editor_plans import shown, small_plan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.ui.editors.stage_table import StagePanel

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def stage_panel(qtbot: QtBot, qapp: object) -> StagePanel:
    return shown(qtbot, StagePanel(PlanDocument(small_plan())), (1400, 500))


def test_tab_leaves_the_table_after_its_last_cell(qtbot: QtBot, stage_panel: StagePanel) -> None:
    table, model = stage_panel.table, stage_panel.model
    table.setFocus()
    last_row, last_column = model.rowCount() - 1, model.columnCount() - 1
    table.setCurrentIndex(model.index(last_row, last_column - 1))
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # inside the table: the next cell
    assert QApplication.focusWidget() is table
    assert table.currentIndex().column() == last_column
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # the last cell: out of the table
    assert QApplication.focusWidget() is not table
    qtbot.waitUntil(table.tabKeyNavigation)  # and Tab walks the cells again next time


def test_shift_tab_leaves_the_table_before_its_first_cell(
        qtbot: QtBot, stage_panel: StagePanel) -> None:
    table, model = stage_panel.table, stage_panel.model
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not table
