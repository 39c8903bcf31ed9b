"""StagePanel driven like a person would: cells edited in their editors, keyboard shortcuts,
the red refusal line under the table."""

from __future__ import annotations

import pytest
from editor_plans import open_cell_editor, shown, small_plan
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sla_plans import ops_plan

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.stage_table import StagePanel

# Showing a window on the offscreen platform (needed for shortcuts and focus) makes Qt
# say that the plugin cannot propagate size hints; that is the platform, not a problem.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor_document(qapp: object) -> PlanDocument:
    return PlanDocument(small_plan())


@pytest.fixture
def stage_panel(qtbot: QtBot, editor_document: PlanDocument) -> StagePanel:
    return shown(qtbot, StagePanel(editor_document), (1400, 500))


def ids(document: PlanDocument) -> list[str]:
    return [s.id for s in document.plan.stages]


def open_editor(qtbot: QtBot, panel: StagePanel, row: int, column: int) -> QWidget:
    return open_cell_editor(panel.table, panel.model.index(row, column))


def commit(qtbot: QtBot, panel: StagePanel, editor: QWidget) -> None:
    """Press Enter in a cell editor; the view commits it on its next turn of the loop."""
    with qtbot.waitSignal(panel.table.itemDelegate().closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def focus_cell(panel: StagePanel, row: int, column: int = col.NAME) -> None:
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(row, column))


