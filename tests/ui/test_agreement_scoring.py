"""The Scoring tab: create the model, type a criterion's points and undo, a refused value
named at the field, high intent ticked in the table, and "try a lead"."""

from __future__ import annotations

import pytest
from editor_plans import type_in_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from alignplanner.domain.agreement.scoring import ScoringModel
from alignplanner.domain.edits.scoring import set_scoring
from alignplanner.ui.agreement.criteria_model import POINTS, THIRD
from alignplanner.ui.agreement.scoring_panel import ScoringPanel
from alignplanner.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def scoring_tab(qtbot: QtBot, window: MainWindow) -> ScoringPanel:
    window.editor_tabs.setCurrentWidget(window.agreement.scoring)
    panel = window.agreement.scoring.view
    qtbot.waitUntil(panel.isVisible)
    if window.document.plan.scoring is not None:  # start from the app's own starting model
        window.document.edit("Clear scoring", lambda p: set_scoring(p, None))
    assert panel.start_button.isVisible()
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    return panel


def model_of(window: MainWindow) -> ScoringModel:
    scoring = window.document.plan.scoring
    assert scoring is not None
    return scoring


def type_points(qtbot: QtBot, panel: ScoringPanel, row: int, text: str) -> None:
    type_in_cell(qtbot, panel.fit_table, panel.fit.index(row, POINTS), text, QDoubleSpinBox)


def test_type_a_criterions_points_then_undo(qtbot: QtBot, main_window: MainWindow) -> None:
    panel = scoring_tab(qtbot, main_window)
    assert main_window.document.undo_stack.undoText() == "Create the lead-scoring model"
    before = model_of(main_window)
    assert panel.fit.index(0, POINTS).data() == f"{before.fit[0].points:+g}"
    type_points(qtbot, panel, 0, "35")
    assert model_of(main_window).fit[0].points == 35
    assert panel.fit.index(0, POINTS).data() == "+35"
    label = before.fit[0].label
    assert main_window.document.undo_stack.undoText() == f"Change points of {label}"
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model_of(main_window) == before
    assert panel.fit.index(0, POINTS).data() == f"{before.fit[0].points:+g}"


def test_points_that_make_the_fit_threshold_unreachable_are_refused_with_the_reason(
        qtbot: QtBot, main_window: MainWindow) -> None:
    panel = scoring_tab(qtbot, main_window)
    before = model_of(main_window)
    type_points(qtbot, panel, 0, "5")  # 5 + 20 can never reach the threshold of 40
    assert model_of(main_window) == before
    assert panel.error.isVisible()
    assert "can never be reached" in panel.error.text()
    assert before.fit[0].label in panel.error.text()


def test_high_intent_is_ticked_in_the_table_and_qualifies_a_fresh_lead(
        qtbot: QtBot, main_window: MainWindow) -> None:
    panel = scoring_tab(qtbot, main_window)
    webinar = next(i for i, c in enumerate(model_of(main_window).engagement)
                   if c.id == "webinar")
    cell = panel.engagement.index(webinar, THIRD)
    checked = Qt.CheckState.Checked.value
    assert panel.engagement.setData(cell, checked, Qt.ItemDataRole.CheckStateRole)
    assert "webinar" in model_of(main_window).high_intent
    assert "Attended a webinar" in panel.intent.text()
    lead = panel.try_lead
    lead.tick("webinar")
    lead.age.setValue(3)
    assert lead.verdict.text().startswith("Qualifies")
    assert "high intent, 3 days ago" in lead.reason.text()
    lead.age.setValue(45)  # no longer fresh: halving every 30 days
    assert lead.verdict.text().startswith("Does not qualify")
    assert "engagement 10 < 50" in lead.reason.text()


def test_thresholds_and_decay_are_edited_in_place(qtbot: QtBot, main_window: MainWindow) -> None:
    panel = scoring_tab(qtbot, main_window)
    panel.engagement_threshold.setFocus()
    panel.engagement_threshold.selectAll()
    qtbot.keyClicks(panel.engagement_threshold, "70")
    qtbot.keyClick(panel.engagement_threshold, Qt.Key.Key_Return)
    assert model_of(main_window).engagement_threshold == 70
    panel.decay_mode.setCurrentIndex(panel.decay_mode.findData("expire"))
    panel.decay_mode.activated.emit(panel.decay_mode.currentIndex())
    assert model_of(main_window).decay.mode == "expire"
    assert model_of(main_window).decay.days == 30


def test_add_and_remove_criteria(qtbot: QtBot, main_window: MainWindow) -> None:
    panel = scoring_tab(qtbot, main_window)
    count = len(model_of(main_window).engagement)
    add = panel.findChild(QPushButton, "engagementAdd")
    remove = panel.findChild(QPushButton, "engagementRemove")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert [c.label for c in model_of(main_window).engagement][-1] == "New criterion"
    assert panel.engagement.rowCount() == count + 1
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)  # nothing selected: says so
    assert "select the criterion" in panel.error.text()
    demo = model_of(main_window).engagement[count - 1]
    assert demo.id in model_of(main_window).high_intent
    panel.engagement_table.setCurrentIndex(panel.engagement.index(count - 1, 0))
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert demo.id not in [c.id for c in model_of(main_window).engagement]
    assert demo.id not in model_of(main_window).high_intent
    assert panel.engagement.rowCount() == count


def test_criteria_models_pass_the_model_tester(
        qtbot: QtBot, main_window: MainWindow, qtmodeltester: ModelTester) -> None:
    panel = scoring_tab(qtbot, main_window)
    qtmodeltester.check(panel.fit)
    qtmodeltester.check(panel.engagement)


def test_labels_kinds_and_the_qualifying_stage_are_edited_through_the_model(
        qtbot: QtBot, main_window: MainWindow) -> None:
    panel = scoring_tab(qtbot, main_window)
    edit = Qt.ItemDataRole.EditRole
    assert panel.fit.setData(panel.fit.index(1, 0), "  VP or above ", edit)
    assert model_of(main_window).fit[1].label == "VP or above"
    assert main_window.document.undo_stack.undoText() == "Rename criterion Director or above"
    assert panel.fit.setData(panel.fit.index(1, THIRD), "firmographic", edit)
    assert model_of(main_window).fit[1].kind == "firmographic"
    assert panel.fit.index(1, THIRD).data() == "Firmographic"
    assert not panel.fit.setData(panel.fit.index(1, 0), "   ", edit)  # a label people can read
    assert model_of(main_window).fit[1].label == "VP or above"
    assert "label" in panel.error.text()
    sal = main_window.document.plan.stages[2]
    panel.stage.setCurrentIndex(panel.stage.findData(sal.id))
    panel.stage.activated.emit(panel.stage.currentIndex())
    assert model_of(main_window).qualifies_for == sal.id
    assert panel.stage.findData(main_window.document.plan.stages[-1].id) == -1  # never 'won'
