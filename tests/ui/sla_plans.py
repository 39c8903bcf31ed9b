"""A plan with a business calendar, SDR and AE roles and an SLA on the MQL hand-off, for
the SLA, team and capacity tests (the sample plans have none until the plan file carries
them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from alignplanner.domain.plan.funnel import Recycle, Source, Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import EscalationStep, Obligation, Sla
from alignplanner.domain.team.role import Role


def ops_plan(*, sdr_headcount: float = 4.0, window_hours: float = 1.0) -> Plan:
    """Inquiry -> MQL (worked by SDRs) -> SAL -> Opportunity (worked by AEs) -> Won,
    12 months from January 2027, New York business hours."""
    stages = (
        Stage(id="inquiry", name="Inquiry", owner="marketing", conversion=0.2, days=10),
        Stage(
            id="mql",
            name="MQL",
            owner="marketing",
            conversion=0.5,
            days=3,
            recycle=Recycle("mql", 0.2, 60),
            stale_after_days=14.0,
        ),
        Stage(id="sal", name="SAL", owner="sdr", conversion=0.6, days=7),
        Stage(id="opportunity", name="Opportunity", owner="sales", conversion=0.3, days=30),
        Stage(id="won", name="Won", owner="sales"),
    )
    roles = (
        Role(
            id="sdr",
            works="mql",
            per_rep_per_month=180,
            handle_minutes=30,
            headcount=sdr_headcount,
            ramp=(0.25, 0.5, 0.75),
            hires=(0, 0, 2),
            attrition=0.02,
        ),
        Role(
            id="ae",
            works="opportunity",
            quota_per_month=250_000,
            attainment=0.8,
            handle_minutes=30,
            headcount=6,
            ramp=(0.0, 0.25, 0.5),
        ),
    )
    sla = Sla(
        id="mql-first-touch",
        from_stage="mql",
        to_stage="sal",
        role="sdr",
        respond_within_hours=window_hours,
        target=0.95,
        accept_within_hours=8,
        reason_codes=("no-budget", "wrong-fit"),
        on_lapse="accept",
        attempts=6,
        attempts_within_days=10,
        recycle_to="mql",
        nurture_days=90,
        escalation=(
            EscalationStep(after_hours=4, action="notify", to="SDR manager"),
            EscalationStep(after_hours=8, action="reassign", to="sdr"),
        ),
        obligations=(Obligation(text="qualified leads per SDR per month", amount=180),),
    )
    return Plan(
        name="Ops plan",
        start=date(2027, 1, 1),
        months=12,
        target=Target(revenue=24_000_000, average_deal_size=25_000),
        stages=stages,
        sources=(
            Source(id="inbound", name="Inbound", enters="inquiry", share=0.8),
            Source(id="outbound", name="Outbound", enters="mql", share=0.2),
        ),
        calendar=BusinessCalendar(
            timezone="America/New_York",
            hours=("09:00", "17:00"),
            holidays=(date(2027, 1, 1), date(2027, 12, 24)),
        ),
        roles=roles,
        slas=(sla,),
    )


def with_sdrs(plan: Plan, headcount: float) -> Plan:
    roles = tuple(replace(r, headcount=headcount) if r.id == "sdr" else r for r in plan.roles)
    return replace(plan, roles=roles)
