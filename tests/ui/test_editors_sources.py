"""SourceTableModel and SourcesPanel: the sourcing mix, share rescaling and overrides."""

from __future__ import annotations

import pytest
from editor_plans import shown, small_plan, type_in_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QHeaderView, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.ui.editors import source_model as cols
from alignplanner.ui.editors.source_model import SourceTableModel
from alignplanner.ui.editors.sources_panel import SourcesPanel

# Showing a window on the offscreen platform makes Qt say that the plugin cannot
# propagate size hints; that is the platform, not a problem.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def editor_document(qapp: object) -> PlanDocument:
    return PlanDocument(small_plan(with_sources=True))


@pytest.fixture
def sources_panel(qtbot: QtBot, editor_document: PlanDocument) -> SourcesPanel:
    return shown(qtbot, SourcesPanel(editor_document), (1000, 700))


def shares(document: PlanDocument) -> list[float]:
    return [round(s.share, 9) for s in document.plan.sources]


def test_model_shows_the_mix(qapp: object, editor_document: PlanDocument) -> None:
    model = SourceTableModel(editor_document)
    assert model.rowCount() == 3
    assert model.index(0, cols.SHARE).data(DISPLAY) == "60%"
    assert model.index(0, cols.SHARE).data(EDIT) == 60.0
    assert model.index(1, cols.ENTERS).data(DISPLAY) == "MQL"
    assert model.index(0, cols.DEAL_SIZE).data(DISPLAY) == "plan's (30,000)"
    assert model.index(1, cols.DEAL_SIZE).data(DISPLAY) == "40,000"
    assert model.index(1, cols.OVERRIDES).data(DISPLAY) == "MQL 35%"
    assert not model.index(1, cols.OVERRIDES).flags() & Qt.ItemFlag.ItemIsEditable
    assert "rescales" in model.headerData(cols.SHARE, Qt.Orientation.Horizontal,
                                          Qt.ItemDataRole.ToolTipRole)


def test_a_new_share_rescales_the_others(qapp: object, editor_document: PlanDocument) -> None:
    model = SourceTableModel(editor_document)
    assert model.setData(model.index(0, cols.SHARE), 80.0)
    assert shares(editor_document) == [0.8, 0.15, 0.05]
    assert editor_document.undo_stack.undoText() == "Change share of Inbound"
    editor_document.undo_stack.undo()
    assert shares(editor_document) == [0.6, 0.3, 0.1]


def test_refused_source_values_say_why(qtbot: QtBot, editor_document: PlanDocument) -> None:
    model = SourceTableModel(editor_document)
    before = editor_document.plan
    for column, value, reason in ((cols.SHARE, 150.0, "at most 100%"),
                                  (cols.ID, "outbound", "used twice"),
                                  (cols.ENTERS, "won", "before the last")):
        with qtbot.waitSignal(model.refused) as refused:
            assert not model.setData(model.index(0, column), value)
        assert refused.args is not None
        assert reason in refused.args[2]
        assert reason in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert editor_document.plan is before


def test_deal_size_zero_means_the_plans(qapp: object, editor_document: PlanDocument) -> None:
    model = SourceTableModel(editor_document)
    assert model.setData(model.index(1, cols.DEAL_SIZE), 0.0)
    assert editor_document.plan.sources[1].average_deal_size is None
    assert model.setData(model.index(0, cols.DEAL_SIZE), 50_000.0)
    assert editor_document.plan.sources[0].average_deal_size == 50_000


