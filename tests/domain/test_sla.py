"""SLA values refuse invalid fields, naming each one; the plan checks their references."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plan_factory import chain, plan

from alignplanner.domain.plan.funnel import Stage
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import PlanInvalid, dotted
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import EscalationStep, Obligation, Sla
from alignplanner.domain.team.role import Role


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def sla(**changes: object) -> Sla:
    """The [[slas]] example of the SLA design brief, on a plan of stages s0 -> s1 -> s2."""
    values: dict[str, object] = {
        "id": "mql-first-touch",
        "from_stage": "s0",
        "to_stage": "s1",
        "role": "sdr",
        "respond_within_hours": 4,
        "target": 0.95,
    }
    values.update(changes)
    return Sla(**values)  # type: ignore[arg-type]


def sdr(**changes: object) -> Role:
    values: dict[str, object] = {
        "id": "sdr",
        "works": "s0",
        "per_rep_per_month": 180,
        "handle_minutes": 12,
        "headcount": 4,
    }
    values.update(changes)
    return Role(**values)  # type: ignore[arg-type]


def ops_plan(
    roles: tuple[Role, ...] = (),
    slas: tuple[Sla, ...] = (),
    stages: tuple[Stage, ...] | None = None,
) -> Plan:
    return plan(stages or chain([0.5, 0.5]), months=3).with_changes(roles=roles, slas=slas)


def test_the_issue_example_is_valid() -> None:
    s = sla()
    assert s.window_hours == 4.0
    assert s.on_lapse == "accept"
    assert ops_plan((sdr(),), (s,)).slas == (s,)


def test_a_full_sla_is_valid_and_lists_become_tuples() -> None:
    s = sla(
        respond_within_hours=None,
        respond_within_minutes=15,
        accept_within_hours=8,
        reason_codes=["not-icp", "duplicate"],
        on_lapse="return",
        attempts=6,
        attempts_within_days=10,
        recycle_to="s0",
        nurture_days=90,
        escalation=[
            EscalationStep(after_hours=0.5, to="SDR manager"),
            EscalationStep(after_hours=2, action="reassign", to="sdr"),
        ],
        obligations=[Obligation(text="qualified leads per SDR per month", amount=150)],
    )
    assert s.window_hours == 0.25
    assert s.reason_codes == ("not-icp", "duplicate")
    assert isinstance(s.escalation, tuple)
    assert isinstance(s.obligations, tuple)


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"respond_within_hours": None}, "respond_within_hours"),
        ({"respond_within_minutes": 15}, "respond_within_hours"),
        ({"respond_within_hours": 0}, "respond_within_hours"),
        ({"respond_within_hours": -1}, "respond_within_hours"),
        (
            {"respond_within_hours": None, "respond_within_minutes": float("nan")},
            "respond_within_minutes",
        ),
        ({"target": 1.0}, "target"),
        ({"target": 0}, "target"),
        ({"target": 95}, "target"),
        ({"id": "Bad Id"}, "id"),
        ({"from_stage": ""}, "from_stage"),
        ({"to_stage": "S 1"}, "to_stage"),
        ({"role": None}, "role"),
        ({"accept_within_hours": 0}, "accept_within_hours"),
        ({"on_lapse": "reject"}, "on_lapse"),
        ({"reason_codes": ("ok", "Not ICP")}, "reason_codes[1]"),
        ({"reason_codes": ("dup", "dup")}, "reason_codes[1]"),
        ({"attempts": 0}, "attempts"),
        ({"attempts": 2.5}, "attempts"),
        ({"attempts_within_days": 10}, "attempts"),
        ({"attempts": 3, "attempts_within_days": -1}, "attempts_within_days"),
        ({"recycle_to": "Nurture!"}, "recycle_to"),
        ({"nurture_days": -3}, "nurture_days"),
        ({"name": 7}, "name"),
        ({"response": None}, "response"),
        ({"escalation": ("notify",)}, "escalation[0]"),
        (
            {
                "escalation": (
                    EscalationStep(after_hours=4, to="x"),
                    EscalationStep(after_hours=2, to="y"),
                )
            },
            "escalation[1].after_hours",
        ),
        ({"obligations": "deliver leads"}, "obligations"),
    ],
)
def test_each_wrong_field_is_named(changes: dict[str, object], where: str) -> None:
    with pytest.raises(PlanInvalid) as exc:
        sla(**changes)
    assert where in problems(exc)


def test_all_problems_at_once() -> None:
    with pytest.raises(PlanInvalid) as exc:
        sla(id="", target=2, on_lapse="later", nurture_days=-1)
    assert set(problems(exc)) == {"id", "target", "on_lapse", "nurture_days"}


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"after_hours": 0}, "after_hours"),
        ({"action": "fire"}, "action"),
        ({"to": "  "}, "to"),
    ],
)
def test_escalation_steps_name_their_field(changes: dict[str, object], where: str) -> None:
    values: dict[str, object] = {"after_hours": 2, "to": "sales manager"}
    values.update(changes)
    with pytest.raises(PlanInvalid) as exc:
        EscalationStep(**values)  # type: ignore[arg-type]
    assert where in problems(exc)


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"text": ""}, "text"),
        ({"amount": -1}, "amount"),
        ({"amount": "lots"}, "amount"),
    ],
)
def test_obligations_name_their_field(changes: dict[str, object], where: str) -> None:
    values: dict[str, object] = {"text": "leads per rep per month"}
    values.update(changes)
    with pytest.raises(PlanInvalid) as exc:
        Obligation(**values)  # type: ignore[arg-type]
    assert where in problems(exc)


@given(st.floats(min_value=0.01, max_value=1000))
def test_minutes_are_sixtieths_of_an_hour(minutes: float) -> None:
    assert sla(
        respond_within_hours=None, respond_within_minutes=minutes
    ).window_hours == pytest.approx(minutes / 60)


# -- the plan's cross-checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "slas", "where", "words"),
    [
        ((sdr(), sdr()), (), "roles[1].id", "already used"),
        ((sdr(works="nowhere"),), (), "roles[0].works", "does not exist"),
        ((sdr(),), (sla(), sla()), "slas[1].id", "already used"),
        ((sdr(),), (sla(from_stage="zz"),), "slas[0].from_stage", "does not exist"),
        ((sdr(),), (sla(to_stage="zz"),), "slas[0].to_stage", "does not exist"),
        ((sdr(),), (sla(to_stage="s0"),), "slas[0].to_stage", "not after"),
        (
            (sdr(works="s1"),),
            (sla(from_stage="s1", to_stage="s0"),),
            "slas[0].to_stage",
            "not after",
        ),
        ((sdr(),), (sla(role="ae"),), "slas[0].role", "does not exist"),
        ((), (sla(),), "slas[0].role", "none declared"),
        ((sdr(works="s1"),), (sla(),), "slas[0].role", "works 's1'"),
        ((sdr(handle_minutes=0),), (sla(),), "roles[0].handle_minutes", "minutes"),
        (
            (sdr(works="s1"),),
            (sla(from_stage="s1", to_stage="s2", recycle_to="s2"),),
            "slas[0].recycle_to",
            "above",
        ),
        ((sdr(),), (sla(recycle_to="zz"),), "slas[0].recycle_to", "above"),
    ],
)
def test_plan_cross_checks_name_the_field(
    roles: tuple[Role, ...], slas: tuple[Sla, ...], where: str, words: str
) -> None:
    with pytest.raises(PlanInvalid) as exc:
        ops_plan(roles, slas)
    found = problems(exc)
    assert where in found, found
    assert words in found[where]


def test_a_role_may_work_the_won_stage_and_an_sla_may_skip_stages() -> None:
    p = ops_plan((sdr(), sdr(id="csm", works="s2")), (sla(to_stage="s2"),))
    assert p.role("csm").works == "s2"
    assert p.sla("mql-first-touch").to_stage == "s2"
    with pytest.raises(KeyError):
        p.role("ae")
    with pytest.raises(KeyError):
        p.sla("nope")


def test_plan_defaults_to_the_default_calendar() -> None:
    p = ops_plan()
    assert p.calendar == BusinessCalendar()
    assert p.roles == ()
    assert p.slas == ()


def test_calendar_must_be_a_calendar() -> None:
    with pytest.raises(PlanInvalid) as exc:
        ops_plan().with_changes(calendar="UTC")
    assert "calendar" in problems(exc)


def test_stale_after_days_is_checked_on_the_stage_and_refused_on_won() -> None:
    with pytest.raises(PlanInvalid) as exc:
        Stage(id="mql", name="MQL", conversion=0.5, days=3, stale_after_days=0)
    assert "stale_after_days" in problems(exc)
    stages = list(chain([0.5]))
    stages[-1] = replace(stages[-1], stale_after_days=30)
    with pytest.raises(PlanInvalid) as exc:
        plan(tuple(stages))
    assert "'won'" in problems(exc)["stages[1].stale_after_days"]


def test_plans_with_operations_compare_and_hash() -> None:
    a = ops_plan((sdr(),), (sla(),)).with_changes(
        calendar=BusinessCalendar(timezone="Europe/Berlin", holidays=(date(2027, 1, 1),))
    )
    b = ops_plan((sdr(),), (sla(),)).with_changes(
        calendar=BusinessCalendar(timezone="Europe/Berlin", holidays=(date(2027, 1, 1),))
    )
    assert a == b
    assert hash(a) == hash(b)
    assert a != a.with_changes(slas=(sla(target=0.9),))


def test_role_name_must_be_text() -> None:
    with pytest.raises(PlanInvalid) as exc:
        sdr(name=5)
    assert set(problems(exc)) == {"name"}


def test_at_most_so_many_roles_and_slas() -> None:
    from alignplanner.domain.plan.consistency import MAX_ROLES, MAX_SLAS

    roles = tuple(sdr(id=f"r{i}") for i in range(MAX_ROLES + 1))
    with pytest.raises(PlanInvalid) as exc:
        ops_plan(roles)
    assert "at most" in problems(exc)["roles"]
    slas = tuple(sla(id=f"s{i}") for i in range(MAX_SLAS + 1))
    with pytest.raises(PlanInvalid) as exc:
        ops_plan((sdr(),), slas)
    assert "at most" in problems(exc)["slas"]
