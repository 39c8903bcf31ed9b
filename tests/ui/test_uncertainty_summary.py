"""The PDF one-pager's fifth key figure: the chance to reach the target and the horizon's
P10/P50/P90, the plan's seeded Monte Carlo with the plan file's seed and draws."""

from __future__ import annotations

from chart_plans import quiet_plan

from alignplanner.document.document import PlanDocument
from alignplanner.domain.extras import Extras
from alignplanner.domain.uncertainty.montecarlo import simulate
from alignplanner.domain.uncertainty.settings import Uncertainty
from alignplanner.ui.charts.summary_page import header_facts
from alignplanner.ui.export import simulation
from alignplanner.ui.wording import money, percent


def test_the_summary_shows_p_hit_and_the_percentiles_of_the_files_seed() -> None:
    plan = quiet_plan()
    document = PlanDocument(plan)
    settings = Uncertainty(seed=11, draws=3_000)
    document.load(plan, None, extras=Extras(uncertainty=settings))
    drawn = simulation(document)
    expected = simulate(plan, settings, result=document.result)
    assert (drawn.seed, drawn.draws) == (11, 3_000)
    assert drawn.p_hit == expected.p_hit
    label, value, note = header_facts(plan, document.result, drawn)[-1]
    assert label == "Chance to reach target"
    assert value == percent(round(expected.p_hit, 3))
    q = expected.percentiles()
    assert f"P10 {money(q[10])} · P50 {money(q[50])} · P90 {money(q[90])}" in note
    assert "3,000 draws, seed 11" in note


def test_without_a_simulation_the_summary_keeps_its_four_figures() -> None:
    plan = quiet_plan()
    document = PlanDocument(plan)
    assert [f[0] for f in header_facts(plan, document.result)] == [
        "Horizon", "Target revenue", "Average deal size", "Wins needed"]
