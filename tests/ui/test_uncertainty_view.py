"""The Uncertainty tab driven by its real widgets: its numbers are the domain's for the
same plan and seed, an edit during a run leads to exactly the newest result shown (the
old fan stays, marked updating, until then), the outcome and scenario switches rerun,
and every number says what it means."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from chart_plans import quiet_plan
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from alignplanner.contract.scenarios import plan_of
from alignplanner.document.document import PlanDocument
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.extras import Extras
from alignplanner.domain.scenarios import edits
from alignplanner.domain.uncertainty import montecarlo
from alignplanner.domain.uncertainty.montecarlo import simulate
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.domain.uncertainty.tornado import tornado
from alignplanner.ui.uncertainty import worker
from alignplanner.ui.uncertainty.view import UncertaintyView
from alignplanner.ui.uncertainty.worker import Findings, Runner
from alignplanner.ui.wording import percent
from alignplanner.ui.wording.uncertainty import UPDATING

pytestmark = pytest.mark.gui

SETTINGS = Uncertainty(seed=7, draws=2_000)


def _document() -> PlanDocument:
    plan = quiet_plan(sources=True)
    document = PlanDocument(plan)
    document.load(plan, None, extras=Extras(uncertainty=SETTINGS))
    return document


def _view(qtbot: QtBot, document: PlanDocument, runner: Runner | None = None) -> UncertaintyView:
    view = UncertaintyView(document, runner=runner or Runner(debounce_ms=5))
    qtbot.addWidget(view)
    view.resize(1200, 900)
    qtbot.waitUntil(lambda: view.findings is not None and not view.runner.busy, timeout=20_000)
    return view


def _revenue(document: PlanDocument, revenue: float) -> None:
    problems = document.edit("Revenue", lambda p: replace(p, target=replace(
        p.target, revenue=revenue)))
    assert problems == []


def test_the_charts_show_the_domains_numbers_for_the_same_seed(qtbot: QtBot) -> None:
    document = _document()
    view = _view(qtbot, document)
    expected = simulate(document.plan, SETTINGS, result=document.result)
    assert view.fan.bands() == expected.monthly_percentiles()
    assert view.fan.plan_line() == document.result.target_monthly
    assert view.figures.hit.text() == percent(round(expected.p_hit, 3))
    assert len(view.figures.month_texts()) == document.plan.months
    bars = tornado(document.plan, SETTINGS, "volume")
    shown = view.tornado.shown_bars()
    assert shown == bars[:len(shown)]
    lows, highs = view.tornado.sides()
    assert lows == [b.outcome_low for b in shown]
    assert highs == [b.outcome_high for b in shown]
    assert view.drivers.rowCount() == len(bars)
    needed = expected.volume_needed()
    assert [row[1] for row in view.volumes.texts()] == [f"{v:,.0f}" for v in needed.values()]
    assert view.status.text() == f"{SETTINGS.draws:,} simulated years, seed {SETTINGS.seed}"


def test_an_edit_during_a_run_shows_only_the_newest_result(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document()
    view = _view(qtbot, document)
    first = view.fan.bands()
    entered, release = threading.Event(), threading.Event()
    ran: list[float] = []

    def gated(plan, settings, *, result):  # type: ignore[no-untyped-def]
        ran.append(plan.target.revenue)
        if len(ran) == 1:  # the first edit's run waits until the second edit is made
            entered.set()
            release.wait(20)
        return montecarlo.simulate(plan, settings, result=result)

    monkeypatch.setattr(worker, "simulate", gated)
    shown: list[Findings] = []
    view.runner.ready.connect(shown.append)
    _revenue(document, 1_500_000)
    qtbot.waitUntil(entered.is_set, timeout=5_000)
    assert view.runner.busy
    assert view.status.text() == UPDATING
    assert view.fan.updating
    assert UPDATING in view.fan.title_label.text()
    assert view.fan.bands() == first  # the old fan stays until the new one is ready
    _revenue(document, 1_800_000)
    release.set()
    qtbot.waitUntil(lambda: not view.runner.busy, timeout=20_000)
    qtbot.wait(50)  # a stale run's late signal would arrive by now
    assert [f.plan.target.revenue for f in shown] == [1_800_000]
    assert ran == [1_500_000, 1_800_000]
    assert view.findings is shown[0]
    expected = simulate(document.plan, SETTINGS, result=document.result)
    assert view.fan.bands() == expected.monthly_percentiles()
    assert not view.fan.updating
    assert UPDATING not in view.status.text()


def test_a_queued_run_is_taken_back_when_a_newer_edit_comes(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three edits while the pool's one thread is busy: the middle one never runs."""
    document = _document()
    view = _view(qtbot, document)
    entered, release = threading.Event(), threading.Event()
    ran: list[float] = []

    def gated(plan, settings, *, result):  # type: ignore[no-untyped-def]
        ran.append(plan.target.revenue)
        if len(ran) == 1:
            entered.set()
            release.wait(20)
        return montecarlo.simulate(plan, settings, result=result)

    monkeypatch.setattr(worker, "simulate", gated)
    _revenue(document, 1_300_000)
    qtbot.waitUntil(entered.is_set, timeout=5_000)
    _revenue(document, 1_400_000)
    qtbot.wait(30)  # past the debounce: the second run is queued behind the first
    _revenue(document, 1_500_000)
    qtbot.wait(30)
    release.set()
    qtbot.waitUntil(lambda: not view.runner.busy, timeout=20_000)
    assert ran == [1_300_000, 1_500_000]
    assert view.findings is not None
    assert view.findings.plan.target.revenue == 1_500_000


