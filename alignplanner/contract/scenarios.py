"""A scenario's plan: the base plan's file shape with the variant's overrides applied,
read back by the same reader, so a variant is checked exactly as a plan file is.

`plan_of` gives the plan of one scenario (the base for `BASE`); `check` reads every
variant of a file and reports each problem at the override (``scenarios[i].set.<key>``)
it comes from, so the reader can give it its line.
"""

from __future__ import annotations

from alignplanner.contract.read.checks import Checker
from alignplanner.contract.read.plan import build_plan
from alignplanner.contract.read.scenarios import apply
from alignplanner.contract.writer import plan_dict
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Path, PlanInvalid, Problem, dotted
from alignplanner.domain.scenarios.scenario import BASE, Scenario, Scenarios


def variant_plan(base: Plan, scenario: Scenario) -> Plan:
    """The plan of ``scenario`` on ``base``; PlanInvalid (paths under ``set``) if an
    override does not fit the base."""
    raw = apply(plan_dict(base), scenario)
    checker = Checker()
    plan = build_plan(raw, checker)
    if checker.problems or plan is None:
        raise PlanInvalid(_blame(scenario, checker.problems))
    if plan.signoff != base.signoff:  # the base's sign-off is the plan's, not a variant's
        plan = plan.with_changes(signoff=base.signoff)
    return plan


def plan_of(base: Plan, scenarios: Scenarios, name: str) -> Plan:
    """The plan of the scenario called ``name`` (KeyError when there is none)."""
    scenario = scenarios.get(name)
    return base if scenario is None else variant_plan(base, scenario)


def agreed_plan(base: Plan, scenarios: Scenarios) -> Plan:
    """The plan of the agreed scenario: what is signed and exported."""
    return plan_of(base, scenarios, scenarios.agreed or BASE)


def check(base: Plan, scenarios: Scenarios) -> list[Problem]:
    """Every problem of every variant, at ``scenarios[i].set.<key>`` (or ``.name``)."""
    problems: list[Problem] = []
    for i, scenario in enumerate(scenarios.variants):
        try:
            variant_plan(base, scenario)
        except PlanInvalid as exc:
            problems.extend(p.prefixed(("scenarios", i)) for p in exc.problems)
    return problems


def _blame(scenario: Scenario, found: list[Problem]) -> list[Problem]:
    """The reader's problems of a variant's plan, each at the override that caused it."""
    keys = list(scenario.overrides)
    out = []
    for problem in found:
        if problem.path[:1] == ("set",):  # from apply: already at its override
            out.append(problem)
            continue
        key = _override_of(problem.path, keys)
        where: Path = ("set", key) if key else ("name",)
        out.append(Problem(where, f"in scenario {scenario.name!r}, "
                           f"{dotted(problem.path)}: {problem.message}"))
    return out


def _override_of(path: Path, keys: list[str]) -> str:
    leaf = next((p for p in reversed(path) if isinstance(p, str)), "")
    matching = [k for k in keys if k.split(".")[-1] == leaf]
    if matching:
        return matching[0]
    return keys[0] if len(keys) == 1 else ""


__all__ = ["agreed_plan", "check", "plan_of", "variant_plan"]
