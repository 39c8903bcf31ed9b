"""Stage edits that roles and SLAs follow (alignplanner/domain/edits/follow.py)."""

from __future__ import annotations

import pytest
from plan_factory import chain, plan

from alignplanner.domain.edits import stages as stage_edits
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role


def base() -> Plan:
    """s0 -> s1 -> s2 -> s3 (won); an SDR role on s1 with an SLA s1 -> s2."""
    p = plan(chain([0.5, 0.5, 0.5]))
    sdr = Role(id="sdr", works="s1", per_rep_per_month=100, handle_minutes=10, headcount=2)
    sla = Sla(
        id="first",
        from_stage="s1",
        to_stage="s2",
        role="sdr",
        respond_within_hours=4,
        recycle_to="s0",
    )
    return p.with_changes(roles=(sdr,), slas=(sla,))


def paths(exc: pytest.ExceptionInfo[PlanInvalid]) -> list[str]:
    return [dotted(p.path) for p in exc.value.problems]




def test_renaming_a_stage_renames_it_in_roles_and_slas() -> None:
    p = stage_edits.set_stage(base(), 1, id="mql")
    assert p.roles[0].works == "mql"
    assert p.slas[0].from_stage == "mql"
    p = stage_edits.set_stage(p, 0, id="inquiry")
    assert p.slas[0].recycle_to == "inquiry"
    p = stage_edits.set_stage(p, 2, id="sal")
    assert p.slas[0].to_stage == "sal"


def test_removing_a_stage_moves_roles_and_drops_the_slas_from_it() -> None:
    p = stage_edits.remove_stage(base(), 2)  # the SLA's to-stage: it hands over to s3 now
    assert p.slas[0].to_stage == "s3"
    p = stage_edits.remove_stage(base(), 0)  # the recycle destination goes
    assert p.slas[0].recycle_to is None
    p = stage_edits.remove_stage(base(), 1)  # the SLA's from-stage: the SLA goes, the role moves
    assert p.slas == ()
    assert p.roles[0].works == "s2"


def test_removing_the_won_stage_clears_the_new_last_stage_flag() -> None:
    p = base()
    stages = list(p.stages)
    stages[2] = stages[2].__class__(
        id="s2", name="Stage 2", conversion=0.5, days=3, stale_after_days=14
    )
    p = p.with_changes(stages=tuple(stages))
    assert stage_edits.remove_stage(p, 3).stages[-1].stale_after_days is None
