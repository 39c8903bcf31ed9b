"""TargetPanel: plan settings, the revenue target and seasonality, typed like a person."""

from __future__ import annotations

from datetime import date

import pytest
from editor_plans import shown, small_plan
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.ui.editors.target_panel import TargetPanel

# Showing a window on the offscreen platform makes Qt say that the plugin cannot
# propagate size hints; that is the platform, not a problem.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def editor_document(qapp: object) -> PlanDocument:
    return PlanDocument(small_plan())


def make_panel(qtbot: QtBot, document: PlanDocument) -> TargetPanel:
    return shown(qtbot, TargetPanel(document))


@pytest.fixture
def target_panel(qtbot: QtBot, editor_document: PlanDocument) -> TargetPanel:
    return make_panel(qtbot, editor_document)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select what the field shows, type ``text`` and press Enter."""
    widget.setFocus()
    if isinstance(widget, QAbstractSpinBox):
        widget.selectAll()
    else:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_typing_a_revenue_target_is_one_edit(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_into(qtbot, target_panel.revenue, "2400000")
    assert editor_document.plan.target.revenue == 2_400_000
    assert editor_document.undo_stack.count() == 1  # not one per digit
    assert editor_document.undo_stack.undoText() == "Change revenue target"
    assert target_panel.wins.text() == "80 deals"
    assert target_panel.revenue.text() == "2,400,000 USD"
    editor_document.undo_stack.undo()
    assert target_panel.revenue.value() == 1_200_000
    assert target_panel.wins.text() == "40 deals"


def test_arrow_steps_of_one_field_merge(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    target_panel.deal_size.setFocus()
    for _ in range(3):
        qtbot.keyClick(target_panel.deal_size, Qt.Key.Key_Up)
    assert editor_document.plan.target.average_deal_size == 30_003
    assert editor_document.undo_stack.count() == 1


def test_plan_length_start_and_rounding(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_into(qtbot, target_panel.months, "24")
    assert editor_document.plan.months == 24
    assert len(target_panel.seasonality.spins) == 24
    target_panel.start.setFocus()
    qtbot.keyClick(target_panel.start, Qt.Key.Key_Up)  # the month section
    assert editor_document.plan.start == date(2027, 2, 1)
    target_panel.rounding.setFocus()
    qtbot.keyClick(target_panel.rounding, Qt.Key.Key_Down)
    assert editor_document.plan.rounding == "nearest"
    assert target_panel.rounding.currentText().startswith("Round each stage to the nearest")
    assert editor_document.undo_stack.count() == 3


def test_a_bad_currency_is_refused_at_the_field(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    before = editor_document.plan
    type_into(qtbot, target_panel.currency, "eu")
    assert editor_document.plan is before
    assert target_panel.plan_error.isVisible()
    assert target_panel.plan_error.text().startswith("Currency: ")
    assert "three-letter" in target_panel.plan_error.text()
    assert target_panel.currency.text() == "USD"  # the plan's value is back in the field
    type_into(qtbot, target_panel.currency, "eur")
    assert editor_document.plan.currency == "EUR"
    assert not target_panel.plan_error.isVisible()
    assert target_panel.revenue.suffix() == " EUR"


def test_impossible_numbers_arrive_whole_and_are_refused_with_the_reason(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    before = editor_document.plan
    type_into(qtbot, target_panel.growth, "5000")
    assert target_panel.growth.text() == "0.00 %"  # the plan's value is back in the field
    assert editor_document.plan is before
    assert target_panel.target_error.text() == (
        "Growth: growth must be above -100% and at most 1000%, got 5000%")
    type_into(qtbot, target_panel.revenue, "-100")
    assert editor_document.plan is before
    assert ("Revenue target: revenue must be above 0 and at most "
            in target_panel.target_error.text())
    type_into(qtbot, target_panel.months, "500")
    assert editor_document.plan is before
    assert target_panel.plan_error.text() == (
        "Plan length: months must be between 1 and 120, got 500")
    type_into(qtbot, target_panel.months, "24")
    assert editor_document.plan.months == 24
    assert not target_panel.plan_error.isVisible()


def test_growth_and_what_follows_the_plan(
        qtbot: QtBot, target_panel: TargetPanel, editor_document: PlanDocument) -> None:
    type_into(qtbot, target_panel.growth, "12.5")
    assert editor_document.plan.target.growth == pytest.approx(0.125)
    target_panel.continuation.setFocus()
    qtbot.keyClick(target_panel.continuation, Qt.Key.Key_Down)
    assert editor_document.plan.target.continuation == "none"
    assert not target_panel.growth.isEnabled()  # growth only matters when targets repeat


def test_a_month_weight_and_flat(qtbot: QtBot, target_panel: TargetPanel,
                                 editor_document: PlanDocument) -> None:
    months = target_panel.seasonality
    type_into(qtbot, months.spins[11], "3")
    weights = editor_document.plan.target.monthly_weights
    assert weights is not None
    assert weights[11] == 3
    assert editor_document.undo_stack.undoText() == "Change Dec 27 weight"
    assert months.flat_button.isEnabled()
    qtbot.mouseClick(months.flat_button, Qt.MouseButton.LeftButton)
    assert editor_document.plan.target.monthly_weights is None
    assert not months.flat_button.isEnabled()


def test_no_month_may_carry_the_whole_year_alone_at_zero(qtbot: QtBot) -> None:
    document = PlanDocument(small_plan(weights=[1.0] + [0.0] * 11))
    panel = make_panel(qtbot, document)
    before = document.plan
    type_into(qtbot, panel.seasonality.spins[0], "0")
    assert document.plan is before
    assert "at least one month must be above zero" in panel.seasonality.error.text()
    assert panel.seasonality.spins[0].value() == 1


def test_months_as_amounts(qtbot: QtBot, target_panel: TargetPanel,
                           editor_document: PlanDocument) -> None:
    months = target_panel.seasonality
    qtbot.mouseClick(months.switch_button, Qt.MouseButton.LeftButton)
    amounts = editor_document.plan.target.monthly_revenue
    assert amounts is not None
    assert sum(amounts) == pytest.approx(1_200_000)
    type_into(qtbot, months.spins[0], "200000")
    assert editor_document.plan.target.revenue == pytest.approx(1_300_000)
    assert target_panel.revenue.value() == pytest.approx(1_300_000)
    qtbot.mouseClick(months.switch_button, Qt.MouseButton.LeftButton)
    assert editor_document.plan.target.monthly_revenue is None
    assert editor_document.plan.target.monthly_weights is not None


def test_another_plan_loaded_into_the_document_is_shown(qtbot: QtBot, target_panel: TargetPanel,
                                           editor_document: PlanDocument) -> None:
    editor_document.load(small_plan().with_changes(name="Other plan", months=6), None)
    assert target_panel.name.text() == "Other plan"
    assert len(target_panel.seasonality.spins) == 6
    type_into(qtbot, target_panel.name, "Renamed")
    assert editor_document.plan.name == "Renamed"


def test_money_stays_a_size_above_the_application_font(
        qtbot: QtBot, qapp: QApplication, target_panel: TargetPanel) -> None:
    normal = qapp.font()
    assert target_panel.revenue.font().pointSizeF() > normal.pointSizeF()
    bigger = QFont(normal)
    bigger.setPointSizeF(normal.pointSizeF() * 1.5)
    try:
        qapp.setFont(bigger)  # what presentation mode does
        qtbot.waitUntil(lambda: target_panel.font().pointSizeF() == bigger.pointSizeF())
        assert target_panel.revenue.font().pointSizeF() > bigger.pointSizeF()
        assert target_panel.name.font().pointSizeF() == bigger.pointSizeF()
    finally:
        qapp.setFont(normal)
