"""A scenario's plan: the base plan's file shape with the variant's overrides applied,
read back by the same reader, so a variant is checked exactly as a plan file is.

`plan_of` gives the plan of one scenario (the base for `BASE`); `check` reads every
variant of a file and reports each problem at the override (``scenarios[i].set.<key>``)
it comes from, so the reader can give it its line.
"""

from __future__ import annotations

from typing import Any

from alignplanner.contract.read.checks import Checker
from alignplanner.contract.read.plan import build_plan
from alignplanner.contract.read.scenarios import LISTS_BY_ID, apply
from alignplanner.contract.writer import plan_dict
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.problems import Path, PlanInvalid, Problem, dotted
from alignplanner.domain.results import Result
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


def signed_plan(base: Plan, scenarios: Scenarios) -> Plan:
    """The plan that is signed: the agreed scenario applied on the base (the base itself
    when no variant is agreed). Its digest is what a signature covers, and it carries the
    base's sign-off (the signatures live with the base)."""
    return agreed_plan(base, scenarios)


def agreed_export(base: Plan, result: Result, scenarios: Scenarios) -> tuple[Plan, Result, str]:
    """What is exported: the agreed scenario's plan, its result, and its name ("" when the
    base is agreed). ``result`` is the base's."""
    plan = agreed_plan(base, scenarios)
    if plan is base:
        return base, result, ""
    return plan, compute(plan), scenarios.agreed


def edited(base: Plan, scenario: Scenario, before: Plan, after: Plan) -> tuple[Plan, Scenario]:
    """An edit made while ``scenario`` is shown (``before`` -> ``after``, both plans of that
    variant) as the base it leaves and the variant it makes.

    Each key the edit changed becomes an override (or stops being one when it is back to
    the base's value); the other overrides stay, so a later change of the base still
    reaches every key the variant does not override. A change of the sign-off is the
    base's (signatures and who must sign belong to the plan, not to a variant). Adding,
    removing or reordering stages, sources, roles or SLAs is done in the base:
    PlanInvalid says so."""
    old, new, shape = plan_dict(before), plan_dict(after), plan_dict(base)
    if old.pop("signoff", None) != new.pop("signoff", None):
        base = base.with_changes(signoff=after.signoff)
    overrides = dict(scenario.overrides)
    for key, value in _changes(old, new, ()):
        dotted_key = ".".join(key)
        at_base = _at(shape, key)
        if value is _GONE:  # back to its default, which the file leaves out
            if at_base is not _GONE:
                overrides[dotted_key] = _default(base, Scenario(scenario.name, overrides), key)
            else:
                overrides.pop(dotted_key, None)
        elif value == at_base:
            overrides.pop(dotted_key, None)
        else:
            overrides[dotted_key] = value
    made = Scenario(scenario.name, overrides, scenario.description)
    if plan_dict(variant_plan(base, made)) != plan_dict(after):
        raise PlanInvalid([Problem(("scenarios",), f"this change cannot be kept as an "
                                   f"override of scenario {scenario.name!r}; make it in "
                                   "the base plan")])
    return base, made


_GONE = object()
_DEFAULTS: tuple[Any, ...] = (0, False, "", "none", [], {})


def _default(base: Plan, scenario: Scenario, key: tuple[str, ...]) -> Any:
    """The value that, written out, says what the file says by leaving ``key`` out (the
    writer omits defaults): the first of a few plain ones that reads back to no key."""
    dotted_key = ".".join(key)
    for value in _DEFAULTS:
        try:
            plan = variant_plan(base, scenario.with_override(dotted_key, value))
        except PlanInvalid:
            continue
        if _at(plan_dict(plan), key) is _GONE:
            return value
    raise PlanInvalid([Problem(("scenarios",), f"scenario {scenario.name!r} cannot leave "
                               f"out {dotted_key!r}, which the base plan sets; change it in "
                               "the base plan")])


def _changes(old: Any, new: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    """The key paths (list entries by id) whose values differ from ``old`` to ``new``."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[tuple[tuple[str, ...], Any]] = []
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                out.append(((*path, key), _GONE))
            elif key not in old:
                out.append(((*path, key), new[key]))
            else:
                out += _changes(old[key], new[key], (*path, key))
        return out
    if len(path) == 1 and path[0] in LISTS_BY_ID and isinstance(old, list) \
            and isinstance(new, list):
        ids = [e.get("id") for e in old], [e.get("id") for e in new]
        if ids[0] != ids[1]:
            raise PlanInvalid([Problem((path[0],), f"a scenario changes values; add, remove, "
                                       f"rename or reorder {path[0]} in the base plan")])
        out = []
        for a, b in zip(old, new, strict=True):
            out += _changes(a, b, (*path, str(a.get("id"))))
        return out
    return [] if old == new else [(path, new)]


def _at(shape: dict[str, Any], key: tuple[str, ...]) -> Any:
    """The value at ``key`` in a plan's file shape, or _GONE."""
    table: Any = shape
    i = 0
    while i < len(key):
        if i == 0 and key[0] in LISTS_BY_ID and len(key) > 1:
            found = [e for e in table.get(key[0], []) if e.get("id") == key[1]]
            if not found:
                return _GONE
            table, i = found[0], 2
            continue
        if not isinstance(table, dict) or key[i] not in table:
            return _GONE
        table, i = table[key[i]], i + 1
    return table


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


__all__ = ["agreed_export", "agreed_plan", "check", "edited", "plan_of", "signed_plan",
           "variant_plan"]