def test_the_tornado_switches_to_revenue_for_the_plans_volumes(qtbot: QtBot) -> None:
    document = _document()
    view = _view(qtbot, document)
    view.outcome.setFocus()
    qtbot.keyClick(view.outcome, Qt.Key.Key_Down)
    assert view.chosen_outcome() == "revenue"
    qtbot.waitUntil(lambda: view.findings is not None and view.findings.outcome == "revenue",
                    timeout=20_000)
    bars = tornado(document.plan, SETTINGS, "revenue")
    assert view.tornado.shown_bars() == bars[:len(view.tornado.shown_bars())]
    assert view.drivers.texts()[0][0] in {"Lead conversion", "SQL conversion",
                                          "Average deal size", "Lead days", "SQL days"}


def test_the_scenario_shown_is_the_plan_simulated(qtbot: QtBot) -> None:
    document = _document()
    view = _view(qtbot, document)
    base_hit = view.figures.hit.text()
    problems = document.edit_scenarios("Worse", lambda s: edits.override(
        edits.add(s, "Worse"), "Worse", "stages.lead.conversion", 0.08))
    assert problems == []
    document.show_scenario("Worse")  # the window's switcher: the tab follows it
    qtbot.waitUntil(lambda: view.findings is not None
                    and view.findings.plan.stages[0].conversion == 0.08, timeout=20_000)
    assert view.scenario.text() == "Simulating: Worse"
    variant = plan_of(document.base, document.scenarios, "Worse")
    assert variant == document.plan
    expected = simulate(variant, SETTINGS, result=compute(variant))
    assert view.fan.bands() == expected.monthly_percentiles()
    assert view.figures.hit.text() == percent(round(expected.p_hit, 3))
    assert view.figures.hit.text() != base_hit
    runs = view.runner.generation
    assert document.edit_scenarios("Other", lambda s: edits.add(s, "Other")) == []
    assert view.scenario.text() == "Simulating: Worse"  # the choice is kept
    assert view.runner.generation == runs  # another variant's edit reruns nothing


def test_every_number_says_what_it_means(qtbot: QtBot) -> None:
    view = _view(qtbot, _document())
    figures = view.figures
    labels = [figures.hit, *figures.percentiles.values(),
              *(m for m in figures.month_labels if not m.isHidden())]
    for label in labels:
        assert any(ch.isdigit() for ch in label.text())
        assert label.toolTip(), label.text()
    assert "simulated years" in figures.hit.toolTip()
    assert "P10" in figures.percentiles[10].toolTip()
    for table in (view.drivers, view.volumes):
        for row_texts, row_tips in zip(table.texts(), table.tips(), strict=True):
            assert all(row_tips), row_texts
    assert "P10" in view.fan.key_text(0)
    assert "P90" in view.fan.key_text(0)
    assert "swung from" in view.tornado.key_text(0)


@pytest.mark.qt_log_ignore("does not support raise")  # the tooltip beside the item
def test_the_arrow_keys_step_through_the_months_and_the_drivers(qtbot: QtBot) -> None:
    view = _view(qtbot, _document())
    for chart, count in ((view.fan, 12), (view.tornado, len(view.tornado.shown_bars()))):
        chart.setFocus()
        qtbot.keyClick(chart, Qt.Key.Key_Right)
        qtbot.keyClick(chart, Qt.Key.Key_Right)
        assert chart.keys.current == 1
        assert chart.accessibleDescription() == chart.key_text(1)
        qtbot.keyClick(chart, Qt.Key.Key_End)
        assert chart.keys.current == count - 1
    assert view.findings is not None
    assert view.fan.key_text(11).startswith(view.findings.result.months[11].strftime("%b %Y"))