def test_the_model_stays_consistent(qtmodeltester: ModelTester,
                                    editor_document: PlanDocument) -> None:
    model = SourceTableModel(editor_document)
    qtmodeltester.check(model)
    editor_document.edit("Add source", source_edits.add_source)
    assert model.rowCount() == 4
    editor_document.edit("Remove", lambda p: source_edits.remove_source(p, 1))
    assert [model.index(r, cols.ID).data(DISPLAY) for r in range(3)] == [
        "inbound", "partners", "source"]
    editor_document.edit("Remove stage", lambda p: stage_edits.remove_stage(p, 1))  # MQL goes
    assert model.index(1, cols.ENTERS).data(DISPLAY) == "SAL"
    while editor_document.undo_stack.canUndo():
        editor_document.undo_stack.undo()
    editor_document.load(small_plan(), None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_editing_a_share_in_the_table(qtbot: QtBot, sources_panel: SourcesPanel,
                                      editor_document: PlanDocument) -> None:
    index = sources_panel.model.index(2, cols.SHARE)
    type_in_cell(qtbot, sources_panel.table, index, "40", QDoubleSpinBox)
    assert shares(editor_document) == [0.4, 0.2, 0.4]


def test_columns_are_measured_when_rows_come_not_on_every_edit(
        sources_panel: SourcesPanel, editor_document: PlanDocument) -> None:
    table, mode = sources_panel.table, QHeaderView.ResizeMode
    assert table.horizontalHeader().sectionResizeMode(cols.NAME) == mode.Interactive
    assert table.verticalHeader().sectionResizeMode(0) == mode.Fixed
    assert len({table.rowHeight(row) for row in range(3)}) == 1
    width = table.columnWidth(cols.NAME)
    assert sources_panel.model.setData(sources_panel.model.index(0, cols.NAME),
                                       "Inbound from the new website and the events", EDIT)
    assert table.columnWidth(cols.NAME) == width  # an edit measures no cell
    editor_document.edit("Add source", source_edits.add_source)
    assert table.columnWidth(cols.NAME) > width  # a new row: the columns fit again


def test_entry_stage_picker_lists_the_open_stages(
        qtbot: QtBot, sources_panel: SourcesPanel, editor_document: PlanDocument) -> None:
    index = sources_panel.model.index(0, cols.ENTERS)
    sources_panel.table.setFocus()
    sources_panel.table.setCurrentIndex(index)
    sources_panel.table.edit(index)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == ["inquiry", "mql", "sal"]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # picking keeps it at once
    assert editor_document.plan.sources[0].enters == "mql"


def test_add_and_remove_sources_with_buttons_and_keys(
        qtbot: QtBot, sources_panel: SourcesPanel, editor_document: PlanDocument) -> None:
    sources_panel.table.setFocus()
    qtbot.keyClick(sources_panel.table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [s.id for s in editor_document.plan.sources][-1] == "source"
    assert sources_panel.table.currentIndex().row() == 3
    sources_panel.table.setCurrentIndex(sources_panel.model.index(2, cols.NAME))
    qtbot.keyClick(sources_panel.table, Qt.Key.Key_Delete)
    assert [s.id for s in editor_document.plan.sources] == ["inbound", "outbound", "source"]
    assert editor_document.undo_stack.undoText() == "Remove source Partners"
    assert sum(shares(editor_document)) == pytest.approx(1.0)


def test_a_plan_without_sources_says_where_leads_enter(qtbot: QtBot) -> None:
    document = PlanDocument(small_plan())
    panel = SourcesPanel(document)
    qtbot.addWidget(panel)
    assert panel.hint.text() == ("All leads enter at Inquiry; add a source to split the "
                                 "target by channel")
    button = next(b for b in panel.findChildren(QToolButton)
                  if b.defaultAction() is panel.add_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [s.share for s in document.plan.sources] == [1.0]
    assert "rescales" in panel.hint.text()


def test_overrides_of_the_selected_source(
        qtbot: QtBot, sources_panel: SourcesPanel, editor_document: PlanDocument) -> None:
    sources_panel.table.setCurrentIndex(sources_panel.model.index(1, cols.NAME))
    overrides = sources_panel.overrides
    assert "Outbound" in overrides.title.text()
    assert overrides.checks["mql"].isChecked()
    assert overrides.spins["mql"].value() == 35
    assert not overrides.checks["inquiry"].isEnabled()  # Outbound enters below Inquiry
    qtbot.mouseClick(overrides.checks["sal"], Qt.MouseButton.LeftButton)
    assert editor_document.plan.sources[1].conversion_overrides == {"mql": 0.35, "sal": 0.5}
    spin = overrides.spins["sal"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "42")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert editor_document.plan.sources[1].conversion_overrides["sal"] == pytest.approx(0.42)
    assert editor_document.undo_stack.undoText() == "Change Outbound rate at SAL"
    qtbot.mouseClick(overrides.checks["mql"], Qt.MouseButton.LeftButton)
    assert "mql" not in editor_document.plan.sources[1].conversion_overrides
