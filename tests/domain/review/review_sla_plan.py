"""A small plan with an SLA on the MQL hand-off, New York business hours and New Year's
Day 2027 a holiday, for the tests of SLA compliance from the data."""

from __future__ import annotations

from datetime import date

from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role

SLA_ID = "mql-first-touch"


def sla_plan(window_hours: float = 4.0) -> Plan:
    """Inquiry -> MQL (worked by 4 SDRs, 30 minutes a first touch) -> SAL -> Won, 3 months
    from January 2027."""
    return Plan(
        name="SLA plan", start=date(2027, 1, 1), months=3,
        target=Target(revenue=3_000_000, average_deal_size=25_000),
        stages=(Stage(id="inquiry", name="Inquiry", conversion=0.2, days=10),
                Stage(id="mql", name="MQL", conversion=0.5, days=3, stale_after_days=14.0),
                Stage(id="sal", name="SAL", conversion=0.3, days=30),
                Stage(id="won", name="Won")),
        calendar=BusinessCalendar(timezone="America/New_York", hours=("09:00", "17:00"),
                                  holidays=(date(2027, 1, 1),)),
        roles=(Role(id="sdr", works="mql", per_rep_per_month=180, handle_minutes=30,
                    headcount=4),),
        slas=(Sla(id=SLA_ID, from_stage="mql", to_stage="sal", role="sdr",
                  respond_within_hours=window_hours, target=0.9),),
    )
