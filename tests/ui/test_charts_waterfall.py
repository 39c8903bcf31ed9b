"""WaterfallChart: required volume per stage, by team, with the hand-off and warnings."""

from __future__ import annotations

import itertools

import pytest
from chart_plans import quiet_plan, sample_document
from float_tolerance import ABS, REL
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from alignplanner.document.document import PlanDocument
from alignplanner.domain.edits.plan import set_target
from alignplanner.domain.edits.stages import add_stage, set_stage
from alignplanner.domain.results import PlanWarning
from alignplanner.ui.charts import funnel_layout
from alignplanner.ui.charts.style import font, tinted, tinted_on
from alignplanner.ui.charts.waterfall import WaterfallChart
from alignplanner.ui.theme import team_color, theme_for

pytestmark = pytest.mark.gui


@pytest.fixture
def document(qapp: object) -> PlanDocument:
    return sample_document()


@pytest.fixture
def chart(qtbot: QtBot, document: PlanDocument) -> WaterfallChart:
    widget = WaterfallChart(document)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    return widget


def test_bars_are_the_stage_volumes_and_labels_the_rounded_integers(
        chart: WaterfallChart, document: PlanDocument) -> None:
    stages = document.result.stages
    assert chart.bar_heights() == [s.volume for s in stages]
    assert chart.number_labels() == [f"{s.rounded:,}" for s in stages]
    assert chart.number_labels()[0] == "22,042"


def test_bars_are_linear_by_default_so_the_drop_off_shows(chart: WaterfallChart,
                                                           document: PlanDocument) -> None:
    """22,042 inquiries are 106 times the 208 wins on the screen, as in the plan."""
    stages = document.result.stages
    assert not chart.log
    assert not chart.log_scale.isChecked()
    assert chart.bar_lengths() == pytest.approx([s.volume for s in stages])
    lengths = chart.bar_lengths()
    assert lengths[0] / lengths[-1] == pytest.approx(22_041.84 / 207.45, rel=1e-3)
    assert chart.plot.getAxis("bottom").labelText == "Entries needed, Jan 2027 to Dec 2027"
    (left, right), _ = chart.plot.getViewBox().viewRange()
    assert left == 0
    assert right >= stages[0].volume


