"""Edits of roles, SLAs and the business calendar (alignplanner.domain.ops_edits): each
returns a new valid plan or refuses with the field named."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.edits import calendar as calendar_edits
from alignplanner.domain.edits import roles as role_edits
from alignplanner.domain.edits import slas as sla_edits
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid
from alignplanner.domain.sla.sla import EscalationStep, Sla
from alignplanner.domain.team.role import Role


def base() -> Plan:
    """s0 -> s1 (worked by SDRs, with an SLA into s2) -> s2 -> s3 won."""
    sdr = Role(id="sdr", works="s1", per_rep_per_month=200, handle_minutes=10, headcount=5)
    sla = Sla(
        id="s1-touch",
        from_stage="s1",
        to_stage="s2",
        role="sdr",
        respond_within_hours=4,
        escalation=(EscalationStep(after_hours=2, to="sdr"),),
    )
    p = plan(chain([0.2, 0.5, 0.4]))
    return p.with_changes(roles=(sdr,), slas=(sla,))


def paths(exc: pytest.ExceptionInfo[PlanInvalid]) -> list[str]:
    return [".".join(str(k) for k in p.path) for p in exc.value.problems]


def test_add_role_works_the_first_stage_without_one_and_is_valid() -> None:
    p = role_edits.add_role(base())
    assert [r.id for r in p.roles] == ["sdr", "role"]
    assert p.roles[1].works == "s0"
    assert p.roles[1].headcount == role_edits.DEFAULT_HEADCOUNT
    assert compute(p).role("role").per_rep == role_edits.DEFAULT_PER_REP
    assert role_edits.add_role(p).roles[2].id == "role-2"


def test_remove_role_takes_its_slas_with_it() -> None:
    p = role_edits.remove_role(base(), 0)
    assert p.roles == ()
    assert p.slas == ()
    with pytest.raises(PlanInvalid) as exc:
        role_edits.remove_role(p, 0)
    assert paths(exc) == ["roles"]


def test_renaming_a_role_follows_its_slas_and_escalation_steps() -> None:
    p = role_edits.set_role(base(), 0, id="bdr")
    assert p.slas[0].role == "bdr"
    assert p.slas[0].escalation[0].to == "bdr"


def test_role_values_are_checked_with_the_field_named() -> None:
    for fields, where in (
        ({"headcount": -1}, "roles.0.headcount"),
        ({"attrition": 1.0}, "roles.0.attrition"),
        ({"works": "nowhere"}, "roles.0.works"),
        ({"handle_minutes": 0}, "roles.0.handle_minutes"),
    ):
        with pytest.raises(PlanInvalid) as exc:
            role_edits.set_role(base(), 0, **fields)
        assert where in paths(exc), fields


def test_a_role_switches_between_throughput_and_quota_in_one_edit() -> None:
    p = role_edits.set_role(base(), 0, quota_per_month=50_000.0)
    assert p.roles[0].per_rep_per_month is None
    assert p.roles[0].is_quota_role
    p = role_edits.set_role(p, 0, attainment=0.8)
    back = role_edits.set_role(p, 0, per_rep_per_month=150.0)
    assert back.roles[0].quota_per_month is None
    assert back.roles[0].attainment == 1.0


def test_hires_by_month_grow_and_shrink_the_list() -> None:
    p = role_edits.set_hires(base(), 0, 3, 2)
    assert p.roles[0].hires == (0, 0, 0, 2)
    assert role_edits.set_hires(p, 0, 3, 0).roles[0].hires == ()
    with pytest.raises(PlanInvalid) as exc:
        role_edits.set_hires(p, 0, 12, 1)
    assert paths(exc) == ["roles.0.hires"]


def test_add_sla_on_the_role_without_one_hands_to_the_next_stage() -> None:
    p = role_edits.add_role(base(), works="s0")
    p = sla_edits.add_sla(p)
    new = p.slas[1]
    assert (new.from_stage, new.to_stage, new.role) == ("s0", "s1", "role")
    assert new.respond_within_hours == sla_edits.DEFAULT_WINDOW_HOURS
    assert len(compute(p).slas) == 2
    assert sla_edits.remove_sla(p, 1).slas == base().slas


def test_add_sla_without_roles_says_to_add_one() -> None:
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.add_sla(role_edits.remove_role(base(), 0))
    assert paths(exc) == ["slas"]
    assert "add a role" in exc.value.problems[0].message


def test_moving_an_sla_takes_the_role_that_works_the_new_stage() -> None:
    p = role_edits.add_role(base(), works="s0")
    moved = sla_edits.move_sla(p, 0, "s0")
    sla = moved.slas[0]
    assert (sla.from_stage, sla.to_stage, sla.role) == ("s0", "s2", "role")
    back = sla_edits.move_sla(sla_edits.set_sla(moved, 0, to_stage="s1"), 0, "s1")
    sla = back.slas[0]
    assert (sla.from_stage, sla.to_stage, sla.role) == ("s1", "s2", "sdr")
    with pytest.raises(PlanInvalid) as exc:  # nobody works s2: the role cannot follow
        sla_edits.move_sla(p, 0, "s2")
    assert paths(exc) == ["slas.0.role"]
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.move_sla(p, 0, "s3")
    assert paths(exc) == ["slas.0.from_stage"]


def test_window_switches_between_hours_and_minutes() -> None:
    p = sla_edits.set_window(base(), 0, 10, "minutes")
    assert p.slas[0].respond_within_hours is None
    assert p.slas[0].window_hours == pytest.approx(10 / 60)
    p = sla_edits.set_window(p, 0, 2, "hours")
    assert (p.slas[0].respond_within_hours, p.slas[0].respond_within_minutes) == (2, None)


def test_sla_values_are_checked_with_the_field_named() -> None:
    for fields, where in (
        ({"target": 1.0}, "slas.0.target"),
        ({"accept_within_hours": 0}, "slas.0.accept_within_hours"),
        ({"to_stage": "s0"}, "slas.0.to_stage"),
        ({"on_lapse": "ignore"}, "slas.0.on_lapse"),
        ({"recycle_to": "s3"}, "slas.0.recycle_to"),
    ):
        with pytest.raises(PlanInvalid) as exc:
            sla_edits.set_sla(base(), 0, **fields)
        assert where in paths(exc), fields


def test_escalation_ladder_steps_are_added_changed_and_removed() -> None:
    p = sla_edits.add_escalation_step(base(), 0)
    steps = p.slas[0].escalation
    assert [s.after_hours for s in steps] == [2, 4]
    assert steps[1].action == "reassign"
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.set_escalation_step(p, 0, 1, after_hours=1)
    assert paths(exc) == ["slas.0.escalation.1.after_hours"]
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.set_escalation_step(p, 0, 0, to=" ")
    assert paths(exc) == ["slas.0.escalation.0.to"]
    p = sla_edits.set_escalation_step(p, 0, 0, action="reassign", to="sales manager")
    assert p.slas[0].escalation[0].to == "sales manager"
    assert sla_edits.remove_escalation_step(p, 0, 0).slas[0].escalation == (steps[1],)


def test_obligations_and_reason_codes() -> None:
    p = sla_edits.add_obligation(base(), 0, "qualified leads per SDR per month", 150.0)
    assert p.slas[0].obligations[0].amount == 150.0
    p = sla_edits.set_obligation(p, 0, 0, amount=180.0)
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.set_obligation(p, 0, 0, amount=-1.0)
    assert paths(exc) == ["slas.0.obligations.0.amount"]
    assert sla_edits.remove_obligation(p, 0, 0).slas[0].obligations == ()
    p = sla_edits.add_reason_code(p, 0, "no-budget")
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.add_reason_code(p, 0, "no-budget")
    assert paths(exc) == ["slas.0.reason_codes.1"]
    with pytest.raises(PlanInvalid) as exc:
        sla_edits.add_reason_code(p, 0, "No Budget!")
    assert paths(exc) == ["slas.0.reason_codes.1"]
    assert sla_edits.remove_reason_code(p, 0, "no-budget").slas[0].reason_codes == ()


def test_calendar_edits_and_their_refusals() -> None:
    p = calendar_edits.set_calendar(base(), timezone="Europe/Berlin", hours=("08:00", "16:30"))
    assert p.calendar.timezone == "Europe/Berlin"
    for fields, where in (
        ({"timezone": "Mars/Olympus"}, "calendar.timezone"),
        ({"hours": ("17:00", "09:00")}, "calendar.hours"),
        ({"hours": ("9am", "17:00")}, "calendar.hours.0"),
    ):
        with pytest.raises(PlanInvalid) as exc:
            calendar_edits.set_calendar(p, **fields)
        assert paths(exc) == [where], fields
    p = calendar_edits.set_workday(p, "sat", True)
    assert p.calendar.workdays == ("mon", "tue", "wed", "thu", "fri", "sat")
    p = calendar_edits.set_workday(p, "mon", False)
    assert p.calendar.workdays[0] == "tue"
    p = calendar_edits.add_holiday(p, date(2027, 12, 25))
    p = calendar_edits.add_holiday(p, date(2027, 1, 1))
    assert p.calendar.holidays == (date(2027, 1, 1), date(2027, 12, 25))
    p = calendar_edits.remove_holiday(p, date(2027, 1, 1))
    assert p.calendar.holidays == (date(2027, 12, 25),)


def test_a_holiday_on_a_workday_takes_business_hours_from_the_sla_month() -> None:
    before = compute(base()).slas[0].months[0].business_hours
    holiday = calendar_edits.add_holiday(base(), date(2027, 1, 4))
    after = compute(holiday).slas[0].months[0].business_hours
    # Monday 4 January 2027, 09:00 to 17:00; exact: business hours are counted in whole
    # microseconds, and these are whole hours
    assert before - after == 8.0


@given(
    st.lists(
        st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=1, max_size=14
    ),
    st.booleans(),
)
def test_workday_edits_keep_the_week_in_order(days: list[str], working: bool) -> None:
    p = base()
    for day in days:
        if not working and p.calendar.workdays == (day,):  # the last workday cannot go
            with pytest.raises(PlanInvalid) as exc:
                calendar_edits.set_workday(p, day, working)
            assert paths(exc) == ["calendar.workdays"]
            continue
        p = calendar_edits.set_workday(p, day, working)
        assert (day in p.calendar.workdays) == working
    order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert list(p.calendar.workdays) == sorted(p.calendar.workdays, key=order.index)
