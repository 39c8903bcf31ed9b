"""Pure plan edits keep the plan valid or refuse, naming the field."""

from __future__ import annotations

import pytest
from plan_factory import chain, plan

from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.edits import sources as source_edits
from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.funnel import Source
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted


def sample() -> Plan:
    return plan(chain([0.5, 0.4, 0.3], recycles={2: (1, 0.3, 30)}),
                sources=[Source("a", "s1", 0.6), Source("b", "s0", 0.4,
                                                           conversion_overrides={"s1": 0.2})],
                existing={"s1": 3}, weights=[1.0] * 12)


def test_renaming_a_stage_id_follows_every_reference() -> None:
    p = stage_edits.set_stage(sample(), 1, id="mql")
    assert p.stages[2].recycle is not None
    assert p.stages[2].recycle.to == "mql"
    assert p.sources[0].enters == "mql"
    assert dict(p.sources[1].conversion_overrides) == {"mql": 0.2}
    assert dict(p.pipeline.existing) == {"mql": 3}


def test_renaming_to_a_used_id_is_refused() -> None:
    with pytest.raises(PlanInvalid) as exc:
        stage_edits.set_stage(sample(), 1, id="s0")
    assert dotted(exc.value.problems[0].path) == "stages[1].id"


def test_removing_a_stage_reroutes_its_sources_and_drops_its_references() -> None:
    p = stage_edits.remove_stage(sample(), 1)
    assert p.stage_ids == ("s0", "s2", "s3")
    assert p.sources[0].enters == "s2"
    assert dict(p.sources[1].conversion_overrides) == {}
    assert p.stages[1].recycle is None
    assert dict(p.pipeline.existing) == {}


def test_removing_the_won_stage_makes_the_one_above_won() -> None:
    p = stage_edits.remove_stage(sample(), 3)
    assert p.stages[-1].conversion is None
    assert p.stages[-1].recycle is None


def test_a_share_edit_rescales_the_others_to_one_hundred_percent() -> None:
    p = source_edits.set_source(sample(), 0, share=0.9)
    assert [s.share for s in p.sources] == pytest.approx([0.9, 0.1])
    assert sum(s.share for s in p.sources) == pytest.approx(1.0, abs=1e-12)


def test_removing_a_source_spreads_its_share() -> None:
    p = source_edits.remove_source(sample(), 0)
    assert [s.share for s in p.sources] == [1.0]  # exact: the last share is 1 - (none)


def test_moving_a_stage_that_would_break_a_recycle_is_refused() -> None:
    with pytest.raises(PlanInvalid) as exc:
        stage_edits.move_stage(sample(), 1, 2)
    assert "recycle" in exc.value.problems[0].message


def test_the_won_stage_cannot_move() -> None:
    with pytest.raises(PlanInvalid):
        stage_edits.move_stage(sample(), 3, 0)


def test_changing_months_resizes_the_weights() -> None:
    p = plan_edits.set_plan(sample(), months=18)
    assert p.months == 18
    assert p.target.monthly_weights is not None
    assert len(p.target.monthly_weights) == 18


def test_out_of_range_months_names_the_field() -> None:
    with pytest.raises(PlanInvalid) as exc:
        plan_edits.set_plan(sample(), months=0)
    assert dotted(exc.value.problems[0].path) == "plan.months"


def test_adding_a_stage_keeps_the_won_stage_last() -> None:
    p = stage_edits.add_stage(sample(), 99)
    assert p.stages[-1].id == "s3"
    assert p.stages[-2].conversion == stage_edits.NEW_CONVERSION


def test_pipeline_zero_removes_the_entry() -> None:
    p = source_edits.set_pipeline(sample(), "s1", 0)
    assert dict(p.pipeline.existing) == {}