def test_log_scale_is_a_choice_in_the_header(qtbot: QtBot, chart: WaterfallChart,
                                             document: PlanDocument) -> None:
    import math
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.mouseClick(chart.log_scale, Qt.MouseButton.LeftButton,
                     pos=QPoint(4, chart.log_scale.height() // 2))
    assert chart.log
    expected = [math.log10(s.volume) for s in document.result.stages]
    assert chart.bar_lengths() == pytest.approx(expected)
    assert chart.plot.getAxis("bottom").labelText.endswith("(log scale)")
    assert chart.number_labels()[0] == "22,042"  # the values stay written on the bars
    chart.set_log(False)
    assert not chart.log_scale.isChecked()
    assert chart.bar_lengths() == pytest.approx([s.volume for s in document.result.stages])


def test_the_note_says_where_the_deals_come_from(chart: WaterfallChart,
                                                 document: PlanDocument) -> None:
    """The last bar counts new leads' wins; the note adds the pipeline's and names why
    the two do not make the total exactly."""
    note = chart.deals_note.text()
    assert note.startswith("237 deals to win: 208 from new leads, 30 from the open pipeline.")
    assert "208 + 30 is not 237" in note
    assert chart.number_labels()[-1] == "208"
    chart.apply_theme(theme_for("light", presentation=True))
    assert chart.deals_note.isHidden()  # presenting, the headline says it


def test_an_edit_updates_the_same_items_in_place(chart: WaterfallChart,
                                                 document: PlanDocument) -> None:
    bars, texts = chart.bar_item(), chart.text_items()
    assert document.edit("MQL to SAL", lambda p: set_stage(p, 1, conversion=0.6)) == []
    assert chart.bar_item() is bars
    assert chart.text_items() == texts
    assert all(a is b for a, b in zip(chart.text_items(), texts, strict=True))
    assert chart.bar_heights() == [s.volume for s in document.result.stages]
    assert chart.handoff_text().endswith("▼ 60%")  # MQL to SAL is the hand-off
    assert chart.conversion_labels() == ["▼ 12%", "", "▼ 50%", "▼ 65%", "▼ 25%"]


def test_undo_brings_the_old_bars_back(chart: WaterfallChart, document: PlanDocument) -> None:
    before = chart.bar_heights()
    document.edit("MQL to SAL", lambda p: set_stage(p, 1, conversion=0.6))
    document.undo_stack.undo()
    assert chart.bar_heights() == before


def test_bars_are_coloured_by_the_owning_team(chart: WaterfallChart,
                                              document: PlanDocument) -> None:
    assert chart.bar_colors() == [team_color(s.owner).name() for s in document.plan.stages]
    assert "Marketing" in chart.legend_text()
    assert "SDR" in chart.legend_text()


def test_the_hand_off_is_where_marketing_passes_to_a_sales_team(
        chart: WaterfallChart, document: PlanDocument) -> None:
    owners = [s.owner for s in document.plan.stages]
    h = chart.handoff_index()
    assert h == 2
    assert owners[h - 1] == "marketing"
    assert owners[h] == "sdr"
    y, divider = chart.bar_positions(), chart.handoff_position()
    assert divider is not None
    assert y[h - 1] < divider < y[h]
    # the hand-off gap is wider than the others
    assert y[h] - y[h - 1] > y[1] - y[0]


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_bands_tint_each_side_of_the_hand_off_across_the_plot(
        qtbot: QtBot, chart: WaterfallChart, mode: str) -> None:
    """Marketing's band above the divider, sales' below, each the team's tint on the
    theme's background and as wide as the plot (they are drawn wider; the plot clips)."""
    chart.apply_theme(theme_for(mode))
    chart.show()
    qtbot.waitExposed(chart)
    divider = chart.handoff_position()
    assert divider is not None
    vb = chart.plot.getViewBox()
    image = chart.grab().toImage()
    background = theme_for(mode).background
    for y, team, alpha in ((-0.5, "marketing", 22), (chart.bar_positions()[-1] + 0.5, "sales", 20)):
        for x_share in (0.003, 0.997):  # next to the plot's left and right edges
            (x0, x1), _ = vb.viewRange()
            scene = vb.mapViewToScene(QPointF(x0 + x_share * (x1 - x0), y))
            at = chart.view.mapFromScene(scene)
            pixel = image.pixelColor(chart.view.viewport().mapTo(chart, at))
            assert pixel == tinted_on(team_color(team), alpha, background), (team, x_share)


def test_an_opaque_tint_is_the_blend_qt_paints(qapp: object) -> None:
    colors = ("#1565C0", "#2E7D32", "#C62828", "#000000", "#FFFFFF", "#7F8081")
    backgrounds = ("#FFFFFF", "#1E2127", "#123456", "#000000")
    for color, alpha, background in itertools.product(colors, range(0, 256, 3), backgrounds):
        image = QImage(4, 4, QImage.Format.Format_RGB32)
        image.fill(QColor(background))
        painter = QPainter(image)
        painter.fillRect(image.rect(), tinted(color, alpha))
        painter.end()
        assert image.pixelColor(1, 1) == tinted_on(color, alpha, background)


@pytest.mark.parametrize(("owners", "expected"), [
    (["marketing", "marketing", "sdr", "sales"], 2),
    (["marketing", "sales", "sales"], 1),
    (["marketing", "custom", "sdr", "sales"], 2),
    (["sales", "sales"], None),
    (["marketing", "partner"], None),
])
def test_hand_off_index(owners: list[str], expected: int | None) -> None:
    assert funnel_layout.handoff_index(owners) == expected


def test_no_hand_off_hides_the_divider(qtbot: QtBot, qapp: object) -> None:
    document = PlanDocument(quiet_plan())
    document.edit("all sales", lambda p: set_stage(p, 0, owner="sales"))
    chart = WaterfallChart(document)
    qtbot.addWidget(chart)
    assert chart.handoff_index() is None
    assert chart.handoff_position() is None


def test_a_stage_with_a_warning_is_marked(chart: WaterfallChart, document: PlanDocument) -> None:
    assert chart.marked_stages() == []
    document.edit("SQL to opportunity", lambda p: set_stage(p, 3, conversion=0.004))
    assert [w.subject for w in document.result.warnings if w.code == "absurd_conversion"] == [
        "sql"]
    assert chart.marked_stages() == ["sql"]
    assert "Check this rate" in chart.tooltip_text(3)


def test_colours_and_outlines_follow_owners_and_warnings_through_edits(
        chart: WaterfallChart, document: PlanDocument) -> None:
    """The bars' brushes and pens are set again only when owners or warnings change: an
    edit that changes them must show, and so must the edits that change them back."""
    def outlined() -> list[bool]:
        return [pen.style() != Qt.PenStyle.NoPen for pen in chart.bar_item().opts["pens"]]

    stages = document.plan.stages
    document.edit("SQL to opportunity", lambda p: set_stage(p, 3, conversion=0.004))
    assert outlined() == [s.id == "sql" for s in stages]
    document.edit("Revenue", lambda p: set_target(p, revenue=p.target.revenue * 1.1))
    # (same owners and marks)
    assert outlined() == [s.id == "sql" for s in stages]
    document.edit("Owner", lambda p: set_stage(p, 1, owner="sdr"))
    assert chart.bar_colors()[1] == team_color("sdr").name()
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert outlined() == [False] * len(stages)
    assert chart.bar_colors() == [team_color(s.owner).name() for s in stages]


def test_warnings_name_stages_by_id_or_key_path() -> None:
    ids = ("lead", "sql", "won")
    found = funnel_layout.warnings_by_stage(ids, [
        PlanWarning("a", "by id", "sql"),
        PlanWarning("b", "by key path", "stages.0.conversion"),
        PlanWarning("c", "by id in a key path", "stages.won"),
        PlanWarning("d", "not a stage", "plan.rounding"),
    ])
    assert {k: [w.code for w in v] for k, v in found.items()} == {
        "sql": ["a"], "lead": ["b"], "won": ["c"]}


def test_tooltip_gives_the_exact_values(chart: WaterfallChart, document: PlanDocument) -> None:
    sal = document.result.stages[2]
    text = chart.tooltip_text(2)
    for value in (sal.volume, sal.new, sal.recycled, sal.pre_plan):
        assert f"{value:,.2f}" in text
    assert f"Rounded: {sal.rounded:,}" in text


def test_more_stages_make_more_labels_only_then(chart: WaterfallChart,
                                                document: PlanDocument) -> None:
    bars, count = chart.bar_item(), len(chart.text_items())
    document.edit("add", lambda p: add_stage(p, 1, "Engaged"))
    assert chart.bar_item() is bars
    assert len(chart.bar_heights()) == len(document.plan.stages) == 7
    assert len(chart.text_items()) > count
    assert chart.bar_heights() == [s.volume for s in document.result.stages]


def test_another_plan_loaded_into_the_document_is_shown_and_edited(
        chart: WaterfallChart, document: PlanDocument) -> None:
    other = sample_document("stress")
    document.load(other.plan, None, other.result)
    assert chart.bar_heights() == [s.volume for s in other.result.stages]
    document.edit("Change", lambda p: set_stage(p, 0, conversion=0.2))
    assert chart.bar_heights() == [s.volume for s in document.result.stages]
    assert chart.bar_heights() != pytest.approx([s.volume for s in other.result.stages],
                                                rel=REL, abs=ABS)  # more than last bits


def test_presentation_theme_enlarges_the_text(chart: WaterfallChart) -> None:
    def sizes() -> tuple[float, float]:
        names = chart.plot.getAxis("left").style["tickFont"].pointSizeF()
        return names, chart.conversion_items()[0].font().pointSizeF()

    normal = sizes()
    chart.apply_theme(theme_for("dark", presentation=True))
    assert all(big > small for big, small in zip(sizes(), normal, strict=True))
    assert chart.view.backgroundBrush().color().name() == theme_for("dark").background.lower()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_canvas_paints_its_own_background_in_either_theme(qtbot: QtBot,
                                                              chart: WaterfallChart) -> None:
    """The canvas is opaque (nothing is painted beneath it, see `opaque_canvas`), so its
    own background must cover it: with red beneath it, the corner of the canvas, outside
    every plot, is the theme's colour after each switch (unpainted, it is black here)."""
    chart.show()
    qtbot.waitExposed(chart)
    viewport = chart.view.viewport()
    assert viewport.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    for theme in (theme_for("dark"), theme_for("light", presentation=True)):
        chart.apply_theme(theme)
        palette = chart.palette()  # what lies beneath the canvas, were it painted
        palette.setColor(chart.backgroundRole(), QColor("#FF0000"))
        chart.setPalette(palette)
        assert chart.view.backgroundBrush().isOpaque()
        corner = chart.grab().toImage().pixelColor(viewport.mapTo(chart, QPoint(1, 1)))
        assert corner.name() == theme.background.lower()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_chart_behind_another_tab_refreshes_when_shown(qtbot: QtBot,
                                                         document: PlanDocument) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    chart = WaterfallChart(document)
    tabs.addTab(QWidget(), "front")
    tabs.addTab(chart, "waterfall")
    tabs.show()
    qtbot.waitExposed(tabs)
    before = chart.bar_heights()
    document.edit("MQL to SAL", lambda p: set_stage(p, 1, conversion=0.6))
    assert chart.bar_heights() == before  # not on screen: not refreshed yet
    tabs.setCurrentWidget(chart)
    assert chart.bar_heights() == [s.volume for s in document.result.stages]


def test_a_short_chart_presenting_fits_its_names_to_their_rows(
        qtbot: QtBot, chart: WaterfallChart) -> None:
    """Presentation mode beside the editors on a 720-pixel screen leaves the chart a few
    hundred pixels: names, conversions and the hand-off shrink to their row, never
    overlapping the next one; given the room again they are the theme's size."""
    from PySide6.QtGui import QFontMetrics

    chart.apply_theme(theme_for("light", presentation=True))
    chart.show()

    def heights() -> tuple[float, int, int, int]:
        rows = chart.plot.getViewBox().height() / (chart.bar_positions()[-1] + 1.2)
        names = QFontMetrics(chart.plot.getAxis("left").style["tickFont"]).height()
        conversion = QFontMetrics(chart.conversion_items()[0].font()).height()
        handoff = QFontMetrics(chart.text_items()[-1].font()).height()
        return rows, names, conversion, handoff

    chart.resize(680, 240)
    qtbot.waitUntil(lambda: heights()[0] < 25)
    rows, names, conversion, handoff = heights()
    assert max(names, conversion, handoff) <= rows
    chart.resize(1600, 900)
    qtbot.waitUntil(lambda: heights()[0] > 60)
    rows, names, _, _ = heights()
    presenting = QFontMetrics(font(theme_for("light", presentation=True), 1.1)).height()
    assert names == presenting < rows
