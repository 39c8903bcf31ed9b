"""``compute --scenario NAME`` and ``compute --all-scenarios``: one scenario's requirements,
or the headline figures of every scenario side by side with the differences against the
base."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from alignplanner.cli.common import UsageError, table

if TYPE_CHECKING:
    from alignplanner.contract.reader import LoadedPlan
    from alignplanner.domain.plan.plan import Plan
    from alignplanner.domain.results import Result


def scenario_plan(loaded: LoadedPlan, name: str) -> tuple[Plan, Result]:
    """The plan and result of scenario ``name``; UsageError naming the scenarios there are."""
    from alignplanner.contract.scenarios import plan_of
    from alignplanner.domain.engine.compute import compute
    from alignplanner.domain.scenarios.scenario import BASE

    try:
        plan = plan_of(loaded.plan, loaded.scenarios, name)
    except KeyError:
        there = ", ".join(repr(n) for n in (BASE, *loaded.scenarios.names))
        raise UsageError(f"no scenario {name!r} in this plan; its scenarios are: {there}") from None
    return plan, (loaded.result if plan is loaded.plan else compute(plan))


def diffed(a: str, b: str | None, against: str | None,
           scenario: str | None) -> tuple[Plan, Plan, Result, Result]:
    """The two plans and results ``diff`` compares: scenario ``against`` of file ``a`` and
    scenario ``scenario`` of file ``b`` (of ``a`` when there is no ``b``); each the base
    when not named. UsageError when one file and no scenario say nothing to compare."""
    from alignplanner.cli.common import load

    if b is None and scenario is None and against is None:
        raise UsageError("diff needs a second plan file B, or --scenario NAME to compare "
                         "two scenarios of one plan")
    first = load(a)
    second = first if b is None else load(b)
    pa, ra = scenario_plan(first, against) if against else (first.plan, first.result)
    pb, rb = scenario_plan(second, scenario) if scenario else (second.plan, second.result)
    return pa, pb, ra, rb


def all_scenarios(loaded: LoadedPlan) -> str:
    """The headline figures of every scenario as a plain-text table."""
    from alignplanner.domain.scenarios.headline import side_by_side
    from alignplanner.domain.scenarios.scenario import BASE

    names = (BASE, *loaded.scenarios.names)
    computed = [scenario_plan(loaded, n) for n in names]
    agreed = loaded.scenarios.agreed or BASE
    head = ["Figure", *(f"{n} (agreed)" if n == agreed else n for n in names)]
    rows = []
    for row in side_by_side(computed):
        cells = [row.label, _number(row.values[0])]
        for value, diff in zip(row.values[1:], row.differences[1:], strict=True):
            cells.append(_number(value) + ("" if not diff else f" ({_signed(diff)})"))
        rows.append(cells)
    lines = [loaded.plan.name, "Headline figures per scenario (difference against "
             f"{BASE} in brackets)", "", *table(head, rows, left=1), ""]
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _signed(diff: float | None) -> str:
    if diff is None or math.isnan(diff):
        return "-"
    return f"{diff:+,.0f}"


__all__ = ["all_scenarios", "scenario_plan"]
