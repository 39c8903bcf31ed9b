"""The Review tab in the main window: a clear empty state without actuals; Refresh
actuals (Ctrl+R) reads the exports again from the mapping saved beside the plan on the
actuals' worker, with a progress bar; then the headline figures plan against actual, the
cumulative variance chart, the variance table and the landing, each from one
`WeeklyReview`; the rates switch and an edit of the plan set it against the actuals again.

The export (as of 31 January 2027, the sample plan's first month): 30 inquiries from Web
on 10 January, 10 of them won on 25 January at 10,000 each: 100,000 won.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.domain.edits.plan import set_target
from alignplanner.domain.review.sla_compliance import SlaCompliance, Stale
from alignplanner.domain.review.variance import cumulative_share
from alignplanner.resources import sample_plan_path
from alignplanner.ui import wording
from alignplanner.ui.main_window import MainWindow
from alignplanner.ui.review import ReviewFeature

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

MAPPING = """\
as_of = "2027-01-31"
[[file]]
path = "history.csv"
id = "OpportunityId"
stage = "StageName"
date = "CreatedDate"
amount = "Amount"
source = "LeadSource"

[stages]
Inquiry = "Inquiry"
"Closed Won" = "Closed won"
"Closed Lost" = "lost"

[sources]
Web = "inbound"
"""


def saved_plan_with_exports(window: MainWindow, folder: Path) -> Path:
    plan = folder / "q1.toml"
    shutil.copyfile(sample_plan_path(), plan)
    lines = ["OpportunityId,StageName,CreatedDate,Amount,LeadSource"]
    lines += [f"o{i},Inquiry,2027-01-10T09:00:00Z,10000,Web" for i in range(30)]
    lines += [f"o{i},Closed Won,2027-01-25T09:00:00Z,10000,Web" for i in range(10)]
    (folder / "history.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "q1.actuals.toml").write_text(MAPPING, encoding="utf-8")
    assert window.workflow.open(plan)
    return plan


def reviewed(qtbot: QtBot, window: MainWindow, folder: Path) -> ReviewFeature:
    """The window on the saved plan with its exports, after one Refresh actuals."""
    saved_plan_with_exports(window, folder)
    feature = window.review
    assert feature.refresh()
    qtbot.waitUntil(lambda: feature.review is not None, timeout=20_000)
    return feature


def test_without_actuals_the_tab_says_how_to_get_them(
        qtbot: QtBot, main_window: MainWindow) -> None:
    feature = main_window.review
    file_menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&File")
    assert feature.action in file_menu.actions()
    assert feature.action.shortcut().toString() == "Ctrl+R"
    assert not feature.view.built  # start-up does not pay for the tab
    view = feature.view.view
    assert view.heading.text() == wording.NO_REVIEW
    assert not view.content.isVisibleTo(view)
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)  # a new, unsaved plan
    assert view.message.text() == wording.UNSAVED_PLAN
    assert main_window.chart_tabs.currentWidget() is feature.view


def test_refresh_reads_the_saved_mapping_and_shows_the_review(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    saved_plan_with_exports(main_window, tmp_path)
    feature = main_window.review
    view = feature.view.view
    assert feature.refresh()
    assert feature.importing is not None
    assert view.progress.isVisibleTo(view)
    assert not view.refresh_button.isEnabled()  # one refresh at a time
    qtbot.waitUntil(lambda: feature.review is not None, timeout=20_000)
    review = feature.review
    assert review is not None
    assert not view.progress.isVisibleTo(view)
    assert main_window.actuals.last is not None  # the Actuals tab has the import too
    assert "31 January 2027, 30 records" in view.heading.text()
    revenue = review.kpi("revenue")
    assert revenue.actual == pytest.approx(100_000)
    target = main_window.document.result.target_monthly[0]
    assert revenue.planned == pytest.approx(target)  # all of January has gone
    tile = view.tiles[0]
    assert tile.value.text() == wording.money(100_000, review.currency)
    assert f"{revenue.percent * 100:+.1f}%" in tile.plan.text()
    assert "won so far" in tile.toolTip()
    assert view.chart.series()["Revenue"] == cumulative_share(review.revenue)
    inquiries = next(r for r in review.table if (r.stage, r.source) == ("inquiry", ""))
    assert inquiries.actual == 30
    assert view.table.text(0, 0) == "Inquiry"
    assert view.table.text(0, 2) == "30"  # Stage, Planned, Actual, ...
    assert view.table.horizontalHeaderItem(5).text() == "Inbound marketing"
    assert view.landing.text(3, 1) == f"{review.landing.total:,.0f}"
    assert view.landing.horizontalHeaderItem(1).text() == review.currency
    assert view.sla_none.isVisibleTo(view)  # the export has no hand-off times
    # Ctrl+R again, from the keyboard: a second import, the same figures.
    feature.review = None
    qtbot.keyClick(main_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: feature.review is not None, timeout=20_000)
    assert feature.review.kpi("revenue").actual == pytest.approx(100_000)


def test_the_rates_switch_and_an_edit_review_again(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    saved_plan_with_exports(main_window, tmp_path)
    feature = main_window.review
    view = feature.view.view
    assert feature.refresh()
    qtbot.waitUntil(lambda: feature.review is not None, timeout=20_000)
    assert feature.review.landing.rates == "plan"
    view.rates.setCurrentIndex(view.rates.findData("estimated"))
    qtbot.waitUntil(lambda: feature.review.landing.rates == "estimated", timeout=20_000)
    assert view.landing.toolTip() == wording.RATES_LABELS["estimated"]
    document = main_window.document
    doubled = document.plan.target.revenue * 2
    document.edit("Double the target", lambda plan: set_target(plan, revenue=doubled))
    qtbot.waitUntil(lambda: feature.review.kpi("landing").planned == pytest.approx(doubled),
                    timeout=20_000)
    assert feature.review.kpi("revenue").planned == pytest.approx(
        document.result.target_monthly[0])


def test_a_mapping_that_is_gone_says_what_to_do(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    saved_plan_with_exports(main_window, tmp_path)
    (tmp_path / "q1.actuals.toml").unlink()
    feature = main_window.review
    assert not feature.refresh()
    assert "q1.actuals.toml" in feature.view.view.message.text()
    (tmp_path / "q1.actuals.toml").write_text(MAPPING.replace("history.csv", "gone.csv"),
                                              encoding="utf-8")
    assert feature.refresh()
    qtbot.waitUntil(lambda: feature.importing is None, timeout=20_000)
    message = feature.view.view.message.text()
    assert message.startswith("Refresh actuals failed: gone.csv")
    assert feature.review is None  # nothing shown is made up


def test_a_burst_of_edits_makes_one_more_review_not_one_each(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    feature = reviewed(qtbot, main_window, tmp_path)
    before = feature._number
    document = main_window.document
    revenue = document.plan.target.revenue
    for k in range(1, 6):  # five edits before the window's loop runs again
        document.edit(f"Target {k}", lambda plan, k=k: set_target(plan, revenue=revenue + k))
    qtbot.waitUntil(lambda: feature.reviewing is None and not feature._again, timeout=20_000)
    assert feature._number - before == 2  # the first edit's, then one for the other four
    assert feature.review.kpi("landing").planned == pytest.approx(revenue + 5)


def test_next_weeks_refresh_stands_beside_last_weeks(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    """The refresh of Sunday 31 January is kept as a snapshot; a week on (Sunday 7
    February), 5 more inquiries came on 3 February: the review sets itself beside the
    first, in the tiles, the variance table and week by week."""
    saved_plan_with_exports(main_window, tmp_path)
    feature = main_window.review
    view = feature.view.view
    assert feature.refresh()
    qtbot.waitUntil(lambda: feature.review is not None, timeout=20_000)
    assert feature.review.last_week is None
    assert view.trend_none.isVisibleTo(view)
    assert not view.trend.isVisibleTo(view)
    assert not view.tiles[0].last.isVisibleTo(view)
    assert [s.as_of.isoformat() for s in main_window.document.snapshots.taken] == [
        "2027-01-31"]
    with (tmp_path / "history.csv").open("a", encoding="utf-8") as history:
        history.writelines(f"n{i},Inquiry,2027-02-03T09:00:00Z,10000,Web\n" for i in range(5))
    (tmp_path / "q1.actuals.toml").write_text(MAPPING.replace("2027-01-31", "2027-02-07"),
                                              encoding="utf-8")
    qtbot.keyClick(main_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: feature.review.as_of.isoformat() == "2027-02-07", timeout=20_000)
    review = feature.review
    assert review.last_week is not None
    assert review.last_week.as_of.isoformat() == "2027-01-31"
    revenue = review.kpi("revenue").last_week
    assert revenue.actual == pytest.approx(100_000)  # what was won by 31 January
    assert revenue.planned == pytest.approx(main_window.document.result.target_monthly[0])
    tile = view.tiles[0]
    assert tile.last.isVisibleTo(view)
    assert tile.last.text() == f"was {revenue.percent * 100:+.1f}% on 31 Jan"
    assert view.table.horizontalHeaderItem(5).text() == "Since 31 Jan"
    assert view.table.horizontalHeaderItem(6).text() == "Was %"
    assert view.table.text(0, 0) == "Inquiry"
    assert (view.table.text(0, 2), view.table.text(0, 5)) == ("35", "+5")
    inquiry = review.last_week.stage("inquiry")
    assert view.table.text(0, 6) == f"{inquiry.percent * 100:+.1f}%"
    assert view.trend.isVisibleTo(view)
    assert not view.trend_none.isVisibleTo(view)
    heads = [view.trend.horizontalHeaderItem(c).text() for c in range(view.trend.columnCount())]
    assert heads == ["Stage", "31 Jan", "7 Feb", "Change"]
    assert [view.trend.text(0, c) for c in range(4)] == ["Inquiry", "30", "35", "+5"]
    assert [s.as_of.isoformat() for s in main_window.document.snapshots.taken] == [
        "2027-01-31", "2027-02-07"]


def test_month_by_month_shows_the_chosen_figure(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    """January 2027: 100,000 won against the month's target; 30 inquiries, all inbound."""
    feature = reviewed(qtbot, main_window, tmp_path)
    months = feature.view.view.months
    review = feature.review
    target = main_window.document.result.target_monthly[0]
    assert months.figure.currentText() == "Revenue won"
    assert not months.source.isEnabled()  # revenue is not split by source
    assert [months.table.text(0, c) for c in range(6)] == [
        "Jan 27", f"{target:,.0f}", "100,000", f"{100_000 - target:+,.0f}",
        f"{(100_000 - target) / target * 100:+.1f}%", f"{100_000 - target:+,.0f}"]
    assert months.table.rowCount() == 1  # only January has begun by 31 January
    qtbot.keyClicks(months.figure, "Inquiry")
    assert months.figure.currentData() == "inquiry"
    assert months.source.isEnabled()
    (inquiry,) = (v for v in review.stages if v.stage == "inquiry")
    (jan,) = inquiry.months
    assert [months.table.text(0, c) for c in range(3)] == [
        "Jan 27", f"{jan.planned:,.1f}", "30"]
    qtbot.keyClicks(months.source, "Inbound")
    assert months.source.currentData() == "inbound"
    (inbound,) = (v for v in review.by_source["inbound"] if v.stage == "inquiry")
    assert months.table.text(0, 1) == f"{inbound.months[0].planned:,.1f}"
    assert months.table.text(0, 2) == "30"  # every inquiry came from Web: inbound
    # An edit of the plan reviews again: the picks stay.
    document = main_window.document
    document.edit("Double the target", lambda plan: set_target(
        plan, revenue=plan.target.revenue * 2))
    qtbot.waitUntil(lambda: feature.review is not review, timeout=20_000)
    assert (months.figure.currentData(), months.source.currentData()) == ("inquiry", "inbound")


def test_sla_compliance_names_the_stale_hand_offs_on_hover(
        qtbot: QtBot, main_window: MainWindow, tmp_path: Path) -> None:
    feature = reviewed(qtbot, main_window, tmp_path)
    stale = tuple(Stale(f"o{i}", "ana" if i % 2 else "", 40.0 - i) for i in range(12))
    measured = SlaCompliance("speed-to-lead", 4.0, 30, 42, 2.5, 9.0, 0.6,
                             ((4.0, 0.6), (8.0, 0.7), (16.0, 0.8)), stale)
    view = feature.view.view
    view.show_review(dataclasses.replace(feature.review, slas=(measured,)))
    assert view.sla.isVisibleTo(view)
    assert not view.sla_none.isVisibleTo(view)
    assert [view.sla.text(0, c) for c in range(6)] == [
        "speed-to-lead", "42", "60.0%", "2.5", "9.0", "12"]
    tip = view.sla.item(0, 5).toolTip().splitlines()
    assert len(tip) == 11  # the ten oldest, then how many more
    assert tip[0] == "o0 \u2013 no owner, 40.0 h waiting"  # the oldest first
    assert tip[1].startswith("o1 \u2013 ana, ")
    assert tip[-1] == "and 2 more"
