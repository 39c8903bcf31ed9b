"""Edits of the calendar, roles and SLAs; stage edits that roles and SLAs follow."""

from __future__ import annotations

from datetime import date

import pytest
from plan_factory import chain, plan

from alignplanner.domain import edits, ops_edits
from alignplanner.domain.capacity import Role
from alignplanner.domain.model import Plan
from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.sla import Sla


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


def test_set_calendar_and_its_problems_name_the_field() -> None:
    p = ops_edits.set_calendar(base(), timezone="Europe/Paris", holidays=(date(2027, 5, 1),))
    assert p.calendar.timezone == "Europe/Paris"
    with pytest.raises(PlanInvalid) as exc:
        ops_edits.set_calendar(p, hours=("17:00", "09:00"))
    assert paths(exc) == ["calendar.hours"]


def test_add_set_and_remove_a_role() -> None:
    p = ops_edits.add_role(base(), works="s2")
    assert [r.id for r in p.roles] == ["sdr", "sdr-2"]
    p = ops_edits.set_role(p, 1, id="ae", quota_per_month=50_000, attainment=0.8)
    ae = p.role("ae")
    assert ae.per_rep_per_month is None
    assert ae.per_rep == 40_000
    p = ops_edits.set_role(p, 1, per_rep_per_month=20)
    assert p.role("ae").quota_per_month is None
    assert p.role("ae").attainment == 1.0
    with pytest.raises(PlanInvalid) as exc:
        ops_edits.set_role(p, 0, headcount=-1)
    assert paths(exc) == ["roles[0].headcount"]
    assert ops_edits.remove_role(p, 1).roles == p.roles[:1]


def test_renaming_a_role_follows_its_slas_and_removing_it_is_refused_while_used() -> None:
    p = ops_edits.set_role(base(), 0, id="bdr")
    assert p.slas[0].role == "bdr"
    with pytest.raises(PlanInvalid) as exc:
        ops_edits.remove_role(p, 0)
    assert paths(exc) == ["roles[0]"]
    assert "relies on" in str(exc.value)


def test_add_set_and_remove_an_sla() -> None:
    p = ops_edits.add_sla(base(), "sdr")
    added = p.slas[1]
    assert (added.id, added.from_stage, added.to_stage) == ("s1-first-touch", "s1", "s2")
    assert added.window_hours == 4
    p = ops_edits.set_sla(p, 1, respond_within_minutes=10)
    assert p.slas[1].respond_within_hours is None
    assert p.slas[1].window_hours == pytest.approx(10 / 60)
    p = ops_edits.set_sla(p, 1, respond_within_hours=2)
    assert p.slas[1].respond_within_minutes is None
    with pytest.raises(PlanInvalid) as exc:
        ops_edits.set_sla(p, 1, target=1.5)
    assert paths(exc) == ["slas[1].target"]
    with pytest.raises(PlanInvalid) as exc:
        ops_edits.set_sla(p, 1, to_stage="s0")
    assert paths(exc) == ["slas[1].to_stage"]
    assert ops_edits.remove_sla(p, 1).slas == p.slas[:1]


def test_renaming_a_stage_renames_it_in_roles_and_slas() -> None:
    p = edits.set_stage(base(), 1, id="mql")
    assert p.roles[0].works == "mql"
    assert p.slas[0].from_stage == "mql"
    p = edits.set_stage(p, 0, id="inquiry")
    assert p.slas[0].recycle_to == "inquiry"
    p = edits.set_stage(p, 2, id="sal")
    assert p.slas[0].to_stage == "sal"


def test_removing_a_stage_moves_roles_and_drops_the_slas_from_it() -> None:
    p = edits.remove_stage(base(), 2)  # the SLA's to-stage: it hands over to s3 now
    assert p.slas[0].to_stage == "s3"
    p = edits.remove_stage(base(), 0)  # the recycle destination goes
    assert p.slas[0].recycle_to is None
    p = edits.remove_stage(base(), 1)  # the SLA's from-stage: the SLA goes, the role moves
    assert p.slas == ()
    assert p.roles[0].works == "s2"


def test_removing_the_won_stage_clears_the_new_last_stage_flag() -> None:
    p = base()
    stages = list(p.stages)
    stages[2] = stages[2].__class__(
        id="s2", name="Stage 2", conversion=0.5, days=3, stale_after_days=14
    )
    p = p.with_changes(stages=tuple(stages))
    assert edits.remove_stage(p, 3).stages[-1].stale_after_days is None