def test_typing_a_conversion_changes_the_plan_and_undo_restores_it(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    editor = open_editor(qtbot, stage_panel, 1, col.CONVERSION)
    assert isinstance(editor, QDoubleSpinBox)
    editor.selectAll()
    qtbot.keyClicks(editor, "38.5")
    commit(qtbot, stage_panel, editor)
    assert editor_document.plan.stages[1].conversion == pytest.approx(0.385)
    assert editor_document.undo_stack.count() == 1
    editor_document.undo_stack.undo()
    assert editor_document.plan.stages[1].conversion == 0.55


def test_two_edits_of_one_cell_are_one_undo_step(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    for value in ("40", "42"):
        editor = open_editor(qtbot, stage_panel, 0, col.DAYS)
        assert isinstance(editor, QDoubleSpinBox)
        editor.selectAll()
        qtbot.keyClicks(editor, value)
        commit(qtbot, stage_panel, editor)
    assert editor_document.plan.stages[0].days == 42
    assert editor_document.undo_stack.count() == 1
    editor_document.undo_stack.undo()
    assert editor_document.plan.stages[0].days == 14


def test_rename_with_f2_and_tab_to_the_next_cell(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    focus_cell(stage_panel, 1)
    qtbot.keyClick(stage_panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Marketing qualified")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor_document.plan.stages[1].name == "Marketing qualified"
    assert editor_document.undo_stack.undoText() == "Rename stage MQL"
    assert stage_panel.table.currentIndex().column() == col.ID


def test_owner_and_recycle_pickers(qtbot: QtBot, stage_panel: StagePanel,
                                   editor_document: PlanDocument) -> None:
    owner = open_editor(qtbot, stage_panel, 0, col.OWNER)
    assert isinstance(owner, QComboBox)
    owner.setCurrentIndex(owner.findData("partner"))
    commit(qtbot, stage_panel, owner)
    assert editor_document.plan.stages[0].owner == "partner"
    recycle = open_editor(qtbot, stage_panel, 1, col.RECYCLE_TO)
    assert isinstance(recycle, QComboBox)
    # This stage and the ones above it, plus "none": a recycle never points down.
    assert [recycle.itemData(i) for i in range(recycle.count())] == ["", "inquiry", "mql"]
    recycle.setCurrentIndex(recycle.findData("inquiry"))
    commit(qtbot, stage_panel, recycle)
    assert editor_document.plan.stages[1].recycle is not None


def test_criteria_get_a_multi_line_editor(qtbot: QtBot, stage_panel: StagePanel,
                                          editor_document: PlanDocument) -> None:
    editor = open_editor(qtbot, stage_panel, 1, col.EXIT)
    assert isinstance(editor, QPlainTextEdit)
    assert editor.height() > stage_panel.table.rowHeight(1) * 2
    editor.selectAll()
    qtbot.keyClicks(editor, "Accepted by an SDR")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line, not the end of the edit
    qtbot.keyClicks(editor, "within 2 days")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor_document.plan.stages[1].exit_criteria == "Accepted by an SDR\nwithin 2 days"


def test_a_refused_value_shows_the_reason_under_the_table_until_the_next_edit(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    before = editor_document.plan
    assert not stage_panel.model.setData(stage_panel.model.index(1, col.CONVERSION), 150.0)
    assert editor_document.plan is before
    assert stage_panel.error.isVisible()
    assert "MQL" in stage_panel.error.text()
    assert "Conversion" in stage_panel.error.text()
    assert "at most 100%" in stage_panel.error.text()
    assert stage_panel.model.setData(stage_panel.model.index(1, col.CONVERSION), 50.0)
    assert not stage_panel.error.isVisible()


def test_a_typed_conversion_over_100_percent_is_refused_with_the_reason(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    before = editor_document.plan
    editor = open_editor(qtbot, stage_panel, 1, col.CONVERSION)
    assert isinstance(editor, QDoubleSpinBox)
    assert editor.decimals() == 2
    editor.selectAll()
    qtbot.keyClicks(editor, "150")  # every digit arrives: nothing is dropped silently
    assert editor.text() == "150"
    commit(qtbot, stage_panel, editor)
    assert editor_document.plan is before  # never reaches the plan
    assert stage_panel.error.isVisible()
    assert "at most 100%, got 150%" in stage_panel.error.text()
    tip = stage_panel.model.index(1, col.CONVERSION).data(Qt.ItemDataRole.ToolTipRole)
    assert "got 150%" in tip
    editor = open_editor(qtbot, stage_panel, 1, col.CONVERSION)
    assert isinstance(editor, QDoubleSpinBox)
    editor.selectAll()
    qtbot.keyClicks(editor, "-5")
    commit(qtbot, stage_panel, editor)
    assert editor_document.plan is before
    assert "above 0%" in stage_panel.error.text()
    assert "got -5%" in stage_panel.error.text()


def test_keyboard_moves_adds_and_removes_stages(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    focus_cell(stage_panel, 0)
    qtbot.keyClick(stage_panel.table, Qt.Key.Key_Down, CTRL)
    assert ids(editor_document) == ["mql", "inquiry", "sal", "won"]
    assert editor_document.undo_stack.undoText() == "Move Inquiry down"
    assert stage_panel.table.currentIndex().row() == 1  # the selection follows the stage
    qtbot.keyClick(stage_panel.table, Qt.Key.Key_Up, CTRL)
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]

    qtbot.keyClick(stage_panel.table, Qt.Key.Key_N,
                   CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert ids(editor_document) == ["inquiry", "new-stage", "mql", "sal", "won"]
    assert stage_panel.table.currentIndex().row() == 1  # the new stage, ready to rename
    qtbot.keyClick(stage_panel.table, Qt.Key.Key_Delete)
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]
    assert editor_document.undo_stack.undoText() == "Remove stage New stage"


def test_the_won_stage_cannot_move_and_says_why(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    focus_cell(stage_panel, 3)
    qtbot.keyClick(stage_panel.table, Qt.Key.Key_Up, CTRL)
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]
    assert "won" in stage_panel.error.text()


def test_the_buttons_name_their_shortcuts(stage_panel: StagePanel) -> None:
    assert "Ctrl+Shift+N" in stage_panel.add_action.toolTip()
    assert "Del" in stage_panel.remove_action.toolTip()
    assert "Ctrl+Up" in stage_panel.up_action.toolTip()
    assert "Ctrl+Down" in stage_panel.down_action.toolTip()


def test_a_funnel_of_two_stages_keeps_them(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    for _ in range(2):
        focus_cell(stage_panel, 0)
        stage_panel.remove_action.trigger()
    assert len(editor_document.plan.stages) == 2
    focus_cell(stage_panel, 0)
    stage_panel.remove_action.trigger()
    assert len(editor_document.plan.stages) == 2
    assert "two stages" in stage_panel.error.text()


def test_select_stage_and_load_another_plan(qtbot: QtBot, stage_panel: StagePanel,
                                           editor_document: PlanDocument) -> None:
    stage_panel.select_stage("sal")
    assert stage_panel.table.currentIndex().row() == 2
    other = small_plan(with_sources=True).with_changes(name="Other plan")
    other = stage_edits.add_stage(other, 0)  # five stages: the table's rows follow
    editor_document.load(other, None)
    assert stage_panel.model.rowCount() == 5
    assert editor_document.undo_stack.count() == 0
    stage_panel.model.setData(stage_panel.model.index(1, col.DAYS), 30.0)
    assert editor_document.plan.stages[1].days == 30
    assert editor_document.undo_stack.count() == 1


def test_typing_on_a_cell_starts_editing_it(qtbot: QtBot, stage_panel: StagePanel,
                                            editor_document: PlanDocument) -> None:
    focus_cell(stage_panel, 0, col.CONVERSION)
    qtbot.keyClick(stage_panel.table, Qt.Key.Key_2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QDoubleSpinBox)
    qtbot.keyClicks(editor, "0")
    commit(qtbot, stage_panel, editor)
    assert editor_document.plan.stages[0].conversion == pytest.approx(0.2)


def test_tab_walks_the_cells(qtbot: QtBot, stage_panel: StagePanel) -> None:
    focus_cell(stage_panel, 0, col.NAME)
    for column in (col.ID, col.OWNER, col.CONVERSION):
        qtbot.keyClick(stage_panel.table, Qt.Key.Key_Tab)
        assert stage_panel.table.currentIndex().column() == column


def test_removing_a_stage_names_the_slas_that_go_with_it(qtbot: QtBot) -> None:
    """The SLA from MQL goes when MQL does: the undo step says so, and undo brings it
    back."""
    document = PlanDocument(ops_plan())
    panel = shown(qtbot, StagePanel(document), (1400, 500))
    mql = document.plan.stage_index("mql")
    focus_cell(panel, mql)
    panel.remove_action.trigger()
    assert document.undo_stack.undoText() == "Remove stage MQL and its SLA"
    assert document.plan.slas == ()
    document.undo_stack.undo()
    assert [s.id for s in document.plan.slas] == ["mql-first-touch"]
    focus_cell(panel, document.plan.stage_index("opportunity"))
    panel.remove_action.trigger()  # no SLA starts there: the plain name
    assert document.undo_stack.undoText() == "Remove stage Opportunity"
