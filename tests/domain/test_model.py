"""Plan values refuse invalid fields, naming each one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from plan_factory import chain, plan

from alignplanner.domain.plan.funnel import Recycle, Source, Stage, Target
from alignplanner.domain.problems import PlanInvalid, dotted


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def test_dotted_paths() -> None:
    assert dotted(("stages", 2, "conversion")) == "stages[2].conversion"
    assert dotted(("pipeline", "existing", "sql")) == "pipeline.existing.sql"


@pytest.mark.parametrize("value", [0, -0.1, 1.2, float("nan"), float("inf"), True, "0.3"])
def test_conversion_out_of_range_is_refused(value: object) -> None:
    with pytest.raises(PlanInvalid) as exc:
        Stage(id="mql", name="MQL", conversion=value, days=3)  # type: ignore[arg-type]
    assert "conversion" in problems(exc)


def test_all_problems_of_a_stage_are_reported_at_once() -> None:
    with pytest.raises(PlanInvalid) as exc:
        Stage(id="Bad Id", name="", owner="ceo", conversion=2, days=-1)  # type: ignore[arg-type]
    assert set(problems(exc)) == {"id", "name", "owner", "conversion", "days"}


def test_recycle_must_point_up_the_funnel() -> None:
    stages = list(chain([0.5, 0.5]))
    stages[0] = replace(stages[0], recycle=Recycle("s1", 0.3, 30))
    with pytest.raises(PlanInvalid) as exc:
        plan(tuple(stages))
    assert "a later stage" in problems(exc)["stages[0].recycle.to"]
    stages[0] = replace(stages[0], recycle=Recycle("nowhere", 0.3, 30))
    with pytest.raises(PlanInvalid) as exc:
        plan(tuple(stages))
    assert "no stage" in problems(exc)["stages[0].recycle.to"]


def test_last_stage_takes_no_conversion() -> None:
    stages = list(chain([0.5]))
    stages[-1] = replace(stages[-1], conversion=0.5)
    with pytest.raises(PlanInvalid) as exc:
        plan(tuple(stages))
    assert "'won'" in problems(exc)["stages[1].conversion"]


def test_duplicate_stage_ids() -> None:
    stages = list(chain([0.5, 0.5]))
    stages[1] = replace(stages[1], id="s0")
    with pytest.raises(PlanInvalid) as exc:
        plan(tuple(stages))
    assert "already used" in problems(exc)["stages[1].id"]


def test_source_shares_must_add_up() -> None:
    sources = [Source(id="a", enters="s0", share=0.5), Source(id="b", enters="s0", share=0.47)]
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), sources=sources)
    assert "97.00%" in problems(exc)["sources"]


def test_source_must_enter_an_open_stage() -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), sources=[Source(id="a", enters="s1", share=1.0)])
    assert "sources[0].enters" in problems(exc)


def test_target_checks() -> None:
    with pytest.raises(PlanInvalid) as exc:
        Target(revenue=-5, average_deal_size=0, growth=-2)
    assert set(problems(exc)) == {"revenue", "average_deal_size", "growth"}
    with pytest.raises(PlanInvalid) as exc:
        Target(revenue=100, average_deal_size=10, monthly_revenue=(50.0, 40.0))
    assert "adds up to 90.00" in problems(exc)["monthly_revenue"]


def test_monthly_values_need_one_per_month() -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), months=12, weights=[1.0] * 11)
    assert "(12), got 11" in problems(exc)["target.monthly_weights"]


@pytest.mark.parametrize("start", [date(2027, 1, 2)])
def test_start_is_first_of_month(start: date) -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), start=start)
    assert "first day" in problems(exc)["plan.start"]


def test_months_range() -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), months=121)
    assert "plan.months" in problems(exc)


def test_unknown_pipeline_stage() -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), existing={"s1": 3})
    assert "pipeline.existing.s1" in problems(exc)


def test_absurd_plan_is_refused_by_the_engine() -> None:
    from alignplanner.domain.engine.compute import compute

    p = plan(chain([1e-9, 1e-9]))
    with pytest.raises(PlanInvalid) as exc:
        compute(p)
    assert "stages[0].conversion" in problems(exc)


@pytest.mark.parametrize("rates", [[5e-324, 0.5], [0.5, 5e-324], [1e-200, 1e-200]])
def test_a_conversion_so_small_no_unit_is_ever_won_is_refused_naming_it(
        rates: list[float]) -> None:
    """The chance of a win underflows to 0: refused with the conversion named, not a
    division by zero (found by tests/contract/test_fuzz.py)."""
    from alignplanner.domain.engine.compute import compute

    worst = rates.index(min(rates))
    with pytest.raises(PlanInvalid) as exc:
        compute(plan(chain(rates)))
    assert f"stages[{worst}].conversion" in problems(exc)


def test_out_of_range_months_is_one_problem_not_two() -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan(chain([0.5]), months=0, weights=[1.0] * 12)
    assert set(problems(exc)) == {"plan.months"}
