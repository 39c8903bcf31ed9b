"""StageTableModel: a checked item model whose every change goes through the document."""

from __future__ import annotations

import pytest
from editor_plans import small_plan
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.stage_model import ROW_MIME, StageTableModel

pytestmark = pytest.mark.gui
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def editor_document(qapp: object) -> PlanDocument:
    return PlanDocument(small_plan())


@pytest.fixture
def stage_model(editor_document: PlanDocument) -> StageTableModel:
    return StageTableModel(editor_document)


def ids(document: PlanDocument) -> list[str]:
    return [s.id for s in document.plan.stages]


def test_shows_the_funnel_in_percent_and_dashes_the_won_stage(stage_model: StageTableModel) -> None:
    assert stage_model.rowCount() == 4
    assert stage_model.index(1, col.CONVERSION).data(DISPLAY) == "55%"
    assert stage_model.index(1, col.CONVERSION).data(EDIT) == 55.0
    assert stage_model.index(2, col.RECYCLE_TO).data(DISPLAY) == "MQL"
    assert stage_model.index(2, col.RECYCLE_SHARE).data(DISPLAY) == "30%"
    for column in (col.CONVERSION, col.DAYS, col.RECYCLE_TO, col.RECYCLE_SHARE):
        won = stage_model.index(3, column)
        assert won.data(DISPLAY) == "—"
        assert not won.flags() & Qt.ItemFlag.ItemIsEditable
        assert not stage_model.setData(won, 50.0)
    assert not stage_model.index(3, 0).flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert stage_model.index(0, col.OWNER).data(Qt.ItemDataRole.DecorationRole) is not None


def test_a_conversion_in_percent_reaches_the_plan_and_undoes(
        stage_model: StageTableModel, editor_document: PlanDocument) -> None:
    assert stage_model.setData(stage_model.index(1, col.CONVERSION), 38.5)
    assert editor_document.plan.stages[1].conversion == pytest.approx(0.385)
    assert editor_document.undo_stack.undoText() == "Change MQL conversion"
    assert stage_model.index(1, col.CONVERSION).data(DISPLAY) == "38.5%"
    editor_document.undo_stack.undo()
    assert editor_document.plan.stages[1].conversion == 0.55
    assert stage_model.index(1, col.CONVERSION).data(DISPLAY) == "55%"


def test_consecutive_edits_of_one_field_are_one_undo_step(
        stage_model: StageTableModel, editor_document: PlanDocument) -> None:
    stage_model.setData(stage_model.index(1, col.CONVERSION), 40.0)
    stage_model.setData(stage_model.index(1, col.CONVERSION), 45.0)
    assert editor_document.undo_stack.count() == 1
    stage_model.setData(stage_model.index(1, col.DAYS), 5.0)
    assert editor_document.undo_stack.count() == 2
    editor_document.undo_stack.undo()
    editor_document.undo_stack.undo()
    assert editor_document.plan == small_plan()


@pytest.mark.parametrize(("row", "column", "value", "reason"), [
    (1, col.CONVERSION, 0.0, "above 0%"),
    (1, col.CONVERSION, 150.0, "at most 100%, got 150%"),
    (1, col.DAYS, -1.0, "days must be at least 0 and at most 3,650"),
    (0, col.RECYCLE_TO, "sal", "later stage"),
    (2, col.RECYCLE_SHARE, 120.0, "at most 100%"),
    (1, col.NAME, "  ", "must not be empty"),
    (1, col.ID, "Has Spaces", "a-z, 0-9"),
    (1, col.ID, "sal", "already used"),
    (1, col.CONVERSION, "lots", "not a number"),
])
def test_an_impossible_value_is_refused_with_the_reason(
        qtbot: QtBot, stage_model: StageTableModel, editor_document: PlanDocument,
        row: int, column: int, value: object, reason: str) -> None:
    before = editor_document.plan
    with qtbot.waitSignal(stage_model.refused) as refused:
        assert not stage_model.setData(stage_model.index(row, column), value)
    assert editor_document.plan is before
    assert editor_document.undo_stack.count() == 0
    assert refused.args is not None
    assert refused.args[:2] == [row, column]
    assert reason in refused.args[2]
    assert reason in stage_model.index(row, column).data(TOOLTIP)


def test_the_refusal_tooltip_clears_on_the_next_successful_edit(
        stage_model: StageTableModel) -> None:
    stage_model.setData(stage_model.index(1, col.CONVERSION), 150.0)
    stage_model.setData(stage_model.index(1, col.CONVERSION), 60.0)
    assert "150" not in stage_model.index(1, col.CONVERSION).data(TOOLTIP)


def test_recycling_is_chosen_then_detailed(stage_model: StageTableModel,
                                           editor_document: PlanDocument) -> None:
    share = stage_model.index(1, col.RECYCLE_SHARE)
    assert not share.flags() & Qt.ItemFlag.ItemIsEditable  # no target yet
    assert stage_model.setData(stage_model.index(1, col.RECYCLE_TO), "inquiry")
    assert stage_model.setData(share, 25.0)
    assert stage_model.setData(stage_model.index(1, col.RECYCLE_DAYS), 60.0)
    recycle = editor_document.plan.stages[1].recycle
    assert recycle is not None
    assert (recycle.to, recycle.share, recycle.after_days) == ("inquiry", 0.25, 60.0)
    assert stage_model.setData(stage_model.index(1, col.RECYCLE_TO), "")
    assert editor_document.plan.stages[1].recycle is None


