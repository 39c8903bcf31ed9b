"""CapacityChart: per month, what a role must handle against what the planned team can,
the gap and the month a hire must start; follows every edit in place."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sla_plans import ops_plan

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import roles as role_edits
from alignplanner.domain.engine.operations import required
from alignplanner.domain.team.capacity import capacity_plan
from alignplanner.ui.sla.capacity_chart import NO_ROLES, CapacityChart
from alignplanner.ui.theme import DARK, LIGHT

pytestmark = pytest.mark.gui


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return PlanDocument(ops_plan())


@pytest.fixture
def chart(qtbot: QtBot, document: PlanDocument) -> CapacityChart:
    widget = CapacityChart(document)
    qtbot.addWidget(widget)
    widget.resize(900, 560)
    return widget


def test_bars_line_and_gap_are_the_roles_capacity_plan(
    chart: CapacityChart, document: PlanDocument
) -> None:
    plan = document.plan
    role = plan.roles[0]
    # Independently of the result: the capacity plan of the role against the stage it works.
    expected = capacity_plan(role, required(plan, document.result, role))
    assert chart.role_id() == "sdr"
    assert chart.required_values() == pytest.approx(expected.required)
    assert chart.capacity_values() == pytest.approx(expected.capacity)
    short = [max(r - c, 0.0) for r, c in zip(expected.required, expected.capacity, strict=True)]
    assert chart.gap_values() == pytest.approx(short)
    assert any(short)
    shown = [f"{g:,.1f}" if g < 10 else f"{g:,.0f}" for g in short if g > 0]
    assert chart.gap_label_texts() == [f"\u2212{g}" for g in shown]
    first = min(expected.short_months)
    hire = expected.hire_by[first]
    assert hire is not None
    marker = chart.hire_marker()
    assert marker is not None
    assert marker[0] == (hire - 0.5 if hire >= 0 else -0.5)
    assert f"{plan.month_start(hire):%b %Y}" in marker[1]


def test_an_edit_moves_the_data_in_place(chart: CapacityChart, document: PlanDocument) -> None:
    items = (chart._required, chart._capacity, chart._gap)
    before = chart.capacity_values()
    document.edit("More SDRs", lambda p: role_edits.set_role(p, 0, headcount=12))
    assert (chart._required, chart._capacity, chart._gap) == items
    after = chart.capacity_values()
    assert after[0] == pytest.approx(before[0] * 12 / 4)  # month 0: no hires, no attrition
    assert chart.gap_values() == [0.0] * 12
    assert chart.gap_label_texts() == []
    assert chart.hire_marker() is None
    document.undo_stack.undo()
    assert chart.capacity_values() == pytest.approx(before)


def test_the_role_picker_shows_a_quota_role_in_money(
    chart: CapacityChart, document: PlanDocument
) -> None:
    chart.select_role("ae")
    assert chart.role_id() == "ae"
    cap = document.result.role("ae")
    assert chart.required_values() == pytest.approx(cap.required)
    assert "USD to book" in chart.title_label.text()
    tip = chart.tooltip_text(0)
    assert f"Needed: {cap.required[0]:,.0f} USD" in tip
    assert f"Capacity: {cap.capacity[0]:,.0f} USD" in tip
    assert f"Ramped reps needed: {cap.reps_needed[0]:,.2f}" in tip
    document.edit("Rename", lambda p: role_edits.set_role(p, 1, name="Account executives"))
    assert chart.role_id() == "ae"  # the choice survives an edit
    assert chart.role_picker.currentText() == "Account executives"


def test_tooltip_has_the_exact_values(chart: CapacityChart, document: PlanDocument) -> None:
    cap = document.result.role("sdr")
    tip = chart.tooltip_text(1)
    assert tip.startswith("Feb 2027 · SDRs")
    assert f"Needed: {cap.required[1]:,.1f}" in tip
    assert f"Ramped reps: {cap.effective_reps[1]:,.2f}" in tip


def test_removing_every_role_says_where_to_add_them(
    chart: CapacityChart, document: PlanDocument
) -> None:
    document.edit("No roles", lambda p: role_edits.remove_role(role_edits.remove_role(p, 0), 0))
    assert chart.role_id() is None
    assert chart._message.isVisible()
    assert chart._message.toPlainText() == NO_ROLES
    document.undo_stack.undo()
    assert chart.role_id() == "sdr"
    assert not chart._message.isVisible()


def test_themes_recolour_the_line(chart: CapacityChart) -> None:
    chart.apply_theme(DARK)
    dark = chart._capacity.opts["pen"].color().name()
    chart.apply_theme(LIGHT)
    assert chart._capacity.opts["pen"].color().name() != dark
    assert chart.view.backgroundBrush().color().name() == LIGHT.background.lower()
