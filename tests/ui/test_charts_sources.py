"""SourceChart: wins and new units per source."""

from __future__ import annotations

import pytest
from chart_plans import quiet_plan, sample_document
from float_tolerance import ABS, REL
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.sources import add_source, set_source
from alignplanner.ui.charts.by_source import SourceChart

pytestmark = pytest.mark.gui


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return sample_document()


@pytest.fixture
def chart(qtbot: QtBot, document: PlanDocument) -> SourceChart:
    widget = SourceChart(document)
    qtbot.addWidget(widget)
    widget.resize(900, 600)  # the size it has in the window (narrower ones shorten labels)
    return widget


def test_values_are_the_source_results(chart: SourceChart, document: PlanDocument) -> None:
    sources = document.result.sources
    assert chart.source_ids() == ["inbound", "outbound", "partner"]
    assert chart.source_names() == ["Inbound marketing", "Outbound SDR", "Partner referrals"]
    assert chart.win_values() == [s.wins for s in sources]
    assert chart.new_values() == [s.new for s in sources]


def test_revenue_shares_are_the_source_shares(chart: SourceChart,
                                              document: PlanDocument) -> None:
    assert chart.revenue_shares() == pytest.approx([s.share for s in document.plan.sources])
    assert chart.label_texts()[0] == "132 wins · 60%"
    assert chart.label_texts()[3] == "22,042 Inquiry"


def test_a_plan_without_sources_has_one_bar_all_sources(qtbot: QtBot, qapp: object) -> None:
    document = PlanDocument(quiet_plan())
    chart = SourceChart(document)
    qtbot.addWidget(chart)
    assert chart.source_names() == ["All sources"]
    assert chart.win_values() == [document.result.sources[0].wins]  # the bar is the result
    # 1,200,000 at 10,000 a deal, by hand; the engine's sum of its months within the tolerance
    assert document.result.sources[0].wins == pytest.approx(120.0, rel=REL, abs=ABS)
    assert chart.revenue_shares() == [1.0]


def test_an_edit_updates_the_same_items_in_place(chart: SourceChart,
                                                 document: PlanDocument) -> None:
    items = chart.plot_items()
    assert document.edit("deal size", lambda p: set_source(p, 1, average_deal_size=50_000)) == []
    assert all(a is b for a, b in zip(chart.plot_items(), items, strict=True))
    assert chart.win_values() == [s.wins for s in document.result.sources]


def test_a_new_source_adds_a_row(chart: SourceChart, document: PlanDocument) -> None:
    document.edit("add", lambda p: add_source(p, "Events"))
    assert len(chart.source_ids()) == 4
    assert chart.new_values() == [s.new for s in document.result.sources]
    assert sum(chart.revenue_shares()) == pytest.approx(1.0)


def test_tooltip_gives_the_exact_values(chart: SourceChart, document: PlanDocument) -> None:
    outbound = document.result.sources[1]
    text = chart.tooltip_text(1)
    assert text.startswith("Outbound SDR: enters at Sales accepted lead")
    assert f"{outbound.wins:,.2f}" in text
    assert f"{outbound.new:,.2f}" in text


@pytest.mark.parametrize("width", [873, 640, 1400])
def test_every_label_fits_inside_its_panel(qtbot: QtBot, qapp: object, width: int) -> None:
    """The longest labels ("86,411 Inquiry", "401 wins · 30%") of the stress plan stay
    inside their panel at the widths the window gives the chart, and after a resize; a
    panel too narrow for a label's words gets its number only."""
    chart = SourceChart(sample_document("stress"))
    qtbot.addWidget(chart)
    for size in (width, width - 120):
        chart.resize(size, 700)
        chart.show()
        qtbot.waitExposed(chart)
        chart.grab()  # painted: pyqtgraph maps a plot's range onto its pixels when it paints
        for plot, labels in ((chart.plot, chart._win_labels), (chart.units_plot,
                                                                 chart._unit_labels)):
            view = chart.view
            panel = view.mapFromScene(plot.getViewBox().sceneBoundingRect()).boundingRect()
            for label in labels.take(len(chart.source_ids())):
                # where Qt draws it on the canvas (the label ignores the plot's scaling)
                on_canvas = label.deviceTransform(view.viewportTransform())
                box = on_canvas.mapRect(label.boundingRect())
                assert panel.left() <= box.left()
                assert box.right() <= panel.right() + 0.5, label.toPlainText()
    texts = chart.label_texts()  # at the narrower of the two sizes
    if width >= 1400:
        assert all(" wins · " in t for t in texts[:6])
        assert "3,748 Sales accepted lead" in texts
    if width <= 640:
        assert "3,748" in texts  # the stage's name did not fit
