"""Plans for the chart, warnings-panel and export tests (tests/ui/test_charts*.py, ...).

The sample plans come from the repository's scenarios/ folder; small ones are built in code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alignplanner.contract.reader import load
from alignplanner.document.document import PlanDocument
from alignplanner.domain.plan.funnel import Source, Stage, Target
from alignplanner.domain.plan.plan import Plan

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def sample_document(name: str = "midmarket-saas") -> PlanDocument:
    path = SCENARIOS / f"{name}.toml"
    loaded = load(path)
    return PlanDocument(loaded.plan, path=path, result=loaded.result)


def quiet_plan(*, sources: bool = False) -> Plan:
    """Lead -> SQL -> Won, no lags, no loops, no pipeline: a plan without warnings."""
    stages = (
        Stage(id="lead", name="Lead", owner="marketing", conversion=0.1, days=0),
        Stage(id="sql", name="SQL", owner="sales", conversion=0.5, days=0),
        Stage(id="won", name="Won", owner="sales"),
    )
    mix = (
        Source(id="inbound", name="Inbound", enters="lead", share=0.75),
        Source(id="partner", name="Partner", enters="sql", share=0.25, average_deal_size=20_000),
    )
    return Plan(name="Quiet plan", start=date(2027, 1, 1), months=12,
                target=Target(revenue=1_200_000, average_deal_size=10_000), stages=stages,
                sources=mix if sources else ())
