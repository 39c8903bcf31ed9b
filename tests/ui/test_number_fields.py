"""Number fields keep what people type: 12M is twelve million, "abc" is refused beside
the field and stays as typed, the plan never changes behind anyone's back."""

from __future__ import annotations

import pytest
from editor_plans import open_cell_editor, shown, small_plan, type_in_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.ui.editors import stage_columns as col
from alignplanner.ui.editors.number_box import NumberBox
from alignplanner.ui.editors.pipeline_panel import PipelinePanel
from alignplanner.ui.editors.stage_table import StagePanel
from alignplanner.ui.editors.target_panel import TargetPanel

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def editor_document(qapp: object) -> PlanDocument:
    return PlanDocument(small_plan())


@pytest.fixture
def target_panel(qtbot: QtBot, editor_document: PlanDocument) -> TargetPanel:
    return shown(qtbot, TargetPanel(editor_document))


@pytest.fixture
def stage_panel(qtbot: QtBot, editor_document: PlanDocument) -> StagePanel:
    return shown(qtbot, StagePanel(editor_document), (1400, 500))


def type_over(qtbot: QtBot, box: NumberBox, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "revenue"), [
    ("12M", 12_000_000), ("$12M", 12_000_000), ("12k", 12_000), ("1.2e7", 12_000_000),
    ("$12,000,000", 12_000_000), ("1.5B", 1_500_000_000), ("1e12", 1e12),
])
def test_the_revenue_target_takes_numbers_as_people_write_them(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument,
        typed: str, revenue: float) -> None:
    type_over(qtbot, target_panel.revenue, typed)
    assert editor_document.plan.target.revenue == revenue
    assert not target_panel.target_error.isVisible()


def test_text_that_is_not_a_number_is_refused_beside_the_field_and_kept(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_over(qtbot, target_panel.revenue, "abc")
    assert editor_document.plan.target.revenue == 1_200_000
    assert editor_document.undo_stack.count() == 0
    assert target_panel.revenue.text() == "abc USD"  # nothing typed is lost
    error = target_panel.target_error
    assert error.isVisible()
    assert error.text().startswith("Revenue target: \u201cabc\u201d is not a number")
    assert "1.5M" in error.text()  # it says what the field takes
    target_panel.deal_size.setFocus()  # leaving the field keeps the text too
    assert target_panel.revenue.text() == "abc USD"
    assert editor_document.plan.target.revenue == 1_200_000
    type_over(qtbot, target_panel.revenue, "2M")  # fixed: the reason goes
    assert editor_document.plan.target.revenue == 2_000_000
    assert not error.isVisible()


def test_fixing_the_text_back_to_the_same_value_clears_the_reason(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_over(qtbot, target_panel.revenue, "1.2 mio")
    assert target_panel.target_error.isVisible()
    type_over(qtbot, target_panel.revenue, "1.2M")  # the value the plan already has
    assert editor_document.plan.target.revenue == 1_200_000
    assert not target_panel.target_error.isVisible()


def test_a_value_is_never_rounded_or_cut_silently(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_over(qtbot, target_panel.months, "12.5")
    assert editor_document.plan.months == 12
    assert "takes whole numbers" in target_panel.plan_error.text()
    type_over(qtbot, target_panel.months, "18")
    assert editor_document.plan.months == 18
    type_over(qtbot, target_panel.growth, "12.345")
    assert "at most 2 decimals" in target_panel.target_error.text()
    assert editor_document.plan.target.growth == 0


def test_arrow_keys_do_not_step_over_refused_text(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_over(qtbot, target_panel.deal_size, "3o000")
    qtbot.keyClick(target_panel.deal_size, Qt.Key.Key_Up)
    assert editor_document.plan.target.average_deal_size == 30_000
    assert target_panel.deal_size.text() == "3o000 USD"


def test_a_table_cell_keeps_refused_text_open_and_says_why(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    panel = stage_panel
    index = panel.model.index(0, col.DAYS)
    type_in_cell(qtbot, panel.table, index, "1e12", NumberBox)  # once 112: "e" was dropped
    assert editor_document.plan.stages[0].days == 14  # the plan refuses 10^12 days
    assert panel.error.text().startswith("Inquiry · Days: days must be")
    editor = open_cell_editor(panel.table, index)
    assert isinstance(editor, NumberBox)
    editor.selectAll()
    qtbot.keyClicks(editor, "2 weeks")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor  # still open, with what was typed
    assert editor.text() == "2 weeks"
    assert panel.error.text().startswith(
        "Inquiry · Days: \u201c2 weeks\u201d ends in \u201cweeks\u201d")
    assert editor_document.plan.stages[0].days == 14
    editor.selectAll()
    qtbot.keyClicks(editor, "21")
    with qtbot.waitSignal(panel.table.itemDelegate().closeEditor):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor_document.plan.stages[0].days == 21
    assert not panel.error.isVisible()


def test_a_click_elsewhere_says_what_was_refused(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    panel = stage_panel
    editor = open_cell_editor(panel.table, panel.model.index(1, col.CONVERSION))
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "half")
    panel.table.setCurrentIndex(panel.model.index(2, col.NAME))  # the editor closes
    assert editor_document.plan.stages[1].conversion == 0.55
    assert "\u201chalf\u201d is not a number" in panel.error.text()


def test_a_typed_number_in_a_cell(
        qtbot: QtBot, stage_panel: StagePanel, editor_document: PlanDocument) -> None:
    panel = stage_panel
    type_in_cell(qtbot, panel.table, panel.model.index(0, col.DAYS), "1.5k", NumberBox)
    assert editor_document.plan.stages[0].days == 1_500


def test_none_and_negative_open_units(qtbot: QtBot, editor_document: PlanDocument) -> None:
    panel = shown(qtbot, PipelinePanel(editor_document))
    box = panel.spins["mql"]
    type_over(qtbot, box, "2k")
    assert editor_document.plan.pipeline.existing["mql"] == 2_000
    type_over(qtbot, box, "-5")  # once silently "none"
    assert editor_document.plan.pipeline.existing["mql"] == 2_000
    assert "outside what this field takes" in panel.error.text()
    assert panel.error.text().startswith("Open units at MQL:")
    type_over(qtbot, box, "none")
    assert editor_document.plan.pipeline.existing.get("mql", 0) == 0


def test_a_refusal_of_the_plan_goes_once_the_field_is_fixed(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_over(qtbot, target_panel.revenue, "0")
    assert editor_document.plan.target.revenue == 1_200_000
    assert target_panel.target_error.text().startswith("Revenue target: ")
    type_over(qtbot, target_panel.revenue, "1.2M")  # the plan's own value: no change
    assert not target_panel.target_error.isVisible()
