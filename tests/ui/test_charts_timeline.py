"""TimelineChart: entries per month for chosen stages, the revenue target, the pre-plan."""

from __future__ import annotations

import pytest
from chart_plans import sample_document
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.stages import set_stage
from alignplanner.ui.charts.timeline import TimelineChart, default_stages
from alignplanner.ui.wording import month_ticks

pytestmark = pytest.mark.gui


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return sample_document()


@pytest.fixture
def chart(qtbot: QtBot, document: PlanDocument) -> TimelineChart:
    widget = TimelineChart(document)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    return widget


def test_shows_the_entry_stages_and_the_won_stage_by_default(chart: TimelineChart) -> None:
    # inbound enters at inquiry, outbound at sal, partner at sql
    assert chart.visible_stages() == ["inquiry", "sal", "sql", "won"]


def test_default_stages_keep_funnel_order() -> None:
    assert default_stages(["c", "a", "a"], ("a", "b", "c", "d")) == ["a", "c", "d"]


def test_series_are_the_monthly_values(chart: TimelineChart, document: PlanDocument) -> None:
    for stage_id in chart.visible_stages():
        assert chart.series(stage_id) == list(document.result.stage(stage_id).monthly)


def test_pre_plan_marker_is_the_pre_plan_volume(chart: TimelineChart,
                                                document: PlanDocument) -> None:
    result = document.result
    for stage_id in chart.visible_stages():
        assert chart.pre_plan_value(stage_id) == result.stage(stage_id).pre_plan
    assert chart.pre_plan_value("inquiry") > 0
    assert chart.pre_plan_total() == pytest.approx(
        sum(result.stage(s).pre_plan for s in chart.visible_stages()))


def test_target_row_is_the_revenue_target_with_the_pipeline_part(
        chart: TimelineChart, document: PlanDocument) -> None:
    result = document.result
    assert chart.target_values() == list(result.target_monthly)
    assert chart.pipeline_values() == [min(p, t) for p, t in
                                       zip(result.pipeline_monthly, result.target_monthly,
                                           strict=True)]


def test_an_edit_updates_the_same_items_in_place(chart: TimelineChart,
                                                 document: PlanDocument) -> None:
    items = chart.plot_items()
    assert document.edit("SQL to opp", lambda p: set_stage(p, 3, conversion=0.7)) == []
    assert all(a is b for a, b in zip(chart.plot_items(), items, strict=True))
    assert len(chart.plot_items()) == len(items)
    for stage_id in chart.visible_stages():
        assert chart.series(stage_id) == list(document.result.stage(stage_id).monthly)
        assert chart.pre_plan_value(stage_id) == document.result.stage(stage_id).pre_plan


def test_choosing_stages_shows_exactly_those(chart: TimelineChart,
                                             document: PlanDocument) -> None:
    everything = list(document.plan.stage_ids)
    chart.set_visible_stages(reversed(everything))
    assert chart.visible_stages() == everything  # funnel order whatever the order asked
    assert chart.series("mql") == list(document.result.stage("mql").monthly)
    chart.set_visible_stages(["won"])
    assert chart.visible_stages() == ["won"]
    with pytest.raises(KeyError):
        chart.series("inquiry")


def test_the_stage_menu_toggles_a_stage(chart: TimelineChart) -> None:
    actions = chart.picker.actions_by_id()
    assert [a for a, act in actions.items() if act.isChecked()] == chart.visible_stages()
    actions["mql"].trigger()
    assert "mql" in chart.visible_stages()
    actions["inquiry"].trigger()
    assert "inquiry" not in chart.visible_stages()


def test_the_choice_survives_an_edit(chart: TimelineChart, document: PlanDocument) -> None:
    chart.set_visible_stages(["mql", "won"])
    document.edit("SQL to opp", lambda p: set_stage(p, 3, conversion=0.7))
    assert chart.visible_stages() == ["mql", "won"]
    document.edit("rename", lambda p: set_stage(p, 1, id="marketing-lead"))
    assert chart.visible_stages() == ["marketing-lead", "won"]


def test_months_are_labelled_like_jan_27(chart: TimelineChart) -> None:
    labels = chart.month_labels()
    assert labels[0] == "Jan 27"
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    assert set(labels) <= {f"{m} 27" for m in months}  # how many depends on the width


def test_month_labels_thin_out_when_narrow(document: PlanDocument) -> None:
    months = document.result.months
    assert len(month_ticks(months)) == 12
    assert [t for _, t in month_ticks(months, 2.5)] == ["Jan 27", "Apr 27", "Jul 27", "Oct 27"]


def test_hover_gives_the_exact_values_of_the_month(chart: TimelineChart,
                                                   document: PlanDocument) -> None:
    inquiry = document.result.stage("inquiry")
    text = chart.hover_text(2)
    assert text.startswith("Mar 2027")
    assert f"{inquiry.monthly[2]:,.2f}" in text
    assert f"rounded {inquiry.monthly_rounded[2]:,}" in text
    assert f"{inquiry.pre_plan:,.2f}" in chart.hover_text(-1)


def test_a_longer_plan_gets_rows_for_its_stages(chart: TimelineChart) -> None:
    stress = sample_document("stress")
    chart.document.load(stress.plan, None, stress.result)
    assert chart.visible_stages() == ["inquiry", "engaged", "sal", "sql", "opportunity", "won"]
    assert chart.series("engaged") == list(stress.result.stage("engaged").monthly)
    assert len(chart.target_values()) == 36