def test_renaming_and_criteria_and_owner(stage_model: StageTableModel,
                                         editor_document: PlanDocument) -> None:
    assert stage_model.setData(stage_model.index(0, col.NAME), "Lead")
    assert editor_document.undo_stack.undoText() == "Rename stage Inquiry"
    assert stage_model.setData(stage_model.index(0, col.ENTRY), "Form filled in\nvalid e-mail")
    assert editor_document.plan.stages[0].entry_criteria == "Form filled in\nvalid e-mail"
    assert stage_model.index(0, col.ENTRY).data(DISPLAY) == "Form filled in valid e-mail"
    assert stage_model.setData(stage_model.index(0, col.OWNER), "partner")
    assert editor_document.plan.stages[0].owner == "partner"


def test_the_model_stays_consistent_through_every_kind_of_change(
        qtmodeltester: ModelTester, stage_model: StageTableModel,
        editor_document: PlanDocument) -> None:
    qtmodeltester.check(stage_model)
    stage_model.setData(stage_model.index(0, col.CONVERSION), 20.0)
    editor_document.edit("Add stage", lambda p: stage_edits.add_stage(p, 1))
    assert stage_model.rowCount() == 5
    assert stage_model.index(1, col.NAME).data(DISPLAY) == "New stage"
    editor_document.edit("Remove stage", lambda p: stage_edits.remove_stage(p, 0))
    assert ids(editor_document) == [s.id for s in stage_model._stages]
    editor_document.edit("Remove won", lambda p: stage_edits.remove_stage(p, 3))
    assert stage_model.index(2, col.CONVERSION).data(DISPLAY) == "—"  # SAL is won now
    while editor_document.undo_stack.canUndo():
        editor_document.undo_stack.undo()
    assert stage_model.rowCount() == 4
    editor_document.load(small_plan(with_sources=True).with_changes(name="Other plan"), None)
    qtmodeltester.check(stage_model)


def test_move_rows_reorders_the_funnel(qtmodeltester: ModelTester,
                                       stage_model: StageTableModel,
                                       editor_document: PlanDocument) -> None:
    qtmodeltester.check(stage_model)
    moved: list[tuple[int, int]] = []
    stage_model.rowsMoved.connect(lambda _p, start, _e, _d, row: moved.append((start, row)))
    assert stage_model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 2)  # Inquiry below MQL
    assert ids(editor_document) == ["mql", "inquiry", "sal", "won"]
    assert moved == [(0, 2)]
    assert editor_document.undo_stack.undoText() == "Move Inquiry down"
    editor_document.undo_stack.undo()
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]
    assert not stage_model.moveRows(QModelIndex(), 3, 1, QModelIndex(), 0)  # won stays last
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]


def test_a_move_that_would_make_a_recycle_point_down_is_refused(
        qtbot: QtBot, stage_model: StageTableModel, editor_document: PlanDocument) -> None:
    with qtbot.waitSignal(stage_model.refused) as refused:
        assert not stage_model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 3)  # MQL below SAL
    assert refused.args is not None
    assert "recycle" in refused.args[2]
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]


def test_dropping_a_dragged_row_moves_it_and_never_removes_it(
        qtmodeltester: ModelTester, stage_model: StageTableModel,
        editor_document: PlanDocument) -> None:
    qtmodeltester.check(stage_model)
    data = stage_model.mimeData([stage_model.index(0, col.NAME)])
    assert data.hasFormat(ROW_MIME)
    assert stage_model.canDropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    # False tells the view not to remove the source row after a move: the model moved it.
    assert not stage_model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert ids(editor_document) == ["mql", "inquiry", "sal", "won"]
    data = stage_model.mimeData([stage_model.index(0, col.NAME)])  # MQL dropped on Inquiry
    stage_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, stage_model.index(1, 0))
    assert ids(editor_document) == ["inquiry", "mql", "sal", "won"]
    assert editor_document.undo_stack.count() == 2


def _changed_cells(model: StageTableModel) -> list[tuple[int, int, int, int]]:
    changes: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles=None: changes.append(
        (top.row(), top.column(), bottom.row(), bottom.column())))
    return changes


def test_an_edited_value_repaints_its_cell_only(
        qtmodeltester: ModelTester, stage_model: StageTableModel,
        editor_document: PlanDocument) -> None:
    changes = _changed_cells(stage_model)
    assert stage_model.setData(stage_model.index(1, col.CONVERSION), 38.5)
    assert changes == [(1, col.CONVERSION, 1, col.CONVERSION)]
    editor_document.undo_stack.undo()
    assert changes[1:] == [(1, col.CONVERSION, 1, col.CONVERSION)]
    changes.clear()
    editor_document.edit("Recycle", lambda p: stage_edits.set_stage(p, 2, recycle=None))
    assert changes == [(2, col.RECYCLE_TO, 2, col.RECYCLE_DAYS)]  # the details go blank
    changes.clear()
    editor_document.edit("Revenue", lambda p: plan_edits.set_target(p, revenue=2_000_000))
    assert changes == []  # nothing the table shows
    qtmodeltester.check(stage_model)


def test_a_renamed_stage_repaints_every_cell_that_may_name_it(
        stage_model: StageTableModel) -> None:
    changes = _changed_cells(stage_model)
    assert stage_model.setData(stage_model.index(1, col.NAME), "Marketing qualified")
    last = stage_model.rowCount() - 1, len(col.COLUMNS) - 1
    assert changes == [(0, 0, *last)]
    assert stage_model.index(2, col.RECYCLE_TO).data(DISPLAY) == "Marketing qualified"
