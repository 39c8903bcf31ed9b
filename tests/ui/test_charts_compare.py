""""Compare with…" in the waterfall and the By month chart: the second scenario's series
drawn dashed over the shown one's, and a legend naming both. Hand-checked numbers: the base
needs 1,200,000 / 10,000 = 120 wins from 120 / 0.2 = 600 leads; "Double" (revenue
2,400,000) needs 240 wins from 1,200 leads; the monthly target 100,000 against 200,000."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from test_scenarios_panel import PLAN

from alignplanner.contract.reader import loads
from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.scenarios import edits
from alignplanner.ui.charts.timeline import TimelineChart
from alignplanner.ui.charts.waterfall import WaterfallChart

pytestmark = pytest.mark.gui


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    loaded = loads(PLAN)
    doc = PlanDocument(loaded.plan, None, loaded.result)
    doc.edit_scenarios("Add", lambda s: edits.override(
        edits.add(s, "Double"), "Double", "target.revenue", 2_400_000))
    return doc


def test_the_waterfall_overlays_the_compared_scenario(qtbot: QtBot,
                                                      document: PlanDocument) -> None:
    chart = WaterfallChart(document)
    qtbot.addWidget(chart)
    assert chart.compare_heights() == []
    assert [chart.compare.itemText(i) for i in range(chart.compare.count())] == [
        "Compare with…", "Compare with Double"]  # the base is shown: it is not in the list
    chart.compare.choose("Double")
    assert chart.bar_heights() == pytest.approx([600, 120])
    assert chart.compare_heights() == pytest.approx([1200, 240])
    assert chart.compare_lengths() == pytest.approx([1200, 240])
    legend = chart.legend_text()
    assert "Base" in legend
    assert "Double" in legend
    assert "┅" in legend  # the dashed mark of the compared scenario
    chart.set_log(True)
    assert chart.compare_lengths() == pytest.approx([3.0792, 2.3802], abs=1e-4)  # log10
    chart.compare.choose("")
    assert chart.compare_heights() == []
    assert "Double" not in chart.legend_text()


def test_the_waterfall_follows_the_shown_scenario_and_edits(qtbot: QtBot,
                                                            document: PlanDocument) -> None:
    chart = WaterfallChart(document)
    qtbot.addWidget(chart)
    document.show_scenario("Double")
    assert [chart.compare.itemText(i) for i in range(chart.compare.count())] == [
        "Compare with…", "Compare with Base"]
    chart.compare.choose("Base")
    assert chart.bar_heights() == pytest.approx([1200, 240])
    assert chart.compare_heights() == pytest.approx([600, 120])
    document.show_scenario("Base")  # the compared scenario is now the one shown
    assert chart.compare.chosen() == ""
    assert chart.compare_heights() == []
    chart.compare.choose("Double")
    # a base edit reaches the compared variant: 240 wins / 0.25 = 960 leads
    document.edit("Lead", lambda p: stage_edits.set_stage(p, 0, conversion=0.25))
    assert chart.compare_heights() == pytest.approx([960, 240])


def test_the_month_chart_overlays_target_and_entries(qtbot: QtBot,
                                                     document: PlanDocument) -> None:
    chart = TimelineChart(document)
    qtbot.addWidget(chart)
    chart.resize(1200, 800)
    chart.compare.choose("Double")
    assert chart.target_values() == pytest.approx([100_000] * 12)
    assert chart.compare_target_values() == pytest.approx([200_000] * 12)
    for stage_id in chart.visible_stages():
        ours = chart.series(stage_id)
        theirs = chart.compare_series(stage_id)
        assert theirs == pytest.approx([2 * v for v in ours])
    assert sum(chart.compare_series("won")) == pytest.approx(240)
    assert "Double" in chart.legend_text()
    chart.compare.choose("")
    assert chart.compare_target_values() == []
    assert chart.compare_series("won") == []
