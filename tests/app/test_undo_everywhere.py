"""Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) reach the plan from every field; leaving
presentation mode puts the window back where it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.number_box import NumberBox
from alignplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def type_over(qtbot: QtBot, box: NumberBox, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def target_panel(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    window.editor_tabs.setCurrentWidget(window.target)
    panel = window.target.view
    qtbot.waitUntil(panel.isVisible)
    return panel


def test_ctrl_z_in_the_revenue_field_undoes_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    panel = target_panel(qtbot, window)
    before = window.document.plan.target.revenue
    type_over(qtbot, panel.revenue, "12M")
    assert window.document.plan.target.revenue == 12_000_000
    assert QApplication.focusWidget() is panel.revenue
    qtbot.keyClick(panel.revenue, Qt.Key.Key_Z, CTRL)
    assert window.document.plan.target.revenue == before
    assert panel.revenue.value() == before
    qtbot.keyClick(panel.revenue, Qt.Key.Key_Z, CTRL | SHIFT)
    assert window.document.plan.target.revenue == 12_000_000
    qtbot.keyClick(panel.revenue, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(panel.revenue, Qt.Key.Key_Y, CTRL)
    assert window.document.plan.target.revenue == 12_000_000


def test_ctrl_z_first_drops_typing_not_yet_committed(qtbot: QtBot, window: MainWindow) -> None:
    panel = target_panel(qtbot, window)
    type_over(qtbot, panel.deal_size, "40k")
    panel.deal_size.selectAll()
    qtbot.keyClicks(panel.deal_size, "55")  # typed, not committed
    qtbot.keyClick(panel.deal_size, Qt.Key.Key_Z, CTRL)
    assert panel.deal_size.value() == 40_000
    assert panel.deal_size.text() == "40,000 USD"
    assert window.document.plan.target.average_deal_size == 40_000
    qtbot.keyClick(panel.deal_size, Qt.Key.Key_Z, CTRL)  # now the plan's change
    assert window.document.plan.target.average_deal_size != 40_000


def test_ctrl_z_in_the_plan_name_undoes_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    panel = target_panel(qtbot, window)
    name = window.document.plan.name
    panel.name.setFocus()
    panel.name.selectAll()
    qtbot.keyClicks(panel.name, "Board plan")
    qtbot.keyClick(panel.name, Qt.Key.Key_Return)
    assert window.document.plan.name == "Board plan"
    qtbot.keyClick(panel.name, Qt.Key.Key_Z, CTRL)
    assert window.document.plan.name == name
    assert panel.name.text() == name


def test_ctrl_z_in_an_open_cell_closes_it_and_undoes(qtbot: QtBot, window: MainWindow) -> None:
    table = window.stages.table
    model = window.stages.model
    days = window.document.plan.stages[0].days
    assert model.setData(model.index(0, col.DAYS), days + 5, Qt.ItemDataRole.EditRole)
    table.setFocus()
    index = model.index(0, col.DAYS)
    table.setCurrentIndex(index)
    table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, NumberBox)
    with qtbot.waitSignal(table.itemDelegate().closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert window.document.plan.stages[0].days == days
    qtbot.wait(10)  # the closed editor would have written its value back by now
    assert window.document.plan.stages[0].days == days


def test_leaving_presentation_mode_restores_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.showNormal()
    window.setGeometry(QRect(40, 50, 1100, 700))
    qtbot.wait(10)
    before = window.geometry()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert not window.isFullScreen()
    assert window.geometry().size() == before.size()
    assert window.geometry().topLeft() == before.topLeft()
